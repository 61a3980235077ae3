"""The one normalised message record that every adapter and importer produces.

Platform code (Telegram, WeChat, export parsers) turns its own objects into `Message`;
everything after that (store, classifier, digest, statistics) sees only this record.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

# Media placeholders as a person sees them in the chat window; the classifier reads these.
PLACEHOLDERS = {
    "image": "[图片]",
    "video": "[视频]",
    "voice": "[语音]",
    "sticker": "[动画表情]",
    "file": "[文件]",
    "link": "[链接]",
    "location": "[位置]",
    "red_packet": "[红包]",
    "card": "[名片]",
}


@dataclass(frozen=True, slots=True)
class Message:
    """One chat message, as received, in platform-neutral form.

    `msg_id` is the platform's (or the export's) id; when a source has none, `key` falls back
    to a stable hash of group, sender, time and text so re-ingesting adds nothing.
    """

    platform: str
    group_id: str
    group: str
    sender: str
    ts: datetime
    text: str
    msg_id: str | None = None
    sender_id: str | None = None
    media: str | None = None
    reply_to: str | None = None
    forwarded_from: str | None = None
    mentions: tuple[str, ...] = ()
    edited: bool = False
    system: bool = False
    raw: dict[str, Any] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.ts.tzinfo is None:
            raise ValueError("Message.ts must be timezone-aware")

    @property
    def group_key(self) -> str:
        return f"{self.platform}:{self.group_id}"

    @property
    def key(self) -> str:
        """Stable identity: (platform, group, message id), or a content hash without an id."""
        if self.msg_id:
            return key_for_id(self.platform, self.group_id, self.msg_id)
        return _hash([self.platform, self.group_id, "h", self.sender_id or self.sender,
                      self.ts.isoformat(), self.text])

    @property
    def public_id(self) -> str:
        """The id a user gave or sees (`message_ids` in digests): the source id, else the key."""
        return self.msg_id or self.key

    def with_changes(self, **changes: Any) -> "Message":
        return replace(self, **changes)

    def raw_json(self) -> str | None:
        return None if self.raw is None else json.dumps(self.raw, ensure_ascii=False, default=str)


def key_for_id(platform: str, group_id: str, msg_id: str) -> str:
    """The store key of the message with this platform id in this group."""
    return _hash([platform, group_id, "id", msg_id])


def _hash(parts: list[str]) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=12).hexdigest()


def placeholder(media: str, name: str | None = None) -> str:
    """The text a chat window shows for a media message: `[图片]`, `[文件] 通知.docx`."""
    mark = PLACEHOLDERS.get(media, f"[{media}]")
    return f"{mark} {name}".strip() if name else mark
