"""The second readings in data/agreement stay tied to the corpus they were read from."""
import json
from pathlib import Path

import pytest

from classifiers.corpus import HELDOUT_DIR, TRAIN_DIR, load_examples
from classifiers.evaluation import writer_of
from classifiers.labels import ACTIONABLE, DEMANDS, KINDS

AGREEMENT = Path(__file__).resolve().parents[1] / "data" / "agreement"


def rows(name: str) -> list[dict]:
    with (AGREEMENT / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def corpus_by_id(folder: Path) -> dict:
    by_id = {}
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8-sig") as handle:
            by_id.update((r["id"], r) for r in map(json.loads, filter(str.strip, handle)))
    return by_id


def valid(label: dict) -> bool:
    demands = label["demands"]
    if label["kind"] not in KINDS or demands != sorted(demands) or not set(demands) <= set(DEMANDS):
        return False
    if label["kind"] == "evidence_demand":
        return bool(set(demands) - {"ranking"})
    return set(demands) <= ({"ranking"} if label["kind"] in ACTIONABLE else set())


@pytest.mark.parametrize("name, folder, who", [
    ("heldout-sample.jsonl", HELDOUT_DIR, ("writer", "reader_a", "reader_b")),
    ("train-disputes.jsonl", TRAIN_DIR, ("writer", "model_out_of_fold", "reader")),
])
def test_readings_match_the_corpus_and_the_label_rules(name, folder, who):
    corpus = corpus_by_id(folder)
    for row in rows(name):
        source = corpus[row["id"]]
        assert row["text"] == source["text"]
        assert row["writer"] == {"kind": source["kind"], "demands": sorted(source["demands"])}
        assert all(valid(row[w]) for w in who), row["id"]


# The sample was drawn from the eleven held-out writers of its time; hl–hp came later and were not
# read a second time.
SAMPLED_WRITERS = {"ha", "hb", "hc", "hd", "he", "hf", "hg", "hh", "hi", "hj", "hk"}


def test_the_sample_covers_the_heldout_writers_it_was_drawn_from():
    writers = {r["id"].split("-")[0] for r in rows("heldout-sample.jsonl")}
    assert writers == SAMPLED_WRITERS
    assert writers <= {writer_of(e) for e in load_examples(HELDOUT_DIR)}
