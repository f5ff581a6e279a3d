"""Stage 5, passages: verbatim text two documents share, with offsets and lines in both."""

from __future__ import annotations

import random

import polars as pl

from compare import frames
from compare.documents.passages import passages, tokenize
from compare.settings import Settings
from compare.text.normalize import normalize
from compare.text.words import WORD


def _passages(texts: list[str], helpers, settings: Settings | None = None) -> pl.DataFrame:
    docs = helpers.documents_frame(texts)
    settings = settings or Settings()
    return passages(tokenize(normalize(docs), settings.passage_seed_words), docs, settings)


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def test_harbor_gold_passages_are_found(harbor_findings, harbor_doc_ids, gold, helpers):
    """Both gold passages of a_wire and b_daily are reported, their text containing the gold text."""
    found = harbor_findings.passages
    for item in gold["shared_passages"]:
        a, b = sorted(harbor_doc_ids[d] for d in item["docs"])
        texts = found.filter((pl.col("a") == a) & (pl.col("b") == b))["text"].to_list()
        assert any(helpers.canon(item["text"]) in helpers.canon(t) for t in texts), item["text"]


def test_harbor_passage_offsets_slice_the_same_words_in_both_files(harbor_findings):
    """a_start/a_end and b_start/b_end cut out passages that begin and end with the same words
    (small edits inside are allowed), ``words`` long in document a; their lines agree."""
    texts = harbor_findings.documents["text"].to_list()
    k = Settings().passage_seed_words
    assert harbor_findings.passages.height > 0
    assert harbor_findings.passages.schema == pl.Schema(frames.PASSAGES)
    for p in harbor_findings.passages.iter_rows(named=True):
        assert p["a"] < p["b"]
        ta, tb = texts[p["a"]], texts[p["b"]]
        wa, wb = _words(ta[p["a_start"] : p["a_end"]]), _words(tb[p["b_start"] : p["b_end"]])
        assert wa[:k] == wb[:k]
        assert wa[-k:] == wb[-k:]
        assert len(wa) == p["words"]
        assert p["words"] >= Settings().passage_min_words
        assert p["a_first_line"] == ta.count("\n", 0, p["a_start"]) + 1
        assert p["a_last_line"] == ta.count("\n", 0, p["a_end"] - 1) + 1
        assert p["b_first_line"] == tb.count("\n", 0, p["b_start"]) + 1
        assert p["b_last_line"] == tb.count("\n", 0, p["b_end"] - 1) + 1
        assert _words(p["text"]) == wa


def _random_lines(rng: random.Random, vocab: list[str], n_lines: int, per_line: int = 25) -> list[str]:
    return [" ".join(rng.choice(vocab) for _ in range(per_line)) + "." for _ in range(n_lines)]


def test_planted_paragraph_is_found_with_line_ranges(helpers):
    """A 120-word paragraph (three lines) planted at different places in two long random texts."""
    rng = random.Random(2024)
    vocab = [f"w{i}" for i in range(5000)]
    planted = [" ".join(rng.choice(vocab) for _ in range(40)) for _ in range(3)]
    a_lines = _random_lines(rng, vocab, 30)
    b_lines = _random_lines(rng, vocab, 50)
    a_lines[10:10] = ["", *planted, ""]  # lines 12-14 of a
    b_lines[33:33] = ["", *planted, ""]  # lines 35-37 of b
    a_text, b_text = "\n".join(a_lines) + "\n", "\n".join(b_lines) + "\n"
    found = _passages([a_text, b_text], helpers)
    assert found.height == 1
    p = found.row(0, named=True)
    assert p["words"] == 120
    assert (p["a_first_line"], p["a_last_line"]) == (12, 14)
    assert (p["b_first_line"], p["b_last_line"]) == (35, 37)
    assert a_text[p["a_start"] : p["a_end"]] == "\n".join(planted)
    assert b_text[p["b_start"] : p["b_end"]] == "\n".join(planted)
    assert p["text"] == " ".join(planted)


def test_small_edit_inside_a_passage_keeps_it_one_passage(helpers):
    """One changed word in the middle of a long shared run does not split the report in two."""
    rng = random.Random(9)
    vocab = [f"w{i}" for i in range(5000)]
    shared = [rng.choice(vocab) for _ in range(60)]
    edited = list(shared)
    edited[30] = "different"
    a = " ".join(_random_lines(rng, vocab, 3)) + "\n" + " ".join(shared) + ".\n"
    b = " ".join(edited) + ".\n" + " ".join(_random_lines(rng, vocab, 3)) + "\n"
    found = _passages([a, b], helpers)
    assert found.height == 1
    assert found["words"][0] >= 55


def test_short_overlap_is_not_a_passage(helpers):
    """Shared runs shorter than passage_min_words are not reported."""
    rng = random.Random(4)
    vocab = [f"w{i}" for i in range(5000)]
    shared = " ".join(rng.choice(vocab) for _ in range(6))
    a = " ".join(_random_lines(rng, vocab, 2)) + f" {shared} " + " ".join(_random_lines(rng, vocab, 2)) + "\n"
    b = " ".join(_random_lines(rng, vocab, 2)) + f" {shared} " + " ".join(_random_lines(rng, vocab, 2)) + "\n"
    assert _passages([a, b], helpers).height == 0


def _corpus_with_phrase(phrase: str, holders: set[int], n_docs: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(20000)]
    texts = []
    for i in range(n_docs):
        lines = _random_lines(rng, vocab, 6)
        if i in holders:
            lines.insert(3, phrase)
        texts.append("\n".join(lines) + "\n")
    return texts


PHRASE = "stock phrase that every single outlet in this corpus prints at the very end."


def test_phrase_in_every_document_is_not_a_passage(helpers):
    """Seeds found in more than passage_max_df of a 12-document corpus are ignored."""
    texts = _corpus_with_phrase(PHRASE, set(range(12)), 12, seed=1)
    found = _passages(texts, helpers)
    assert not any("stock phrase" in t for t in found["text"].to_list())


def test_same_phrase_in_two_documents_is_a_passage(helpers):
    """Control for the test above: in only two of the twelve documents the phrase is reported."""
    texts = _corpus_with_phrase(PHRASE, {2, 9}, 12, seed=1)
    found = _passages(texts, helpers)
    assert found.select("a", "b").rows() == [(2, 9)]
    assert "stock phrase" in found["text"][0]


def test_a_token_carries_the_hash_of_the_seed_it_starts(helpers):
    """A token's seed is the hash of the ``k`` lower-cased words of the source text from it on
    (read back through the tokens' offsets): equal word runs, and only those, share a seed; the
    last ``k - 1`` words of a document start none; no word strings are kept."""
    rng = random.Random(3)
    vocab = [f"W{i}" for i in range(12)]
    shared = " ".join(vocab[:9])  # in two documents, with another case in one: equal seeds there
    noise = [" ".join(rng.choice(vocab) for _ in range(60)) for _ in range(2)]
    texts = [
        f"{noise[0]}, {shared.lower()}; {noise[1]}",
        "Short text here.",
        shared,
    ]
    docs = helpers.documents_frame(texts)
    for k in (3, 5):
        tokens = tokenize(normalize(docs), k)
        assert list(tokens.schema) == list(frames.TOKENS) and "token" not in tokens.columns
        words = {
            (d, p): texts[d][s:e].lower() for d, p, s, e in tokens.select("doc_id", "pos", "start", "end").iter_rows()
        }
        runs: dict[tuple[str, ...], list[int]] = {}
        for d, p, seed in tokens.select("doc_id", "pos", "seed").iter_rows():
            run = tuple(words[(d, p + i)] for i in range(k) if (d, p + i) in words)
            if len(run) < k:
                assert seed is None, (k, d, p)
                continue
            assert seed is not None
            runs.setdefault(run, []).append(seed)
        assert all(len(set(seeds)) == 1 for seeds in runs.values())  # one run, one seed
        assert len({seeds[0] for seeds in runs.values()}) == len(runs)  # another run, another seed
        assert len(runs) > 50 and any(len(seeds) > 1 for seeds in runs.values())  # some run is found twice
        assert tokens.filter(pl.col("doc_id") == 1)["seed"].null_count() == min(k - 1, 3)
