"""Scoring given sentence pairs: the grouping score next to the pair decision (``same``)."""

from __future__ import annotations

import math

import polars as pl
import pytest

from compare.pairs import lexical as pairwise
from compare.pairs.lexical import FEATURES, PAIR_FEATURES, PAIR_SCORES, WEIGHTS, pair_features, score_pairs

PARAPHRASE = (
    "The blaze broke out at the harbor warehouse shortly after midnight.",
    "Shortly after midnight, a fire broke out at the warehouse in the harbor.",
)
REORDERED = (
    "The mayor praised the firefighters for their quick response on Monday.",
    "On Monday the mayor praised firefighters for their quick response.",
)
UNRELATED = (
    "The fire destroyed the Calder Logistics warehouse on Monday night.",
    "The city council approved a new budget for public libraries.",
)
NUMBER = (
    "Fire crews said 12 people were taken to hospital after the blaze.",
    "Fire crews said 15 people were taken to hospital after the blaze.",
)
YEAR = (
    "The factory closed in 1998 after the company lost its main customer.",
    "The factory closed in 2004 after the company lost its main customer.",
)
CONTAINED = (
    "The warehouse belonged to Calder Logistics.",
    "The warehouse, which belonged to Calder Logistics, burned down on Monday night after a fire spread "
    "from the docks and forced hundreds of residents to leave their homes.",
)
PAIRS = [PARAPHRASE, REORDERED, UNRELATED, NUMBER, YEAR, CONTAINED]


@pytest.fixture(scope="module")
def scored() -> pl.DataFrame:
    return score_pairs(PAIRS).sort("pair")


def _row(scored: pl.DataFrame, pair: tuple[str, str]) -> dict:
    return scored.row(PAIRS.index(pair), named=True)


def test_frame_has_the_documented_columns(scored: pl.DataFrame) -> None:
    assert scored.schema == pl.Schema(PAIR_SCORES)
    assert scored.get_column("pair").to_list() == list(range(len(PAIRS)))
    assert all(0.0 <= e <= 1.0 for e in scored.get_column("equivalence").to_list())


def test_no_pairs_gives_an_empty_frame() -> None:
    assert score_pairs([]).schema == pl.Schema(PAIR_SCORES)
    assert score_pairs([]).height == 0
    assert pair_features([]).schema == pl.Schema(PAIR_FEATURES)


@pytest.mark.parametrize("pair", [PARAPHRASE, REORDERED])
def test_obvious_paraphrases_are_the_same(scored: pl.DataFrame, pair: tuple[str, str]) -> None:
    row = _row(scored, pair)
    assert row["same"] and row["equivalence"] >= pairwise.SAME_THRESHOLD


def test_unrelated_content_is_not_the_same(scored: pl.DataFrame) -> None:
    row = _row(scored, UNRELATED)
    assert not row["same"] and row["equivalence"] < 0.1 and row["score"] == 0.0


@pytest.mark.parametrize(("pair", "kind"), [(NUMBER, "number"), (YEAR, "date")])
def test_a_different_number_or_date_is_not_the_same(scored: pl.DataFrame, pair: tuple[str, str], kind: str) -> None:
    """Worded alike, but they cannot both be true: the conflict veto decides."""
    row = _row(scored, pair)
    assert row["conflict_kind"] == kind and row["conflict_confidence"] >= pairwise.CONFLICT_VETO
    assert not row["same"]


def test_containment_groups_but_is_not_the_same(scored: pl.DataFrame) -> None:
    """A short claim inside a long sentence: the grouping score keeps them together (at the
    default match threshold 0.5); the pair decision says the long one adds much."""
    row = _row(scored, CONTAINED)
    assert row["score"] >= 0.5
    assert not row["same"] and row["equivalence"] < 0.2


def test_symmetric_and_deterministic(scored: pl.DataFrame) -> None:
    swapped = score_pairs([(b, a) for a, b in PAIRS]).sort("pair")
    again = score_pairs(PAIRS).sort("pair")
    assert again.equals(scored)
    for col in ("score", "equivalence", "conflict_confidence"):
        assert swapped.get_column(col).to_list() == pytest.approx(scored.get_column(col).to_list(), abs=1e-12)
    assert swapped.get_column("same").to_list() == scored.get_column("same").to_list()


def test_equivalence_is_the_logistic_regression_of_the_features(scored: pl.DataFrame) -> None:
    feats = pair_features(PAIRS).sort("pair")
    assert feats.columns == ["pair", *FEATURES] and set(WEIGHTS) == set(FEATURES)
    for row, eq in zip(feats.iter_rows(named=True), scored.get_column("equivalence").to_list(), strict=True):
        values = [row[name] for name in FEATURES]
        assert all(math.isfinite(v) for v in values)
        z = pairwise.BIAS + sum(WEIGHTS[name] * row[name] for name in FEATURES)
        assert eq == pytest.approx(1.0 / (1.0 + math.exp(-z)))
    assert feats.get_column("score").to_list() == scored.get_column("score").to_list()


def test_one_pair_alone_is_scored() -> None:
    """A single pair (an IDF table of two sentences) still gets a sensible decision."""
    assert score_pairs([PARAPHRASE]).row(0, named=True)["same"]
    assert not score_pairs([UNRELATED]).row(0, named=True)["same"]


def test_features_of_a_sentence_with_itself() -> None:
    """Every overlap feature is at its maximum, every mismatch at zero."""
    sentence = "Calder Logistics said 12 people were hurt in the 2004 fire at its harbor warehouse."
    row = pair_features([(sentence, sentence), UNRELATED]).sort("pair").row(0, named=True)
    for name in (
        "length_ratio",
        "word_cover",
        "unigram_precision",
        "bigram_precision",
        "bleu",
        "word_cosine",
        "char_jaccard",
        "char_cosine",
        "char_lcs",
    ):
        assert row[name] == pytest.approx(1.0), name
    for name in ("extra_run", "unmatched_words", "number_mismatch", "name_mismatch", "conflict"):
        assert row[name] == 0.0, name


def test_features_are_symmetric() -> None:
    """Each feature is the same whichever sentence of the pair comes first."""
    ab = pair_features(PAIRS).sort("pair").drop("pair")
    ba = pair_features([(b, a) for a, b in PAIRS]).sort("pair").drop("pair")
    for name in FEATURES:
        assert ba.get_column(name).to_list() == pytest.approx(ab.get_column(name).to_list(), abs=1e-12), name


def test_numbers_are_compared_as_written() -> None:
    """``number_mismatch`` counts the numbers only one side writes: 12 and 15 here, while the
    same number with a thousands separator on both sides matches."""
    feats = pair_features([NUMBER, ("Sales rose to 8,829 units.", "Sales climbed to 8,829 units.")]).sort("pair")
    assert feats.get_column("number_mismatch").to_list() == pytest.approx([math.log1p(2), 0.0])
    assert 0.0 < feats.row(0, named=True)["char_jaccard"] < 1.0
