"""Ingest benchmark: N generated messages as JSON Lines into a fresh SQLite store, unclassified.

Usage: .venv/bin/python benchmarks/ingest_bench.py [-n 1000000] [--groups 30] [--keep DIR]

Prints messages/s, the database size and peak memory (ru_maxrss), also at 10 % and 50 % of the
way: if ingest streams, the peak at 10 % is the peak at the end.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.ingest.run import BATCH, ingest_paths  # noqa: E402
from bot.store import Store  # noqa: E402

SHANGHAI = timezone(timedelta(hours=8))
START = datetime(2025, 1, 1, 8, 0, tzinfo=SHANGHAI)
ACKS = ["收到", "好的", "1", "已阅", "收到，马上落实", "👍", "明白"]
MEDIA = ["[图片]", "[视频]", "[语音]", "[文件] 关于开展安全生产大检查的通知.docx"]
NOTICE = ("请各村（社区）于本周五下午5点前将辖区内独居老人走访情况汇总上报，附现场照片，"
          "并在工作群内接龙确认。逾期未报的将在周例会上通报。")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def text_of(rng: random.Random) -> str:
    """Mixed lengths as in work groups: mostly acks and media, some notices, a few long ones."""
    roll = rng.random()
    if roll < 0.45:
        return rng.choice(ACKS)
    if roll < 0.65:
        return rng.choice(MEDIA)
    if roll < 0.95:
        return NOTICE[:rng.randint(10, len(NOTICE))]
    return NOTICE * rng.randint(3, 20)


def generate(path: Path, count: int, groups: int) -> None:
    rng = random.Random(42)
    with open(path, "w", encoding="utf-8") as out:
        for i in range(count):
            group = i % groups
            record = {"id": str(i), "group": f"第{group:02d}工作群", "group_id": f"g{group}",
                      "platform": "bench", "sender": f"干部{rng.randint(1, 60):02d}",
                      "ts": (START + timedelta(seconds=i * 7)).isoformat(),
                      "text": text_of(rng)}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def ingest(source: Path, db_path: Path, total: int) -> tuple[float, dict[str, float]]:
    store = Store(db_path)
    marks: dict[str, float] = {}
    done = [0]

    def progress(_line: str) -> None:
        done[0] += BATCH
        for share in (0.1, 0.5):
            if done[0] >= share * total and f"{share:.0%}" not in marks:
                marks[f"{share:.0%}"] = peak_mb()

    started = time.perf_counter()
    summary = ingest_paths(store, [source], fmt="jsonl", progress=progress)
    seconds = time.perf_counter() - started
    store.close()
    if summary.new != total or summary.problems:
        raise SystemExit(f"ingest went wrong: {summary.as_dict()} {summary.problems[:3]}")
    return seconds, marks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1_000_000, help="messages to generate")
    parser.add_argument("--groups", type=int, default=30)
    parser.add_argument("--keep", type=Path, default=None, help="work here and keep the files")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = args.keep or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        source, db_path = work / "messages.jsonl", work / "bench.db"
        db_path.unlink(missing_ok=True)
        started = time.perf_counter()
        generate(source, args.n, args.groups)
        print(f"generated {args.n:,} messages in {args.groups} groups ({source.stat().st_size / 1e6:,.0f}"
              f" MB JSONL) in {time.perf_counter() - started:.1f} s")
        seconds, marks = ingest(source, db_path, args.n)
        size = sum(p.stat().st_size for p in work.glob("bench.db*"))
        print(f"ingested in {seconds:.1f} s: {args.n / seconds:,.0f} messages/s")
        print(f"database: {size / 1e6:,.0f} MB ({size / args.n:,.0f} bytes/message)")
        print("peak memory (maxrss): " + ", ".join(f"{mb:,.0f} MB at {share}"
                                                   for share, mb in marks.items())
              + f", {peak_mb():,.0f} MB at the end")


if __name__ == "__main__":
    main()
