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


def cluster(texts: Sequence[str]) -> list[list[int]]:
    """Group indices of `texts` that are copies of one another (each index in exactly one group,
    groups in order of their first member)."""
    sets = [shingles(t) for t in texts]
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _candidate_pairs(sets):
        root_i, root_j = find(i), find(j)
        if root_i != root_j and similar(sets[i], sets[j]):
            parent[max(root_i, root_j)] = min(root_i, root_j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(texts)):
        groups[find(i)].append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def _candidate_pairs(sets: list[set[str]]):
    """Pairs that share a sampled shingle, found through an inverted index.

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
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                pair = (members[a], members[b])
                if pair not in seen:
                    seen.add(pair)
                    yield pair
