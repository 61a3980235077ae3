from datetime import datetime

from bot.ingest.run import ingest_paths
from tests.ingest.conftest import SAMPLES, SHANGHAI, read

QQ = SAMPLES / "qq" / "全部消息记录.txt"
WECOM = SAMPLES / "wecom" / "msgaudit.jsonl"
ROOM = "wrOgQhDgAAcwMTB7YmDkbeBsgT_AAAAA"


def test_qq_gb18030_export_with_two_chats():
    assert QQ.read_bytes().decode("gb18030").startswith("消息记录")  # really not UTF-8
    got = read(QQ, "qq")
    assert [(m.group, m.sender, m.sender_id) for m in got.messages[:3]] == [
        ("城关镇党政办工作群", "系统消息", "10000"), ("城关镇党政办工作群", "王建国", "10001"),
        ("城关镇党政办工作群", "李娜", "10002")]
    assert got.messages[0].system and not got.messages[1].system
    assert got.messages[1].text == "@李娜 请今天下班前报送周报\n谢谢"
    assert got.messages[1].mentions == ("李娜",)
    assert got.messages[1].ts == datetime(2024, 3, 12, 8, 30, 15, tzinfo=SHANGHAI)
    last = got.messages[-1]
    assert (last.group_id, last.sender, last.text) == ("西岭村两委", "孙红(办公室)",
                                                       "明早8点村委会集合")
    assert [(p.line, p.reason) for p in got.problems] == [
        (28, "not a valid time: '2024-02-30 9:00:00'")]


def test_qq_two_identical_pictures_in_one_second_are_both_kept(store):
    pictures = [m for m in read(QQ, "qq").messages if m.media == "image"]
    assert [(p.sender_id, p.text) for p in pictures] == [("zhaoqiang@example.com", "[图片]")] * 2
    assert len({p.key for p in pictures}) == 2
    first = ingest_paths(store, [QQ], tz=SHANGHAI)
    again = ingest_paths(store, [QQ], tz=SHANGHAI)
    assert (first.new, again.new, again.duplicate) == (8, 0, 8)


def test_wecom_archive_group_messages_only():
    got = read(WECOM, "wecom")
    m = got.by_id()
    assert len(m) == 10  # the private chat and the switch line are passed over
    assert {x.group_id for x in got.messages} == {ROOM}
    text = m["CAQQluDa4QUY0On2rYSAgAMgzPrShAE="]
    assert (text.platform, text.sender, text.text) == (
        "wecom", "wangjianguo", "@李娜 请把巡查记录上传到微盘，今天18:00前")
    assert text.ts == datetime(2024, 3, 12, 8, 30, 0, 123000, tzinfo=SHANGHAI)
    assert text.mentions == ("李娜",)
    assert m["CAQQ2uDa4QUY0On2rYSAgAMgzPrShAI="].text == "[图片]"
    assert m["CAQQ3uDa4QUY0On2rYSAgAMgzPrShAM="].text == "[文件] 巡查记录表.xlsx"
    recall = m["CAQQ5uDa4QUY0On2rYSAgAMgzPrShAU="]
    assert recall.system and recall.reply_to == "14417019437946339302_1603875609"
    assert m["CAQQ6uDa4QUY0On2rYSAgAMgzPrShAY="].text.startswith("**请各网格员注意**")
    assert m["CAQQ7uDa4QUY0On2rYSAgAMgzPrShAc="].text == "[链接] 关于开展安全生产大检查的通知"
    assert m["CAQQ9uDa4QUY0On2rYSAgAMgzPrShAk="].text == "现场情况如下 [图片]"
    assert m["CAQQ10Da4QUY0On2rYSAgAMgzPrShAo="].text == "县委召开防汛工作会议"
    assert [p.line for p in got.problems] == [11, 12]
    assert got.problems[1].reason == "missing field 'msgtime'"
    assert got.problems[0].reason.startswith("not valid JSON")
