"""The job on harbor-fire scored by ``../shared/tools/score.py`` (issue 4, acceptance 1).

Skips when ``score.py`` is absent. ``-s`` shows the score lines of the default install, of
the semantic extra (when installed) and of the bag-of-words Jaccard baseline.
"""

from __future__ import annotations

import eval_harbor
import pytest

pytestmark = pytest.mark.skipif(not eval_harbor.available(), reason="../shared/tools/score.py not found")


@pytest.fixture(scope="module")
def results() -> dict[str, dict[str, str]]:
    """score.py's lines for every way of running the job, printed once."""
    got = eval_harbor.evaluate()
    print("\n" + eval_harbor.format_lines(got))
    return got


@pytest.mark.parametrize("way", [eval_harbor.DEFAULT, eval_harbor.SEMANTIC])
def test_acceptance_1(results: dict[str, dict[str, str]], way: str) -> None:
    """Repeated pairs >= 0.90, every unique statement, no boilerplate as a statement."""
    if way not in results:
        pytest.skip("the semantic extra is not installed")
    lines = results[way]
    assert eval_harbor.ratio(lines["repeated_pairs_found"]) >= 0.90
    assert lines["unique_found"].startswith("4/4")
    assert lines["boilerplate_as_statements"].startswith("0/4")


def test_job_beats_the_bag_of_words_baseline(results: dict[str, dict[str, str]]) -> None:
    """The job's own statement score finds more of the repeated pairs than plain Jaccard."""
    found = {way: eval_harbor.ratio(lines["repeated_pairs_found"]) for way, lines in results.items()}
    assert found[eval_harbor.DEFAULT] > found[eval_harbor.JACCARD]


def test_baseline_replaces_every_statement_score() -> None:
    """Inside the baseline both ways the job scores pairs (one pair, or a batch of edges) give
    the words' Jaccard, and the job's own score is back afterwards."""
    from compare.statements import scoring

    words = {"0:1": frozenset({"fire", "harbor"}), "1:1": frozenset({"fire", "dock", "night"})}
    scorer = scoring.Scorer({"0:1": frozenset({"fire", "harbor"}), "1:1": frozenset({"fire", "harbor"})})
    with eval_harbor._bag_of_words(words):
        assert scorer.scores([("0:1", "1:1")]) == [0.25]
        assert scorer.score("0:1", "1:1") == 0.25
    assert scoring.Scorer({"0:1": words["0:1"], "1:1": words["0:1"]}).score("0:1", "1:1") == 1.0
