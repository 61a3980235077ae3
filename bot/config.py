"""Configuration: config.toml (see config.example.toml), with tokens and endpoints also from the
environment. Secrets are kept out of repr() so they never reach a log line."""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class ConfigError(ValueError):
    pass


@dataclass
class TelegramConfig:
    token: str = field(default="", repr=False)
    base_url: str = "https://api.telegram.org/bot"
    base_file_url: str = ""  # empty: derived from base_url (…/bot → …/file/bot)
    poll_timeout: int = 30

    @property
    def enabled(self) -> bool:
        return bool(self.token)


@dataclass
class WechatConfig:
    endpoint: str = field(default="", repr=False)
    token: str = field(default="", repr=False)
    heartbeat_seconds: int = 60
    silence_seconds: int = 300

    @property
    def enabled(self) -> bool:
        return bool(self.endpoint or self.token)


@dataclass
class DigestConfig:
    time: str = "08:00"
    max_chars: int = 4096
    low_confidence: float = 0.7
    doubtful_from: float = 0.25


MINUTES_PER_DEMAND_TYPE = {
    "photo": 5.0, "screenshot": 2.0, "video": 8.0, "checkin": 1.0, "form": 10.0,
    "ledger": 15.0, "ack": 0.2, "download": 5.0}


@dataclass
class ReportConfig:
    """The time-cost model and the audit's thresholds (documented in config.example.toml)."""

    work_start: str = "08:30"
    work_end: str = "17:30"
    holidays: list = field(default_factory=list)  # extra rest days (dates)
    make_up_workdays: list = field(default_factory=list)  # weekend days worked (调休, dates)
    seconds_per_ack: float = 10.0
    minutes_per_submission: float = 3.0
    minutes_per_demand_type: dict = field(default_factory=lambda: dict(MINUTES_PER_DEMAND_TYPE))
    duplicate_window_hours: float = 24.0
    min_p_actionable: float = 0.5
    worst_items: int = 10
    low_use_messages_per_day: float = 1.0
    low_use_active_share: float = 0.2
    duplicate_share: float = 0.5
    duplicate_min_notices: int = 2
    evidence_heavy_share: float = 0.5
    after_hours_share: float = 0.2
    min_work_messages: int = 3
    ranking_min_messages: int = 3
    download_min_messages: int = 2
    units: dict = field(default_factory=dict)  # poster (name or platform:id) → unit (单位)
    export_dir: str = ""
    salt: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        # A [report.minutes_per_demand_type] table may name only the types it changes.
        self.minutes_per_demand_type = {**MINUTES_PER_DEMAND_TYPE, **self.minutes_per_demand_type}
        parse_clock(self.work_start)
        parse_clock(self.work_end)
        self.holidays = [parse_day(day) for day in self.holidays]
        self.make_up_workdays = [parse_day(day) for day in self.make_up_workdays]


@dataclass
class Config:
    db: str = "jianfu.db"
    timezone: str = "Asia/Shanghai"
    admins: list[str] = field(default_factory=list)
    telegram: TelegramConfig = field(default_factory=TelegramConfig)
    wechat: WechatConfig = field(default_factory=WechatConfig)
    digest: DigestConfig = field(default_factory=DigestConfig)
    report: ReportConfig = field(default_factory=ReportConfig)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def is_admin(self, platform: str, user_id: str) -> bool:
        return f"{platform}:{user_id}" in self.admins


ENVIRONMENT = {
    "JIANFU_DB": ("db",),
    "JIANFU_TELEGRAM_TOKEN": ("telegram", "token"),
    "JIANFU_TELEGRAM_BASE_URL": ("telegram", "base_url"),
    "JIANFU_WECHAT_ENDPOINT": ("wechat", "endpoint"),
    "JIANFU_WECHAT_TOKEN": ("wechat", "token"),
}


def load_config(path: str | Path | None = None, environ: dict[str, str] | None = None) -> Config:
    """Read the TOML file (if any), then let JIANFU_* environment variables override it."""
    data: dict = {}
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"{path}: no such config file (copy config.example.toml)") from None
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{path}: {error}") from None
    environ = os.environ if environ is None else environ
    for variable, keys in ENVIRONMENT.items():
        if environ.get(variable):
            target = data
            for key in keys[:-1]:
                target = target.setdefault(key, {})
            target[keys[-1]] = environ[variable]
    return _build(data, path)


def _build(data: dict, path) -> Config:
    sections = {"telegram": TelegramConfig, "wechat": WechatConfig, "digest": DigestConfig,
                "report": ReportConfig}
    try:
        parts = {name: cls(**data.pop(name, {})) for name, cls in sections.items()}
        config = Config(**data, **parts)
    except TypeError as error:
        raise ConfigError(f"{path or 'config'}: {error}") from None
    config.admins = [str(a) for a in config.admins]
    try:
        config.tz
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"unknown timezone {config.timezone!r}") from None
    parse_clock(config.digest.time)
    return config


def parse_day(value) -> date:
    """A day from TOML: a date (holidays = [2026-04-06]) or a string "2026-04-06"."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"not a date YYYY-MM-DD: {value!r}") from None


def parse_clock(text: str) -> time:
    try:
        hours, minutes = (int(part) for part in text.strip().split(":"))
        return time(hours, minutes)
    except ValueError:
        raise ConfigError(f"not a clock time HH:MM: {text!r}") from None
