"""The core that every platform adapter calls: store first, then classify; digests with access
control; corrections. No platform code here — adapters translate to and from `Message`."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from bot.config import Config
from bot.digest import Digest, build_digest
from bot.ingest.run import classify_pending, label_and_save
from bot.record import Message, key_for_id
from bot.store import Store
from classifiers.labels import DEMANDS, KINDS


class Jianfu:
    def __init__(self, store: Store, classifier, config: Config):
        self.store = store
        self.classifier = classifier
        self.config = config

    def receive(self, messages: Iterable[Message], source: str = "live") -> list[str]:
        """Store the messages (nothing is lost if classifying fails), then label the new ones."""
        batch = list(messages)
        result = self.store.add_messages(batch, source=source)
        if result.new:
            fresh = set(result.new)
            label_and_save(self.store, self.classifier,
                           [(m.key, m.text) for m in batch if m.key in fresh])
        return result.new

    def catch_up(self) -> int:
        """Label anything stored but not yet classified (after a crash between the two steps)."""
        return classify_pending(self.store, self.classifier)

    def member_groups(self, platform: str, user_id: str) -> set[str]:
        return self.store.groups_of_member(platform, user_id)

    def digest_for(self, platform: str, user_id: str, name: str, day: date) -> Digest | None:
        """The requester's digest over exactly the groups they are a member of; None if none."""
        groups = self.member_groups(platform, user_id)
        if not groups:
            return None
        return build_digest(self.store, day, model_version=self.classifier.version,
                            tz=self.config.tz, cadre=name, group_keys=groups,
                            low_confidence=self.config.digest.low_confidence,
                            doubtful_from=self.config.digest.doubtful_from)

    def correct(self, platform: str, group_id: str, msg_id: str, kind: str, by: str) -> bool:
        """Store a /wrong correction for a message; `jianfu train --db` learns from it."""
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}; one of: {', '.join(KINDS)}")
        stored = self.store.message(key_for_id(platform, group_id, msg_id),
                                    self.classifier.version)
        if stored is None:
            return False
        demands = [d for d in stored.demands if d in DEMANDS] if kind == "evidence_demand" else []
        self.store.add_correction(stored.key, stored.message.text, kind, demands, by)
        return True

