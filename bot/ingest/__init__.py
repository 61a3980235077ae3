"""Importers: each turns one kind of chat export into `Message` records (or `Problem`s).

`FORMATS` maps a format name to its reader; `detect_format` picks one from a file's name and
first bytes. `bot.ingest.run.ingest_paths` drives a reader into the store.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.ingest.common import IngestError, Problem
from bot.ingest.jsonl import read_jsonl
from bot.record import Message

Reader = Callable[[str | Path, ZoneInfo], Iterator[Message | Problem]]

FORMATS: dict[str, Reader] = {
    "jsonl": read_jsonl,
}


def detect_format(path: str | Path) -> str:
    """Guess the export format from the file name and its first few kilobytes."""
    path = Path(path)
    head = path.read_bytes()[:8192]
    text = head.decode("utf-8", errors="ignore").lstrip("\ufeff").lstrip()
    for name, sniff in DETECTORS:
        if sniff(path, text):
            return name
    raise IngestError(path, "unknown format: give --format (jsonl, telegram, wechat-memotrace, "
                            "wechat-pywxdump, qq, wecom)")


def _looks_jsonl(path: Path, text: str) -> bool:
    return text.startswith("{") and '"text"' in text.split("\n", 1)[0] and path.suffix != ".json"


DETECTORS: list[tuple[str, Callable[[Path, str], bool]]] = [
    ("jsonl", _looks_jsonl),
]

__all__ = ["FORMATS", "DETECTORS", "IngestError", "Problem", "detect_format"]
