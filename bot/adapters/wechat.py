"""WeChat, through the Wechaty puppet-service gRPC protocol (the only module that imports wechaty).

We build on `wechaty_puppet_service.PuppetService`, the gRPC client inside python-wechaty: the
`wechaty` package's own `Wechaty` class does not import on Python 3.11+.

Decisions worth knowing:
- **One queue, in order.** Stream events (messages, joins, leaves, topic changes) go into one
  queue that a single worker drains in arrival order. A room message is stored
  (`Jianfu.receive`) before anything else is done with it. If fetching its payload fails
  because the connection is down, the worker waits for the reconnect and tries again: an event
  once received is never skipped for a network error.
- **Silence is a failure.** Puppet services are known to go quiet after a calm period without
  closing the stream. Every `heartbeat_seconds` we `ding` the service (it answers with a `dong`
  event through the stream); when no event at all came for `silence_seconds`, we drop the
  connection and reconnect, backing off exponentially while the service stays unreachable.
- **Replays.** After a reconnect a puppet may deliver recent messages again; the store's
  idempotency (platform, room, message id) absorbs them, and private commands already
  answered (their ids are kept in the state table) are not answered twice.
- **Members** come from the service's member list: when a room is first seen by this process,
  on room-join and room-leave events, and (at most every few minutes per room) before a digest
  is sent, so someone who left a room stops getting its content.
- **Secrets.** The token and the endpoint are never logged; the Wechaty loggers (which print the
  token at start) are routed through ours with both blanked out.
"""
from __future__ import annotations

import asyncio
import base64
import json
import logging
import warnings
from datetime import datetime, timezone
from pathlib import Path
from time import monotonic
from types import SimpleNamespace
from typing import Any, Awaitable, Callable
from zoneinfo import ZoneInfo

from grpclib.const import Status
from grpclib.exceptions import GRPCError, ProtocolError, StreamTerminatedError

with warnings.catch_warnings():  # wechaty_puppet_service imports telnetlib (deprecated in 3.11)
    warnings.simplefilter("ignore", DeprecationWarning)
    from wechaty_puppet import FileBox, MessageType, PuppetOptions
    from wechaty_puppet.exceptions import WechatyPuppetError
    from wechaty_puppet_service import PuppetService
    from wechaty_puppet_service.utils import extract_host_and_port

from bot import commands
from bot.adapters.base import Adapter, AdapterError
from bot.adapters.redact import Redact
from bot.config import parse_clock
from bot.record import Message, placeholder

log = logging.getLogger("jianfu.wechat")
PLATFORM = "wechat"

NO_ENDPOINT = ("wechat: set [wechat] endpoint (host:port of the puppet service; env "
               "JIANFU_WECHAT_ENDPOINT). jianfu does not look endpoints up on the internet.")
NO_TOKEN = ("wechat: set [wechat] token (env JIANFU_WECHAT_TOKEN): the puppet service needs it "
            "even when an endpoint is given.")
REJECTED = "wechat: the puppet service rejected [wechat] token ({})."
COMMAND_FAILED = "抱歉，处理命令时出错了，请稍后再试。"
FILE_ELSEWHERE = "文件未能通过微信发送，已保存在服务器上：{}"
ANSWERED_KEPT = 500  # private command ids remembered against replays

# gRPC message type → (media kind of bot.record.PLACEHOLDERS, or None for plain text).
MEDIA = {
    MessageType.MESSAGE_TYPE_TEXT: None,
    MessageType.MESSAGE_TYPE_IMAGE: "image",
    MessageType.MESSAGE_TYPE_VIDEO: "video",
    MessageType.MESSAGE_TYPE_AUDIO: "voice",
    MessageType.MESSAGE_TYPE_ATTACHMENT: "file",
    MessageType.MESSAGE_TYPE_URL: "link",
    MessageType.MESSAGE_TYPE_EMOTICON: "sticker",
    MessageType.MESSAGE_TYPE_CONTACT: "card",
    MessageType.MESSAGE_TYPE_LOCATION: "location",
    MessageType.MESSAGE_TYPE_RED_ENVELOPE: "red_packet",
    MessageType.MESSAGE_TYPE_TRANSFER: "transfer",
    MessageType.MESSAGE_TYPE_MINI_PROGRAM: "mini_program",
    MessageType.MESSAGE_TYPE_CHAT_HISTORY: "chat_history",
}
OWN_MARKS = {"transfer": "[转账]", "mini_program": "[小程序]", "chat_history": "[聊天记录]"}
SYSTEM_TYPES = {MessageType.MESSAGE_TYPE_UNSPECIFIED, MessageType.MESSAGE_TYPE_RECALLED}
# Statuses that mean "the service is not there right now". Anything the puppet itself fails
# at comes back as INTERNAL: that is an answer about this request, not a lost connection.
TRANSIENT = {Status.UNAVAILABLE, Status.DEADLINE_EXCEEDED, Status.CANCELLED,
             Status.RESOURCE_EXHAUSTED}
# Errors of a connection that is down or going down: wait for the reconnect and call again.
DISCONNECTED = (OSError, asyncio.TimeoutError, StreamTerminatedError, ProtocolError,
                WechatyPuppetError)
WECHATY_LOGGERS = ("PuppetService", "FileBox", "WechatyPuppetServiceConfig",
                   "WechatyPuppet.Schemas.Event", "WechatyPuppet.Schema.Base")
STREAM_EVENTS = ("message", "room-join", "room-leave", "room-topic", "login", "logout", "dong",
                 "heartbeat", "ready", "scan", "friendship", "room-invite", "error")


class _Silent(Exception):
    """No event came through the stream for longer than silence_seconds."""


class _Unreachable(Exception):
    """Nothing answers at the endpoint (said without naming it: endpoints are not logged)."""


# --- Wechaty payload → the one record ---

def message_record(payload, *, tz: ZoneInfo, topic: str, sender: str,
                   mentions: tuple[str, ...] = (), title: str | None = None) -> Message:
    """The normalised record of one room message. `title`: a link's or mini program's title.
    The time is kept in the local zone: deadlines such as 明天 are read against it."""
    common = dict(platform=PLATFORM, group_id=payload.room_id, group=topic,
                  msg_id=payload.id, sender_id=payload.from_id or None, sender=sender,
                  ts=timestamp(payload.timestamp, tz), raw=payload.to_dict())
    if payload.type in SYSTEM_TYPES:  # joins, renames, recalls: kept, skipped by the digest
        return Message(**common, text=_system_text(payload, sender), system=True)
    media = MEDIA.get(payload.type, "unknown")
    return Message(**common, text=_content(payload, media, title), media=media,
                   mentions=mentions)


def timestamp(value: int, tz: ZoneInfo) -> datetime:
    """Puppets give milliseconds, some older ones seconds; a missing time is now."""
    if not value:
        return datetime.now(tz)
    seconds = value / 1000 if value > 10**11 else value
    return datetime.fromtimestamp(seconds, tz)


def _content(payload, media: str | None, title: str | None) -> str:
    if media is None:
        return payload.text
    name = payload.filename or payload.text if media == "file" else title
    if media in OWN_MARKS:
        return " ".join(filter(None, (OWN_MARKS[media], name)))
    return placeholder(media, name or None)


def _system_text(payload, sender: str) -> str:
    if payload.type == MessageType.MESSAGE_TYPE_RECALLED:
        return f"{sender} 撤回了一条消息".strip()
    return payload.text or "[系统消息]"


def command_text(text: str) -> str | None:
    """A private message that is a command (`/digest`, or `／digest` typed on a Chinese IME)."""
    stripped = (text or "").strip()
    if stripped[:1] == "／":
        stripped = "/" + stripped[1:]
    return stripped if stripped.startswith("/") else None


def _tame_wechaty_loggers() -> None:
    """Wechaty's loggers print to stderr on their own (the token included): send them through
    logging like everything else, and quieter."""
    for name in WECHATY_LOGGERS:
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
        logger.setLevel(logging.WARNING)
        if not any(isinstance(f, _NoSecretsNotice) for f in logger.filters):
            logger.addFilter(_NoSecretsNotice())


class _NoSecretsNotice(logging.Filter):
    """PuppetService warns at every connect that both an endpoint and a token are set, quoting
    both: nothing to act on (the token is required), so the line is dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("there are ")


# --- the adapter ---

class WechatAdapter(Adapter):
    platform = PLATFORM
    VERIFY_SECONDS = 300  # how long a room's member list stays good for access control
    RPC_SECONDS = 30
    # Tries per event before it is skipped (logged): a request the service refuses, or
    # anything else (a locked database, a bug). Network errors do not count: see _rpc.
    REFUSED_ATTEMPTS, FAILED_ATTEMPTS = 3, 10

    def __init__(self, core, *, retry_first: float = 1.0, retry_max: float = 60.0,
                 tick_seconds: float = 60.0, clock: Callable[[], datetime] | None = None):
        super().__init__(core)
        self.wechat = self.config.wechat
        self.retry_first, self.retry_max = retry_first, retry_max
        self.tick_seconds = tick_seconds
        self.clock = clock or (lambda: datetime.now(timezone.utc))
        self.puppet: PuppetService | None = None
        self.connected = asyncio.Event()
        self._events: asyncio.Queue = asyncio.Queue()
        self._last_event = monotonic()
        self._topics: dict[str, str] = {}
        self._names: dict[tuple[str, str], str] = {}
        self._synced: dict[str, float] = {}
        self._tasks: set[asyncio.Task] = set()
        self._main: asyncio.Task | None = None
        self._stopping = False
        # The HTTP/2 layer logs the token at DEBUG (as the :authority header) and errors
        # may quote the endpoint: both are blanked in every record.
        self._redact = Redact(self.wechat.token, self.wechat.endpoint)
        _tame_wechaty_loggers()

    # --- lifecycle ---

    async def run(self) -> None:
        self._check_config()
        self._main = asyncio.current_task()
        self._redact.install()
        loops = [self._connect_forever(), self._work(), self._schedule()]
        tasks = [asyncio.create_task(loop) for loop in loops]
        try:
            await asyncio.gather(*tasks)
        except asyncio.CancelledError:
            if not self._stopping:
                raise
        finally:
            for task in [*tasks, *self._tasks]:
                task.cancel()
            await asyncio.gather(*tasks, *self._tasks, return_exceptions=True)
            await self._close(self.puppet, clean=self._stopping)
            self._redact.uninstall()

    async def stop(self) -> None:
        """Store what is queued (briefly), stop the remote puppet's stream, close the channel."""
        if self._stopping:
            return
        self._stopping = True
        try:
            await asyncio.wait_for(self._events.join(), 5)
        except asyncio.TimeoutError:
            log.warning("wechat: %d events left unprocessed at stop", self._events.qsize())
        if self._main:
            self._main.cancel()

    def _check_config(self) -> None:
        if not self.wechat.endpoint:
            raise AdapterError(NO_ENDPOINT)
        if not self.wechat.token:
            raise AdapterError(NO_TOKEN)

    # --- connection: start the stream, watch it, reconnect with backoff ---

    async def _connect_forever(self) -> None:
        delay = self.retry_first
        while not self._stopping:
            self.connected.clear()
            try:
                await self._session()
                reason = "the event stream ended"
            except _Silent:
                reason = f"no event for {self.wechat.silence_seconds} s"
            except GRPCError as error:
                if error.status in (Status.UNAUTHENTICATED, Status.PERMISSION_DENIED):
                    raise AdapterError(REJECTED.format(error.message)) from None
                reason = f"the service answered {error.status.name}: {error.message}"
            except OSError as error:  # refused, reset: its text would name the endpoint
                reason = type(error).__name__
            except _Unreachable as error:
                reason = str(error)
            except Exception as error:  # the stream broke, a timeout: all mean "try again"
                reason = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
            if self.connected.is_set():
                delay = self.retry_first  # it worked for a while: start the backoff afresh
            log.warning("wechat: %s; reconnecting in %.1f s", reason, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, self.retry_max)

    async def _session(self) -> None:
        """One connection: returns when the stream ends; raises when it fails or goes silent."""
        await self._close(self.puppet, clean=False)
        await self._reachable()
        self.puppet = puppet = self._open()
        stream = asyncio.create_task(puppet.start(), name="wechat-stream")
        try:
            await self._watch(puppet, stream)
        finally:
            stream.cancel()
            await asyncio.gather(stream, return_exceptions=True)

    async def _reachable(self) -> None:
        """Fail fast (and without blocking the loop) when nothing listens at the endpoint:
        PuppetService's own check is a blocking telnet with a 3 s timeout."""
        try:
            host, port = extract_host_and_port(self.wechat.endpoint)  # as PuppetService reads it
            _, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 5)
        except (OSError, asyncio.TimeoutError, ValueError, WechatyPuppetError):
            raise _Unreachable("cannot reach the puppet service at [wechat] endpoint") from None
        writer.close()
        await writer.wait_closed()

    def _open(self) -> PuppetService:
        options = PuppetOptions()
        options.end_point, options.token = self.wechat.endpoint, self.wechat.token
        puppet = PuppetService(options)
        for name in STREAM_EVENTS:
            puppet.on(name, self._listener(puppet, name))
        return puppet

    def _listener(self, puppet: PuppetService, name: str) -> Callable[[Any], None]:
        """A synchronous pyee handler: notes the time, queues the event (in arrival order)."""
        def on_event(payload: Any) -> None:
            if puppet is not self.puppet:
                return  # a late event from a connection already dropped
            self._last_event = monotonic()
            if name == "login":
                self.connected.set()
                log.info("wechat: connected; logged in as %s", payload.contact_id)
            elif name == "logout":  # calls wait until the account is back
                self.connected.clear()
                log.warning("wechat: the account %s was logged out", payload.contact_id)
            elif name == "scan":  # nobody is logged in to the puppet service
                log.warning("wechat: waiting for a login: scan the QR code (%s) with the bot's "
                            "WeChat: %s", payload.status.name, payload.qrcode or "")
            elif name == "error":
                log.warning("wechat: the service reports an error: %s", payload)
            elif name in ("message", "room-join", "room-leave", "room-topic"):
                self._events.put_nowait((name, payload))
        return on_event

    async def _watch(self, puppet: PuppetService, stream: asyncio.Task) -> None:
        """Ding every heartbeat; give up on the connection after silence_seconds without events."""
        self._last_event = monotonic()
        beat = self.wechat.heartbeat_seconds
        while True:
            done, _ = await asyncio.wait({stream}, timeout=beat)
            if done:
                return stream.result()
            if monotonic() - self._last_event > self.wechat.silence_seconds:
                raise _Silent()
            try:
                await asyncio.wait_for(puppet.ding("jianfu"), beat)
            except Exception as error:  # the silence rule decides; one lost ding is no failure
                log.debug("wechat: ding failed: %r", error)

    async def _close(self, puppet: PuppetService | None, clean: bool) -> None:
        """`clean`: tell the service we stop (ends its stream). Otherwise just drop the channel."""
        if puppet is None:
            return
        if clean:
            try:
                await asyncio.wait_for(puppet.stop(), 5)
            except Exception as error:
                log.info("wechat: the service did not confirm the stop (%s)", type(error).__name__)
        if puppet.channel is not None:
            puppet.channel.close()
            puppet.channel = None
        if puppet is self.puppet:
            self.puppet = None

    async def _rpc(self, call: Callable[[PuppetService], Awaitable[Any]]) -> Any:
        """Call the service, waiting out disconnections; a request it refuses raises GRPCError."""
        delay = self.retry_first
        while True:
            await self.connected.wait()
            puppet = self.puppet
            if puppet is None:  # dropped a moment ago; the reconnect clears `connected`
                problem: Exception = ConnectionError("no connection")
            else:
                try:
                    return await asyncio.wait_for(call(puppet), self.RPC_SECONDS)
                except GRPCError as error:
                    if error.status not in TRANSIENT:
                        raise
                    problem = error
                except DISCONNECTED as error:
                    problem = error
            log.info("wechat: call failed (%s); retrying in %.1f s", type(problem).__name__, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, self.retry_max)

    # --- the worker: events in order; storing is never skipped ---

    async def _work(self) -> None:
        while True:
            name, payload = await self._events.get()
            try:
                await self._handle_event(name, payload)
            finally:
                self._events.task_done()

    async def _handle_event(self, name: str, payload: Any) -> None:
        """Handle one event, trying again on failure (storing is idempotent); never block the
        queue for ever on one event."""
        delay, attempt = self.retry_first, 0
        while True:
            attempt += 1
            try:
                return await HANDLERS[name](self, payload)
            except Exception as error:
                refused = isinstance(error, GRPCError)
                if attempt >= (self.REFUSED_ATTEMPTS if refused else self.FAILED_ATTEMPTS):
                    log.error("wechat: gave up on %s %s after %d tries", name, _id_of(payload),
                              attempt, exc_info=not refused)
                    return
                log.warning("wechat: handling %s %s failed (%r); retrying in %.1f s",
                            name, _id_of(payload), error, delay, exc_info=not refused)
                await asyncio.sleep(delay)
                delay = min(delay * 2, self.retry_max)

    async def _on_message(self, event) -> None:
        payload = await self._rpc(lambda p: p.message_payload(event.message_id))
        if payload.room_id:
            await self._room_message(payload)
        else:
            await self._private_message(payload)

    async def _room_message(self, payload) -> None:
        room_id = payload.room_id
        record = message_record(
            payload, tz=self.config.tz, topic=await self._topic(room_id),
            sender=await self._name(room_id, payload.from_id) if payload.from_id else "",
            mentions=tuple([await self._name(room_id, m) for m in payload.mention_ids]),
            title=await self._title(payload))
        self.core.receive([record])  # stored before anything else happens to it
        if room_id not in self._synced:
            await self._sync_members(room_id)

    async def _title(self, payload) -> str | None:
        """Links and mini programs are shown by their title, which takes one more call."""
        try:
            if payload.type == MessageType.MESSAGE_TYPE_URL:
                return (await self._rpc(lambda p: p.message_url(payload.id))).title
            if payload.type == MessageType.MESSAGE_TYPE_MINI_PROGRAM:
                return (await self._rpc(lambda p: p.message_mini_program(payload.id))).title
        except GRPCError as error:
            log.info("wechat: no title for message %s: %s", payload.id, error.status.name)
        return None

    async def _on_room_join(self, event) -> None:
        for member_id in event.invited_ids:
            self._names.pop((event.room_id, member_id), None)
        await self._sync_members(event.room_id)

    async def _on_room_leave(self, event) -> None:
        for member_id in event.removed_ids:
            self.core.store.remove_member(PLATFORM, event.room_id, member_id)

    async def _on_room_topic(self, event) -> None:
        self._topics[event.room_id] = event.new_topic
        self.core.store.set_group(PLATFORM, event.room_id, event.new_topic)

    # --- rooms, names and members as the service knows them ---

    async def _topic(self, room_id: str) -> str:
        if room_id not in self._topics:
            room = await self._rpc(lambda p: p.room_payload(room_id))
            self._topics[room_id] = room.topic
        return self._topics[room_id]

    async def _name(self, room_id: str, contact_id: str) -> str:
        """A member's name as the room shows it: their room alias, else their WeChat name."""
        key = (room_id, contact_id)
        if key not in self._names:
            try:
                member = await self._rpc(lambda p: p.room_member_payload(room_id, contact_id))
                self._names[key] = member.room_alias or member.name
            except GRPCError:
                self._names[key] = ""
            if not self._names[key]:
                self._names[key] = await self._contact_name(contact_id)
        return self._names[key]

    async def _contact_name(self, contact_id: str) -> str:
        try:
            return (await self._rpc(lambda p: p.contact_payload(contact_id))).name or contact_id
        except GRPCError:
            return contact_id

    async def _sync_members(self, room_id: str) -> None:
        """The room's member list from the service: add who is in it, remove who is not."""
        member_ids = await self._rpc(lambda p: p.room_members(room_id))
        current = set(member_ids) - {self._self_id()}
        store = self.core.store
        store.set_group(PLATFORM, room_id, await self._topic(room_id))
        for member_id in current:
            store.add_member(PLATFORM, room_id, member_id, await self._name(room_id, member_id))
        for row in store.members(f"{PLATFORM}:{room_id}"):
            # An export's owner (`jianfu ingest --owner`) is named, not listed: keep them.
            if row["member_id"] not in current and row["source"] != "owner":
                store.remove_member(PLATFORM, room_id, row["member_id"])
        self._synced[room_id] = monotonic()

    async def _verify_members(self) -> None:
        """Before showing any room's content: refresh member lists older than VERIFY_SECONDS."""
        for group in self.core.store.groups():
            room_id = group["group_id"]
            fresh = monotonic() - self._synced.get(room_id, float("-inf")) < self.VERIFY_SECONDS
            if group["platform"] != PLATFORM or fresh:
                continue
            try:
                await self._sync_members(room_id)
            except GRPCError as error:  # e.g. the bot left that room: keep what we know
                log.info("wechat: no member list for room %s: %s", room_id, error.status.name)

    # --- private chats: commands ---

    async def _private_message(self, payload) -> None:
        text = command_text(payload.text)
        if text is None or payload.from_id == self._self_id():
            return  # small talk, or the bot's own sends echoed back
        if not self._first_answer(payload.id):
            return  # a replay after a reconnect: it was answered already
        user_id = payload.from_id
        name = await self._contact_name(user_id)
        await self._verify_members()
        request = commands.Request(PLATFORM, user_id, name, user_id, text)
        # Answer beside the worker, so a slow send never delays storing room messages.
        self._spawn(self._send_reply(user_id, self._handle(request)))

    def _self_id(self) -> str | None:
        return self.puppet.login_user_id if self.puppet else None

    def _first_answer(self, message_id: str) -> bool:
        """Remember answered command ids (at most once: a lost answer can be asked again,
        a doubled digest cannot be taken back)."""
        state = self.core.store
        answered = json.loads(state.get_state("wechat:answered", "[]"))
        if message_id in answered:
            return False
        state.set_state("wechat:answered", json.dumps((answered + [message_id])[-ANSWERED_KEPT:]))
        return True

    def _handle(self, request: commands.Request) -> commands.Reply:
        try:
            return commands.handle(self.core, request)
        except Exception:
            log.exception("wechat: command %r failed", request.text.split(" ", 1)[0])
            return commands.Reply([COMMAND_FAILED])

    def _spawn(self, coroutine) -> None:
        task = asyncio.create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception():
            log.error("wechat: sending an answer failed", exc_info=task.exception())

    async def _send_reply(self, chat_id: str, reply: commands.Reply) -> None:
        try:
            for text in reply.texts:
                await self._rpc(lambda p: p.message_send_text(chat_id, text))
            for path in reply.files:
                await self._send_file(chat_id, path)
        except GRPCError as error:
            log.error("wechat: could not answer %s: %s %s", chat_id, error.status.name,
                      error.message)

    async def _send_file(self, chat_id: str, path: Path) -> None:
        box = _file_box(path)
        try:
            await self._rpc(lambda p: p.message_send_file(chat_id, box))
        except GRPCError as error:  # this puppet cannot send files: say where it is
            log.info("wechat: file not sent (%s); telling where it is", error.status.name)
            await self._rpc(lambda p: p.message_send_text(chat_id, FILE_ELSEWHERE.format(path)))

    # --- scheduled digests ---

    async def _schedule(self) -> None:
        while True:
            if self.connected.is_set():
                try:
                    await self._send_due_digests()
                except Exception:
                    log.exception("wechat: scheduled digests failed; trying again next tick")
            await asyncio.sleep(self.tick_seconds)

    async def _send_due_digests(self) -> None:
        """Each subscriber's digest once a day, at or after their local time (so one missed
        while the bot was down still goes out when it is back the same day)."""
        store = self.core.store
        for sub in store.subscriptions(PLATFORM):
            now = self.clock().astimezone(ZoneInfo(sub["tz"] or self.config.timezone))
            key, today = f"wechat:scheduled:{sub['user_id']}", now.date().isoformat()
            if now.time() < parse_clock(sub["at"]) or store.get_state(key) == today:
                continue
            store.set_state(key, today)  # before sending: a crash mid-send must not double it
            await self._verify_members()
            reply = commands.send_digest(self.core, PLATFORM, sub["user_id"], sub["name"],
                                         now.date())
            await self._send_reply(sub["chat_id"], reply)


def _file_box(path: Path) -> SimpleNamespace:
    """A file as the service takes it: FileBox JSON, made once. (FileBox serialises itself by
    reading its own deprecated `mimeType`, which warns; the JSON is the same without it.)"""
    box = FileBox.from_base64(base64.b64encode(path.read_bytes()), name=path.name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        data = box.to_json_str()
    return SimpleNamespace(to_json_str=lambda: data)


def _id_of(payload: Any) -> str:
    return getattr(payload, "message_id", None) or getattr(payload, "room_id", "")


HANDLERS = {
    "message": WechatAdapter._on_message, "room-join": WechatAdapter._on_room_join,
    "room-leave": WechatAdapter._on_room_leave, "room-topic": WechatAdapter._on_room_topic,
}
