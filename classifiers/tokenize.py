"""The one tokenizer: jieba's algorithm and dictionary, with rjieba (its Rust port) as the fast path.

jieba is the reference. rjieba is used only when it is installed and agrees with jieba on a
probe of domain sentences after both loaded the user dictionary; otherwise jieba is used.
`jianfu bench` measures both; `tests/test_tokenize.py` checks agreement on the corpus.
"""
from __future__ import annotations

import logging
import os
import re
from functools import lru_cache
from pathlib import Path

USER_DICT = Path(__file__).with_name("userdict.txt")

# Sentences that exercise the user dictionary; both backends must cut them identically.
_PROBE = [
    "请各网格员于本周五前完成入户走访并拍照上传",
    "村两委干部今天下午到村委会开会，驻村第一书记参加",
    "请在小程序填报后截图发群里，完成率倒数的通报",
    "收到，已上传台账和工作笔记",
    "城乡居民医保缴费率排名，请接龙",
]


def _user_words() -> list[tuple[str, int, str]]:
    words = []
    for line in USER_DICT.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3:
            words.append((parts[0], int(parts[1]), parts[2]))
    return words


@lru_cache(maxsize=1)
def jieba_cut():
    """jieba's `lcut` with the user dictionary, logging silenced."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    for word, freq, tag in _user_words():
        jieba.add_word(word, freq, tag)
    return jieba.lcut


@lru_cache(maxsize=1)
def rjieba_cut():
    """rjieba's `cut` with the same user dictionary, or None when rjieba is unavailable."""
    try:
        import rjieba
    except ImportError:
        return None
    for word, freq, tag in _user_words():
        rjieba.add_word(word, freq, tag)
    return rjieba.cut


@lru_cache(maxsize=1)
def backend() -> str:
    """'rjieba' when it is present and agrees with jieba on the probe, else 'jieba'.

    JIANFU_TOKENIZER=jieba forces the reference implementation.
    """
    if os.environ.get("JIANFU_TOKENIZER") == "jieba":
        return "jieba"
    fast = rjieba_cut()
    if fast is None:
        return "jieba"
    reference = jieba_cut()
    if all(fast(s) == reference(s) for s in _PROBE):
        return "rjieba"
    return "jieba"


def cut(text: str) -> list[str]:
    """Words of `text` (whitespace tokens dropped)."""
    cutter = rjieba_cut() if backend() == "rjieba" else jieba_cut()
    return [w for w in cutter(text) if not w.isspace()]


_MENTION = re.compile(r"@(?!所有人)[^\s@，,：:]{1,20}")
_DIGITS = re.compile(r"\d+")


def normalise(text: str) -> str:
    """What the models read: lower case, @names made anonymous, long digit runs folded."""
    text = text.lower().replace("\u2005", " ")
    text = _MENTION.sub(" @某人 ", text)
    if len(text) > 3:
        text = _DIGITS.sub(lambda m: "0" if len(m.group()) < 3 else "000", text)
    return text
