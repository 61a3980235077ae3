import shutil
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.ingest.common import IngestError
from bot.ingest.run import ingest_paths
from tests.ingest.conftest import SAMPLES, SHANGHAI, read

GROUP = "城关镇网格员工作群"
MEMOTRACE = SAMPLES / "wechat" / GROUP / f"{GROUP}_utf8.csv"
ROOM = "25123456789@chatroom"
PYWXDUMP = SAMPLES / "wechat" / "pywxdump" / ROOM / f"{ROOM}_0_5001.csv"


def test_memotrace_csv_types_become_what_the_chat_window_shows():
    got = read(MEMOTRACE, "wechat-memotrace")
    m = got.by_id()
    assert {(x.platform, x.group_id, x.group) for x in got.messages} == {("wechat", GROUP, GROUP)}
    assert m["2"].text == "@李娜\u2005请今天下午5点前把走访台账发群里" and m["2"].mentions == ("李娜",)
    assert (m["2"].sender, m["2"].sender_id) == ("王书记", "wxid_wang01")  # the exporter's remark
    assert m["2"].ts == datetime(2024, 3, 12, 8, 30, tzinfo=SHANGHAI)
    assert [m[i].text for i in "4567"] == ["[图片]", "[语音]", "[视频]", "[动画表情]"]
    assert [m[i].media for i in "4567"] == ["image", "voice", "video", "sticker"]
    assert m["8"].text == "[文件] 城关镇网格化管理实施方案.docx"
    assert m["9"].text == "[链接] 关于进一步规范村级事务的通知"
    assert m["10"].text == "东河村已完成"  # a quote-reply shows the reply
    assert m["11"].text.startswith("#接龙\n走访完成情况") and "2. 赵强 已完成" in m["11"].text
    assert m["12"].text == "各网格员每日18:00前在群内报告当日巡查情况，不再要求上传照片。"
    assert m["13"].text == "[聊天记录] 群聊的聊天记录"
    assert m["1"].system and m["1"].text == '"王建国"邀请"李娜"、"赵强"加入了群聊'
    assert m["14"].system and m["14"].text == '"赵强" 撤回了一条消息'
    assert m["15"].text == '通知：\n1. 周三上午开会,\n2. 带"笔记本"'
    assert m["16"].text == "已上报台账"  # NUL bytes dropped


def test_memotrace_exporter_is_the_owner_and_bad_rows_are_reported_by_line():
    got = read(MEMOTRACE, "wechat-memotrace")
    assert got.owners == ["李娜"]
    assert [(p.line, p.reason) for p in got.problems] == [
        (38, "Type is not a number: 'abc'"), (39, "expected 12 fields, found 5"),
        (40, "neither CreateTime nor StrTime is a time")]


def test_memotrace_local_time_without_zone_uses_the_configured_zone():
    row = read(MEMOTRACE, "wechat-memotrace", tz=ZoneInfo("Asia/Urumqi")).by_id()["20"]
    assert row.ts == datetime(2024, 3, 12, 11, 30, tzinfo=ZoneInfo("Asia/Urumqi"))


def test_a_csv_with_the_wrong_header_fails_as_a_whole():
    with pytest.raises(IngestError) as caught:
        read(SAMPLES / "wechat" / "wrong_header.csv", "wechat-memotrace")
    assert caught.value.problem.line == 1
    assert "not a WeChatMsg/MemoTrace CSV" in caught.value.problem.reason


def test_pywxdump_csv_with_its_users_json():
    got = read(PYWXDUMP, "wechat-pywxdump")
    m = got.by_id()
    key = "70100000000000000"
    assert (m[key + "02"].sender, m[key + "02"].sender_id, m[key + "02"].group_id) == (
        "王书记", "wxid_wang01", ROOM)
    assert m[key + "02"].ts == datetime(2024, 3, 12, 8, 30, tzinfo=SHANGHAI)
    assert [m[key + n].text for n in ("04", "05", "06", "07")] == [
        "[图片]", "[语音]", "[视频]", "[动画表情]"]
    assert m[key + "08"].text == "[文件] 网格员考核办法.xlsx"
    assert m[key + "09"].text == "[链接] 关于进一步规范村级事务的通知"
    assert m[key + "10"].text == "已完成"
    assert m[key + "11"].text.startswith("#接龙\n入户走访完成情况")
    assert m[key + "12"].text.startswith("各网格员每日18:00前")
    assert m[key + "13"].system and m[key + "01"].system and m[key + "01"].sender == ""
    assert m[key + "14"].sender == "我"
    assert None in m and m[None].text == "没有服务器编号"  # MsgSvrID 0 is no id
    assert got.owners == ["李娜"]
    assert [(p.line, p.reason) for p in got.problems] == [
        (26, "not a time: '昨天下午'"), (27, "expected 9 fields, found 7")]


def test_pywxdump_without_users_json_shows_wxids(tmp_path):
    shutil.copy(PYWXDUMP, tmp_path / PYWXDUMP.name)
    got = read(tmp_path / PYWXDUMP.name, "wechat-pywxdump")
    assert got.by_id()["7010000000000000002"].sender == "wxid_wang01"
    assert got.owners == ["wxid_lina02"]


def test_exporter_becomes_a_member_of_the_group(store):
    ingest_paths(store, [MEMOTRACE], tz=SHANGHAI)
    assert store.groups_of("李娜") == {f"wechat:{GROUP}"}
