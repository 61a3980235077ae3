"""WeCom (企业微信) 会话内容存档: decrypted chat data, one JSON object per line.

    {"msgid": "…", "action": "send", "from": "zhangwei", "tolist": ["lina"], "roomid": "wr…",
     "msgtime": 1710205262000, "msgtype": "text", "text": {"content": "请各村上报台账"}}

`action` is send, recall or switch (a log line, not a message); `msgtime` is in milliseconds;
the content sits under the key named by `msgtype` (markdown and news under `info`). Only
messages with a `roomid` are group messages. The archive carries user ids, not names.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.ingest.common import Problem, clean_text, mentions_in, parse_time, read_json_lines
from bot.record import Message, placeholder

MEDIA = {"image": "image", "voice": "voice", "video": "video", "emotion": "sticker",
         "card": "card", "meeting_voice_call": "voice"}
# msgtype → (placeholder kind or label, field holding its name)
TITLED = {
    "file": ("file", "filename"), "link": ("link", "title"), "location": ("location", "title"),
    "weapp": ("小程序", "title"), "chatrecord": ("聊天记录", "title"), "todo": ("待办", "title"),
    "vote": ("投票", "votetitle"), "collect": ("填表", "title"), "doc": ("在线文档", "title"),
    "calendar": ("日程", "title"), "meeting": ("会议", "topic"),
    "redpacket": ("red_packet", "wish"), "external_redpacket": ("red_packet", "wish"),
    "sphfeed": ("视频号", "feed_desc"), "qydiskfile": ("file", "filename"),
    "voip_doc_share": ("file", "filename"),
}


def read_wecom(path: str | Path, tz: ZoneInfo) -> Iterator[Message | Problem]:
    return read_json_lines(path, tz, _to_message)


def _to_message(record: Any, tz: ZoneInfo) -> Message | None:
    if not isinstance(record, dict):
        raise ValueError("a record must be a JSON object")
    if record.get("action") == "switch" or not record.get("roomid"):
        return None  # an enterprise-switch log line, or a one-to-one chat
    msgtype = str(record["msgtype"])
    sender = str(record["from"])
    recalled = record.get("action") == "recall" or msgtype == "revoke"
    media, text = (None, f"{sender}撤回了一条消息") if recalled else _content(msgtype, record)
    room = str(record["roomid"])
    return Message(
        platform="wecom", group_id=room, group=room, sender=sender, sender_id=sender,
        ts=parse_time(int(record["msgtime"]), tz), text=clean_text(text),
        msg_id=str(record["msgid"]), media=media, system=recalled, mentions=mentions_in(text),
        reply_to=(record.get("revoke") or {}).get("pre_msgid") if recalled else None, raw=record,
    )


def _content(msgtype: str, record: dict) -> tuple[str | None, str]:
    """(media kind, the text a person sees) for one message type."""
    body = record.get(msgtype) or {}
    if msgtype == "text":
        return None, str(body.get("content", ""))
    if msgtype in ("markdown", "news"):
        return None, _info_text(record.get("info") or {})
    if msgtype == "mixed":
        return None, " ".join(_mixed_part(part) for part in body.get("item", []))
    if msgtype in MEDIA:
        return MEDIA[msgtype], placeholder(MEDIA[msgtype])
    if msgtype in TITLED:
        kind, name_field = TITLED[msgtype]
        return msgtype, placeholder(kind, str(body.get(name_field) or "") or None)
    return msgtype, str(body.get("content") or body.get("title") or f"[{msgtype}]")


def _info_text(info: dict) -> str:
    if info.get("content") or info.get("markdown"):
        return str(info.get("content") or info.get("markdown"))
    return "\n".join(str(item.get("title", "")) for item in info.get("item", []))


def _mixed_part(part: dict) -> str:
    """A mixed message's part; text parts carry their content as a JSON string."""
    if part.get("type") != "text":
        kind = MEDIA.get(part.get("type", ""), part.get("type", ""))
        return placeholder(kind)
    try:
        return str(json.loads(part.get("content") or "{}").get("content", ""))
    except ValueError:
        return str(part.get("content", ""))


def looks_like_wecom(path: Path, text: str) -> bool:
    first = text.split("\n", 1)[0]
    return first.startswith("{") and '"msgid"' in first and '"action"' in first
