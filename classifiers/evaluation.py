"""Scores of a classifier on labelled examples: the figures `jianfu evaluate` prints."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support

from classifiers.corpus import Example
from classifiers.labels import ACTIONABLE, DEMANDS, KINDS
from classifiers.model import Label


def score(examples: list[Example], labels: list[Label]) -> dict:
    truth = [e.kind for e in examples]
    guess = [label.kind for label in labels]
    precision, recall, f1, support = precision_recall_fscore_support(
        truth, guess, labels=list(KINDS), zero_division=0)
    per_kind = {
        kind: {"precision": round(float(p), 4), "recall": round(float(r), 4),
               "f1": round(float(f), 4), "support": int(s)}
        for kind, p, r, f, s in zip(KINDS, precision, recall, f1, support)
    }
    actionable_truth = [k in ACTIONABLE for k in truth]
    kept = sum(1 for t, g in zip(truth, guess) if t in ACTIONABLE and g in ACTIONABLE)
    noise_kept = sum(1 for t, g in zip(truth, guess) if t not in ACTIONABLE and g in ACTIONABLE)
    return {
        "messages": len(examples),
        "accuracy": round(sum(t == g for t, g in zip(truth, guess)) / max(len(truth), 1), 4),
        "macro_f1": round(float(f1_score(truth, guess, labels=list(KINDS), average="macro",
                                         zero_division=0)), 4),
        "per_kind": per_kind,
        "confusion": {"labels": list(KINDS),
                      "matrix": confusion_matrix(truth, guess, labels=list(KINDS)).tolist()},
        "actionable_recall": round(kept / max(sum(actionable_truth), 1), 4),
        "actionable_precision": round(kept / max(kept + noise_kept, 1), 4),
        "demands": demand_scores(examples, labels),
    }


def demand_scores(examples: list[Example], labels: list[Label]) -> dict:
    """Micro-averaged over (message, demand) pairs; every message counts (empty sets too)."""
    tp = fp = fn = 0
    per = {d: [0, 0, 0] for d in DEMANDS}
    for example, label in zip(examples, labels):
        truth, guess = set(example.demands), set(label.demands)
        for demand in DEMANDS:
            hit, said = demand in truth, demand in guess
            if hit and said:
                per[demand][0] += 1
            elif said:
                per[demand][1] += 1
            elif hit:
                per[demand][2] += 1
        tp += len(truth & guess)
        fp += len(guess - truth)
        fn += len(truth - guess)
    return {
        "micro_precision": round(tp / max(tp + fp, 1), 4),
        "micro_recall": round(tp / max(tp + fn, 1), 4),
        "micro_f1": round(2 * tp / max(2 * tp + fp + fn, 1), 4),
        "per_demand": {d: {"f1": round(2 * a / max(2 * a + b + c, 1), 4), "support": a + c}
                       for d, (a, b, c) in per.items()},
    }


def format_report(result: dict) -> str:
    lines = [f"messages: {result['messages']}   accuracy: {result['accuracy']:.4f}   "
             f"macro-F1: {result['macro_f1']:.4f}", "",
             f"{'kind':<22}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>9}"]
    for kind, row in result["per_kind"].items():
        lines.append(f"{kind:<22}{row['precision']:>10.4f}{row['recall']:>10.4f}"
                     f"{row['f1']:>10.4f}{row['support']:>9}")
    lines += ["", "confusion (rows = truth, columns = predicted):",
              " " * 22 + "".join(f"{k[:9]:>10}" for k in result["confusion"]["labels"])]
    for kind, row in zip(result["confusion"]["labels"], result["confusion"]["matrix"]):
        lines.append(f"{kind:<22}" + "".join(f"{n:>10}" for n in row))
    d = result["demands"]
    lines += ["", f"actionable recall: {result['actionable_recall']:.4f}   "
                  f"actionable precision: {result['actionable_precision']:.4f}",
              f"demands micro-F1: {d['micro_f1']:.4f} (precision {d['micro_precision']:.4f}, "
              f"recall {d['micro_recall']:.4f})",
              "  " + "  ".join(f"{name} {row['f1']:.2f}/{row['support']}"
                               for name, row in d["per_demand"].items())]
    return "\n".join(lines)


def writer_of(example: Example) -> str:
    """The writer of a corpus example: its file name's prefix ("hc" for hc-02.jsonl:17)."""
    name = Path(example.source.rsplit(":", 1)[0]).name
    return name.split("-", 1)[0].removesuffix(".jsonl") or "?"


def score_by_writer(examples: list[Example], labels: list[Label]) -> dict[str, dict]:
    """`score` per writer: whether the model generalises to every voice, not just on average."""
    groups: dict[str, list[int]] = defaultdict(list)
    for index, example in enumerate(examples):
        groups[writer_of(example)].append(index)
    return {writer: score([examples[i] for i in indices], [labels[i] for i in indices])
            for writer, indices in sorted(groups.items())}


def format_by_writer(results: dict[str, dict]) -> str:
    lines = ["", "", f"{'writer':<10}{'messages':>9}{'macro-F1':>10}{'recall':>9}{'precision':>11}"
                 f"{'demands':>9}"]
    for writer, r in results.items():
        lines.append(f"{writer:<10}{r['messages']:>9}{r['macro_f1']:>10.4f}"
                     f"{r['actionable_recall']:>9.4f}{r['actionable_precision']:>11.4f}"
                     f"{r['demands']['micro_f1']:>9.4f}")
    return "\n".join(lines)
