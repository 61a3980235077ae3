"""QQ's own "导出消息记录" text file (often GB18030/GBK).

    消息记录（此消息记录为文本格式，不支持重新导入）

    ================================================================
    消息分组:我的群聊
    ================================================================
    消息对象:某某工作群
    ================================================================

    2024-03-12 9:01:02 【管理员】张伟(10001)
    请各村今天下班前上报台账
    [图片]

A whole-account export repeats the 分组/对象 block for every chat. Hours may lack a leading
zero; senders end in `(QQ号)` or `<e-mail>`. There are no message ids.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.ingest.common import (IngestError, Problem, SameSecond, clean_text, converted,
                               mentions_in, text_lines)
from bot.record import Message

HEADER = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}:\d{2}) (?:【[^】]*】)?(.*?)"
                    r"(?:\((\d+)\)|<([^<>]*)>)$")
TARGET = re.compile(r"^消息对象[:：](.*)$")
SYSTEM_IDS = {"10000", "1000000"}
MEDIA_BODIES = {"[图片]": "image", "[表情]": "sticker"}


@dataclass
class _Block:
    line: int
    group: str
    header: re.Match
    body: list[str] = field(default_factory=list)


def read_qq(path: str | Path, tz: ZoneInfo) -> Iterator[Message | Problem]:
    numbering = SameSecond()
    for block in _blocks(path):
        for item in converted(path, block.line, _to_message, block, tz):
            yield numbering.number(item) if isinstance(item, Message) else item


def _blocks(path: str | Path) -> Iterator[_Block]:
    """Each message header with its body lines, under the chat named above it."""
    group = Path(path).stem  # a one-chat export may lack the 消息对象 block
    block: _Block | None = None
    after_rule = False
    try:
        for number, raw_line in enumerate(text_lines(path), start=1):
            line = raw_line.rstrip("\r\n")
            header = HEADER.match(line)
            target = TARGET.match(line) if after_rule else None
            is_rule = len(line) >= 16 and set(line) == {"="}
            if header or target or is_rule:
                if block:
                    yield block
                block = _Block(number, group, header) if header else None
                group = target.group(1).strip() if target else group
            elif block:
                block.body.append(line)
            after_rule = is_rule
    except IngestError:
        if block:  # the message before an undecodable line is whole
            yield block
        raise
    if block:
        yield block


def _to_message(block: _Block, tz: ZoneInfo) -> Message:
    stamp, name, qq, email = block.header.groups()
    try:
        ts = datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S").replace(tzinfo=tz)
    except ValueError:
        raise ValueError(f"not a valid time: {stamp!r}") from None
    text = "\n".join(block.body).strip("\n")
    sender_id = qq or email or None
    return Message(
        platform="qq", group_id=block.group, group=block.group, sender=name.strip(),
        sender_id=sender_id, ts=ts, text=clean_text(text), media=MEDIA_BODIES.get(text.strip()),
        mentions=mentions_in(text), system=sender_id in SYSTEM_IDS or name == "系统消息",
        raw={"header": block.header.group(0), "group": block.group},
    )


def looks_like_qq(path: Path, text: str) -> bool:
    lines = text.splitlines()
    return (any(TARGET.match(line) for line in lines)
            or (text.startswith("消息记录") and any(HEADER.match(line) for line in lines)))
