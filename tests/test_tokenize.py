from classifiers.corpus import HELDOUT_DIR, TRAIN_DIR, load_examples
from classifiers.tokenize import agreement, backend, cut, normalise


def test_rjieba_and_jieba_cut_the_whole_corpus_identically():
    texts = [e.text for e in load_examples(TRAIN_DIR) + load_examples(HELDOUT_DIR)]
    assert len(texts) > 1000
    assert agreement([normalise(t) for t in texts]) == 1.0


def test_user_dictionary_words_stay_whole():
    words = cut("请网格员今天在小程序填报台账，驻村第一书记参加接龙")
    for word in ["网格员", "小程序", "填报", "台账", "驻村第一书记", "接龙"]:
        assert word in words


def test_ascii_runs_are_split_like_jieba():
    assert cut("docs.qq.com") == ["docs", ".", "qq", ".", "com"]
    assert cut("巡了0.0km")[-4:] == ["0", ".", "0", "km"]  # rjieba alone would keep "0km"


def test_normalise_hides_names_but_keeps_all():
    assert "@某人" in normalise("@王建国 请补交") and "王建国" not in normalise("@王建国 请补交")
    assert "@所有人" in normalise("@所有人 开会")
    assert normalise("1") == "1"


def test_backend_is_known():
    assert backend() in ("rjieba", "jieba")


def test_the_fast_path_cuts_as_the_full_one():
    from classifiers.tokenize import _words, jieba_cut, rjieba_cut
    raw = rjieba_cut() if backend() == "rjieba" else jieba_cut()
    for text in ["请各村 今天下午5点前上报", "网格员\t打卡 签到", "见 docs.qq.com/abc_1 表格", "a b  c"]:
        assert cut(text) == _words(raw(text))
