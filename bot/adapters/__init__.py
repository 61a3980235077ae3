"""Platform adapters: the only code that imports a chat platform's library.

Each adapter turns platform objects into `bot.record.Message`, hands them to `bot.service.Jianfu`
and answers private commands through `bot.commands`. See `base.Adapter`.
"""
