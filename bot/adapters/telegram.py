"""Telegram, through python-telegram-bot 22's `Application` (the only module that imports it).

Group messages become `bot.record.Message` and go to `Jianfu.receive` before anything else
happens to them; private-chat commands go to `bot.commands.handle`.

Decisions worth knowing:
- **No message lost.** We poll `getUpdates` ourselves instead of `app.updater.start_polling`:
  PTB's Updater confirms a batch to Telegram (the next `getUpdates` offset) as soon as it has put
  it in its queue, before any handler ran, so a crash in between would lose the batch. Here the
  offset moves past an update only after `process_update` has stored it; a replay after a crash
  is absorbed by the store's idempotency.
- **Edits** are kept as new revisions beside the original: msg_id `"{message_id}.e{edit_date}"`
  (edit_date in Unix seconds), `edited=True`, `ts` = the edit time. The same id would be a
  duplicate in the store; the revision lets the digest show the corrected notice.
- **Members**: senders (the store records posters), `new_chat_members`, `left_chat_member`,
  `chat_member` updates (when the bot is an admin) and, before answering a private command,
  `getChatMember` in each known group (so a member who never posted gets a digest and one who
  left does not).
- **Migration**: a group upgraded to a supergroup gets a new id; its history moves with it, on
  the `migrate_to_chat_id`/`migrate_from_chat_id` service messages or on a `ChatMigrated` error.
"""
from __future__ import annotations

import asyncio
import itertools
import logging
import os
from datetime import datetime, timedelta
from time import monotonic
from zoneinfo import ZoneInfo

from telegram import BotCommand, BotCommandScopeAllPrivateChats, ChatMember, MessageEntity, Update
from telegram import Message as TgMessage
from telegram.constants import ChatMemberStatus
from telegram.error import (BadRequest, ChatMigrated, Conflict, Forbidden, InvalidToken,
                            NetworkError, RetryAfter, TelegramError)
from telegram.ext import Application, ChatMemberHandler, ContextTypes, MessageHandler, filters

from bot import commands
from bot.adapters.base import Adapter, AdapterError
from bot.adapters.redact import Redact
from bot.config import parse_clock
from bot.record import Message, placeholder
from bot.render import pack

# Opt in to PTB's timedelta time periods: the int form warns (PTBDeprecationWarning) on every
# RetryAfter it builds, which would be a log line per flood limit (and an error under pytest).
os.environ.setdefault("PTB_TIMEDELTA", "true")

log = logging.getLogger("jianfu.telegram")
PLATFORM = "telegram"
MAX_TEXT = 4096  # Telegram refuses longer messages

PRIVACY_WARNING = (
    "Telegram privacy mode is on for @%s: in groups it only sees commands and replies, so most "
    "notices would be missed. Fix: in Telegram open @BotFather → /setprivacy → choose @%s → "
    "Disable, then remove the bot from each group and add it again (the change only applies when "
    "it re-joins).")
SECOND_INSTANCE = (
    "another program is polling this Telegram bot token (Telegram says: {}). Stop the other "
    "`jianfu run` (or whatever else uses the token) and start again.")
BAD_TOKEN = "Telegram rejected the bot token: check [telegram] token or JIANFU_TELEGRAM_TOKEN."
UNREACHABLE = "cannot reach the Telegram Bot API ({}): check [telegram] base_url and the network."
COMMAND_FAILED = "抱歉，处理命令时出错了，请稍后再试。"

# (Message attribute, media kind of bot.record.PLACEHOLDERS, how to name the item). Order
# matters: a GIF also carries `document`, a venue also carries `location`.
MEDIA = (
    ("photo", "image", None),
    ("animation", "video", None),
    ("video", "video", None),
    ("video_note", "video", None),
    ("voice", "voice", None),
    ("audio", "file", lambda a: a.file_name or a.title),
    ("document", "file", lambda d: d.file_name),
    ("sticker", "sticker", None),
    ("venue", "location", lambda v: v.title),
    ("location", "location", None),
    ("contact", "card", lambda c: " ".join(filter(None, (c.first_name, c.last_name)))),
    ("poll", "poll", lambda p: p.question),
    ("dice", "dice", lambda d: d.emoji),
)
OWN_MARKS = {"poll": "[投票]", "dice": "[骰子]"}  # kinds bot.record does not name

MEMBER_STATUSES = {ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR,
                   ChatMemberStatus.MEMBER}
COMMANDS = [("digest", "今天（或某天）的工作日报"), ("subscribe", "每天定时推送日报 HH:MM"),
            ("unsubscribe", "取消定时推送"), ("wrong", "纠正一条消息的分类"),
            ("stats", "统计（管理员）"), ("audit", "工作群审计（管理员）"), ("help", "说明")]


# --- Telegram message → the one record ---

def message_record(message: TgMessage) -> Message:
    """The normalised record of one group message (or of one revision of an edited message)."""
    text, media = _content(message)
    sender_id, sender = _sender(message)
    common = dict(platform=PLATFORM, group_id=str(message.chat.id),
                  group=message.chat.title or "", sender=sender, sender_id=sender_id,
                  msg_id=revision_id(message), raw=message.to_dict())
    if text is None:  # joins, leaves, renames, upgrades: system messages the digest skips
        return Message(**common, ts=message.date, text=_service_text(message), system=True)
    replied = message.reply_to_message
    return Message(**common, ts=message.edit_date or message.date, text=text, media=media,
                   reply_to=str(replied.message_id) if replied else None,
                   forwarded_from=_origin(message), mentions=_mentions(message),
                   edited=message.edit_date is not None)


def revision_id(message: TgMessage) -> str:
    """`"42"` for a message, `"42.e1767225600"` for its edit of that second (see module doc)."""
    if message.edit_date is None:
        return str(message.message_id)
    return f"{message.message_id}.e{int(message.edit_date.timestamp())}"


def _content(message: TgMessage) -> tuple[str | None, str | None]:
    """(text as a chat window shows it, media kind); no text for a service message."""
    if message.text:
        return message.text, None
    for attribute, kind, name_of in MEDIA:
        item = getattr(message, attribute)
        if item:
            name = name_of(item) if name_of else None
            mark = (" ".join(filter(None, (OWN_MARKS[kind], name))) if kind in OWN_MARKS
                    else placeholder(kind, name))
            return " ".join(filter(None, (mark, message.caption))), kind
    return message.caption, None  # a caption on something unnamed; None: a service message


def _service_text(message: TgMessage) -> str:
    if message.new_chat_members:
        return "、".join(u.full_name for u in message.new_chat_members) + " 加入了群聊"
    if message.left_chat_member:
        return f"{message.left_chat_member.full_name} 退出了群聊"
    if message.new_chat_title:
        return f"群名称改为“{message.new_chat_title}”"
    if message.migrate_to_chat_id or message.migrate_from_chat_id:
        return "本群已升级为超级群"
    if message.pinned_message:
        return "置顶了一条消息"
    return "[系统消息]"


def _sender(message: TgMessage) -> tuple[str | None, str]:
    """(id, display name): the user, or the chat an anonymous admin or a channel posted as."""
    if message.sender_chat:
        return str(message.sender_chat.id), message.sender_chat.title or ""
    if message.from_user:
        return str(message.from_user.id), message.from_user.full_name
    return None, ""


def _origin(message: TgMessage) -> str | None:
    origin = message.forward_origin
    if origin is None:
        return None
    for attribute in ("sender_user", "sender_chat", "chat"):
        who = getattr(origin, attribute, None)
        if who is not None:
            return getattr(who, "full_name", None) or who.title
    return getattr(origin, "sender_user_name", None)


def _mentions(message: TgMessage) -> tuple[str, ...]:
    kinds = [MessageEntity.MENTION, MessageEntity.TEXT_MENTION]
    found = {**message.parse_entities(kinds), **message.parse_caption_entities(kinds)}
    names = [e.user.full_name if e.type == MessageEntity.TEXT_MENTION else text.lstrip("@")
             for e, text in found.items()]
    return tuple(dict.fromkeys(names))


def is_member(member: ChatMember) -> bool:
    if member.status == ChatMemberStatus.RESTRICTED:
        return bool(getattr(member, "is_member", False))
    return member.status in MEMBER_STATUSES


def command_of(text: str | None) -> str:
    """`/wrong@jianfu_bot chatter` → `/wrong`."""
    return (text or "").strip().partition(" ")[0].split("@", 1)[0].lower()


def file_url_for(base_url: str) -> str:
    """The file URL that goes with a Bot API URL: `…/bot` → `…/file/bot`."""
    root, _, _ = base_url.rstrip("/").rpartition("/")
    return f"{root}/file/bot"


def seconds(period) -> float:
    return period.total_seconds() if isinstance(period, timedelta) else float(period)


# --- the adapter ---

class TelegramAdapter(Adapter):
    platform = PLATFORM
    VERIFY_SECONDS = 600  # how long a getChatMember check of one user stays good
    SEND_ATTEMPTS = 6
    START_ATTEMPTS = 6

    def __init__(self, core, *, retry_first: float = 1.0, retry_max: float = 60.0):
        super().__init__(core)
        self.retry_first, self.retry_max = retry_first, retry_max
        self._redact = Redact(self.config.telegram.token)
        self._redact.install()  # before PTB first logs its URLs (at DEBUG, token included)
        self.app = self._build()
        self._offset: int | None = None
        self._unstored: Exception | None = None
        self._verified: dict[int, float] = {}
        self._moves: dict[str, str] = {}
        self._poll_task: asyncio.Task | None = None
        self._stopping = False
        self._closing = asyncio.Lock()

    def _build(self) -> Application:
        tg = self.config.telegram
        app = (Application.builder().token(tg.token).base_url(tg.base_url)
               .base_file_url(tg.base_file_url or file_url_for(tg.base_url))
               .updater(None).build())
        group_messages = filters.ChatType.GROUPS & (
            filters.UpdateType.MESSAGE | filters.UpdateType.EDITED_MESSAGE)
        app.add_handler(MessageHandler(group_messages, self._on_group_message))
        # Commands run beside polling (block=False) so a flood wait never delays recording.
        app.add_handler(MessageHandler(
            filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE & filters.TEXT,
            self._on_private_message, block=False))
        app.add_handler(ChatMemberHandler(self._on_chat_member, ChatMemberHandler.CHAT_MEMBER))
        app.add_error_handler(self._on_error)
        return app

    # --- lifecycle: initialize → start → our polling loop; stop in reverse order ---

    async def run(self) -> None:
        try:
            await self._start()
            self._poll_task = asyncio.create_task(self._poll(), name="telegram-poll")
            await self._poll_task
        except asyncio.CancelledError:
            if not self._stopping:
                raise
        finally:
            await self._close()

    async def stop(self) -> None:
        self._stopping = True
        if self._poll_task:
            self._poll_task.cancel()
        await self._close()

    async def _start(self) -> None:
        try:
            await self._retrying(self.app.initialize, self.START_ATTEMPTS)  # getMe
            await self._retrying(self.app.bot.delete_webhook, self.START_ATTEMPTS)
        except InvalidToken:
            raise AdapterError(BAD_TOKEN) from None
        except NetworkError as error:
            raise AdapterError(UNREACHABLE.format(self._redact.clean(str(error)))) from None
        me = self.app.bot.bot
        if not me.can_read_all_group_messages:
            log.warning(PRIVACY_WARNING, me.username, me.username)
        await self._set_commands()
        await self.app.start()
        self._reschedule()
        log.info("telegram: polling as @%s", me.username)

    async def _set_commands(self) -> None:
        try:
            await self.app.bot.set_my_commands([BotCommand(*c) for c in COMMANDS],
                                               scope=BotCommandScopeAllPrivateChats())
        except TelegramError as error:  # only the command menu; not worth failing for
            log.warning("telegram: could not set the command menu: %s", error)

    async def _close(self) -> None:
        async with self._closing:
            if self.app.running:
                if self._stopping:  # not after a Conflict: that poll would cut off the other
                    await self._confirm()
                await self.app.stop()
            await self.app.shutdown()
            await self.app.bot.shutdown()  # also when initialize() failed half-way
            self._redact.uninstall()

    async def _confirm(self) -> None:
        """Tell Telegram what we stored, so a restart does not replay (and re-answer) it."""
        if self._offset is None:
            return
        confirm = self.app.bot.get_updates(offset=self._offset, timeout=timedelta(0))
        try:
            await asyncio.wait_for(confirm, 5)
        except (TelegramError, asyncio.TimeoutError) as error:
            log.info("telegram: could not confirm the last updates (%s); they will come again",
                     error)

    # --- polling: the offset passes an update only once it is stored ---

    async def _poll(self) -> None:
        while True:
            for update in await self._fetch():
                await self._process(update)
                self._offset = update.update_id + 1

    async def _fetch(self) -> tuple[Update, ...]:
        timeout = timedelta(seconds=self.config.telegram.poll_timeout)
        try:
            return await self._retrying(lambda: self.app.bot.get_updates(
                offset=self._offset, timeout=timeout, allowed_updates=Update.ALL_TYPES), None)
        except Conflict as error:
            raise AdapterError(SECOND_INSTANCE.format(error.message)) from None
        except InvalidToken:
            raise AdapterError(BAD_TOKEN) from None

    async def _process(self, update: Update) -> None:
        """Run the handlers; if storing failed, wait and run them again (never skip it)."""
        delay = self.retry_first
        while True:
            self._unstored = None
            await self.app.process_update(update)
            if self._unstored is None:
                return
            log.error("telegram: could not store update %s; retrying in %g s",
                      update.update_id, delay, exc_info=self._unstored)
            await asyncio.sleep(delay)
            delay = min(delay * 2, self.retry_max)

    async def _retrying(self, call, attempts: int | None):
        """`await call()`, waiting out flood limits and backing off on network errors."""
        delay = self.retry_first
        for attempt in itertools.count(1):
            try:
                return await call()
            except BadRequest:
                raise  # a NetworkError subclass, but the request itself is wrong
            except (RetryAfter, NetworkError) as error:
                if attempts is not None and attempt >= attempts:
                    raise
                wait = seconds(error.retry_after) if isinstance(error, RetryAfter) else delay
                log.warning("telegram: %s; retrying in %g s", error, wait)
                await asyncio.sleep(wait)
                if not isinstance(error, RetryAfter):
                    delay = min(delay * 2, self.retry_max)

    async def _api(self, method, chat_id: int | str, **kwargs):
        """A Bot API call about one chat, following the chat if it became a supergroup."""
        try:
            return await self._retrying(lambda: method(chat_id=chat_id, **kwargs),
                                        self.SEND_ATTEMPTS)
        except ChatMigrated as moved:
            new_id = moved.new_chat_id  # `moved` is unbound once the except block ends
            self._moved(str(chat_id), str(new_id))
            return await self._retrying(lambda: method(chat_id=new_id, **kwargs),
                                        self.SEND_ATTEMPTS)

    def _moved(self, old_id: str, new_id: str) -> None:
        moved = self.core.store.move_group(PLATFORM, old_id, new_id)
        self._moves[old_id] = new_id
        log.info("telegram: group %s became supergroup %s; moved %d messages",
                 old_id, new_id, moved)

    # --- handlers ---

    async def _on_group_message(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        try:
            record = message_record(message)
        except Exception:  # a message we cannot read: log it, keep the stream going
            log.exception("telegram: cannot read message %s in chat %s; skipped",
                          message.message_id, message.chat_id)
            return
        try:
            self.core.receive([record])  # stored before anything else happens to it
        except Exception as error:
            self._unstored = error
            return
        self._follow_service_message(message)
        if command_of(message.text) == "/wrong" and message.reply_to_message:
            self.app.create_task(self._group_wrong(message), update=update)

    def _follow_service_message(self, message: TgMessage) -> None:
        group_id, store = str(message.chat.id), self.core.store
        for user in message.new_chat_members or ():
            if not user.is_bot:
                store.add_member(PLATFORM, group_id, str(user.id), user.full_name)
        if message.left_chat_member:
            store.remove_member(PLATFORM, group_id, str(message.left_chat_member.id))
        if message.migrate_to_chat_id:
            self._moved(group_id, str(message.migrate_to_chat_id))
        if message.migrate_from_chat_id:
            self._moved(str(message.migrate_from_chat_id), group_id)

    async def _group_wrong(self, message: TgMessage) -> None:
        """/wrong as a reply in a group: store the correction, answer in private only."""
        user = message.from_user
        replied = (str(message.chat.id), str(message.reply_to_message.message_id))
        reply = self._handle(commands.Request(PLATFORM, str(user.id), user.full_name,
                                              str(user.id), message.text, reply_to=replied))
        try:
            await self._send_reply(user.id, reply)
        except Forbidden:
            log.info("telegram: user %s has no private chat with the bot; /wrong stored silently",
                     user.id)

    async def _on_private_message(self, update: Update,
                                  context: ContextTypes.DEFAULT_TYPE) -> None:
        message, user = update.effective_message, update.effective_user
        await self._verify_membership(user.id)
        reply = self._handle(commands.Request(
            PLATFORM, str(user.id), user.full_name, str(message.chat.id), message.text,
            reply_to=_external_reply(message)))
        if command_of(message.text) in ("/subscribe", "/unsubscribe"):
            self._reschedule()
        await self._send_reply(message.chat.id, reply)

    def _handle(self, request: commands.Request) -> commands.Reply:
        try:
            return commands.handle(self.core, request)
        except Exception:
            log.exception("telegram: command %r failed", command_of(request.text))
            return commands.Reply([COMMAND_FAILED])

    async def _send_reply(self, chat_id: int | str, reply: commands.Reply) -> None:
        for text in reply.texts:
            for chunk in pack(text.split("\n"), MAX_TEXT):  # cut long texts at line ends
                await self._api(self.app.bot.send_message, chat_id, text=chunk)
        for path in reply.files:  # bytes, not an open file: a retry must send it whole again
            await self._api(self.app.bot.send_document, chat_id, document=path.read_bytes(),
                            filename=path.name)

    async def _on_chat_member(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        change = update.chat_member
        self.core.store.set_group(PLATFORM, str(change.chat.id), change.chat.title or "")
        self._note_member(str(change.chat.id), change.new_chat_member)

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("telegram: error while handling an update", exc_info=context.error)

    # --- access control: who is in which group, as Telegram says ---

    async def _verify_membership(self, user_id: int) -> None:
        """Ask Telegram whether this user is in each known group; unknown answers keep what
        was seen (a sender is a member)."""
        if monotonic() - self._verified.get(user_id, float("-inf")) < self.VERIFY_SECONDS:
            return
        for group in self.core.store.groups():
            if group["platform"] != PLATFORM:
                continue
            group_id = group["group_id"]
            try:
                member = await self._api(self.app.bot.get_chat_member, group_id, user_id=user_id)
            except TelegramError as error:
                log.info("telegram: cannot check user %s in group %s: %s", user_id, group_id, error)
                continue
            self._note_member(self._moves.get(group_id, group_id), member)
        self._verified[user_id] = monotonic()

    def _note_member(self, group_id: str, member: ChatMember) -> None:
        user = member.user
        if is_member(member):
            self.core.store.add_member(PLATFORM, group_id, str(user.id), user.full_name)
        else:
            self.core.store.remove_member(PLATFORM, group_id, str(user.id))

    # --- scheduled digests ---

    def _reschedule(self) -> None:
        """One daily job per stored subscription, at its local time (a tz-aware time: the
        JobQueue reads a naive one as UTC). run_daily's default days are all seven."""
        queue = self.app.job_queue
        for job in queue.jobs():
            if job.name.startswith("digest:"):
                job.schedule_removal()
        for sub in self.core.store.subscriptions(PLATFORM):
            at = parse_clock(sub["at"]).replace(tzinfo=ZoneInfo(sub["tz"]))
            queue.run_daily(self._scheduled_digest, at, name=f"digest:{sub['user_id']}",
                            data=sub, chat_id=int(sub["chat_id"]), user_id=int(sub["user_id"]))

    async def _scheduled_digest(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        sub = context.job.data
        await self._verify_membership(int(sub["user_id"]))
        day = datetime.now(ZoneInfo(sub["tz"])).date()
        reply = commands.send_digest(self.core, PLATFORM, sub["user_id"], sub["name"], day)
        await self._send_reply(int(sub["chat_id"]), reply)


def _external_reply(message: TgMessage) -> tuple[str, str] | None:
    """A private message replying to a group message ("reply in another chat")."""
    quoted = message.external_reply
    if quoted and quoted.chat and quoted.message_id:
        return str(quoted.chat.id), str(quoted.message_id)
    return None
