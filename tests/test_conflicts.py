"""Stage 7, conflicts: what the harbor sources disagree on, and what they do not."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

import compare
from compare import frames


def _reported(findings: compare.Findings) -> dict[frozenset[str], dict]:
    return {frozenset((c["a"], c["b"])): c for c in findings.conflict_list}


def test_conflicts_frame_schema(harbor_findings):
    assert harbor_findings.conflicts.schema == pl.Schema(frames.CONFLICTS)
    for c in harbor_findings.conflict_list:
        assert 0.0 <= c["confidence"] <= 1.0
        assert c["a_doc"] != c["b_doc"]
        assert c["explanation"]


@pytest.mark.parametrize("index", range(5))
def test_gold_conflicts_are_reported(harbor_findings, find_stmt, gold, index):
    """Each of the five labelled conflicts is reported for its pair of statements, with its kind."""
    item = gold["conflicts"][index]
    a, b = find_stmt(*item["a"]), find_stmt(*item["b"])
    reported = _reported(harbor_findings)
    assert frozenset((a, b)) in reported, item
    conflict = reported[frozenset((a, b))]
    assert conflict["kind"] == item["kind"]


@pytest.mark.parametrize("index", range(5))
def test_gold_conflicts_are_certain(harbor_findings, find_stmt, gold, index):
    """The labelled conflicts are confident enough to be listed as conflicts, not 'possible' ones."""
    item = gold["conflicts"][index]
    a, b = find_stmt(*item["a"]), find_stmt(*item["b"])
    conflict = _reported(harbor_findings).get(frozenset((a, b)))
    assert conflict is not None and conflict["certain"], conflict


@pytest.mark.parametrize("index", range(2))
def test_gold_non_conflicts_are_not_reported(harbor_findings, find_stmt, gold, index):
    """Different events, and a rounded figure ('around 60' vs '60'), are no conflicts."""
    item = gold["not_conflicts"][index]
    a, b = find_stmt(*item["a"]), find_stmt(*item["b"])
    assert frozenset((a, b)) not in _reported(harbor_findings), item["why"]


def test_conflicting_values_are_quoted_from_the_statements(harbor_findings):
    """a_value and b_value are words of statement a and statement b."""
    for c in harbor_findings.conflict_list:
        a_text = harbor_findings.statement(c["a"])["text"].lower()
        b_text = harbor_findings.statement(c["b"])["text"].lower()
        assert c["a_value"].lower() in a_text, c
        assert c["b_value"].lower() in b_text, c


def test_no_conflicting_pair_in_one_repeated_group(harbor_findings, harbor_groups):
    """A pair that conflicts never says 'the same thing' in the repeated list."""
    for c in harbor_findings.conflict_list:
        ga, gb = harbor_groups.get(c["a"]), harbor_groups.get(c["b"])
        assert ga is None or ga != gb, c


def test_conflicts_are_between_claims_of_different_documents(harbor_findings):
    kinds = dict(harbor_findings.statements.select("stmt_id", "kind").iter_rows())
    for c in harbor_findings.conflict_list:
        assert kinds[c["a"]] == kinds[c["b"]] == "claim"
        assert c["a"].split(":")[0] != c["b"].split(":")[0]


def _folder(tmp_path: Path, texts: dict[str, str]) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _run(tmp_path: Path, texts: dict[str, str]) -> compare.Findings:
    return compare.run(_folder(tmp_path, texts))


@pytest.fixture(autouse=True)
def _scratch_cwd(tmp_path, monkeypatch):
    """No settings file of the folder pytest runs in may change these small runs."""
    monkeypatch.chdir(tmp_path)


def test_different_counts_of_the_same_thing_conflict(tmp_path):
    found = _run(
        tmp_path,
        {
            "a.txt": "Twelve people were treated for smoke inhalation after the warehouse fire on Monday.\n",
            "b.txt": "Fifteen people were treated for smoke inhalation after the warehouse fire on Monday.\n",
        },
    )
    assert [(c["kind"], c["a_value"], c["b_value"]) for c in found.conflict_list] == [
        ("number", "Twelve people", "Fifteen people")
    ]
    assert found.repeated == []


def test_same_figure_of_different_things_does_not_conflict(tmp_path):
    """'About 140 people' and '140 kilometres' share a number, not a subject."""
    found = _run(
        tmp_path,
        {
            "a.txt": "About 140 people were evacuated from the harbor district on Monday.\n",
            "b.txt": "The harbor district lies 140 kilometres from the capital, officials said.\n",
        },
    )
    assert found.conflict_list == []


def test_rounded_figure_agrees_with_exact_one(tmp_path):
    found = _run(
        tmp_path,
        {
            "a.txt": "Within an hour, 60 firefighters were at the scene of the warehouse fire.\n",
            "b.txt": "Within an hour, around 60 firefighters were at the scene of the warehouse fire.\n",
        },
    )
    assert found.conflict_list == []
    assert len(found.repeated) == 1


def test_denied_harm_conflicts_with_reported_harm(tmp_path):
    found = _run(
        tmp_path,
        {
            "a.txt": "There were no injuries at all in the warehouse fire at the docks.\n",
            "b.txt": "Two firefighters were taken to hospital with minor burns after the warehouse fire.\n",
        },
    )
    assert [c["kind"] for c in found.conflict_list] == ["negation"]


def test_low_confidence_conflicts_are_not_certain(tmp_path):
    """conflict_min_confidence decides which conflicts count as certain."""
    texts = {
        "a.txt": "Twelve people were treated for smoke inhalation after the warehouse fire on Monday.\n",
        "b.txt": "Fifteen people were treated for smoke inhalation after the warehouse fire on Monday.\n",
    }
    folder = _folder(tmp_path, texts)
    strict = compare.run(folder, conflict_min_confidence=0.99)
    assert strict.conflict_list and not any(c["certain"] for c in strict.conflict_list)
    lax = compare.run(folder, conflict_min_confidence=0.1)
    assert all(c["certain"] for c in lax.conflict_list)
