"""Report and audit over a long period: time and memory.

Usage: python benchmarks/report_bench.py [--months 12] [--keep DIR]

The period is made from the bundled sample month (data/sample): its JSON Lines groups repeated
month after month (ids made unique, clock times kept), so a year has the month's mix of notices,
copies, 收到 bursts and photos twelve times over. Ingest and classification are timed apart;
then `build_report` and `build_audit` over the whole period, each in a forked process of its own,
with the peak memory it added (ru_maxrss) and that peak per stored message.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.config import ReportConfig  # noqa: E402
from bot.ingest.run import ingest_paths  # noqa: E402
from bot.report import build_audit, build_report  # noqa: E402
from bot.store import Store  # noqa: E402
from classifiers import load_classifier  # noqa: E402

TZ = ZoneInfo("Asia/Shanghai")
SAMPLE = ROOT / "data/sample/township-2026-11.jsonl"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def months_of_sample(months: int, out: Path) -> int:
    """The sample month's records moved into `months` consecutive months from November 2025
    (days past the 28th fall on the 28th, so every month has them)."""
    records = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line]
    count = 0
    with open(out, "w", encoding="utf-8") as handle:
        for n in range(months):
            year, month = 2025 + (10 + n) // 12, (10 + n) % 12 + 1
            for r in records:
                moment = datetime.fromisoformat(r["ts"])
                moved = moment.replace(year=year, month=month, day=min(moment.day, 28))
                handle.write(json.dumps(r | {"id": f"m{n:02d}-{r['id']}", "ts": moved.isoformat()},
                                        ensure_ascii=False) + "\n")
                count += 1
    return count


def timed(step, *args, **kwargs):
    before, started = peak_mb(), time.perf_counter()
    result = step(*args, **kwargs)
    return result, time.perf_counter() - started, peak_mb() - before


def timed_apart(step, db_path: Path, *args) -> tuple[str, float, float]:
    """`timed` in a forked child with a connection of its own, so each step's peak is its own
    (ru_maxrss only grows)."""
    read, write = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(read)
        result, seconds, added = timed(step, Store(db_path), *args)
        os.write(write, json.dumps([result["kind"], seconds, added]).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        kind, seconds, added = json.loads(pipe.read())
    os.waitpid(child, 0)
    return kind, seconds, added


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--keep", type=Path, help="keep the database in this folder")
    args = parser.parse_args()
    classifier = load_classifier()
    with tempfile.TemporaryDirectory() as folder:
        where = args.keep or Path(folder)
        where.mkdir(parents=True, exist_ok=True)
        source = Path(folder) / "period.jsonl"
        count = months_of_sample(args.months, source)
        db_path = where / "report-bench.db"
        store = Store(db_path)
        _, ingest_s, _ = timed(ingest_paths, store, [source], fmt="jsonl",
                               classifier=classifier, tz=TZ)
        store.close()
        config = ReportConfig()
        print(f"messages                 {count}")
        print(f"ingest_and_classify_s    {ingest_s:.1f}")
        print(f"baseline_rss_mb          {peak_mb():.0f}")
        for name, build in (("report", build_report), ("audit", build_audit)):
            kind, seconds, added = timed_apart(build, db_path, classifier.version, config, TZ)
            assert kind == name
            print(f"{name}_s{'':<{17 - len(name)}}{seconds:.1f}")
            print(f"{name}_added_rss_mb{'':<{10 - len(name)}}{added:.0f}"
                  f"     ({added * 1024 * 1024 / count:.0f} bytes per message)")


if __name__ == "__main__":
    main()
