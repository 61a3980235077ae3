"""Deadline extraction against the labelled corpus: exact to the minute, per split.

Usage: python benchmarks/deadline_eval.py [--show N]

Every directive and evidence_demand in data/corpus/{train,heldout} and data/eval carries the
deadline its writer resolved by docs/LABELS.md (null when none is stated). `find_deadline` reads
the text against the message's own timestamp; a miss is any difference, a wrong minute or a
deadline found where the writer saw none (or the reverse). Writers disagree on vague cases
(is "本周加强值守" a limit?), so the figure is a floor on the parser, not its error rate.
"""
from __future__ import annotations

import argparse
import random
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.deadlines import find_deadline  # noqa: E402
from classifiers.corpus import HELDOUT_DIR, TRAIN_DIR, load_examples  # noqa: E402
from classifiers.labels import ACTIONABLE  # noqa: E402

SPLITS = {"train": TRAIN_DIR, "heldout": HELDOUT_DIR, "eval day": ROOT / "data/eval"}


def minute(moment: datetime | str | None) -> str | None:
    if moment is None:
        return None
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment.strftime("%Y-%m-%dT%H:%M")


def misses(path: Path) -> tuple[int, list[tuple[str, str | None, str | None, str]]]:
    """How many labelled notices under `path`, and the ones the parser reads differently."""
    notices = [e for e in load_examples(path) if e.kind in ACTIONABLE]
    wrong = []
    for example in notices:
        want = minute(example.deadline)
        got = minute(find_deadline(example.text, datetime.fromisoformat(example.ts)))
        if want != got:
            wrong.append((example.source, want, got, example.text))
    return len(notices), wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="print N random misses")
    args = parser.parse_args()
    shown = []
    for split, path in SPLITS.items():
        total, wrong = misses(path)
        if total:
            print(f"{split:<10}{total - len(wrong):>6}/{total:<6} exact {1 - len(wrong) / total:.3f}")
        shown += wrong
    random.Random(0).shuffle(shown)
    for where, want, got, text in shown[:args.show]:
        print(f"\n{where}: labelled {want}, found {got}\n  {text[:160]}")


if __name__ == "__main__":
    main()
