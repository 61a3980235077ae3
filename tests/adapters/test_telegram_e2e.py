"""End to end: the real `jianfu run --config` process against the fake Bot API server."""
from __future__ import annotations

import signal
import threading
import time
from pathlib import Path

import pytest

from fake_telegram import fake, group_message, private_message, user  # noqa: F401
from jianfu_process import Launcher, query, wait_until, write_config

pytestmark = pytest.mark.slow

GROUP = -100
ALICE = user(42, "李", "明")
NOTICE = "请各村明天上午10点前报送防汛台账，并附现场照片"


@pytest.fixture
def config(fake, tmp_path) -> Path:
    return write_config(tmp_path, "telegram",
                        {"token": fake.token, "base_url": fake.base_url, "poll_timeout": 1})


@pytest.fixture
def bots(config, tiny_model_path):
    """`bots()` starts one more `jianfu run`; any still running at the end are killed."""
    launcher = Launcher(config, tiny_model_path)
    yield launcher
    launcher.close()


def stored_ids(config: Path) -> list[str]:
    return [row[0] for row in query(config.with_name("jianfu.db"), "select msg_id from messages")]


def test_run_records_answers_and_restarts_cleanly(fake, config, bots):
    bot = bots()
    fake.members[(GROUP, 42)] = "member"
    fake.push({"message": group_message(GROUP, "清溪村工作群", ALICE, NOTICE, message_id=1)})
    fake.push({"message": private_message(ALICE, "/digest")})
    wait_until(lambda: fake.sent_to(42), "the digest", 30, bot.check)
    assert "防汛台账" in fake.sent_to(42)[0]["text"] and stored_ids(config) == ["1"]
    assert bot.terminate() == 0

    again = bots()  # a clean stop confirmed the updates: nothing is replayed
    fake.push({"message": group_message(GROUP, "清溪村工作群", ALICE, "收到", message_id=2)})
    wait_until(lambda: len(stored_ids(config)) == 2, "the second message", 30, again.check)
    assert again.terminate() == 0
    assert max(fake.delivered.values()) == 1 and len(fake.sent_to(42)) == 1
    logs = bot.output() + again.output()
    assert fake.token not in logs and "Traceback" not in logs


def test_kill_mid_stream_and_restart_loses_and_doubles_nothing(fake, config, bots):
    fake.batch = 3  # many polls, so the kill lands mid-stream
    total = 150

    def feed():
        for number in range(1, total + 1):
            fake.push({"message": group_message(GROUP, "清溪村工作群", ALICE,
                                                f"通知第{number}条：请今天下午5点前上报台账",
                                                message_id=number)})
            time.sleep(0.01)

    feeder = threading.Thread(target=feed)
    feeder.start()
    first = bots()
    wait_until(lambda: len(stored_ids(config)) >= 30, "30 messages stored", 30, first.check)
    assert first.kill() == -signal.SIGKILL  # no clean-up of any kind
    assert len(stored_ids(config)) < total

    second = bots()
    feeder.join()
    wait_until(lambda: len(stored_ids(config)) >= total and fake.pending() == 0,
               "every message stored", 30, second.check)
    assert second.terminate() == 0

    ids = stored_ids(config)
    assert sorted(map(int, ids)) == list(range(1, total + 1))  # none missing, none twice
    classified = query(config.with_name("jianfu.db"), "select count(*) from classifications")
    assert classified == [(total,)]  # the ones stored before the kill too


def test_second_instance_exits_non_zero_with_a_clear_error(fake, config, bots):
    first = bots()
    fake.push({"message": group_message(GROUP, "清溪村工作群", ALICE, NOTICE, message_id=1)})
    wait_until(lambda: stored_ids(config) and fake.waiting, "the first to poll", 30, first.check)
    second = bots()

    assert first.process.wait(20) == 1
    assert "another program is polling this Telegram bot token" in first.output()
    assert "Traceback" not in first.output()
    time.sleep(1)
    second.check()  # the newer poller keeps the token
    assert second.terminate() == 0
