"""Streaming classification of JSON Lines: constant memory, input order, bad lines reported."""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BadLine:
    number: int
    reason: str


def _parse(line: bytes, number: int) -> dict | BadLine:
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        reason = error.msg if isinstance(error, json.JSONDecodeError) else "not UTF-8"
        return BadLine(number, f"not valid JSON ({reason})")
    if not isinstance(record, dict):
        return BadLine(number, "a record must be a JSON object")
    if not isinstance(record.get("text"), str):
        return BadLine(number, "missing field 'text' (a string)")
    return record


def classify_lines(source: BinaryIO, classifier, batch_size: int = 512) -> Iterator[str | BadLine]:
    """Yield each input record as an output line with kind/demands/confidence, or a BadLine.

    Records are labelled a batch at a time; output order is input order.
    """
    pending: list[dict | BadLine] = []

    def drain() -> Iterator[str | BadLine]:
        records = [r for r in pending if isinstance(r, dict)]
        labels = iter(classifier.label([r["text"] for r in records]))
        for item in pending:
            if isinstance(item, BadLine):
                yield item
                continue
            label = next(labels)
            item["kind"] = label.kind
            item["demands"] = list(label.demands)
            item["confidence"] = label.confidence
            yield json.dumps(item, ensure_ascii=False) + "\n"
        pending.clear()

    for number, line in enumerate(source, start=1):
        if not line.strip():
            continue
        item = _parse(line, number)
        pending.append(item)
        if isinstance(item, BadLine) or len(pending) >= batch_size:
            yield from drain()
    yield from drain()
