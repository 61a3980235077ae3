#!/usr/bin/env python3
"""Compose the bundled sample month: 31 work groups of the invented 云溪镇, November 2026.

    python data/sample/make_sample.py            # (re)write the files next to this script
    python data/sample/make_sample.py --out DIR  # write them somewhere else
    python data/sample/make_sample.py --check    # also validate and print statistics

Deterministic (one seeded random generator per component; stdlib only): running it again
reproduces every file byte for byte. The material is hand-written in township.py (people,
groups, reply pools) and notices.py (notices with their true labels); this script only
schedules it over the month, forwards notices down through the groups with light edits,
generates the replies, and writes:

- township-2026-11.jsonl      every group except 李明's four, as LABELS.md records (no labels)
- memotrace/<群名>.csv         李明's four groups as WeChatMsg/MemoTrace per-chat CSV exports
- truth-2026-11.jsonl         for every message id: kind, demands, deadline, notice
- groups-2026-11.jsonl        each group: name, where it is, members

The sample is invented and is evaluation data for the demo: never train on it.
"""
from __future__ import annotations

import argparse
import calendar
import csv
import hashlib
import html
import io
import json
import math
import random
import re
import sys
from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.dont_write_bytecode = True  # keep data/sample free of __pycache__

import notices as material_notices  # noqa: E402
import township as W  # noqa: E402

SEED = 20261101
TZ = timezone(timedelta(hours=8))
YEAR, MONTH = 2026, 11
DAYS = [date(YEAR, MONTH, d) for d in range(1, 31)]
MONTH_START = datetime(YEAR, MONTH, 1, tzinfo=TZ)
MONTH_END = datetime(YEAR, MONTH, 30, 23, 59, 59, tzinfo=TZ)
END_OF_DAY = time(23, 59, 59)
SUBMIT_DEMANDS = {"photo", "screenshot", "form", "ledger", "checkin", "video", "download"}
OWNER = "li"  # 李明 exported the MemoTrace files

JSONL_NAME = "township-2026-11.jsonl"
TRUTH_NAME = "truth-2026-11.jsonl"
GROUPS_NAME = "groups-2026-11.jsonl"
MEMOTRACE_DIR = "memotrace"


def rng_for(*parts) -> random.Random:
    """An independent, reproducible generator for one component (str seeds hash with SHA-512)."""
    return random.Random(":".join([str(SEED), *map(str, parts)]))


def at(text: str) -> datetime:
    """'MM-DD HH:MM' → an aware datetime in 2026 (+08:00)."""
    day, clock = text.split()
    month, dom = map(int, day.split("-"))
    hour, minute = map(int, clock.split(":"))
    return datetime(YEAR, month, dom, hour, minute, tzinfo=TZ)


def at_deadline(text: str) -> datetime:
    """'MM-DD HH:MM[:SS]' → aware datetime."""
    day, clock = text.split()
    month, dom = map(int, day.split("-"))
    parts = list(map(int, clock.split(":"))) + [0]
    return datetime(YEAR, month, dom, parts[0], parts[1], parts[2], tzinfo=TZ)


# --------------------------------------------------------------------------- deadlines
# An independent resolver for the phrases the notices use, following docs/LABELS.md:
# a date without a time → 23:59:59; 上午 → 12:00; 下午 without an hour → 18:00; 下班前 → 18:00;
# 今晚/晚上 without an hour → 23:59:59; a meeting's deadline is its start; 本周X = that day of
# the message's week (Monday first), 下周X of the next; a bare 周X is the next one, today
# included; 月底 the month's last day; N小时内 from the message's time; a clock time alone is
# on the message's day, or the next day when it has passed.

_CN_WD = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_PHRASE = re.compile(r"""^(?:每)?
    (?P<day>今天|今日|当天|今晚|明天|明日|明晚|后天)?
    (?:(?P<wk>本周|这周|下周|周|星期)(?P<wd>[一二三四五六日天]))?
    (?:(?P<mon>\d{1,2})月(?:(?P<dom>\d{1,2})日|(?P<mend>底)))?
    (?P<monthend>月底)?
    (?:[（(](?:(?P<am>\d{1,2})月(?P<ad>\d{1,2})日|(?:周|星期)(?P<ann>[一二三四五六日天]))[）)])?
    (?P<period>上午|中午|下午|晚上|早上)?
    (?P<offwork>下班前)?
    (?:(?P<h>\d{1,2})(?:[:：](?P<mi>\d{2})|点(?P<half>半)?|时))?
    (?:(?P<n>\d+)(?P<unit>小时|天|个工作日)内)?
    (?P<thisweek>本周内)?
    (?:前|之前|截止|当天)?$""", re.X)


def resolve(phrase: str, sent: datetime) -> datetime:
    match = _PHRASE.match(phrase)
    if not match or not phrase:
        raise ValueError(f"cannot resolve {phrase!r}")
    g = match.groupdict()
    today = sent.date()
    if g["thisweek"]:
        return datetime.combine(today + timedelta(days=6 - today.weekday()), END_OF_DAY, TZ)
    if g["n"]:
        n = int(g["n"])
        if g["unit"] == "小时":
            return sent + timedelta(hours=n)
        if g["unit"] == "天":
            return datetime.combine(today + timedelta(days=n), END_OF_DAY, TZ)
        day, left = today, n
        while left:
            day += timedelta(days=1)
            left -= day.weekday() < 5
        return datetime.combine(day, END_OF_DAY, TZ)
    day = None
    if g["day"]:
        day = today + timedelta(days={"今": 0, "当": 0, "明": 1, "后": 2}[g["day"][0]])
    if g["wd"]:
        wd = _CN_WD[g["wd"]]
        monday = today - timedelta(days=today.weekday())
        if g["wk"] == "下周":
            day = monday + timedelta(days=7 + wd)
        elif g["wk"] in ("本周", "这周"):
            day = monday + timedelta(days=wd)
        else:
            day = today + timedelta(days=(wd - today.weekday()) % 7)
    if g["mon"]:
        month = int(g["mon"])
        year = YEAR + (1 if month < sent.month - 6 else 0)
        if g["mend"]:
            day = date(year, month, calendar.monthrange(year, month)[1])
        else:
            day = date(year, month, int(g["dom"]))
    if g["monthend"]:
        day = date(today.year, today.month, calendar.monthrange(today.year, today.month)[1])
    if g["am"]:  # 明天（11月9日）: the bracket must agree with the day word
        noted = date(YEAR, int(g["am"]), int(g["ad"]))
        if day is not None and noted != day:
            raise ValueError(f"{phrase!r}: {noted} is not {day}")
        day = noted
    if g["ann"] and day is not None and day.weekday() != _CN_WD[g["ann"]]:
        raise ValueError(f"{phrase!r}: {day} is not 周{g['ann']}")
    period = g["period"] or ""
    evening_word = g["day"] in ("今晚", "明晚")
    clock = None
    if g["h"]:
        hour = int(g["h"])
        minute = int(g["mi"]) if g["mi"] else (30 if g["half"] else 0)
        if (period in ("下午", "晚上") or evening_word) and hour < 12:
            hour += 12
        if period == "中午" and hour < 3:
            hour += 12
        clock = time(hour, minute)
    elif g["offwork"]:
        clock = time(18, 0)
    elif period in ("上午", "中午", "早上"):
        clock = time(12, 0)
    elif period == "下午":
        clock = time(18, 0)
    if day is None:
        if clock is None and (period == "晚上" or evening_word):
            return datetime.combine(today, END_OF_DAY, TZ)
        if clock is None:
            raise ValueError(f"{phrase!r} names no time")
        moment = datetime.combine(today, clock, TZ)
        if moment < sent - timedelta(minutes=1):
            moment += timedelta(days=1)
        return moment
    return datetime.combine(day, clock or END_OF_DAY, TZ)


_ANNOTATED = re.compile(r"(?:(?P<mon>\d{1,2})月(?P<dom>\d{1,2})日|(?P<rel>今天|明天|后天))"
                        r"[（(](?:周|星期)(?P<wd>[一二三四五六日天])[）)]")
_DATE_WEEKDAY = re.compile(r"(?P<mon>\d{1,2})月(?P<dom>\d{1,2})日(?:是|为)?(?P<wk>周|星期)(?P<wd>[一二三四五六日天])")


def weekday_errors(text: str, sent: datetime) -> list[str]:
    """Every 'X月X日（周X）' / '明天（周六）' in `text` names the right weekday."""
    errors = []
    for pattern in (_ANNOTATED, _DATE_WEEKDAY):
        for m in pattern.finditer(text):
            g = m.groupdict()
            if g.get("rel"):
                day = sent.date() + timedelta(days={"今天": 0, "明天": 1, "后天": 2}[g["rel"]])
            else:
                month = int(g["mon"])
                day = date(YEAR + (1 if month < sent.month - 6 else 0), month, int(g["dom"]))
            if day.weekday() != _CN_WD[g["wd"]]:
                errors.append(f"{m.group(0)}: {day} is a {day.strftime('%A')}")
    return errors


# --------------------------------------------------------------------------- people
_SHORT_STRIP = re.compile(
    r"^(?:(?:镇|云溪镇|云溪)?(?:党建办|党政办|医保办|应急办|综治中心|统计站|民政办|退役军人服务站|妇联|"
    r"农业服务中心|乡村振兴办|宣传办|武装部|林业站|城建办|卫生院公卫科|卫生院|中心学校校长|中心学校|"
    r"派出所))")
_VILLAGE_PREFIX = re.compile(
    r"^(?:栗山|杏坪|鹤塘|桂岭|梅坞|松岗|桐坪|云溪社区|社区)?(?:村)?(?:党总支书记|书记|主任|文书|"
    r"网格员|护林员|治保主任|治保|妇女主任|村医|委员会)?")


def display(key: str) -> str:
    return W.PEOPLE[key][1]


def short(key: str) -> str:
    """A person's plain name: '栗山网格员-张丽' → '张丽'."""
    name = re.split(r"[-\s·]", display(key))[-1]
    name = _SHORT_STRIP.sub("", name)
    stripped = _VILLAGE_PREFIX.sub("", name)
    return stripped or name


def role(key: str) -> str:
    return W.PEOPLE[key][2]


def village(key: str) -> str | None:
    return W.PEOPLE[key][3]


def nick(key: str) -> str:
    return W.PEOPLE[key][4] or short(key)


def wxid(key: str) -> str:
    digest = hashlib.sha256(f"wxid:{key}".encode()).hexdigest()
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    return "wxid_" + "".join(alphabet[int(digest[i:i + 2], 16) % 36] for i in range(0, 28, 2))


# Members who joined a group during the month: no messages from them before.
JOINS = {("WG", "yx_g4"): at("11-10 08:55"), ("YB2", "wang"): at("11-02 08:06"),
         ("SL", "mw_r3"): at("11-04 09:12")}

# Groups created during the month (system line at that moment): nothing before it.
CREATED = {"YB2": at("11-02 07:36"), "RJ2": at("11-02 17:25")}

# The order in which a village's members act for it in a township group.
ACT_ORDER = ["grid", "clerk", "dir", "guard", "women", "vice", "doctor", "sec", "ranger"]
FORWARD_ORDER = ["sec", "dir", "clerk", "guard", "grid", "women", "vice", "doctor"]


def members(code: str) -> list[str]:
    return W.GROUPS[code]["members"]


def is_member(code: str, key: str, when: datetime | None = None) -> bool:
    if key not in members(code):
        return False
    joined = JOINS.get((code, key))
    return joined is None or when is None or when >= joined


def village_reps(code: str, v: str, order=ACT_ORDER) -> list[str]:
    found = [k for k in members(code) if village(k) == v]
    return sorted(found, key=lambda k: order.index(role(k)) if role(k) in order else 99)


# Township-level people outside the offices (police, school and clinic heads): they ask, they
# do not answer for a unit.
NOT_UNITS = {"liang", "wei", "shi", "hexiao", "zhong"}


def units_of(code: str, to: str | None, sender: str | None = None) -> list[tuple[str, list[str]]]:
    """(unit, members who answer for it) for a demand in group `code`: villages, or people."""
    group = W.GROUPS[code]
    tokens = to.split() if to else []
    if tokens and tokens[0] in ("ent", "sch"):
        return [(k, [k]) for k in members(code) if k.startswith(tokens[0])]
    if tokens and all(t in W.PEOPLE for t in tokens):
        return [(k, [k]) for k in tokens if k in members(code)]
    if group["units"] == "village" or (tokens and group["kind"] == "township"):
        units = []
        for v in W.VILLAGE_ORDER:
            reps = village_reps(code, v)
            if reps and (not tokens or v in tokens):
                units.append((v, reps))
        return units
    return [(k, [k]) for k in members(code)
            if k != sender and k not in NOT_UNITS and role(k) not in ("lead", "staff")]


def unit_label(unit: str, full=True) -> str:
    if unit in W.VILLAGES:
        return W.VILLAGES[unit][0 if full else 1]
    if unit in W.PEOPLE:
        return W.UNIT_NAMES.get(unit) or short(unit)
    return unit


def diligence(unit: str) -> float:
    if unit in W.VILLAGES:
        return W.VILLAGES[unit][2]
    v = village(unit) if unit in W.PEOPLE else None
    return W.VILLAGES[v][2] * 0.5 + 0.45 if v else 0.8


# --------------------------------------------------------------------------- messages
PURE_ACK = {"收到", "收到！", "收到。", "好的", "好", "好的好的", "👍", "[强]", "[强][强]", "[强][强][强]",
            "[OK]", "OK", "ok", "1", "👌", "嗯嗯", "没问题", "知道了", "收到收到", "明白", "已阅"}
MEDIA_TEXT = {"[图片]": "image", "[语音]": "voice", "[动画表情]": "sticker", "[视频]": "video",
              "[位置]": "location"}


class Month:
    def __init__(self) -> None:
        self.messages: list[dict] = []
        self.seq = 0

    def emit(self, ts: datetime, group: str, sender: str, text: str, kind: str,
             demands=(), deadline: datetime | None = None, notice: str | None = None,
             media: str | None = None, extra: dict | None = None) -> dict | None:
        if not (MONTH_START <= ts <= MONTH_END) or ts < CREATED.get(group, MONTH_START):
            return None
        if sender and not is_member(group, sender, ts):
            return None
        if kind == "chatter" and sender and text in PURE_ACK:
            kind = "ack"  # LABELS.md: a pure 好的/[强]/1 reply is an ack whatever it answers
        if media is None:
            media = MEDIA_TEXT.get(text)
            if media is None and text.startswith("[红包]"):
                media = "redpacket"
        self.seq += 1
        message = {"ts": ts.replace(microsecond=0), "group": group, "sender": sender,
                   "text": text, "kind": kind, "demands": tuple(sorted(set(demands))),
                   "deadline": deadline, "notice": notice, "media": media or "text",
                   "extra": extra or {}, "seq": self.seq}
        self.messages.append(message)
        return message

    def system(self, ts: datetime, group: str, text: str) -> None:
        self.emit(ts, group, "", text, "chatter", media="system")


# --------------------------------------------------------------------------- time helpers
def night_shift(rng: random.Random, t: datetime) -> datetime:
    """Nobody answers between 23:40 and 06:30: move to the next morning."""
    if t.hour == 23 and t.minute >= 40:
        base = datetime.combine(t.date() + timedelta(days=1), time(6, 30), TZ)
    elif t.hour < 6 or (t.hour == 6 and t.minute < 30):
        base = datetime.combine(t.date(), time(6, 30), TZ)
    else:
        return t
    return base + timedelta(minutes=rng.uniform(5, 120), seconds=rng.randint(0, 59))


def reply_time(rng: random.Random, t: datetime, scale=5.0, tail=0.15, tail_max=180.0) -> datetime:
    if rng.random() < tail:
        minutes = rng.uniform(15, tail_max)
    else:
        minutes = 0.2 + rng.expovariate(1 / scale)
    return night_shift(rng, t + timedelta(minutes=minutes, seconds=rng.randint(0, 59)))


def submit_time(rng: random.Random, t: datetime, deadline: datetime | None,
                on_time=True) -> datetime:
    if deadline is None or deadline <= t + timedelta(minutes=10):
        if deadline is not None and on_time:
            span = max((deadline - t).total_seconds() / 60 - 1, 2)
            return t + timedelta(minutes=rng.uniform(1, span), seconds=rng.randint(0, 59))
        minutes = rng.uniform(15, 300) if on_time else rng.uniform(300, 900)
        return night_shift(rng, t + timedelta(minutes=minutes, seconds=rng.randint(0, 59)))
    span = (deadline - t).total_seconds() / 60
    if on_time:
        for _ in range(6):
            minutes = max(3.0, span * rng.betavariate(1.4, 2.2))
            moment = t + timedelta(minutes=minutes, seconds=rng.randint(0, 59))
            if 7 <= moment.hour < 23 and moment < deadline:
                return moment
        return t + timedelta(minutes=max(3.0, min(span - 2, 30)))
    return night_shift(rng, deadline + timedelta(minutes=rng.uniform(10, 600)))


def working_time(rng: random.Random, day: date, start=7.5, end=21.5, peak=None) -> datetime:
    if peak:
        hour = min(max(rng.gauss(*peak), start), end)
    else:
        hour = rng.uniform(start, end)
    return datetime.combine(day, time(0), TZ) + timedelta(hours=hour, seconds=rng.randint(0, 59))


def fill(template: str, rng: random.Random, unit: str | None = None, sender: str | None = None,
         **extra) -> str:
    v = unit if unit in W.VILLAGES else (village(unit) if unit in W.PEOPLE else None)
    if v is None and sender:
        v = village(sender)
    values = {"vs": W.VILLAGES[v][1] if v else "", "vf": W.VILLAGES[v][0] if v else "",
              "name": short(sender) if sender else "", "n": rng.randint(3, 28),
              "m": rng.randint(30, 400), "route": rng.choice(W.PATROL_ROUTES), "who": "",
              "topic": extra.get("topic") or ""}
    values.update(extra)
    return template.format(**values)


# --------------------------------------------------------------------------- 医保 progress
ANCHORS = {  # village → rate (%) at 17:00 of these days
    "LS": {2: 38, 12: 68, 22: 90, 30: 98.2}, "XP": {2: 40, 12: 70, 22: 91, 30: 97.4},
    "YX": {2: 36, 12: 66, 22: 89, 30: 97.1}, "TP": {2: 35, 12: 64, 22: 87, 30: 96.0},
    "SG": {2: 33, 12: 60, 22: 83, 30: 93.8}, "GL": {2: 30, 12: 54, 22: 80, 30: 92.6},
    "HT": {2: 28, 12: 52, 22: 78, 30: 89.1}, "MW": {2: 25, 12: 50, 22: 76, 30: 87.3},
}


def rate(v: str, day: int) -> float:
    points = sorted(ANCHORS[v].items())
    for (d0, r0), (d1, r1) in zip(points, points[1:]):
        if d0 <= day <= d1:
            return round(r0 + (r1 - r0) * (day - d0) / (d1 - d0), 1)
    return points[0][1] if day < points[0][0] else points[-1][1]


def paid(v: str, day: int) -> int:
    return round(W.VILLAGES[v][3] * rate(v, day) / 100)


def town_rate(day: int) -> float:
    total = sum(W.VILLAGES[v][3] for v in W.VILLAGE_ORDER)
    return round(100 * sum(paid(v, day) for v in W.VILLAGE_ORDER) / total, 1)


def progress_values() -> dict:
    values = {"town_1112": town_rate(12), "gap_1112": round(70 - town_rate(12), 1),
              "town_1122": town_rate(22), "town_1130": town_rate(30)}
    for v in W.VILLAGE_ORDER:
        values[f"{v}_1122"] = f"{rate(v, 22):g}"
    return values


# --------------------------------------------------------------------------- notices
class Composer:
    def __init__(self) -> None:
        self.month = Month()
        self.notices = {n["key"]: n for n in material_notices.NOTICES}
        self.late_for: dict[str, list[tuple[datetime, set[str], str]]] = defaultdict(list)
        for n in material_notices.NOTICES:
            if n.get("ref"):
                self.late_for[n["ref"]].append((at(n["at"]), set(n["late"].split()), n["key"]))
        self.progress = progress_values()

    # ---------------------------------------------------------------- notice text
    def notice_text(self, n: dict) -> str:
        text = n["text"]
        if n.get("fmt"):
            text = text.format(**self.progress)
        if n.get("tail"):
            text += "\n" + n["tail"]
        return text

    def edited(self, n: dict, text: str, forwarder: str, rng: random.Random,
               to_heads=False) -> tuple[str, bool]:
        """A forwarder's light edits; returns (text, whether a 收到 reply is now demanded)."""
        style = W.FORWARD_STYLE.get(forwarder, W.DEFAULT_STYLE)
        if rng.random() < 0.2:
            style = rng.choice(W.GENERIC_STYLES)
        if style.get("trim") and n.get("tail") and text.endswith("\n" + n["tail"]):
            text = text[: -len(n["tail"]) - 1]
        asks_ack = bool(style.get("asks_ack")) and "不再回复" not in text and "收到请回复" not in text
        if style.get("asks_ack") and not asks_ack:
            style = {**style, "suffix": ""}
        text = style.get("prefix", "") + text + style.get("suffix", "")
        if to_heads and W.TO_HEADS_LINE.strip() not in text:
            text += W.TO_HEADS_LINE
        return text, asks_ack

    # ---------------------------------------------------------------- posting
    def post_notice(self, n: dict, group: str, sender: str, ts: datetime, text: str,
                    demands: tuple, kind: str, rng: random.Random) -> datetime:
        """The file/link part (if any), then the text; returns the text's time."""
        key = n.get("same_as") or n["key"]  # a reworded version shares its notice
        if n.get("file"):
            self.month.emit(ts - timedelta(seconds=rng.randint(8, 40)), group, sender,
                            f"[文件] {n['file']}", "directive", notice=key + ".f", media="file",
                            extra={"name": n["file"]})
        if n.get("link"):
            title, account = n["link"]
            self.month.emit(ts - timedelta(seconds=rng.randint(8, 40)), group, sender,
                            f"[链接] {title}", "directive", notice=key + ".l", media="link",
                            extra={"title": title, "account": account})
        deadline = resolve(n["phrase"], ts) if n["phrase"] else None
        if kind == "chatter":
            self.month.emit(ts, group, sender, text, "chatter")
        else:
            self.month.emit(ts, group, sender, text, kind, demands, deadline, notice=key)
        return ts

    def run_notice(self, n: dict) -> None:
        rng = rng_for("notice", n["key"])
        ts = at(n["at"])
        kind = {"D": "directive", "E": "evidence_demand", "C": "chatter"}[n["kind"]]
        deadline = resolve(n["phrase"], ts) if n["phrase"] else None
        text = self.notice_text(n)
        self.post_notice(n, n["group"], n["by"], ts, text, n["demands"], kind, rng)
        copies = [(n["group"], n["by"], ts, text, n["demands"], kind, True)]
        # Duplicate groups: the same sender posts again a minute or two later.
        for hop in n["route"]:
            if hop.startswith("="):
                target = hop[1:]
                when = ts + timedelta(seconds=rng.randint(40, 200))
                dup_text = text
                if dup_text.startswith("【医保征收】") and rng.random() < 0.5:
                    dup_text = dup_text[len("【医保征收】"):]
                self.post_notice(n, target, n["by"], when, dup_text, n["demands"], kind, rng)
                copies.append((target, n["by"], when, dup_text, n["demands"], kind, True))
        # Forwarding down.
        for hop in n["route"]:
            if hop in ("V", "V-"):
                chosen = list(W.VILLAGE_ORDER)
                if hop == "V-":
                    chosen = sorted(rng.sample(chosen, rng.randint(3, 6)), key=W.VILLAGE_ORDER.index)
                for v in chosen:
                    source = next((c for c in copies if c[0] in W.GROUPS and c[6]
                                   and village_reps(c[0], v, FORWARD_ORDER)), None)
                    if source is None or n["group"] == "V_" + v:
                        continue
                    forwarder = village_reps(source[0], v, FORWARD_ORDER)[0]
                    if rng.random() > (0.96 if W.VILLAGES[v][2] > 0.8 else 0.8):
                        continue
                    copy = self.forward(n, source, "V_" + v, forwarder, rng, deadline)
                    if copy:
                        copies.append(copy)
            elif hop.startswith("G:"):
                target = hop[2:]
                forwarder = n["by"] if is_member(target, n["by"]) else (
                    "feng" if is_member(target, "feng") and is_member(n["group"], "feng") else "zhao")
                copy = self.forward(n, copies[0], target, forwarder, rng, deadline)
                if copy:
                    copies.append(copy)
        for hop in n["route"]:
            if hop == "LZ":
                source = next((c for c in copies if c[0] == "V_LS"), None) or \
                    next((c for c in copies if is_member(c[0], "li")), None)
                if source:
                    copy = self.forward(n, source, "LZ", "li", rng, deadline, to_heads=True)
                    if copy:
                        copies.append(copy)
            if hop == "XW":
                source = next((c for c in copies if is_member(c[0], "wang")), None)
                if source:
                    copy = self.forward(n, source, "XW", "wang", rng, deadline)
                    if copy:
                        copies.append(copy)
        # Replies in every group the notice reached.
        if kind != "chatter":
            for index, (group, sender, when, _text, demands, ckind, _ok) in enumerate(copies):
                self.replies(n, group, sender, when, demands, ckind,
                             rng_for("replies", n["key"], group), primary=index == 0,
                             dup=(index > 0 and sender == n["by"] and group in ("YB1", "YB2", "RJ", "RJ2")))
        else:
            self.chatter_replies(n, n["group"], ts, rng)

    def forward(self, n, source, target, forwarder, rng, deadline, to_heads=False):
        group, _sender, when, text, demands, kind, _ = source
        if not is_member(target, forwarder):
            return None
        delay = rng.uniform(1.5, 15) if forwarder == OWNER else rng.lognormvariate(2.8, 0.8)
        moment = when + timedelta(minutes=delay, seconds=rng.randint(0, 59))
        limit = datetime.combine(when.date(), time(23, 25), TZ)
        if deadline is not None:
            limit = min(limit, deadline - timedelta(minutes=5))
        if moment > limit:
            if limit - when < timedelta(minutes=3):
                return None
            moment = when + (limit - when) * rng.uniform(0.3, 0.9)
        if n["phrase"] and resolve(n["phrase"], moment) != resolve(n["phrase"], when) \
                and "小时内" not in n["phrase"]:
            return None
        new_text, asks_ack = self.edited(n, text, forwarder, rng, to_heads=to_heads)
        new_demands, new_kind = demands, kind
        if asks_ack:
            new_demands = tuple(sorted(set(demands) | {"ack"}))
            new_kind = "evidence_demand"
        self.post_notice(n, target, forwarder, moment, new_text, new_demands, new_kind, rng)
        return (target, forwarder, moment, new_text, new_demands, new_kind, True)

    # ---------------------------------------------------------------- replies
    def replies(self, n, group, sender, ts, demands, kind, rng, primary, dup):
        tokens = set(n["replies"])
        g = W.GROUPS[group]
        scale = 0.6 if dup else 1.0
        deadline = resolve(n["phrase"], ts) if n["phrase"] else None
        responders = [k for k in members(group) if k != sender and is_member(group, k, ts)]
        acked: set[str] = set()
        after_abolition = ts >= at("11-16 08:10")
        ack_rate = g["ack"] * scale * (0.7 if after_abolition and n["key"] != "n086" else 1.0)
        demanded_ack = "ack" in demands or "ack!" in tokens
        if "ack!" in tokens or (demanded_ack and "jl" not in tokens):
            ack_rate = min(0.95, 0.85 * scale + 0.1)
        if "few" in tokens:
            ack_rate = min(ack_rate, 0.15)
        if "none" in tokens:
            ack_rate = 0
        if "meet" in tokens or "study" in tokens:
            ack_rate *= 0.9
        elders = g["pool"] == "elders"
        # acks
        for k in responders:
            if role(k) == "lead" and rng.random() < 0.8:
                continue
            rate_k = ack_rate
            if "ack!" in tokens and village(k):
                rate_k = ack_rate * (0.55 + 0.45 * diligence(village(k)))
            if rng.random() < rate_k:
                moment = reply_time(rng, ts, scale=4 if not elders else 12)
                if "meet" in tokens:
                    text = rng.choice(W.ACK_MEET)
                elif "study" in tokens:
                    text = rng.choice(W.ACK_STUDY)
                elif village(k) and rng.random() < 0.25 and g["kind"] == "township":
                    text = fill(rng.choice(W.ACK_UNIT), rng, sender=k)
                else:
                    text = self.person_ack(k, rng)
                if elders and rng.random() < 0.15:
                    text = "[语音]"
                    self.month.emit(moment, group, k, text, "chatter")
                else:
                    self.month.emit(moment, group, k, text, "ack")
                acked.add(k)
        if "meet" in tokens and rng.random() < 0.7:
            k = rng.choice(responders) if responders else None
            if k:
                moment = reply_time(rng, ts, scale=20)
                self.month.emit(moment, group, k, rng.choice(W.MEET_LEAVE), "chatter")
                self.month.emit(reply_time(rng, moment, scale=6), group, sender,
                                rng.choice(["可以", "好的，会后把材料给你", "尽量参加", "好，会后找我"]),
                                "chatter")
        if "q" in tokens and responders:
            self.questions(n, group, sender, ts, rng, responders)
        if demanded_ack and "jl" not in tokens and primary and g["kind"] == "township":
            self.ack_chase(n, group, sender, ts, rng, acked, demands, deadline)
        submit = [d for d in ("photo", "shot", "form", "ledger", "checkin", "video", "dl", "report")
                  if d in tokens]
        if submit:
            self.submissions(n, group, sender, ts, deadline, rng, submit, primary, dup)
        if "jl" in tokens:
            self.jielong(n, group, sender, ts, deadline, rng)
        if "rank" in tokens:
            self.rank_reactions(n, group, sender, ts, rng)

    def person_ack(self, k: str, rng: random.Random) -> str:
        """Each person has a favourite way of saying 收到."""
        favourite = rng_for("ackstyle", k).choice(W.ACK)
        return favourite if rng.random() < 0.6 else rng.choice(W.ACK)

    def questions(self, n, group, sender, ts, rng, responders):
        proof = set(n["demands"]) & SUBMIT_DEMANDS
        fitting = [c for c in W.CLARIFY if (set(c[2]) <= proof if c[2] else True)]
        for _ in range(rng.choice([1, 1, 2])):
            asker = rng.choice(responders)
            moment = reply_time(rng, ts, scale=15)
            later = reply_time(rng, moment, scale=6)
            if rng.random() < 0.25:
                question, answer = rng.choice(W.LOGISTICS)
                self.month.emit(moment, group, asker, question, "chatter")
                self.month.emit(later, group, sender, f"@{display(asker)}\u2005{answer}", "chatter")
            elif rng.random() < 0.5:
                question, answer = rng.choice(W.ACK_QUESTION)
                self.month.emit(moment, group, asker, question, "chatter")
                self.month.emit(later, group, sender, f"@{display(asker)}\u2005{answer}", "chatter")
            else:
                question, answer, demands = rng.choice(fitting)
                self.month.emit(moment, group, asker, question, "chatter")
                self.month.emit(later, group, sender, answer,
                                "evidence_demand" if demands else "directive", demands,
                                notice=f"{n['key']}.c{self.month.seq}")

    def ack_chase(self, n, group, sender, ts, rng, acked, demands, deadline):
        missing = [v for v in W.VILLAGE_ORDER
                   if village_reps(group, v) and not any(village(k) == v for k in acked)]
        if not missing:
            return
        moment = ts + timedelta(minutes=rng.uniform(35, 100))
        if deadline is not None and moment >= deadline:
            return
        moment = night_shift(rng, moment)
        names = "、".join(W.VILLAGES[v][1] for v in missing)
        text = rng.choice([f"还有{names}没有回复收到，请看到后回复。",
                           f"{names}请回复收到。",
                           f"还差{names}没回复，请抓紧。"])
        self.month.emit(moment, group, sender, text, "evidence_demand", ("ack", "ranking"),
                        notice=f"{n['key']}.ack")
        for v in missing:
            reps = village_reps(group, v)
            if reps and rng.random() < 0.9:
                k = reps[-1] if role(reps[-1]) == "sec" else reps[0]
                self.month.emit(reply_time(rng, moment, scale=8), group, k,
                                fill(rng.choice(W.ACK_UNIT), rng, sender=k), "ack")

    def submissions(self, n, group, sender, ts, deadline, rng, kinds, primary, dup):
        g = W.GROUPS[group]
        to = n.get("to") if g["kind"] == "township" else None
        units = units_of(group, to, sender) if g["kind"] == "township" else [
            (k, [k]) for k in members(group) if k != sender and role(k) in
            ("grid", "clerk", "vice", "women", "guard", "dir", "head", "hh")]
        if g["kind"] != "township":
            units = rng.sample(units, min(len(units), rng.randint(3, 6)))
        if dup:
            units = [u for u in units if rng.random() < 0.3]
        later_rankings = self.late_for.get(n["key"], [])
        late_units = set()
        late_until = None
        for when, villages, _key in later_rankings:
            late_units |= villages
            late_until = when
        submitted, missed = [], []
        for unit, reps in units:
            who = reps[0]
            if unit == OWNER or who == OWNER:
                who = OWNER
            if len(reps) > 1 and rng.random() < 0.2:
                who = reps[-1]
            if not is_member(group, who, ts):
                continue
            if unit in late_units and late_until is not None:
                moment = submit_time(rng, late_until, None, on_time=True)
                self.submit(n, group, who, unit, moment, rng, kinds)
                continue
            on_time = rng.random() < diligence(unit)
            if g["kind"] != "township":
                on_time = True
            if on_time:
                moment = submit_time(rng, ts, deadline, True)
                submitted.append(unit)
                self.submit(n, group, who, unit, moment, rng, kinds)
            else:
                missed.append((unit, who))
        # A chase for the missing, then they catch up.
        if missed and primary and g["kind"] == "township" and not later_rankings:
            if deadline is not None and deadline - ts > timedelta(minutes=50):
                moment = ts + (deadline - ts) * rng.uniform(0.55, 0.85)
                if moment.hour >= 22 or moment.hour < 7:
                    moment = datetime.combine(moment.date(), time(21, 30), TZ) if moment.hour >= 22 \
                        else datetime.combine(moment.date(), time(8, 20), TZ)
                    if not ts < moment < deadline:
                        moment = ts + (deadline - ts) * 0.7
            else:
                moment = night_shift(rng, ts + timedelta(minutes=rng.uniform(180, 320)))
            moment += timedelta(seconds=rng.randint(0, 59))
            self.chase(n, group, sender, moment, rng, missed, kinds)
            for unit, who in missed:
                if rng.random() < 0.85:
                    self.submit(n, group, who, unit, submit_time(rng, moment, None, True), rng, kinds)
        elif missed:
            for unit, who in missed:
                if rng.random() < 0.6:
                    self.submit(n, group, who, unit, submit_time(rng, ts, deadline, False), rng, kinds)

    def chase(self, n, group, sender, moment, rng, missed, kinds):
        demand_of = {"photo": "photo", "shot": "screenshot", "form": "form", "ledger": "ledger",
                     "checkin": "checkin", "video": "video", "dl": "download"}
        demands = [demand_of[k] for k in kinds if k in demand_of]
        if not demands:
            demands = [d for d in n["demands"] if d in SUBMIT_DEMANDS] or ["form"]
        thing = {"photo": "照片", "screenshot": "截图", "form": "填报", "ledger": "台账",
                 "checkin": "打卡", "video": "视频", "download": "注册截图"}[demands[0]]
        if len(missed) == 1:
            unit, who = missed[0]
            text = rng.choice([f"@{display(who)}\u2005{unit_label(unit)}的{thing}还没看到，抓紧。",
                               f"@{display(who)}\u2005就差你们了，{thing}抓紧发一下。"])
            demands_out = demands
        else:
            names = "、".join(unit_label(u, full=False) for u, _ in missed)
            text = rng.choice([f"还有{names}的{thing}没有交，请抓紧！",
                               f"{thing}情况：{names}还没有，请抓紧时间。",
                               f"截至目前，{names}的{thing}还没完成，请村书记亲自过问。"])
            demands_out = demands + ["ranking"]
        if "download" in demands_out and "screenshot" not in demands_out:
            demands_out = demands_out + ["screenshot"]
        self.month.emit(moment, group, sender, text, "evidence_demand", demands_out,
                        notice=f"{n['key']}.chase")

    def submit(self, n, group, who, unit, moment, rng, kinds):
        topic = n.get("topic") or "工作"
        kind = kinds[0]
        g = W.GROUPS[group]
        if kind in ("photo", "shot", "dl"):
            count = rng.choice([1, 1, 2, 2, 3, 4]) if kind == "photo" else rng.choice([1, 1, 2])
            if g["kind"] == "township" and kind == "photo":
                count += rng.randint(0, 3)
            moment_i = moment
            for _ in range(count):
                self.month.emit(moment_i, group, who, "[图片]", "evidence_submission")
                moment_i += timedelta(seconds=rng.randint(1, 12))
            pool = {"photo": W.PHOTO_CAPTION, "shot": W.SHOT_DONE, "dl": W.DOWNLOAD_DONE}[kind]
            if rng.random() < (0.6 if kind != "photo" else 0.45):
                self.month.emit(moment_i + timedelta(seconds=rng.randint(2, 40)), group, who,
                                fill(rng.choice(pool), rng, unit, who), "evidence_submission")
        elif kind == "form":
            self.month.emit(moment, group, who, fill(rng.choice(W.FORM_DONE), rng, unit, who),
                            "evidence_submission")
        elif kind == "ledger":
            if rng.random() < 0.5:
                v = unit if unit in W.VILLAGES else village(who) or ""
                name = f"{W.VILLAGES[v][0] if v else short(who)}{topic}台账.xlsx"
                self.month.emit(moment, group, who, f"[文件] {name}", "evidence_submission",
                                media="file", extra={"name": name})
            else:
                self.month.emit(moment, group, who, fill(rng.choice(W.LEDGER_DONE), rng, unit, who),
                                "evidence_submission")
        elif kind == "checkin":
            self.month.emit(moment, group, who, "[位置]", "evidence_submission")
            if rng.random() < 0.5:
                self.month.emit(moment + timedelta(seconds=rng.randint(3, 30)), group, who,
                                fill(rng.choice(W.CHECKIN_DONE), rng, unit, who), "evidence_submission")
        elif kind == "video":
            self.month.emit(moment, group, who, "[视频]", "evidence_submission")
            if rng.random() < 0.4:
                self.month.emit(moment + timedelta(seconds=rng.randint(3, 30)), group, who,
                                fill(rng.choice(W.VIDEO_DONE), rng, unit, who), "evidence_submission")
        elif kind == "report":
            self.month.emit(moment, group, who, fill(rng.choice(W.REPORT_DONE), rng, unit, who),
                            "evidence_submission")
        if len(kinds) > 1 and rng.random() < 0.5:
            self.submit(n, group, who, unit, moment + timedelta(minutes=rng.uniform(1, 20)), rng,
                        kinds[1:])

    def jielong(self, n, group, sender, ts, deadline, rng):
        title = n.get("jl", "接龙")
        g = W.GROUPS[group]
        if g["kind"] == "township" and g["units"] == "village":
            units = units_of(group, None, sender)
            takers = [(u, reps[-1] if role(reps[-1]) == "sec" else reps[0]) for u, reps in units]
        else:
            takers = [(k, k) for k in members(group) if k != sender and role(k) not in ("lead", "staff")
                      and (not n.get("jl_who") or role(k) == n["jl_who"])]
        entries = []
        for unit, who in takers:
            if rng.random() < diligence(unit) * 0.95 + 0.05:
                entries.append((submit_time(rng, ts, deadline, True), unit, who))
        entries.sort()
        lines = []
        for index, (moment, unit, who) in enumerate(entries, start=1):
            group_word = re.match(r"^(?:栗山|杏坪)?([一二三四五六七八九十]+组)", display(who))
            line = n.get("jl_line", "{vf} 收到").format(
                vf=unit_label(unit) if unit in W.VILLAGES else (W.VILLAGES[village(who)][0] if village(who) else ""),
                name_short=short(who), k=rng.randint(1, 6), n=(count := rng.randint(5, 60)), n2=count - rng.choice([0, 0, 1, 2, 3]),
                rate=f"{rate(unit, 26):g}" if unit in W.VILLAGES else "",
                group=group_word.group(1) if group_word else "")
            lines.append(f"{index}. {line}")
            text = f"#接龙 {title}\n" + "\n".join(lines)
            self.month.emit(moment, group, who, text, "evidence_submission", media="jielong",
                            extra={"title": title})

    def rank_reactions(self, n, group, sender, ts, rng):
        named = (n.get("to") or "").split()
        named = [v for v in named if v in W.VILLAGES] or [
            v for v in W.VILLAGE_ORDER if W.VILLAGES[v][1] in n["text"] and W.VILLAGES[v][2] < 0.8]
        for v in named[:3]:
            reps = village_reps(group, v, FORWARD_ORDER)
            if not reps or rng.random() < 0.35:
                continue
            moment = reply_time(rng, ts, scale=12)
            if rng.random() < 0.6:
                self.month.emit(moment, group, reps[0], rng.choice(W.EXCUSE), "chatter")
            else:
                self.month.emit(moment, group, reps[0], rng.choice(W.RANK_ACK), "ack")

    def chatter_replies(self, n, group, ts, rng):
        others = [k for k in members(group) if k != n["by"]]
        for k in rng.sample(others, min(len(others), rng.randint(2, 6))):
            self.month.emit(reply_time(rng, ts, scale=10), group, k,
                            rng.choice(W.THANKS + ["[强]", "👍", "[抱拳]"]), "chatter")


# --------------------------------------------------------------------------- streams
def daily_ranking(c: Composer) -> None:
    """医保 daily 通报 in the 专班, posted again in the 推进群; reactions; villages' 已填报."""
    templates = material_notices.YB_DAILY
    for day in DAYS[2:29]:  # 3 Nov … 29 Nov
        d = day.day
        rng = rng_for("yb-daily", day)
        weekend = day.weekday() >= 5
        ranked = sorted(W.VILLAGE_ORDER, key=lambda v: -rate(v, d))
        values = {"md": f"{day.month}月{day.day}日", "rate": f"{town_rate(d):g}",
                  "n": sum(paid(v, d) for v in W.VILLAGE_ORDER),
                  "d": f"{round(town_rate(d) - town_rate(d - 1), 1):g}",
                  "all": "、".join(f"{W.VILLAGES[v][1]}{rate(v, d):g}%" for v in ranked),
                  "t1": W.VILLAGES[ranked[0]][1], "t2": W.VILLAGES[ranked[1]][1],
                  "t3": W.VILLAGES[ranked[2]][1], "b1": W.VILLAGES[ranked[-1]][1],
                  "b2": W.VILLAGES[ranked[-2]][1], "b3": W.VILLAGES[ranked[-3]][1],
                  "k": rng.choice([10, 15, 20])}
        if weekend:
            options = [t for t in templates if t["when"] == "weekend"]
            when = working_time(rng, day, 18, 20)
        elif d >= 16:
            options = [t for t in templates if t["when"] in ("late", "any")]
            when = working_time(rng, day, 21.6, 22.3)
        else:
            options = [t for t in templates if t["when"] in ("early", "any")]
            when = working_time(rng, day, 17.4, 18.5)
        template = options[d % len(options)]
        sender = "tan" if d % 4 else "chen"
        text = template["text"].format(**values)
        deadline = resolve(template["phrase"], when) if template["phrase"] else None
        key = f"yb{day:%m%d}"
        kind = "evidence_demand" if template["kind"] == "E" else "directive"
        for group, offset in (("YB1", 0), ("YB2", rng.randint(30, 150))):
            moment = when + timedelta(seconds=offset)
            c.month.emit(moment, group, sender, text, kind, template["demands"], deadline, notice=key)
            r = rng_for("yb-react", day, group)
            bottom = ranked[-3:]
            for v in W.VILLAGE_ORDER:
                reps = village_reps(group, v, FORWARD_ORDER)
                if not reps:
                    continue
                if v in bottom and r.random() < 0.45:
                    c.month.emit(reply_time(r, moment, scale=10), group, reps[0],
                                 r.choice(W.EXCUSE), "chatter")
                elif r.random() < (0.3 if group == "YB1" else 0.2):
                    c.month.emit(reply_time(r, moment, scale=8), group, reps[0],
                                 r.choice(W.RANK_ACK), "ack")
                if "screenshot" in template["demands"] and v in bottom:
                    who = village_reps(group, v)[0]
                    shot_at = submit_time(r, moment, None, True)
                    for _ in range(r.randint(1, 2)):
                        c.month.emit(shot_at, group, who, "[图片]", "evidence_submission")
                        shot_at += timedelta(seconds=r.randint(2, 15))
        # Each village's 专干 reports the day's entry into the mini-program (n003's demand).
        for v in W.VILLAGE_ORDER:
            r = rng_for("yb-filled", day, v)
            if r.random() > (W.VILLAGES[v][2] * (0.5 if weekend else 1.0)):
                continue
            who = W.village_people(v, "grid")[0]
            group = "YB2" if r.random() < 0.6 else "YB1"
            new = max(paid(v, d) - paid(v, d - 1), r.randint(2, 9))
            text = r.choice(material_notices.YB_FILLED).format(
                vf=W.VILLAGES[v][0], vs=W.VILLAGES[v][1], n=new, m=paid(v, d))
            c.month.emit(working_time(r, day, 15.3, 17.1), group, who, text, "evidence_submission")


def payment_screenshots(c: Composer) -> None:
    """From 4 Nov every 专干 posts the day's payment screenshots in the 推进群 (n178's demand)."""
    for day in DAYS[3:]:
        weekend = day.weekday() >= 5
        for v in W.VILLAGE_ORDER:
            r = rng_for("yb-shots", day, v)
            who = W.village_people(v, "grid")[0]
            bursts = poisson(r, (1.7 if not weekend else 0.9) * (0.6 + 0.4 * W.VILLAGES[v][2]))
            for _ in range(bursts):
                moment = working_time(r, day, 9, 21.5, peak=(15, 3.5))
                groups = ["YB2"] + (["YB1"] if r.random() < 0.2 else [])
                count = r.randint(2, 8)
                households = r.randint(count, count + 4)
                caption = r.choice(["{vf} {h}户", "{vs}今天第{b}批，{h}户", "{vf}缴费截图{c}张",
                                    "以上{vs}{h}户"]).format(
                    vf=W.VILLAGES[v][0], vs=W.VILLAGES[v][1], h=households, b=r.randint(1, 3), c=count)
                for group in groups:
                    moment_i = moment if group == "YB2" else moment + timedelta(minutes=r.uniform(1, 4))
                    for _ in range(count):
                        c.month.emit(moment_i, group, who, "[图片]", "evidence_submission")
                        moment_i += timedelta(seconds=r.randint(1, 9))
                    c.month.emit(moment_i + timedelta(seconds=r.randint(3, 40)), group, who, caption,
                                 "evidence_submission")


def village_payment_shots(c: Composer) -> None:
    """Grid workers send the day's payment screenshots to their own village group first."""
    for v in W.VILLAGE_ORDER:
        group = "V_" + v
        workers = [k for k in members(group) if role(k) == "grid"]
        for day in DAYS[2:29]:
            weekend = day.weekday() >= 5
            for k in workers:
                r = rng_for("village-shots", day, k)
                if r.random() > (0.55 if not weekend else 0.25) * (0.5 + 0.5 * W.VILLAGES[v][2]):
                    continue
                moment = working_time(r, day, 10, 21.3, peak=(16.5, 3))
                count = r.randint(1, 5)
                for _ in range(count):
                    c.month.emit(moment, group, k, "[图片]", "evidence_submission")
                    moment += timedelta(seconds=r.randint(1, 10))
                if r.random() < 0.7:
                    c.month.emit(moment + timedelta(seconds=r.randint(3, 50)), group, k,
                                 r.choice(["{name}今天{n}户", "今天收了{n}户，截图在上面", "{name}片今天{n}户，累计{m}户",
                                           "以上{n}户", "今天{n}户已交"]).format(
                                     name=short(k), n=r.randint(count, count + 9), m=r.randint(80, 300)),
                                 "evidence_submission")


def village_yb_jielong(c: Composer) -> None:
    """杏坪: every evening the four grid workers roll-call the households they collected (n021)."""
    people = ["xp_g2", "xp_g3", "wang", "xp_g4"]
    areas = {"xp_g2": "一片", "xp_g3": "二片", "wang": "三片", "xp_g4": "四片"}
    for day in DAYS[3:29]:
        rng = rng_for("xp-jl", day)
        if day.weekday() >= 5 and rng.random() < 0.5:
            continue
        moment = working_time(rng, day, 18.6, 19.4)
        lines = []
        for index, k in enumerate(rng.sample(people, len(people)), start=1):
            if rng.random() < 0.1:
                continue
            lines.append(f"{index}. {short(k)} {areas[k]} 今天{rng.randint(3, 19)}户")
            text = f"#接龙 {day.month}月{day.day}日医保收缴\n" + "\n".join(lines)
            c.month.emit(moment, "V_XP", k, text, "evidence_submission", media="jielong",
                         extra={"title": f"{day.month}月{day.day}日医保收缴"})
            moment += timedelta(minutes=rng.uniform(1, 25), seconds=rng.randint(0, 59))


def grid_stream(c: Composer) -> None:
    """网格员群: a morning reminder on working days; grid workers' check-ins and reports."""
    reminders = material_notices.GRID_REMINDERS
    workers = [k for k in members("WG") if role(k) == "grid"]
    for day in DAYS:
        rng = rng_for("grid", day)
        weekend = day.weekday() >= 5
        twice = day >= date(YEAR, MONTH, 16)
        if not weekend and day.day >= 3:
            pool = [r for r in reminders if (r["when"] != "twice" or twice)]
            reminder = pool[(day.day * 7) % len(pool)]
            when = working_time(rng, day, 7.4, 8.3)
            deadline = resolve(reminder["phrase"], when) if reminder["phrase"] else None
            kind = "evidence_demand" if reminder["kind"] == "E" else "directive"
            c.month.emit(when, "WG", rng.choice(["feng", "feng", "zhao"]), reminder["text"], kind,
                         reminder["demands"], deadline, notice=f"wg{day:%m%d}")
        for k in workers:
            r = rng_for("grid-worker", day, k)
            rounds = (2 if twice else 1) if not weekend else (1 if r.random() < 0.2 else 0)
            for round_ in range(rounds):
                if r.random() > diligence(k) + 0.1:
                    continue
                base = working_time(r, day, 9, 11.5) if round_ == 0 else working_time(r, day, 14.5, 17.5)
                style = r.random()
                if style < 0.35:
                    c.month.emit(base, "WG", k, "[位置]", "evidence_submission")
                    c.month.emit(base + timedelta(seconds=r.randint(5, 60)), "WG", k,
                                 fill(r.choice(W.GRID_REPORT), r, sender=k), "evidence_submission")
                elif style < 0.6:
                    c.month.emit(base, "WG", k, r.choice(W.CHECKIN_DONE).format(
                        vs=W.VILLAGES[village(k)][1], vf=W.VILLAGES[village(k)][0]), "evidence_submission")
                elif style < 0.85:
                    c.month.emit(base, "WG", k, "[图片]", "evidence_submission")
                    c.month.emit(base + timedelta(seconds=r.randint(5, 60)), "WG", k,
                                 fill(r.choice(W.GRID_REPORT), r, sender=k), "evidence_submission")
                else:
                    c.month.emit(base, "WG", k, fill(r.choice(W.GRID_REPORT), r, sender=k),
                                 "evidence_submission")


def patrol_stream(c: Composer) -> None:
    """森林防火: every day each ranger posts a location, photos and a line (n001's demand)."""
    rangers = [k for k in members("SL") if role(k) == "ranger"]
    for day in DAYS:
        for k in rangers:
            r = rng_for("patrol", day, k)
            v = village(k)
            chance = 0.85 if W.VILLAGES[v][2] > 0.7 else 0.62
            if day.day in (10, 11) and k in ("tp_r2", "mw_r2"):
                chance = 0  # n072: two days without a location
            if r.random() > chance:
                continue
            moment = working_time(r, day, 8.5, 16.5, peak=(11.5, 2.2))
            c.month.emit(moment, "SL", k, "[位置]", "evidence_submission")
            moment += timedelta(seconds=r.randint(4, 50))
            for _ in range(r.choice([1, 1, 2])):
                c.month.emit(moment, "SL", k, "[图片]", "evidence_submission")
                moment += timedelta(seconds=r.randint(2, 20))
            if r.random() < 0.8:
                c.month.emit(moment + timedelta(seconds=r.randint(5, 90)), "SL", k,
                             fill(r.choice(W.PATROL_REPORT), r, sender=k), "evidence_submission")
        # A leader's "辛苦了" now and then; 卡口 平安 reports from the guards at weekends.
        rng = rng_for("patrol-extra", day)
        if rng.random() < 0.3:
            c.month.emit(working_time(rng, day, 17, 19), "SL", rng.choice(["tian", "luo"]),
                         rng.choice(W.THANKS), "chatter")
        if day.weekday() >= 5:
            for v in W.VILLAGE_ORDER:
                guard = W.first(v, "guard")
                if rng.random() < 0.5 and is_member("SL", guard):
                    moment = working_time(rng, day, 9, 17)
                    c.month.emit(moment, "SL", guard, "[位置]", "evidence_submission")
                    c.month.emit(moment + timedelta(seconds=rng.randint(5, 60)), "SL", guard,
                                 f"{W.VILLAGES[v][0]}卡口值守在岗，平安", "evidence_submission")


def straw_stream(c: Composer) -> None:
    """农业农村群: 秸秆禁烧 patrol photos (n010's daily demand), from 3 to 24 November."""
    for day in DAYS[2:24]:
        for v in W.VILLAGE_ORDER:
            r = rng_for("straw", day, v)
            chance = W.VILLAGES[v][2] * (0.6 if day.weekday() >= 5 else 1.0)
            if v in ("MW", "GL") and 16 <= day.day <= 18:
                chance = 0  # n113: three days without photos
            if r.random() > chance:
                continue
            who = village_reps("NY", v)[0] if r.random() < 0.7 else village_reps("NY", v)[-1]
            moment = working_time(r, day, 15.5, 18.9)
            for _ in range(r.choice([1, 2, 2, 3])):
                c.month.emit(moment, "NY", who, "[图片]", "evidence_submission")
                moment += timedelta(seconds=r.randint(2, 15))
            c.month.emit(moment + timedelta(seconds=r.randint(3, 40)), "NY", who,
                         fill(r.choice(W.STRAW_REPORT), r, unit=v, sender=who), "evidence_submission")


def chatter_stream(c: Composer) -> None:
    """Everyday talk in every group; greetings; logistics questions; revoked messages."""
    for code in W.GROUP_ORDER:
        g = W.GROUPS[code]
        pool = W.CHAT_POOLS[g["pool"]]
        people = [k for k in g["members"] if role(k) != "lead" or code.startswith("V_")]
        weights = [3 if role(k) in ("grid", "clerk", "head", "hh", "women", "vice") else
                   (0.4 if role(k) == "lead" else 1.5) for k in people]
        for day in DAYS:
            rng = rng_for("chat", code, day)
            mean = g["chat"][1] if day.weekday() >= 5 else g["chat"][0]
            count = poisson(rng, mean)
            if g["pool"] in ("village", "elders") and rng.random() < (0.45 if g["pool"] == "elders" else 0.25):
                k = rng.choices(people, weights)[0]
                moment = working_time(rng, day, 6.6, 8.2)
                if g["pool"] == "elders" and rng.random() < 0.5:
                    c.month.emit(moment, code, k, "[图片]", "chatter")
                c.month.emit(moment + timedelta(seconds=rng.randint(1, 30)), code, k,
                             rng.choice(W.GREETINGS + ["[动画表情]"]), "chatter")
                for other in rng.sample(people, min(len(people), rng.randint(0, 3))):
                    c.month.emit(reply_time(rng, moment, scale=20), code, other,
                                 rng.choice(W.GREETINGS + ["[动画表情]", "[玫瑰]", "[强]", "[太阳]"]), "chatter")
            used: set[str] = set()
            for _ in range(count):
                k = rng.choices(people, weights)[0]
                moment = working_time(rng, day, 7.2, 22.6, peak=(14, 4.2))
                if rng.random() < 0.06:
                    question, answer = rng.choice(W.MEMBER_QA)
                    other = rng.choice([p for p in people if p != k] or [k])
                    c.month.emit(moment, code, k, question, "chatter")
                    c.month.emit(reply_time(rng, moment, scale=6), code, other, answer, "chatter")
                    continue
                for _try in range(12):
                    text = rng.choice(pool)
                    if text in used and not text.startswith("["):
                        continue
                    if "书记" in text and role(k) not in ("head", "hh"):
                        continue
                    break
                used.add(text)
                if "{who}" in text:
                    other = rng.choice([p for p in people if p != k] or [k])
                    text = text.replace("{who}", display(other) + "\u2005")
                    text = text.replace("\u2005 ", "\u2005")
                c.month.emit(moment, code, k, text, "chatter")
                if rng.random() < 0.5 and len(people) > 2:
                    answer_at = moment
                    for _ in range(rng.choice([1, 1, 2, 3])):
                        other = rng.choice([p for p in people if p != k])
                        answer = rng.choice(["好的", "哈哈", "[动画表情]", "收到", "[语音]", "嗯嗯",
                                             "我也是", "没问题", "[捂脸]", "哈哈哈", "[偷笑]", "是的"])
                        answer_at = reply_time(rng, answer_at, scale=4)
                        c.month.emit(answer_at, code, other, answer, "chatter")
            if g["pool"] == "village" and day.weekday() < 5 and 3 <= day.day <= 29:
                for _ in range(poisson(rng, 1.6)):
                    k = rng.choices(people, weights)[0]
                    c.month.emit(working_time(rng, day, 11, 21.5), code, k,
                                 fill(rng.choice(material_notices.VILLAGE_WORK_CHAT), rng, sender=k,
                                      unit=village(k)), "chatter")
            if rng.random() < 0.03 * max(mean, 0.3):
                k = rng.choice(people)
                moment = working_time(rng, day, 8, 22)
                text = "你撤回了一条消息" if k == OWNER and g["fmt"] == "memotrace" else \
                    f"“{display(k)}” 撤回了一条消息"
                c.month.system(moment, code, text)


def poisson(rng: random.Random, mean: float) -> int:
    if mean <= 0:
        return 0
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def special_days(c: Composer) -> None:
    for at_text, group, sender, text, kind in material_notices.SPECIAL:
        c.month.emit(at(at_text) + timedelta(seconds=rng_for("special", at_text, group).randint(0, 59)),
                     group, sender, text, kind)
    # Group creation and new members (system lines).
    invited = [k for k in members("YB2") if k not in ("tan", "wang")]
    names = "、".join(f"“{W.LI_REMARKS.get(k, nick(k))}”" for k in invited if k != OWNER)
    c.month.system(at("11-02 07:36"), "YB2", f"“镇医保办谭敏”邀请你和{names}加入了群聊")
    c.month.system(at("11-02 07:37"), "YB2", "“镇医保办谭敏”修改群名为“云溪镇2027年度医保征收推进群”")
    c.month.system(at("11-02 08:06"), "YB2", "“镇医保办谭敏”邀请“王芳”加入了群聊")
    invited = [k for k in members("RJ2") if k != "luo"]
    names = "、".join(f"“{display(k)}”" for k in invited)
    c.month.system(at("11-02 17:25"), "RJ2", f"“罗志刚”邀请{names}加入了群聊")
    c.month.system(at("11-10 08:55"), "WG", "“镇综治中心-冯涛”邀请“社区网格员 庞莉”加入了群聊")
    c.month.system(at("11-04 09:12"), "SL", "“林业站田林”邀请“文小平”加入了群聊")
    c.month.system(at("11-18 10:03"), "ZB", "“武装部萧勇”修改群名为“云溪镇2026年征兵工作群”")
    c.month.system(at("11-21 15:40"), "LZ", "“十一组 欧阳军”通过扫描“李明”分享的二维码加入群聊")


def compose() -> Month:
    c = Composer()
    for n in material_notices.NOTICES:
        c.run_notice(n)
    daily_ranking(c)
    payment_screenshots(c)
    village_payment_shots(c)
    village_yb_jielong(c)
    grid_stream(c)
    patrol_stream(c)
    straw_stream(c)
    chatter_stream(c)
    special_days(c)
    return c.month


# --------------------------------------------------------------------------- output
def iso(ts: datetime) -> str:
    return ts.isoformat()


def assign_ids(month: Month) -> list[dict]:
    messages = sorted(month.messages, key=lambda m: (m["ts"], m["seq"]))
    rng = rng_for("localid")
    jsonl_n, local_id = 0, 40211
    for m in messages:
        if W.GROUPS[m["group"]]["fmt"] == "memotrace":
            local_id += rng.choice([1, 1, 1, 2, 3, 5])
            m["id"] = str(local_id)
        else:
            jsonl_n += 1
            m["id"] = f"yx-{jsonl_n:06d}"
    first_of: dict[str, str] = {}
    for m in messages:
        if m["notice"] and m["notice"] not in first_of:
            first_of[m["notice"]] = m["id"]
    for m in messages:
        m["notice_id"] = first_of.get(m["notice"]) if m["notice"] else None
        if m["kind"] not in ("directive", "evidence_demand"):
            m["notice_id"] = None
    return messages


def jsonl_record(m: dict) -> str:
    sender = display(m["sender"]) if m["sender"] else "系统消息"
    record = {"id": m["id"], "group": W.GROUPS[m["group"]]["name"], "sender": sender,
              "ts": iso(m["ts"]), "text": m["text"]}
    return json.dumps(record, ensure_ascii=False)


def truth_record(m: dict) -> str:
    record = {"id": m["id"], "kind": m["kind"],
              "demands": sorted(m["demands"]) if m["kind"] == "evidence_demand" else
              (["ranking"] if "ranking" in m["demands"] and m["kind"] == "directive" else []),
              "deadline": iso(m["deadline"]) if m["deadline"] else None,
              "notice": m["notice_id"]}
    return json.dumps(record, ensure_ascii=False)


_REMARK_UNSAFE = re.compile(r'[\\/:*?"<>|\s.]')


def remark(key: str) -> str:
    """What MemoTrace writes in Remark: the owner's remark, else the nickname, made file-safe."""
    return _REMARK_UNSAFE.sub("_", W.LI_REMARKS.get(key) or nick(key))


def memotrace_content(m: dict, rng: random.Random, chatroom: str) -> tuple[int, int, str]:
    """(Type, SubType, StrContent) as the PC client's MSG table holds them."""
    media, sender = m["media"], m["sender"]
    from_user = wxid(sender) if sender else ""
    if media == "text":
        return 1, 0, m["text"]
    if media == "system":
        return 10000, 0, m["text"].replace("“", '"').replace("”", '"')
    if media == "image":
        if rng.random() < 0.25:
            return 3, 0, ""
        md5 = hashlib.md5(f"{m['id']}img".encode()).hexdigest()
        return 3, 0, (f'<?xml version="1.0"?>\n<msg>\n\t<img aeskey="{md5[::-1]}" encryver="1" '
                      f'length="{rng.randint(60000, 420000)}" md5="{md5}" '
                      f'hevc_mid_size="{rng.randint(30000, 90000)}" />\n</msg>\n')
    if media == "voice":
        ms = rng.randint(2000, 42000)
        return 34, 0, (f'<msg><voicemsg endflag="1" cancelflag="0" forwardflag="0" voiceformat="4" '
                       f'voicelength="{ms}" length="{ms // 3}" bufid="0" fromusername="{from_user}" /></msg>')
    if media == "sticker":
        md5 = hashlib.md5(f"{m['id']}emoji".encode()).hexdigest()
        return 47, 0, (f'<msg><emoji fromusername="{from_user}" tousername="{chatroom}" type="2" '
                       f'md5="{md5}" len="{rng.randint(8000, 90000)}" productid="" /></msg>')
    if media == "video":
        return 43, 0, (f'<?xml version="1.0"?>\n<msg>\n\t<videomsg length="{rng.randint(400000, 4000000)}" '
                       f'playlength="{rng.randint(5, 15)}" fromusername="{from_user}" />\n</msg>\n')
    if media == "location":
        v = village(sender) if sender else None
        label = f"{W.COUNTY}{W.TOWN}{W.VILLAGES[v][0] if v else ''}"
        return 48, 0, (f'<?xml version="1.0"?>\n<msg>\n\t<location x="{27.61 + rng.random() / 50:.6f}" '
                       f'y="{111.42 + rng.random() / 50:.6f}" scale="16" label="{label}" '
                       f'maptype="roadmap" poiname="{label}" />\n</msg>\n')
    if media == "file":
        name = html.escape(m["extra"]["name"], quote=False)
        ext = m["extra"]["name"].rsplit(".", 1)[-1]
        return 49, 6, (f'<?xml version="1.0"?>\n<msg>\n\t<appmsg appid="" sdkver="0">\n\t\t<title>{name}</title>\n'
                       f'\t\t<des></des>\n\t\t<type>6</type>\n\t\t<appattach>\n\t\t\t<totallen>{rng.randint(20000, 900000)}'
                       f'</totallen>\n\t\t\t<fileext>{ext}</fileext>\n\t\t</appattach>\n\t</appmsg>\n'
                       f'\t<fromusername>{from_user}</fromusername>\n</msg>\n')
    if media == "link":
        title = html.escape(m["extra"]["title"], quote=False)
        token = hashlib.md5(m["extra"]["title"].encode()).hexdigest()[:22]
        return 49, 5, (f'<?xml version="1.0"?>\n<msg>\n\t<appmsg appid="" sdkver="0">\n\t\t<title>{title}</title>\n'
                       f'\t\t<des></des>\n\t\t<type>5</type>\n\t\t<url>https://mp.weixin.qq.com/s/{token}</url>\n'
                       f'\t\t<sourcedisplayname>{html.escape(m["extra"]["account"])}</sourcedisplayname>\n'
                       f'\t</appmsg>\n\t<fromusername>{from_user}</fromusername>\n</msg>\n')
    if media == "redpacket":
        title = m["text"].replace("[红包]", "").strip() or "恭喜发财，大吉大利"
        return 49, 2001, (f'<?xml version="1.0"?>\n<msg>\n\t<appmsg appid="" sdkver="0">\n\t\t<title>{title}</title>\n'
                          f'\t\t<type>2001</type>\n\t</appmsg>\n\t<fromusername>{from_user}</fromusername>\n</msg>\n')
    if media == "jielong":
        return 49, 53, (f'<?xml version="1.0"?>\n<msg>\n\t<appmsg appid="" sdkver="0">\n'
                        f'\t\t<title>{html.escape(m["text"], quote=False)}</title>\n\t\t<type>53</type>\n'
                        f'\t</appmsg>\n\t<fromusername>{from_user}</fromusername>\n</msg>\n')
    raise ValueError(media)


def memotrace_csv(code: str, messages: list[dict]) -> bytes:
    group = W.GROUPS[code]
    chatroom = f"{int(hashlib.sha256(code.encode()).hexdigest()[:10], 16) % 10**11:011d}@chatroom"
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)  # like MemoTrace: csv.writer, utf-8-sig, \r\n
    writer.writerow(["localId", "TalkerId", "Type", "SubType", "IsSender", "CreateTime", "Status",
                     "StrContent", "StrTime", "Remark", "NickName", "Sender"])
    rng = rng_for("memotrace", code)
    for m in messages:
        type_code, sub_type, content = memotrace_content(m, rng, chatroom)
        own = m["sender"] == OWNER
        if not m["sender"]:
            person = ["", "", ""]
        elif own:
            person = [display(OWNER), display(OWNER), wxid(OWNER)]
        else:
            person = [remark(m["sender"]), nick(m["sender"]), wxid(m["sender"])]
        writer.writerow([m["id"], group["talker"], type_code, sub_type, 1 if own else 0,
                         int(m["ts"].timestamp()), 2 if own else 3, content,
                         m["ts"].strftime("%Y-%m-%d %H:%M:%S"), *person])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_all(out: Path, messages: list[dict]) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    jsonl = [jsonl_record(m) for m in messages if W.GROUPS[m["group"]]["fmt"] == "jsonl"]
    files[JSONL_NAME] = ("\n".join(jsonl) + "\n").encode("utf-8")
    files[TRUTH_NAME] = ("\n".join(truth_record(m) for m in messages) + "\n").encode("utf-8")
    for code in W.GROUP_ORDER:
        if W.GROUPS[code]["fmt"] == "memotrace":
            rows = [m for m in messages if m["group"] == code]
            files[f"{MEMOTRACE_DIR}/{W.GROUPS[code]['name']}.csv"] = memotrace_csv(code, rows)
    groups = []
    for code in W.GROUP_ORDER:
        g = W.GROUPS[code]
        where = JSONL_NAME if g["fmt"] == "jsonl" else f"{MEMOTRACE_DIR}/{g['name']}.csv"
        names = [display(k) for k in g["members"]]
        groups.append(json.dumps({"group": g["name"], "kind": g["kind"], "file": where,
                                  "members": names}, ensure_ascii=False))
    files[GROUPS_NAME] = ("\n".join(groups) + "\n").encode("utf-8")
    for name, data in files.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return files


# --------------------------------------------------------------------------- checks
def check(messages: list[dict], files: dict[str, bytes]) -> list[str]:
    problems: list[str] = []
    ids = [m["id"] for m in messages]
    if len(ids) != len(set(ids)):
        problems.append("duplicate ids")
    # Hand-resolved deadlines agree with the phrase, weekday annotations agree with the calendar.
    for n in material_notices.NOTICES:
        sent = at(n["at"])
        text = n["text"]
        if n["phrase"]:
            if n["phrase"] not in text:
                problems.append(f"{n['key']}: phrase {n['phrase']!r} not in the text")
            try:
                got = resolve(n["phrase"], sent)
            except ValueError as error:
                problems.append(f"{n['key']}: {error}")
                continue
            if n["deadline"] is None or got != at_deadline(n["deadline"]):
                problems.append(f"{n['key']}: {n['phrase']!r} at {sent} resolves to {got}, "
                                f"hand-written {n['deadline']}")
        elif n["deadline"]:
            problems.append(f"{n['key']}: a deadline without its phrase")
        for error in weekday_errors(text, sent):
            problems.append(f"{n['key']}: {error}")
    for m in messages:
        for error in weekday_errors(m["text"], m["ts"]):
            problems.append(f"{m['id']}: {error}")
        if m["deadline"] is not None and m["deadline"] < m["ts"] - timedelta(minutes=1):
            problems.append(f"{m['id']}: deadline {m['deadline']} before the message {m['ts']}")
        if m["kind"] not in ("directive", "evidence_demand", "ack", "evidence_submission", "chatter"):
            problems.append(f"{m['id']}: kind {m['kind']}")
        if m["kind"] != "evidence_demand" and set(m["demands"]) - {"ranking"}:
            problems.append(f"{m['id']}: demands on a {m['kind']}")
        if m["kind"] == "evidence_demand" and not set(m["demands"]) - {"ranking"}:
            problems.append(f"{m['id']}: an evidence demand that demands nothing")
    # Re-read what was written.
    seen = set()
    for line in files[JSONL_NAME].decode("utf-8").splitlines():
        record = json.loads(line)
        if set(record) != {"id", "group", "sender", "ts", "text"}:
            problems.append(f"jsonl fields {sorted(record)}")
        ts = datetime.fromisoformat(record["ts"])
        if ts.utcoffset() != timedelta(hours=8) or not (MONTH_START <= ts <= MONTH_END):
            problems.append(f"{record['id']}: ts {record['ts']}")
        seen.add(record["id"])
    jsonl_groups = {m["group"] for m in messages if W.GROUPS[m["group"]]["fmt"] == "jsonl"}
    for name, data in files.items():
        if not name.startswith(MEMOTRACE_DIR):
            continue
        if not data.startswith(b"\xef\xbb\xbf"):
            problems.append(f"{name}: no BOM")
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        if rows[0] != ["localId", "TalkerId", "Type", "SubType", "IsSender", "CreateTime",
                       "Status", "StrContent", "StrTime", "Remark", "NickName", "Sender"]:
            problems.append(f"{name}: header")
        for row in rows[1:]:
            if len(row) != 12:
                problems.append(f"{name}: a row of {len(row)} fields")
                continue
            moment = datetime.fromtimestamp(int(row[5]), TZ)
            if moment.strftime("%Y-%m-%d %H:%M:%S") != row[8]:
                problems.append(f"{name}: CreateTime {row[5]} ≠ StrTime {row[8]}")
            if row[0] in seen:
                problems.append(f"{name}: id {row[0]} also elsewhere")
            seen.add(row[0])
            if int(row[2]) not in (1, 3, 34, 43, 47, 48, 49, 10000):
                problems.append(f"{name}: Type {row[2]}")
    truth_ids = [json.loads(line)["id"] for line in files[TRUTH_NAME].decode().splitlines()]
    if set(truth_ids) != seen or len(truth_ids) != len(seen):
        problems.append(f"truth covers {len(truth_ids)} ids, the exports {len(seen)}")
    csv_groups = {m["group"] for m in messages if W.GROUPS[m["group"]]["fmt"] == "memotrace"}
    if jsonl_groups & csv_groups:
        problems.append("a group in both the JSON Lines file and a CSV")
    return problems


def stats(messages: list[dict], files: dict[str, bytes]) -> None:
    per_day = Counter(m["ts"].date() for m in messages)
    per_group = Counter(m["group"] for m in messages)
    kinds = Counter(m["kind"] for m in messages)
    print(f"messages: {len(messages):,}  ({sum(1 for m in messages if W.GROUPS[m['group']]['fmt'] == 'jsonl'):,} "
          f"in JSON Lines, {sum(1 for m in messages if W.GROUPS[m['group']]['fmt'] == 'memotrace'):,} in MemoTrace CSV)")
    print("kinds:", ", ".join(f"{k} {v:,}" for k, v in kinds.most_common()))
    demands = Counter(d for m in messages for d in m["demands"] if m["kind"] == "evidence_demand")
    print("demands:", ", ".join(f"{k} {v}" for k, v in demands.most_common()))
    notices = {m["notice_id"] for m in messages if m["notice_id"]}
    print(f"notices: {len(notices)} distinct, {sum(1 for m in messages if m['notice_id']):,} posts; "
          f"with a deadline: {sum(1 for m in messages if m['deadline']):,}")
    after = sum(1 for m in messages if m["ts"].hour >= 20 or m["ts"].hour < 7 or m["ts"].weekday() >= 5)
    print(f"after hours (20:00–07:00) or at weekends: {after:,}")
    print("per day:")
    for day in DAYS:
        print(f"  {day} {day.strftime('%a')} {per_day[day]:6,}")
    busiest = max(DAYS, key=lambda d: per_day[d])
    print(f"busiest day: {busiest} ({per_day[busiest]:,})")
    print("per group:")
    for code in W.GROUP_ORDER:
        g = W.GROUPS[code]
        print(f"  {per_group[code]:6,}  {g['name']} ({g['fmt']}, {len(g['members'])} members)")
    print("files:")
    for name, data in sorted(files.items()):
        print(f"  {len(data):>10,}  {name}")
    print(f"  {sum(map(len, files.values())):>10,}  total")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE)
    parser.add_argument("--check", action="store_true", help="validate and print statistics")
    args = parser.parse_args(argv)
    month = compose()
    messages = assign_ids(month)
    files = write_all(args.out, messages)
    if args.check:
        stats(messages, files)
        problems = check(messages, files)
        for problem in problems:
            print("PROBLEM:", problem)
        print("checks:", "ok" if not problems else f"{len(problems)} problems")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
