from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

import pytest

from bot.digest import build_digest
from bot.render import render, render_text
from tests.helpers import SHANGHAI, TRUTH, load_with_truth

DAY = date(2026, 3, 12)
FIXTURE = Path(__file__).parent / "fixtures" / "digest_day.jsonl"


@pytest.fixture
def day(store):
    return store, load_with_truth(store, FIXTURE)


def truth_items(records):
    items = defaultdict(list)
    for r in records:
        if "item" in r:
            items[r["item"]].append(r["id"])
    return items


def test_every_directive_once_and_copies_merge(day):
    store, records = day
    digest = build_digest(store, DAY, model_version=TRUTH, tz=SHANGHAI)
    got = sorted(sorted(item.message_ids) for item in digest.items)
    assert got == sorted(sorted(ids) for ids in truth_items(records).values())
    selfbuilt = next(i for i in digest.items if "d1" in i.message_ids)
    assert set(selfbuilt.groups) == {"城关镇网格员工作群", "青石村两委工作群", "柳河村村民小组长群"}
    assert selfbuilt.demands == ["form", "ledger", "photo"]


def test_noise_stays_out_and_is_counted(day):
    store, records = day
    digest = build_digest(store, DAY, model_version=TRUTH, tz=SHANGHAI)
    in_items = {i for item in digest.items for i in item.message_ids}
    noise = {r["id"] for r in records if r["kind"] not in ("directive", "evidence_demand")}
    assert not in_items & noise
    assert digest.messages == len(records)
    assert digest.filtered == {
        kind: sum(r["kind"] == kind for r in records)
        for kind in ("ack", "evidence_submission", "chatter")}


def test_deadlines_are_resolved_to_the_minute(day):
    store, records = day
    digest = build_digest(store, DAY, model_version=TRUTH, tz=SHANGHAI)
    expected = {r["item"]: r.get("deadline") for r in records if "item" in r}
    for item in digest.items:
        first = next(r for r in records if r["id"] in item.message_ids)
        want = expected[first["item"]]
        assert (item.deadline.isoformat() if item.deadline else None) == want, first["text"]


def test_ack_burden_is_counted_per_notice(day):
    store, _ = day
    digest = build_digest(store, DAY, model_version=TRUTH, tz=SHANGHAI)
    selfbuilt = next(i for i in digest.items if "d1" in i.message_ids)
    # d2-d4 in the grid group, d6 in the village group, four group leaders in the third group
    assert selfbuilt.acks == 3 + 1 + 4
    duty = next(i for i in digest.items if "d25" in i.message_ids)
    assert (duty.acks, duty.submissions) == (2, 1)


def test_cadre_sees_own_groups_mentions_first(day):
    store, _ = day
    digest = build_digest(store, DAY, model_version=TRUTH, tz=SHANGHAI, cadre="网格员王芳")
    assert digest.groups == ["城关镇网格员工作群"]
    assert digest.items[0].message_ids == ["d17"] and digest.items[0].mentions_cadre
    # only her group's copy of the forwarded notice: the others are in groups she is not in
    assert [i.message_ids for i in digest.items] == [["d17"], ["d1"]]


def test_order_is_mentions_then_deadline_then_time(day):
    store, _ = day
    digest = build_digest(store, DAY, model_version=TRUTH, tz=SHANGHAI)
    with_deadline = [i.deadline for i in digest.items if i.deadline]
    assert with_deadline == sorted(with_deadline)
    assert digest.items[-1].deadline is None


def test_unknown_cadre_gets_all_groups_with_a_warning(day):
    store, _ = day
    digest = build_digest(store, DAY, model_version=TRUTH, tz=SHANGHAI, cadre="不存在的人")
    assert digest.warnings and len(digest.groups) == 6


def _relabel_d30(store, kind: str, p_actionable: float) -> None:
    key = store.db.execute("select key from messages where msg_id = 'd30'").fetchone()[0]
    store.save_classifications([(key, kind, [], 0.5, p_actionable)], TRUTH)


def test_uncertain_items_go_to_their_own_section(day):
    store, records = day
    _relabel_d30(store, "directive", 0.45)
    digest = build_digest(store, DAY, model_version=TRUTH, tz=SHANGHAI)
    assert [i.message_ids for i in digest.uncertain_items] == [["d30"]]
    assert "可能需要关注" in render(digest, "text")


def test_talk_that_may_be_an_order_is_set_apart_not_dropped(day):
    store, _ = day
    _relabel_d30(store, "chatter", 0.3)
    digest = build_digest(store, DAY, model_version=TRUTH, tz=SHANGHAI)
    assert [i.message_ids for i in digest.uncertain_items] == [["d30"]]
    assert digest.uncertain_items[0].kind == "directive"
    quieter = build_digest(store, DAY, model_version=TRUTH, tz=SHANGHAI, doubtful_from=0.35)
    assert quieter.uncertain_items == [] and quieter.filtered["chatter"] == digest.filtered["chatter"] + 1


def test_text_is_split_between_items_under_the_limit(day):
    store, _ = day
    digest = build_digest(store, DAY, model_version=TRUTH, tz=SHANGHAI)
    chunks = render_text(digest, limit=300)
    assert len(chunks) > 1 and all(len(c) <= 300 for c in chunks)
    assert "今日 6 个群 33 条消息 → 7 项" in chunks[0]
    assert "已过滤" in chunks[-1]


def test_every_format_renders(day):
    import json

    store, _ = day
    digest = build_digest(store, DAY, model_version=TRUTH, tz=SHANGHAI)
    data = json.loads(render(digest, "json"))
    assert set(data) >= {"cadre", "date", "groups", "messages", "filtered", "items"}
    assert set(data["items"][0]) >= {"kind", "demands", "text", "sender", "groups", "message_ids",
                                      "first_ts", "deadline", "mentions_cadre", "acks",
                                      "submissions", "confidence"}
    page = render(digest, "html")
    assert page.startswith("<!doctype html>") and "自建房" in page and "<details>" in page
    assert "## 工作事项" in render(digest, "markdown")


def test_a_day_without_messages(store):
    digest = build_digest(store, DAY, model_version=TRUTH, tz=SHANGHAI)
    assert digest.items == [] and "没有需要处理" in render(digest, "text")


def test_times_are_read_in_the_cadres_zone(store):
    """Telegram stores UTC: 07:00 in Shanghai is 23:00 UTC the day before."""
    from datetime import timezone

    from bot.record import Message

    sent = datetime(2026, 3, 11, 23, 0, tzinfo=timezone.utc)  # 2026-03-12 07:00 in Shanghai
    key = store.add_messages([Message(platform="telegram", group_id="-1", group="防汛群",
                                      sender="周队", ts=sent, text="明天上午各村上报沙袋数量",
                                      msg_id="9")]).new[0]
    store.save_classifications([(key, "directive", [], 0.9, 0.9)], TRUTH)
    item = build_digest(store, DAY, model_version=TRUTH, tz=SHANGHAI).items[0]
    assert item.first_ts.isoformat() == "2026-03-12T07:00:00+08:00"
    assert item.deadline.isoformat() == "2026-03-13T12:00:00+08:00"


def test_a_bare_remark_is_kept_but_set_apart(store):
    from bot.record import Message

    sent = datetime(2026, 3, 12, 15, 0, tzinfo=SHANGHAI)
    remark = Message(platform="import", group_id="g", group="防汛群", sender="周队", ts=sent,
                     text="注意安全，不要靠太近", msg_id="r1")
    order = Message(platform="import", group_id="g", group="防汛群", sender="周队", ts=sent,
                    text="不用再回复收到了", msg_id="r2")
    keys = store.add_messages([remark, order]).new
    store.save_classifications([(k, "directive", [], 0.9, 0.9) for k in keys], TRUTH)
    digest = build_digest(store, DAY, model_version=TRUTH, tz=SHANGHAI)
    assert [i.message_ids for i in digest.uncertain_items] == [["r1"]]
    assert [i.message_ids for i in digest.certain_items] == [["r2"]]


NOTICE = "本周五前各村完成独居老人走访，重点看取暖和用电。"


def _copies(*labels, texts=None):
    from bot.record import Message
    from bot.store import Classified

    sent = datetime(2026, 3, 12, 9, 0, tzinfo=SHANGHAI)
    texts = texts or [NOTICE] * len(labels)
    return [Classified(Message(platform="import", group_id=f"g{i}", group=f"群{i}", sender="周队",
                               ts=sent, text=text, msg_id=str(i)),
                       key=str(i), kind=kind, demands=tuple(demands), confidence=0.9,
                       p_actionable=0.9)
            for i, ((kind, demands), text) in enumerate(zip(labels, texts))]


def test_copies_are_read_alike_by_majority():
    from bot.digest import read_alike

    def read(*labels):
        return [(c.kind, c.demands) for c in read_alike(_copies(*labels))]

    ed, plain = "evidence_demand", "directive"
    # two of three ask for photos: the third copy does too
    assert read((ed, ["photo"]), (ed, ["photo"]), (plain, [])) == [(ed, ("photo",))] * 3
    # one of three asks: no copy does; ranking on a directive is kept by the majority
    assert read((plain, ["ranking"]), (ed, ["photo", "ranking"]), (plain, ["ranking"])) == [
        (plain, ("ranking",))] * 3
    # a tie settles nothing; an ack stays with the copy that asked for it
    assert read((ed, ["photo"]), (ed, ["ack", "form"])) == [(ed, ("photo",)), (ed, ("ack", "form"))]
    assert read((ed, ["ack", "form"]), (ed, ["form"]), (ed, ["form"])) == [
        (ed, ("ack", "form")), (ed, ("form",)), (ed, ("form",))]


def test_a_demand_one_forwarder_added_stays_on_that_copy():
    """A line added under one copy ("走访时拍张照片发群里") is that forwarder's demand; a few words
    changed inside the notice's own sentence are not (the copy votes with the others)."""
    from bot.digest import read_alike

    ed, plain = "evidence_demand", "directive"
    added = [NOTICE, NOTICE + "\n走访时拍张照片发群里。", NOTICE]
    assert [(c.kind, c.demands) for c in read_alike(_copies(
        (plain, []), (ed, ["photo"]), (plain, []), texts=added))] == [
        (plain, ()), (ed, ("photo",)), (plain, ())]
    edited = [NOTICE, NOTICE.replace("走访，", "走访，已拍到问题照片共11张，"), NOTICE]
    assert [(c.kind, c.demands) for c in read_alike(_copies(
        (plain, []), (ed, ["photo"]), (plain, []), texts=edited))] == [(plain, ())] * 3
