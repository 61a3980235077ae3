"""Shared fixtures: a small model trained once per session, an in-memory store."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.store import Store
from classifiers import load_classifier
from classifiers.corpus import load_examples
from classifiers.training import fit
from classifiers import persist

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def tiny_examples():
    return load_examples(FIXTURES / "tiny_corpus.jsonl")


@pytest.fixture(scope="session")
def tiny_model_path(tmp_path_factory, tiny_examples):
    path = tmp_path_factory.mktemp("model") / "tiny.pkl.gz"
    model = fit(tiny_examples, calibration_cv=3)
    persist.save(model, path, {"model_version": "tiny-test", "data_hash": "fixture"})
    return path


@pytest.fixture(scope="session")
def tiny_classifier(tiny_model_path):
    return load_classifier(tiny_model_path)


@pytest.fixture
def store():
    db = Store(memory=True)
    yield db
    db.close()
