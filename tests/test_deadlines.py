from datetime import datetime

import pytest

from bot.deadlines import cn_number, find_deadline
from tests.helpers import SHANGHAI

SENT = datetime(2026, 3, 12, 9, 30, tzinfo=SHANGHAI)  # a Thursday


@pytest.mark.parametrize("text, expected", [
    ("请各村今天下午5点前上报", "2026-03-12T17:00:00"),
    ("明日12:00前报送镇党政办", "2026-03-13T12:00:00"),
    ("今晚下班前完成", "2026-03-12T18:00:00"),
    ("本周五前完成", "2026-03-13T23:59:59"),
    ("下周一上午交", "2026-03-16T12:00:00"),
    ("11月26日前上报", "2026-11-26T23:59:59"),
    ("月底前完成", "2026-03-31T23:59:59"),
    ("3天内完成整改", "2026-03-15T23:59:59"),
    ("明天下午3点在村委会开会", "2026-03-13T15:00:00"),
    ("请于3月15日（周日）前提交", "2026-03-15T23:59:59"),
    ("下午两点半开会", "2026-03-12T14:30:00"),
    ("今晚8点前报", "2026-03-12T20:00:00"),
    ("2小时内反馈", "2026-03-12T11:30:00"),
    ("三个工作日内", "2026-03-17T23:59:59"),
    ("本周内完成", "2026-03-15T23:59:59"),
    ("请在20号前交", "2026-03-20T23:59:59"),
    ("8:00前到岗", "2026-03-13T08:00:00"),
    ("周一前", "2026-03-16T23:59:59"),
    ("下周三下午", "2026-03-18T18:00:00"),
    ("3月20日召开会议，请于3月18日前报送材料", "2026-03-18T23:59:59"),
    ("@王建军 请把你们村的台账今天补交", "2026-03-12T23:59:59"),
    ("明天下午下班前报镇里", "2026-03-13T18:00:00"),
])
def test_expressions(text, expected):
    assert find_deadline(text, SENT) == datetime.fromisoformat(expected).replace(tzinfo=SHANGHAI)


@pytest.mark.parametrize("text", [
    "立即落实", "收到", "截至今天9时，各村完成率如下：东坪村倒数", "请尽快上报", "昨天的会议纪要",
])
def test_no_deadline(text):
    assert find_deadline(text, SENT) is None


def test_chinese_numbers():
    assert [cn_number(t) for t in ["5", "十", "十七", "二十", "二十三", "三十一", "两"]] == \
        [5, 10, 17, 20, 23, 31, 2]
