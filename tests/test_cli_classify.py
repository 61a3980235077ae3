import json

from click.testing import CliRunner

from bot.cli import cli


def run(args, stdin=""):
    return CliRunner().invoke(cli, args, input=stdin)


def test_classify_adds_labels_in_input_order(tiny_model_path):
    lines = [{"id": str(i), "text": t} for i, t in enumerate(["收到", "请各村明天上午报送台账", "[图片]"])]
    result = run(["classify", "--model", str(tiny_model_path)],
                 "\n".join(json.dumps(l, ensure_ascii=False) for l in lines) + "\n")
    assert result.exit_code == 0, result.output
    out = [json.loads(l) for l in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["0", "1", "2"]
    assert all({"kind", "demands", "confidence"} <= set(o) for o in out)
    assert out[0]["kind"] == "ack"


def test_bad_line_stops_with_its_number(tiny_model_path):
    stdin = '{"text": "收到"}\nnot json\n{"text": "好的"}\n'
    result = run(["classify", "--model", str(tiny_model_path)], stdin)
    assert result.exit_code == 2
    assert "line 2" in result.stderr and "Traceback" not in result.output
    assert len(result.stdout.splitlines()) == 1


def test_skip_bad_reports_and_goes_on(tiny_model_path):
    stdin = '{"text": "收到"}\n{"id": "x"}\n[1, 2]\n{"text": "好的"}\n'
    result = run(["classify", "--model", str(tiny_model_path), "--skip-bad"], stdin)
    assert result.exit_code == 0
    assert "line 2: missing field 'text'" in result.stderr
    assert "line 3" in result.stderr
    assert len(result.stdout.splitlines()) == 2


def test_unusable_model_is_a_message_not_a_traceback(tmp_path):
    result = run(["classify", "--model", str(tmp_path / "missing.pkl.gz")], '{"text": "收到"}\n')
    assert result.exit_code == 1
    assert "jianfu train" in result.output
