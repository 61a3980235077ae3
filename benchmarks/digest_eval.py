"""Digest quality on a hand-labelled day (data/eval/): the figures issue 4 is judged by.

Usage: python benchmarks/digest_eval.py [--data data/eval/day-2026-06-17.jsonl] [--json]

The day is ingested into a temporary SQLite file and classified by the shipped model (not by its
labels); the digest over all groups is then compared with the labels:
- directive coverage: share of true notices with at least one copy in some item;
- copies merged: share of multi-copy notices whose kept copies all sit in one item;
- split notices: share of notices whose copies are spread over two or more items;
- noise items: share of items containing no truly actionable message;
- deadlines exact: share of covered notices whose item deadline equals the label, to the minute;
- text length: characters of the text digest / characters of all the day's message texts.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.digest import build_digest  # noqa: E402
from bot.ingest.run import ingest_paths  # noqa: E402
from bot.render import render_text  # noqa: E402
from bot.store import Store  # noqa: E402
from classifiers import load_classifier  # noqa: E402

TZ = ZoneInfo("Asia/Shanghai")


def minute(value: str | None) -> str | None:
    return datetime.fromisoformat(value).astimezone(TZ).strftime("%Y-%m-%dT%H:%M") if value else None


def evaluate(path: Path) -> dict:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    day = date.fromisoformat(records[0]["ts"][:10])
    classifier = load_classifier()
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "eval.db")
        ingest_paths(store, [path], fmt="jsonl", classifier=classifier, tz=TZ)
        digest = build_digest(store, day, model_version=classifier.version, tz=TZ)
        text = "\n".join(render_text(digest))
        store.close()
    return score(records, digest, text)


def score(records: list[dict], digest, text: str) -> dict:
    notices: dict[str, list[str]] = defaultdict(list)
    deadline: dict[str, str | None] = {}
    for r in records:
        if r.get("notice"):
            notices[r["notice"]].append(r["id"])
            deadline.setdefault(r["notice"], r.get("deadline"))
    actionable_ids = {i for ids in notices.values() for i in ids}
    items = digest.certain_items  # what the JSON lists as "items"; unsure ones are apart
    item_of = {mid: n for n, item in enumerate(items) for mid in item.message_ids}
    covered = [n for n, ids in notices.items() if any(i in item_of for i in ids)]
    multi = [n for n, ids in notices.items() if len(ids) > 1]
    merged = [n for n in multi if len({item_of[i] for i in notices[n] if i in item_of}) == 1]
    split = [n for n, ids in notices.items() if len({item_of[i] for i in ids if i in item_of}) > 1]
    noise = [item for item in items if not set(item.message_ids) & actionable_ids]
    deadline_ok = []
    for n in covered:
        item = items[next(item_of[i] for i in notices[n] if i in item_of)]
        got = item.deadline.isoformat() if item.deadline else None
        deadline_ok.append(minute(got) == minute(deadline[n]))
    day_chars = sum(len(r["text"]) for r in records)
    return {
        "messages": len(records), "notices": len(notices), "items": len(items),
        "uncertain_items": len(digest.uncertain_items),
        "directive_coverage": round(len(covered) / max(len(notices), 1), 4),
        "copies_merged": round(len(merged) / max(len(multi), 1), 4),
        "split_notices": round(len(split) / max(len(notices), 1), 4),
        "noise_items": round(len(noise) / max(len(items), 1), 4),
        "deadlines_exact": round(sum(deadline_ok) / max(len(deadline_ok), 1), 4),
        "text_length_ratio": round(len(text) / max(day_chars, 1), 4),
        "missed": [notices[n][0] for n in notices if n not in covered],
        "noise_item_ids": [item.message_ids for item in noise],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data/eval/day-2026-06-17.jsonl")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = evaluate(args.data)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:<22} {value}")


if __name__ == "__main__":
    main()
