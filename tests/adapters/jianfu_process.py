"""A `jianfu run --config` process for end-to-end tests, and waiting for what it does."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

JIANFU = Path(sys.executable).with_name("jianfu")


class JianfuRun:
    """One `jianfu run` process; its output goes to a file (a full pipe would stall it).
    The environment's JIANFU_* variables are left out, `env` adds some back."""

    def __init__(self, config: Path, model: Path, name: str, env: dict[str, str] | None = None):
        self.log = config.with_name(f"{name}.log")
        clean = {k: v for k, v in os.environ.items() if not k.startswith("JIANFU_")}
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(
                [str(JIANFU), "run", "--config", str(config), "--model", str(model), "-v"],
                stdout=out, stderr=subprocess.STDOUT, env={**clean, **(env or {})})

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def check(self) -> None:
        """Raise (with its output) if the process has exited."""
        if self.process.poll() is not None:
            raise AssertionError(f"jianfu run exited ({self.process.returncode}):\n"
                                 f"{self.output()}")

    def terminate(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(20)

    def kill(self) -> int:
        if self.process.poll() is None:
            self.process.kill()
        return self.process.wait(20)


def write_config(folder: Path, table: str, settings: dict) -> Path:
    """A config.toml for `jianfu run`: the database in `folder`, one platform table."""
    lines = [f'db = "{folder / "jianfu.db"}"', 'timezone = "Asia/Shanghai"', "", f"[{table}]"]
    lines += [f"{key} = {json.dumps(value)}" for key, value in settings.items()]
    path = folder / "config.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class Launcher:
    """`launcher()` starts one more `jianfu run` on the same config (logs bot0.log, bot1.log…);
    `close()` kills those still running."""

    def __init__(self, config: Path, model: Path, env: dict[str, str] | None = None):
        self.config, self.model, self.env = config, model, env
        self.started: list[JianfuRun] = []

    def __call__(self) -> JianfuRun:
        self.started.append(JianfuRun(self.config, self.model, f"bot{len(self.started)}",
                                      self.env))
        return self.started[-1]

    def close(self) -> None:
        for process in self.started:
            process.kill()


def wait_until(condition, what: str, timeout: float = 20, check=None):
    """Poll `condition` until it is truthy; `check` may raise to fail early."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if check is not None:
            check()
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def query(db: Path, sql: str) -> list[tuple]:
    """Read-only, beside the running bot; nothing yet if the database or its tables are not
    made yet."""
    if not db.exists():
        return []
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        try:
            return list(connection.execute(sql))
        except sqlite3.OperationalError:
            return []
