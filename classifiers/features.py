"""Structural signals that word and character n-grams miss: shape, placeholders, mentions, times."""
from __future__ import annotations

import math
import re
from collections import Counter
from functools import partial

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer

_PLACEHOLDER = re.compile(r"\[(图片|视频|文件|语音|动画表情|表情|链接|位置|红包|名片|聊天记录)\]")
_MEDIA_ONLY = re.compile(r"^(\s*\[(图片|视频|文件|动画表情|表情|语音)\]\s*)+$")
_MENTION = re.compile(r"@\S")
_DEADLINE = re.compile(
    r"(\d+|[一二三四五六七八九十两]+)\s*(点|时|:|：)\d*|[前止]|截止|截至|之前|以前|上午|下午|晚上|今晚|今天|今日|明天|明日|"
    r"后天|本周|下周|周[一二三四五六日天]|星期|月底|年底|\d+月\d+[日号]|\d+天内|尽快|立即|马上")
_LIST_LINE = re.compile(r"^\s*\d+[.、．]", re.MULTILINE)
_IMPERATIVE = re.compile(r"请|务必|必须|要求|通知|各村|各网格|各位|大家|抓紧|立即|不得|严禁")
_ROLLCALL_COPY = re.compile(r"^\s*#?接龙")  # a roll-call message as members re-post it, list growing
_SYSTEM = re.compile(r"加入了群聊|撤回了一条消息|移出了群聊|修改群名|拍了拍|群公告")

FEATURE_NAMES = (
    "log_length", "is_short", "placeholders", "media_only", "mentions", "mention_all",
    "question", "deadline_phrase", "list_lines", "imperative", "system_line", "has_link",
)


def is_rollcall_copy(text: str) -> bool:
    """A 接龙 as members re-post it: it opens with the marker and lists two or more entries.
    Each such post delivers one more name, so it is a submission (docs/LABELS.md), never the
    request that started the roll-call."""
    return bool(_ROLLCALL_COPY.match(text)) and len(_LIST_LINE.findall(text)) >= 2


def structural_row(text: str) -> list[float]:
    length = len(text)
    return [
        math.log1p(length) / 7.0,
        1.0 if length <= 6 else 0.0,
        min(len(_PLACEHOLDER.findall(text)), 5) / 5.0,
        1.0 if _MEDIA_ONLY.match(text) else 0.0,
        min(len(_MENTION.findall(text)), 5) / 5.0,
        1.0 if "@所有人" in text or "@全体" in text else 0.0,
        1.0 if ("?" in text or "？" in text or "吗" in text) else 0.0,
        min(len(_DEADLINE.findall(text)), 4) / 4.0,
        min(len(_LIST_LINE.findall(text)), 10) / 10.0,
        min(len(_IMPERATIVE.findall(text)), 4) / 4.0,
        1.0 if _SYSTEM.search(text) else 0.0,
        1.0 if ("http" in text or "[链接]" in text or "mp.weixin" in text) else 0.0,
    ]


class StructuralFeatures(TransformerMixin, BaseEstimator):
    """Maps raw texts to a small sparse block of scaled shape features (stateless)."""

    def fit(self, X, y=None):
        self.n_features_out_ = len(FEATURE_NAMES)
        return self

    def transform(self, X):
        return sparse.csr_matrix(np.array([structural_row(t) for t in X], dtype=np.float64))

    def get_feature_names_out(self, input_features=None):
        return np.array([f"shape__{n}" for n in FEATURE_NAMES], dtype=object)


# Cue words for each proof demand, and the negations that abolish one ("不用再拍照片发群里").
DEMAND_CUES = {
    "photo": r"拍照|照片|相片|图片|合影|合照|现场照|拍.{0,3}[张下清个几给]|拍.{0,8}[发传上]|随手拍|晒|发.{0,2}图(?!表)",
    # 截个屏, 截一张成功页面的图, 截下来; not 截至/截止 (as of, by)
    "screenshot": r"截图|截屏|长图|截(?![至止])[^，。；！？\n]{0,8}?[图屏]|截(?:个|一下|下来)",
    # a video meeting, call or live stream, or playing a recording (放一遍录音), asks for none
    "video": r"(?<![放播看])视频(?!会|调度|号|推进|直播|电话|通话)|录像|录屏|录制|全程录|录音(?:保存|存档|留存|备查|上传|发)|录个音|录.{0,3}段|录下来|执法记录仪|小视频",
    "checkin": r"打卡|签到|签退|定位|位置共享|共享位置|实时位置|轨迹|人脸|刷脸|扫码签",
    "form": r"填报|填写|录入|报表|登记表|小程序|问卷|在线表|表格|系统里|系统上|平台上|app里|app上|腾讯文档|金数据|报送|上报|扫码.{0,4}登记",
    "ledger": r"台账|留痕|痕迹|会议记录|记录本|笔记(?!本)|档案|一户一档|归档|佐证|备查|存档|纪要|日志|登记本|登记簿",  # 笔记本: a notebook
    "ack": r"回复收到|收到请回复|收到回复|请回复|接.{0,2}龙|回个1|扣1|回1|回复1|报个到",
    "download": r"下载|注册|关注.{0,6}(公众号|号)|朋友圈|安装|装.{0,2}(app|个|一下|上)|客户端|转发|分享到",
    "ranking": r"排名|通报|倒数|完成率|后[一二三四五两]名|后几名|前三名|排最后|垫底|落后|排在|末位|靠后",
}
# Words that cancel a demand, before or after its cue.
_CANCEL = "不用|无需|不需要|不必|不再|取消"
_NEGATION = rf"(?:{_CANCEL}|不要|禁止|严禁|不得|别|免于|无须)再?.{{0,6}}?"
# ...and after the cue: "照片不用再报了", "户主照片不用拍", "拍照片传上去不算" (not 不要/不得, which
# more often set a manner: "照片不要模糊")
_NEGATION_AFTER = rf"[^，。；！？\n]{{0,8}}?(?:{_CANCEL}|不算|免报|免交|就不要了)"
# Calling a demand off, strictly: only words that cancel (not 不要/不得/别, which more often set a
# manner: "不要只拍远景", "别忘了打卡"), and not 不算, which keeps one ("没照片的不算走访").
_CALL_OFF_BEFORE = rf"(?:{_CANCEL}|不搞|不要求)(?!忘|漏)[^，。；！？\n]{{0,14}}?"
_CALL_OFF_AFTER = rf"[^，。；！？\n]{{0,8}}?(?:{_CANCEL}|免报|免交|就不要了|不要求)"


def _around(pattern: str, before: str, after: str) -> re.Pattern:
    """The cue `pattern` with a negation `before` it or `after` it."""
    return re.compile(f"{before}(?:{pattern})|(?:{pattern}){after}")


_CUE_PATTERNS = [(name, re.compile(pattern)) for name, pattern in DEMAND_CUES.items()]
_NEGATED_PATTERNS = [(name, _around(pattern, _NEGATION, _NEGATION_AFTER))
                     for name, pattern in DEMAND_CUES.items()]
_CALLED_OFF_PATTERNS = [(name, re.compile(pattern), _around(pattern, _CALL_OFF_BEFORE, _CALL_OFF_AFTER))
                        for name, pattern in DEMAND_CUES.items() if name != "ranking"]


_QUOTES = re.compile(r"[“”\"'‘’「」『』]")


def _cue_text(text: str) -> str:
    """The text as the cues read it: lower case, without quotation marks, so that 回复“收到”
    asks as 回复收到 does and 不再回复“收到” calls it off."""
    return _QUOTES.sub("", text.lower())


def called_off_demands(text: str) -> set[str]:
    """Proof demands that the text mentions only to call them off: every mention of the cue sits
    inside a cancellation ("不再要求每天在群里发巡查照片"). docs/LABELS.md: a message that abolishes
    a demand does not make one. A demand also asked for elsewhere in the text is not called off."""
    lowered = _cue_text(text)
    called_off = set()
    for name, cue, cancelled in _CALLED_OFF_PATTERNS:
        mentions = [m.span() for m in cue.finditer(lowered)]
        if not mentions:
            continue
        spans = [m.span() for m in cancelled.finditer(lowered)]
        if spans and all(any(a <= s and e <= b for a, b in spans) for s, e in mentions):
            called_off.add(name)
    return called_off


def mentioned_demands(text: str) -> set[str]:
    """Proof demands whose cue words the text mentions (asked for or called off)."""
    lowered = _cue_text(text)
    return {name for name, p in _CUE_PATTERNS if p.search(lowered)}


def abolishes_demand(text: str) -> bool:
    """Does the text call off a proof demand ("不用再回复“收到”", "不再要求上传照片")?"""
    lowered = _cue_text(text)
    return any(p.search(lowered) for _, p in _NEGATED_PATTERNS)


def cue_row(text: str) -> list[float]:
    lowered = _cue_text(text)
    present = [1.0 if p.search(lowered) else 0.0 for _, p in _CUE_PATTERNS]
    # A negated cue contains the cue: only texts that have it can negate it (most have none).
    negated = [1.0 if hit and p.search(lowered) else 0.0
               for hit, (_, p) in zip(present, _NEGATED_PATTERNS)]
    return present + negated


class DemandCues(TransformerMixin, BaseEstimator):
    """Which proof demands a text mentions, and which it abolishes (stateless)."""

    def fit(self, X, y=None):
        self.n_features_out_ = 2 * len(DEMAND_CUES)
        return self

    def transform(self, X):
        return sparse.csr_matrix(np.array([cue_row(t) for t in X], dtype=np.float64))

    def get_feature_names_out(self, input_features=None):
        names = [f"cue__{n}" for n in DEMAND_CUES] + [f"negated__{n}" for n in DEMAND_CUES]
        return np.array(names, dtype=object)


class KnownTermsTfidfVectorizer(TfidfVectorizer):
    """TfidfVectorizer with a faster transform once fitted; the features are identical.

    scikit-learn counts terms in a Python loop that catches a KeyError for every term outside
    the vocabulary; with character n-grams most terms are, and that loop was the largest cost
    of classifying a message. Here unknown terms are filtered first and counted with Counter.
    """

    def build_analyzer(self):
        if self.analyzer == "char" and self.preprocessor is not None:
            return partial(_char_ngrams, self.preprocessor, *self.ngram_range)
        return super().build_analyzer()

    def transform(self, raw_documents):
        if not hasattr(self, "vocabulary_"):
            return super().transform(raw_documents)
        analyze, vocabulary = self.build_analyzer(), self.vocabulary_
        indices: list[int] = []
        counts: list[int] = []
        indptr = [0]
        for document in raw_documents:
            counter = Counter(map(vocabulary.get, analyze(document)))  # counted in C
            counter.pop(None, None)  # the unknown terms
            indices.extend(counter.keys())
            counts.extend(counter.values())
            indptr.append(len(indices))
        matrix = sparse.csr_matrix(
            (np.asarray(counts, dtype=self.dtype), np.asarray(indices, dtype=np.int32),
             np.asarray(indptr, dtype=np.int64)),
            shape=(len(indptr) - 1, len(vocabulary)))
        matrix.sort_indices()
        return self._tfidf.transform(matrix, copy=False)


_WHITE_SPACES = re.compile(r"\s\s+")


def _char_ngrams(preprocess, low: int, high: int, document: str) -> list[str]:
    """The character n-grams scikit-learn's "char" analyzer yields, built with comprehensions."""
    text = _WHITE_SPACES.sub(" ", preprocess(document))
    grams: list[str] = []
    for n in range(low, high + 1):
        grams += [text[i:i + n] for i in range(len(text) - n + 1)]
    return grams
