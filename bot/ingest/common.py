"""What every importer shares: problems with file and line, text decoding, time parsing."""
from __future__ import annotations

import codecs
import html
import io
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.record import Message

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


SNIFF_BYTES = 65536


def sniff_encoding(head: bytes) -> str:
    """The encoding `decode_bytes` would pick, judged from a file's first bytes only."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)  # a cut last char is fine
        return "utf-8"
    except UnicodeDecodeError:
        return "gb18030"


def file_encoding(path: str | Path) -> str:
    with open(path, "rb") as handle:
        return sniff_encoding(handle.read(SNIFF_BYTES))


def decode_head(head: bytes) -> str:
    """A file's first bytes as text, for format detection (a cut last character is dropped)."""
    return head.decode(sniff_encoding(head), errors="ignore").lstrip("\ufeff")


def text_lines(path: str | Path) -> Iterator[str]:
    """Stream a text export line by line (endings kept) in its own encoding, NUL bytes removed."""
    encoding = file_encoding(path)
    with open(path, "rb") as handle:
        if encoding == "utf-16":  # the one encoding where a b"\n" byte is not a line end
            yield from (line.replace("\x00", "") for line in io.TextIOWrapper(handle, encoding,
                                                                              newline=""))
            return
        for number, raw_line in enumerate(handle, start=1):
            try:
                yield raw_line.decode(encoding).replace("\x00", "")
            except UnicodeDecodeError:
                raise IngestError(path, f"not valid {encoding} text", number) from None


def read_json_lines(path: str | Path, tz: ZoneInfo, convert: Callable[[Any, ZoneInfo], Message | None]
                    ) -> Iterator[Message | Problem]:
    """One JSON object per line, each turned into a Message by `convert` (None: not stored)."""
    with open(path, "rb") as handle:
        for number, raw_line in enumerate(handle, start=1):
            if not raw_line.strip():
                continue
            try:
                record = json.loads(decode_bytes(raw_line, path).rstrip("\r\n").replace("\x00", ""))
            except json.JSONDecodeError as error:
                yield Problem(str(path), number,
                              f"not valid JSON ({error.msg}, column {error.colno})")
                continue
            yield from converted(path, number, convert, record, tz)


def converted(path: str | Path, line: int, convert: Callable[..., Message | None],
              *args: Any) -> Iterator[Message | Problem]:
    """Run one record's conversion; a bad record becomes a Problem at its line, not a traceback."""
    try:
        message = convert(*args)
    except KeyError as error:
        yield Problem(str(path), line, f"missing field {error.args[0]!r}")
        return
    except (ValueError, TypeError, AttributeError) as error:
        yield Problem(str(path), line, str(error) or type(error).__name__)
        return
    if message is None:
        return
    yield message
    if len(message.text) >= MAX_TEXT:
        yield Problem(str(path), line, f"text longer than {MAX_TEXT:,} characters: stored cut")


class SameSecond:
    """Numbers identical id-less messages posted in one second, so each one is stored.

    Exports without ids are keyed by content; two "[图片]" from one person in one second would
    otherwise collapse into one. The n-th copy gets the id `<key>#n`, stable on re-import.
    """

    def __init__(self) -> None:
        self._second: datetime | None = None
        self._seen: Counter[str] = Counter()

    def number(self, message: Message) -> Message:
        if message.ts != self._second:
            self._second, self._seen = message.ts, Counter()
        key = message.key
        self._seen[key] += 1
        copy = self._seen[key]
        return message if copy == 1 else message.with_changes(msg_id=f"{key}#{copy}")


# "@张三" ends at WeChat's mention separator U+2005, any space, or the next "@"; not e-mail.
_MENTION = re.compile(r"(?<![A-Za-z0-9._%+-])@([^\s\u2005@]{1,32})(?=[\s\u2005@]|$)")


def mentions_in(text: str) -> tuple[str, ...]:
    """Names @-mentioned in a plain-text message, in order, each once."""
    return tuple(dict.fromkeys(_MENTION.findall(text)))


_XML_TAG = re.compile(r"<[^>]+>")


def xml_field(xml: str, tag: str) -> str:
    """The text of the first <tag> in an app message's XML (CDATA and entities undone)."""
    match = re.search(rf"<{tag}>(.*?)</{tag}>", xml, re.DOTALL)
    if not match:
        return ""
    value = match.group(1)
    if value.startswith("<![CDATA[") and value.endswith("]]>"):
        return value[9:-3].strip()
    return html.unescape(value).strip()


def strip_tags(text: str) -> str:
    """System lines sometimes come wrapped in XML; keep only what a person reads."""
    return html.unescape(_XML_TAG.sub("", text)).strip() if "<" in text else text


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
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"not a time: {value!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=tz)
