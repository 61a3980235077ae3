"""Evidence-demand statistics (`jianfu report`, /stats) and the work-group audit (`jianfu audit`,
/audit): figures, not anecdotes, on how much proof of work the groups demand. Core logic only: it
reads through `Store`, attributes replies with the digest's `AckBurden` and finds copies of one
notice with the digest's own `cluster_notices`.

Counting rules, the same in every export:
- A message counts where it was posted: a notice forwarded into three groups is three evidence
  demands, one on each group (that repetition is the burden being measured). `unique` counts the
  notices once: copies clustered as the digest merges them, among messages less than
  `duplicate_window_hours` apart, and split where a copy comes that long or more after the
  notice's first copy (so a reminder repeated every day is a new notice each day).
- Work messages are `directive` and `evidence_demand` (system lines excluded) that the classifier
  finds more likely work than not (`min_p_actionable`). The classifier keeps doubtful messages
  actionable so that the digest misses no order; a figure should not count them.
- The copies of one notice are read alike (`read_alike`): a demand most copies carry counts on
  every copy, so one copy misread does not move its group's count. A demand one forwarder
  added in a line of their own (收到请回复 under their copy) stays on that copy.
- `evidence_demands.by_type` counts evidence_demand messages carrying each demand;
  `ranking_notices` counts every work message with `ranking` (LABELS.md lets it stand on a
  directive too).
- `evidence_demands.by_unit` counts them by the office each notice comes from (`bot.units`: the
  source the notice names, else its first poster's unit from their nickname), every copy on its
  notice's unit, so a county bureau's notice forwarded by the township still counts as the bureau's.
- People are pseudonymised (`人员-xxxxxx`, salted per database) unless names are asked for;
  message text appears only when asked for. Group names stay.
"""
from __future__ import annotations

import hashlib
import secrets
import statistics
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.config import Config, ReportConfig, parse_clock
from bot.digest import NOISE_KINDS, AckBurden, cluster_notices, day_bounds, read_alike
from bot.export import export, flag_label, period_text, tables_of, write_xlsx
from bot.record import Message
from bot.store import Classified, Store
from bot.units import UNKNOWN as UNKNOWN_UNIT, level_aliases, unit_of_notice
from classifiers.labels import ACTIONABLE, DEMANDS, KINDS

SALT_STATE = "report:pseudonym_salt"
PSEUDONYM_PREFIX = "人员-"

TIME_COST_METHOD = (
    "acks × seconds_per_ack + Σ submissions × (minutes of the proof types their notice demands, "
    "added up; minutes_per_submission when it names none or the submission answers no notice)")


class ReportError(ValueError):
    """Bad report input (an unknown group, --from after --to), worded for the user."""


# --- what a report covers ---

@dataclass
class GroupUse:
    """What the audit needs of one group's messages, folded as they stream past."""

    messages: int = 0
    noise: int = 0
    first: datetime | None = None
    last: datetime | None = None
    days: set[date] = field(default_factory=set)
    senders: set[str] = field(default_factory=set)

    def add(self, m: Classified, moment: datetime) -> None:
        self.messages += 1
        self.noise += m.kind in NOISE_KINDS
        self.first = self.first or moment
        self.last = moment
        self.days.add(moment.date())
        if not m.message.system:
            self.senders.add(identity(m.message))


@dataclass
class Scope:
    """The local days and the groups (key → shown name) a report covers, and what their messages
    add up to. Only actionable messages are kept whole (notices are found among them); every
    other message is folded into counts as it streams from the store, so a year of 收到 costs
    counters, not records."""

    first_day: date | None
    last_day: date | None
    tz: ZoneInfo
    labels: dict[str, str]
    platforms: dict[str, str]
    actionable: list[Classified] = field(default_factory=list)
    messages: int = 0
    other_kinds: Counter = field(default_factory=Counter)
    use: dict[str, GroupUse] = field(default_factory=dict)
    replies: AckBurden = field(default_factory=AckBurden)

    @property
    def days(self) -> list[date]:
        if self.first_day is None or self.last_day is None:
            return []
        return [self.first_day + timedelta(days=n)
                for n in range((self.last_day - self.first_day).days + 1)]

    def local(self, m: Classified) -> datetime:
        return m.message.ts.astimezone(self.tz)

    def label(self, group_key: str) -> str:
        return self.labels.get(group_key, group_key)

    def add(self, m: Classified) -> None:
        self.messages += 1
        self.replies.add(m)
        group = m.message.group_key
        self.use.setdefault(group, GroupUse()).add(m, self.local(m))
        if m.kind in ACTIONABLE:
            self.actionable.append(m)
        else:
            self.other_kinds[m.kind] += 1


def load_scope(store: Store, model_version: str, tz: ZoneInfo, start: date | None = None,
               end: date | None = None, groups: list[str] | None = None) -> Scope:
    keys = resolve_groups(store, groups)
    first, last = _period(store, tz, start, end)
    rows = [g for g in store.groups() if keys is None or g["group_key"] in keys]
    scope = Scope(first, last, tz, _group_labels(rows), {g["group_key"]: g["platform"] for g in rows})
    if first is not None and last is not None:
        for m in store.iter_messages_between(day_bounds(first, tz)[0], day_bounds(last, tz)[1],
                                             model_version, keys):
            scope.add(m)
    return scope


def resolve_groups(store: Store, names: list[str] | None) -> set[str] | None:
    """Group keys for the names (or keys) given; None = every group."""
    if not names:
        return None
    keys: set[str] = set()
    for name in names:
        found = store.group_keys_named([name])
        if not found:
            raise ReportError(f"no group named {name!r} in the database")
        keys |= found
    return keys


def _period(store: Store, tz: ZoneInfo, start: date | None, end: date | None):
    """The first and last local day: as given, else the stored messages' span."""
    if start and end and start > end:
        raise ReportError(f"--from {start} is after --to {end}")
    span = store.time_span()
    if span is not None:
        data_first = datetime.fromtimestamp(span[0], tz).date()
        data_last = datetime.fromtimestamp(span[1], tz).date()
        end = end or max(data_last, start or data_last)
        start = start or min(data_first, end)
    return start or end, end or start


def _group_labels(rows: list[dict]) -> dict[str, str]:
    """Group names as shown; a name that two groups share gets the group's key added."""
    seen = Counter(g["name"] for g in rows)
    return {g["group_key"]: g["name"] if seen[g["name"]] == 1 else f"{g['name']}（{g['group_key']}）"
            for g in rows}


def is_work(m: Classified, min_p_actionable: float = 0.0) -> bool:
    """Directive or evidence demand (system lines never are), at least `min_p_actionable` likely."""
    return m.kind in ACTIONABLE and not m.message.system and m.p_actionable >= min_p_actionable


# --- people ---

def identity(message: Message) -> str:
    return f"{message.platform}:{message.sender_id}" if message.sender_id else message.sender


class People:
    """Who sent a message as an export shows them: a stable salted pseudonym, or the real name
    only when asked. The salt is random per database (kept in `state`), so one person is the
    same 人员-xxxxxx in every report from one database, and reports from two databases cannot
    be joined on it (unless [report] salt sets one on purpose)."""

    def __init__(self, store: Store, *, salt: str = "", reveal: bool = False):
        self.salt = salt or store.setdefault_state(SALT_STATE, secrets.token_hex(16))
        self.reveal = reveal
        self._owners: dict[str, str] = {}

    def name(self, message: Message) -> str:
        if self.reveal:
            return message.sender or "（未知）"
        return self.pseudonym(identity(message))

    def pseudonym(self, who: str) -> str:
        digest = hashlib.blake2b(who.encode("utf-8"), key=self.salt.encode("utf-8")[:64],
                                 digest_size=16).hexdigest()
        for length in (6, 10, 32):  # longer only in the rare clash of two people's codes
            code = PSEUDONYM_PREFIX + digest[:length]
            if self._owners.setdefault(code, who) == who:
                return code
        return code


# --- notices: the copies of one notice across groups ---

@dataclass
class Notice:
    copies: list[Classified]
    acks: int = 0
    submissions: int = 0
    unit: str = UNKNOWN_UNIT  # the office it comes from, the same for all its copies

    @property
    def first(self) -> Classified:
        return self.copies[0]

    @property
    def kind(self) -> str:
        return ("evidence_demand" if any(c.kind == "evidence_demand" for c in self.copies)
                else "directive")

    @property
    def demands(self) -> list[str]:
        return sorted({d for c in self.copies for d in c.demands})

    @property
    def group_keys(self) -> list[str]:
        return list(dict.fromkeys(c.message.group_key for c in self.copies))

    @property
    def burden(self) -> int:
        return self.acks + self.submissions


def find_notices(work: list[Classified], window_hours: float, tz: ZoneInfo,
                 burden: dict[str, Counter] | None = None) -> list[Notice]:
    """Work messages (in time order) grouped into notices, each with the replies it drew —
    clustered as the digest merges copies, among messages less than the window apart."""
    window = timedelta(hours=window_hours)
    notices = []
    for members in cluster_notices(work, tz, window):
        for copies in _split_in_time([work[i] for i in members], window):
            notice = Notice(read_alike(copies))
            if burden is not None:
                notice.acks = sum(burden[c.key]["ack"] for c in copies)
                notice.submissions = sum(burden[c.key]["evidence_submission"] for c in copies)
            notices.append(notice)
    return sorted(notices, key=lambda n: n.first.message.ts)


def _name_units(notices: list[Notice], known: dict[str, str]) -> None:
    """Each notice's unit (see bot.units), one name per office across the notices. `known` is
    [report] units: the unit of a poster whose nickname holds none, by name or platform:id."""
    found = [unit_of_notice([c.message.text for c in n.copies], n.first.message.sender,
                            known.get(identity(n.first.message)) or known.get(n.first.message.sender))
             for n in notices]
    aliases = level_aliases(unit for unit in found if unit)
    for notice, unit in zip(notices, found):
        notice.unit = aliases[unit] if unit else UNKNOWN_UNIT


def read_notices(scope: Scope, config: ReportConfig, burden: dict[str, Counter] | None = None
                 ) -> tuple[list[Classified], list[Notice]]:
    """The scope's work messages grouped into notices, and the scope's actionable messages with
    each copy of a notice as the notice reads it (see `read_alike`)."""
    work = [m for m in scope.actionable if is_work(m, config.min_p_actionable)]
    notices = find_notices(work, config.duplicate_window_hours, scope.tz, burden)
    _name_units(notices, config.units)
    read = {c.key: c for n in notices for c in n.copies}
    return [read.get(m.key, m) for m in scope.actionable], notices


def _split_in_time(copies: list[Classified], window: timedelta) -> list[list[Classified]]:
    runs: list[list[Classified]] = []
    for copy in copies:
        if runs and copy.message.ts - runs[-1][0].message.ts < window:
            runs[-1].append(copy)
        else:
            runs.append([copy])
    return runs


# --- working hours ---

class WorkingTime:
    """Working hours on working days; weekends and holidays are rest days unless made up (调休)."""

    def __init__(self, config: ReportConfig):
        self.start, self.end = parse_clock(config.work_start), parse_clock(config.work_end)
        self.holidays = set(config.holidays)
        self.make_up_workdays = set(config.make_up_workdays)

    def is_rest_day(self, day: date) -> bool:
        if day in self.make_up_workdays:
            return False
        return day.weekday() >= 5 or day in self.holidays

    def off_hours(self, moment: datetime) -> str | None:
        """'weekend' on a rest day, 'outside_hours' outside working hours, else None."""
        if self.is_rest_day(moment.date()):
            return "weekend"
        if not self.start <= moment.time() < self.end:
            return "outside_hours"
        return None

    @property
    def hours_text(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


def after_hours_counts(work: list[Classified], scope: Scope, clock: WorkingTime) -> dict:
    when = Counter(clock.off_hours(scope.local(m)) for m in work)
    total = when["outside_hours"] + when["weekend"]
    return {"work_messages": len(work), "outside_hours": when["outside_hours"],
            "weekend": when["weekend"], "total": total, "share": share(total, len(work))}


# --- small counting helpers ---

def share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _ranked(counts: Counter, keys=()) -> dict[str, int]:
    """Every key (zeros included), most first, then by name."""
    full = {key: counts.get(key, 0) for key in keys} | dict(counts)
    return dict(sorted(full.items(), key=lambda kv: (-kv[1], kv[0])))


def by_type(messages: list[Classified]) -> dict[str, int]:
    counts = Counter(d for m in messages for d in m.demands)
    return {d: counts.get(d, 0) for d in DEMANDS}


def _by_group(scope: Scope, messages: list[Classified]) -> dict[str, list[Classified]]:
    grouped: dict[str, list[Classified]] = {key: [] for key in scope.labels}
    for m in messages:
        grouped.setdefault(m.message.group_key, []).append(m)
    return grouped


def _median(values: list[int]) -> float:
    return float(statistics.median(values)) if values else 0.0


def _mean(values: list[int]) -> float:
    return round(statistics.fmean(values), 2) if values else 0.0


def _header(kind: str, scope: Scope, model_version: str) -> dict:
    return {"kind": kind,
            "from": scope.first_day.isoformat() if scope.first_day else None,
            "to": scope.last_day.isoformat() if scope.last_day else None,
            "days": len(scope.days), "timezone": str(scope.tz), "model_version": model_version}


# --- the report ---

def build_report(store: Store, model_version: str, config: ReportConfig, tz: ZoneInfo,
                 start: date | None = None, end: date | None = None,
                 groups: list[str] | None = None, reveal_names: bool = False,
                 include_text: bool = False) -> dict:
    """Evidence demands, acks, burden, time cost, after-hours load and 一事多群 over the days
    `start`..`end` (inclusive; default: all stored days) in the named groups (default: all)."""
    scope = load_scope(store, model_version, tz, start, end, groups)
    people = People(store, salt=config.salt, reveal=reveal_names)
    burden = scope.replies.burden
    actionable, notices = read_notices(scope, config, burden)
    work = [m for m in actionable if is_work(m, config.min_p_actionable)]
    demands = [m for m in work if m.kind == "evidence_demand"]
    kinds = scope.other_kinds + Counter(m.kind for m in actionable)
    describe = partial(notice_json, scope=scope, people=people, include_text=include_text)
    return {
        **_header("report", scope, model_version),
        "groups": list(scope.labels.values()),
        "messages": scope.messages,
        "by_kind": {kind: kinds.get(kind, 0) for kind in KINDS} | {
            kind: n for kind, n in kinds.items() if kind not in KINDS},
        "actionable": len(work),
        "doubtful_work": sum(1 for m in actionable if is_work(m)) - len(work),
        "notices": len(notices),
        "evidence_demands": _evidence_section(scope, work, demands, notices, people),
        "ranking_notices": _tally(work, notices, "ranking"),
        "forced_downloads": _tally(work, notices, "download"),
        "ack_demands": _tally(work, notices, "ack"),
        "acks": kinds["ack"],
        "evidence_submissions": kinds["evidence_submission"],
        "ack_burden": _burden_section(notices, kinds, config.worst_items, describe),
        "time_cost": time_cost(work, burden, kinds["ack"], kinds["evidence_submission"], config),
        "after_hours": _after_hours_section(scope, work, WorkingTime(config)),
        "duplicate_notices": _duplicates_section(notices, describe),
        "privacy": {"names": "real" if reveal_names else "pseudonymised", "text": include_text},
    }


def _evidence_section(scope: Scope, work: list[Classified], demands: list[Classified],
                      notices: list[Notice], people: People) -> dict:
    evidence_notices = [n for n in notices if n.kind == "evidence_demand"]
    unit_of = {c.key: n.unit for n in evidence_notices for c in n.copies}
    local = [scope.local(m) for m in demands]
    return {
        "total": len(demands),
        "unique": len(evidence_notices),
        "share_of_actionable": share(len(demands), len(work)),
        "by_type": by_type(demands),
        "unique_by_type": {d: sum(d in n.demands for n in evidence_notices) for d in DEMANDS},
        "by_group": _ranked(Counter(scope.label(m.message.group_key) for m in demands),
                            scope.labels.values()),
        "by_issuer": _ranked(Counter(people.name(m.message) for m in demands)),
        "by_unit": _ranked(Counter(unit_of[m.key] for m in demands)),
        "by_day": {day.isoformat(): sum(t.date() == day for t in local) for day in scope.days},
        "by_hour": {f"{hour:02d}": sum(t.hour == hour for t in local) for hour in range(24)},
    }


def _tally(work: list[Classified], notices: list[Notice], demand: str) -> dict:
    return {"total": sum(demand in m.demands for m in work),
            "unique": sum(demand in n.demands for n in notices)}


def notice_json(notice: Notice, *, scope: Scope, people: People, include_text: bool) -> dict:
    first = notice.first
    out = {
        "id": first.message.public_id,
        "message_ids": [c.message.public_id for c in notice.copies],
        "first_ts": scope.local(first).isoformat(),
        "kind": notice.kind, "demands": notice.demands,
        "issuer": people.name(first.message), "unit": notice.unit,
        "groups": [scope.label(key) for key in notice.group_keys],
        "copies": len(notice.copies),
        "acks": notice.acks, "submissions": notice.submissions, "burden": notice.burden,
    }
    if include_text:
        out["text"] = max((c.message.text for c in notice.copies), key=len)
    return out


def _burden_section(notices: list[Notice], kinds: Counter, worst_items: int, describe) -> dict:
    acks = [n.acks for n in notices]
    submissions = [n.submissions for n in notices]
    both = [n.burden for n in notices]
    worst = sorted((n for n in notices if n.burden), key=lambda n: -n.burden)[:worst_items]
    return {
        "notices": len(notices), "acks": sum(acks), "submissions": sum(submissions),
        "unattributed_acks": kinds["ack"] - sum(acks),
        "unattributed_submissions": kinds["evidence_submission"] - sum(submissions),
        "mean": {"acks": _mean(acks), "submissions": _mean(submissions), "total": _mean(both)},
        "median": {"acks": _median(acks), "submissions": _median(submissions),
                   "total": _median(both)},
        "worst": [describe(n) for n in worst],
    }


def submission_minutes(demands, config: ReportConfig) -> float:
    """Minutes one submission costs: the proof types its notice demands, added up."""
    priced = [d for d in demands if d in config.minutes_per_demand_type]
    if not priced:
        return config.minutes_per_submission
    return sum(config.minutes_per_demand_type[d] for d in priced)


def time_cost(work: list[Classified], burden: dict[str, Counter], acks: int, submissions: int,
              config: ReportConfig) -> dict:
    """Person-minutes spent on 收到 replies and on submitting proof (see TIME_COST_METHOD)."""
    attributed = sum(burden[m.key]["evidence_submission"] for m in work)
    submission_total = sum(burden[m.key]["evidence_submission"] *
                           submission_minutes(m.demands, config) for m in work)
    submission_total += (submissions - attributed) * config.minutes_per_submission
    ack_total = acks * config.seconds_per_ack / 60
    total = ack_total + submission_total
    return {
        "acks": {"count": acks, "person_minutes": round(ack_total, 1)},
        "submissions": {"count": submissions, "person_minutes": round(submission_total, 1)},
        "person_minutes": round(total, 1), "person_hours": round(total / 60, 2),
        "model": {"method": TIME_COST_METHOD, "seconds_per_ack": config.seconds_per_ack,
                  "minutes_per_submission": config.minutes_per_submission,
                  "minutes_per_demand_type": dict(config.minutes_per_demand_type)},
    }


def _after_hours_section(scope: Scope, work: list[Classified], clock: WorkingTime) -> dict:
    section = after_hours_counts(work, scope, clock)
    section["working_hours"] = clock.hours_text
    section["by_group"] = {scope.label(key): after_hours_counts(group_work, scope, clock)
                           for key, group_work in _by_group(scope, work).items()}
    return section


def _duplicates_section(notices: list[Notice], describe) -> dict:
    spread = [n for n in notices if len(n.group_keys) > 1]
    return {"count": len(spread), "copies": sum(len(n.copies) for n in spread),
            "notices": [describe(n) for n in spread]}


# --- the audit ---

def build_audit(store: Store, model_version: str, config: ReportConfig, tz: ZoneInfo,
                start: date | None = None, end: date | None = None,
                groups: list[str] | None = None) -> dict:
    """One row per group: use, noise, directives, evidence demands, overlap with other groups,
    and flags, each with the evidence for it."""
    scope = load_scope(store, model_version, tz, start, end, groups)
    actionable, notices = read_notices(scope, config)
    context = AuditContext(scope, WorkingTime(config), config, store.member_counts(),
                           Counter(k for n in notices for k in n.group_keys), _overlap(notices),
                           _units_by_group(notices))
    grouped = _by_group(scope, actionable)
    rows = [_audit_row(key, scope.use.get(key, GroupUse()), grouped.get(key, []), context)
            for key in dict.fromkeys([*grouped, *scope.use])]
    rows.sort(key=lambda row: (-row["messages"], row["group"]))
    return {**_header("audit", scope, model_version), "groups": rows,
            "thresholds": _thresholds(config)}


@dataclass
class AuditContext:
    scope: Scope
    clock: WorkingTime
    config: ReportConfig
    members: dict[str, int]
    notices: Counter
    overlap: dict[str, Counter]
    units: dict[str, Counter]


def _units_by_group(notices: list[Notice]) -> dict[str, Counter]:
    """For each group, how many of its notices came from each unit: who uses the group."""
    units: dict[str, Counter] = defaultdict(Counter)
    for notice in notices:
        for key in notice.group_keys:
            units[key][notice.unit] += 1
    return units


def _overlap(notices: list[Notice]) -> dict[str, Counter]:
    """For each group, how many of its notices each other group also carried."""
    shared: dict[str, Counter] = defaultdict(Counter)
    for notice in notices:
        for a in notice.group_keys:
            for b in notice.group_keys:
                if a != b:
                    shared[a][b] += 1
    return shared


def _audit_row(key: str, use: GroupUse, actionable: list[Classified], ctx: AuditContext) -> dict:
    scope = ctx.scope
    work = [m for m in actionable if is_work(m, ctx.config.min_p_actionable)]
    demands = [m for m in work if m.kind == "evidence_demand"]
    active_days = len(use.days)
    row = {
        "group": scope.label(key), "group_key": key, "platform": scope.platforms.get(key, ""),
        "members_seen": ctx.members.get(key, 0),
        "senders": len(use.senders),
        "first_active": use.first.isoformat() if use.first else None,
        "last_active": use.last.isoformat() if use.last else None,
        "active_days": active_days,
        "messages": use.messages,
        "messages_per_day": round(use.messages / max(len(scope.days), 1), 2),
        "messages_per_active_day": round(use.messages / active_days, 2) if active_days else 0.0,
        "noise_share": share(use.noise, use.messages),
        "work_messages": len(work),
        "directives": sum(m.kind == "directive" for m in work),
        "evidence_demands": len(demands),
        "evidence_share": share(len(demands), len(work)),
        "evidence_by_type": by_type(demands),
        "ranking_notices": sum("ranking" in m.demands for m in work),
        "forced_downloads": sum("download" in m.demands for m in work),
        "after_hours": after_hours_counts(work, scope, ctx.clock),
        "notices": ctx.notices.get(key, 0),
        "units": _ranked(ctx.units.get(key, Counter())),
        "duplicate_overlap": {scope.label(other): n
                              for other, n in ctx.overlap.get(key, Counter()).most_common()},
    }
    row["flags"] = audit_flags(row, len(scope.days), ctx.config)
    return row


def audit_flags(row: dict, days: int, config: ReportConfig) -> list[dict]:
    """Every flag the row earns, each with the figures behind it (in Chinese, for the audit)."""
    return (_low_use(row, days, config) + _duplicate_of(row, config)
            + _evidence_heavy(row, config) + _ranking(row, config)
            + _forced_download(row, config) + _after_hours(row, config))


def _flag(name: str, evidence: str) -> list[dict]:
    return [{"flag": name, "evidence": evidence}]


def _low_use(row: dict, days: int, config: ReportConfig) -> list[dict]:
    days = max(days, 1)
    per_day = row["messages"] / days
    if (per_day >= config.low_use_messages_per_day
            and row["active_days"] / days >= config.low_use_active_share):
        return []
    return _flag("low_use", f"{days}天内共{row['messages']}条消息（每天{per_day:.2f}条），"
                            f"{row['active_days']}天有消息")


def _duplicate_of(row: dict, config: ReportConfig) -> list[dict]:
    flags = []
    for other, shared in row["duplicate_overlap"].items():
        part = shared / row["notices"]
        if shared >= config.duplicate_min_notices and part >= config.duplicate_share:
            flags += _flag(f"duplicate_of:{other}",
                           f"本群{row['notices']}项通知中{shared}项也发在「{other}」（{part:.0%}）")
    return flags


def _evidence_heavy(row: dict, config: ReportConfig) -> list[dict]:
    if (row["work_messages"] < config.min_work_messages
            or row["evidence_share"] < config.evidence_heavy_share):
        return []
    return _flag("evidence_heavy", f"{row['work_messages']}条工作消息中{row['evidence_demands']}条"
                                   f"要求留痕（{row['evidence_share']:.0%}）")


def _ranking(row: dict, config: ReportConfig) -> list[dict]:
    if row["ranking_notices"] < config.ranking_min_messages:
        return []
    return _flag("ranking", f"{row['ranking_notices']}条排名/通报类消息")


def _forced_download(row: dict, config: ReportConfig) -> list[dict]:
    if row["forced_downloads"] < config.download_min_messages:
        return []
    return _flag("forced_download", f"{row['forced_downloads']}条要求下载/注册/关注/转发")


def _after_hours(row: dict, config: ReportConfig) -> list[dict]:
    late = row["after_hours"]
    if row["work_messages"] < config.min_work_messages or late["share"] < config.after_hours_share:
        return []
    return _flag("after_hours", f"{row['work_messages']}条工作消息中{late['total']}条在非工作时间"
                                f"发出（工作日下班时间{late['outside_hours']}条，周末/节假日"
                                f"{late['weekend']}条，{late['share']:.0%}）")


def _thresholds(config: ReportConfig) -> dict:
    names = ("work_start", "work_end", "low_use_messages_per_day", "low_use_active_share",
             "duplicate_share", "duplicate_min_notices", "evidence_heavy_share",
             "after_hours_share", "min_work_messages", "ranking_min_messages",
             "download_min_messages", "duplicate_window_hours", "min_p_actionable")
    return {name: getattr(config, name) for name in names}


# --- for the commands: the CLI's export and the bots' /stats and /audit ---

def build(kind: str, store: Store, model_version: str, config: ReportConfig, tz: ZoneInfo,
          *, reveal_names: bool = False, include_text: bool = False, **filters) -> dict:
    if kind == "report":
        return build_report(store, model_version, config, tz, reveal_names=reveal_names,
                            include_text=include_text, **filters)
    if kind == "audit":
        return build_audit(store, model_version, config, tz, **filters)
    raise ValueError(f"unknown kind {kind!r}: report or audit")


def export_report(store: Store, model_version: str, kind: str, fmt: str, out: str | None,
                  config: ReportConfig, tz: ZoneInfo, **options) -> tuple[str | None, Path | None]:
    """Build a report or audit and write it in `fmt`: (text for standard output, or the path
    written). CSV and XLSX always go to a path (default: jianfu-<kind>-csv/, jianfu-<kind>.xlsx)."""
    doc = build(kind, store, model_version, config, tz, **options)
    return export(doc, fmt, out)


def admin_report(store: Store, model_version: str, config: Config,
                 kind: str = "report") -> tuple[str, Path]:
    """For /stats and /audit: a short Chinese summary and an XLSX file over all stored days."""
    doc = build(kind, store, model_version, config.report, config.tz)
    folder = Path(config.report.export_dir or Path(tempfile.gettempdir()) / "jianfu-exports")
    stamp = datetime.now(config.tz).strftime("%Y%m%d-%H%M%S")
    path = folder / f"jianfu-{kind}-{stamp}.xlsx"
    write_xlsx(tables_of(doc), path)
    return (report_summary(doc) if kind == "report" else audit_summary(doc)), path


def report_summary(doc: dict) -> str:
    ev, cost, late = doc["evidence_demands"], doc["time_cost"], doc["after_hours"]
    return "\n".join([
        f"留痕统计 {period_text(doc)}（{len(doc['groups'])} 个群）",
        f"消息 {doc['messages']} 条，其中工作消息 {doc['actionable']} 条；"
        f"要求留痕 {ev['total']} 条（{ev['share_of_actionable']:.0%}），去重后 {ev['unique']} 项通知",
        f"收到类回复 {doc['acks']} 条，留痕提交 {doc['evidence_submissions']} 条，"
        f"估计耗时约 {cost['person_minutes']:g} 人·分钟",
        f"排名通报 {doc['ranking_notices']['total']} 条，强制下载 {doc['forced_downloads']['total']} 条，"
        f"要求回复收到/接龙 {doc['ack_demands']['total']} 条",
        f"非工作时间的工作消息 {late['total']} 条（{late['share']:.0%}）；"
        f"一事多群 {doc['duplicate_notices']['count']} 项通知",
        *_top_units(ev["by_unit"]),
        "明细见附件（Excel）。",
    ])


def _top_units(by_unit: dict[str, int], most: int = 3) -> list[str]:
    named = [f"{unit} {n} 条" for unit, n in by_unit.items() if unit != UNKNOWN_UNIT and n][:most]
    return [f"要求留痕最多的单位：{'、'.join(named)}"] if named else []


def audit_summary(doc: dict, most: int = 10) -> str:
    flagged = [row for row in doc["groups"] if row["flags"]]
    lines = [f"工作群审计 {period_text(doc)}：共 {len(doc['groups'])} 个群，"
             f"{len(flagged)} 个群有标记"]
    for row in flagged[:most]:
        lines.append(f"· {row['group']}：{'、'.join(flag_label(f['flag']) for f in row['flags'])}")
    if len(flagged) > most:
        lines.append(f"· ……另有 {len(flagged) - most} 个群")
    lines.append("明细见附件（Excel）。")
    return "\n".join(lines)
