"""WeChat exports: WeChatMsg/MemoTrace per-chat CSV and PyWxDump CSV.

MemoTrace writes `<备注>/<备注>_utf8.csv` (UTF-8 with BOM) from the PC client's MSG table: the
raw `Type`/`SubType` codes and `StrContent`, which for app messages (49) is XML. PyWxDump writes
`<wxid>_<from>_<to>.csv` with a Chinese `type_name` and an already readable `msg`, plus a
`users.json` (wxid → nickname/remark) beside it. Both mark the exporter's own rows (IsSender 1).
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.ingest.common import (IngestError, Owner, Problem, clean_text, converted, mentions_in,
                               parse_time, strip_tags, text_lines, xml_field)
from bot.record import Message, placeholder

MEMOTRACE_HEADER = ["localId", "TalkerId", "Type", "SubType", "IsSender", "CreateTime", "Status",
                    "StrContent", "StrTime", "Remark", "NickName", "Sender"]
PYWXDUMP_HEADER = ["id", "MsgSvrID", "type_name", "is_sender", "talker", "room_name", "msg", "src",
                   "CreateTime"]
MEMOTRACE_MIN_FIELDS = 9  # one-to-one chats are written without Remark, NickName, Sender
FIELD_LIMIT = 64 * 1024 * 1024  # the csv module's default (128 KiB) rejects long messages
SELF = "我"  # how both tools name the exporter when they know no better

# MemoTrace `Type` codes that are media, with how the chat window shows them.
MEMOTRACE_MEDIA = {3: "image", 34: "voice", 43: "video", 47: "sticker", 42: "card",
                   48: "location"}
MEMOTRACE_SYSTEM = {10000, 10002}
# App message (Type 49) SubTypes worth naming; others show their <title>.
APP_MEDIA = {6: "file", 5: "link", 2001: "red_packet"}
APP_LABELS = {19: "聊天记录", 33: "小程序", 36: "小程序", 2000: "转账"}

# PyWxDump `type_name`s (from its type table, old and new spellings).
PYWXDUMP_MEDIA = {"图片": "image", "语音": "voice", "视频": "video", "动画表情": "sticker",
                  "用户上传的GIF表情": "sticker", "位置": "location", "地图信息": "location",
                  "推荐公众号": "card", "名片": "card"}
PYWXDUMP_SYSTEM_PREFIXES = ("系统通知", "邀请加群", "拍一拍", "消息撤回")
PYWXDUMP_LINKS = {"卡片式链接", "(分享)卡片式链接"}
PYWXDUMP_QUOTES = {"引用回复", "带有引用的文本消息"}


# --- MemoTrace ---

def read_memotrace(path: str | Path, tz: ZoneInfo) -> Iterator[Message | Problem | Owner]:
    group = Path(path).stem.removesuffix("_utf8")  # the tool names the file after the chat
    yield from _read_rows(path, MEMOTRACE_HEADER, "WeChatMsg/MemoTrace", MEMOTRACE_MIN_FIELDS,
                          "IsSender", _memotrace_message, group, tz)


def _memotrace_message(fields: dict[str, str], group: str, tz: ZoneInfo) -> Message:
    type_code, sub_type = _number(fields, "Type"), _number(fields, "SubType")
    media, text = _memotrace_content(type_code, sub_type, fields["StrContent"])
    system = type_code in MEMOTRACE_SYSTEM
    sender = fields.get("Remark") or fields.get("NickName") or fields.get("Sender") or (
        SELF if fields["IsSender"] == "1" else group)
    return Message(
        platform="wechat", group_id=group, group=group, sender="" if system else sender,
        sender_id=fields.get("Sender") or None, ts=_memotrace_time(fields, tz),
        text=clean_text(text), msg_id=fields["localId"] or None, media=media,
        mentions=mentions_in(text), system=system, raw=fields,
    )


def _memotrace_content(type_code: int, sub_type: int, content: str) -> tuple[str | None, str]:
    if type_code in MEMOTRACE_MEDIA:
        return MEMOTRACE_MEDIA[type_code], placeholder(MEMOTRACE_MEDIA[type_code])
    if type_code == 49:
        return _app_message(sub_type, content)
    if type_code in MEMOTRACE_SYSTEM:
        return None, xml_field(content, "revokemsg") or strip_tags(content)
    if type_code == 50:
        return "call", "[语音通话]"
    return None, content


def _app_message(sub_type: int, xml: str) -> tuple[str | None, str]:
    """Type 49: files, links, quotes, 接龙, 群公告… The XML's <title> is what the chat shows."""
    title = xml_field(xml, "title")
    if sub_type in APP_MEDIA:
        return APP_MEDIA[sub_type], placeholder(APP_MEDIA[sub_type], title)
    if sub_type in APP_LABELS:
        return "app", placeholder(APP_LABELS[sub_type], title)
    if sub_type == 87:  # 群公告: the announcement itself, not its title "群公告"
        return None, xml_field(xml, "textannouncement") or title or "[群公告]"
    return None, title or (strip_tags(xml) if xml else "[应用消息]")


def _memotrace_time(fields: dict[str, str], tz: ZoneInfo) -> datetime:
    if fields["CreateTime"].strip().isdigit():
        return parse_time(fields["CreateTime"], tz)
    if fields["StrTime"].strip():
        return parse_time(fields["StrTime"], tz)
    raise ValueError("neither CreateTime nor StrTime is a time")


# --- PyWxDump ---

def read_pywxdump(path: str | Path, tz: ZoneInfo) -> Iterator[Message | Problem | Owner]:
    names = yield from _pywxdump_names(Path(path).parent / "users.json")
    yield from _read_rows(path, PYWXDUMP_HEADER, "PyWxDump", len(PYWXDUMP_HEADER), "is_sender",
                          _pywxdump_message, names, tz)


def _pywxdump_names(users_json: Path) -> Iterator[Problem]:
    """wxid → the name the exporter sees (remark, else nickname), from users.json if present."""
    if not users_json.exists():
        return {}
    try:
        users = json.loads(users_json.read_text(encoding="utf-8"))
        return {wxid: str(u.get("remark") or u.get("nickname") or wxid)
                for wxid, u in users.items() if isinstance(u, dict)}
    except (ValueError, AttributeError, UnicodeDecodeError) as error:
        yield Problem(str(users_json), None, f"unreadable ({error}); senders shown by wxid")
        return {}


def _pywxdump_message(fields: dict[str, str], names: dict[str, str], tz: ZoneInfo) -> Message:
    room = fields["room_name"]
    if not room:
        raise KeyError("room_name")
    media, text, system = _pywxdump_content(fields["type_name"], fields["msg"], fields["src"])
    talker = fields["talker"]
    return Message(
        platform="wechat", group_id=room, group=names.get(room, room),
        sender="" if system else names.get(talker, talker),
        sender_id=None if system or not talker else talker,
        ts=parse_time(fields["CreateTime"], tz), text=clean_text(text),
        msg_id=fields["MsgSvrID"] if fields["MsgSvrID"] not in ("", "0") else None,
        media=media, mentions=mentions_in(text), system=system, raw=fields,
    )


def _pywxdump_content(type_name: str, msg: str, src: str) -> tuple[str | None, str, bool]:
    """(media, text a person sees, system?) for one PyWxDump row."""
    if type_name in PYWXDUMP_MEDIA:
        return PYWXDUMP_MEDIA[type_name], placeholder(PYWXDUMP_MEDIA[type_name]), False
    if type_name.startswith(PYWXDUMP_SYSTEM_PREFIXES):
        return None, strip_tags(msg), True
    if type_name == "文件":  # msg is the file name, or just "文件" with the path in src
        name = msg if msg and msg != "文件" else src.replace("\\", "/").rsplit("/", 1)[-1]
        return "file", placeholder("file", name or None), False
    if type_name in PYWXDUMP_LINKS:
        return "link", placeholder("link", msg.split("\n", 1)[0]), False
    if type_name in PYWXDUMP_QUOTES:  # "reply\n\n[引用](time)name:quoted"
        return None, msg.split("\n\n[引用]", 1)[0], False
    # 文本, 接龙, 群公告, 转账… keep their text; an XML body shows its title.
    return None, (xml_field(msg, "title") or strip_tags(msg)) if msg.startswith("<") else msg, False


# --- shared ---

def _read_rows(path, header: list[str], tool: str, min_fields: int, own_column: str, convert,
               *args) -> Iterator[Message | Problem | Owner]:
    """Each row → Message (or Problem); the exporter's own first named row → Owner."""
    owner_found = False
    for line, row in _csv_rows(path, header, tool):
        if not min_fields <= len(row) <= len(header):
            yield Problem(str(path), line, f"expected {len(header)} fields, found {len(row)}")
            continue
        fields = dict(zip(header, row))
        for item in converted(path, line, convert, fields, *args):
            if (not owner_found and isinstance(item, Message) and fields[own_column] == "1"
                    and item.sender not in ("", SELF)):
                owner_found = True
                yield Owner(item.sender)
            yield item


def _csv_rows(path: str | Path, header: list[str], tool: str) -> Iterator[tuple[int, list[str]]]:
    """(line the row starts on, fields) after checking the header names the right tool."""
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))
    reader = csv.reader(text_lines(path))
    try:
        first = next(reader, None)
        if first != header:
            found = ",".join(first or [])[:120]
            raise IngestError(path, f"not a {tool} CSV: the first line should be "
                                    f"{','.join(header)!r}, found {found!r}", 1)
        start = reader.line_num + 1
        for row in reader:
            line, start = start, reader.line_num + 1
            if any(row):
                yield line, row
    except csv.Error as error:
        raise IngestError(path, f"broken CSV ({error})", reader.line_num) from None


def _number(fields: dict[str, str], name: str) -> int:
    value = fields[name].strip() or "0"
    if not value.lstrip("-").isdigit():
        raise ValueError(f"{name} is not a number: {value!r}")
    return int(value)


def _first_line(text: str) -> str:
    return text.split("\n", 1)[0].strip()


def looks_like_memotrace(path: Path, text: str) -> bool:
    return _first_line(text) == ",".join(MEMOTRACE_HEADER)


def looks_like_pywxdump(path: Path, text: str) -> bool:
    return _first_line(text) == ",".join(PYWXDUMP_HEADER)
