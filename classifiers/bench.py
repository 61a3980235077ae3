"""`jianfu bench`: classification speed against jieba tokenization alone, memory, cold start.

Everything runs in child processes pinned to one core (where the OS allows), in the same run,
so the ratio is meaningful on a noisy machine; absolute numbers are for this machine only.
"""
from __future__ import annotations

import json
import os
import random
import resource
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
start = time.perf_counter()
for t in texts:
    jieba.lcut(t)
print(json.dumps({"seconds": time.perf_counter() - start, "n": len(texts)}))
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


def _run(command: list[str], stdin=None, stdout=subprocess.DEVNULL) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(_pinned(command), stdin=stdin, stdout=stdout, check=True,
                   env={**os.environ, **ONE_CORE})
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def run_bench(n: int = 100_000, model: str | None = None) -> dict:
    jianfu = [sys.executable, "-m", "bot.cli", "classify"] + (["--model", model] if model else [])
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "messages.jsonl"
        with open(data, "w", encoding="utf-8") as handle:
            for record in sample_messages(n):
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        one = Path(folder) / "one.jsonl"
        one.write_text(json.dumps({"text": "请各村今天下午5点前上报台账"}, ensure_ascii=False) + "\n",
                       encoding="utf-8")
        cold, _ = _run(jianfu + ["--input", str(one)])
        whole, peak = _run(jianfu + ["--input", str(data)])
        half_data = Path(folder) / "half.jsonl"
        half_data.write_text("".join(open(data, encoding="utf-8").readlines()[: n // 10]),
                             encoding="utf-8")
        _, peak_small = _run(jianfu + ["--input", str(half_data)])
        out = subprocess.run(_pinned([sys.executable, "-c", _JIEBA_ONLY, str(data)]),
                             capture_output=True, text=True, check=True, env={**os.environ, **ONE_CORE})
        jieba_seconds = json.loads(out.stdout)["seconds"]
    classify_rate = n / whole
    jieba_rate = n / jieba_seconds
    return {
        "messages": n, "pinned_to_one_core": _has_taskset(),
        "classify_process_seconds": round(whole, 2), "classify_msgs_per_s": round(classify_rate),
        "jieba_lcut_seconds": round(jieba_seconds, 2), "jieba_lcut_msgs_per_s": round(jieba_rate),
        "ratio_classify_to_jieba": round(classify_rate / jieba_rate, 2),
        "peak_rss_mb": round(peak, 1), "peak_rss_mb_at_tenth_input": round(peak_small, 1),
        "cold_start_one_message_s": round(cold, 2),
    }


def format_bench(result: dict) -> str:
    return "\n".join(f"{key:<30} {value}" for key, value in result.items())
