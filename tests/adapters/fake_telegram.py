"""A fake Telegram Bot API server on 127.0.0.1 for driving the real python-telegram-bot client.

Speaks the Bot API's HTTP protocol (`POST /bot<token>/<method>`, form or multipart parameters,
`{"ok": …, "result": …}` answers) for the methods jianfu uses. Tests inject updates with
`push()` and read what the bot sent from `sent`. Faults: `fail_next()` answers one call with an
error (429 with `retry_after`, 400 with `migrate_to_chat_id`, …), `drop_next()` closes the
connection without an answer; a second long poll terminates the first with 409 Conflict, as
Telegram does when two programs poll one token.
"""
from __future__ import annotations

import itertools
import json
import threading
import time
from collections import Counter, defaultdict, deque
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

import pytest

TOKEN = "123456:FAKE-token-for-tests-only"
BOT_ID = 123456


class FakeTelegram:
    def __init__(self, token: str = TOKEN, *, batch: int = 100, max_wait: float = 5.0):
        self.token = token
        self.batch = batch  # most updates one getUpdates returns (to make streams take polls)
        self.max_wait = max_wait  # longest long poll, whatever the client asks
        self.can_read_all_group_messages = True
        self.members: dict[tuple[int, int], str] = {}  # (chat, user) → status; default "left"
        self.migrated: dict[int, int] = {}  # old chat id → supergroup id
        self.sent: list[dict] = []  # sendMessage / sendDocument calls, in order, with "at"
        self.calls: list[tuple[str, dict]] = []  # every API call (method, parameters)
        self.delivered: Counter[int] = Counter()  # update id → times handed out
        self.faults: dict[str, deque] = defaultdict(deque)
        self._updates: list[dict] = []
        self._ids = itertools.count(1)
        self._message_ids = itertools.count(10_000)
        self._polls = 0
        self.waiting = 0  # long polls waiting now
        self._cond = threading.Condition()
        self._closing = False
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,),
                                        daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/bot"

    def start(self) -> "FakeTelegram":
        self._thread.start()
        return self

    def close(self) -> None:
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    # --- what tests do ---

    def push(self, update: dict) -> int:
        """Queue one update (a dict without update_id); returns its update_id."""
        with self._cond:
            update_id = next(self._ids)
            self._updates.append({"update_id": update_id, **update})
            self._cond.notify_all()
        return update_id

    def fail_next(self, method: str, status: int, description: str, **parameters) -> None:
        self.faults[method].append(("fail", status, description, parameters))

    def drop_next(self, method: str) -> None:
        self.faults[method].append(("drop",))

    def sent_to(self, chat_id: int, method: str = "sendMessage") -> list[dict]:
        return [s for s in self.sent if s["chat_id"] == chat_id and s["method"] == method]

    def pending(self) -> int:
        with self._cond:
            return len(self._updates)

    # --- the Bot API methods ---

    def call(self, method: str, params: dict) -> tuple[int, dict]:
        self.calls.append((method, params))
        api = getattr(self, f"api_{method}", None)
        if api is None:
            return 404, _error(404, "Not Found: method not found")
        return api(params)

    def api_getMe(self, params):
        return 200, _ok({"id": BOT_ID, "is_bot": True, "first_name": "减负",
                         "username": "jianfu_test_bot", "can_join_groups": True,
                         "can_read_all_group_messages": self.can_read_all_group_messages,
                         "supports_inline_queries": False})

    def api_deleteWebhook(self, params):
        return 200, _ok(True)

    def api_setMyCommands(self, params):
        return 200, _ok(True)

    def api_getUpdates(self, params):
        offset = int(params.get("offset") or 0)
        limit = min(int(params.get("limit") or 100), self.batch)
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), self.max_wait)
        with self._cond:
            if offset:  # updates below the offset are confirmed: forgotten for good
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            self._polls += 1
            mine = self._polls
            self._cond.notify_all()  # wakes an older poll, which then answers 409
            while not self._updates and not self._closing:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self.waiting += 1
                self._cond.wait(remaining)
                self.waiting -= 1
                if self._polls != mine:
                    return 409, _error(409, "Conflict: terminated by other getUpdates request; "
                                            "make sure that only one bot instance is running")
            batch = self._updates[:limit]
            self.delivered.update(u["update_id"] for u in batch)
        return 200, _ok(batch)

    def api_sendMessage(self, params):
        chat_id = int(params["chat_id"])
        if chat_id in self.migrated:
            return self._migrated(chat_id)
        self.sent.append({"method": "sendMessage", "chat_id": chat_id, "text": params["text"],
                          "at": time.monotonic()})
        return 200, _ok(self._bot_message(chat_id, text=params["text"]))

    def api_sendDocument(self, params):
        chat_id = int(params["chat_id"])
        name, content = params["document"]
        self.sent.append({"method": "sendDocument", "chat_id": chat_id, "filename": name,
                          "content": content, "at": time.monotonic()})
        return 200, _ok(self._bot_message(chat_id, document={
            "file_id": f"doc{len(self.sent)}", "file_unique_id": f"u{len(self.sent)}",
            "file_name": name}))

    def api_getChatMember(self, params):
        chat_id, user_id = int(params["chat_id"]), int(params["user_id"])
        if chat_id in self.migrated:
            return self._migrated(chat_id)
        status = self.members.get((chat_id, user_id), "left")
        member = {"status": status, "user": user(user_id)}
        if status == "creator":
            member["is_anonymous"] = False
        return 200, _ok(member)

    def _migrated(self, chat_id: int):
        return 400, _error(400, "Bad Request: group chat was upgraded to a supergroup chat",
                           migrate_to_chat_id=self.migrated[chat_id])

    def _bot_message(self, chat_id: int, **content) -> dict:
        return {"message_id": next(self._message_ids), "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private", "first_name": "user"},
                "from": {"id": BOT_ID, "is_bot": True, "first_name": "减负"}, **content}


def _ok(result) -> dict:
    return {"ok": True, "result": result}


def _error(code: int, description: str, **parameters) -> dict:
    body = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return body


def _handler_for(fake: FakeTelegram):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            prefix, _, method = self.path.strip("/").partition("/")
            params = self._params()
            if prefix != f"bot{fake.token}":
                return self._answer(401, _error(401, "Unauthorized"))
            fault = fake.faults[method].popleft() if fake.faults[method] else None
            if fault and fault[0] == "drop":
                fake.calls.append((method, params))
                self.close_connection = True  # hang up without a word
                return
            if fault:
                fake.calls.append((method, params))
                _, status, description, parameters = fault
                return self._answer(status, _error(status, description, **parameters))
            self._answer(*fake.call(method, params))

        do_GET = do_POST

        def _params(self) -> dict:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            kind = self.headers.get("Content-Type", "")
            if kind.startswith("multipart/form-data"):
                return _multipart(kind, body)
            return dict(parse_qsl(body.decode("utf-8")))

        def _answer(self, status: int, body: dict) -> None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except OSError:  # the client went away (cancelled poll, killed process)
                pass

        def log_message(self, *args) -> None:
            pass

    return Handler


def _multipart(content_type: str, body: bytes) -> dict:
    parsed = BytesParser(policy=HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body)
    params: dict = {}
    for part in parsed.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        filename = part.get_filename()
        params[name] = (filename, payload) if filename else payload.decode("utf-8")
    return params


@pytest.fixture
def fake():
    """A fake Bot API server running for one test (import this fixture into a test module)."""
    server = FakeTelegram(max_wait=2).start()
    yield server
    server.close()


# --- building updates ---

def user(user_id: int, first_name: str | None = None, last_name: str | None = None,
         username: str | None = None) -> dict:
    data = {"id": user_id, "is_bot": False, "first_name": first_name or f"用户{user_id}"}
    if last_name:
        data["last_name"] = last_name
    if username:
        data["username"] = username
    return data


_message_numbers = itertools.count(1)


def group_message(chat_id: int, title: str, sender: dict, text: str | None = None, *,
                  message_id: int | None = None, date: int | None = None,
                  chat_type: str = "group", **fields) -> dict:
    """The `message` of an update from a group; extra Bot API fields as keywords."""
    message = {"message_id": message_id or next(_message_numbers),
               "date": date or int(time.time()),
               "chat": {"id": chat_id, "type": chat_type, "title": title},
               "from": sender, **fields}
    if text is not None:
        message["text"] = text
    return message


def private_message(sender: dict, text: str, **fields) -> dict:
    return {"message_id": next(_message_numbers), "date": int(time.time()),
            "chat": {"id": sender["id"], "type": "private", "first_name": sender["first_name"]},
            "from": sender, "text": text, **fields}

