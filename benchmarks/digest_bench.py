"""A digest of one day with 10,000 messages in 30 groups: time and memory.

Usage: python benchmarks/digest_bench.py [-n 10000]

The day is made from the bundled sample month (data/sample): its messages, in time order, are
moved onto one date keeping their clock times, so the day has the month's mix of notices, copies,
收到 bursts and photos. Ingest and classification are timed apart from the digest itself.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
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
DAY = date(2026, 11, 30)


def one_day(n: int, out: Path) -> int:
    records = [json.loads(line) for line in
               (ROOT / "data/sample/township-2026-11.jsonl").read_text(encoding="utf-8").splitlines()]
    records = records[:n]
    with open(out, "w", encoding="utf-8") as handle:
        for r in records:
            moment = datetime.fromisoformat(r["ts"])
            r["ts"] = datetime.combine(DAY, moment.timetz()).isoformat()
            r["id"] = f"bench-{r['id']}"
            handle.write(json.dumps(r, ensure_ascii=False) + "\n")
    return len({r["group"] for r in records})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000)
    args = parser.parse_args()
    classifier = load_classifier()
    with tempfile.TemporaryDirectory() as folder:
        day_file = Path(folder) / "day.jsonl"
        groups = one_day(args.n, day_file)
        store = Store(Path(folder) / "bench.db")
        started = time.perf_counter()
        ingest_paths(store, [day_file], fmt="jsonl", classifier=classifier, tz=TZ)
        ingested = time.perf_counter() - started
        started = time.perf_counter()
        digest = build_digest(store, DAY, model_version=classifier.version, tz=TZ)
        built = time.perf_counter() - started
        started = time.perf_counter()
        text = "\n".join(render_text(digest))
        rendered = time.perf_counter() - started
        store.close()
    print(f"messages                {digest.messages:,} in {groups} groups")
    print(f"ingest + classify       {ingested:.2f} s")
    print(f"digest (all groups)     {built:.2f} s  → {len(digest.certain_items)} items "
          f"(+{len(digest.uncertain_items)} unsure)")
    print(f"render text             {rendered:.3f} s, {len(text):,} characters")
    print(f"peak memory             {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
