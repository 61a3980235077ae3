"""Which unit (单位) a notice comes from, for the reformers' "which office demands the proof".

Two places say it, tried in this order:
1. the notice itself, where it names its source: 县医保局通报：…, 【县应急管理局】…, 转医保站：…,
   根据县应急局要求，… at the start of any copy, or the first copy's closing line ——镇党政办;
2. the first poster's group nickname, which work groups ask to be 单位-姓名: 镇党政办-黄丽娟,
   统计站许燕, 杏坪村书记-陈建华 and 鹤塘网格员-刘波 (the role after the place is dropped).

A unit is a name ending in what units end in (村, 社区, 办, 局, 站, 所, 中心, 科, 股 …), or a place
written before a role. A nickname that is only a person (王建军, 张会计, 李书记) names none, and
an addressee (石鼓村：…, 各村：…) is not a source. Units are organisations, not people, so they
are shown as written, never pseudonymised.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

UNKNOWN = "（未注明）"  # a notice that names no unit and whose poster's nickname holds none

# What the name of an office, a village, a school or a company ends in.
_SUFFIXES = """
村 社区 居委会 村委会 村委 两委 镇 乡 街道 办 办公室 局 站 所 中心 委 委员会 部 队 院 校 学校 中学 小学
幼儿园 学区 科 股 室 处 公司 支部 总支 党委 政府 指挥部 专班 工会 妇联 残联 团委 法庭 银行 医院 片区
""".split()

# Roles written after a unit in a nickname (杏坪村书记, 鹤塘网格员-刘波).
_ROLES = """
书记 副书记 第一书记 党总支书记 党支部书记 支书 主任 副主任 治保主任 妇女主任 妇联主席 治保 文书 网格员
网格长 专干 医保专干 会计 报账员 出纳 村医 医生 站长 副站长 所长 局长 股长 科长 队长 院长 校长 老师 干事
联络员 信息员 监测员 护林员 保洁员 组长 委员 镇长 副镇长 乡长 副乡长 村长 主席 秘书 经理 民警 警官
管理员 负责人 指导员 专员 助理 工作人员 驻村干部 包村干部 网格站长 组织委员 宣传委员 纪检委员
统战委员 武装部长 人大主席
""".split()


def _alternatives(words: list[str]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


_SUFFIX, _ROLE = _alternatives(_SUFFIXES), _alternatives(_ROLES)
_UNIT = rf"[\u4e00-\u9fff]{{1,14}}?(?:{_SUFFIX})"
_NAME = r"(?:老|小)?[\u4e00-\u9fff]{1,3}"
_WRAPPERS = r"(?:\s*(?:@所有人|转发?[:：]|【转发?】|【[^】]{1,8}】))*\s*"
_ADDRESSEE = r"(?:各[^：:\n]{1,24}[:：]\s*)?"
_LEADING = re.compile(
    rf"^{_WRAPPERS}(?:【(?P<bracket>{_UNIT})】"
    rf"|{_ADDRESSEE}(?:根据|按照)(?P<per>{_UNIT})的?(?:要求|通知|部署|安排)"
    rf"|(?P<about>{_UNIT})关于"
    rf"|转发?(?P<forwarded>{_UNIT})(?:紧急)?(?:通知|通报|提醒|发布|消息|要求)?[:：]"
    rf"|(?P<says>{_UNIT})(?:紧急)?(?:通知|通报|提醒|发布|消息|要求)[:：，,])")
_SIGNATURE = re.compile(
    rf"^[—－\-]{{1,2}}\s*(?P<unit>{_UNIT})\s*(?:\d{{4}}年)?(?:\d{{1,2}}月\d{{1,2}}日)?\s*$")
_LEVEL = re.compile(r"^(?:镇|乡|街道)(?=..)")
_INTRODUCER = re.compile(r"^(?:刚?接到?|按照?|据|另外|转发?)(?=..)")  # 接县委办通知 → 县委办
_NOT_A_SOURCE = re.compile(r"^[各全请致本我你该贵此]|干部$")
_IS_UNIT = re.compile(rf"^{_UNIT}$")
_IS_ROLE = re.compile(rf"^(?:{_ROLE})+$")
_ROLE_AND_NAME = re.compile(rf"^(?:{_ROLE})+{_NAME}$")
_NAME_AND_ROLE = re.compile(rf"^{_NAME}?(?:{_ROLE})?$")
_PERSON_AND_ROLE = re.compile(rf"^(?P<name>{_NAME})(?:{_ROLE})$")
_SEPARATORS = re.compile(r"[-－—_·•|｜/\s]+")
_NOISE = re.compile(r"[（(][^）)]*[）)]|\d{5,}\S*|[xX*]{2,}")


def level_aliases(units: Iterable[str]) -> dict[str, str]:
    """Each unit's name for counting: 医保站 is 镇医保站 when both occur, because a township's
    own offices are written with and without the 镇/乡/街道 before them."""
    present = set(units)
    aliases = {unit: unit for unit in present}
    for unit in present:
        short = _LEVEL.sub("", unit)
        if short != unit and short in present:
            aliases[short] = unit
    return aliases


def unit_of_notice(texts: list[str], first_sender: str, poster_unit: str | None = None) -> str | None:
    """The unit a notice comes from: a source one of its copies names at its start, else the
    first copy's signature, else its first poster's unit (`poster_unit` when the user set one
    in the config, else read from the nickname). A later copy's signature is the forwarder's
    (——桂岭村党总支 under a town notice), not the notice's source."""
    for text in texts:
        named = leading_source(text)
        if named:
            return named
    return (signature(texts[0]) if texts else None) or poster_unit or sender_unit(first_sender)


def named_source(text: str) -> str | None:
    """The office a message names as its source (县医保局通报：…, ——镇党政办), or None."""
    return leading_source(text) or signature(text)


def leading_source(text: str) -> str | None:
    """The source named at the start: 县医保局通报：, 【县应急管理局】, 根据县应急局要求."""
    found = _LEADING.match(text.strip())
    return _source(found and (found["bracket"] or found["per"] or found["about"]
                              or found["forwarded"] or found["says"]))


def signature(text: str) -> str | None:
    """The unit in a closing signature line: ——镇党政办, —— 石鼓村两委 2026年6月17日."""
    signed = _SIGNATURE.match(text.strip().rsplit("\n", 1)[-1].strip())
    return _source(signed and signed["unit"])


def _source(unit: str | None) -> str | None:
    unit = unit and _INTRODUCER.sub("", unit)
    return unit if unit and not _NOT_A_SOURCE.search(unit) and not _IS_ROLE.match(unit) else None


def sender_unit(nickname: str) -> str | None:
    """The unit in a group nickname (镇党政办-黄丽娟 → 镇党政办), or None for a bare name.

    With a separator the name stands in a part of its own, so a part is a unit when it is one
    (县卫健局医政股) or a place before a role (鹤塘网格员). Written as one word, a unit must be
    followed by a short name (统计站许燕, 龙乐村覃书记) or be a whole name of three or more
    characters (统计站), and a place without a unit ending needs role and name (鹤塘网格员田甜):
    欧阳书记 stays a person."""
    parts = [p for p in _SEPARATORS.split(_NOISE.sub(" ", nickname or "")) if p]
    if len(parts) == 1:
        return _unit_in(parts[0], alone=True)
    return next((unit for part in parts if (unit := _unit_in(part, alone=False))), None)


def _unit_in(word: str, *, alone: bool) -> str | None:
    if alone and (_is_person(word) or len(word) < 3):
        return None
    if alone and _IS_UNIT.match(word):
        return word
    cuts = [(word[:cut], word[cut:]) for cut in range(2, len(word) + 1)]
    if any(_IS_ROLE.match(place) for place, _ in cuts):  # 网格员喻婷, 文书
        return None
    for place, rest in cuts:  # a unit by its ending first (楠木村医保专干 → 楠木村) …
        if _IS_UNIT.match(place) and _after_unit(rest, alone):
            return place
    for place, rest in cuts:  # … else a place before a role (鹤塘网格员 → 鹤塘)
        if _after_place(rest, alone):
            return place
    return None


def _is_person(word: str) -> bool:
    """赵村长, 欧阳书记: a name and a role; 石鼓村书记 is a unit's role, not a person."""
    found = _PERSON_AND_ROLE.match(word)
    return bool(found) and not (len(found["name"]) >= 3 and _IS_UNIT.match(found["name"]))


def _after_unit(rest: str, alone: bool) -> bool:
    """What may follow a unit in a nickname: nothing, a role, or (written as one word) a name."""
    if not rest or _IS_ROLE.match(rest):
        return True
    if not alone or _IS_UNIT.match(rest):
        return False
    return bool(_NAME_AND_ROLE.match(rest) or _ROLE_AND_NAME.match(rest))


def _after_place(rest: str, alone: bool) -> bool:
    """What must follow a place with no unit ending: a role, and a name when written as one."""
    return bool(_ROLE_AND_NAME.match(rest) if alone else _IS_ROLE.match(rest))
