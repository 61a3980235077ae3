"""Drive tests/wechaty/mock_server.js: the real Wechaty puppet service (npm) over the mock puppet.

The server reads JSON commands on stdin and prints JSON events on stdout (see the script's
header); a reader thread collects the events so tests can wait for them.
"""
from __future__ import annotations

import asyncio
import json
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from jianfu_process import wait_until

SERVER_DIR = Path(__file__).resolve().parents[1] / "wechaty"
SCRIPT = SERVER_DIR / "mock_server.js"
TOKEN = "puppet_service_token_for_tests_7b1d"
BOT = {"id": "bot", "name": "减负助手"}
ROOM = "r1@chatroom"
TOPIC = "清溪镇防汛工作群"
WORLD = {
    "bot": BOT,
    "contacts": [{"id": "u1", "name": "张三"}, {"id": "u2", "name": "李四"},
                 {"id": "u3", "name": "王五"}, {"id": "u9", "name": "陌生人"}],
    "rooms": [{"id": ROOM, "topic": TOPIC, "members": ["bot", "u1", "u2"],
               "aliases": {"u1": "张主任"}}],
}


def require_node() -> str:
    """The node binary, or skip: with the reason and how to install what is missing."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the WeChat tests need Node 20 and npm")
    if not (SERVER_DIR / "node_modules" / "wechaty-puppet-service").is_dir():
        pytest.skip(f"the Wechaty test server is not installed: run `npm ci` in {SERVER_DIR}")
    return node


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class MockWechaty:
    """One mock_server.js process on 127.0.0.1; `restart()` brings it back on the same port."""

    def __init__(self, node: str, folder: Path):
        self.node, self.folder = node, folder
        self.port = free_port()
        self.endpoint = f"127.0.0.1:{self.port}"
        self.world = folder / "world.json"
        self.world.write_text(json.dumps(WORLD, ensure_ascii=False), encoding="utf-8")
        self.events: list[dict] = []
        self.process: subprocess.Popen | None = None
        self.starts = 0

    def start(self) -> "MockWechaty":
        self.starts += 1
        stderr = open(self.folder / f"server{self.starts}.log", "wb")
        self.process = subprocess.Popen(
            [self.node, str(SCRIPT), "--port", str(self.port), "--token", TOKEN,
             "--world", str(self.world)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr, cwd=SERVER_DIR)
        stderr.close()
        threading.Thread(target=self._read, args=(self.process,), daemon=True).start()
        self.wait_for("ready", timeout=30)
        return self

    def _read(self, process: subprocess.Popen) -> None:
        for line in process.stdout:
            self.events.append(json.loads(line))

    def send(self, **command) -> None:
        self.process.stdin.write((json.dumps(command, ensure_ascii=False) + "\n").encode())
        self.process.stdin.flush()

    def say(self, sender: str, text: str = "", room: str | None = ROOM, **extra) -> str:
        """Inject a message (room=None: a private message to the bot); returns its id."""
        before = self.count("said")
        self.send(cmd="say", **{"from": sender}, text=text,
                  **({"room": room} if room else {}), **extra)
        return self.wait_for("said", after=before)["id"]

    def count(self, event: str) -> int:
        return len(self.of(event))

    def of(self, event: str) -> list[dict]:
        return [e for e in self.events if e["event"] == event]

    def sent_to(self, user: str) -> list[str]:
        return [e["text"] for e in self.of("sent") if e["to"] == user]

    def wait_for(self, event: str, after: int = 0, timeout: float = 20) -> dict:
        """The (after+1)-th event of this kind, waiting for it."""
        wait_until(lambda: self.count(event) > after, f"server event {event!r}", timeout,
                   check=self._alive)
        return self.of(event)[after]

    def _alive(self) -> None:
        if self.process.poll() is not None:
            raise AssertionError(f"mock_server.js exited: {self.errors()}")

    def errors(self) -> str:
        logs = sorted(self.folder.glob("server*.log"))
        return "\n".join(p.read_text(errors="replace")[-3000:] for p in logs)

    def kill(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(10)
        self.process.stdin.close()
        self.process.stdout.close()

    def restart(self) -> None:
        self.kill()
        self.events.clear()
        self.start()


async def until(condition, what: str, timeout: float = 20):
    """`wait_until` for async tests: the adapter runs on this loop, so never block it."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)
