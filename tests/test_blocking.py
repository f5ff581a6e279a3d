"""Blocking across runs: candidate pairs brought up to date from the previous run equal those
computed on the whole corpus, whatever was added; anything else falls back to the full count."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import numpy as np
import polars as pl
import pytest

import compare
from compare import pipeline
from compare._runtime import in_thread
from compare.documents.ingest import ingest
from compare.incremental import blocking, keys
from compare.incremental.reuse import NoReuse, Skips
from compare.settings import Settings
from compare.statements import candidates as candidates_stage
from compare.statements import claim_checks, grouping, scoring

HARBOR = Path(__file__).parent / "fixtures" / "harbor-fire"
SEEDS = Path(__file__).parents[1] / "seeds"

_SUBJECTS = ["the mayor", "the port authority", "fire crews", "the council", "investigators", "the governor"]
_VERBS = ["said", "confirmed", "denied", "reported", "announced", "warned"]
_OBJECTS = [
    "the warehouse fire started at night",
    "the harbor will reopen on Thursday",
    "two workers were injured in the blaze",
    "the cause of the fire is still unknown",
    "cargo worth millions was destroyed",
    "the budget for repairs was approved",
    "smoke closed the coastal highway",
    "residents were told to keep windows shut",
]


def _article(rng: random.Random) -> str:
    """A short news-like text drawn from a small vocabulary: stems repeat across articles, so
    some lists grow past their cap as articles are added."""
    lines = []
    for _ in range(rng.randint(4, 8)):
        obj = rng.choice(_OBJECTS)
        if rng.random() < 0.3:
            obj += f" after {rng.randint(2, 40)} hours"
        lines.append(f"{rng.choice(_SUBJECTS).capitalize()} {rng.choice(_VERBS)} {obj}.")
    return "\n\n".join(lines) + "\n"


def _rule_line(rng: random.Random) -> str:
    """A sentence the conflict rules pair with others of its kind on their own, sharing a
    single stem with them (no candidate): the same rank of the same kind of event, or harm
    denied and harm reported, each in words of its own."""
    return rng.choice(
        [
            f"Crews on {rng.choice(['Elm', 'Oak', 'Pine'])} Road fought the third fire.\n",
            f"Officials called it the third fire of the {rng.choice(['season', 'decade', 'summer'])}.\n",
            f"Nobody was hurt, the {rng.choice(['ferry', 'bakery', 'library'])} owner added.\n",
            f"{rng.randint(2, 9)} {rng.choice(['sailors', 'tourists', 'drivers'])} were hurt yesterday.\n",
        ]
    )


def _grown_and_compared(rng: random.Random, folder: Path, out: Path, store: Path, articles: int, step: int) -> None:
    """Add ``articles`` generated articles (each with a line the conflict rules pair) to
    ``folder``, run it with the cache ``store`` (into ``out/cached``), then without (``out/cold``),
    and check both write the same findings and report."""
    for _ in range(articles):
        text = _article(rng) + "\n" + _rule_line(rng)
        (folder / f"{rng.randint(0, 10**6):07d}.txt").write_text(text, encoding="utf-8")
    compare.run(folder, out / "cached", cache=store)
    compare.run(folder, out / "cold")
    for name in ("findings.json", "report.md"):
        assert (out / "cached" / name).read_bytes() == (out / "cold" / name).read_bytes(), (step, name)


def _state(folder: Path, previous: blocking.State | None):
    """Both candidate lists of the folder (from the state, and computed in full), the new state
    and whether the previous one was used."""
    settings = Settings()
    documents, _ = ingest(folder, settings)
    per_doc = pipeline.per_document(documents, settings)
    claims = per_doc.statements.filter(pl.col("kind") == "claim")
    scorer = scoring.Scorer.from_features(per_doc.features)
    shas = documents.get_column("sha256").to_list()
    blocked = blocking.candidates(claims, scorer, shas, previous)
    full = candidates_stage.candidates(claims, scoring.Scorer.from_features(per_doc.features))
    return blocked.candidates, full, blocked.state, blocked.used


def test_adding_documents_one_or_two_at_a_time_keeps_the_full_candidates(tmp_path: Path) -> None:
    rng = random.Random(7)
    folder = tmp_path / "in"
    folder.mkdir()
    state = None
    used_steps = grown_past_cap = 0
    for step in range(14):
        # names out of order: a new file often lands between earlier ones (doc ids shift);
        # every third step adds two files, whose pairs with each other are new too
        for _ in range(2 if step % 3 == 2 else 1):
            (folder / f"{rng.randint(0, 10**6):07d}.txt").write_text(_article(rng), encoding="utf-8")
        found, full, new_state, used = _state(folder, state)
        assert found == full, step
        if state is not None:
            used_steps += used
            grown_past_cap += len(new_state.common - state.common) > 0 and used
        state = new_state
    assert used_steps == 13  # only additions: the state was used every time
    assert grown_past_cap  # and at least one step had lists crossing their cap to take away
    assert state is not None and state.cap == 30 and state.common


def test_real_texts_added_to_each_other(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(HARBOR, folder, ignore=shutil.ignore_patterns("*.json"))
    _, _, state, _ = _state(folder, None)
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy(path, folder / path.name)
        found, full, state, used = _state(folder, state)
        assert used and found == full


@pytest.mark.parametrize("change", ["remove", "edit", "duplicate"])
def test_anything_but_additions_counts_in_full(tmp_path: Path, change: str) -> None:
    folder = tmp_path / "in"
    shutil.copytree(HARBOR, folder, ignore=shutil.ignore_patterns("*.json"))
    _, _, state, _ = _state(folder, None)
    victim = sorted(folder.glob("*.txt"))[1]
    if change == "remove":
        victim.unlink()
    elif change == "edit":
        victim.write_text(victim.read_text(encoding="utf-8") + "\nThe fire was put out at noon.\n", encoding="utf-8")
    else:  # the same content under a second name: keys by sha256 would be ambiguous
        shutil.copy(victim, folder / "zz_copy.txt")
    found, full, _, used = _state(folder, state)
    assert not used
    assert found == full


def test_a_state_from_other_code_is_not_used(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "in"
    shutil.copytree(HARBOR, folder, ignore=shutil.ignore_patterns("*.json"))
    _, _, state, _ = _state(folder, None)
    pairs, lists, gates = state.to_frames()
    back = blocking.State.from_frames(pairs, lists, gates)
    assert back is not None and back.pairs.equals(state.pairs) and back.pairs.height
    assert back.gates.equals(state.gates)
    beyond = pairs.with_columns(pl.lit(len(state.docs)).alias("b_doc"))  # a document the state lacks
    assert blocking.State.from_frames(beyond, lists, gates) is None
    assert (back.docs, back.cap, back.common, back.common_frames) == (
        state.docs,
        state.cap,
        state.common,
        state.common_frames,
    )
    monkeypatch.setattr(keys, "package_digest", lambda: "other code")  # the digest stored states are checked against
    assert blocking.State.from_frames(pairs, lists, gates) is None


def test_stored_pairs_are_reused_and_damage_is_reported(tmp_path: Path, caplog, monkeypatch) -> None:
    folder = tmp_path / "in"
    shutil.copytree(HARBOR, folder, ignore=shutil.ignore_patterns("*.json"))
    store = tmp_path / "cache"
    compare.run(folder, tmp_path / "first", cache=store)
    stored = sorted(store.glob("*/blocking-pairs.*.parquet"))
    assert len(stored) == 1
    shutil.copy(SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0], folder / "zz_added.txt")
    calls = []
    original = candidates_stage.candidates

    def counted(*args):
        calls.append(1)
        return original(*args)

    monkeypatch.setattr(candidates_stage, "candidates", counted)
    compare.run(folder, tmp_path / "second", cache=store)
    assert not calls  # brought up to date, not counted again
    compare.run(folder, tmp_path / "cold")
    assert (tmp_path / "second" / "findings.json").read_bytes() == (tmp_path / "cold" / "findings.json").read_bytes()
    stored = sorted(store.glob("*/blocking-pairs.*.parquet"))
    assert len(stored) == 1  # the previous run's file replaced, not kept
    data = bytearray(stored[0].read_bytes())
    data[len(data) // 2] ^= 0xFF
    stored[0].write_bytes(bytes(data))
    (folder / "zz_more.txt").write_text("The harbor fire burned for nine hours, officials said.\n", "utf-8")
    calls.clear()
    caplog.clear()
    compare.run(folder, tmp_path / "third", cache=store)
    assert "damaged" in caplog.text
    assert calls  # counted in full instead
    compare.run(folder, tmp_path / "cold3")
    assert (tmp_path / "third" / "findings.json").read_bytes() == (tmp_path / "cold3" / "findings.json").read_bytes()


def test_signatures_kept_with_the_features_give_the_same_candidates() -> None:
    """The features stage stores each claim's sentence MinHash (cached with its document); the
    candidates found with them equal those found by computing the signatures afresh."""
    settings = Settings()
    documents, _ = ingest(HARBOR, settings)
    per_doc = pipeline.per_document(documents, settings)
    claims = per_doc.statements.filter(pl.col("kind") == "claim")
    stored = scoring.Scorer.from_features(per_doc.features)
    assert stored.sentence_sigs(claims.get_column("stmt_id").to_list()) is not None
    fresh = scoring.Scorer(stored.sets, stored.anchors, stored.clauses, stored.frames)
    assert fresh.sentence_sigs(claims.get_column("stmt_id").to_list()) is None
    assert candidates_stage.candidates(claims, stored) == candidates_stage.candidates(claims, fresh)


def test_score_bounds_hold_and_skipping_changes_nothing(tmp_path: Path, monkeypatch) -> None:
    """Each run stores a bound of every candidate's score and by how much it missed the
    conflict gates; the next run skips scoring the pairs whose bound, moved by the most their
    stems' IDF can have moved, stays under the threshold, and skips testing the pairs whose
    miss stays below zero. Checked here: every previous score moved by less than its margin,
    every skipped pair fails the gates, the conflicts found equal those found testing every
    pair, and the findings equal those of a run without the cache at every step."""
    rng = random.Random(11)
    folder = tmp_path / "in"
    folder.mkdir()
    store = tmp_path / "cache"
    skipped, checked = [], 0
    original = blocking.skippable

    def recording(blocked, scorer, threshold):
        below, margin = original(blocked, scorer, threshold)
        skipped.append(0 if below is None else int(below.sum()))
        nonlocal checked
        fresh = scoring.Scorer(scorer.sets, scorer.anchors, scorer.clauses, scorer.frames)
        for (a, b, _), old, moved in zip(blocked.candidates, blocked.previous_bound, margin, strict=True):
            if old == old:  # a bound from the previous run (not NaN)
                assert fresh.score(a, b) <= old + moved
                checked += 1
        return below, margin

    apart_seen, through_seen, quiet_seen = [], [], []
    original_conflicts = pipeline.conflicts_stage.conflict_tests

    others_seen = []

    def checked_conflicts(claims, values, scorer, pairs, features, apart=frozenset(), through=(), quiet=()):
        found, missed, calm = original_conflicts(claims, values, scorer, pairs, features, apart, through, quiet)
        every, full, full_calm = original_conflicts(claims, values, scorer, pairs, features)
        assert found.equals(every)
        assert all(full.get(code, -1.0) < 0 for code in apart)  # skipped pairs fail the gates
        known = np.asarray(through, dtype=np.int64).tolist()
        assert all(full.get(code, -1.0) >= 0 for code in known)  # untested pairs pass them
        assert not set(missed) & set(known)  # and are not tested
        silent = np.asarray(quiet, dtype=np.int64).tolist()
        assert set(silent) <= set(known)  # pairs not compared pass the gates
        assert all(code in full_calm for code in silent)  # and the rules find nothing in them
        assert not set(calm) & set(silent)  # they are not compared
        apart_seen.append(len(apart))
        through_seen.append(len(through))
        quiet_seen.append(len(silent))
        row = {sid: i for i, sid in enumerate(claims.get_column("stmt_id").to_list())}
        if isinstance(pairs, tuple):  # a rerun passes the statements' positions
            candidates = set((pairs[0] * len(row) + pairs[1]).tolist())
            ids = claims.get_column("stmt_id").to_list()
            by_ids = [(ids[i], ids[j]) for i, j in zip(pairs[0].tolist(), pairs[1].tolist(), strict=True)]
            assert found.equals(original_conflicts(claims, values, scorer, by_ids, features, apart).conflicts)
        else:
            candidates = {row[a] * len(row) + row[b] for a, b in pairs}
        others_seen.append(len(set(apart) - candidates))  # pairs the rules proposed, skipped too
        return pipeline.conflicts_stage.Tested(found, missed, calm)

    monkeypatch.setattr(blocking, "skippable", recording)
    monkeypatch.setattr(pipeline.conflicts_stage, "conflict_tests", checked_conflicts)
    for step in range(7):
        _grown_and_compared(rng, folder, tmp_path, store, 1 if step % 2 else 3, step)
    assert checked > 100 and sum(skipped) > 0 and sum(apart_seen) > 0 and sum(others_seen) > 0
    assert sum(through_seen) > 0 and sum(quiet_seen) > 0
    assert json.loads((tmp_path / "cold" / "findings.json").read_text(encoding="utf-8"))["conflicts"]


def test_stored_check_verdicts_equal_those_read_again(tmp_path: Path, monkeypatch) -> None:
    """Each run stores the claim checks' verdict of every candidate it checked; the next run
    takes them for the same two statements instead of reading them again. Checked here: at
    every step the verdicts taken or read equal those read afresh, most of a rerun's are
    taken, every kind of verdict is among them, and the findings equal those of a run without
    the cache."""
    rng = random.Random(5)
    folder = tmp_path / "in"
    folder.mkdir()
    store = tmp_path / "cache"
    original = pipeline.claim_checks.verdicts
    taken, kinds = [], set()

    def checked(pairs, texts, scorer, mentions, values, agreed=frozenset(), known=None):
        found = original(pairs, texts, scorer, mentions, values, agreed, known)
        assert found == original(pairs, texts, scorer, mentions, values, agreed)
        known = known or {}
        taken.append((sum(pair in known for pair in pairs), len(pairs)))
        kinds.update(found.values())
        return found

    monkeypatch.setattr(pipeline.claim_checks, "verdicts", checked)
    for step in range(5):
        _grown_and_compared(rng, folder, tmp_path, store, 1 if step else 4, step)
    reruns = taken[2::2]  # the cached runs after the first (each step runs cached, then cold)
    assert all(known > total / 2 for known, total in reruns), taken
    assert kinds == {claim_checks.KEEP, claim_checks.APART, claim_checks.SCORED, claim_checks.FIGURES}


def test_the_stored_state_is_what_each_pair_reads(tmp_path: Path, monkeypatch) -> None:
    """The state stored for the next run, made for all candidates at once, holds for each pair
    what reading it alone gives: its score where this run computed it (else the previous bound
    moved by its margin), its gate miss (as tested, else the previous one moved for a pair known
    apart, else -inf) and its claim checks' verdict (this run's, else the previous one)."""
    rng = random.Random(11)
    folder = tmp_path / "in"
    folder.mkdir()
    store = tmp_path / "cache"
    original = blocking.with_bounds
    compared, kinds = [], set()

    def checked(blocked, scorer, margin, missed, apart, gate_moved=None, checks=None, through=(), quiet=None,
                known_quiet=()):  # fmt: skip
        state = original(blocked, scorer, margin, missed, apart, gate_moved, checks, through, quiet, known_quiet)
        n = max(1, len(blocked.ids))
        bounds, gates, verdicts, calm = [], [], [], []
        for k, (a, b, _) in enumerate(blocked.candidates):
            code = int(blocked.first[k]) * n + int(blocked.second[k])
            exact = scorer.cached(a, b)
            bound = blocked.previous_bound[k] + margin[k] if exact is None else exact
            bounds.append(bound if np.isfinite(bound) else None)
            if code in apart:  # a miss moved towards zero: still a miss
                gates.append(blocked.previous_missed[k] + margin[k])
            elif code in through:  # a pass moved towards zero: still a pass
                gates.append(blocked.previous_missed[k] - margin[k])
            else:
                gates.append(missed.get(code, -np.inf))
            if code in known_quiet:  # a quiet margin moved towards zero: still quiet
                calm.append(blocked.previous_quiet[k] - margin[k])
                kinds.add("quiet")
            else:
                calm.append((quiet or {}).get(code, np.nan))
            kind = "apart" if code in apart else ("through" if code in through else "tested")
            kinds.update({"scored" if exact is not None else "moved", kind})
            verdicts.append((checks or {}).get((a, b), int(blocked.previous_check[k])))
            kinds.add("checked" if (a, b) in (checks or {}) else "kept")
        pairs = state.pairs
        assert pairs.get_column("bound").fill_nan(None).to_list() == bounds
        got = pairs.get_column("missed").to_list()
        assert all(x == y or (x != x and y != y) for x, y in zip(got, gates, strict=True))
        assert pairs.get_column("check").to_list() == verdicts
        got = pairs.get_column("quiet").to_list()
        assert all(x == y or (x != x and y != y) for x, y in zip(got, calm, strict=True))
        compared.append(len(blocked.candidates))
        return state

    monkeypatch.setattr(blocking, "with_bounds", checked)
    for step in range(7):
        _grown_and_compared(rng, folder, tmp_path, store, 1 if step % 2 else 3, step)
    assert len(compared) >= 7 and min(compared) > 0
    assert kinds == {"scored", "moved", "apart", "through", "quiet", "tested", "checked", "kept"}, kinds


class _Below(NoReuse):
    """A reuse that skips all a rerun may: every candidate scoring under the threshold is
    below it, and those under the link floor unchecked (read off the true scores)."""

    def __init__(self, per_doc) -> None:
        self.per_doc = per_doc

    def candidates(self, claims, scorer):
        self.found = super().candidates(claims, scorer)
        return self.found

    def skips(self, scorer, threshold):
        true = scoring.Scorer.from_features(self.per_doc.features).score
        scores = np.array([true(a, b) for a, b, _ in self.found])
        below, unchecked = scores < threshold, scores < grouping.link_floor(threshold)
        self.below = {(a, b) for (a, b, _), low in zip(self.found, below, strict=True) if low}
        self.unchecked = {(a, b) for (a, b, _), low in zip(self.found, unchecked, strict=True) if low}
        none = np.zeros(0, dtype=np.int64)
        return Skips(below, unchecked, none, none, none)


def test_pairs_under_the_threshold_keep_groups_apart_as_in_a_cold_run(tmp_path: Path, monkeypatch) -> None:
    """The claim checks keep apart pairs the grouping reads when merging two groups: a pair
    under the match threshold but over the link floor blocks a merge when the checks keep it
    apart. A run that skips everything under the threshold (as a rerun may) still checks
    those pairs: its cannot-link pairs over the floor and its groups equal those of a run
    that skips nothing."""
    rng = random.Random(1)
    for i in range(30):
        (tmp_path / f"{i:02d}.txt").write_text(_article(rng) + "\n" + _rule_line(rng), encoding="utf-8")
    settings = Settings()
    documents, _ = ingest(tmp_path, settings)
    per_doc = pipeline.per_document(documents, settings)
    seen: list[set[frozenset[str]]] = []
    original = pipeline.grouping.group

    def grouped(claims, scorer, pairs, threshold, cannot_link):
        floor = grouping.link_floor(threshold)
        seen.append({p for p in cannot_link if len(p) == 2 and scorer.score(*sorted(p)) >= floor})
        return original(claims, scorer, pairs, threshold, cannot_link)

    monkeypatch.setattr(pipeline.grouping, "group", grouped)
    def claims(reuse: object) -> pl.DataFrame:
        scorer = in_thread(scoring.Scorer.from_features, per_doc.features)
        return pipeline._claims(per_doc, scorer, settings, reuse, print, documents.height, {})[1]

    every = claims(pipeline.NO_REUSE)
    skipping = _Below(per_doc)
    fewer = claims(skipping)
    assert fewer.equals(every)
    assert seen[0] == seen[1]
    # the case at stake occurs: pairs under the threshold that the checks keep apart over the floor
    assert {frozenset(p) for p in skipping.below - skipping.unchecked} & seen[0]


def test_a_pair_list_reads_as_the_list_of_its_pairs() -> None:
    """The brought-up-to-date candidates are a PairList: each pair made from the arrays when
    read, by position, slice, iteration or a set of positions, and equal to the list of them."""
    from compare.ids import PairList

    ids = ["0:1", "0:2", "1:1", "2:3"]
    pairs = PairList(ids, np.array([0, 0, 1]), np.array([2, 3, 3]), np.array([2, 3, 4]))
    as_list = [("0:1", "1:1", 2), ("0:1", "2:3", 3), ("0:2", "2:3", 4)]
    assert len(pairs) == 3 and list(pairs) == as_list and pairs == as_list and as_list == pairs
    assert pairs[1] == ("0:1", "2:3", 3) and pairs[-1] == as_list[-1] and pairs[1:] == as_list[1:]
    assert pairs.taken(np.array([2, 0])) == [as_list[2], as_list[0]]
    assert pairs != as_list[:2] and pairs != [("0:1", "1:1", 2), ("0:1", "2:3", 3), ("0:2", "2:3", 5)]
    assert type(pairs[0][2]) is int
    with pytest.raises(IndexError):
        pairs[3]


def test_the_pipeline_keeps_the_unskipped_pairs_of_a_pair_list_in_order() -> None:
    """The pipeline keeps the candidates a mask does not skip, from a list or a PairList alike."""
    from compare.ids import PairList

    pairs = PairList(["a", "b", "c"], np.array([0, 0, 1]), np.array([1, 2, 2]), np.array([2, 2, 3]))
    skipped = np.array([False, True, False])
    assert pipeline._kept(pairs, skipped) == pipeline._kept(list(pairs), skipped) == [("a", "b", 2), ("b", "c", 3)]
    assert pipeline._kept(pairs, None) == list(pairs)


def test_pair_codes_as_a_sorted_array_from_any_collection() -> None:
    """Codes known apart travel as a sorted array of distinct int64, made from an array (kept as
    it is when sorted and distinct already), a set or any iterable."""
    from compare.ids import code_array

    ready = np.array([1, 5, 9], dtype=np.int64)
    assert code_array(ready) is ready
    for given in (np.array([9, 1, 5, 1]), {9, 5, 1}, [5, 1, 9, 9], (c for c in (9, 5, 1))):
        got = code_array(given)
        assert got.dtype == np.int64 and got.tolist() == [1, 5, 9]
    assert code_array(set()).tolist() == [] and code_array(np.zeros(0)).dtype == np.int64


def test_pair_codes_in_sorted_runs_are_merged_into_one_sorted_array() -> None:
    """Codes that come as sorted runs (the candidates' and the rules' proposals, the candidates
    known apart and the moved gate misses) are merged: the same array as sorting them all."""
    from compare.ids import code_array

    rng = np.random.default_rng(5)
    runs = [np.sort(rng.integers(0, 500, size=k)) for k in (300, 40, 0, 7)]
    merged = code_array(np.concatenate(runs))
    assert merged.tolist() == sorted(set(np.concatenate(runs).tolist()))


@pytest.mark.parametrize(("bands", "rows"), [(16, 4), (21, 3), (8, 8), (1, 1)])
def test_band_hashes_fold_each_band_of_each_row_in_order(bands: int, rows: int) -> None:
    """Each band's hash is its values folded in order (times a constant, plus the next value,
    modulo 2**64), so rows equal on a band hash alike; values past the last band are left out."""
    rng = np.random.default_rng(bands * rows)
    sigs = rng.integers(0, 2**32, (40, bands * rows + 3), dtype=np.uint32)
    sigs[7] = sigs[3]
    for band in range(bands):
        hashed = blocking._band_hash(sigs, band, rows)
        assert hashed.shape == (40,) and hashed.dtype == np.uint64
        for row in (0, 3, 7, 39):
            folded = 0
            for value in sigs[row, band * rows : (band + 1) * rows].tolist():
                folded = (folded * 0x9E3779B97F4A7C15 + value) % 2**64
            assert int(hashed[row]) == folded
        assert hashed[3] == hashed[7]


def test_claim_index_by_table_and_by_search_agree(monkeypatch) -> None:
    """A previous state's (document, number) pairs find this run's claims alike through the
    lookup table and through the sorted search, and neither finds a missing one."""
    from compare.incremental import blocking_bounds

    rng = np.random.default_rng(5)
    shas = [f"sha{d}" for d in range(30)]
    previous = [f"sha{d}" for d in range(0, 30, 2)]  # the previous run's documents, in its order
    doc = np.repeat(np.arange(30), 7)
    numbers = np.tile(np.arange(0, 14, 2), 30)  # the claims: even statement numbers only
    queries = [(rng.integers(0, 15, 50), rng.choice(np.arange(0, 14, 2), 50)), (np.array([3]), np.array([5]))]
    results = []
    for dense in (True, False):
        monkeypatch.setattr(blocking_bounds, "DENSE_INDEX", 8 if dense else 0)
        monkeypatch.setattr(blocking_bounds, "DENSE_INDEX_MIN", 1 << 16 if dense else 0)
        index = blocking_bounds.claim_index(previous, shas, doc, numbers)
        results.append([index(d, n) for d, n in queries])
    (found, missing), (searched, missing_too) = results
    assert found is not None and searched is not None and np.array_equal(found, searched)
    d, n = queries[0]
    assert np.array_equal(doc[found], 2 * d) and np.array_equal(numbers[found], n)
    assert missing is None and missing_too is None  # an odd statement number: not a claim
