"""Training the shipped classifier from data/ (plus stored corrections) and recording its scores."""
from __future__ import annotations

import hashlib
import json
import time
from datetime import datetime, timezone
from pathlib import Path

import jieba
import numpy as np
import scipy
import sklearn

from classifiers import persist
from classifiers.corpus import HELDOUT_DIR, TRAIN_DIR, Example, data_hash, jsonl_files, load_examples
from classifiers.evaluation import score
from classifiers.model import FEATURE_SET, MessageClassifier
from classifiers.tokenize import backend


def fit(examples: list[Example], **params) -> MessageClassifier:
    model = MessageClassifier(**params)
    return model.fit([e.text for e in examples], [e.kind for e in examples],
                     [e.demands for e in examples])


def model_version(data: str, model: MessageClassifier, corrections: int) -> str:
    """Changes whenever the data, the parameters or scikit-learn change: stored labels of an
    older model are then recomputed instead of reused."""
    basis = json.dumps([data, model.get_params(), FEATURE_SET, sklearn.__version__, corrections],
                       sort_keys=True)
    return f"{data[:8]}-{hashlib.sha256(basis.encode()).hexdigest()[:8]}"


def train(data_dir: str | Path | None = None, out: str | Path | None = None,
          extra: list[Example] | None = None, heldout_dir: str | Path | None = None) -> dict:
    """Fit on `<data>/corpus/train` (+ extra examples), score on the held-out split, save."""
    train_dir = Path(data_dir) / "corpus" / "train" if data_dir else TRAIN_DIR
    heldout = Path(heldout_dir) if heldout_dir else (
        Path(data_dir) / "corpus" / "heldout" if data_dir else HELDOUT_DIR)
    examples = load_examples(train_dir) + list(extra or [])
    started = time.perf_counter()
    model = fit(examples)
    seconds = time.perf_counter() - started
    held = load_examples(heldout) if heldout.exists() else []
    scores = score(held, model.label([e.text for e in held])) if held else None
    files = jsonl_files(train_dir)
    meta = persist.save(model, out or persist.SHIPPED_MODEL, {
        "trained_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "train_examples": len(examples),
        "corrections": len(extra or []),
        "data_hash": data_hash(files),
        "model_version": model_version(data_hash(files), model, len(extra or [])),
        "fit_seconds": round(seconds, 2),
        "tokenizer": backend(),
        "versions": {"scikit-learn": sklearn.__version__, "numpy": np.__version__,
                     "scipy": scipy.__version__, "jieba": jieba.__version__},
        "heldout": scores,
    })
    return meta
