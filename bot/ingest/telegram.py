"""Telegram Desktop "Export chat history" JSON (`result.json`).

Two layouts: one chat (`{"name", "type", "id", "messages": [...]}`) or the whole account
(`personal_information`, `chats.list[]`, `left_chats.list[]`). Only group chats are read.
Ids are written the way the Bot API names them (basic group `-id`, supergroup `-100id`, user
`id`), so an imported history and the live bot's messages are one history in the store.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.ingest.common import (IngestError, Owner, Problem, clean_text, converted, file_encoding,
                               parse_time)
from bot.ingest.jsonstream import JsonStream
from bot.record import Message, placeholder

GROUP_TYPES = {"private_group", "private_supergroup", "public_supergroup"}
CHAT_FIELDS = {"name", "type", "id"}

# Document kinds as the chat window shows them.
MEDIA_TYPES = {"sticker": "sticker", "animation": "sticker", "video_file": "video",
               "video_message": "video", "voice_message": "voice"}
LABELS = {"poll": "投票"}  # kinds the shared placeholders do not name

# Service actions, worded as Chinese clients show them ({actor}, {members}, {title}).
ACTIONS = {
    "create_group": "{actor}创建了群聊「{title}」",
    "edit_group_title": "{actor}修改群名为「{title}」",
    "edit_group_photo": "{actor}更换了群头像",
    "delete_group_photo": "{actor}删除了群头像",
    "invite_members": "{actor}邀请{members}加入了群聊",
    "remove_members": "{actor}将{members}移出了群聊",
    "join_group_by_link": "{actor}通过邀请链接加入了群聊",
    "join_group_by_request": "{actor}经批准加入了群聊",
    "migrate_to_supergroup": "{actor}将本群升级为超级群",
    "migrate_from_group": "本群由「{title}」升级为超级群",
    "pin_message": "{actor}置顶了一条消息",
    "clear_history": "{actor}清空了聊天记录",
    "group_call": "{actor}发起了群语音通话",
    "invite_to_group_call": "{actor}邀请{members}加入群语音通话",
}


def read_telegram(path: str | Path, tz: ZoneInfo) -> Iterator[Message | Problem | Owner]:
    with open(path, encoding=file_encoding(path)) as handle:
        yield from _read_object(JsonStream(handle, path), path, tz, {}, whole_export=False)


def _read_object(stream: JsonStream, path, tz, chat: dict, whole_export: bool):
    """One object: the top level, or a chat of a whole-account export. Keys arrive in order."""
    for key in stream.members():
        if key in CHAT_FIELDS:
            chat[key] = stream.value()
        elif key == "messages":
            yield from _messages(stream, path, tz, chat, whole_export)
        elif key in ("chats", "left_chats"):
            yield from _chat_list(stream, path, tz)
        elif key == "personal_information":
            name = _person_name(stream.value())
            if name:
                yield Owner(name)
        else:
            stream.value()


def _chat_list(stream: JsonStream, path, tz):
    for key in stream.members():
        if key != "list":
            stream.value()
            continue
        for _ in stream.items():
            yield from _read_object(stream, path, tz, {}, whole_export=True)


def _messages(stream: JsonStream, path, tz, chat: dict, whole_export: bool):
    is_group = chat.get("type") in GROUP_TYPES
    if not is_group and not whole_export:
        kind = chat.get("type") or "chat of unknown type"
        raise IngestError(path, f"{chat.get('name')!r} is a {kind}, not a group: nothing to import")
    group_id = _chat_id(chat, path) if is_group else ""
    group = str(chat.get("name") or f"Telegram {group_id}")
    for line in stream.items():
        record = stream.value()
        if is_group:  # personal chats, channels and bots in a whole export are passed over
            yield from converted(path, line, _to_message, record, group_id, group, tz)


def _chat_id(chat: dict, path) -> str:
    bare = chat.get("id")
    if not isinstance(bare, int):
        raise IngestError(path, f"chat {chat.get('name')!r} has no numeric id before its messages")
    return f"-100{bare}" if "supergroup" in chat["type"] else f"-{bare}"


def _to_message(record: Any, group_id: str, group: str, tz: ZoneInfo) -> Message | None:
    if not isinstance(record, dict):
        raise ValueError("a message must be a JSON object")
    kind = record.get("type")
    if kind == "unsupported":  # the exporter itself could not read it; it has no date
        return None
    if kind == "service":
        text, mentions, media = _service_text(record), (), None
        sender, sender_id = record.get("actor"), record.get("actor_id")
    else:
        text, mentions = _text(record.get("text", ""))
        media, text = _media(record, text)
        sender, sender_id = record.get("from"), record.get("from_id")
    reply_to = record.get("reply_to_message_id")
    return Message(
        platform="telegram", group_id=group_id, group=group, sender=str(sender or ""),
        sender_id=_peer_id(sender_id), ts=_time(record, tz), text=clean_text(text),
        msg_id=str(record["id"]), media=media, reply_to=None if reply_to is None else str(reply_to),
        forwarded_from=record.get("forwarded_from") or None, mentions=mentions,
        edited="edited" in record, system=kind == "service", raw=record,
    )


def _time(record: dict, tz: ZoneInfo) -> datetime:
    """`date_unixtime` is exact; `date` is the exporting computer's local time without zone."""
    if record.get("date_unixtime"):
        return datetime.fromtimestamp(int(record["date_unixtime"]), tz)
    if record.get("date"):
        return parse_time(record["date"], tz)
    raise KeyError("date")


def _text(value: Any) -> tuple[str, tuple[str, ...]]:
    """`text` is a string, or a list of strings and {"type", "text"} entity parts."""
    if isinstance(value, str):
        return value, ()
    if not isinstance(value, list):
        raise ValueError("'text' must be a string or a list of parts")
    pieces: list[str] = []
    mentions: list[str] = []
    for part in value:
        if isinstance(part, str):
            pieces.append(part)
            continue
        if not isinstance(part, dict):
            raise ValueError("a 'text' part must be a string or an object")
        text = str(part.get("text", ""))
        pieces.append(text)
        if part.get("type") == "mention":
            mentions.append(text.lstrip("@"))
        elif part.get("type") == "mention_name":
            mentions += [text] + ([str(part["user_id"])] if part.get("user_id") else [])
    return "".join(pieces), tuple(dict.fromkeys(mentions))


def _media(record: dict, caption: str) -> tuple[str | None, str]:
    """The media kind and the text a person sees: a placeholder, then any caption."""
    media, name = _media_kind(record)
    if media is None:
        return None, caption
    return media, f"{placeholder(LABELS.get(media, media), name)} {caption}".strip()


def _media_kind(record: dict) -> tuple[str | None, str | None]:
    if "photo" in record:
        return "image", None
    if record.get("media_type") in MEDIA_TYPES:
        return MEDIA_TYPES[record["media_type"]], None
    if "file" in record:
        return "file", record.get("file_name") or _file_name(record["file"])
    if "poll" in record:
        return "poll", (record["poll"] or {}).get("question")
    if "location_information" in record or "place_name" in record:
        return "location", record.get("place_name")
    if "contact_information" in record:
        return "card", None
    return None, None


def _file_name(file_path: Any) -> str | None:
    """`files/通知.docx` → `通知.docx`; "(File not included…)" names nothing."""
    text = str(file_path or "")
    return None if not text or text.startswith("(") else text.rsplit("/", 1)[-1]


def _service_text(record: dict) -> str:
    action = record.get("action")
    actor = record.get("actor") or ""
    members = [str(m) for m in record.get("members") or [] if m]
    if action == "remove_members" and members == [actor]:
        return f"{actor}退出了群聊"
    if action in ACTIONS:
        return ACTIONS[action].format(actor=actor, members="、".join(members),
                                      title=record.get("title", ""))
    if record.get("information_text"):
        return str(record["information_text"])
    return f"{actor} {action or '系统消息'}".strip()


def _person_name(info: Any) -> str:
    if not isinstance(info, dict):
        return ""
    name = " ".join(str(info.get(k) or "") for k in ("first_name", "last_name")).strip()
    return name or str(info.get("username") or "").lstrip("@")


_PEER = re.compile(r"^(user|chat|channel)(\d+)$")


def _peer_id(value: Any) -> str | None:
    """"user123" → "123", "channel5" → "-1005": the ids the Bot API uses."""
    if value in (None, ""):
        return None
    match = _PEER.match(str(value))
    if not match:
        return str(value)
    kind, number = match.groups()
    return {"user": number, "chat": f"-{number}", "channel": f"-100{number}"}[kind]


def looks_like_telegram(path: Path, text: str) -> bool:
    if not text.startswith("{"):
        return False
    if '"personal_information"' in text or re.search(r'"chats"\s*:\s*\{', text):
        return True
    return bool(re.search(r'"type"\s*:\s*"(?:private_group|private_supergroup|public_supergroup|'
                          r'personal_chat|bot_chat|saved_messages|private_channel|public_channel)"',
                          text)) and '"messages"' in text
