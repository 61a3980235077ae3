"""How far people agree on the labels, beside how far the model agrees with them.

Usage: python benchmarks/agreement_eval.py [--model PATH]

`data/agreement/heldout-sample.jsonl` holds 400 held-out messages (330 of them actionable, 30 from
each writer) with three labellings: the writer's, and two blind second readings (`reader_a`,
`reader_b`) made from docs/LABELS.md with the two messages before each one in its group. Each pair
of labellings is scored as `jianfu evaluate` scores the model against the truth (the first of
the pair plays the truth), and the model, which sees each message alone, is scored against all three.
A second table applies the report's ±10% test to each pair: demands by type and evidence demands by
group, as counted from each labelling of the same messages.

`data/agreement/train-disputes.jsonl` holds the 1,764 training messages where an out-of-fold model
(cross-validation over the training writers) and the writer disagreed on the kind or the demands,
each read again blind; the script counts whose side the reader took.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from classifiers import persist  # noqa: E402
from classifiers.corpus import Example  # noqa: E402
from classifiers.evaluation import score  # noqa: E402
from classifiers.labels import DEMANDS  # noqa: E402
from classifiers.model import Label  # noqa: E402
from report_eval import within_tenth  # noqa: E402  (benchmarks/, the script's own folder)

AGREEMENT = ROOT / "data" / "agreement"


def read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def as_truth(rows: list[dict], who: str) -> list[Example]:
    return [Example(r["text"], r[who]["kind"], tuple(r[who]["demands"])) for r in rows]


def as_labels(rows: list[dict], who: str) -> list[Label]:
    return [Label(r[who]["kind"], tuple(r[who]["demands"]), 1.0, 1.0) for r in rows]


def line(name: str, result: dict) -> str:
    per = result["demands"]["per_demand"]
    return (f"{name:<22}{result['macro_f1']:>9.3f}{result['demands']['micro_f1']:>9.3f}   "
            + " ".join(f"{d[:5]} {per[d]['f1']:.2f}" for d in DEMANDS))


READERS = ("writer", "reader_a", "reader_b")
PAIRS = [("writer", "reader_a"), ("writer", "reader_b"), ("reader_a", "reader_b")] \
    + [(reader, "model") for reader in READERS]


def sample_table(rows: list[dict], model_labels: list[Label]) -> list[str]:
    out = [f"{'pair (truth ~ other)':<22}{'macro-F1':>9}{'demands':>9}   demands F1 by type"]
    for truth, other in PAIRS:
        labels = model_labels if other == "model" else as_labels(rows, other)
        out.append(line(f"{truth} ~ {other}", score(as_truth(rows, truth), labels)))
    return out


def demand_counts(rows: list[dict], labels: list[Label]) -> tuple[Counter, Counter]:
    """Demands by type and evidence demands by group, counted as the report counts them."""
    by_type, by_group = Counter(), Counter()
    for row, label in zip(rows, labels):
        asks = label.kind == "evidence_demand"
        by_type.update(d for d in label.demands if asks or d == "ranking")
        if asks:
            by_group[row["group"]] += 1
    return by_type, by_group


def count_table(rows: list[dict], model_labels: list[Label]) -> list[str]:
    """The report's ±10% test (issue 5) between people: on the same messages, how many demand
    types and groups one labelling counts within ±10% of another."""
    counts = {who: demand_counts(rows, as_labels(rows, who)) for who in READERS}
    counts["model"] = demand_counts(rows, model_labels)
    out = [f"{'counts (truth ~ other)':<22}{'types within ±10%':>19}{'groups within ±10%':>20}"]
    for truth, other in PAIRS:
        (t_types, t_groups), (o_types, o_groups) = counts[truth], counts[other]
        types, groups = within_tenth(t_types, o_types), within_tenth(t_groups, o_groups)
        out.append(f"{truth + ' ~ ' + other:<22}{types[0]:>13}/{types[1]:<5}{groups[0]:>14}/{groups[1]}")
    return out


def dispute_counts(rows: list[dict]) -> list[str]:
    def same(a: dict, b: dict) -> bool:
        return a["kind"] == b["kind"] and sorted(a["demands"]) == sorted(b["demands"])
    sides = Counter("writer" if same(r["reader"], r["writer"]) else
                    "model" if same(r["reader"], r["model_out_of_fold"]) else "neither"
                    for r in rows)
    return [f"training disputes read again: {len(rows)}; the reader gave the writer's label to "
            f"{sides['writer']}, the model's to {sides['model']}, a third label to {sides['neither']}"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=str(persist.SHIPPED_MODEL))
    args = parser.parse_args()
    model, _ = persist.load(args.model)
    rows = read(AGREEMENT / "heldout-sample.jsonl")
    labels = model.label([r["text"] for r in rows])
    print("\n".join(sample_table(rows, labels)))
    print()
    print("\n".join(count_table(rows, labels)))
    print()
    print("\n".join(dispute_counts(read(AGREEMENT / "train-disputes.jsonl"))))


if __name__ == "__main__":
    main()
