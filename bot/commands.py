"""Private-chat commands, the same on every platform. Adapters parse nothing themselves: they pass
the sender and the text here and send back the `Reply`."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from bot.config import ConfigError, parse_clock
from bot.render import numbered, render_text
from bot.service import Jianfu
from bot.store import Classified
from classifiers.labels import KINDS

HELP = """减负 jianfu —— 每天一份工作日报，代替刷几十个工作群。
/digest [日期]  今天（或 YYYY-MM-DD 那天）你所在各群的工作事项
/subscribe HH:MM  每天定时收到日报（默认 {default}）
/unsubscribe  不再定时推送
/full 编号  日报第几项的全文
/wrong 类别  回复某条消息（或 /wrong 编号 类别 指日报第几项）纠正分类：""" + " / ".join(KINDS) + """
/stats  /audit  统计与工作群审计（仅管理员）
/help  本说明"""

NOT_YOUR_GROUP = "抱歉，你不在那条消息所在的群里。"
REFUSAL = "抱歉，我还没有在任何工作群里见过你，无法为你生成日报。请先在工作群里发言，或联系管理员。"


@dataclass
class Reply:
    texts: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


@dataclass
class Request:
    platform: str
    user_id: str
    name: str
    chat_id: str
    text: str
    reply_to: tuple[str, str] | None = None  # (group_id, msg_id) of the message replied to
    now: datetime | None = None


def handle(core: Jianfu, request: Request) -> Reply:
    """Answer one command. Unknown users get a polite refusal and nothing else."""
    command, _, argument = request.text.strip().partition(" ")
    command = command.split("@", 1)[0].lower()
    argument = argument.strip()
    known = bool(core.member_groups(request.platform, request.user_id))
    admin = core.config.is_admin(request.platform, request.user_id)
    if not known and not admin:
        return Reply([REFUSAL])
    handler = HANDLERS.get(command)
    if handler is None:
        return Reply([HELP.format(default=core.config.digest.time)])
    if command in ADMIN_ONLY and not admin:
        return Reply(["抱歉，该命令仅限管理员使用。"])
    return handler(core, request, argument)


def _today(core: Jianfu, request: Request) -> date:
    return (request.now or datetime.now(core.config.tz)).astimezone(core.config.tz).date()


def digest_command(core: Jianfu, request: Request, argument: str) -> Reply:
    try:
        day = date.fromisoformat(argument) if argument else _today(core, request)
    except ValueError:
        return Reply(["日期格式应为 YYYY-MM-DD，例如 /digest 2026-03-12"])
    return send_digest(core, request.platform, request.user_id, request.name, day)


def send_digest(core: Jianfu, platform: str, user_id: str, name: str, day: date) -> Reply:
    """The requester's digest (also used by scheduled delivery); remembers its items for /wrong."""
    digest = core.digest_for(platform, user_id, name, day)
    if digest is None:
        return Reply([REFUSAL])
    first_ids = [item.message_ids[0] for _, items in numbered(digest) for _, item in items]
    core.store.set_state(f"last_digest:{platform}:{user_id}", json.dumps(first_ids, ensure_ascii=False))
    core.store.log_digest(platform, user_id, day.isoformat(), len(digest.items))
    return Reply(render_text(digest, core.config.digest.max_chars))


def subscribe_command(core: Jianfu, request: Request, argument: str) -> Reply:
    at = argument or core.config.digest.time
    try:
        clock = parse_clock(at)
    except ConfigError:
        return Reply(["时间格式应为 HH:MM，例如 /subscribe 07:30"])
    at = clock.strftime("%H:%M")
    core.store.subscribe(request.platform, request.user_id, request.chat_id, request.name, at,
                         core.config.timezone)
    return Reply([f"好的，每天 {at}（{core.config.timezone}）为你推送日报。"])


def unsubscribe_command(core: Jianfu, request: Request, argument: str) -> Reply:
    removed = core.store.unsubscribe(request.platform, request.user_id)
    return Reply(["已取消定时推送。" if removed else "你还没有订阅定时推送。"])


def wrong_command(core: Jianfu, request: Request, argument: str) -> Reply:
    parts = argument.split()
    target = request.reply_to
    if len(parts) == 2 and parts[0].isdigit():
        found = _last_digest_message(core, request, int(parts[0]))
        target = (found.message.group_id, found.message.msg_id or found.key) if found else None
        parts = parts[1:]
    if len(parts) != 1 or parts[0] not in KINDS:
        return Reply([f"用法：回复一条消息发送 /wrong 类别，类别为：{' / '.join(KINDS)}"])
    if target is None:
        return Reply(["请回复要纠正的那条消息，或写 /wrong 编号 类别（编号见最近一份日报）。"])
    group_id, msg_id = target
    if not _in_group(core, request, group_id):
        return Reply([NOT_YOUR_GROUP])
    if not core.correct(request.platform, group_id, msg_id, parts[0], by=request.user_id):
        return Reply(["没有找到那条消息。"])
    return Reply([f"已记录纠正：{parts[0]}。下次训练（jianfu train --db）时生效。"])


def _last_digest_message(core: Jianfu, request: Request, number: int) -> Classified | None:
    """Item `number` (as rendered) of the requester's last digest: its first message."""
    saved = json.loads(core.store.get_state(f"last_digest:{request.platform}:{request.user_id}", "[]"))
    if not 1 <= number <= len(saved):
        return None
    return core.store.message(saved[number - 1], core.classifier.version)


def _in_group(core: Jianfu, request: Request, group_id: str) -> bool:
    return f"{request.platform}:{group_id}" in core.member_groups(request.platform, request.user_id)


def full_command(core: Jianfu, request: Request, argument: str) -> Reply:
    """The full text of item N of the requester's last digest."""
    if not argument.isdigit():
        return Reply(["用法：/full 编号（编号见最近一份日报）"])
    found = _last_digest_message(core, request, int(argument))
    if found is None:
        return Reply(["没有找到这一项，请先 /digest。"])
    if not _in_group(core, request, found.message.group_id):
        return Reply([NOT_YOUR_GROUP])
    return Reply([found.message.text])


def stats_command(core: Jianfu, request: Request, argument: str) -> Reply:
    from bot.report import admin_report

    text, path = admin_report(core.store, core.classifier.version, core.config, kind="report")
    return Reply([text], [path])


def audit_command(core: Jianfu, request: Request, argument: str) -> Reply:
    from bot.report import admin_report

    text, path = admin_report(core.store, core.classifier.version, core.config, kind="audit")
    return Reply([text], [path])


def help_command(core: Jianfu, request: Request, argument: str) -> Reply:
    return Reply([HELP.format(default=core.config.digest.time)])


HANDLERS = {
    "/digest": digest_command, "/subscribe": subscribe_command,
    "/unsubscribe": unsubscribe_command, "/wrong": wrong_command, "/stats": stats_command,
    "/audit": audit_command, "/help": help_command, "/start": help_command,
    "/full": full_command,
}
ADMIN_ONLY = {"/stats", "/audit"}
