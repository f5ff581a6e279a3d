"""End to end on the labelled harbor-fire corpus, scored from findings.json like the project's scorer.

Matching rules: a statement matches a gold reference ``[file, substring]`` when it belongs to that
file and its text, NFKC-normalized with straight quotes, collapsed whitespace and casefolded,
contains the substring normalized the same way. A gold repeated pair is found when its two
statements share a repeated group. Conflict precision leaves out reported conflicts that only
match a gold ``soft_conflicts`` entry (true, but neither required nor penalised).
"""

from __future__ import annotations

import itertools
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def canon(text: str) -> str:
    """NFKC, straight quotes, whitespace collapsed, casefolded."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES).split()).casefold()


@dataclass(frozen=True)
class Score:
    found: int
    total: int

    @property
    def ratio(self) -> float:
        return self.found / self.total if self.total else 0.0


class Scorer:
    """Scores one findings.json against gold.json."""

    def __init__(self, findings: dict, gold: dict) -> None:
        self.f = findings
        self.gold = gold
        self.path_of = {d["id"]: d["path"] for d in findings["documents"]}
        self.doc_of = {p: i for i, p in self.path_of.items()}
        self.group_of: dict[str, set[str]] = {}
        for g in findings["repeated"]:
            for sid in g["statements"]:
                self.group_of.setdefault(sid, set()).add(g["id"])

    def matches(self, ref: list[str]) -> set[str]:
        file_name, substring = ref
        needle = canon(substring)
        return {
            s["id"] for s in self.f["statements"] if self.path_of[s["doc"]] == file_name and needle in canon(s["text"])
        }

    def _pair_key(self, x: str, y: str) -> frozenset[str]:
        return frozenset((self.doc_of[x], self.doc_of[y]))

    def near_duplicates(self) -> tuple[Score, Score]:
        near = {frozenset((p["a"], p["b"])) for p in self.f["pairs"] if p["near_duplicate"]}
        found = sum(self._pair_key(x, y) in near for x, y in self.gold["near_duplicate_pairs"])
        false = sum(self._pair_key(x, y) in near for x, y in self.gold["distinct_pairs"])
        return Score(found, len(self.gold["near_duplicate_pairs"])), Score(false, len(self.gold["distinct_pairs"]))

    def shared_passages(self) -> Score:
        found = 0
        for item in self.gold["shared_passages"]:
            key = self._pair_key(*item["docs"])
            needle = canon(item["text"])
            found += any(frozenset((p["a"], p["b"])) == key and needle in canon(p["text"]) for p in self.f["passages"])
        return Score(found, len(self.gold["shared_passages"]))

    def boilerplate_as_statements(self) -> Score:
        refs = self.gold["not_statements"]
        return Score(sum(bool(self.matches(ref)) for ref in refs), len(refs))

    def repeated_pairs(self) -> Score:
        found = total = 0
        for item in self.gold["repeated"]:
            for (fa, sa), (fb, sb) in itertools.combinations(item.items(), 2):
                total += 1
                found += any(
                    self.group_of.get(x, set()) & self.group_of.get(y, set())
                    for x in self.matches([fa, sa])
                    for y in self.matches([fb, sb])
                )
        return Score(found, total)

    def unique(self) -> Score:
        unique = set(self.f["unique"])
        refs = self.gold["unique"]
        return Score(sum(bool(self.matches(ref) & unique) for ref in refs), len(refs))

    def _hits(self, conflict: dict, items: list[dict]) -> bool:
        pair = {conflict["a"], conflict["b"]}
        for item in items:
            ma, mb = self.matches(item["a"]), self.matches(item["b"])
            if any({x, y} == pair for x in ma for y in mb):
                return True
        return False

    def conflicts_found(self) -> Score:
        reported = [{c["a"], c["b"]} for c in self.f["conflicts"]]
        found = 0
        for item in self.gold["conflicts"]:
            ma, mb = self.matches(item["a"]), self.matches(item["b"])
            found += any({x, y} in reported for x in ma for y in mb)
        return Score(found, len(self.gold["conflicts"]))

    def conflicts_precision(self) -> Score:
        gold_hits = soft_only = 0
        for c in self.f["conflicts"]:
            if self._hits(c, self.gold["conflicts"]):
                gold_hits += 1
            elif self._hits(c, self.gold["soft_conflicts"]):
                soft_only += 1
        return Score(gold_hits, len(self.f["conflicts"]) - soft_only)

    def known_false_conflicts(self) -> Score:
        items = self.gold["not_conflicts"]
        return Score(sum(any(self._hits(c, [item]) for c in self.f["conflicts"]) for item in items), len(items))


@pytest.fixture(scope="module")
def scorer(harbor_findings, harbor_out, gold) -> Scorer:
    findings = json.loads((Path(harbor_out) / "findings.json").read_text(encoding="utf-8"))
    return Scorer(findings, gold)


def test_every_gold_reference_matches_a_statement(scorer, gold):
    """Sanity of the scorer itself: every sentence reference in gold.json finds its statement."""
    refs = [r for g in gold["repeated"] for r in g.items()] + [tuple(r) for r in gold["unique"]]
    refs += [tuple(c[k]) for c in gold["conflicts"] + gold["soft_conflicts"] + gold["not_conflicts"] for k in "ab"]
    for ref in refs:
        assert len(scorer.matches(list(ref))) == 1, ref


def test_near_duplicates(scorer):
    found, false = scorer.near_duplicates()
    assert (found.found, found.total) == (1, 1)
    assert (false.found, false.total) == (0, 3)


def test_shared_passages(scorer):
    s = scorer.shared_passages()
    assert (s.found, s.total) == (2, 2)


def test_boilerplate_is_not_a_statement(scorer):
    s = scorer.boilerplate_as_statements()
    assert (s.found, s.total) == (0, 4)


def test_repeated_pairs_found(scorer):
    s = scorer.repeated_pairs()
    assert s.total == 30
    assert s.ratio >= 0.80, s


def test_unique_found(scorer):
    s = scorer.unique()
    assert (s.found, s.total) == (4, 4)


def test_conflicts_found(scorer):
    s = scorer.conflicts_found()
    assert s.total == 5
    assert s.found >= 3, s


def test_conflict_precision(scorer):
    s = scorer.conflicts_precision()
    assert s.total > 0
    assert s.ratio >= 0.60, s


def test_known_non_conflicts_not_reported(scorer):
    s = scorer.known_false_conflicts()
    assert (s.found, s.total) == (0, 2)


def test_scorer_detects_a_bad_run(scorer, gold):
    """The scorer is not vacuous: with the groups, unique list and conflicts emptied it scores zero."""
    empty = dict(scorer.f, repeated=[], unique=[], conflicts=[], pairs=[], passages=[])
    bad = Scorer(empty, gold)
    assert bad.repeated_pairs().found == 0
    assert bad.unique().found == 0
    assert bad.conflicts_found().found == 0
    assert bad.near_duplicates()[0].found == 0
    assert bad.shared_passages().found == 0
