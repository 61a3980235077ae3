"""Deadlines: Chinese time expressions resolved against the message's own timestamp.

Rules (docs/LABELS.md, "Deadlines"), and how jianfu reads the vague ones:
- a date without a time (本周五前, 11月26日前, 明天) → 23:59:59 of that day;
- 上午 / 中午 / 早上 / 前晌 without an hour → 12:00; 下午 / 后晌 without an hour → 18:00;
  下班前 → 18:00, 上午下班前 → 12:00;
  今晚 / 晚上 without an hour → 23:59:59;
- 月底 / 月末 → the month's last day 23:59:59; 年底 → 31 December 23:59:59;
- N天内 → N days after the message's day, 23:59:59; N小时内 → that long after the message
  (N分钟内 is not read: writers meant a length — 1分钟以内的视频 — or a standing rule — 险情30分钟内
  报告 — more often than a limit, and reading it lost 42 training notices);
  N个工作日内 → N working days (Mon–Fri) after the message's day, 23:59:59;
- a bare weekday (周五前) is the next such day, today included; 本周X is that day of the message's
  week (Monday first); 下周X the one of the following week;
- a clock time on its own (17:00前, 下午5点) is on the message's day, or the next day when that
  moment has already passed; 1 to 5 o'clock with no period is the afternoon (5点前填好), 6 to 11
  o'clock said after that hour is the evening (8点前发群里 at 14:00 → 20:00), and 今晚12点 is the
  day's end;
- 当天 / 当晚 after a named date is that date (6月12日下午直播……当天下午5点前报), and a bare hour
  after an evening (今晚……8点前) is in that evening;
- a Chinese-numeral 点 with nothing beside it counts points (补充一点, 讲三点要求), not hours;
- a meeting, visit or roll-call's deadline is its start time, and so is the hour work starts
  (明天上午9点开始转移), though not a day (5月15日起, 明天开始);
- a date a campaign ends on (3月5日开始，3月12日结束) is its deadline unless a limit is named too,
  though not 今天结束 (a status) or 月底结束 (said in passing); a date something is extended to
  (顺延到, 延长至, 延期到) and N号是死线 are limits;
- N天内 / N小时内 counted from an event (接到交办件后7日内, 活动结束24小时内, 发现…的，2小时内
  报告) and a time referred to (11点这轮照片, 15时30分发布, 现在8点了) are no deadline;
- 还有20分钟 / 还有半个钟头 is that long after the status time said before it (截至20:40), else
  after the message; a time named outright (离6点还有一个小时) wins over it;
- a slash date with no time beside it (西岔5/6，柏峪6/7) is as often a share as a date: a later
  bare hour does not belong to its day;
- 立即 / 尽快 / 马上, status times (截至今天17时, 截至11点 said at 11:20) and windows (9点到12点,
  7:00—9:00: both ends) are no deadline;
- a bare date counts only as a limit: 明天前, 明天把表交来, 这周补齐 (the week's end), not
  "明天县里来检查"; a bare 早 or 晚 is a time only beside a date or an hour (not 浇水早的地块);
- 上午 / 下午 / 晚上 with no date and no hour count only as a limit (下午前), before the task
  (下午把名单报来) or said to someone (你下午去老孔家): "晚上要有人值守", "我晚上问她女儿"
  describe a routine or the speaker's plans.
When a message names several times, a time marked as a limit (…前, 之前, 截止, 为止, 以内) wins
over an unmarked one (e.g. a meeting date); among equals the earliest wins (the first thing
the cadre must do).
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_NUM = r"(?:\d{1,2}|[零〇一二两三四五六七八九十]{1,3})"
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "末": 5}

END_OF_DAY = time(23, 59, 59)
_AFTERNOON = ("下午", "后晌", "下昼", "下晝", "傍晚")

_DAY_WORD = r"(?P<dayword>今天|今日|当天|当晚|今晚|今早|明天|明日|明晚|明早|后天|大后天)"
_WEEK = r"(?P<week>(?:本|这|下|下个)?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天末]))"
_MONTH_DAY = rf"(?P<md>(?:(?P<year>\d{{4}})年)?(?P<month>{_NUM})月(?P<day>{_NUM})[日号]?)"
_SLASH_DATE = r"(?P<sd>(?P<smonth>\d{1,2})[/.](?P<sday>\d{1,2})(?![\d:]))"
_DAY_ONLY = rf"(?P<dayonly>(?:本月)?(?P<dday>{_NUM})[日号](?![\w]*?月)(?!\s*(?:之内|以内|内)))"
_MONTH_END = rf"(?P<monthend>(?:(?P<eyear>\d{{4}})年)?(?:(?P<emonth>{_NUM})|本|这个|当)?月(?:底|末))"
_YEAR_END = r"(?P<yearend>年底|年末)"
_WITHIN = rf"(?P<within>(?P<wn>{_NUM}|半)\s*(?P<wunit>个工作日|个小时|小时|天|日)(?:之内|以内|内))"
_PERIOD = r"(?P<period>上午下班前|上午下班|上午|前晌|中午|下午|后晌|下昼|下晝|傍晚|晚上|晚|早上|早晨|早|凌晨|下班前|下班|上班前)"
_CLOCK = rf"(?P<clock>(?P<hour>{_NUM})\s*(?:[:：](?P<minute>\d{{2}})|(?P<unit>[点时點時])(?:(?P<cnmin>\d{{1,2}}|[零〇一二两三四五六七八九十]{{1,3}}(?=分)|[二三四五]十[一二三四五六七八九]?|十[一二三四五六七八九]?|半|一刻|三刻)分?)?))"

_DATE_PART = "|".join([_DAY_WORD, _WEEK, _MONTH_DAY, _SLASH_DATE, _MONTH_END, _YEAR_END, _DAY_ONLY])
_EXPRESSION = re.compile(
    rf"(?:(?:{_DATE_PART})\s*(?:（[^）]{{1,6}}）|\([^)]{{1,6}}\))?\s*)?(?:{_PERIOD}\s*){{0,2}}(?:{_CLOCK})?"
    rf"|{_WITHIN}|(?P<thisweek>本周内|这周内|本周之内|本周|这周)|(?P<thismonth>本月内|这个月内|当月内|本月|这个月)"
)
_LIMIT_AFTER = re.compile(
    r"^\s*(?:要|须|必须|务必|补|上|提)?\s*(?:前|之前|以前|为止|截止|截至|内|以内|之内|完成|报|交|止|是?最后一天|是?最后期限|是?截止日|就?截止|是?死线)")
_LIMIT_BEFORE = re.compile(
    r"(?:于|在|截止|截至|最迟|最晚|不晚于|务必|必须|请|截止时间|截止日期|时限|期限|顺延到|顺延至|延长到|延长至|延至|延期到)[为是:：（(]?\s*$")
_START_AFTER = re.compile(r"^\s*(?:起|以后|之后|后)")
_ENDS_AFTER = re.compile(r"^\s*(?:前)?\s*结束")  # 3月5日开始，3月12日结束: the end of a campaign
_BEGINS_AFTER = re.compile(r"^\s*开始")  # a day something begins; but 9点开始转移 is a start time
_RECURRING_BEFORE = re.compile(r"(?:每天|每日|每晚|每周|每月|每个|每逢|每次|每)[^，。；\n]{0,6}$")
_WINDOW_AFTER = re.compile(r"^\s*(?:—|-|–|~|～|到|至)\s*(?:\d|[一二两三四五六七八九十]|上午|下午|晚上|中午)")
_WINDOW_BEFORE = re.compile(r"(?:\d|[点时分半]|[一二两三四五六七八九十])\s*(?:—|-|–|~|～|到|至)\s*$")
_COMPLETE_AFTER = re.compile(r"[^，。；！\n]{0,20}?(?:补齐|补上|补完|完成|到位|改过来|改好|搞完|弄完|做完|交齐|报齐|整改|报上来|报给|交上来)")
_TASK_AFTER = re.compile(r"^[^，。；！\n]{0,2}?(?:把|交|(?<!通)报|补|送)")  # "明天把表交来": a day to do it by
_TODO_AFTER = re.compile(  # "今天必须录完", "今晚发过来"; not "今天发了", "今天清理的", "今天清不完"
    r"^(?:要|必须|务必|一定|都|全部|就)*(?:发|改|录|传|上传|填|拍|清(?!明)|做|搞完|搞好|完成|处理)"
    r"(?![了为成不]|过(?!来)|下去|[^，。；！\n]{0,2}(?:的|情况|进度))")
_SPEAKER_BEFORE = re.compile(r"(?:我|我们|咱|咱们)\s*$")  # "我今天发到群里": the speaker's own plan
_ADDRESSED_BEFORE = re.compile(r"(?:你|你们|您)\s*$")  # "@楼凯 你下午去老孔家": an order with its hour
_COUNTDOWN = re.compile(rf"还有\s*(?P<cn>{_NUM}|半)\s*个?\s*(?P<cunit>分钟|钟头|小时)(?!\s*的)")
_AS_OF = re.compile(r"截至\s*(?P<hour>\d{1,2})[:：](?P<minute>\d{2})")
_STATUS_BEFORE = re.compile(r"(?:截至|截止到|截止至|至)\s*$")
_AFTER_EVENT_BEFORE = re.compile(  # "接到交办件后要在7日内", "活动结束24小时内", "发现…的，2小时内"
    r"(?:后|结束|发现[^。；\n]{0,15}的[，,]?)\s*(?:要|须|必须|应|应当|务必)?\s*(?:在)?\s*$")
_WEATHER_AFTER = re.compile(r"^[^，。；！\n]{0,6}?(?:有|降|出现|伴有)[^，。；！\n]{0,6}?(?:雨|雪|雷|大风|冰雹|高温|降温|寒潮|台风)")
_CALLED_OFF = re.compile(r"不用|不再|停止|取消|不要再")
_CLAUSE_END = re.compile(r"[。；！？，,\n]")
_REFERENCE_AFTER = re.compile(r"^\s*(?:的?这一?轮|的?那一?轮|发布|的点名)")


@dataclass(frozen=True, slots=True)
class Candidate:
    moment: datetime
    limit: bool
    status: bool
    fallback: bool = False  # a routine's next time, or 今天 before a task: used only when nothing else is named


def _idiom(match: re.Match) -> bool:
    """'一时', '两时' alone are words (不急这一时), not 1 o'clock: a Chinese-numeral hour with 时
    needs a period or a date beside it."""
    g = match.groupdict()
    return bool(g["clock"] and g["unit"] in ("时", "時") and not g["hour"].isdigit()
                and not g["period"] and not any(g[k] for k in ("dayword", "week", "md", "sd")))


_COUNTED_POINTS = re.compile(r"^(?:要求|意见|建议|说明|注意|想法|看法|体会|内容|措施|事项|原则|工作|问题|[：:])")
_AS_TIME = re.compile(r"^(?:前|之前|以前|钟|整|到|准时)")


def _points(match: re.Match, after: str) -> bool:
    """'补充一点', '讲三点要求', '站远一点': a Chinese-numeral hour with 点 and nothing beside it
    (no minutes, no period, no date) counts points or means 'a little' unless a limit or 钟
    follows; '一点' alone is 'a little' far more often than one o'clock."""
    g = match.groupdict()
    if not (g["clock"] and g["unit"] in ("点", "點") and not g["hour"].isdigit() and not g["cnmin"]
            and not g["period"] and not _dated(g)):
        return False
    return bool(_COUNTED_POINTS.match(after)) or (g["hour"] == "一" and not _AS_TIME.match(after))


def _dated(groups: dict) -> bool:
    """Does the match name a day (明天, 周五, 3月12日, 3/12, 12号)?"""
    return any(groups[k] for k in ("dayword", "week", "md", "sd", "dayonly"))


def _bare_slash_date(match: re.Match) -> bool:
    """5/6 with no time beside it: as often a share (西岔5/6，柏峪6/7) as a date, so it does not
    become the day a later bare hour belongs to."""
    g = match.groupdict()
    return bool(g["sd"] and not g["clock"] and not g["period"])


def _bare_short_period(match: re.Match) -> bool:
    """'早' and '晚' alone are adjectives far more often than times (浇水早的地块, 晚了): they
    name a time of day only beside a date or a clock time (明早8点, 周五晚)."""
    g = match.groupdict()
    return bool(g["period"] in ("早", "晚") and not g["clock"] and not _dated(g))


def _period_in_passing(match: re.Match, before: str, after: str) -> bool:
    """下午 / 晚上 with no date and no hour, neither before the task (下午把名单报来) nor said to
    someone (你下午去): a routine (晚上要有人值守) or the speaker's plan (我晚上问她女儿)."""
    g = match.groupdict()
    bare = bool(g["period"]) and not g["clock"] and not _dated(g) and not g["monthend"]
    return bare and not _TASK_AFTER.match(after) and not _ADDRESSED_BEFORE.search(before)


def cn_number(text: str) -> int:
    """'17', '十七', '二十三', '三十一', '两' → int."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    value = 0
    for char in text:
        value = value * 10 + _CN_DIGITS[char]
    return value


def find_deadline(text: str, sent: datetime) -> datetime | None:
    """The deadline stated in `text`, resolved against `sent` (aware), or None."""
    candidates = list(_candidates(text, sent))
    usable = [c for c in candidates if not c.status and c.moment >= sent - timedelta(minutes=1)]
    usable = [c for c in usable if not c.fallback] or usable or list(_countdowns(text, sent))
    if not usable:
        return None
    limits = [c for c in usable if c.limit]
    return min(c.moment for c in (limits or usable))


def _countdowns(text: str, sent: datetime):
    """还有10分钟 / 还有半个钟头: the time left, counted from the status time given before it
    (截至20:40……还有20分钟), else from the message. A time named outright wins over it."""
    for match in _COUNTDOWN.finditer(text):
        count = 0.5 if match["cn"] == "半" else cn_number(match["cn"])
        minutes = count if match["cunit"] == "分钟" else count * 60
        yield Candidate(_as_of(text[:match.start()], sent) + timedelta(minutes=minutes), True, False)


def _as_of(text: str, sent: datetime) -> datetime:
    found = _AS_OF.search(text)
    if not found or int(found["hour"]) > 23 or int(found["minute"]) > 59:
        return sent
    moment = sent.replace(hour=int(found["hour"]), minute=int(found["minute"]), second=0)
    return moment if moment <= sent else sent


def _candidates(text: str, sent: datetime):
    context: date | None = None  # the last date named: a later bare clock time belongs to it
    evening = False  # …and to its evening, when it was named as one (今晚……10点前)
    for match in _EXPRESSION.finditer(text):
        if not match.group(0).strip():
            continue
        try:
            moment, named_day, passed = _resolve(match, sent, context, evening)
        except (ValueError, KeyError):
            continue
        if moment is None:
            continue
        before, after = text[max(0, match.start() - 8):match.start()], text[match.end():match.end() + 6]
        limit = _marked_as_limit(match, text, before, after)
        if named_day is not None and (limit or not _bare_slash_date(match)):
            context = named_day
            evening = _names_evening(match)
        recurring = bool(_RECURRING_BEFORE.search(before))
        if recurring and _CALLED_OFF.search(_clause(text, match)):
            continue  # "每天下午报的人数不用报了": a routine called off
        if _START_AFTER.match(after) or _WINDOW_AFTER.match(after) \
                or (match.group("clock") and _WINDOW_BEFORE.search(before)) \
                or (not match.group("clock") and _BEGINS_AFTER.match(after)):
            continue  # "5月15日起", "7:30—9:00": a start, a window
        if _idiom(match) or _bare_short_period(match) or _points(match, after):
            continue
        if not limit and _period_in_passing(match, before, after):
            continue
        if passed and not limit and not match.group("period") \
                and sent - (moment - timedelta(days=1)) < timedelta(hours=3):
            continue  # "发现时间21:20" said at 21:34: a time just gone, not tomorrow's
        if match.group("within") and _AFTER_EVENT_BEFORE.search(text[max(0, match.start() - 20):match.start()]):
            continue  # counted from an event, not from the message
        if not limit and _WEATHER_AFTER.match(text[match.end():match.end() + 20]):
            continue  # "今天下午有雷阵雨", "明天夜间到后天有大到暴雨": a forecast, not a time limit
        if match.group("clock") and (_REFERENCE_AFTER.match(after) or before.endswith("现在")):
            continue  # "11点这轮照片", "5时30分发布", "现在8点了": a time referred to, not set
        timed = bool(match.group("clock") or match.group("period") or match.group("dayword") == "当晚")
        ends = bool((match.group("md") or match.group("dayonly")) and _ENDS_AFTER.match(after))
        todo = match.group("dayword") in ("今天", "今晚", "今日") and bool(_TODO_AFTER.match(after)) \
            and not _SPEAKER_BEFORE.search(before)
        if not (limit or timed or ends or todo):
            continue  # a bare date names a day ("明天县里来检查"), not a time limit
        status = bool(_STATUS_BEFORE.search(before)) and (
            passed or moment <= sent + timedelta(minutes=5)
            or (not timed and moment.date() <= sent.date()))
        yield Candidate(moment, limit, status, fallback=recurring or (todo and not (limit or timed or ends)))


def _clause(text: str, match: re.Match) -> str:
    """The clause around `match`: from the last stop, comma or line break before it to the next."""
    start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, match.start())), default=0)
    end = _CLAUSE_END.search(text, match.end())
    return text[start:end.start() if end else len(text)]


def _marked_as_limit(match: re.Match, text: str, before: str, after: str) -> bool:
    """Is this time named as the latest moment for something, not just as a day or an event?"""
    g = match.groupdict()
    return bool(
        _LIMIT_AFTER.match(after) or _LIMIT_BEFORE.search(before)  # 5点前, 请于周五
        or g["within"] or "内" in (g["thisweek"] or "") or "内" in (g["thismonth"] or "")
        or (g["thisweek"] and _COMPLETE_AFTER.match(text, match.end()))  # 这周补齐
        or ((g["dayword"] or g["week"]) and _TASK_AFTER.match(after))  # 明天把表交来
        or (g["period"] or "").startswith(("下班", "上班", "上午下班")))


def _names_evening(match: re.Match) -> bool:
    return bool(match.group("dayword") in ("今晚", "明晚", "当晚")
                or match.group("period") in ("晚上", "晚", "傍晚"))


def _resolve(match: re.Match, sent: datetime, context: date | None, evening: bool = False):
    """(moment, the day it names if it names one, whether a clock time had already passed today
    and was moved on: "截至11点" said at 11:20 is a status time, not tomorrow's 11:00)."""
    groups = match.groupdict()
    if groups["thisweek"]:
        return _at(sent.date() + timedelta(days=6 - sent.weekday()), END_OF_DAY, sent), None, False
    if groups["thismonth"]:
        last = calendar.monthrange(sent.year, sent.month)[1]
        return _at(sent.date().replace(day=last), END_OF_DAY, sent), None, False
    if groups["within"]:
        return _within(groups, sent), None, False
    day = _date(groups, sent)
    if context is not None and groups["dayword"] in ("当天", "当晚"):
        day = context  # "6月12日下午收看直播……当天下午5点前报": the day just named
    clock = _clock(groups)
    if day is None and clock is None:
        return None, None, False
    if day is None:
        if context is not None and groups["clock"]:
            if evening and not groups["period"] and clock.hour < 12:
                clock = clock.replace(hour=clock.hour + 12)
            return _at(context, clock, sent), None, False
        moment = _at(sent.date(), clock, sent)
        if moment >= sent - timedelta(minutes=1):
            return moment, None, False
        later = moment + timedelta(hours=12)  # 8点 said at 14:00: 20:00 rather than tomorrow
        twelve = (bool(groups["unit"]) and not groups["period"] and 6 <= clock.hour <= 11
                  and later >= sent)
        return (later if twelve else moment + timedelta(days=1)), None, True
    return _at(day, clock or END_OF_DAY, sent), day, False


def _at(day: date, clock: time, sent: datetime) -> datetime:
    return datetime.combine(day, clock, tzinfo=sent.tzinfo)


def _within(groups: dict, sent: datetime) -> datetime:
    count = 0.5 if groups["wn"] == "半" else cn_number(groups["wn"])
    unit = groups["wunit"]
    if unit in ("小时", "个小时"):
        return sent + timedelta(hours=count)
    if unit == "个工作日":
        day, left = sent.date(), int(count)
        while left:
            day += timedelta(days=1)
            left -= day.weekday() < 5
        return _at(day, END_OF_DAY, sent)
    return _at(sent.date() + timedelta(days=int(count)), END_OF_DAY, sent)


def _date(groups: dict, sent: datetime) -> date | None:
    today = sent.date()
    if groups["dayword"]:
        offset = {"今": 0, "当": 0, "明": 1, "后": 2, "大": 3}[groups["dayword"][0]]
        return today + timedelta(days=offset)
    if groups["week"]:
        return _weekday(groups["week"], _WEEKDAYS[groups["wd"]], today)
    if groups["md"]:
        year = int(groups["year"]) if groups["year"] else today.year
        target = date(year, cn_number(groups["month"]), cn_number(groups["day"]))
        if not groups["year"] and target < today - timedelta(days=180):
            target = date(year + 1, target.month, target.day)
        return target
    if groups["sd"]:
        target = date(today.year, int(groups["smonth"]), int(groups["sday"]))
        return target if target >= today - timedelta(days=180) else target.replace(year=today.year + 1)
    if groups["monthend"]:
        year = int(groups["eyear"]) if groups["eyear"] else today.year
        month = cn_number(groups["emonth"]) if groups["emonth"] else today.month
        if not groups["eyear"] and month < today.month - 6:
            year += 1
        return date(year, month, calendar.monthrange(year, month)[1])
    if groups["yearend"]:
        return date(today.year, 12, 31)
    if groups["dayonly"]:
        day = cn_number(groups["dday"])
        target = date(today.year, today.month, day)
        if target < today - timedelta(days=3):
            month = today.month % 12 + 1
            target = date(today.year + (month == 1), month, day)
        return target
    return None


def _weekday(word: str, weekday: int, today: date) -> date:
    monday = today - timedelta(days=today.weekday())
    if word.startswith("下"):
        return monday + timedelta(days=7 + weekday)
    if word.startswith(("本", "这")):
        return monday + timedelta(days=weekday)
    ahead = (weekday - today.weekday()) % 7
    return today + timedelta(days=ahead)


def _clock(groups: dict) -> time | None:
    period = groups["period"] or ""
    dayword = groups["dayword"] or ""
    if groups["clock"]:
        hour = cn_number(groups["hour"])
        minute = 0
        if groups["minute"]:
            minute = int(groups["minute"])
        elif groups["cnmin"]:
            minute = {"半": 30, "一刻": 15, "三刻": 45}.get(groups["cnmin"]) or cn_number(groups["cnmin"])
        evening = period in ("晚上", "晚") or dayword in ("今晚", "明晚", "当晚")
        if evening and hour == 12:
            return END_OF_DAY  # 今晚12点: midnight, the day's end
        if (period in _AFTERNOON or evening) and hour < 12:
            hour += 12
        elif not period and not dayword.endswith("早") and 1 <= hour <= 5:
            hour += 12  # "二社的4点来": nobody is called to work at four in the morning
        if period == "中午" and hour < 3:
            hour += 12
        if hour == 24:
            return END_OF_DAY
        return time(hour, minute)
    if period.startswith("上午下班"):
        return time(12, 0)
    if period.startswith("下班"):
        return time(18, 0)
    if period == "上班前":
        return time(8, 30)
    if period in ("上午", "前晌", "中午", "早上", "早晨", "早") or dayword in ("今早", "明早"):
        return time(12, 0)
    if period in _AFTERNOON:
        return time(18, 0)
    if period in ("晚上", "晚", "凌晨") or dayword in ("今晚", "明晚", "当晚"):
        return END_OF_DAY
    return None
