import sqlite3
from datetime import datetime, timedelta

from bot.record import Message, key_for_id
from bot.store import MIGRATIONS, Store
from tests.helpers import SHANGHAI

T0 = datetime(2026, 3, 12, 9, 0, tzinfo=SHANGHAI)


def msg(i, group="g1", text="收到", msg_id=True, **kw):
    return Message(platform="telegram", group_id=group, group=f"群{group}", sender=f"人{i % 3}",
                   sender_id=f"u{i % 3}", ts=T0 + timedelta(minutes=i), text=text,
                   msg_id=str(i) if msg_id else None, **kw)


def test_same_message_is_stored_once(store):
    first = store.add_messages([msg(1), msg(2)])
    again = store.add_messages([msg(1), msg(2), msg(3)])
    assert len(first.new) == 2 and first.duplicates == 0
    assert len(again.new) == 1 and again.duplicates == 2
    assert store.count_messages() == 3


def test_messages_without_ids_are_keyed_by_content(store):
    a = msg(1, msg_id=False, text="请上报")
    store.add_messages([a, a, msg(1, msg_id=False, text="请上报台账")])
    assert store.count_messages() == 2


def test_groups_and_members_are_recorded(store):
    store.add_messages([msg(1), msg(2, group="g2"), msg(3, group="g2")])
    assert {g["name"] for g in store.groups()} == {"群g1", "群g2"}
    assert store.groups_of("人1") == {"telegram:g1"}
    assert store.groups_of_member("telegram", "u0") == {"telegram:g2"}
    assert store.groups_of_member("wechat", "u0") == set()
    store.add_owner("李明", ["telegram:g1", "telegram:g2"])
    assert store.groups_of("李明") == {"telegram:g1", "telegram:g2"}


def test_classifications_are_per_model_version(store):
    new = store.add_messages([msg(1), msg(2)]).new
    assert [len(b) for b in store.unclassified("v1")] == [2]
    store.save_classifications([(new[0], "ack", [], 0.9, 0.1)], "v1")
    assert [k for b in store.unclassified("v1") for k, _ in b] == [new[1]]
    store.save_classifications([(new[1], "evidence_demand", ["photo", "form"], 0.8, 0.9)], "v1")
    rows = store.messages_between(T0, T0 + timedelta(hours=1), "v1")
    assert [(r.kind, r.demands) for r in rows] == [("ack", ()), ("evidence_demand", ("form", "photo"))]
    assert store.messages_between(T0, T0 + timedelta(hours=1), "v2")[0].kind == "unclassified"


def test_time_window_and_group_filter(store):
    store.add_messages([msg(i, group="g1" if i % 2 else "g2") for i in range(10)])
    rows = store.messages_between(T0 + timedelta(minutes=2), T0 + timedelta(minutes=6), "v",
                                  {"telegram:g1"})
    assert [r.message.msg_id for r in rows] == ["3", "5"]
    streamed = store.iter_messages_between(T0 + timedelta(minutes=2), T0 + timedelta(minutes=6),
                                           "v", {"telegram:g1"})
    assert next(streamed).message.msg_id == "3" and [r.message.msg_id for r in streamed] == ["5"]


def test_move_group_keeps_history(store):
    store.add_messages([msg(1, group="-100"), msg(2, group="-100")])
    assert store.move_group("telegram", "-100", "-100999") == 2
    assert store.groups_of_member("telegram", "u1") == {"telegram:-100999"}
    assert [g["group_key"] for g in store.groups()] == ["telegram:-100999"]


def test_lookup_by_platform_id(store):
    store.add_messages([msg(7)])
    found = store.message(key_for_id("telegram", "g1", "7"), "v")
    assert found.message.text == "收到" and found.message.ts == T0 + timedelta(minutes=7)


def test_file_database_is_plain_sqlite_in_wal_mode(tmp_path):
    path = tmp_path / "j.db"
    store = Store(path)
    store.add_messages([msg(1)])
    store.close()
    reopened = Store(path)  # migrations are not applied twice
    assert reopened.count_messages() == 1
    reopened.close()
    conn = sqlite3.connect(path)
    assert conn.execute("pragma journal_mode").fetchone()[0] == "wal"
    names = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
    assert {"groups", "members", "messages", "classifications", "corrections", "subscriptions",
            "digests", "state", "_migrations"} <= names
    assert conn.execute("select count(*) from _migrations").fetchone()[0] == len(MIGRATIONS)


def test_state_and_subscriptions(store):
    store.set_state("offset", "41")
    assert store.get_state("offset") == "41" and store.get_state("missing", "x") == "x"
    store.subscribe("telegram", "u1", "c1", "王芳", "07:30", "Asia/Shanghai")
    assert store.subscriptions("telegram")[0]["at"] == "07:30"
    assert store.unsubscribe("telegram", "u1") and not store.unsubscribe("telegram", "u1")


def test_stored_messages_come_back_whole(store):
    """Every field survives the round trip, time zones included: rows share repeated values
    (groups, senders, time zones, demand lists), and a shared value must never be the wrong one."""
    from datetime import timezone
    sent = [msg(1, text="@张三 请上报台账", mentions=("张三",), reply_to="0", media="image",
                forwarded_from="县应急局", edited=True),
            msg(2, text="收到"),
            msg(3, text="系统消息", system=True),
            Message(platform="wechat", group_id="w1", group="群g1", sender="人1", sender_id="u1",
                    ts=(T0 + timedelta(minutes=4)).astimezone(timezone.utc), text="好的", msg_id="4")]
    keys = store.add_messages(sent).new
    store.save_classifications([(keys[0], "evidence_demand", ["ledger"], 0.9, 0.95),
                                (keys[1], "ack", [], 0.9, 0.01)], "v")
    rows = store.messages_between(T0, T0 + timedelta(hours=1), "v")
    assert [r.message for r in rows] == sent
    assert [r.message.ts.utcoffset() for r in rows] == [timedelta(hours=8)] * 3 + [timedelta(0)]
    assert [(r.kind, r.demands) for r in rows] == [("evidence_demand", ("ledger",)), ("ack", ()),
                                                   ("unclassified", ()), ("unclassified", ())]
