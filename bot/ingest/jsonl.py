"""JSON Lines records as in docs/LABELS.md: id, text (required), group, sender, ts."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.ingest.common import Problem, clean_text, parse_time, read_json_lines
from bot.record import Message


def read_jsonl(path: str | Path, tz: ZoneInfo) -> Iterator[Message | Problem]:
    return read_json_lines(path, tz, record_to_message)


def record_to_message(record: object, tz: ZoneInfo) -> Message:
    """One LABELS.md record → Message. Raises ValueError with a readable reason."""
    if not isinstance(record, dict):
        raise ValueError("a record must be a JSON object")
    text = record.get("text")
    if not isinstance(text, str):
        raise ValueError("missing field 'text' (a string)")
    group = str(record.get("group") or "(未命名群)")
    ts_value = record.get("ts")
    if ts_value in (None, ""):
        raise ValueError("missing field 'ts'")
    try:
        ts = parse_time(ts_value, tz)
    except ValueError:
        raise ValueError(f"'ts' is not an ISO 8601 time: {ts_value!r}") from None
    msg_id = record.get("id")
    return Message(
        platform=str(record.get("platform") or "import"),
        group_id=str(record.get("group_id") or group),
        group=group,
        sender=str(record.get("sender") or ""),
        sender_id=_optional(record.get("sender_id")),
        ts=ts,
        text=clean_text(text),
        msg_id=None if msg_id in (None, "") else str(msg_id),
        media=_optional(record.get("media")),
        reply_to=_optional(record.get("reply_to")),
        forwarded_from=_optional(record.get("forwarded_from")),
        raw=record,
    )


def _optional(value: object) -> str | None:
    return None if value in (None, "") else str(value)
