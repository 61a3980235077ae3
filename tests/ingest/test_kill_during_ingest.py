"""kill -9 in the middle of an import leaves a consistent store, and a re-run completes it."""
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COUNT = 200_000


def _write_messages(path: Path) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for i in range(COUNT):
            out.write(f'{{"id": "{i}", "group": "第{i % 30}工作群", "sender": "干部{i % 50}", '
                      f'"ts": "2024-03-12T08:{i // 60 % 60:02d}:{i % 60:02d}+08:00", '
                      f'"text": "请各村今天下班前上报第{i}号台账"}}\n')


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with closing(sqlite3.connect(db, timeout=5)) as conn:
            return conn.execute("select count(*) from messages").fetchone()[0]
    except sqlite3.OperationalError:  # created, but its tables not yet
        return 0


def test_killed_ingest_resumes_to_an_exact_count(tmp_path):
    source, db = tmp_path / "messages.jsonl", tmp_path / "jianfu.db"
    _write_messages(source)
    command = [sys.executable, "-m", "bot.cli", "ingest", str(source), "--db", str(db),
               "--no-classify"]
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while _stored(db) == 0:  # until at least one batch is committed
        assert child.poll() is None and time.monotonic() < deadline
        time.sleep(0.01)
    child.kill()  # SIGKILL: no clean-up of any kind
    child.wait()
    before = _stored(db)
    assert 0 < before < COUNT

    rerun = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert (f"1 files: {COUNT} read, {COUNT - before} new, {before} duplicate, 0 rejected"
            in rerun.stdout)
    assert _stored(db) == COUNT
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert conn.execute("select count(distinct msg_id) from messages").fetchone()[0] == COUNT
