"""The store: one SQLite file through sqlite-utils. The only module in jianfu that speaks SQL.

Tables are plain and readable so `sqlite3` and datasette can browse them:
groups, members, messages (the raw record as received), classifications (per model
version), corrections, subscriptions, digests, state and `_migrations`.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import sqlite_utils

from bot.record import Message


@dataclass(frozen=True, slots=True)
class Classified:
    """A stored message with the label the current model gave it."""

    message: Message
    key: str
    kind: str
    demands: tuple[str, ...]
    confidence: float
    p_actionable: float


@dataclass(frozen=True, slots=True)
class AddResult:
    new: list[str]
    duplicates: int


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# --- schema migrations: an ordered list, each applied once and recorded in `_migrations` ---

def _m001_initial(db: sqlite_utils.Database) -> None:
    db["groups"].create(
        {"group_key": str, "platform": str, "group_id": str, "name": str, "first_seen": str,
         "updated_at": str},
        pk="group_key",
    )
    db["members"].create(
        {"group_key": str, "member_id": str, "name": str, "source": str, "first_seen": str,
         "last_seen": str},
        pk=("group_key", "member_id"),
    )
    db["messages"].create(
        {"key": str, "platform": str, "group_key": str, "group_name": str, "msg_id": str,
         "sender_id": str, "sender": str, "ts": str, "ts_epoch": float, "text": str,
         "media": str, "reply_to": str, "forwarded_from": str, "mentions": str, "edited": int,
         "system": int, "raw": str, "source": str, "ingested_at": str},
        pk="key",
    )
    db["messages"].create_index(["ts_epoch"])
    db["messages"].create_index(["group_key", "ts_epoch"])
    db["classifications"].create(
        {"key": str, "model_version": str, "kind": str, "demands": str, "confidence": float,
         "p_actionable": float, "classified_at": str},
        pk=("key", "model_version"),
    )
    db["corrections"].create(
        {"id": int, "key": str, "text": str, "kind": str, "demands": str, "by": str,
         "at": str},
        pk="id",
    )
    db["subscriptions"].create(
        {"platform": str, "user_id": str, "chat_id": str, "name": str, "at": str, "tz": str},
        pk=("platform", "user_id"),
    )
    db["digests"].create(
        {"id": int, "platform": str, "user_id": str, "date": str, "sent_at": str, "items": int},
        pk="id",
    )
    db["state"].create({"name": str, "value": str}, pk="name")


MIGRATIONS = [("001_initial", _m001_initial)]

# A member seen again keeps the widest first/last seen; "posted" never overrides a known source.
TOUCH_MEMBER = (
    "insert into members (group_key, member_id, name, source, first_seen, last_seen) "
    "values (?, ?, ?, ?, ?, ?) on conflict(group_key, member_id) do update set "
    "name = excluded.name, last_seen = max(members.last_seen, excluded.last_seen), "
    "first_seen = min(members.first_seen, excluded.first_seen), "
    "source = case when members.source = 'posted' then excluded.source "
    "else members.source end")


class Store:
    """All reads and writes of jianfu's data. Open with a path, or `memory=True` for tests."""

    def __init__(self, path: str | Path | None = None, *, memory: bool = False):
        if memory or path is None:
            self.db = sqlite_utils.Database(memory=True)
        else:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite_utils.Database(str(path))
            self.db.enable_wal()
            # 32 MiB page cache (default 2): a big import touches many index pages.
            self.db.execute("PRAGMA cache_size = -32768")
        self.db.execute("PRAGMA busy_timeout = 5000")
        self._migrate()

    def close(self) -> None:
        self.db.close()

    def _migrate(self) -> None:
        done_table = self.db["_migrations"]
        if not done_table.exists():
            done_table.create({"name": str, "applied_at": str}, pk="name")
        done = {row["name"] for row in done_table.rows}
        for name, step in MIGRATIONS:
            if name in done:
                continue
            with self.db.atomic():
                step(self.db)
                done_table.insert({"name": name, "applied_at": _now()})

    # --- writing ---

    def add_messages(self, messages: Iterable[Message], source: str = "") -> AddResult:
        """Store a batch in one transaction; messages already stored (same key) are skipped."""
        batch = list(messages)
        now = _now()
        rows: dict[str, dict[str, Any]] = {}
        for message in batch:
            key = message.key
            if key not in rows:
                rows[key] = _message_row(message, key, source, now)
        if not rows:
            return AddResult([], 0)
        # atomic(): sqlite-utils would otherwise commit (and fsync) every statement on its own.
        with self.db.atomic():
            existing = self._existing_keys(list(rows))
            new = [key for key in rows if key not in existing]
            self._insert_messages([rows[key] for key in new])
            for (platform, group_id), name in _groups(batch).items():
                self._touch_group(platform, group_id, name, now)
            self.db.conn.executemany(TOUCH_MEMBER, [
                (group_key, member_id, name, "posted", first, last)
                for (group_key, member_id), (name, first, last) in _posters(batch).items()])
        return AddResult(new, len(batch) - len(new))

    def _insert_messages(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        columns = list(rows[0])
        self.db.conn.executemany(
            f"insert or ignore into messages ({', '.join(columns)}) "
            f"values ({', '.join('?' * len(columns))})",
            [tuple(row.values()) for row in rows])

    def _existing_keys(self, keys: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(row[0] for row in self.db.execute(
                f"select key from messages where key in ({marks})", chunk))
        return found

    def _touch_group(self, platform: str, group_id: str, name: str, now: str) -> None:
        key = f"{platform}:{group_id}"
        self.db.execute(
            "insert into groups (group_key, platform, group_id, name, first_seen, updated_at) "
            "values (?, ?, ?, ?, ?, ?) on conflict(group_key) do update set "
            "name = excluded.name, updated_at = excluded.updated_at "
            "where groups.name is not excluded.name",
            [key, platform, group_id, name, now, now],
        )

    def _touch_member(self, group_key: str, member_id: str, name: str, source: str,
                      first: str, last: str | None = None) -> None:
        self.db.execute(TOUCH_MEMBER, [group_key, member_id, name, source, first, last or first])

    def set_group(self, platform: str, group_id: str, name: str) -> None:
        with self.db.atomic():
            self._touch_group(platform, group_id, name, _now())

    def add_member(self, platform: str, group_id: str, member_id: str, name: str,
                   source: str = "member_list") -> None:
        """Record that a person is in a group (from a member list, or as an export's owner)."""
        with self.db.atomic():
            self._touch_member(f"{platform}:{group_id}", member_id, name, source, _now())

    def remove_member(self, platform: str, group_id: str, member_id: str) -> bool:
        """A person left (or was removed from) a group: they no longer get its digest."""
        with self.db.atomic():
            cursor = self.db.execute(
                "delete from members where group_key = ? and member_id = ?",
                [f"{platform}:{group_id}", member_id])
        return cursor.rowcount > 0

    def add_owner(self, name: str, group_keys: Iterable[str]) -> None:
        """Whoever exported a history is a member of every group in it."""
        now = _now()
        with self.db.atomic():  # one commit for all groups, not one each
            for group_key in group_keys:
                self._touch_member(group_key, name, name, "owner", now)

    def save_classifications(self, labels: Iterable[tuple[str, str, list[str], float, float]],
                             model_version: str) -> int:
        """Store (key, kind, demands, confidence, p_actionable) rows for one model version."""
        now = _now()
        rows = [
            {"key": key, "model_version": model_version, "kind": kind,
             "demands": json.dumps(sorted(demands)), "confidence": round(confidence, 4),
             "p_actionable": round(p_actionable, 4), "classified_at": now}
            for key, kind, demands, confidence, p_actionable in labels
        ]
        with self.db.atomic():
            self.db["classifications"].upsert_all(rows, pk=("key", "model_version"))
        return len(rows)

    def move_group(self, platform: str, old_id: str, new_id: str) -> int:
        """A group got a new id (Telegram: group upgraded to supergroup); move its history."""
        old_key, new_key = f"{platform}:{old_id}", f"{platform}:{new_id}"
        with self.db.atomic():
            moved = self.db.execute(
                "update messages set group_key = ? where group_key = ?", [new_key, old_key]
            ).rowcount
            self.db.execute(
                "update or ignore members set group_key = ? where group_key = ?",
                [new_key, old_key])
            self.db.execute("delete from members where group_key = ?", [old_key])
            row = self.db.execute(
                "select name from groups where group_key = ?", [old_key]).fetchone()
            if row:
                self.db.execute("delete from groups where group_key = ?", [old_key])
                self._touch_group(platform, new_id, row[0], _now())
        return moved

    def add_correction(self, key: str | None, text: str, kind: str, demands: list[str],
                       by: str) -> None:
        with self.db.atomic():
            self.db["corrections"].insert(
                {"key": key, "text": text, "kind": kind, "demands": json.dumps(sorted(demands)),
                 "by": by, "at": _now()})

    def set_state(self, name: str, value: str) -> None:
        with self.db.atomic():
            self.db["state"].upsert({"name": name, "value": value}, pk="name")

    def get_state(self, name: str, default: str | None = None) -> str | None:
        row = self.db.execute("select value from state where name = ?", [name]).fetchone()
        return row[0] if row else default

    def setdefault_state(self, name: str, value: str) -> str:
        """The stored value of `name`, storing `value` first if there is none (atomic, so two
        processes starting at once still agree on one value)."""
        with self.db.atomic():
            self.db.execute("insert or ignore into state (name, value) values (?, ?)",
                            [name, value])
        return self.get_state(name)

    def subscribe(self, platform: str, user_id: str, chat_id: str, name: str, at: str,
                  tz: str) -> None:
        with self.db.atomic():
            self.db["subscriptions"].upsert(
                {"platform": platform, "user_id": user_id, "chat_id": chat_id, "name": name,
                 "at": at, "tz": tz}, pk=("platform", "user_id"))

    def unsubscribe(self, platform: str, user_id: str) -> bool:
        with self.db.atomic():
            cursor = self.db.execute(
                "delete from subscriptions where platform = ? and user_id = ?",
                [platform, user_id])
        return cursor.rowcount > 0

    def subscriptions(self, platform: str | None = None) -> list[dict[str, Any]]:
        where, args = ("platform = ?", [platform]) if platform else (None, None)
        return list(self.db["subscriptions"].rows_where(where, args))

    def log_digest(self, platform: str, user_id: str, date: str, items: int) -> None:
        with self.db.atomic():
            self.db["digests"].insert({"platform": platform, "user_id": user_id, "date": date,
                                       "sent_at": _now(), "items": items})

    # --- reading ---

    def unclassified(self, model_version: str, batch_size: int = 2000) -> Iterator[list[tuple[str, str]]]:
        """Batches of (key, text) of messages that this model version has not labelled yet."""
        last = ""
        while True:
            rows = self.db.execute(
                "select m.key, m.text from messages m left join classifications c "
                "on c.key = m.key and c.model_version = ? where c.key is null and m.key > ? "
                "order by m.key limit ?", [model_version, last, batch_size]).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield rows

    def count_messages(self) -> int:
        return self.db["messages"].count

    def groups(self) -> list[dict[str, Any]]:
        return list(self.db["groups"].rows_where(order_by="group_key"))

    def members(self, group_key: str | None = None) -> list[dict[str, Any]]:
        if group_key:
            return list(self.db["members"].rows_where("group_key = ?", [group_key]))
        return list(self.db["members"].rows)

    def member_counts(self) -> dict[str, int]:
        """How many members (listed, owners or posters) each group is known to have."""
        return dict(self.db.execute(
            "select group_key, count(*) from members group by group_key").fetchall())

    def groups_of(self, person: str) -> set[str]:
        """Group keys where `person` (a member id or display name) is known to be a member."""
        return {row[0] for row in self.db.execute(
            "select distinct group_key from members where member_id = ? or name = ?",
            [person, person])}

    def groups_of_member(self, platform: str, member_id: str) -> set[str]:
        """Access control: groups of this platform where this exact account is a member."""
        return {row[0] for row in self.db.execute(
            "select distinct group_key from members where member_id = ? and group_key like ?",
            [member_id, f"{platform}:%"])}

    def group_keys_named(self, names: Iterable[str]) -> set[str]:
        names = list(names)
        marks = ",".join("?" * len(names))
        return {row[0] for row in self.db.execute(
            f"select group_key from groups where name in ({marks}) or group_key in ({marks})",
            names + names)}

    def messages_between(self, start: datetime, end: datetime, model_version: str,
                         group_keys: Iterable[str] | None = None) -> list[Classified]:
        """Messages with start <= ts < end in time order, each with its label (if any)."""
        return list(self.iter_messages_between(start, end, model_version, group_keys))

    def iter_messages_between(self, start: datetime, end: datetime, model_version: str,
                              group_keys: Iterable[str] | None = None) -> Iterator[Classified]:
        """`messages_between` one at a time, for a pass over a long period that keeps few."""
        sql = (f"select {_CLASSIFIED_COLUMNS} from messages m "
               "left join classifications c on c.key = m.key and c.model_version = ? "
               "where m.ts_epoch >= ? and m.ts_epoch < ?")
        args: list[Any] = [model_version, start.timestamp(), end.timestamp()]
        if group_keys is not None:
            keys = list(group_keys)
            if not keys:
                return
            sql += f" and m.group_key in ({','.join('?' * len(keys))})"
            args += keys
        sql += " order by m.ts_epoch, m.rowid"
        cursor = self.db.execute(sql, args)
        names = [d[0] for d in cursor.description]
        rows = _Rows()
        for row in cursor:
            yield rows.classified(dict(zip(names, row)))

    def message(self, key: str, model_version: str) -> Classified | None:
        cursor = self.db.execute(
            f"select {_CLASSIFIED_COLUMNS} from messages m "
            "left join classifications c on c.key = m.key and c.model_version = ? "
            "where m.key = ? or m.msg_id = ? limit 1", [model_version, key, key])
        row = cursor.fetchone()
        if row is None:
            return None
        return _Rows().classified(dict(zip([d[0] for d in cursor.description], row)))

    def message_times(self, group_keys: Iterable[str] | None = None) -> Iterator[float]:
        """Stored messages' times (epoch seconds), for per-day counts in any time zone."""
        sql, args = "select ts_epoch from messages", []
        if group_keys is not None:
            args = list(group_keys)
            sql += f" where group_key in ({','.join('?' * len(args))})"
        for (epoch,) in self.db.execute(sql, args):
            yield epoch

    def corrections(self) -> list[dict[str, Any]]:
        return list(self.db["corrections"].rows_where(order_by="id"))

    def time_span(self) -> tuple[float, float] | None:
        row = self.db.execute("select min(ts_epoch), max(ts_epoch) from messages").fetchone()
        return None if row[0] is None else (row[0], row[1])


def _groups(batch: list[Message]) -> dict[tuple[str, str], str]:
    return {(m.platform, m.group_id): m.group for m in batch}


def _posters(batch: list[Message]) -> dict[tuple[str, str], tuple[str, str, str]]:
    """(group, member) → (latest name, first and last time posted) in this batch."""
    posters: dict[tuple[str, str], tuple[str, str, str]] = {}
    for m in batch:
        if m.system:
            continue
        member, stamp = (m.group_key, m.sender_id or m.sender), m.ts.isoformat()
        _, first, last = posters.get(member, (m.sender, stamp, stamp))
        posters[member] = (m.sender, min(first, stamp), max(last, stamp))
    return posters


def _message_row(message: Message, key: str, source: str, now: str) -> dict[str, Any]:
    return {
        "key": key, "platform": message.platform, "group_key": message.group_key,
        "group_name": message.group, "msg_id": message.msg_id, "sender_id": message.sender_id,
        "sender": message.sender, "ts": message.ts.isoformat(),
        "ts_epoch": message.ts.timestamp(), "text": message.text, "media": message.media,
        "reply_to": message.reply_to, "forwarded_from": message.forwarded_from,
        "mentions": (json.dumps(list(message.mentions), ensure_ascii=False)
                     if message.mentions else "[]"),
        "edited": int(message.edited), "system": int(message.system),
        "raw": message.raw_json(), "source": source, "ingested_at": now,
    }


# What a Classified needs: not the raw record, which is most of a row's bytes.
_CLASSIFIED_COLUMNS = ", ".join(
    [f"m.{name}" for name in ("key", "group_key", "group_name", "msg_id", "sender_id", "sender",
                              "ts", "text", "media", "reply_to", "forwarded_from", "mentions",
                              "edited", "system")]
    + [f"c.{name}" for name in ("kind", "demands", "confidence", "p_actionable")])


class _Rows:
    """Turns rows into Classified records that share what rows repeat (group, sender, kind,
    demand lists, time zone) instead of holding a copy each: a report over a year of messages
    holds every one of them, and the copies were about a third of its memory."""

    def __init__(self) -> None:
        self._seen: dict[Any, Any] = {}
        self._lists: dict[str | None, tuple[str, ...]] = {}

    def same(self, value):
        return value if value is None else self._seen.setdefault(value, value)

    def names(self, text: str | None) -> tuple[str, ...]:
        """A stored JSON list (demands, mentions) as a tuple, one tuple per distinct list."""
        found = self._lists.get(text)
        if found is None:
            found = self._lists[text] = tuple(json.loads(text or "[]"))
        return found

    def moment(self, text: str) -> datetime:
        moment = datetime.fromisoformat(text)
        zone = self.same(moment.tzinfo)
        return moment if zone is moment.tzinfo else moment.replace(tzinfo=zone)

    def classified(self, row: dict[str, Any]) -> Classified:
        platform, _, group_id = row["group_key"].partition(":")
        message = Message(
            platform=self.same(platform), group_id=self.same(group_id),
            group=self.same(row["group_name"]), sender=self.same(row["sender"]),
            ts=self.moment(row["ts"]), text=row["text"], msg_id=row["msg_id"],
            sender_id=self.same(row["sender_id"]), media=row["media"], reply_to=row["reply_to"],
            forwarded_from=row["forwarded_from"], mentions=self.names(row["mentions"]),
            edited=bool(row["edited"]), system=bool(row["system"]),
        )
        return Classified(
            message=message, key=row["key"], kind=self.same(row["kind"]) or "unclassified",
            demands=self.names(row["demands"]),
            confidence=row["confidence"] if row["confidence"] is not None else 0.0,
            p_actionable=row["p_actionable"] if row["p_actionable"] is not None else 0.0,
        )
