import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

import bot.ingest.jsonstream
from bot.ingest.common import MAX_TEXT, IngestError
from bot.ingest.run import ingest_paths
from tests.ingest.conftest import SAMPLES, SHANGHAI, read

SINGLE = SAMPLES / "telegram" / "single_group.json"


def test_single_chat_export_reads_every_kind_of_message():
    got = read(SINGLE, "telegram")
    by_id = got.by_id()
    assert got.problems == [] and got.owners == []
    assert sorted(by_id, key=int) == [str(i) for i in range(1, 13)] + ["14"]  # 13: unsupported
    first = by_id["2"]
    assert (first.platform, first.group_id, first.group) == ("telegram", "-1001712345678",
                                                             "城关镇防汛工作群")
    assert (first.sender, first.sender_id) == ("王建国", "5100000001")
    assert first.ts == datetime(2024, 6, 3, 8, 5, 40, tzinfo=SHANGHAI)
    assert by_id["1"].system and by_id["1"].text == "王建国邀请李娜、赵强加入了群聊"
    assert by_id["3"].reply_to == "2"
    assert by_id["4"].text == "请@zhaoqiang_cg 李娜 核对东河村的数据"
    assert by_id["4"].mentions == ("zhaoqiang_cg", "李娜", "5100000002")
    assert (by_id["5"].media, by_id["5"].text) == ("image", "[图片] 东河村物资仓库")
    assert by_id["6"].text == "[文件] 关于做好汛期安全工作的通知.docx"
    assert by_id["12"].text == "[文件] scan_0603.pdf"  # older exports: name from the path
    assert [by_id[i].text for i in "789"] == ["[语音]", "[动画表情]", "[视频] 排涝现场"]
    assert by_id["10"].forwarded_from == "县防汛抗旱指挥部"
    assert by_id["11"].edited and not by_id["10"].edited
    assert by_id["2"].raw["date_unixtime"] == "1717373140"


def test_date_unixtime_wins_and_a_bare_date_is_local_time():
    got = read(SINGLE, "telegram", tz=ZoneInfo("UTC")).by_id()
    assert got["2"].ts == datetime(2024, 6, 3, 8, 5, 40, tzinfo=SHANGHAI)  # same instant
    assert got["14"].ts == datetime(2024, 6, 3, 11, 0, tzinfo=ZoneInfo("UTC"))


def test_whole_account_export_reads_groups_only_and_names_the_owner():
    got = read(SAMPLES / "telegram" / "full_export" / "result.json", "telegram")
    assert got.owners == ["王建国"]
    assert {(m.group_id, m.group) for m in got.messages} == {
        ("-4200001", "西岭村两委"), ("-1001600000007", "县扶贫办通知群")}  # left_chats too
    texts = [m.text for m in got.messages]
    assert texts[0] == "王建国创建了群聊「西岭村两委」" and "孙红退出了群聊" in texts
    assert "[投票] 周五培训能否参加？" in texts
    assert "王书记，材料已发邮箱" not in texts and "天气预报" not in texts


def test_owner_becomes_a_member_of_every_imported_group(store):
    ingest_paths(store, [SAMPLES / "telegram" / "full_export"], tz=SHANGHAI)
    assert store.groups_of("王建国") >= {"telegram:-4200001", "telegram:-1001600000007"}


def test_a_personal_chat_export_is_refused_clearly():
    with pytest.raises(IngestError, match="personal_chat, not a group"):
        read(SAMPLES / "telegram" / "personal_chat.json", "telegram")


def test_bad_messages_are_reported_by_line_and_the_rest_is_read():
    got = read(SAMPLES / "telegram" / "missing_fields.json", "telegram")
    assert [m.msg_id for m in got.messages] == ["1", "5"]
    assert [(p.line, p.reason) for p in got.problems] == [
        (21, "missing field 'date'"), (28, "'text' must be a string or a list of parts"),
        (38, "missing field 'id'")]


def test_truncated_export_keeps_what_came_before_the_cut(store):
    summary = ingest_paths(store, [SAMPLES / "telegram" / "truncated.json"], tz=SHANGHAI)
    assert summary.new == 2 and store.count_messages() == 2
    assert [(p.line, p.reason) for p in summary.problems] == [
        (39, "the file ends in the middle (truncated?)")]


def test_reading_in_tiny_chunks_gives_the_same_messages(monkeypatch):
    whole = read(SINGLE, "telegram").messages
    monkeypatch.setattr(bot.ingest.jsonstream, "CHUNK", 7)
    assert read(SINGLE, "telegram").messages == whole


def test_a_5_mb_message_is_stored_cut_and_reported(tmp_path):
    export = json.loads(SINGLE.read_text(encoding="utf-8"))
    export["messages"][1]["text"] = "台账" * 900_000  # 5.4 MB of UTF-8
    path = tmp_path / "result.json"
    path.write_text(json.dumps(export, ensure_ascii=False, indent=1), encoding="utf-8")
    got = read(path, "telegram")
    assert len(got.by_id()["2"].text) == MAX_TEXT and len(got.messages) == 13
    assert [p.reason for p in got.problems] == ["text longer than 1,000,000 characters: stored cut"]
