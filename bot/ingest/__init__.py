"""Importers: each turns one kind of chat export into `Message` records (or `Problem`s).

`FORMATS` maps a format name to its reader; `detect_format` picks one from a file's name and
first bytes. `bot.ingest.run.ingest_paths` drives a reader into the store.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.ingest.common import IngestError, Owner, Problem, decode_head
from bot.ingest.jsonl import read_jsonl
from bot.ingest.qq import looks_like_qq, read_qq
from bot.ingest.telegram import looks_like_telegram, read_telegram
from bot.ingest.wechat import (looks_like_memotrace, looks_like_pywxdump, read_memotrace,
                               read_pywxdump)
from bot.ingest.wecom import looks_like_wecom, read_wecom
from bot.record import Message

Reader = Callable[[str | Path, ZoneInfo], Iterator[Message | Problem | Owner]]

FORMATS: dict[str, Reader] = {
    "jsonl": read_jsonl,
    "telegram": read_telegram,
    "wechat-memotrace": read_memotrace,
    "wechat-pywxdump": read_pywxdump,
    "qq": read_qq,
    "wecom": read_wecom,
}

HEAD_BYTES = 8192


def detect_format(path: str | Path) -> str:
    """Guess the export format from the file name and its first few kilobytes."""
    path = Path(path)
    with open(path, "rb") as handle:
        text = decode_head(handle.read(HEAD_BYTES)).lstrip()
    for name, sniff in DETECTORS:
        if sniff(path, text):
            return name
    raise IngestError(path, "unknown format: give --format (jsonl, telegram, wechat-memotrace, "
                            "wechat-pywxdump, qq, wecom)")


def _looks_jsonl(path: Path, text: str) -> bool:
    return text.startswith("{") and '"text"' in text.split("\n", 1)[0] and path.suffix != ".json"


# Most specific first: a WeCom line also has a "text" key, so it must be tried before jsonl.
DETECTORS: list[tuple[str, Callable[[Path, str], bool]]] = [
    ("telegram", looks_like_telegram),
    ("wecom", looks_like_wecom),
    ("jsonl", _looks_jsonl),
    ("wechat-memotrace", looks_like_memotrace),
    ("wechat-pywxdump", looks_like_pywxdump),
    ("qq", looks_like_qq),
]

__all__ = ["FORMATS", "DETECTORS", "IngestError", "Problem", "detect_format"]
