"""Driving importers into the store: batches, idempotency, classification, a summary."""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.ingest import FORMATS, detect_format
from bot.ingest.common import IngestError, Owner, Problem
from bot.record import Message
from bot.store import Store

BATCH = 10_000  # messages per transaction: each commit is an fsync, so fewer is faster


@dataclass
class IngestSummary:
    files: int = 0
    read: int = 0
    new: int = 0
    duplicate: int = 0
    classified: int = 0
    skipped: int = 0  # files inside a folder that no importer recognises (media beside an export)
    problems: list[Problem] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return len(self.problems)

    def as_dict(self) -> dict:
        return {"files": self.files, "read": self.read, "new": self.new,
                "duplicate": self.duplicate, "rejected": self.rejected,
                "classified": self.classified, "skipped": self.skipped}


def expand(paths: Iterable[str | Path]) -> list[tuple[Path, bool]]:
    """Files to read, each with whether it was named itself rather than found in a folder."""
    files: list[tuple[Path, bool]] = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted((p, False) for p in path.rglob("*")
                            if p.is_file() and not p.name.startswith("."))
        else:
            files.append((path, True))
    return files


def _format_of(path: Path, fmt: str, named: bool) -> str | None:
    """The format to read `path` as; None for an unrecognised file found inside a folder."""
    if not path.exists():
        raise IngestError(path, "no such file")
    if fmt != "auto":
        if fmt not in FORMATS:
            raise IngestError(path, f"unknown format {fmt!r}")
        return fmt
    try:
        return detect_format(path)
    except IngestError:
        if named:
            raise
        return None  # photos, users.json and such beside the export itself


def ingest_paths(store: Store, paths: Iterable[str | Path], *, fmt: str = "auto",
                 classifier=None, tz: ZoneInfo = ZoneInfo("Asia/Shanghai"),
                 owner: str | None = None, batch_size: int = BATCH,
                 progress: Callable[[str], None] | None = None) -> IngestSummary:
    """Read every file, store new messages in batches, classify them; never stop on one bad file."""
    summary = IngestSummary()
    files = expand(paths)
    for path, named in files:
        try:
            name = _format_of(path, fmt, named)
            if name is None:
                summary.skipped += 1
                continue
            _ingest_file(store, path, FORMATS[name](path, tz), summary, classifier, owner,
                         batch_size, progress)
        except IngestError as error:
            summary.problems.append(error.problem)
        except OSError as error:
            summary.problems.append(Problem(str(path), None, f"cannot read: {error.strerror}"))
    summary.files = len(files) - summary.skipped
    if classifier is not None:
        summary.classified += classify_pending(store, classifier)
    return summary


def _ingest_file(store, path, records, summary, classifier, owner, batch_size, progress) -> None:
    batch: list[Message] = []
    groups: set[str] = set()
    owners = {owner} if owner else set()

    def flush() -> None:
        result = store.add_messages(batch, source=str(path))
        summary.new += len(result.new)
        summary.duplicate += result.duplicates
        if classifier is not None and result.new:
            fresh = set(result.new)
            todo = [(m.key, m.text) for m in batch if m.key in fresh]
            summary.classified += label_and_save(store, classifier, todo)
        batch.clear()
        if progress:
            progress(f"{path.name}: {summary.read:,} read, {summary.new:,} new")

    def finish() -> None:
        if batch:
            flush()
        for name in owners:
            store.add_owner(name, groups)

    try:
        for record in records:
            if isinstance(record, Problem):
                summary.problems.append(record)
            elif isinstance(record, Owner):
                owners.add(record.name)
            else:
                summary.read += 1
                groups.add(record.group_key)
                batch.append(record)
                if len(batch) >= batch_size:
                    flush()
    except IngestError:
        finish()  # a file that breaks off (truncated, undecodable) keeps what came before
        raise
    finish()


def label_and_save(store: Store, classifier, todo: list[tuple[str, str]]) -> int:
    """Label (key, text) pairs with the classifier and store the labels under its version."""
    labels = classifier.label([text for _, text in todo])
    return store.save_classifications(
        ((key, label.kind, list(label.demands), label.confidence, label.p_actionable)
         for (key, _), label in zip(todo, labels)), classifier.version)


def classify_pending(store: Store, classifier) -> int:
    """Label every stored message the current model has not seen (after a crash, a new model)."""
    done = 0
    for batch in store.unclassified(classifier.version):
        done += label_and_save(store, classifier, batch)
    return done


def terminal_progress() -> Callable[[str], None] | None:
    if not sys.stderr.isatty():
        return None
    return lambda line: print(f"\r\033[K{line}", end="", file=sys.stderr, flush=True)
