"""`jianfu run`: start every configured adapter over one store and one classifier."""
from __future__ import annotations

import asyncio
import logging
import signal

from bot.adapters.base import Adapter, AdapterError
from bot.config import Config
from bot.service import Jianfu
from bot.store import Store

log = logging.getLogger("jianfu")


def build_adapters(core: Jianfu) -> list[Adapter]:
    adapters: list[Adapter] = []
    if core.config.telegram.enabled:
        from bot.adapters.telegram import TelegramAdapter
        adapters.append(TelegramAdapter(core))
    if core.config.wechat.enabled:
        from bot.adapters.wechat import WechatAdapter
        adapters.append(WechatAdapter(core))
    return adapters


async def run(config: Config, classifier) -> None:
    """Run until SIGINT/SIGTERM or until an adapter fails for good (then raise AdapterError)."""
    store = Store(config.db)
    core = Jianfu(store, classifier, config)
    core.catch_up()
    adapters = build_adapters(core)
    if not adapters:
        store.close()
        raise AdapterError("no adapter configured: set [telegram] token or [wechat] endpoint/token")
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    tasks = [asyncio.create_task(a.run(), name=a.platform) for a in adapters]
    stopper = asyncio.create_task(stop.wait())
    try:
        done, _ = await asyncio.wait([*tasks, stopper], return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            if task is not stopper and task.exception():
                raise task.exception()
    finally:
        for adapter in adapters:
            await adapter.stop()
        for task in [*tasks, stopper]:
            task.cancel()
        await asyncio.gather(*tasks, stopper, return_exceptions=True)
        store.close()
        log.info("stopped")
