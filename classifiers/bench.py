"""`jianfu bench`: classification speed against jieba tokenization alone, memory, cold start.

Everything runs in child processes pinned to one core (where the OS allows), alternating, in
the same run. Speeds are messages per CPU-second: `classify` is the whole process (start-up,
model load, JSON in and out), jieba is its `lcut` loop alone over the same texts. Cold start is
the wall time of `jianfu classify` for one message.
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from classifiers.corpus import TRAIN_DIR, HELDOUT_DIR, load_examples

ONE_CORE = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}

_JIEBA_ONLY = """
import json, sys, time, jieba, logging
jieba.setLogLevel(logging.WARNING); jieba.initialize()
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
start = time.process_time()
for t in texts:
    jieba.lcut(t)
print(json.dumps({"seconds": time.process_time() - start, "n": len(texts)}))
"""


def sample_messages(n: int, seed: int = 0) -> list[dict]:
    """`n` records drawn from the corpus texts (with replacement), in realistic proportions."""
    texts = [e.text for e in load_examples(TRAIN_DIR) + load_examples(HELDOUT_DIR)]
    rng = random.Random(seed)
    return [{"id": f"b{i}", "group": "基准测试群", "sender": "某人", "text": rng.choice(texts)}
            for i in range(n)]


def _pinned(command: list[str]) -> list[str]:
    return (["taskset", "-c", "0"] + command) if _has_taskset() else command


def _has_taskset() -> bool:
    return subprocess.run(["sh", "-c", "command -v taskset"], capture_output=True).returncode == 0


def _run(command: list[str]) -> tuple[float, float]:
    """CPU seconds (user + system) and peak RSS (MB) of one child process.

    CPU time, not wall time: other work on a shared machine then barely moves the figures."""
    process = subprocess.Popen(_pinned(command), stdout=subprocess.DEVNULL,
                               env={**os.environ, **ONE_CORE})
    _, status, usage = os.wait4(process.pid, 0)
    seconds = usage.ru_utime + usage.ru_stime
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed with status {status}")
    return seconds, usage.ru_maxrss / 1024


def run_bench(n: int = 100_000, model: str | None = None, rounds: int = 3) -> dict:
    """Alternate whole-process classify runs with jieba-only runs `rounds` times and keep the
    best of each: on a shared machine that compares the two under the same conditions."""
    jianfu = [sys.executable, "-m", "bot.cli", "classify"] + (["--model", model] if model else [])
    with tempfile.TemporaryDirectory() as folder:
        data = _write_records(Path(folder) / "messages.jsonl", sample_messages(n))
        tenth = _write_records(Path(folder) / "tenth.jsonl", sample_messages(n // 10))
        one = _write_records(Path(folder) / "one.jsonl", [{"text": "请各村今天下午5点前上报台账"}])
        classify_runs, jieba_runs, cold_runs, peak = [], [], [], 0.0
        for _ in range(rounds):
            seconds, peak = _run(jianfu + ["--input", str(data)])
            classify_runs.append(seconds)
            jieba_runs.append(_jieba_seconds(data))
            cold_runs.append(_wall(jianfu + ["--input", str(one)]))
        _, peak_tenth = _run(jianfu + ["--input", str(tenth)])
    classify_rate, jieba_rate = n / min(classify_runs), n / min(jieba_runs)
    return {
        "messages": n, "rounds": rounds, "pinned_to_one_core": _has_taskset(),
        "classify_process_cpu_s": round(min(classify_runs), 2),
        "classify_msgs_per_s": round(classify_rate),
        "jieba_lcut_cpu_s": round(min(jieba_runs), 2), "jieba_lcut_msgs_per_s": round(jieba_rate),
        "ratio_classify_to_jieba": round(classify_rate / jieba_rate, 2),
        "peak_rss_mb": round(peak, 1), "peak_rss_mb_tenth_input": round(peak_tenth, 1),
        "cold_start_one_message_s": round(min(cold_runs), 2),
    }


def _wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(_pinned(command), stdout=subprocess.DEVNULL, check=True,
                   env={**os.environ, **ONE_CORE})
    return time.perf_counter() - start


def _write_records(path: Path, records: list[dict]) -> Path:
    with open(path, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def _jieba_seconds(data: Path) -> float:
    out = subprocess.run(_pinned([sys.executable, "-c", _JIEBA_ONLY, str(data)]),
                         capture_output=True, text=True, check=True, env={**os.environ, **ONE_CORE})
    return json.loads(out.stdout)["seconds"]


def format_bench(result: dict) -> str:
    return "\n".join(f"{key:<30} {value}" for key, value in result.items())
