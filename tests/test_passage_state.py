"""Passages across runs: the previous run's kept where they cannot have changed, equal to a
cold run's (:mod:`compare.incremental.passage_state`)."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable

import polars as pl
import pytest

from compare import frames
from compare.documents import passages as passages_module
from compare.documents.passages import passages, seed_limit, tokenize
from compare.incremental import passage_state
from compare.incremental.passage_state import State, find
from compare.settings import Settings
from compare.text.normalize import normalize

SETTINGS = Settings(passage_max_df=0.2)
"""A low seed limit (4 documents below 25), so that adding a document pushes a seed past it."""
STOCK = "the council said the harbour plan would be reviewed again next spring by the board"
"""A phrase several documents share: past the seed limit once enough of them have it."""


def _corpus(rng: random.Random, n: int) -> list[str]:
    """``n`` texts of random words; some copy a stretch of an earlier one, four share STOCK."""
    vocab = [f"w{i}" for i in range(400)]
    texts = []
    for i in range(n):
        words = [rng.choice(vocab) for _ in range(rng.randint(60, 140))]
        if texts and rng.random() < 0.6:
            source = rng.choice(texts).split()
            start = rng.randrange(max(1, len(source) - 20))
            words[10:10] = source[start : start + rng.randint(10, 20)]
        if i < 4:
            words[5:5] = STOCK.split()
        texts.append(" ".join(words) + ".")
    return texts


def _frames(named: dict[str, str], k: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The documents (by path order, as ingest numbers them) and tokens frames of ``named`` texts."""
    paths = sorted(named)
    texts = [named[p] for p in paths]
    docs = pl.DataFrame(
        {
            "doc_id": list(range(len(paths))),
            "path": paths,
            "sha256": [hashlib.sha256(t.encode()).hexdigest() for t in texts],
            "encoding": ["utf-8"] * len(paths),
            "text": texts,
            "bytes": [len(t.encode()) for t in texts],
        },
        schema=frames.DOCUMENTS,
    )
    return docs, tokenize(normalize(docs), k)


def _rerun(
    before: dict[str, str], after: dict[str, str], settings: Settings = SETTINGS, between: Callable[[], None] = list
) -> tuple[pl.DataFrame, pl.DataFrame, State]:
    """The passages of ``after`` with ``settings`` brought up from a run on ``before`` (with
    SETTINGS; ``between`` is called after it), a cold run's on ``after``, and the state of
    the run on ``before`` (through its stored tables)."""
    docs, tokens = _frames(before, SETTINGS.passage_seed_words)
    _, state = find(tokens, docs, SETTINGS)
    between()
    stored = State.from_frames(*state.to_frames())
    assert stored is not None
    docs, tokens = _frames(after, settings.passage_seed_words)
    found, _ = find(tokens, docs, settings, stored)
    return found, passages_module.passages(tokens, docs, settings), stored


def _no_full_run(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """What makes the cold computation in the rerun fail: it must bring the stored passages up to date."""

    def refuse(*args: object) -> pl.DataFrame:
        raise AssertionError("the passages were found over the whole corpus")

    return lambda: monkeypatch.setattr(passage_state, "passages", refuse)


@pytest.mark.parametrize("seed", range(6))
def test_adding_documents_keeps_the_stored_passages_and_equals_a_cold_run(seed, monkeypatch) -> None:
    """Documents added after, between and before the earlier ones (path order): the result
    equals a cold run's, without finding every pair again."""
    rng = random.Random(seed)
    texts = _corpus(rng, 16)
    before = {f"b{i:02d}.txt": t for i, t in enumerate(texts)}
    more = _corpus(random.Random(seed + 100), 3)
    copy = rng.choice(texts).split()
    more.append(" ".join(copy[:40]) + " and one more line.")  # a near copy of an earlier one
    after = before | {name: t for name, t in zip(("a.txt", "b05x.txt", "c.txt", "zz.txt"), more, strict=True)}
    found, cold, stored = _rerun(before, after, between=_no_full_run(monkeypatch))
    new = [i for i, path in enumerate(sorted(after)) if path not in before]
    with_new = pl.col("a").is_in(new) | pl.col("b").is_in(new)
    assert cold.filter(with_new).height > 0 and cold.filter(~with_new).height > 0 and stored.passages.height > 0
    assert found.equals(cold)


def test_a_seed_pushed_past_the_limit_drops_the_earlier_pairs_passages(monkeypatch) -> None:
    """Four earlier documents share STOCK (at the seed limit); a fifth with it makes the phrase
    too common: the earlier pairs' passages of it go, as in a cold run."""
    texts = _corpus(random.Random(1), 16)
    before = {f"b{i:02d}.txt": t for i, t in enumerate(texts)}
    assert seed_limit(SETTINGS, len(before)) == seed_limit(SETTINGS, len(before) + 1) == 4
    after = before | {"new.txt": "a new text that quotes " + STOCK + " and then says little else at all."}
    found, cold, stored = _rerun(before, after, between=_no_full_run(monkeypatch))
    had_stock = stored.passages.filter(pl.col("text").str.contains("harbour plan"))
    assert had_stock.height >= 6  # every pair of the four documents
    assert found.filter(pl.col("text").str.contains("harbour plan")).height == 0
    assert found.equals(cold)


def test_a_moved_seed_limit_rechecks_every_seed(monkeypatch) -> None:
    """Going from 24 to 25 documents moves the limit from 4 to 5: seeds of earlier documents
    alone can start counting; the result still equals a cold run's."""
    texts = _corpus(random.Random(2), 24)
    five = {i: texts[i] for i in range(4, 9)}
    for i, text in five.items():  # a second phrase in five documents: counts only from 25 on
        texts[i] = text.replace(".", " the ferry timetable was printed on blue paper for every sailing.")
    before = {f"b{i:02d}.txt": t for i, t in enumerate(texts)}
    after = before | {"new.txt": " ".join(texts[0].split()[:30])}
    assert seed_limit(SETTINGS, 24) == 4 and seed_limit(SETTINGS, 25) == 5
    found, cold, stored = _rerun(before, after, between=_no_full_run(monkeypatch))
    assert stored.passages.filter(pl.col("text").str.contains("ferry")).height == 0
    assert found.filter(pl.col("text").str.contains("ferry")).height > 0
    assert found.equals(cold)


@pytest.mark.parametrize("change", ["removed", "edited", "reordered", "copied", "min_words"])
def test_other_changes_find_every_pair_again(change, monkeypatch) -> None:
    """A document removed or edited, the earlier ones in another order, two files with one
    text, or another ``passage_min_words``: the whole corpus is searched, as cold."""
    texts = _corpus(random.Random(4), 12)
    before = {f"b{i:02d}.txt": t for i, t in enumerate(texts)}
    after, settings = dict(before), SETTINGS
    if change == "removed":
        del after["b03.txt"]
    elif change == "edited":
        after["b03.txt"] += " An added sentence."
    elif change == "reordered":
        after["a.txt"] = after.pop("b07.txt")
    elif change == "copied":
        after["zz.txt"] = after["b02.txt"]
    else:
        settings = Settings(passage_max_df=SETTINGS.passage_max_df, passage_min_words=10)
    calls = []
    monkeypatch.setattr(passage_state, "passages", lambda *a: calls.append(1) or passages(*a))
    found, cold, _ = _rerun(before, after, settings)
    assert calls == [1, 1]  # the first run, then the rerun
    assert found.equals(cold)


def test_a_state_of_other_code_or_broken_is_not_used(monkeypatch) -> None:
    """The state carries the package's code digest; another digest, or a passage naming a
    document the state lacks, gives None (the passages are then found afresh)."""
    docs, tokens = _frames({f"b{i}.txt": t for i, t in enumerate(_corpus(random.Random(5), 8))}, 5)
    _, state = find(tokens, docs, SETTINGS)
    found, lists = state.to_frames()
    again = State.from_frames(found, lists)
    assert again is not None and again.docs == state.docs and again.passages.equals(state.passages)
    assert (again.seed_words, again.min_words, again.max_df) == (5, SETTINGS.passage_min_words, 4)
    other = lists.with_columns(pl.when(pl.col("kind") == "code").then(pl.lit("x")).otherwise("value").alias("value"))
    assert State.from_frames(found, other) is None
    assert found.height > 0
    assert State.from_frames(found.with_columns(pl.lit(99).alias("b")), lists) is None


def test_the_passages_of_a_pair_follow_from_its_hits_alone() -> None:
    """What the reuse rests on: the passages found from one pair's hits equal that pair's
    passages in the whole corpus."""
    docs, tokens = _frames({f"b{i:02d}.txt": t for i, t in enumerate(_corpus(random.Random(6), 14))}, 5)
    whole = passages(tokens, docs, SETTINGS)
    hits = passages_module._seed_hits(tokens, seed_limit(SETTINGS, docs.height))
    a, b = whole.row(0)[:2]
    alone = passages_module.passages_of(hits.filter((pl.col("a") == a) & (pl.col("b") == b)), tokens, docs, SETTINGS)
    assert alone.equals(whole.filter((pl.col("a") == a) & (pl.col("b") == b)))
