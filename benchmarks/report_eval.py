"""Report counts from the model against the labels, on the hand-labelled eval day.

Usage: python benchmarks/report_eval.py [--data data/eval/day-2026-06-17.jsonl]

Evidence demands by type and by group as `jianfu report` computes them, once from the shipped
model's labels and once from the file's own labels; prints both and the relative error.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.config import ReportConfig  # noqa: E402
from bot.ingest.run import ingest_paths  # noqa: E402
from bot.report import build_report  # noqa: E402
from bot.store import Store  # noqa: E402
from classifiers import load_classifier  # noqa: E402

TZ = ZoneInfo("Asia/Shanghai")


def compare(truth: dict, model: dict) -> list[tuple[str, int, int, float]]:
    rows = []
    for key in sorted(set(truth) | set(model)):
        t, m = truth.get(key, 0), model.get(key, 0)
        rows.append((key, t, m, (m - t) / t if t else float("inf") if m else 0.0))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data/eval/day-2026-06-17.jsonl")
    args = parser.parse_args()
    records = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line]
    classifier = load_classifier()
    store = Store(memory=True)
    ingest_paths(store, [args.data], fmt="jsonl", classifier=classifier, tz=TZ)
    keys = {row[1]: row[0] for row in store.db.execute("select key, msg_id from messages")}
    store.save_classifications([(keys[r["id"]], r["kind"], r["demands"], 1.0,
                                 1.0 if r["kind"] in ("directive", "evidence_demand") else 0.0)
                                for r in records], "truth")
    config = ReportConfig()
    truth = build_report(store, "truth", config, TZ)["evidence_demands"]
    model = build_report(store, classifier.version, config, TZ)["evidence_demands"]
    print(f"evidence demands total: truth {truth['total']}, model {model['total']} "
          f"({(model['total'] - truth['total']) / max(truth['total'], 1):+.1%})")
    for title, field in (("by type", "by_type"), ("by group", "by_group")):
        rows = compare(truth[field], model[field])
        within = sum(1 for *_, error in rows if abs(error) <= 0.10)
        print(f"\n{title}: {within}/{len(rows)} within ±10%")
        for key, t, m, error in rows:
            print(f"  {key[:24]:<26}{t:>5}{m:>6}   {error:+.0%}")


if __name__ == "__main__":
    main()
