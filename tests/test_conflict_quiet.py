"""Quiet pairs: a pair the conflict rules found nothing in finds nothing again while its gate
scores stay between the same two of ``GATE_STEPS`` (a rerun leaves it uncompared on that ground).

The rules must then hold a gate score against nothing but those steps on their way to "nothing
found". Checked here by comparing real pairs with gate scores that record what they are compared
with, and by comparing them again with scores moved across their whole band."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import ClassVar

import numpy as np
import polars as pl
import pytest

from compare import pipeline
from compare.documents.ingest import ingest
from compare.incremental import blocking
from compare.settings import Settings
from compare.statements import conflicts as stage
from compare.statements import scoring
from compare.statements.conflict_base import GATE_STEPS, GATES, headroom
from compare.statements.conflict_context import Context

FIXTURES = Path(__file__).parent / "fixtures"
FOLDERS = [FIXTURES / "harbor-fire", *sorted((FIXTURES / "domains").iterdir())]


def _comparing(op):  # type: ignore[no-untyped-def]
    """A comparison of a :class:`_Probe` that records what it is compared with, then compares."""

    def compare(self, other):  # type: ignore[no-untyped-def]
        self._record(other)
        return op(float(self), other)

    return compare


def _deriving(op):  # type: ignore[no-untyped-def]
    """An arithmetic operation of a :class:`_Probe` whose result is a :class:`_Derived`."""
    return lambda self, *other: _Derived(op(float(self), *other))


class _Probe(float):
    """A gate score that records every value it is compared with; arithmetic on it gives a
    :class:`_Derived` (a value made from the score, whose comparisons are recorded as such)."""

    seen: ClassVar[list[object]] = []

    def _record(self, other: object) -> None:
        _Probe.seen.append(other)

    __lt__, __le__ = _comparing(float.__lt__), _comparing(float.__le__)
    __gt__, __ge__ = _comparing(float.__gt__), _comparing(float.__ge__)
    __eq__, __ne__ = _comparing(float.__eq__), _comparing(float.__ne__)
    __hash__ = float.__hash__
    __add__, __radd__ = _deriving(float.__add__), _deriving(float.__radd__)
    __sub__, __rsub__ = _deriving(float.__sub__), _deriving(float.__rsub__)
    __mul__, __rmul__ = _deriving(float.__mul__), _deriving(float.__rmul__)
    __truediv__, __rtruediv__ = _deriving(float.__truediv__), _deriving(float.__rtruediv__)
    __neg__, __abs__, __round__ = _deriving(float.__neg__), _deriving(float.__abs__), _deriving(float.__round__)


class _Derived(_Probe):
    """A value made from a gate score: any comparison of it is recorded as one of a derived value."""

    def _record(self, other: object) -> None:
        _Probe.seen.append(("derived", other))


def _compared_pairs(folder: Path) -> tuple[Context, list[tuple[str, str]]]:
    """The context of a folder's claims and its pairs of claims of two documents (more than the
    conflict stage compares: the rules' every path is of interest)."""
    settings = Settings()
    documents, _ = ingest(folder, settings)
    per_doc = pipeline.per_document(documents, settings)
    claims = per_doc.statements.filter(pl.col("kind") == "claim")
    scorer = scoring.Scorer.from_features(per_doc.features)
    ctx = Context(claims, per_doc.values, scorer, per_doc.features)
    ids = ctx.ids
    return ctx, [
        (a, b)
        for i, a in enumerate(ids)
        for b in ids[i + 1 :]
        if ctx.doc[a] != ctx.doc[b]
    ]


# Sentences that take each rule down its paths: each of one source against each of the other,
# some alike (a high gate), most not (a low one); written for these tests.
EACH_RULE = (
    (
        "Firefighters said 40 people were evacuated from the warehouse on Tuesday.",
        "The runner finished second in the city marathon on Sunday.",
        "Police arrested a man in Belgium after the attack on the station.",
        "A Japanese tourist was among the injured at the station.",
        "Nobody was hurt in the blaze, the fire chief said.",
        "The cause of the fire remains unknown.",
        "The mayor is not attending the ceremony on Friday.",
        "The fire started at 6 p.m. EDT near the docks.",
        "The first meeting of the council took place in 2019.",
        "He came second.",
        "The second phase of the project cost 2 billion euros.",
        "It was the second big fire at the docks this year.",
        "The cause of the storm damage remains unknown, officials said.",
    ),
    (
        "About 60 residents were evacuated from nearby homes on Wednesday, officials said.",
        "She placed third in a regional race last year.",
        "Officers detained a suspect in Germany following a raid on the station.",
        "A Chinese student was among those hurt.",
        "Three people were injured in the blaze at the docks.",
        "Investigators have confirmed that the fire was caused by arson.",
        "The mayor is attending the ceremony on Friday.",
        "The fire began at 7 p.m. EDT near the docks.",
        "The first meeting of the council was held in 2021.",
        "He came fourth.",
        "The third phase of the project cost 3.5 billion euros.",
        "It was the third fire in the city since May.",
    ),
)


@pytest.fixture(scope="module")
def compared(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Context, list[tuple[str, str]]]]:
    made = tmp_path_factory.mktemp("each-rule")
    for name, lines in zip("ab", EACH_RULE, strict=True):
        (made / f"{name}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return [_compared_pairs(folder) for folder in [made, *FOLDERS]]


def test_rules_hold_gate_scores_only_against_the_gate_steps(compared, monkeypatch) -> None:
    """On every pair compared in the fixtures that the rules find nothing in, every value a gate
    score (the gate, the place gate) was compared with is one of GATE_STEPS, and no value made
    from a score was compared at all: its band decides the rules' every test."""
    real_place = Context.place_gate
    monkeypatch.setattr(Context, "place_gate", lambda self, a, b: _Probe(real_place(self, a, b)))
    quiet = found = 0
    for ctx, pairs in compared:
        for a, b in pairs:
            _Probe.seen = []
            if stage._compare(ctx, a, b, _Probe(ctx.gate(a, b))):
                found += 1
                continue
            quiet += 1
            assert all(x in GATE_STEPS for x in _Probe.seen), (a, b, _Probe.seen)
    assert quiet > 200 and found > 10, (quiet, found)


def test_pairs_find_nothing_anywhere_in_their_band(compared, monkeypatch) -> None:
    """A pair the rules find nothing in finds nothing at any gate and place gate as far from
    the real ones as its quiet margin (:meth:`Context.quiet`), up and down."""
    real_place = Context.place_gate
    moved = {"by": 0.0}
    monkeypatch.setattr(Context, "place_gate", lambda self, a, b: real_place(self, a, b) + moved["by"])
    checked = 0
    for ctx, pairs in compared:
        for a, b in pairs:
            gate = ctx.gate(a, b)
            if stage._compare(ctx, a, b, gate):
                continue
            margin = ctx.quiet(a, b, gate)
            for share in (-0.999, -0.5, 0.5, 0.999):
                moved["by"] = share * margin
                assert not stage._compare(ctx, a, b, gate + share * margin), (a, b, gate, share)
                moved["by"] = -share * margin
                assert not stage._compare(ctx, a, b, gate + share * margin), (a, b, gate, share)
            moved["by"] = 0.0
            checked += 1
    assert checked > 200


def test_headroom_is_the_distance_to_the_nearest_step() -> None:
    assert tuple(sorted(set(GATES.values()))) == GATE_STEPS
    for step in GATE_STEPS:
        assert headroom(step) == 0.0
    assert headroom(0.4) == pytest.approx(0.05)  # between 0.35 and 0.5
    assert headroom(1.0) == pytest.approx(1.0 - max(GATE_STEPS))


def test_the_place_gate_counts_only_when_a_test_read_it(compared) -> None:
    """The quiet margin of a pair is its gate's, or less when its place gate was just read."""
    ctx, pairs = next((c, p) for c, p in compared if len(p) > 1)
    (a, b), other = pairs[0], pairs[1]
    gate = 0.42  # 0.08 from 0.5, 0.07 from 0.35
    ctx.place_gate(*other)  # another pair's: not this one's
    assert ctx.quiet(a, b, gate) == headroom(gate)
    place = ctx.place_gate(a, b)
    assert ctx.quiet(a, b, gate) == min(headroom(gate), headroom(place))


def test_known_quiet_needs_a_pass_and_a_quiet_margin_beyond_the_move() -> None:
    """A candidate is left uncompared only when both its stored pass and its stored quiet
    margin exceed the most its gate scores can have moved."""
    blocked = SimpleNamespace(
        ids=[str(i) for i in range(6)],
        first=np.array([0, 0, 1, 2, 3], dtype=np.int64),
        second=np.array([1, 2, 3, 4, 5], dtype=np.int64),
        previous_missed=np.array([0.2, 0.2, -0.1, 0.01, np.nan]),
        previous_quiet=np.array([0.05, 0.01, 0.2, 0.3, 0.3]),
    )
    margin = np.full(5, 0.02)
    codes = blocking.known_quiet(blocked, margin)  # type: ignore[arg-type]
    assert codes.tolist() == [0 * 6 + 1]  # the second is not quiet enough, the others do not pass surely
