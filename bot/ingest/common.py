"""What every importer shares: problems with file and line, text decoding, time parsing."""
from __future__ import annotations

import codecs
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

MAX_TEXT = 1_000_000  # characters kept of one message; longer text is cut and the cut is reported


@dataclass(frozen=True, slots=True)
class Problem:
    """A record that could not be read. `line` is 1-based (a JSON/CSV line, or a record index)."""

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Owner:
    """An importer's finding that `name` exported this file (so is in every group in it)."""

    name: str


class IngestError(Exception):
    """A whole file cannot be read (wrong header, unknown format, undecodable)."""

    def __init__(self, path: str | Path, reason: str, line: int | None = None):
        self.problem = Problem(str(path), line, reason)
        super().__init__(str(self.problem))


def decode_bytes(data: bytes, path: str | Path) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK/GB2312)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            raise IngestError(path, f"not UTF-8 or GB18030 text ({utf8_error})") from None


def read_text(path: str | Path) -> str:
    return decode_bytes(Path(path).read_bytes(), path)


def clean_text(text: str) -> str:
    """Drop NUL bytes and cap absurd lengths; keep everything a person could read."""
    text = text.replace("\x00", "")
    return text[:MAX_TEXT]


def parse_time(value: str | int | float, tz: ZoneInfo) -> datetime:
    """ISO 8601 or 'YYYY-MM-DD HH:MM:SS' or epoch seconds/ms; a time without zone is local `tz`."""
    if isinstance(value, (int, float)) or (isinstance(value, str) and value.strip().isdigit()):
        number = float(value)
        if number > 1e11:  # milliseconds
            number /= 1000
        return datetime.fromtimestamp(number, tz)
    text = str(value).strip().replace("/", "-")
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=tz)
