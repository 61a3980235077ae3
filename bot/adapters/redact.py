"""Keeping secrets (bot tokens, service endpoints) out of log output, for every adapter.

Platform libraries put them in what they log (python-telegram-bot and httpx log URLs that
contain the token). A logger's own filters miss records of its child loggers, so the filter
goes on the root logger's handlers, which every record reaches.
"""
from __future__ import annotations

import logging


class Redact(logging.Filter):
    """Blanks the given secrets out of every record (message and traceback) it sees."""

    def __init__(self, *secrets: str):
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def clean(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "<secret>")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        if self.clean(text) != text:
            record.msg, record.args = self.clean(text), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.clean(record.exc_text)
        return True

    def install(self) -> None:
        """On every handler of the root logger (do it before the library first logs)."""
        for handler in logging.getLogger().handlers:
            handler.addFilter(self)

    def uninstall(self) -> None:
        for handler in logging.getLogger().handlers:
            handler.removeFilter(self)
