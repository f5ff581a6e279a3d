"""The fact layer's acceptance on labelled corpora (issue 15, acceptance 1 and 2, the parts
``score.py`` measures): on the WikiRef MH370 and Paris topics at least 60% of the labelled
disagreements reported as certain conflicts and none of the pairs labelled false; harbor-fire
keeps every labelled conflict and finding. Skips when ``../shared`` is absent."""

from __future__ import annotations

import eval_facts
import pytest

pytestmark = pytest.mark.skipif(not eval_facts.available(), reason="../shared corpora or score.py not found")


@pytest.fixture(scope="module")
def scores() -> dict[str, dict[str, str]]:
    """score.py's measures per corpus, printed once."""
    got = {corpus: eval_facts.score(corpus) for corpus in eval_facts.CORPORA}
    for corpus, lines in got.items():
        print(f"\n== {corpus}: " + "; ".join(f"{k} {v}" for k, v in lines.items()))
    return got


@pytest.mark.parametrize("corpus", ["wikiref-mh370", "wikiref-paris"])
def test_real_news_disagreements_found_and_no_labelled_false_one(scores: dict, corpus: str) -> None:
    lines = scores[corpus]
    assert eval_facts.ratio(lines["certain_conflicts_found"]) >= 0.60
    assert lines["certain_conflicts_known_false"].startswith("0/")


def test_harbor_fire_stays_perfect(scores: dict) -> None:
    lines = scores["harbor-fire"]
    for key in ("certain_conflicts_found", "conflicts_found", "repeated_pairs_found", "unique_found"):
        assert eval_facts.ratio(lines[key]) == 1.0, key
    assert lines["certain_conflicts_known_false"].startswith("0/")


def test_counts_that_grew_are_not_certain_conflicts(scores: dict) -> None:
    assert scores["facts-flood"]["updated_as_certain_conflict"].startswith("0/")
