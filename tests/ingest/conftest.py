"""Shared pieces of the importer tests: the sample exports and a way to read one."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.ingest import FORMATS
from bot.ingest.common import Owner, Problem
from bot.record import Message

SAMPLES = Path(__file__).parent.parent / "fixtures" / "ingest"
SHANGHAI = ZoneInfo("Asia/Shanghai")


@dataclass
class Read:
    messages: list[Message]
    problems: list[Problem]
    owners: list[str]

    def by_id(self) -> dict[str, Message]:
        return {m.msg_id: m for m in self.messages}

    def problem_lines(self) -> list[int | None]:
        return [p.line for p in self.problems]


def read(path: Path, fmt: str, tz: ZoneInfo = SHANGHAI) -> Read:
    items = list(FORMATS[fmt](path, tz))
    return Read([i for i in items if isinstance(i, Message)],
                [i for i in items if isinstance(i, Problem)],
                [i.name for i in items if isinstance(i, Owner)])


@pytest.fixture
def samples() -> Path:
    return SAMPLES
