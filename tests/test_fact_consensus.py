"""Figures far from the one most of a fact's sources give (:mod:`compare.statements.fact_consensus`)."""

from __future__ import annotations

import math
import random

import polars as pl

from compare.statements.fact_consensus import far_from_consensus, point
from compare.statements.fact_table import CERTAIN, CONSENSUS_DOCS, MAX_RATIO, POSSIBLE, fact_table
from compare.statements.facts import mentions

INF = math.inf


def _far(figures: list[tuple[int, float, float]]) -> set[int]:
    return far_from_consensus(figures, MAX_RATIO, CONSENSUS_DOCS)


def test_a_point_is_the_middle_or_the_one_finite_bound() -> None:
    assert point(10, 20) == 15
    assert point(120, INF) == 120  # "at least 120"
    assert point(-INF, 50) == 50  # "under 50"
    assert point(0, 0) is None and point(-5, -5) is None


def test_figures_far_from_a_consensus_of_most_documents() -> None:
    toll = [(0, 129, 129), (1, 130, 130), (2, 127, 127), (3, 129, INF)]
    parts = [(4, 15, 15), (5, 19, INF), (6, 90, 90)]
    assert _far(toll + parts) == {4, 5, 6}
    # the same figures in another order: the same ones far (the consensus is no first come)
    shuffled = parts[::-1] + toll[::-1]
    assert _far(shuffled) == {0, 1, 2}
    # within MAX_RATIO of the consensus (129) is near: 100 is, 90 is not
    assert _far(toll + [(4, 100, 100)]) == set()
    # the consensus is the median of the figures near it (129), not its smallest (127): 91.5 is
    # within MAX_RATIO of 127 but not of 129
    assert _far(toll + [(4, 91.5, 91.5)]) == {4}


def test_no_consensus_no_figure_far() -> None:
    assert _far([(0, 15, 15), (1, 19, 19)]) == set()  # two documents: no consensus to be far from
    assert _far([(0, 100, 100), (1, 101, 101), (2, 15, 15), (3, 19, 19)]) == set()  # two of four: no majority
    assert _far([(0, 100, 100), (1, 100, 100), (2, 100, 100), (3, 10, 10), (4, 12, 12), (5, 50, 50)]) == set()
    # one document giving several figures near the consensus counts once
    assert _far([(0, 100, 100), (0, 101, 101), (0, 99, 99), (1, 15, 15), (2, 19, 19)]) == set()
    assert _far([(0, 100, 100), (1, 100, 100), (2, 100, 100), (3, -5, -5)]) == set()  # a figure with no ratio


def _table(texts: list[tuple[int, str]]) -> list[dict]:
    frame = pl.DataFrame(
        {"stmt_id": [f"{d}:{i}" for i, (d, _) in enumerate(texts, 1)], "doc_id": [d for d, _ in texts],
         "text": [t for _, t in texts], "kind": ["claim"] * len(texts), "section": [""] * len(texts)}
    )  # fmt: skip
    return fact_table(mentions(frame), documents=len({d for d, _ in texts})).conflicts


def test_two_figures_far_from_the_story_s_toll_conflict_only_possibly() -> None:
    """Two sources count the dead at two sites of an attack whose toll four others give: 15 and 19
    are close, but both far from the toll, of parts most likely, so no sure conflict; the toll's
    own disagreement (127 / 130) stays certain. Without the four, 15 / 19 is certain."""
    sites = [(4, "By the time the gunmen left, 15 people were killed."), (5, "At least 19 people were killed.")]
    alone = _table(sites)
    assert [(c["a_value"], c["b_value"], c["confidence"]) for c in alone] == [("15", "At least 19", CERTAIN)]
    toll = [(0, "The attacks killed 129 people."), (1, "The attacks killed 130 people."),
            (2, "The attacks killed 127 people."), (3, "The attacks killed 129 people.")]  # fmt: skip
    found = {(c["a_value"], c["b_value"]): c for c in _table(toll + sites)}
    sites_conflict = found[("15", "At least 19")]
    assert (sites_conflict["confidence"], sites_conflict["doubt"]) == (POSSIBLE, "part")
    assert sites_conflict["explanation"].endswith("it may be of a part or another occasion.")
    assert found[("130", "127")]["confidence"] == CERTAIN


def _far_by_every_pair(figures: list[tuple[int, float, float]]) -> set[int]:
    """:func:`far_from_consensus` written plainly, every figure against every other: the reference."""
    values = [point(low, high) for _, low, high in figures]
    documents = {doc for doc, _, _ in figures}
    if len(documents) < CONSENSUS_DOCS or None in values:
        return set()

    def near(v: float, w: float) -> bool:
        return max(v, w) / min(v, w) <= MAX_RATIO

    def docs_near(v: float) -> int:
        return len({doc for (doc, _, _), w in zip(figures, values, strict=True) if near(v, w)})

    best = max(sorted(set(values)), key=docs_near)
    if docs_near(best) < CONSENSUS_DOCS or 2 * docs_near(best) <= len(documents):
        return set()
    center = sorted(w for w in values if near(best, w))
    middle = (center[(len(center) - 1) // 2] + center[len(center) // 2]) / 2
    return {i for i, v in enumerate(values) if not near(v, middle)}


def test_the_window_over_sorted_figures_finds_what_every_pair_would() -> None:
    """The consensus is found in one pass over the sorted figures (a fact may have thousands of
    mentions); on 3,000 random facts, with ties, open bounds and figures exactly MAX_RATIO apart
    (90 and 126), it finds what comparing every pair finds."""
    rng = random.Random(7)
    for _ in range(3000):
        figures = []
        for _ in range(rng.randint(1, 12)):
            v = float(rng.choice([rng.randint(1, 200), rng.choice([15, 17, 89, 90, 126, 127, 129, 130])]))
            figures.append((rng.randint(0, 6), v, v if rng.random() < 0.8 else INF))
        assert _far(figures) == _far_by_every_pair(figures), figures


def test_the_facts_table_marks_figures_far_from_what_most_give() -> None:
    """The facts frame and ``findings.json`` flag the figures far from the consensus (``far``), and
    the report's facts table marks them, so the reader of "129 ... 15" sees which is the toll."""
    from compare import compare_texts
    from compare.report.markdown import render

    texts = {f"{d}.txt": f"The attacks killed {n} people, officials said." for d, n in enumerate((129, 130, 127, 129))}
    texts["4.txt"] = "By the time the gunmen left, 15 people were killed."
    found = compare_texts(texts)
    far = {r["span"]: r["far"] for r in found.facts.iter_rows(named=True)}
    assert far == {"129": False, "130": False, "127": False, "15": True}
    (fact,) = found.fact_list
    assert [(m["value"], m["far"]) for m in fact["mentions"] if m["far"]] == [("15", True)]
    (row,) = [line for line in render(found).splitlines() if line.startswith("| F1:")]
    assert "**15** *(far from what most give)*" in row and "**129** (" in row
