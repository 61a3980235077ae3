"""The Telegram adapter driving the real python-telegram-bot Application against a fake Bot API
server on 127.0.0.1, storing into a real SQLite file."""
from __future__ import annotations

import asyncio
import json
import logging
import re
import sqlite3
import tomllib
from datetime import datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from telegram import Message as TgMessage

from bot import commands
from bot.adapters.base import AdapterError
from bot.adapters.telegram import TelegramAdapter, file_url_for, message_record
from bot.config import Config, TelegramConfig, load_config
from bot.record import key_for_id
from bot.service import Jianfu
from bot.store import Store
from fake_telegram import fake, group_message, private_message, user  # noqa: F401

GROUP, OTHER_GROUP = -100, -200
ALICE = user(42, "李", "明", username="liming")  # posts in GROUP
ADMIN = user(7, "王", "强")
STRANGER = user(99, "路人")
NOTICE = "请各村明天上午10点前报送防汛台账，并附现场照片"


@pytest.fixture
def core(fake, tmp_path, tiny_classifier):
    config = Config(db=str(tmp_path / "jianfu.db"), admins=["telegram:7"],
                    telegram=TelegramConfig(token=fake.token, base_url=fake.base_url,
                                            poll_timeout=1))
    config.report.export_dir = str(tmp_path / "exports")
    store = Store(config.db)
    yield Jianfu(store, tiny_classifier, config)
    store.close()


async def start(core) -> tuple[TelegramAdapter, asyncio.Task]:
    adapter = TelegramAdapter(core, retry_first=0.05, retry_max=0.2)
    task = asyncio.create_task(adapter.run())
    await wait_until(lambda: adapter.app.running or task.done(), "the adapter to start")
    if task.done():
        task.result()  # raises what stopped it
    return adapter, task


async def finish(adapter: TelegramAdapter, task: asyncio.Task) -> None:
    await adapter.stop()
    await task


@pytest.fixture
async def bot(core):
    adapter, task = await start(core)
    yield adapter
    await finish(adapter, task)


async def wait_until(condition, what: str, timeout: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.01)


def rows(core, sql: str, *args) -> list[dict]:
    cursor = core.store.db.execute(sql, args)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor]


def stored(core, msg_id: str, group: int = GROUP) -> dict:
    found = rows(core, "select * from messages where key = ?",
                 key_for_id("telegram", str(group), msg_id))
    assert found, f"message {msg_id} not stored"
    return found[0]


async def post(fake, core, *messages: dict) -> None:
    """Group messages in; wait until each is stored."""
    before = core.store.count_messages()
    for message in messages:
        fake.push({"message": message})
    await wait_until(lambda: core.store.count_messages() == before + len(messages),
                     f"{len(messages)} messages stored")


async def ask(fake, sender: dict, text: str, **fields) -> list[dict]:
    """A private message to the bot; what it answered."""
    before = len(fake.sent_to(sender["id"]))
    fake.push({"message": private_message(sender, text, **fields)})
    await wait_until(lambda: len(fake.sent_to(sender["id"])) > before, f"a reply to {text}")
    return fake.sent_to(sender["id"])[before:]


# --- converting Telegram messages ---

def tg(message: dict) -> TgMessage:
    return TgMessage.de_json(message, None)


@pytest.mark.parametrize(("fields", "text", "media"), [
    ({"photo": [{"file_id": "p", "file_unique_id": "p", "width": 9, "height": 9}],
      "caption": "村口照片"}, "[图片] 村口照片", "image"),
    ({"video": {"file_id": "v", "file_unique_id": "v", "width": 9, "height": 9, "duration": 3}},
     "[视频]", "video"),
    ({"voice": {"file_id": "o", "file_unique_id": "o", "duration": 3}}, "[语音]", "voice"),
    ({"document": {"file_id": "d", "file_unique_id": "d", "file_name": "台账.xlsx"}},
     "[文件] 台账.xlsx", "file"),
    ({"sticker": {"file_id": "s", "file_unique_id": "s", "width": 9, "height": 9,
                  "is_animated": False, "is_video": False, "type": "regular"}},
     "[动画表情]", "sticker"),
    ({"location": {"latitude": 1.0, "longitude": 2.0}}, "[位置]", "location"),
    ({"poll": {"id": "1", "question": "周五开会？", "options": [], "total_voter_count": 0,
               "is_closed": False, "is_anonymous": True, "type": "regular",
               "allows_multiple_answers": False, "allows_revoting": False,
               "members_only": False}}, "[投票] 周五开会？", "poll"),
    ({"new_chat_members": [user(5, "新人")]}, "新人 加入了群聊", None),
])
def test_media_and_service_messages_become_placeholders(fields, text, media):
    record = message_record(tg(group_message(GROUP, "村务群", ALICE, **fields)))
    assert (record.text, record.media, record.system) == (text, media, media is None)


def test_reply_forward_mentions_and_raw_are_kept():
    message = tg(group_message(
        GROUP, "村务群", ALICE, "@wangqiang 请转发给 张三", message_id=8,
        reply_to_message=group_message(GROUP, "村务群", ADMIN, "通知", message_id=3),
        forward_origin={"type": "user", "date": 1, "sender_user": user(5, "县里", "老陈")},
        entities=[{"type": "mention", "offset": 0, "length": 10},
                  {"type": "text_mention", "offset": 15, "length": 2, "user": user(6, "张三")}]))
    record = message_record(message)
    assert (record.msg_id, record.group_id, record.sender_id, record.sender) == (
        "8", "-100", "42", "李 明")
    assert (record.reply_to, record.forwarded_from) == ("3", "县里 老陈")
    assert record.mentions == ("wangqiang", "张三")
    assert record.raw["message_id"] == 8 and record.ts.tzinfo is not None


def test_file_url_follows_the_api_url():
    assert file_url_for("https://api.telegram.org/bot") == "https://api.telegram.org/file/bot"
    assert file_url_for("http://127.0.0.1:8081/bot/") == "http://127.0.0.1:8081/file/bot"


# --- recording groups ---

async def test_group_messages_are_stored_with_title_members_and_edits(fake, core, bot):
    sent = int(datetime.now(timezone.utc).timestamp()) - 60
    await post(fake, core,
               group_message(GROUP, "清溪村工作群", ALICE, NOTICE, message_id=1, date=sent),
               group_message(GROUP, "清溪村工作群", ADMIN, "收到", message_id=2,
                             reply_to_message=group_message(GROUP, "清溪村工作群", ALICE, NOTICE,
                                                            message_id=1)),
               group_message(GROUP, "清溪村工作群", ADMIN, message_id=3,
                             new_chat_members=[user(5, "新", "人")]))
    fake.push({"edited_message": group_message(GROUP, "清溪村工作群", ALICE, NOTICE + "（改为下午）",
                                               message_id=1, date=sent, edit_date=sent + 30)})
    await wait_until(lambda: core.store.count_messages() == 4, "the edit stored")

    original, edit = stored(core, "1"), stored(core, f"1.e{sent + 30}")
    assert (original["text"], original["edited"]) == (NOTICE, 0)
    assert (edit["text"], edit["edited"]) == (NOTICE + "（改为下午）", 1)
    assert stored(core, "2")["reply_to"] == "1"
    assert stored(core, "3")["system"] == 1
    assert json.loads(original["raw"])["chat"]["title"] == "清溪村工作群"
    assert [g["name"] for g in core.store.groups()] == ["清溪村工作群"]
    assert {m["member_id"] for m in core.store.members("telegram:-100")} == {"42", "7", "5"}
    assert rows(core, "select count(*) n from classifications")[0]["n"] == 4

    fake.push({"message": group_message(GROUP, "清溪村工作群", ADMIN, message_id=4,
                                        left_chat_member=user(5, "新", "人"))})
    await wait_until(lambda: core.store.count_messages() == 5, "the leave stored")
    assert {m["member_id"] for m in core.store.members("telegram:-100")} == {"42", "7"}


async def test_a_failed_store_is_retried_not_skipped(fake, core, bot, monkeypatch):
    real, failures = core.store.add_messages, []

    def flaky(messages, source=""):
        if not failures:
            failures.append(1)
            raise sqlite3.OperationalError("database is locked")
        return real(messages, source)

    monkeypatch.setattr(core.store, "add_messages", flaky)
    await post(fake, core, group_message(GROUP, "村务群", ALICE, "第一条", message_id=1),
               group_message(GROUP, "村务群", ALICE, "第二条", message_id=2))
    assert failures and [r["msg_id"] for r in rows(core, "select msg_id from messages")] == ["1", "2"]


# --- private commands and access control ---

async def test_member_gets_the_digest_and_groups_never_get_a_reply(fake, core, bot):
    await post(fake, core, group_message(GROUP, "清溪村工作群", ALICE, NOTICE),
               group_message(GROUP, "清溪村工作群", ALICE, "/digest"))
    fake.members[(GROUP, 42)] = "member"

    replies = await ask(fake, ALICE, "/digest")

    digest = "\n".join(r["text"] for r in replies)
    assert "李 明 的工作日报" in digest and "清溪村工作群" in digest and "防汛台账" in digest
    assert fake.sent_to(GROUP) == []  # the /digest typed in the group got no answer there


async def test_stranger_gets_a_polite_refusal_and_nothing_else(fake, core, bot):
    await post(fake, core, group_message(GROUP, "清溪村工作群", ALICE, NOTICE))

    replies = await ask(fake, STRANGER, "/digest")
    await asyncio.sleep(0.2)  # anything more would arrive by now

    assert [r["text"] for r in replies] == [commands.REFUSAL]
    assert [s["chat_id"] for s in fake.sent] == [99]


async def test_telegram_decides_membership_over_what_was_seen(fake, core, bot):
    await post(fake, core, group_message(GROUP, "清溪村工作群", ALICE, NOTICE),
               group_message(OTHER_GROUP, "河长制工作群", ADMIN, "请各河长本周五前完成巡河并上传照片"))
    fake.members[(GROUP, 42)] = "left"  # Alice posted, then left the group
    fake.members[(OTHER_GROUP, 42)] = "member"  # and reads another without ever posting

    digest = "\n".join(r["text"] for r in await ask(fake, ALICE, "/digest"))

    assert "河长制工作群" in digest and "清溪村工作群" not in digest and "防汛" not in digest
    assert core.member_groups("telegram", "42") == {"telegram:-200"}


async def test_stats_is_for_admins_only(fake, core, bot):
    await post(fake, core, group_message(GROUP, "清溪村工作群", ALICE, NOTICE))
    fake.members[(GROUP, 42)] = "member"

    replies = await ask(fake, ALICE, "/stats")

    assert [r["text"] for r in replies] == ["抱歉，该命令仅限管理员使用。"]


async def test_stats_sends_the_admin_report_file(fake, core, bot):
    pytest.importorskip("bot.report", reason="bot/report.py (admin_report) is not written yet")
    await post(fake, core, group_message(GROUP, "清溪村工作群", ALICE, NOTICE))

    [summary] = await ask(fake, ADMIN, "/stats")
    await wait_until(lambda: fake.sent_to(7, "sendDocument"), "the report file")

    [document] = fake.sent_to(7, "sendDocument")
    exported = Path(core.config.report.export_dir) / document["filename"]
    assert summary["text"] and document["content"] == exported.read_bytes()


async def test_wrong_as_a_reply_in_the_group_is_stored_and_answered_privately(fake, core, bot):
    notice = group_message(GROUP, "清溪村工作群", ALICE, NOTICE, message_id=11)
    await post(fake, core, notice, group_message(GROUP, "清溪村工作群", ALICE, "/wrong chatter",
                                                  message_id=12, reply_to_message=notice))
    await wait_until(lambda: fake.sent_to(42), "the private answer")

    [correction] = core.store.corrections()
    assert (correction["kind"], correction["text"], correction["by"]) == ("chatter", NOTICE, "42")
    assert correction["key"] == key_for_id("telegram", "-100", "11")
    assert fake.sent_to(GROUP) == [] and "已记录纠正" in fake.sent_to(42)[0]["text"]


async def test_wrong_in_private_replying_to_a_group_message_in_another_chat(fake, core, bot):
    await post(fake, core, group_message(GROUP, "清溪村工作群", ALICE, NOTICE, message_id=11,
                                         chat_type="supergroup"))
    fake.members[(GROUP, 42)] = "member"
    quoted = {"origin": {"type": "user", "date": 1, "sender_user": ALICE}, "message_id": 11,
              "chat": {"id": GROUP, "type": "supergroup", "title": "清溪村工作群"}}

    [answer] = await ask(fake, ALICE, "/wrong ack", external_reply=quoted)

    assert "已记录纠正" in answer["text"]
    assert [c["kind"] for c in core.store.corrections()] == ["ack"]


# --- the network misbehaving ---

async def test_flood_limit_is_waited_out(fake, core, bot):
    await post(fake, core, group_message(GROUP, "清溪村工作群", ALICE, NOTICE))
    fake.members[(GROUP, 42)] = "member"
    fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    asked = asyncio.get_running_loop().time()

    replies = await ask(fake, ALICE, "/help")

    refused = [c for c in fake.calls if c[0] == "sendMessage"]
    assert len(refused) == 2 and len(replies) == 1  # the 429'd send, then the one delivered
    assert "/digest" in replies[0]["text"]
    assert asyncio.get_running_loop().time() - asked >= 1.0


async def test_dropped_connections_are_survived_and_the_token_never_logged(fake, core, bot,
                                                                           caplog):
    caplog.set_level(logging.DEBUG)
    fake.drop_next("getUpdates")
    fake.drop_next("sendMessage")
    fake.members[(GROUP, 42)] = "member"
    await post(fake, core, group_message(GROUP, "清溪村工作群", ALICE, NOTICE))

    replies = await ask(fake, ALICE, "/help")

    dropped = [m for m, _ in fake.calls].count
    assert dropped("sendMessage") == 2 and len(replies) == 1
    assert "Server disconnected" in caplog.text
    assert fake.token not in caplog.text


async def test_group_upgraded_to_supergroup_takes_its_history_along(fake, core, bot):
    await post(fake, core, group_message(GROUP, "清溪村工作群", ALICE, NOTICE),
               group_message(GROUP, "清溪村工作群", ADMIN, message_id=50, migrate_to_chat_id=-1001))
    await post(fake, core, group_message(-1001, "清溪村工作群", ADMIN, "收到",
                                         chat_type="supergroup"))

    assert [g["group_key"] for g in core.store.groups()] == ["telegram:-1001"]
    assert {r["group_key"] for r in rows(core, "select group_key from messages")} == {
        "telegram:-1001"}
    assert "telegram:-1001" in core.member_groups("telegram", "42")


async def test_chat_migrated_error_moves_the_history(fake, core, bot):
    await post(fake, core, group_message(OTHER_GROUP, "河长制工作群", ALICE, NOTICE))
    fake.migrated[OTHER_GROUP] = -1002  # upgraded while the bot missed the service message
    fake.members[(-1002, 42)] = "member"

    digest = "\n".join(r["text"] for r in await ask(fake, ALICE, "/digest"))

    assert "河长制工作群" in digest
    assert [g["group_key"] for g in core.store.groups()] == ["telegram:-1002"]
    assert core.member_groups("telegram", "42") == {"telegram:-1002"}


async def test_a_second_instance_on_the_token_is_a_clear_adapter_error(fake, core):
    first, first_task = await start(core)
    await post(fake, core, group_message(GROUP, "清溪村工作群", ALICE, NOTICE))
    await wait_until(lambda: fake.waiting, "the first instance to long-poll")
    second, second_task = await start(core)
    try:
        with pytest.raises(AdapterError, match="another program is polling this Telegram bot"):
            await asyncio.wait_for(first_task, 5)
        await asyncio.sleep(0.3)
        assert not second_task.done()  # Telegram hands the token to the newer poller
    finally:
        await first.stop()
        await finish(second, second_task)


async def test_privacy_mode_gets_a_how_to_fix_warning(fake, core, caplog):
    fake.can_read_all_group_messages = False
    adapter, task = await start(core)
    await finish(adapter, task)
    assert "/setprivacy" in caplog.text and "Disable" in caplog.text


async def test_a_rejected_token_is_a_clear_error_without_the_token(fake, core, caplog):
    core.config.telegram.token = "999:WRONG-token"
    caplog.set_level(logging.DEBUG)
    with pytest.raises(AdapterError, match="rejected the bot token") as error:
        await start(core)
    assert "WRONG" not in str(error.value) and "WRONG" not in caplog.text


async def test_an_unreachable_api_is_a_clear_error_after_backing_off(fake, core, caplog):
    fake.close()  # nothing listens there any more
    with pytest.raises(AdapterError, match="cannot reach the Telegram Bot API"):
        await start(core)
    waits = re.findall(r"retrying in ([0-9.]+) s", caplog.text)
    assert waits == ["0.05", "0.1", "0.2", "0.2", "0.2"]  # doubling, capped at retry_max


# --- scheduled digests ---

async def test_subscribe_schedules_a_daily_digest_at_local_time(fake, core, bot):
    await post(fake, core, group_message(GROUP, "清溪村工作群", ALICE, NOTICE))
    fake.members[(GROUP, 42)] = "member"

    [answer] = await ask(fake, ALICE, "/subscribe 07:30")

    assert "07:30" in answer["text"]
    [job] = bot.app.job_queue.get_jobs_by_name("digest:42")
    local = job.next_t.astimezone(ZoneInfo("Asia/Shanghai"))
    assert (local.hour, local.minute) == (7, 30)
    assert job.next_t.astimezone(timezone.utc).time() == time(23, 30)  # not 07:30 UTC
    assert timedelta(0) < job.next_t - datetime.now(timezone.utc) <= timedelta(days=1)

    await job.run(bot.app)  # the job firing: the digest arrives in the private chat
    assert "工作日报" in fake.sent_to(42)[-1]["text"]

    await ask(fake, ALICE, "/unsubscribe")
    assert bot.app.job_queue.get_jobs_by_name("digest:42") == ()


async def test_subscriptions_are_rescheduled_at_start(fake, core):
    core.store.subscribe("telegram", "42", "42", "李 明", "18:05", "Asia/Shanghai")
    adapter, task = await start(core)
    try:
        [job] = adapter.app.job_queue.get_jobs_by_name("digest:42")
        assert job.next_t.astimezone(ZoneInfo("Asia/Shanghai")).time() == time(18, 5)
    finally:
        await finish(adapter, task)


def test_config_example_documents_every_telegram_key():
    example = Path(__file__).parents[2] / "config.example.toml"
    documented = tomllib.loads(example.read_text(encoding="utf-8"))
    assert set(documented["telegram"]) == set(TelegramConfig.__dataclass_fields__)
    assert {"db", "timezone", "admins"} <= set(documented)
    config = load_config(example, environ={})
    assert config.db.endswith(".db") and not config.telegram.enabled  # no token shipped
