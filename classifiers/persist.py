"""Saving and loading the trained classifier with its metadata.

The model file is a gzipped pickle written by jianfu itself (the C unpickler loads it several
times faster than joblib's Python one, which matters for a one-message cold start); metadata
(library versions, data hash, held-out scores) sits beside it as JSON and is checked *before*
unpickling, so a model written by another scikit-learn version is retrained or rejected with a
clear message. Only load files you made: unpickling runs code.
"""
from __future__ import annotations

import json
import os
import platform
import warnings
from pathlib import Path

import gzip
import pickle

import sklearn

from classifiers.model import FEATURE_SET, MessageClassifier

SHIPPED_MODEL = Path(__file__).with_name("model") / "jianfu.pkl.gz"
FORMAT_VERSION = 1


class ModelError(RuntimeError):
    """The model cannot be used; the message says what to do."""


def metadata_path(model_path: str | Path) -> Path:
    """`model/jianfu.pkl.gz` → `model/jianfu.json`."""
    path = Path(model_path)
    return path.with_name(path.name.split(".")[0] + ".json")


def save(model: MessageClassifier, path: str | Path, metadata: dict) -> dict:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = {
        "format": FORMAT_VERSION,
        "sklearn": sklearn.__version__,
        "python": platform.python_version(),
        "params": model.get_params(),
        "feature_set": FEATURE_SET,
        **metadata,
    }
    temporary = path.with_name(path.name + ".tmp")
    with gzip.GzipFile(temporary, "wb", compresslevel=6, mtime=0) as handle:
        pickle.dump(model, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)
    metadata_path(path).write_text(json.dumps(meta, ensure_ascii=False, indent=2, default=str) + "\n",
                                   encoding="utf-8")
    return meta


def read_metadata(path: str | Path) -> dict:
    meta_file = metadata_path(path)
    if not Path(path).exists() or not meta_file.exists():
        raise ModelError(f"no model at {path}: run `jianfu train` first")
    return json.loads(meta_file.read_text(encoding="utf-8"))


def check_compatible(meta: dict, path: str | Path) -> None:
    if meta.get("format") != FORMAT_VERSION or _minor(meta.get("sklearn")) != _minor(sklearn.__version__):
        raise ModelError(
            f"the model at {path} was written by scikit-learn {meta.get('sklearn')} "
            f"(format {meta.get('format')}); this is scikit-learn {sklearn.__version__}. "
            "Run `jianfu train` to rebuild it for this installation.")
    if meta.get("feature_set") != FEATURE_SET:
        # The feature code is not pickled with the model: an old model would see other columns.
        raise ModelError(
            f"the model at {path} was built for features {meta.get('feature_set')!r}; this jianfu "
            f"computes {FEATURE_SET!r}. Run `jianfu train` to rebuild it.")


def _minor(version: str | None) -> str:
    """Pickles are kept across patch releases of scikit-learn, not across minor ones."""
    return ".".join(str(version).split(".")[:2])


def load(path: str | Path) -> tuple[MessageClassifier, dict]:
    meta = read_metadata(path)
    check_compatible(meta, path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with gzip.open(path, "rb") as handle:
            model = pickle.load(handle)
    if not isinstance(model, MessageClassifier):
        raise ModelError(f"{path} does not hold a jianfu classifier")
    return model, meta
