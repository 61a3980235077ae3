"""Configuration: config.toml (see config.example.toml), with tokens and endpoints also from the
environment. Secrets are kept out of repr() so they never reach a log line."""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class ConfigError(ValueError):
    pass


@dataclass
class TelegramConfig:
    token: str = field(default="", repr=False)
    base_url: str = "https://api.telegram.org/bot"
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
    low_confidence: float = 0.6


@dataclass
class ReportConfig:
    """The time-cost model and the audit's thresholds (documented in config.example.toml)."""

    work_start: str = "08:30"
    work_end: str = "17:30"
    seconds_per_ack: float = 10.0
    minutes_per_submission: float = 3.0
    minutes_per_demand_type: dict = field(default_factory=lambda: {
        "photo": 5.0, "screenshot": 2.0, "video": 8.0, "checkin": 1.0, "form": 10.0,
        "ledger": 15.0, "ack": 0.2, "download": 5.0})
    low_use_messages_per_day: float = 1.0
    low_use_active_share: float = 0.2
    duplicate_share: float = 0.5
    evidence_heavy_share: float = 0.3
    after_hours_share: float = 0.2
    salt: str = field(default="", repr=False)


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


def parse_clock(text: str) -> time:
    try:
        hours, minutes = (int(part) for part in text.strip().split(":"))
        return time(hours, minutes)
    except ValueError:
        raise ConfigError(f"not a clock time HH:MM: {text!r}") from None
