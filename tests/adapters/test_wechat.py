"""The WeChat adapter against the real Wechaty puppet service (npm) backed by the mock puppet.

tests/wechaty/mock_server.js runs the service on 127.0.0.1; the adapter connects over gRPC as it
would to a real one: run directly on the test's event loop, then as the `jianfu run` process.
Unit tests of the payload → record mapping need no server.
"""
from __future__ import annotations

import asyncio
import logging
import signal
import threading
import time
import tomllib
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from wechaty_grpc.wechaty.puppet import MessagePayloadResponse, MessageType

from bot import commands
from bot.adapters.base import AdapterError
from bot.adapters.wechat import WechatAdapter, command_text, message_record, timestamp
from bot.config import Config, WechatConfig
from bot.service import Jianfu
from bot.store import Store
from jianfu_process import JianfuRun, Launcher, query, wait_until, write_config
from wechaty_mock import ROOM, TOKEN, TOPIC, MockWechaty, require_node, until

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOTICE = "请各村明天上午10点前报送防汛台账，并附现场照片"
ROOT = Path(__file__).resolve().parents[2]


# --- payload → record, no server ---

def payload(type_=MessageType.MESSAGE_TYPE_TEXT, **fields) -> MessagePayloadResponse:
    fields = {"id": "m1", "room_id": ROOM, "from_id": "u1", "timestamp": 1767225600000,
              "text": "", **fields}
    return MessagePayloadResponse(type=type_, **fields)


def record(p: MessagePayloadResponse, title: str | None = None):
    return message_record(p, tz=SHANGHAI, topic=TOPIC, sender="张主任", title=title)


@pytest.mark.parametrize("type_, fields, title, text, media", [
    (MessageType.MESSAGE_TYPE_IMAGE, {}, None, "[图片]", "image"),
    (MessageType.MESSAGE_TYPE_VIDEO, {}, None, "[视频]", "video"),
    (MessageType.MESSAGE_TYPE_AUDIO, {}, None, "[语音]", "voice"),
    (MessageType.MESSAGE_TYPE_ATTACHMENT, {"filename": "通知.docx"}, None, "[文件] 通知.docx", "file"),
    (MessageType.MESSAGE_TYPE_URL, {"text": "<xml/>"}, "防汛须知", "[链接] 防汛须知", "link"),
    (MessageType.MESSAGE_TYPE_EMOTICON, {}, None, "[动画表情]", "sticker"),
    (MessageType.MESSAGE_TYPE_MINI_PROGRAM, {}, "打卡", "[小程序] 打卡", "mini_program"),
    (MessageType.MESSAGE_TYPE_RED_ENVELOPE, {}, None, "[红包]", "red_packet"),
])
def test_media_become_placeholders(type_, fields, title, text, media):
    message = record(payload(type_, **fields), title)
    assert (message.text, message.media, message.system) == (text, media, False)


def test_text_keeps_room_sender_ids_and_raw():
    message = message_record(payload(text=NOTICE, mention_ids=["u2"]), tz=SHANGHAI, topic=TOPIC,
                             sender="张主任", mentions=("李四",))
    assert (message.platform, message.group_id, message.group, message.msg_id) == (
        "wechat", ROOM, TOPIC, "m1")
    assert (message.sender_id, message.sender, message.text, message.mentions) == (
        "u1", "张主任", NOTICE, ("李四",))
    assert message.raw["mentionIds"] == ["u2"]


def test_recalls_and_system_notices_are_system_messages():
    recalled = record(payload(MessageType.MESSAGE_TYPE_RECALLED, text="m0"))
    notice = record(payload(MessageType.MESSAGE_TYPE_UNSPECIFIED, from_id="",
                            text='"张三"邀请"王五"加入了群聊'))
    assert (recalled.system, recalled.text) == (True, "张主任 撤回了一条消息")
    assert (notice.system, notice.text, notice.sender_id) == (True, '"张三"邀请"王五"加入了群聊', None)


def test_times_are_local_whether_milliseconds_or_seconds():
    expected = datetime(2026, 1, 1, 8, 0, tzinfo=SHANGHAI)
    assert timestamp(1767225600000, SHANGHAI) == expected == timestamp(1767225600, SHANGHAI)
    assert timestamp(1767225600, SHANGHAI).utcoffset() == timedelta(hours=8)


def test_commands_are_recognised_also_with_a_full_width_slash():
    assert command_text(" ／digest 2026-03-12") == "/digest 2026-03-12"
    assert command_text("/help") == "/help"
    assert command_text("你好") is None


@pytest.mark.parametrize("endpoint, token, problem", [
    ("", "t0ken", "[wechat] endpoint"), ("127.0.0.1:1", "", "[wechat] token")])
async def test_missing_endpoint_or_token_is_a_clear_error(store, tiny_classifier, endpoint,
                                                          token, problem):
    config = Config(wechat=WechatConfig(endpoint=endpoint, token=token))
    with pytest.raises(AdapterError, match=problem.replace("[", r"\[")) as error:
        await WechatAdapter(Jianfu(store, tiny_classifier, config)).run()
    assert "t0ken" not in str(error.value)


def test_config_example_documents_the_wechat_keys():
    text = (ROOT / "config.example.toml").read_text(encoding="utf-8")
    table = tomllib.loads(text)["wechat"]
    assert set(table) == {"endpoint", "token", "heartbeat_seconds", "silence_seconds"}
    section = text.split("[wechat]", 1)[1].split("\n[", 1)[0]
    assert "JIANFU_WECHAT_ENDPOINT" in section and "JIANFU_WECHAT_TOKEN" in section
    assert section.count("\n#") >= 6  # every key has its comment


# --- against the puppet service ---

@pytest.fixture
def server(tmp_path):
    mock = MockWechaty(require_node(), tmp_path).start()
    yield mock
    mock.kill()


@pytest.fixture
def core(tmp_path, tiny_classifier, server):
    config = Config(db=str(tmp_path / "jianfu.db"), admins=["wechat:u2"],
                    wechat=WechatConfig(endpoint=server.endpoint, token=TOKEN,
                                        heartbeat_seconds=0.3, silence_seconds=2))
    store = Store(config.db)
    yield Jianfu(store, tiny_classifier, config)
    store.close()


class Clock:
    """What the scheduler thinks the time is."""

    def __init__(self):
        self.at: datetime | None = None

    def now(self) -> datetime:
        return self.at or datetime.now(SHANGHAI)


@pytest.fixture
async def bot(core, server):
    clock = Clock()
    adapter = WechatAdapter(core, retry_first=0.05, retry_max=0.4, tick_seconds=0.05,
                            clock=clock.now)
    adapter.test_clock = clock
    task = asyncio.create_task(adapter.run())
    await until(adapter.connected.is_set, "the adapter to log in")
    yield adapter
    await adapter.stop()
    await asyncio.wait_for(task, 10)


def rows(core, sql: str, *args) -> list[tuple]:
    return list(core.store.db.execute(sql, args))


def members(core) -> dict[str, str]:
    return {m["member_id"]: m["name"] for m in core.store.members(f"wechat:{ROOM}")}


async def stored(core, n: int) -> None:
    await until(lambda: core.store.count_messages() >= n, f"{n} messages stored")


async def test_room_messages_are_stored_with_topic_members_and_placeholders(server, core, bot):
    server.say("u1", NOTICE, mentions=["u2"])
    server.say("u2", type="image")
    server.say("u2", type="file", filename="防汛台账模板.xlsx")
    link = server.say("u1", type="link")
    server.say("u1", type="recalled")
    await stored(core, 5)

    got = rows(core, "select sender_id, sender, text, media, mentions, system, group_name "
                     "from messages order by ts_epoch, rowid")
    assert got == [
        ("u1", "张主任", NOTICE, None, '["李四"]', 0, TOPIC),
        ("u2", "李四", "[图片]", "image", "[]", 0, TOPIC),
        ("u2", "李四", "[文件] 防汛台账模板.xlsx", "file", "[]", 0, TOPIC),
        ("u1", "张主任", f"[链接] mock title for {link}", "link", "[]", 0, TOPIC),
        ("u1", "张主任", "张主任 撤回了一条消息", None, "[]", 1, TOPIC)]
    assert members(core) == {"u1": "张主任", "u2": "李四"}  # the member list, the bot left out
    assert rows(core, "select distinct source from members") == [("member_list",)]
    assert core.store.groups()[0]["name"] == TOPIC
    assert rows(core, "select count(*) from classifications")[0][0] == 5
    assert not server.of("sent")  # nothing is ever said in a room


async def test_joins_and_leaves_follow_the_member_list(server, core, bot):
    server.say("u1", "大家好")
    await until(lambda: "u2" in members(core), "the member list")
    server.send(cmd="join", room=ROOM, members=["u3"], by="u1")
    await until(lambda: "u3" in members(core), "the new member")
    assert members(core)["u3"] == "王五"
    server.send(cmd="leave", room=ROOM, members=["u2"], by="u1")
    await until(lambda: "u2" not in members(core), "the member who left to be removed")
    assert core.member_groups("wechat", "u2") == set()


async def test_a_member_gets_the_digest_through_the_service(server, core, bot):
    server.say("u1", NOTICE)
    server.say("u2", "收到")
    await stored(core, 2)
    server.say("u2", "/digest", room=None)
    digest = (await until(lambda: server.sent_to("u2"), "the digest"))[0]
    assert "工作日报" in digest and "防汛台账" in digest and TOPIC in digest
    server.say("u2", "／help", room=None)  # a full-width slash from a Chinese keyboard
    await until(lambda: len(server.sent_to("u2")) == 2, "the help")
    assert "/subscribe" in server.sent_to("u2")[1]


async def test_a_stranger_gets_a_polite_refusal_and_nothing_else(server, core, bot):
    server.say("u1", NOTICE)
    await stored(core, 1)
    server.say("u9", "/digest", room=None)
    server.say("u9", "/stats", room=None)
    server.say("u1", "在吗", room=None)  # small talk is not a command: no answer
    await until(lambda: len(server.sent_to("u9")) == 2, "two refusals")
    await asyncio.sleep(0.3)
    assert server.sent_to("u9") == [commands.REFUSAL, commands.REFUSAL]
    assert [e["to"] for e in server.of("sent")] == ["u9", "u9"]  # and the echoes were ignored
    assert not server.of("sent_file")


async def test_reply_files_are_sent_or_said_where_they_are(server, core, bot, tmp_path,
                                                           monkeypatch):
    report = tmp_path / "审计.xlsx"
    report.write_bytes(b"PK\x03\x04 not really a spreadsheet")
    monkeypatch.setattr(commands, "handle",
                        lambda core, request: commands.Reply(["本周统计"], [report]))
    server.say("u1", "你好")
    await stored(core, 1)
    server.say("u2", "/stats", room=None)
    sent = await until(lambda: server.of("sent_file"), "the report file")
    assert sent == [{"event": "sent_file", "to": "u2", "name": "审计.xlsx",
                     "size": report.stat().st_size}]
    assert server.sent_to("u2") == ["本周统计"]

    server.send(cmd="no_files")
    server.say("u2", "/audit", room=None)
    await until(lambda: len(server.sent_to("u2")) == 3, "a note where the file is")
    assert str(report) in server.sent_to("u2")[2]


async def test_replays_are_stored_once_and_commands_answered_once(server, core, bot):
    ids = [server.say("u1", f"第{n}条通知：请今天下午5点前上报") for n in range(5)]
    server.say("u2", "/digest", room=None)
    await until(lambda: server.sent_to("u2"), "the digest")
    server.send(cmd="replay")  # what a puppet's re-sync after a re-login delivers again
    server.say("u1", "最后一条")
    await stored(core, 6)
    await asyncio.sleep(0.3)
    assert sorted(r[0] for r in rows(core, "select msg_id from messages")) == sorted(
        ids + [server.of("said")[-1]["id"]])
    assert len(server.sent_to("u2")) == 1


async def test_a_restarted_service_is_reconnected_with_backoff(server, core, bot, caplog):
    server.say("u1", "重启之前")
    await stored(core, 1)
    server.kill()
    await until(lambda: not bot.connected.is_set(), "the adapter to notice")
    await asyncio.sleep(1)  # a few refused attempts, backing off
    server.restart()
    await until(bot.connected.is_set, "the adapter to reconnect")
    server.say("u1", "重启之后")
    await stored(core, 2)
    assert "reconnecting in 0.4 s" in caplog.text  # the backoff reached its ceiling
    assert "cannot reach the puppet service" in caplog.text


async def test_a_silent_stream_is_detected_and_reconnected(server, core, bot, caplog):
    server.send(cmd="mute")  # the stream stays open but nothing comes through any more
    server.say("u1", "静默期间")  # lost with the stream, as in the field
    await until(lambda: server.count("stream_open") == 2, "a new event stream", timeout=10)
    assert "no event for 2 s; reconnecting" in caplog.text
    server.say("u1", "重连之后")
    await stored(core, 1)
    assert rows(core, "select text from messages") == [("重连之后",)]


async def test_a_subscription_gets_one_digest_a_day_at_local_time(server, core, bot):
    server.say("u1", NOTICE)
    await stored(core, 1)
    clock = bot.test_clock
    clock.at = datetime.now(SHANGHAI).replace(hour=6, minute=59)
    server.say("u1", "/subscribe 07:00", room=None)
    await until(lambda: server.sent_to("u1"), "the confirmation")
    await asyncio.sleep(0.3)
    assert len(server.sent_to("u1")) == 1  # 06:59: not yet

    clock.at = clock.at.replace(hour=7, minute=0)
    digests = lambda: [t for t in server.sent_to("u1") if "工作日报" in t]  # noqa: E731
    await until(digests, "the scheduled digest")
    assert "防汛台账" in digests()[0]
    clock.at = clock.at.replace(hour=9)
    await asyncio.sleep(0.3)
    assert len(digests()) == 1  # not twice the same day
    clock.at += timedelta(days=1)
    await until(lambda: len(digests()) == 2, "the next day's digest")


async def test_the_token_and_endpoint_are_never_logged(server, core, tiny_classifier, capfd,
                                                       caplog):
    caplog.set_level(logging.DEBUG)  # the HTTP/2 layer logs the token as a header at DEBUG
    adapter = WechatAdapter(core, retry_first=0.05)
    task = asyncio.create_task(adapter.run())
    await until(adapter.connected.is_set, "the adapter to log in")
    server.say("u1", NOTICE)
    await stored(core, 1)
    await adapter.stop()
    await asyncio.wait_for(task, 10)
    logged = caplog.text + capfd.readouterr().err
    assert "<secret>" in logged  # it was there to be blanked
    assert TOKEN not in logged and server.endpoint not in logged


async def test_stop_ends_the_stream_on_the_service(server, core, bot):
    server.say("u1", "通知")
    await stored(core, 1)
    await bot.stop()
    await until(lambda: server.of("stream_closed"), "the service to see the stream end")


# --- end to end: `jianfu run --config` processes ---

@pytest.fixture
def config(server, tmp_path) -> Path:
    """The endpoint in the file, the token from the environment (see `bots`)."""
    return write_config(tmp_path, "wechat", {"endpoint": server.endpoint,
                                             "heartbeat_seconds": 1, "silence_seconds": 5})


@pytest.fixture
def bots(config, tiny_model_path):
    launcher = Launcher(config, tiny_model_path, env={"JIANFU_WECHAT_TOKEN": TOKEN})
    yield launcher
    launcher.close()


def streams(server: MockWechaty, n: int, process: JianfuRun) -> None:
    wait_until(lambda: server.count("stream_open") >= n, "the bot's event stream",
               check=process.check)


def stored_ids(config: Path) -> list[str]:
    return [row[0] for row in query(config.with_name("jianfu.db"), "select msg_id from messages")]


def test_run_records_answers_survives_a_service_restart_and_stops(server, config, bots):
    bot = bots()
    streams(server, 1, bot)
    first = server.say("u1", NOTICE)
    server.say("u1", "/digest", room=None)
    server.say("u9", "/digest", room=None)
    wait_until(lambda: server.sent_to("u1") and server.sent_to("u9"), "the answers",
               check=bot.check)
    assert "防汛台账" in server.sent_to("u1")[0] and server.sent_to("u9") == [commands.REFUSAL]
    assert query(config.with_name("jianfu.db"),
                 "select member_id, source from members order by member_id") == [
        ("u1", "member_list"), ("u2", "member_list")]

    server.restart()  # the puppet service goes away and comes back
    streams(server, 1, bot)
    second = server.say("u2", "收到")
    wait_until(lambda: len(stored_ids(config)) == 2, "the message after the restart",
               check=bot.check)
    assert sorted(stored_ids(config)) == sorted([first, second])

    assert bot.terminate() == 0
    assert server.of("stream_closed")  # the service was told
    logs = bot.output()
    assert "logged in as bot" in logs and "reconnecting" in logs
    assert TOKEN not in logs and server.endpoint not in logs and "Traceback" not in logs


def test_kill_mid_stream_and_restart_loses_and_doubles_nothing(server, config, bots):
    total, ids = 60, []
    first = bots()
    streams(server, 1, first)

    def feed():
        for number in range(1, total + 1):
            ids.append(server.say("u1", f"通知第{number}条：请今天下午5点前上报台账"))
            if number == 5:
                server.say("u2", "/digest", room=None)
            time.sleep(0.02)

    feeder = threading.Thread(target=feed)
    feeder.start()
    wait_until(lambda: len(stored_ids(config)) >= 20, "20 messages stored", check=first.check)
    assert first.kill() == -signal.SIGKILL  # no clean-up of any kind
    feeder.join()
    assert len(stored_ids(config)) < total  # the rest came while nobody listened

    second = bots()
    streams(server, 2, second)
    server.send(cmd="replay")  # the puppet's re-sync after the re-login
    wait_until(lambda: len(stored_ids(config)) >= total, "every message stored",
               check=second.check)
    time.sleep(0.5)  # replays still in flight would show up as doubles
    assert second.terminate() == 0

    assert sorted(stored_ids(config)) == sorted(ids)  # none missing, none twice
    assert query(config.with_name("jianfu.db"), "select count(*) from classifications") == [
        (total,)]
    assert len(server.sent_to("u2")) == 1  # the command was answered once across the crash
