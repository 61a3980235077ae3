"""The hand-made signals beside the n-grams: demand cues, their negations, 接龙 re-posts."""
import pytest

from classifiers.features import (DEMAND_CUES, abolishes_demand, called_off_demands, cue_row,
                                  is_rollcall_copy)


def cues(text: str) -> set[str]:
    return {name for name, hit in zip(DEMAND_CUES, cue_row(text)) if hit}


@pytest.mark.parametrize("text, expected", [
    ("巡查时打开APP，全程录像", {"video"}),
    ("电话回访全程录音，录音保存三个月", {"video"}),
    ("下班前签退", {"checkin"}),
    ("走访情况记在工作日志上", {"ledger"}),
    ("在群里接个龙", {"ack"}),
    ("手机上装个客户端", {"download"}),
    ("后两名的村书记来说明情况", {"ranking"}),
    ("进会后截个屏发群里", {"screenshot"}),
    ("认证成功一个截一张成功页面的图", {"screenshot"}),
    ("看到后回复“收到”", {"ack"}),
])
def test_cues_name_what_is_asked(text, expected):
    assert expected <= cues(text)


@pytest.mark.parametrize("text", [
    "上午10点县里开视频调度会，各村书记参会",
    "大喇叭早中晚各放一遍禁烧录音",
    "各村组织收看宣讲视频直播",
])
def test_meetings_and_broadcasts_are_no_recording(text):
    assert "video" not in cues(text)


@pytest.mark.parametrize("text", ["截至今天12时全镇完成率82%，附图", "报名截止到周五，见图"])
def test_as_of_and_closing_dates_are_no_screenshot(text):
    assert "screenshot" not in cues(text)


@pytest.mark.parametrize("text, abolished", [
    ("今后不用再回复收到", True),
    ("今后不用再回复“收到”了", True),  # read as the cues read it, without the quotation marks
    ("不再要求上传照片", True),
    ("登记本照片都不用再报了", True),
    ("户主照片不用拍", True),
    ("照片不要模糊，要能看清门牌", False),
    ("请拍照上传", False),
])
def test_a_demand_is_abolished_before_or_after_its_cue(text, abolished):
    assert abolishes_demand(text) is abolished


@pytest.mark.parametrize("text, called_off", [
    ("不再要求村电工每天往群里发巡视照片", {"photo"}),
    ("照片不用拍了，在系统里填报就行", {"photo"}),
    ("今年国庆不搞每天接龙报平安，群里也不用回复收到", {"ack"}),
    ("今后各村不再回复“收到”，看到即可", {"ack"}),
    ("不用每户都拍照了，有隐患的拍照发群", set()),  # asked for again
    ("没照片的不算走访", set()),  # 不算 keeps the demand
    ("别忘了打卡", set()),
    ("不要只拍远景", set()),
])
def test_a_demand_is_called_off_only_where_every_mention_cancels_it(text, called_off):
    assert called_off_demands(text) == called_off


def test_rollcall_copies_are_told_from_the_request():
    assert is_rollcall_copy("#接龙 今晚值班\n1. 张强\n2. 李芳")
    assert not is_rollcall_copy("#接龙 今晚值班\n1. 张强")
    assert not is_rollcall_copy("请各村接龙报值班人员\n#接龙\n1. 党政办 张强\n2. 东坪村 李芳")
