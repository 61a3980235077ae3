"""The work-group audit on the labelled week of tests/report_week.py."""
from datetime import date

import pytest

from bot.config import ReportConfig
from bot.report import build_audit
from tests.helpers import SHANGHAI, TRUTH
from tests.report_week import A, B, C, D, load_week

NO_DEMANDS = {"photo": 0, "screenshot": 0, "video": 0, "checkin": 0, "form": 0, "ledger": 0,
              "ack": 0, "download": 0, "ranking": 0}


@pytest.fixture
def week(store):
    return load_week(store)


def audit(store, **options) -> dict:
    config = options.pop("config", ReportConfig())
    return build_audit(store, TRUTH, config, SHANGHAI, **options)


def rows(result) -> dict[str, dict]:
    return {row["group"]: row for row in result["groups"]}


def flags(result) -> dict[str, list[str]]:
    return {row["group"]: [f["flag"] for f in row["flags"]] for row in result["groups"]}


def test_shape_and_period(week):
    result = audit(week)
    assert (result["from"], result["to"], result["days"]) == ("2026-03-12", "2026-03-16", 5)
    assert [row["group"] for row in result["groups"]] == [A, B, C, D]  # busiest first


def test_use_of_each_group(week):
    got = {name: (r["platform"], r["members_seen"], r["senders"], r["first_active"],
                  r["last_active"], r["active_days"], r["messages"], r["messages_per_day"],
                  r["messages_per_active_day"], r["noise_share"])
           for name, r in rows(audit(week)).items()}
    assert got == {
        A: ("import", 4, 4, "2026-03-12T08:31:00+08:00", "2026-03-16T18:35:00+08:00", 4, 20, 4.0,
            5.0, 0.65),
        B: ("import", 3, 3, "2026-03-12T08:40:00+08:00", "2026-03-14T11:20:00+08:00", 3, 11, 2.2,
            3.67, 0.5455),
        C: ("import", 3, 3, "2026-03-12T09:00:00+08:00", "2026-03-16T09:06:00+08:00", 3, 10, 2.0,
            3.33, 0.7),
        D: ("import", 1, 1, "2026-03-12T11:00:00+08:00", "2026-03-12T11:00:00+08:00", 1, 1, 0.2,
            1.0, 1.0),
    }


def test_work_load_of_each_group(week):
    got = {name: (r["work_messages"], r["directives"], r["evidence_demands"], r["evidence_share"],
                  r["ranking_notices"], r["forced_downloads"], r["after_hours"]["total"],
                  r["notices"])
           for name, r in rows(audit(week)).items()}
    assert got == {A: (7, 3, 4, 0.5714, 2, 0, 4, 7), B: (5, 1, 4, 0.8, 2, 1, 2, 5),
                   C: (3, 0, 3, 1.0, 0, 0, 0, 3), D: (0, 0, 0, 0.0, 0, 0, 0, 0)}


def test_evidence_demands_by_type_per_group(week):
    got = {name: r["evidence_by_type"] for name, r in rows(audit(week)).items()}
    assert got == {
        A: NO_DEMANDS | {"photo": 2, "screenshot": 1, "video": 1, "checkin": 1, "form": 1,
                         "ledger": 1, "ranking": 1},
        B: NO_DEMANDS | {"photo": 2, "screenshot": 2, "video": 1, "form": 1, "ledger": 1,
                         "download": 1, "ranking": 1},
        C: NO_DEMANDS | {"photo": 1, "form": 1, "ledger": 2, "ack": 2},
        D: NO_DEMANDS,
    }


def test_duplicate_overlap_names_the_other_groups(week):
    got = {name: r["duplicate_overlap"] for name, r in rows(audit(week)).items()}
    assert got == {A: {B: 4, C: 1}, B: {A: 4, C: 1}, C: {A: 1, B: 1}, D: {}}


def test_units_that_post_in_each_group(week):
    """Who uses a group: N1 says 根据县应急局要求 in every copy, 镇应急办-陈敏 posts the town's
    other notices, and the villages' own notices come from 青石村李书记 and 柳河村王组长."""
    got = {name: r["units"] for name, r in rows(audit(week)).items()}
    assert got == {A: {"镇应急办": 6, "县应急局": 1}, B: {"镇应急办": 3, "县应急局": 1, "青石村": 1},
                   C: {"柳河村": 2, "县应急局": 1}, D: {}}


# The fixture week is small: flag on a single ranking or download notice, and at 30 % evidence.
STRICT = dict(evidence_heavy_share=0.3, ranking_min_messages=1, download_min_messages=1)


def test_flags_with_their_evidence(week):
    result = audit(week, config=ReportConfig(**STRICT))
    assert flags(result) == {
        A: [f"duplicate_of:{B}", "evidence_heavy", "ranking", "after_hours"],
        B: [f"duplicate_of:{A}", "evidence_heavy", "ranking", "forced_download", "after_hours"],
        C: ["evidence_heavy"],
        D: ["low_use"],
    }
    evidence = {(row["group"], f["flag"]): f["evidence"] for row in result["groups"]
                for f in row["flags"]}
    assert evidence[(B, f"duplicate_of:{A}")] == f"本群5项通知中4项也发在「{A}」（80%）"
    assert evidence[(D, "low_use")] == "5天内共1条消息（每天0.20条），1天有消息"
    assert evidence[(C, "evidence_heavy")] == "3条工作消息中3条要求留痕（100%）"
    assert evidence[(A, "after_hours")] == ("7条工作消息中4条在非工作时间发出（工作日下班时间3条，"
                                            "周末/节假日1条，57%）")
    assert evidence[(B, "forced_download")] == "1条要求下载/注册/关注/转发"


def test_thresholds_come_from_the_config(week):
    config = ReportConfig(**{**STRICT, "ranking_min_messages": 3}, duplicate_share=0.6,
                          low_use_messages_per_day=0.1, low_use_active_share=0.1,
                          min_work_messages=4, after_hours_share=0.5)
    result = audit(week, config=config)
    assert flags(result) == {
        A: ["evidence_heavy", "after_hours"],  # 4 of 7 shared with B is under 60 %
        B: [f"duplicate_of:{A}", "evidence_heavy", "forced_download"],
        C: [],  # 3 work messages: too few to judge a share
        D: [],
    }
    assert result["thresholds"]["duplicate_share"] == 0.6
    assert flags(audit(week, config=ReportConfig(**STRICT, duplicate_min_notices=5)))[B] == [
        "evidence_heavy", "ranking", "forced_download", "after_hours"]


def test_listed_members_count_and_silent_groups_appear(week):
    week.add_member("import", D, "u1", "值班员甲")
    week.set_group("import", "新建群", "新建群")
    got = rows(audit(week))
    assert got[D]["members_seen"] == 2 and got[D]["senders"] == 1
    silent = got["新建群"]
    assert (silent["messages"], silent["active_days"], silent["first_active"]) == (0, 0, None)
    assert [f["flag"] for f in silent["flags"]] == ["low_use"]


def test_days_and_groups_filter(week):
    result = audit(week, start=date(2026, 3, 14), end=date(2026, 3, 16), groups=[A, B])
    assert [row["group"] for row in result["groups"]] == [A, B]
    a = rows(result)[A]
    assert (a["messages"], a["active_days"], a["evidence_demands"], a["duplicate_overlap"]) == (
        6, 2, 1, {B: 1})
