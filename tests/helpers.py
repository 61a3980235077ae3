"""Test helpers: load a labelled JSONL fixture into a store with its true labels."""
from __future__ import annotations

import json
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.ingest.run import ingest_paths

TRUTH = "truth"
SHANGHAI = ZoneInfo("Asia/Shanghai")


def load_with_truth(store, path: Path) -> list[dict]:
    """Ingest `path` unclassified, then store each record's own kind/demands as model 'truth'."""
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    ingest_paths(store, [path], fmt="jsonl", tz=SHANGHAI)
    by_id = {}
    for row in store.db.execute("select key, msg_id from messages"):
        by_id[row[1]] = row[0]
    store.save_classifications(
        [(by_id[r["id"]], r["kind"], r["demands"], 0.95,
          0.95 if r["kind"] in ("directive", "evidence_demand") else 0.05) for r in records],
        TRUTH)
    return records
