"""Copied passages across runs: the previous run's, kept for the document pairs whose seed
hits cannot have changed.

:func:`compare.documents.passages.passages_of` finds a pair's passages from the seeds the two
documents share that *count* (found in two documents or more, but in at most the seed limit
and at most four times that often in all: :func:`compare.documents.passages.counted`), and
from nothing else of the corpus. When a run only adds documents to those of the previous run
(same documents, same order among them), a pair of two earlier documents keeps its hits
unless one of the seeds it shares changed from counting to not counting or back: the new
documents raised its counts, or the seed limit moved with the number of documents. So:

- a pair with a new document is found from its seeds, as a cold run finds it;
- a pair of earlier documents sharing a seed whose counting changed is found again;
- every other pair keeps the passages the previous run stored.

The result equals :func:`compare.documents.passages.passages` on the whole corpus (tests check
it), at the cost of the new documents' pairs instead of every pair. Anything else (a document
removed or edited, the earlier documents in another order, a copy of a file, another
``passage_min_words``, a state of other code) takes the full computation.

The state is stored by the sha256 of the run's documents, in order (:class:`State`), in the
cache folder of one cache key (which holds ``passage_seed_words``), with the digest of the
package's code.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from .. import frames
from ..documents.passages import counted, pair_hits, passages, passages_of, seed_limit, seed_rows
from ..settings import Settings
from .keys import FACTS, facts_by_kind, facts_table

LISTS = FACTS
"""A state's facts (:data:`compare.incremental.keys.FACTS`), one per row: ``code`` (digest
of the code that made it), ``seed_words``, ``min_words``, ``max_df`` (the seed limit of its
run) and ``doc`` (the run's documents' sha256, in order)."""
TABLES = {"passages": frames.PASSAGES, "lists": LISTS}
"""The tables a state is stored as (:meth:`State.to_frames`, in this order), by name; the
passages name their documents by index in the state's documents."""


@dataclass(frozen=True)
class State:
    """The passages of one run, as the next run needs them."""

    docs: list[str]
    """sha256 of the run's documents, in document order."""
    seed_words: int
    min_words: int
    """The run's ``passage_seed_words`` and ``passage_min_words``."""
    max_df: int
    """The run's seed limit (:func:`compare.documents.passages.seed_limit`)."""
    passages: pl.DataFrame
    """The run's passages (:data:`compare.frames.PASSAGES`), documents by index in :attr:`docs`."""

    def to_frames(self) -> tuple[pl.DataFrame, pl.DataFrame]:
        """The state as the tables of :data:`TABLES`, in that order, for the cache."""
        rows = [
            ("seed_words", str(self.seed_words)),
            ("min_words", str(self.min_words)),
            ("max_df", str(self.max_df)),
        ] + [("doc", d) for d in self.docs]
        return self.passages, facts_table(rows)

    @classmethod
    def from_frames(cls, found: pl.DataFrame, lists: pl.DataFrame) -> State | None:
        """The state stored as :meth:`to_frames`, or None when other code made it or it does
        not hold together (a passage naming a document it lacks)."""
        by_kind = facts_by_kind(lists)
        if by_kind is None:
            return None
        single = [by_kind.get(name, []) for name in ("seed_words", "min_words", "max_df")]
        if any(len(values) != 1 for values in single):
            return None
        docs = by_kind.get("doc", [])
        if (
            found.height
            and not found.select(
                (pl.min_horizontal(pl.col("a").min(), pl.col("b").min()) >= 0)
                & (pl.max_horizontal(pl.col("a").max(), pl.col("b").max()) < len(docs))
            ).item()
        ):
            return None
        seed_words, min_words, max_df = (int(values[0]) for values in single)
        return cls(docs, seed_words, min_words, max_df, found)


def find(
    tokens: pl.DataFrame, documents: pl.DataFrame, settings: Settings, previous: State | None = None
) -> tuple[pl.DataFrame, State]:
    """The passages of ``documents`` (what :func:`compare.documents.passages.passages`
    returns), from the ``previous`` run's where they cannot have changed, and this run's state."""
    shas = documents.get_column("sha256").to_list()
    max_df = seed_limit(settings, documents.height)
    earlier = _earlier(previous, documents, shas, settings)
    if previous is None or earlier is None:
        found = passages(tokens, documents, settings)
    else:
        found = _since(tokens, documents, settings, previous, earlier)
    return found, State(shas, settings.passage_seed_words, settings.passage_min_words, max_df, found)


def _earlier(previous: State | None, documents: pl.DataFrame, shas: list[str], settings: Settings) -> np.ndarray | None:
    """The doc ids of the ``previous`` run's documents in this run (by their index there),
    or None when its passages cannot be brought up to date: none, other passage settings,
    a document of it gone, copies of a file, or its documents in another order."""
    if previous is None or (previous.seed_words, previous.min_words) != (
        settings.passage_seed_words,
        settings.passage_min_words,
    ):
        return None
    if documents.get_column("doc_id").to_list() != list(range(documents.height)):
        return None
    where = {sha: i for i, sha in enumerate(shas)}
    if len(where) != len(shas) or len(set(previous.docs)) != len(previous.docs):
        return None
    if any(sha not in where for sha in previous.docs):
        return None
    earlier = np.array([where[sha] for sha in previous.docs], dtype=np.int64)
    if earlier.size > 1 and not bool(np.all(np.diff(earlier) > 0)):
        return None
    return earlier


def _since(
    tokens: pl.DataFrame, documents: pl.DataFrame, settings: Settings, previous: State, earlier: np.ndarray
) -> pl.DataFrame:
    """The passages when only documents were added since ``previous`` (whose documents are
    ``earlier`` here): the pairs with a new document and those of earlier documents sharing a
    seed whose counting changed are found again; the others' passages are the stored ones.

    Only the seeds of the new documents can change their counting while the seed limit stays
    (the others' counts stay): those are all that is counted then; when the limit moved, every seed is."""
    max_df = seed_limit(settings, documents.height)
    old = pl.col("doc_id").is_in(earlier.tolist()).alias("old")
    if max_df == previous.max_df:
        # the rows of the new documents' seeds, found by their hashes: no row of every seed made
        new = tokens.filter(~old).get_column("seed").drop_nulls().unique()
        touched = seed_rows(tokens.filter(pl.col("seed").is_in(new.implode()))).with_columns(old)
    else:
        touched = seed_rows(tokens).with_columns(old)
    verdicts = _counting(touched, max_df, previous.max_df)
    live = touched.join(verdicts.filter("now").select("seed"), on="seed", how="semi")
    fresh = live.filter(~pl.col("old")).drop("old")
    # pairs of earlier documents sharing a seed whose counting changed: found again, from
    # every seed of theirs that counts now
    changed = touched.filter("old").join(verdicts.filter("changed").select("seed"), on="seed", how="semi")
    changed = changed.drop("old").unique(["seed", "doc_id"])
    redone = pair_hits(changed, changed).select("a", "b").unique()
    again = _again(tokens, redone, old, max_df, previous.max_df)
    hits = pl.concat(
        [
            pair_hits(fresh, live.drop("old")),  # a new document first, then any other
            pair_hits(live.filter("old").drop("old"), fresh),  # an earlier document first, then a new one
            pair_hits(again, again).join(redone, on=["a", "b"], how="semi"),
        ]
    )
    computed = passages_of(hits, tokens, documents, settings)
    index = pl.Series(earlier)
    kept = previous.passages.with_columns(
        pl.lit(index).gather(pl.col("a")).alias("a"), pl.lit(index).gather(pl.col("b")).alias("b")
    ).join(redone, on=["a", "b"], how="anti")
    return pl.concat([kept, computed]).sort("a", "b", "a_start", maintain_order=True)


def _again(
    tokens: pl.DataFrame, redone: pl.DataFrame, old: pl.Expr, max_df: int, previous_max_df: int
) -> pl.DataFrame:
    """The seed rows that count now of the documents of the ``redone`` pairs (earlier documents
    sharing a seed whose counting changed; usually none: then no seed row is read)."""
    docs = sorted({*redone.get_column("a"), *redone.get_column("b")})
    if not docs:
        return seed_rows(tokens.clear())
    seeds = seed_rows(tokens).with_columns(old)
    again = seeds.filter(pl.col("doc_id").is_in(docs))
    counting = _counting(seeds.join(again.select("seed").unique(), on="seed", how="semi"), max_df, previous_max_df)
    return again.join(counting.filter("now").select("seed"), on="seed", how="semi").drop("old")


def _counting(rows: pl.DataFrame, max_df: int, previous_max_df: int) -> pl.DataFrame:
    """Per seed of the seed ``rows`` (with all rows of each seed, and an ``old`` column: whether
    the document is an earlier one), whether it counts now (``now``) and whether its counting
    in the earlier documents differs from that (``changed``; only seeds of two earlier
    documents or more, the only ones an earlier pair shares)."""
    stats = rows.group_by("seed").agg(
        pl.col("doc_id").n_unique().alias("docs"),
        pl.len().alias("count"),
        pl.col("doc_id").filter(pl.col("old")).n_unique().alias("old_docs"),
        pl.col("old").sum().alias("old_count"),
    )
    now = counted(pl.col("docs"), pl.col("count"), max_df)
    then = counted(pl.col("old_docs"), pl.col("old_count"), previous_max_df)
    return stats.select("seed", now.alias("now"), ((pl.col("old_docs") >= 2) & (now != then)).alias("changed"))
