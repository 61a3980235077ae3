"""The one interface every platform adapter implements."""
from __future__ import annotations

from abc import ABC, abstractmethod

from bot.service import Jianfu


class AdapterError(RuntimeError):
    """A fatal, explained start-up problem (bad token, second instance, unreachable service)."""


class Adapter(ABC):
    platform: str = ""

    def __init__(self, core: Jianfu):
        self.core = core
        self.config = core.config

    @abstractmethod
    async def run(self) -> None:
        """Connect, record messages and answer commands until cancelled or stop() is called."""

    @abstractmethod
    async def stop(self) -> None:
        """Disconnect cleanly; what was received is already stored."""
