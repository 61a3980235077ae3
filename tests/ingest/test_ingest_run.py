import csv
import json
import shutil
from datetime import datetime

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.ingest import detect_format
from bot.ingest.common import MAX_TEXT, IngestError
from bot.ingest.run import ingest_paths
from bot.ingest.wechat import MEMOTRACE_HEADER
from tests.ingest.conftest import SAMPLES, SHANGHAI

EXPORTS = {  # one good sample of each format, and what it holds
    "telegram/single_group.json": ("telegram", 13),
    "telegram/full_export/result.json": ("telegram", 5),
    "wechat/城关镇网格员工作群/城关镇网格员工作群_utf8.csv": ("wechat-memotrace", 17),
    "wechat/pywxdump/25123456789@chatroom/25123456789@chatroom_0_5001.csv": ("wechat-pywxdump", 15),
    "qq/全部消息记录.txt": ("qq", 8),
    "wecom/msgaudit.jsonl": ("wecom", 10),
    "jsonl/naive_and_nul.jsonl": ("jsonl", 4),
}


@pytest.mark.parametrize("name", EXPORTS)
def test_auto_detection_picks_each_format(name):
    assert detect_format(SAMPLES / name) == EXPORTS[name][0]


@pytest.mark.parametrize("name", ["wechat/wrong_header.csv",
                                  "wechat/pywxdump/25123456789@chatroom/users.json"])
def test_auto_detection_does_not_guess(name):
    with pytest.raises(IngestError, match="unknown format"):
        detect_format(SAMPLES / name)


@pytest.mark.parametrize("name", EXPORTS)
def test_ingesting_twice_adds_nothing_the_second_time(store, name):
    first = ingest_paths(store, [SAMPLES / name], tz=SHANGHAI)
    again = ingest_paths(store, [SAMPLES / name], tz=SHANGHAI)
    count = EXPORTS[name][1]
    assert (first.read, first.new, first.duplicate) == (count, count, 0)
    assert (again.read, again.new, again.duplicate) == (count, 0, count)
    assert store.count_messages() == count


def test_cli_reports_each_bad_file_and_line_and_goes_on(tmp_path):
    db = tmp_path / "j.db"
    good = SAMPLES / "wecom" / "msgaudit.jsonl"
    result = CliRunner().invoke(cli, ["ingest", str(SAMPLES / "wechat" / "wrong_header.csv"),
                                      str(good), str(tmp_path / "missing.json"), "--db", str(db),
                                      "--no-classify"])
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert "3 files: 10 read, 10 new, 0 duplicate, 4 rejected" in result.stdout
    assert "wrong_header.csv: unknown format" in result.stderr
    assert f"rejected: {good}:11: not valid JSON" in result.stderr
    assert f"rejected: {good}:12: missing field 'msgtime'" in result.stderr
    assert "missing.json: no such file" in result.stderr


def test_explicit_format_with_wrong_header_names_the_expected_one(store):
    summary = ingest_paths(store, [SAMPLES / "wechat" / "wrong_header.csv"],
                           fmt="wechat-memotrace")
    assert summary.problems[0].line == 1
    assert "localId,TalkerId,Type" in summary.problems[0].reason


def test_a_folder_export_skips_the_media_beside_it(store, tmp_path):
    export = tmp_path / "ChatExport_2024-06-05"
    shutil.copytree(SAMPLES / "telegram" / "full_export", export)
    (export / "photos").mkdir()
    (export / "photos" / "photo_1@04-06-2024_08-30-00.jpg").write_bytes(b"\xff\xd8\xff\xe0" * 64)
    summary = ingest_paths(store, [export], tz=SHANGHAI)
    assert (summary.files, summary.skipped, summary.new, summary.problems) == (1, 1, 5, [])


def test_an_undecodable_line_stops_the_file_but_keeps_what_came_before(store, tmp_path):
    path = tmp_path / "qq.txt"
    good = (SAMPLES / "qq" / "全部消息记录.txt").read_bytes()
    path.write_bytes(good + b"\r\n2024-03-14 9:00:00 \xff\xff(10009)\r\n\xff\r\n")
    summary = ingest_paths(store, [path], fmt="qq", tz=SHANGHAI)
    assert summary.new == 8 and store.count_messages() == 8
    assert [(p.line, p.reason) for p in summary.problems][-1] == (43, "not valid gb18030 text")


def test_timestamps_without_zone_take_the_configured_zone(store):
    ingest_paths(store, [SAMPLES / "jsonl" / "naive_and_nul.jsonl"], tz=SHANGHAI)
    stored = store.message("n1", "v").message
    assert stored.ts == datetime(2024, 3, 12, 8, 30, tzinfo=SHANGHAI)
    assert store.message("n2", "v").message.text == "已上报台账"  # a raw NUL byte
    assert store.message("n3", "v").message.text == "转义的空字符"  # an escaped \u0000


def _jsonl(path, text):
    record = {"id": "big", "group": "测试群", "sender": "王建国", "ts": "2024-03-12T09:00:00+08:00",
              "text": text}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")


def _memotrace(path, text):
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows([MEMOTRACE_HEADER, ["big", 12, 1, 0, 0, 1710205200, 2, text,
                                                      "2024-03-12 09:00:00", "", "王建国", "wxid"]])


@pytest.mark.parametrize("write, fmt", [(_jsonl, "jsonl"), (_memotrace, "wechat-memotrace")])
def test_a_5_mb_message_is_stored_cut_and_reported(store, tmp_path, write, fmt):
    path = tmp_path / "big_utf8.csv"
    write(path, "请各村上报台账。" * 220_000)  # 5.3 MB of UTF-8
    summary = ingest_paths(store, [path], fmt=fmt, tz=SHANGHAI)
    assert summary.new == 1 and len(store.message("big", "v").message.text) == MAX_TEXT
    assert [(p.line, p.reason) for p in summary.problems] == [
        (2 if fmt != "jsonl" else 1, "text longer than 1,000,000 characters: stored cut")]
