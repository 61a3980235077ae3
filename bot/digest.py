"""The daily digest: every actionable notice of a cadre's day once, with its deadline, groups,
demands, mentions and ack burden. Pure core logic over stored, classified messages."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.deadlines import find_deadline
from bot.dedupe import cluster, shingles
from bot.store import Classified, Store
from classifiers.features import abolishes_demand, mentioned_demands
from classifiers.labels import ACTIONABLE

NOISE_KINDS = ("ack", "evidence_submission", "chatter")
BARE_REMARK = 16  # characters
FAR_FUTURE = datetime.max.replace(tzinfo=ZoneInfo("UTC"))


@dataclass
class DigestItem:
    kind: str
    demands: list[str]
    text: str
    sender: str
    groups: list[str]
    message_ids: list[str]
    first_ts: datetime
    deadline: datetime | None
    mentions_cadre: bool
    acks: int
    submissions: int
    confidence: float
    uncertain: bool

    def as_json(self) -> dict:
        return {
            "kind": self.kind, "demands": self.demands, "text": self.text, "sender": self.sender,
            "groups": self.groups, "message_ids": self.message_ids,
            "first_ts": self.first_ts.isoformat(),
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "mentions_cadre": self.mentions_cadre, "acks": self.acks,
            "submissions": self.submissions, "confidence": round(self.confidence, 4),
            "uncertain": self.uncertain,
        }


@dataclass
class Digest:
    cadre: str | None
    date: date
    groups: list[str]
    messages: int
    filtered: dict[str, int]
    items: list[DigestItem]
    active_groups: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def certain_items(self) -> list[DigestItem]:
        return [i for i in self.items if not i.uncertain]

    @property
    def uncertain_items(self) -> list[DigestItem]:
        return [i for i in self.items if i.uncertain]

    def as_json(self) -> dict:
        return {
            "cadre": self.cadre, "date": self.date.isoformat(), "groups": self.groups,
            "messages": self.messages, "filtered": self.filtered,
            "items": [item.as_json() for item in self.certain_items],
            "uncertain": [item.as_json() for item in self.uncertain_items],
            "warnings": self.warnings,
        }


def day_bounds(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0), tzinfo=tz)
    return start, datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)


def cadre_groups(store: Store, cadre: str | None) -> tuple[set[str] | None, list[str]]:
    """Group keys the cadre belongs to (None = all groups), and any warning about it."""
    if not cadre:
        return None, []
    keys = store.groups_of(cadre)
    if keys:
        return keys, []
    return None, [f"没有找到 {cadre} 所在的群（成员名单、导出者或发言记录），已汇总全部群。"]


def build_digest(store: Store, day: date, *, model_version: str, tz: ZoneInfo,
                 cadre: str | None = None, group_keys: set[str] | None = None,
                 low_confidence: float = 0.7, doubtful_from: float = 0.25) -> Digest:
    """The digest of one local day. `group_keys` (from access control) overrides membership."""
    warnings: list[str] = []
    if group_keys is None:
        group_keys, warnings = cadre_groups(store, cadre)
    start, end = day_bounds(day, tz)
    messages = [_doubt_read_as_work(m, doubtful_from)
                for m in store.messages_between(start, end, model_version, group_keys)]
    names = _group_names(store, group_keys)
    items = _items(messages, cadre, low_confidence, tz)
    counts = Counter(m.kind for m in messages)
    return Digest(
        cadre=cadre, date=day, groups=names, messages=len(messages),
        filtered={kind: counts.get(kind, 0) for kind in NOISE_KINDS},
        items=sorted(items, key=_order), active_groups=len({m.message.group_key for m in messages}),
        warnings=warnings,
    )


def _group_names(store: Store, group_keys: set[str] | None) -> list[str]:
    return sorted({g["name"] for g in store.groups()
                   if group_keys is None or g["group_key"] in group_keys})


def _order(item: DigestItem):
    return (not item.mentions_cadre, item.deadline or FAR_FUTURE, item.first_ts)


def _doubt_read_as_work(m: Classified, doubtful_from: float) -> Classified:
    """A message the classifier labels as something else but still finds at least `doubtful_from`
    likely to be work is read as a directive here: its item lands in 可能需要关注 (it is below
    `low_confidence`), since a missed order costs a cadre more than a line to skip."""
    if m.kind in ACTIONABLE or m.message.system or m.p_actionable < doubtful_from:
        return m
    return replace(m, kind="directive", demands=())


def _is_actionable(m: Classified) -> bool:
    return m.kind in ACTIONABLE and not m.message.system


def _items(messages: list[Classified], cadre: str | None, low_confidence: float,
           tz: ZoneInfo) -> list[DigestItem]:
    actionable = [m for m in messages if _is_actionable(m)]
    burden = ack_burden(messages)
    items = []
    deadlines = message_deadlines(actionable, tz)
    for members in cluster([m.message.text for m in actionable], anchors=deadlines):
        copies = [actionable[i] for i in members]
        items.append(_item(copies, [deadlines[i] for i in members], burden, cadre,
                           low_confidence, tz))
    return items


def message_deadlines(messages: list[Classified], tz: ZoneInfo) -> list[datetime | None]:
    """Each message's deadline, read in the local zone ("明天" said at 07:00 Beijing time is not
    UTC's 明天); the same deadline on two texts also tells `cluster` they may be one notice."""
    return [find_deadline(m.message.text, m.message.ts.astimezone(tz)) for m in messages]


def cluster_notices(messages: list[Classified], tz: ZoneInfo, window: timedelta) -> list[list[int]]:
    """Indices of `messages` (in time order) grouped into notices: copies of one notice in one
    list. Only messages less than `window` apart can be copies."""
    return cluster([m.message.text for m in messages], anchors=message_deadlines(messages, tz),
                   times=[m.message.ts.timestamp() for m in messages], window=window.total_seconds())


# Demands a forwarder adds to their own copy ("收到请回复" under a forwarded notice).
OWN_DEMANDS = frozenset({"ack"})
_SENTENCE_END = re.compile(r"[。！？!?；;\n]+")


def read_alike(copies: list[Classified]) -> list[Classified]:
    """The copies of one notice with one reading. The classifier reads each copy alone, and a
    prefix or a signature can tip one copy of five; the notice, and every group's count, should
    not tip with it. So a demand that more than half of the copies carry stands on every copy,
    one that fewer than half carry on none; at exactly half each copy keeps its own. A demand a
    forwarder added to their own copy stays theirs and does not vote: OWN_DEMANDS, and any demand
    whose cue words sit only in lines that no other copy has ("拍张照片发群里" under one copy).
    The kind follows: evidence_demand while a proof is demanded, else directive."""
    if len({c.demands for c in copies}) < 2:
        return copies  # one copy, or copies read alike already (most notices)
    grams = [shingles(c.message.text) for c in copies]
    added = [_added_demands(c, set().union(*grams[:i], *grams[i + 1:])) | OWN_DEMANDS
             for i, c in enumerate(copies)]
    agreed: set[str] = set()
    split: set[str] = set()
    for demand in {d for c in copies for d in c.demands} - OWN_DEMANDS:
        voters = [c for c, own in zip(copies, added) if demand not in own]
        votes = sum(demand in c.demands for c in voters)
        if 2 * votes > len(voters):
            agreed.add(demand)
        elif 2 * votes == len(voters):
            split.add(demand)
    return [_as_read(c, (agreed - own) | ((split | own) & set(c.demands)))
            for c, own in zip(copies, added)]


def _added_demands(copy: Classified, others: set[str]) -> set[str]:
    """Demands whose cue words appear only in lines of `copy` that the other copies (`others`:
    their shingles) lack: lines mostly new to the notice (a line added above or below it), not a
    sentence of the notice with a few words changed."""
    own, shared = [], []
    for line in _SENTENCE_END.split(copy.message.text):
        grams = shingles(line)
        if grams:
            (own if 2 * len(grams & others) < len(grams) else shared).append(line)
    return mentioned_demands("。".join(own)) - mentioned_demands("。".join(shared))


def _as_read(copy: Classified, demands: set[str]) -> Classified:
    if demands == set(copy.demands):
        return copy
    kind = "evidence_demand" if demands - {"ranking"} else "directive"
    return replace(copy, kind=kind, demands=tuple(sorted(demands)))


def _item(copies: list[Classified], deadlines: list[datetime | None], burden: dict[str, Counter],
          cadre: str | None, low_confidence: float, tz: ZoneInfo) -> DigestItem:
    copies = read_alike(copies)
    first = copies[0]
    fullest = max(copies, key=lambda c: len(c.message.text))
    kind = "evidence_demand" if any(c.kind == "evidence_demand" for c in copies) else "directive"
    demands = sorted({d for c in copies for d in c.demands})
    deadline = next((d for d in deadlines if d), None)
    groups = list(dict.fromkeys(c.message.group for c in copies))
    p_actionable = max(c.p_actionable for c in copies)
    return DigestItem(
        kind=kind, demands=demands, text=fullest.message.text, sender=first.message.sender,
        groups=groups, message_ids=[c.message.public_id for c in copies],
        first_ts=first.message.ts.astimezone(tz), deadline=deadline,
        mentions_cadre=bool(cadre) and any(mentions(c, cadre) for c in copies),
        acks=sum(burden[c.key]["ack"] for c in copies),
        submissions=sum(burden[c.key]["evidence_submission"] for c in copies),
        confidence=max(c.confidence for c in copies),
        uncertain=p_actionable < low_confidence or _bare_remark(copies, deadline, demands),
    )


def _bare_remark(copies: list[Classified], deadline: datetime | None, demands: list[str]) -> bool:
    """A short line in one group with no deadline and no demand ("注意安全，不要靠太近") is more
    often a leader's remark in a thread than an order: it goes to 可能需要关注, not the list.
    A line that abolishes a demand ("不用再回复收到了") is an order all the same."""
    text = copies[0].message.text
    return len(copies) == 1 and len(text) < BARE_REMARK and not deadline and not demands \
        and not abolishes_demand(text)


def mentions(message: Classified, person: str) -> bool:
    m = message.message
    return person in m.mentions or f"@{person}" in m.text


class AckBurden:
    """Acks and submissions drawn by each actionable message, folded from messages in time
    order: a reply counts for the message it answers, else for the latest actionable message
    before it in the same group. Only messages that drew a reply are stored; any other key reads
    as an empty Counter (a Counter for every message of a year was 24 MB of a 341 MB report)."""

    def __init__(self) -> None:
        self.burden: dict[str, Counter] = defaultdict(Counter)
        self._latest: dict[str, str] = {}
        self._by_platform_id: dict[tuple[str, str], str] = {}

    def add(self, m: Classified) -> None:
        group = m.message.group_key
        if _is_actionable(m):
            self._latest[group] = m.key
            if m.message.msg_id:
                self._by_platform_id[(group, m.message.msg_id)] = m.key
        elif m.kind in ("ack", "evidence_submission"):
            target = (self._by_platform_id.get((group, m.message.reply_to))
                      or self._latest.get(group))
            if target:
                self.burden[target][m.kind] += 1


def ack_burden(messages: list[Classified]) -> dict[str, Counter]:
    """`AckBurden` over a list of messages in time order."""
    folded = AckBurden()
    for m in messages:
        folded.add(m)
    return folded.burden
