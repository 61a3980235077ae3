"""jianfu's message classifier. Public API: `load_classifier`, `Classifier`, `Label`, label names."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from classifiers.labels import ACTIONABLE, DEMAND_LABELS, DEMANDS, KIND_LABELS, KINDS
from classifiers.model import Label, MessageClassifier
from classifiers.persist import SHIPPED_MODEL, ModelError

__all__ = ["ACTIONABLE", "DEMANDS", "DEMAND_LABELS", "KINDS", "KIND_LABELS", "Classifier",
           "Label", "MessageClassifier", "ModelError", "load_classifier", "default_model_path"]


SHORT_TEXT = 16
CACHE_LIMIT = 50_000


@dataclass
class Classifier:
    """A loaded model with its metadata; `version` tags stored classifications.

    Short texts are remembered: "收到", "好的", "[图片]" and their kin are most of a work group's
    traffic and always get the same label, so each is vectorized once per process.
    """

    model: MessageClassifier
    meta: dict
    path: Path
    _short: dict[str, Label] = field(default_factory=dict, repr=False)

    @property
    def version(self) -> str:
        return self.meta.get("model_version", "unknown")

    def label(self, texts: list[str]) -> list[Label]:
        todo = list(dict.fromkeys(t for t in texts if t not in self._short))
        fresh = dict(zip(todo, self.model.label(todo))) if todo else {}
        if len(self._short) < CACHE_LIMIT:
            self._short.update((t, l) for t, l in fresh.items() if len(t) <= SHORT_TEXT)
        return [self._short.get(t) or fresh[t] for t in texts]


def default_model_path() -> Path:
    """$JIANFU_MODEL, else the model shipped in the package."""
    return Path(os.environ.get("JIANFU_MODEL") or SHIPPED_MODEL)


def _cache_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "jianfu" / "jianfu.pkl.gz"


def load_classifier(path: str | Path | None = None) -> Classifier:
    """Load a model written by jianfu. Without a path: the shipped model, or — when it was
    written by another scikit-learn — a model retrained once from data/ and cached."""
    from classifiers import persist

    if path is not None:
        model, meta = persist.load(path)
        return Classifier(model, meta, Path(path))
    shipped = default_model_path()
    try:
        model, meta = persist.load(shipped)
        return Classifier(model, meta, shipped)
    except ModelError as shipped_error:
        cached = _cache_path()
        try:
            model, meta = persist.load(cached)
            return Classifier(model, meta, cached)
        except ModelError:
            pass
        from classifiers.corpus import TRAIN_DIR
        if not TRAIN_DIR.exists():
            raise shipped_error
        from classifiers.training import train
        print(f"jianfu: {shipped_error}\njianfu: training once from {TRAIN_DIR.parent} into "
              f"{cached} …", file=sys.stderr)
        train(out=cached)
        model, meta = persist.load(cached)
        return Classifier(model, meta, cached)
