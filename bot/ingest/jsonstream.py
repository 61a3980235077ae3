"""Reading one large JSON document piece by piece, in constant memory.

A Telegram `result.json` can hold millions of messages in one document. `JsonStream` walks
into the objects and arrays a reader names and decodes everything else whole, so only one
message is in memory at a time, and a truncated file still yields what came before the cut.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from bot.ingest.common import IngestError

_SPACE = re.compile(r"[ \t\n\r]*")
CHUNK = 1 << 16


class JsonStream:
    """A cursor over a JSON text. The caller must consume each member or item it is given."""

    def __init__(self, handle: IO[str], path: str | Path, chunk: int | None = None):
        self._handle, self._path, self._chunk = handle, path, chunk or CHUNK
        self._buf, self._pos, self._line, self._eof = "", 0, 1, False
        self._decoder = json.JSONDecoder()

    def members(self) -> Iterator[str]:
        """Enter an object; yield each key with the cursor at its value."""
        if not self._enter("{", "}"):
            return
        while True:
            key = self.value()
            if not isinstance(key, str):
                raise self._error("expected a quoted key")
            self._expect(":")
            yield key
            if self._expect(",}") == "}":
                return

    def items(self) -> Iterator[int]:
        """Enter an array; yield the line each element starts on, the cursor at it."""
        if not self._enter("[", "]"):
            return
        while True:
            self._next_char()
            yield self._line
            if self._expect(",]") == "]":
                return

    def value(self) -> Any:
        """Decode the value at the cursor whole (a message, a name, a skipped section)."""
        self._next_char()
        while True:
            try:
                value, end = self._decoder.raw_decode(self._buf, self._pos)
                # A value must be followed by something (",", "]", "}"); else it may go on.
                if end < len(self._buf) or self._eof:
                    self._move(end)
                    return value
            except json.JSONDecodeError as error:
                if self._eof:
                    raise self._invalid(error) from None
            self._read(len(self._buf) - self._pos)  # double the window

    def _enter(self, opener: str, closer: str) -> bool:
        """Step into a container; False if it is empty (and already stepped out of)."""
        self._expect(opener)
        if self._next_char() == closer:
            self._move(self._pos + 1)
            return False
        return True

    def _expect(self, allowed: str) -> str:
        char = self._next_char()
        if not char:
            raise self._error("the file ends in the middle (truncated?)")
        if char not in allowed:
            wanted = " or ".join(repr(c) for c in allowed)
            raise self._error(f"not valid JSON (expected {wanted}, found {char!r})")
        self._move(self._pos + 1)
        return char

    def _next_char(self) -> str:
        """Skip white space; the next character, or "" at the end of the file."""
        while True:
            self._move(_SPACE.match(self._buf, self._pos).end())
            if self._pos < len(self._buf):
                return self._buf[self._pos]
            if not self._read():
                return ""

    def _move(self, end: int) -> None:
        self._line += self._buf.count("\n", self._pos, end)
        self._pos = end

    def _read(self, at_least: int = 0) -> bool:
        try:
            chunk = "" if self._eof else self._handle.read(max(at_least, self._chunk))
        except UnicodeDecodeError as error:
            raise self._error(f"not valid {error.encoding} text after this line") from None
        if not chunk:
            self._eof = True
            return False
        self._buf = self._buf[self._pos:] + chunk  # drop what was consumed
        self._pos = 0
        return True

    def _invalid(self, error: json.JSONDecodeError) -> IngestError:
        if error.pos >= len(self._buf.rstrip()):
            return self._error("the file ends in the middle (truncated?)", error.pos)
        return self._error(f"not valid JSON ({error.msg})", error.pos)

    def _error(self, reason: str, at: int | None = None) -> IngestError:
        line = self._line if at is None else self._line + self._buf.count("\n", self._pos, at)
        return IngestError(self._path, reason, line)
