"""`jianfu train` and `jianfu evaluate` through the CLI, on a tiny corpus laid out like data/."""
import json
import shutil

from click.testing import CliRunner

from bot.cli import cli
from bot.store import Store
from classifiers.persist import read_metadata
from tests.conftest import FIXTURES


def tiny_data(tmp_path):
    train = tmp_path / "data" / "corpus" / "train"
    train.mkdir(parents=True)
    shutil.copy(FIXTURES / "tiny_corpus.jsonl", train / "tiny.jsonl")
    return tmp_path / "data"


def test_train_learns_stored_corrections_and_records_them(tmp_path):
    db = tmp_path / "j.db"
    store = Store(db)
    store.add_correction(None, "明天上午村部集合，带上扫帚", "directive", [], "telegram:42")
    store.close()
    out = tmp_path / "model" / "m.pkl.gz"
    result = CliRunner().invoke(cli, ["train", "--data", str(tiny_data(tmp_path)), "--out", str(out),
                                      "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "1 corrections" in result.output
    meta = read_metadata(out)
    assert meta["corrections"] == 1 and meta["train_examples"] == 81
    plain = tmp_path / "model" / "plain.pkl.gz"
    CliRunner().invoke(cli, ["train", "--data", str(tmp_path / "data"), "--out", str(plain)])
    # another model, another version: labels stored by the old one are recomputed
    assert read_metadata(plain)["model_version"] != meta["model_version"]


def test_evaluate_prints_scores_as_json(tmp_path, tiny_model_path):
    result = CliRunner().invoke(cli, ["evaluate", "--data", str(FIXTURES / "tiny_corpus.jsonl"),
                                      "--model", str(tiny_model_path), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert {"macro_f1", "per_kind", "confusion", "actionable_recall", "demands"} <= set(scores)
    assert scores["messages"] == 80


def test_evaluate_scores_each_writer_of_a_folder(tmp_path, tiny_model_path):
    lines = (FIXTURES / "tiny_corpus.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "aa-01.jsonl").write_text("".join(lines[:30]), encoding="utf-8")
    (tmp_path / "bb-01.jsonl").write_text("".join(lines[30:]), encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", "--data", str(tmp_path), "--model",
                                      str(tiny_model_path), "--by-writer", "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert {w: s["messages"] for w, s in scores["by_writer"].items()} == {"aa": 30, "bb": 50}
    table = CliRunner().invoke(cli, ["evaluate", "--data", str(tmp_path), "--model",
                                     str(tiny_model_path), "--by-writer"]).output
    assert "\naa " in table and "\nbb " in table


def test_evaluate_reports_a_bad_file_with_its_line(tmp_path, tiny_model_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "收到", "kind": "ack"}\n{"text": "x", "kind": "urgent"}\n',
                   encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", "--data", str(bad), "--model", str(tiny_model_path)])
    assert result.exit_code == 1 and "bad.jsonl:2" in result.output


def test_evaluate_reads_a_file_saved_with_a_byte_order_mark(tmp_path, tiny_model_path):
    marked = tmp_path / "excel.jsonl"  # Windows tools often save UTF-8 with a BOM
    marked.write_text('{"text": "收到", "kind": "ack"}\n', encoding="utf-8-sig")
    result = CliRunner().invoke(cli, ["evaluate", "--data", str(marked), "--model",
                                      str(tiny_model_path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["messages"] == 1
