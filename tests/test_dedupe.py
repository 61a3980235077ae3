import random

from bot.dedupe import cluster, core_text

NOTICE = ("各村（社区）：为做好春季森林防火工作，请于3月15日前组织护林员开展一次全面巡查，"
          "重点检查坟山、林缘耕地，发现火情立即上报。镇森林防火指挥部")


def test_forwarding_wrapping_is_ignored():
    assert core_text("【转发】@所有人 " + NOTICE) == core_text(NOTICE)


def test_lightly_edited_copies_merge():
    copies = [
        NOTICE,
        "转发：" + NOTICE,
        "【通知】" + NOTICE.replace("镇森林防火指挥部", "青石村村委会"),
        NOTICE[:-8] + "请各组长通知到户。",
        "@所有人 " + NOTICE[:60],
    ]
    assert cluster(copies) == [[0, 1, 2, 3, 4]]


def test_different_notices_stay_apart():
    texts = [NOTICE, "明天上午9点在村委会开会", "明天下午3点在村委会开会",
             "请各村于3月15日前上报春耕备耕情况表", "各村：请于3月15日前组织开展一次安全生产大检查"]
    assert cluster(texts) == [[0], [1], [2], [3], [4]]


def test_short_identical_messages_merge():
    assert cluster(["明早8点到岗", "明早8点到岗！", "收到"]) == [[0, 1], [2]]


def test_thousands_of_texts_are_clustered_without_all_pairs():
    rng = random.Random(7)
    chars = [chr(c) for c in range(0x4E00, 0x4E00 + 400)]  # 400 common-range characters
    texts = ["".join(rng.choice(chars) for _ in range(60)) for _ in range(3000)]
    texts += ["转发：" + texts[0], texts[1] + "（青石村转）"]
    groups = cluster(texts)
    assert [0, 3000] in groups and [1, 3001] in groups
    assert len(groups) == 3000


def test_with_times_only_texts_within_the_window_are_compared():
    """Over a year, a reminder posted every day is compared only with its copies of that day."""
    day = 86_400.0
    daily = "请各网格员今天下午5点前在平安通上报当日排查情况，并把截图发群里。"
    texts = [daily, "转发：" + daily, daily, daily + "（青石村）"]
    times = [0.0, 600.0, day + 1200, 2 * day + 2400]
    assert cluster(texts) == [[0, 1, 2, 3]]
    assert cluster(texts, times=times, window=day) == [[0, 1], [2], [3]]
    assert cluster(texts, times=times, window=day + 1800) == [[0, 1, 2, 3]]
