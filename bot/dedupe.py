"""Near-duplicate notices: the same notice forwarded into several groups becomes one cluster.

Copies are often lightly edited — 转发/【通知】 prefixes, @所有人, a trimmed or added tail, another
signature — so texts are compared on character 3-gram shingles after stripping that wrapping.
Candidates come from an inverted index of shingles (no all-pairs comparison): only texts that
share enough shingles are scored, by containment (shorter in longer) and Jaccard.
"""
from __future__ import annotations

import heapq
import re
import zlib
from collections import defaultdict
from collections.abc import Sequence
from functools import partial

SHINGLE = 3
SKETCH = 16
_WRAPPING = [
    re.compile(r"^\s*(?:【?(?:转发|转|转自|通知|紧急通知|重要通知|提醒|温馨提示|公告)】?\s*[:：]?\s*)+"),
    re.compile(r"@所有人|@全体成员|@\S{1,12}?(?=\s)"),
    re.compile(r"[（(]?(?:转自|来源|来自)[:：][^\n）)]{0,30}[）)]?"),
]
_NOISE = re.compile(r"[\s\u3000，,。.、；;：:！!？?“”\"'‘’（）()【】\[\]—\-~～…·*#]+")


def core_text(text: str) -> str:
    """The notice without its forwarding wrapping, punctuation and spacing."""
    for pattern in _WRAPPING:
        text = pattern.sub(" ", text)
    return _NOISE.sub("", text).lower()


def shingles(text: str) -> set[str]:
    core = core_text(text)
    if len(core) <= SHINGLE:
        return {core} if core else set()
    return {core[i:i + SHINGLE] for i in range(len(core) - SHINGLE + 1)}


def similar(a: set[str], b: set[str]) -> bool:
    """Same notice? Containment catches trimmed/extended copies; short texts need near-identity."""
    if not a or not b:
        return False
    shared = len(a & b)
    small, large = sorted((len(a), len(b)))
    if small < 8:
        return shared / (small + large - shared) >= 0.8
    return shared / small >= 0.7 and shared / large >= 0.3


def cluster(texts: Sequence[str], anchors: Sequence[object] | None = None,
            times: Sequence[float] | None = None, window: float = float("inf")) -> list[list[int]]:
    """Group indices of `texts` that are copies of one another (each index in exactly one group,
    groups in order of their first member).

    `anchors` (optional, one per text) is a fact both copies of a notice share, such as its
    resolved deadline: texts with the same anchor are compared with a looser threshold, which
    catches rewritten copies ("明天上午9点在镇三楼开调度会…" vs the full notice) while two
    look-alike meetings at different times stay apart. The same attached file is one notice.

    With `times` (ascending, one per text, in seconds), only texts less than `window` apart are
    compared: over a year, a reminder posted every day would otherwise pair each copy with
    every other (a million candidate pairs in a year of the sample month).
    """
    sets = _pooled_shingles(texts)
    anchors = list(anchors) if anchors is not None else [None] * len(texts)
    times = list(times) if times is not None else [0.0] * len(texts)
    near = partial(_near, times, window)
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        root_i, root_j = find(i), find(j)
        if root_i != root_j:
            parent[max(root_i, root_j)] = min(root_i, root_j)

    for i, j in _candidate_pairs(sets, near):
        if find(i) != find(j) and similar(sets[i], sets[j]):
            union(i, j)
    for members in _same(anchors).values():
        for i, j in _pairs(members, near):
            if find(i) != find(j) and related(sets[i], sets[j]):
                union(i, j)
    for members in _same([attachment(t) for t in texts]).values():
        for other in members[1:]:
            if near(members[0], other):
                union(members[0], other)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(texts)):
        groups[find(i)].append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def related(a: set[str], b: set[str]) -> bool:
    """Looser than `similar`, for texts already known to share a deadline."""
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= 0.35


_ATTACHMENT = re.compile(r"\[文件\]\s*(\S[^\n]{2,80})")


def attachment(text: str) -> str | None:
    """The attached file's name (`[文件] 关于….pdf`), which identifies a forwarded document."""
    match = _ATTACHMENT.search(text)
    return match.group(1).strip() if match else None


def _same(keys: Sequence[object]) -> dict[object, list[int]]:
    by_key: dict[object, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        if key is not None:
            by_key[key].append(i)
    return {k: v for k, v in by_key.items() if len(v) > 1}


def _pooled_shingles(texts: Sequence[str]) -> list[set[str]]:
    """Each text's shingles, one string object per distinct shingle: notices repeat their
    phrases, and the shared strings halve what a year's sets take."""
    pool: dict[str, str] = {}
    return [{pool.setdefault(s, s) for s in shingles(t)} for t in texts]


def _near(times: list[float], window: float, i: int, j: int) -> bool:
    return abs(times[j] - times[i]) < window


def _pairs(members: list[int], near):
    """Pairs of `members` (ascending, so in time order) near each other in time."""
    for a in range(len(members)):
        for b in range(a + 1, len(members)):
            if not near(members[a], members[b]):
                break
            yield members[a], members[b]


def _candidate_pairs(sets: list[set[str]], near):
    """Pairs that share a sampled shingle and are near in time, found through an inverted index.

    Each text is indexed by its bottom-k shingles under a fixed hash (a MinHash sketch): copies
    share most of their shingles, so they share some of their sketch, unrelated texts rarely do.
    """
    index: dict[int, list[int]] = defaultdict(list)
    for i, shingle_set in enumerate(sets):
        for h in heapq.nsmallest(SKETCH, {zlib.crc32(s.encode()) for s in shingle_set}):
            index[h].append(i)
    seen: set[tuple[int, int]] = set()
    for members in index.values():
        if len(members) > 300:  # a boilerplate shingle; real copies share rarer ones too
            continue
        for pair in _pairs(members, near):
            if pair not in seen:
                seen.add(pair)
                yield pair
