"""The statistics on the labelled week of tests/report_week.py, every figure counted by hand."""
import json
import re
from datetime import date
from pathlib import Path

import pytest

from bot.config import ReportConfig
from bot.report import SALT_STATE, People, ReportError, build_report
from bot.store import Store
from tests.helpers import SHANGHAI, TRUTH, load_with_truth
from tests.report_week import WEEK, A, B, C, D, load_week

ISSUERS = {"镇应急办-陈敏": 4, "青石村李书记": 4, "柳河村王组长": 3}


@pytest.fixture
def week(store):
    return load_week(store)


def report(store, **options):
    config = options.pop("config", ReportConfig())
    return build_report(store, TRUTH, config, SHANGHAI, **options)


def test_messages_by_kind(week):
    r = report(week)
    assert (r["from"], r["to"], r["days"]) == ("2026-03-12", "2026-03-16", 5)
    assert sorted(r["groups"]) == sorted([A, B, C, D])
    assert r["messages"] == 42
    assert r["by_kind"] == {"directive": 4, "evidence_demand": 11, "ack": 12,
                            "evidence_submission": 12, "chatter": 3}
    assert (r["actionable"], r["notices"], r["acks"], r["evidence_submissions"]) == (15, 10, 12, 12)


def test_evidence_demands_count_every_copy(week):
    ev = report(week)["evidence_demands"]
    assert (ev["total"], ev["unique"], ev["share_of_actionable"]) == (11, 7, 0.7333)
    assert ev["by_type"] == {"photo": 5, "screenshot": 3, "video": 2, "checkin": 1, "form": 3,
                             "ledger": 4, "ack": 2, "download": 1, "ranking": 2}
    assert ev["unique_by_type"] == {"photo": 2, "screenshot": 2, "video": 1, "checkin": 1,
                                    "form": 1, "ledger": 2, "ack": 2, "download": 1, "ranking": 1}
    assert ev["by_group"] == {A: 4, B: 4, C: 3, D: 0}


def test_evidence_demands_by_unit_count_copies_on_their_notices_source(week):
    """N1 says 根据县应急局要求 in all three copies; N3's second copy is 青石村李书记's forward
    of 镇应急办-陈敏's 通报, so it counts on 镇应急办 too; 柳河村王组长 posts for 柳河村."""
    r = report(week)
    assert r["evidence_demands"]["by_unit"] == {"镇应急办": 5, "县应急局": 3, "柳河村": 2,
                                                "青石村": 1}
    units = {n["id"]: n["unit"] for n in r["duplicate_notices"]["notices"]}
    assert units == {"r1": "县应急局", "r12": "镇应急办", "r29": "镇应急办", "r32": "镇应急办"}


def test_a_posters_unit_from_the_config_beats_the_nickname_but_not_the_notice(week):
    """[report] units names the unit of a poster: 青石村李书记's own notice (N5) counts on the
    unit given, while N1, which names 县应急局 in its text, stays the bureau's in every copy."""
    config = ReportConfig(units={"青石村李书记": "青石村党支部", "柳河村王组长": "柳河村委会"})
    assert report(week, config=config)["evidence_demands"]["by_unit"] == {
        "镇应急办": 5, "县应急局": 3, "柳河村委会": 2, "青石村党支部": 1}


def test_evidence_demands_by_day_and_hour(week):
    ev = report(week)["evidence_demands"]
    assert ev["by_day"] == {"2026-03-12": 5, "2026-03-13": 3, "2026-03-14": 2,
                            "2026-03-15": 0, "2026-03-16": 1}
    assert {h: n for h, n in ev["by_hour"].items() if n} == {"08": 3, "09": 5, "10": 1, "19": 1,
                                                              "20": 1}
    assert list(ev["by_hour"]) == [f"{h:02d}" for h in range(24)]


def test_issuers_are_pseudonymised_unless_revealed(week):
    people = People(week)
    hidden = report(week)["evidence_demands"]["by_issuer"]
    expected = {people.pseudonym(name): n for name, n in ISSUERS.items()}
    assert hidden == expected
    assert all(re.fullmatch(r"人员-[0-9a-f]{6}", code) for code in hidden)
    assert report(week, reveal_names=True)["evidence_demands"]["by_issuer"] == ISSUERS


def test_no_name_or_text_leaks_by_default(week):
    records = [json.loads(line) for line in WEEK.read_text(encoding="utf-8").splitlines()]
    dumped = json.dumps(report(week), ensure_ascii=False)
    assert not [r["sender"] for r in records if r["sender"] in dumped]
    assert "自建房安全隐患排查" not in dumped
    with_text = report(week, include_text=True)["duplicate_notices"]["notices"][0]
    assert "自建房安全隐患排查" in with_text["text"]


def test_pseudonyms_are_stable_and_salted_per_database(week):
    first = report(week)["evidence_demands"]["by_issuer"]
    assert report(week)["evidence_demands"]["by_issuer"] == first
    assert len(week.get_state(SALT_STATE)) == 32
    other = Store(memory=True)
    load_with_truth(other, WEEK)
    assert set(report(other)["evidence_demands"]["by_issuer"]).isdisjoint(first)
    pinned = ReportConfig(salt="县减负办")
    assert (report(week, config=pinned)["evidence_demands"]["by_issuer"]
            == report(other, config=pinned)["evidence_demands"]["by_issuer"])
    other.close()


def test_ranking_downloads_and_ack_demands(week):
    r = report(week)
    assert r["ranking_notices"] == {"total": 4, "unique": 2}  # r12, r15 and the directives r29, r30
    assert r["forced_downloads"] == {"total": 1, "unique": 1}
    assert r["ack_demands"] == {"total": 2, "unique": 2}


def test_ack_burden_per_notice(week):
    burden = report(week)["ack_burden"]
    assert (burden["notices"], burden["acks"], burden["submissions"]) == (10, 12, 12)
    assert (burden["unattributed_acks"], burden["unattributed_submissions"]) == (0, 0)
    assert burden["mean"] == {"acks": 1.2, "submissions": 1.2, "total": 2.4}
    assert burden["median"] == {"acks": 1.0, "submissions": 1.0, "total": 2.0}
    worst = [(n["id"], n["acks"], n["submissions"]) for n in burden["worst"]]
    assert worst == [("r1", 5, 1), ("r32", 1, 3), ("r12", 0, 3), ("r18", 0, 2), ("r21", 0, 2),
                     ("r25", 2, 0), ("r38", 2, 0), ("r9", 1, 0), ("r29", 0, 1), ("r41", 1, 0)]
    assert burden["worst"][0]["groups"] == [A, B, C]
    assert len(report(week, config=ReportConfig(worst_items=3))["ack_burden"]["worst"]) == 3


def test_time_cost_follows_the_model(week):
    cost = report(week)["time_cost"]
    # acks 12 × 10 s = 2 min; submissions: r11 30 (form+ledger+photo), r13 r14 r16 2 each,
    # r19 r20 1 each, r22 r23 7 each, r31 3 (a ranking directive: the fallback), r34 r35 r36 13 each
    assert cost["acks"] == {"count": 12, "person_minutes": 2.0}
    assert cost["submissions"] == {"count": 12, "person_minutes": 94.0}
    assert (cost["person_minutes"], cost["person_hours"]) == (96.0, 1.6)
    custom = ReportConfig(seconds_per_ack=30, minutes_per_submission=10,
                          minutes_per_demand_type={"photo": 1})
    cost = report(week, config=custom)["time_cost"]
    assert (cost["acks"]["person_minutes"], cost["submissions"]["person_minutes"]) == (6.0, 85.0)
    assert cost["model"]["minutes_per_demand_type"]["photo"] == 1


def test_after_hours_work_messages(week):
    late = report(week)["after_hours"]
    assert {k: late[k] for k in ("work_messages", "outside_hours", "weekend", "total", "share")} == {
        "work_messages": 15, "outside_hours": 4, "weekend": 2, "total": 6, "share": 0.4}
    assert late["working_hours"] == "08:30-17:30"
    assert {g: c["total"] for g, c in late["by_group"].items()} == {A: 4, B: 2, C: 0, D: 0}
    assert late["by_group"][A] == {"work_messages": 7, "outside_hours": 3, "weekend": 1,
                                   "total": 4, "share": 0.5714}


def test_holidays_and_make_up_workdays(week):
    config = ReportConfig(holidays=["2026-03-16"], make_up_workdays=[date(2026, 3, 14)])
    late = report(week, config=config)["after_hours"]
    # Monday r38, r41 become rest-day messages; Saturday morning r32, r33 fall in working hours
    assert (late["outside_hours"], late["weekend"], late["total"]) == (3, 2, 5)
    shorter = report(week, config=ReportConfig(work_start="09:00", work_end="20:30"))["after_hours"]
    assert shorter["outside_hours"] == 3  # r4 08:40, r1 08:31, r18 08:00


def test_duplicate_notices_across_groups(week):
    dup = report(week)["duplicate_notices"]
    assert (dup["count"], dup["copies"]) == (4, 9)
    assert [(n["id"], n["message_ids"], n["groups"]) for n in dup["notices"]] == [
        ("r1", ["r1", "r4", "r6"], [A, B, C]), ("r12", ["r12", "r15"], [A, B]),
        ("r29", ["r29", "r30"], [A, B]), ("r32", ["r32", "r33"], [A, B])]
    assert dup["notices"][2]["kind"] == "directive" and dup["notices"][2]["demands"] == ["ranking"]


def test_days_and_groups_filter(week):
    r = report(week, start=date(2026, 3, 13), end=date(2026, 3, 13), groups=[B])
    assert (r["from"], r["to"], r["groups"], r["messages"]) == ("2026-03-13", "2026-03-13", [B], 5)
    assert r["evidence_demands"]["by_group"] == {B: 1}
    assert r["evidence_demands"]["by_day"] == {"2026-03-13": 1}
    only_start = report(week, start=date(2026, 3, 14))
    assert (only_start["from"], only_start["to"], only_start["messages"]) == ("2026-03-14",
                                                                            "2026-03-16", 11)


def test_bad_filters_are_refused(week):
    with pytest.raises(ReportError, match="no group named"):
        report(week, groups=["没有这个群"])
    with pytest.raises(ReportError, match="after"):
        report(week, start=date(2026, 3, 16), end=date(2026, 3, 12))


def test_an_empty_database(store):
    r = report(store)
    assert (r["from"], r["messages"], r["evidence_demands"]["total"]) == (None, 0, 0)
    assert r["ack_burden"]["mean"]["acks"] == 0.0 and r["duplicate_notices"]["count"] == 0


def _labelled(tmp_path, records) -> Path:
    path = tmp_path / "labelled.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def test_a_reminder_repeated_daily_is_a_new_notice_each_day(store, tmp_path):
    text = "请各网格员今天下午5点前在平安乡村小程序完成打卡签到，未打卡的将在周例会上通报。"
    load_with_truth(store, _labelled(tmp_path, [
        {"id": f"x{day}", "group": A, "sender": "镇应急办-陈敏", "text": text,
         "ts": f"2026-03-{day}T08:00:00+08:00", "kind": "evidence_demand", "demands": ["checkin"]}
        for day in (10, 11, 12)]))
    assert report(store)["evidence_demands"]["unique"] == 3
    assert report(store, config=ReportConfig(duplicate_window_hours=72))["evidence_demands"][
        "unique"] == 1


def test_a_doubtful_message_is_kept_for_the_digest_but_not_counted(week):
    key, kind, demands = week.db.execute(
        "select c.key, c.kind, c.demands from classifications c where c.kind = 'evidence_demand' "
        "order by c.key limit 1").fetchone()
    week.save_classifications([(key, kind, json.loads(demands), 0.6, 0.27)], TRUTH)
    r = report(week)
    assert r["by_kind"]["evidence_demand"] == 11  # its label stays
    assert r["evidence_demands"]["total"] == 10
    assert (r["actionable"], r["doubtful_work"]) == (14, 1)
    counted = report(week, config=ReportConfig(min_p_actionable=0.0))
    assert counted["evidence_demands"]["total"] == 11


def test_copies_of_one_notice_are_read_alike(store, tmp_path):
    """One notice in three groups: the copy misread with a photo demand counts as its two
    siblings read it; the 收到请回复 one forwarder added stays on that copy alone."""
    text = "各村今天下午5点前把防汛物资清单填到镇应急办的在线表格里，已填的不用再报。"
    labels = [(A, text, ["form"]), (B, "【转发】" + text, ["form", "photo"]),
              (C, text + "\n收到请回复", ["ack", "form"])]
    load_with_truth(store, _labelled(tmp_path, [
        {"id": f"n{i}", "group": group, "sender": "镇应急办-陈敏", "text": body,
         "ts": f"2026-03-12T08:0{i}:00+08:00", "kind": "evidence_demand", "demands": demands}
        for i, (group, body, demands) in enumerate(labels)]))
    demands = report(store)["evidence_demands"]
    assert demands["by_type"] | {"form": 3, "photo": 0, "ack": 1} == demands["by_type"]
    assert demands["by_group"] == {A: 1, B: 1, C: 1} and demands["unique"] == 1
