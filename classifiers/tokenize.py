"""The one tokenizer: jieba's algorithm and dictionary, with rjieba (its Rust port) as the fast path.

jieba is the reference and the fallback. rjieba loads the same user dictionary with the same
frequencies; `tests/test_tokenize.py` checks that both cut the whole corpus identically, and the
model's metadata records which one it was trained with.
"""
from __future__ import annotations

import logging
import os
import re
from functools import lru_cache
from pathlib import Path

USER_DICT = Path(__file__).with_name("userdict.txt")

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
    """'rjieba' when it is installed, else 'jieba'; JIANFU_TOKENIZER=jieba forces the reference.

    Agreement is checked where it is cheap, not at every start: `tests/test_tokenize.py` cuts the
    whole corpus with both, and `jianfu train` records the backend in the model's metadata.
    """
    if os.environ.get("JIANFU_TOKENIZER") == "jieba" or rjieba_cut() is None:
        return "jieba"
    return "rjieba"


def agreement(texts: list[str]) -> float:
    """Share of texts that rjieba and jieba cut identically (1.0 when rjieba is missing)."""
    fast, reference = rjieba_cut(), jieba_cut()
    if fast is None or not texts:
        return 1.0
    return sum(_words(fast(t)) == _words(reference(t)) for t in texts) / len(texts)


_ASCII_PARTS = re.compile(r"[A-Za-z]+|[0-9]+|[^A-Za-z0-9\s]")


_ASCII_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")


def cut(text: str) -> list[str]:
    """Words of `text` (whitespace dropped). In a text with ASCII punctuation, ASCII runs like
    `docs.qq.com` or `0.0km` are split at the punctuation and between letters and digits, as
    jieba does, so both backends give the same tokens."""
    raw = (rjieba_cut() if backend() == "rjieba" else jieba_cut())(text)
    if not _ASCII_PUNCTUATION.search(text):  # most messages: nothing to split
        return [word for word in raw if not word.isspace()]
    return _words(raw)


def _words(raw: list[str]) -> list[str]:
    words: list[str] = []
    for word in raw:
        if word.isspace():
            continue
        if word.isascii() and not (word.isalpha() or word.isdigit()):
            words.extend(_ASCII_PARTS.findall(word))  # rjieba keeps "0km" whole after "0.", jieba not
        else:
            words.append(word)
    return words


_MENTION = re.compile(r"@(?!所有人)[^\s@，,：:]{1,20}")
_DIGITS = re.compile(r"\d+")


def normalise(text: str) -> str:
    """What the models read: lower case, no closing full stop on short replies, @names made
    anonymous, digit runs folded."""
    text = text.lower().replace("\u2005", " ").strip()
    if len(text) <= 8:
        # On a short reply a closing 。 says nothing ("收到。" is an ack), but most notices end
        # with one, so a model that sees it leans "收到。" towards directive.
        text = text.rstrip("。.！!~～、，,")
    text = _MENTION.sub(" @某人 ", text)
    if len(text) > 3:
        text = _DIGITS.sub(lambda m: "0" if len(m.group()) < 3 else "000", text)
    return text
