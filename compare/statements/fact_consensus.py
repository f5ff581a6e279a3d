"""Which figures of one fact most of its sources come near, and which lie far from them.

A fact's sources that disagree give figures close to one another (127 and 130 dead); where most of
them do, a figure far from theirs is more often of a part or of another occasion ("15 people were
dead" at one restaurant, "17" killed in January) than another account of the fact, and two such
figures that differ are no sure conflict. The fact table (:mod:`compare.statements.fact_table`)
reads this for each fact of a number kind.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Callable, Sequence


def point(low: float, high: float) -> float | None:
    """One figure for an interval: its middle, or its one finite bound ("at least 120"); None
    when it has none or is not positive (ratios of those say nothing)."""
    ends = [v for v in (low, high) if math.isfinite(v)]
    value = sum(ends) / len(ends) if ends else 0.0
    return value if value > 0 else None


def far_from_consensus(figures: Sequence[tuple[int, float, float]], ratio: float, floor: int) -> set[int]:
    """The positions in ``figures`` (document, low, high) of those further than ``ratio`` from the
    figure most documents come near, where at least ``floor`` documents and more than half of them
    do; none where no such consensus is, or a figure has no positive value. The consensus is the
    median of the figures within ``ratio`` of the one the most documents come near (the smallest
    of equals), so that it does not depend on the order of ``figures``."""
    points = [point(low, high) for _, low, high in figures]
    documents = {doc for doc, _, _ in figures}
    if len(documents) < floor or any(v is None for v in points):
        return set()
    values = [v for v in points if v is not None]

    def near(v: float, w: float) -> bool:
        return max(v, w) / min(v, w) <= ratio

    best, count = _densest(sorted(zip(values, (doc for doc, _, _ in figures), strict=True)), near)
    if count < floor or 2 * count <= len(documents):
        return set()
    center = statistics.median(sorted(w for w in values if near(best, w)))
    return {i for i, v in enumerate(values) if not near(v, center)}


def _densest(points: list[tuple[float, int]], near: Callable[[float, float], bool]) -> tuple[float, int]:
    """Of ``points`` (value, document), sorted, the value the most documents have a value near
    (the smallest of equals) and how many: one pass of a window over the sorted values (a fact may
    have thousands of mentions), each document counted once however many of its values are in it."""
    in_window: Counter[int] = Counter()
    best, count, lo, hi = points[0][0], 0, 0, 0
    for k, (v, _) in enumerate(points):
        if k and v == points[k - 1][0]:
            continue  # the same window as the value before
        while hi < len(points) and near(v, points[hi][0]):
            in_window[points[hi][1]] += 1
            hi += 1
        while not near(v, points[lo][0]):
            in_window[points[lo][1]] -= 1
            if not in_window[points[lo][1]]:
                del in_window[points[lo][1]]
            lo += 1
        if len(in_window) > count:
            best, count = v, len(in_window)
    return best, count
