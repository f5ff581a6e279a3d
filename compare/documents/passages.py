"""Stage 5, passages: text two documents share verbatim (after normalization).

Documents are first tokenized with the character offsets of every word in the source
(:func:`tokenize`). Seed and extend, as text-reuse tools do: every word n-gram of ``passage_seed_words``
words is indexed; n-grams found in too many documents (``passage_max_df``) are
ignored, since stock phrases are no evidence of copying. Seeds two documents share
are chained along their diagonal into maximal exact matches, runs separated by a
small edit (``passage_max_gap`` words in both documents) are merged, and passages of
at least ``passage_min_words`` words are reported with offsets and lines in both.
"""

from __future__ import annotations

from collections import defaultdict

import polars as pl

from .. import frames
from ..settings import Settings
from ..text.normalize import collapse, normalize_text
from ..text.words import WORD

SEED_HASH = 7
"""Seed of the polars hash of passage seeds (fixed: the same hashes in every run)."""
MAX_GAP = 6  # words; runs closer than this in both documents are one passage
MIN_MATCHED_SHARE = 0.75
"""A merged passage must match exactly over at least this share of its words."""
_TRAILING = ".,;:!?\"')]"


def _source_end(offsets: list[int], e: int, line_end: int) -> int:
    """Source offset just past normalized character ``e - 1``: where character ``e`` starts
    (one normalized character can stand for several source ones, "&#39;" or "e" + accent)."""
    return max(offsets[e] if e < len(offsets) else line_end, offsets[e - 1] + 1)


def _seed_hash(k: int) -> pl.Expr:
    """The hash of the ``k``-word seed starting at each token (the words of a ``token``
    column, by document; null where fewer than ``k`` words of its document follow)."""
    seed = pl.concat_str([pl.col("token").shift(-i).over("doc_id") for i in range(k)], separator=" ")
    return pl.when(seed.is_null()).then(None).otherwise(seed.hash(SEED_HASH)).alias("seed")


def tokenize(lines: pl.DataFrame, seed_words: int) -> pl.DataFrame:
    """Lines frame in, tokens frame out (see :data:`compare.frames.TOKENS`).

    Only ``body`` and ``heading`` lines contribute: boilerplate is never evidence of
    copying. Offsets are mapped back to the decoded source text. Each token gets the hash
    of the seed of ``seed_words`` words it starts (the ``passage_seed_words`` setting the
    passages are found with), so a cache keeps them with the document; the words are
    dropped once hashed.
    """
    schema = {name: dtype for name, dtype in frames.TOKENS.items() if name != "seed"} | {"token": pl.String}
    rows: dict[str, list] = {name: [] for name in schema}
    positions: dict[int, int] = {}
    kept = lines.filter(pl.col("kind").is_in(["body", "heading"]))
    for doc_id, line, start, line_end, norm, offs in kept.select(
        "doc_id", "line", "start", "end", "norm", "offsets"
    ).iter_rows():
        pos = positions.get(doc_id, 0)
        for m in WORD.finditer(norm):
            s, e = m.span()
            rows["doc_id"].append(doc_id)
            rows["pos"].append(pos)
            rows["token"].append(m.group().lower())
            rows["start"].append(offs[s] if offs else start + s)
            rows["end"].append(_source_end(offs, e, line_end) if offs else start + e)
            rows["line"].append(line)
            pos += 1
        positions[doc_id] = pos
    tokens = pl.DataFrame(rows, schema=schema)
    return tokens.with_columns(_seed_hash(seed_words)).select(list(frames.TOKENS))


def seed_limit(settings: Settings, documents: int) -> int:
    """The most documents a seed may be found in to count (``passage_max_df`` of the
    ``documents``, at least 4); one found more than four times as often in all is left out too."""
    return max(4, int(settings.passage_max_df * documents))


def seed_rows(tokens: pl.DataFrame) -> pl.DataFrame:
    """Every seed of a tokens frame: columns doc_id, pos, seed (the last ``k - 1`` words of a
    document start none)."""
    return tokens.select("doc_id", "pos", "seed").drop_nulls("seed")


def counted(docs: pl.Expr, count: pl.Expr, max_df: int) -> pl.Expr:
    """Whether a seed found in ``docs`` documents, ``count`` times in all, counts as evidence
    of copying under :func:`seed_limit` ``max_df``: in two documents or more, but not too many."""
    return (docs >= 2) & (docs <= max_df) & (count <= 4 * max_df)


def pair_hits(left: pl.DataFrame, right: pl.DataFrame) -> pl.DataFrame:
    """The pairs of equal seeds of ``left`` and ``right`` (seed rows, :func:`seed_rows`) in
    two documents ``a < b``: columns a, pa, b, pb."""
    pairs = left.rename({"doc_id": "a", "pos": "pa"}).join(right.rename({"doc_id": "b", "pos": "pb"}), on="seed")
    return pairs.filter(pl.col("a") < pl.col("b")).select("a", "pa", "b", "pb")


def _seed_hits(tokens: pl.DataFrame, max_df: int) -> pl.DataFrame:
    """Every pair of equal seeds in two documents (``a < b``): columns a, pa, b, pb.

    Only the seeds :func:`counted` under ``max_df`` take part. Seeds are hashed with polars
    (64-bit), and the pairs come from one self-join, so the cost stays in compiled code.
    """
    seeds = (
        seed_rows(tokens)
        .with_columns(pl.col("doc_id").n_unique().over("seed").alias("docs"), pl.len().over("seed").alias("count"))
        .filter(counted(pl.col("docs"), pl.col("count"), max_df))
        .select("seed", "doc_id", "pos")
    )
    return pair_hits(seeds, seeds)


def _runs(hits: list[tuple[int, int]], k: int) -> list[list[int]]:
    """Chain seed hits (pa, pb) into maximal diagonal runs [a0, a1, b0, b1] (token
    ranges, end exclusive), then merge runs separated by small gaps; a fifth item counts
    the words of the passage (in document a) that matched exactly."""
    by_diag: dict[int, list[int]] = defaultdict(list)
    for pa, pb in hits:
        by_diag[pa - pb].append(pa)
    runs: list[list[int]] = []
    for diag, starts in by_diag.items():
        starts.sort()
        first = prev = starts[0]
        for p in starts[1:] + [None]:
            if p is not None and p == prev + 1:
                prev = p
                continue
            runs.append([first, prev + k, first - diag, prev + k - diag])
            if p is not None:
                first = prev = p
    # longest first, so a repeated phrase elsewhere never splits a long copy
    runs.sort(key=lambda r: (-(r[1] - r[0]), r[0], r[2]))
    kept: list[list[int]] = []
    for r in runs:
        if any(m[0] <= r[0] and r[1] <= m[1] and m[2] <= r[2] and r[3] <= m[3] for m in kept):
            continue  # inside a longer run: a phrase repeated within the copy
        kept.append([*r, r[1] - r[0]])  # [a0, a1, b0, b1, words matched exactly]
    kept.sort(key=lambda r: (r[0], r[2]))
    merged: list[list[int]] = []
    for r in kept:
        # join the passage this run continues after a small edit in both documents
        best = None
        for m in reversed(merged[-8:]):
            if m[0] <= r[0] <= m[1] + MAX_GAP and m[2] - MAX_GAP <= r[2] <= m[3] + MAX_GAP and r[1] > m[1]:
                best = m
                break
        if best is not None:
            best[4] += r[1] - max(r[0], best[1])
            best[1], best[3] = r[1], max(best[3], r[3])
        else:
            merged.append(r)
    return merged


def _extend_punctuation(text: str, end: int) -> int:
    while end < len(text) and text[end] in _TRAILING:
        end += 1
    return end


def passages(tokens: pl.DataFrame, documents: pl.DataFrame, settings: Settings) -> pl.DataFrame:
    """Tokens and documents frames in, passages frame out (see :data:`compare.frames.PASSAGES`)."""
    hits = _seed_hits(tokens, seed_limit(settings, documents.height))
    return passages_of(hits, tokens, documents, settings)


def passages_of(hits: pl.DataFrame, tokens: pl.DataFrame, documents: pl.DataFrame, settings: Settings) -> pl.DataFrame:
    """The passages the seed ``hits`` (a, pa, b, pb; :func:`pair_hits`) make, in document
    pair order, then by start in document a. A pair's passages depend on its hits alone (and
    the two documents), so a rerun may take those of pairs whose hits stay from the previous
    run (:mod:`compare.incremental.passage_state`)."""
    if hits.height == 0:
        return frames.empty(frames.PASSAGES)
    k = settings.passage_seed_words
    grouped = {
        (a, b): list(zip(pa, pb, strict=True))
        for a, b, pa, pb in hits.group_by("a", "b").agg("pa", "pb").sort("a", "b").iter_rows()
    }
    involved = sorted({d for pair in grouped for d in pair})
    by_doc = {
        doc_id: (starts, ends, lines)
        for doc_id, starts, ends, lines in tokens.filter(pl.col("doc_id").is_in(involved))
        .group_by("doc_id", maintain_order=True)
        .agg("start", "end", "line")
        .iter_rows()
    }
    # the involved documents' texts only (a rerun's few pairs: not every document's as a string)
    texts = dict(zip(involved, documents.get_column("text").gather(involved).to_list(), strict=True))
    rows = []
    for (da, db), seed_pairs in grouped.items():
        sa, ea, la = by_doc[da]
        sb, eb, lb = by_doc[db]
        for a0, a1, b0, b1, matched in _runs(seed_pairs, k):
            words = a1 - a0
            if matched < settings.passage_min_words or matched < MIN_MATCHED_SHARE * words:
                continue  # too short, or more edits than shared text
            a_end = _extend_punctuation(texts[da], ea[a1 - 1])
            b_end = _extend_punctuation(texts[db], eb[b1 - 1])
            rows.append(
                {
                    "a": da,
                    "b": db,
                    "a_start": sa[a0],
                    "a_end": a_end,
                    "b_start": sb[b0],
                    "b_end": b_end,
                    "a_first_line": la[a0],
                    "a_last_line": la[a1 - 1],
                    "b_first_line": lb[b0],
                    "b_last_line": lb[b1 - 1],
                    "words": words,
                    # collapsed first: line breaks would send the whole passage down the slow path
                    "text": collapse(normalize_text(collapse(texts[da][sa[a0] : a_end]))[0]),
                }
            )
    if not rows:
        return frames.empty(frames.PASSAGES)
    # a stable sort: passages of one pair starting together stay in the order found
    return pl.DataFrame(rows, schema=frames.PASSAGES).sort("a", "b", "a_start", maintain_order=True)
