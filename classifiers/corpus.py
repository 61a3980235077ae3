"""Reading labelled JSON Lines (the training corpus, held-out split, evaluation files)."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from classifiers.labels import DEMANDS, KINDS

REPO_DATA = Path(__file__).resolve().parent.parent / "data"
TRAIN_DIR = REPO_DATA / "corpus" / "train"
HELDOUT_DIR = REPO_DATA / "corpus" / "heldout"


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    kind: str
    demands: tuple[str, ...]
    deadline: str | None = None
    ts: str | None = None
    source: str = ""


class CorpusError(ValueError):
    pass


def jsonl_files(path: str | Path) -> list[Path]:
    path = Path(path)
    if path.is_dir():
        return sorted(path.rglob("*.jsonl"))
    if path.exists():
        return [path]
    raise CorpusError(f"{path}: no such file or directory")


def load_examples(path: str | Path) -> list[Example]:
    """All labelled examples under a file or folder; a malformed line is an error with its place."""
    examples = []
    for file in jsonl_files(path):
        with open(file, encoding="utf-8-sig") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    examples.append(_example(line, f"{file}:{number}"))
    return examples


def _example(line: str, where: str) -> Example:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise CorpusError(f"{where}: not valid JSON ({error.msg})") from None
    text, kind = record.get("text"), record.get("kind")
    if not isinstance(text, str) or kind not in KINDS:
        raise CorpusError(f"{where}: needs 'text' and a 'kind' from {', '.join(KINDS)}")
    demands = tuple(sorted(record.get("demands") or []))
    if set(demands) - set(DEMANDS):
        raise CorpusError(f"{where}: unknown demands {sorted(set(demands) - set(DEMANDS))}")
    return Example(text, kind, demands, record.get("deadline"), record.get("ts"), where)


def data_hash(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
