"""What the conflict rules read of the statements (:class:`Context`), and the gate tests that
tell which pairs are worth comparing (:meth:`Context.may_conflict_by`, from the rules of
:data:`compare.conflict_rules.RULES`)."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cached_property, lru_cache
from typing import Any, NamedTuple

import numpy as np
import polars as pl

from ..text.words import content_stems, stem, words
from .conflict_base import MAY_NEGATE, NEG_TOKEN, Key, Rule, headroom, negates
from .conflict_rules import RULE_OF_KEY, UNKEYED, keys_of
from .features import canonical, entities, through_clause, times
from .scoring import Scorer
from .values import MONTHS, NUMBER_WORDS, ORDINALS, WEEKDAYS, ZONES


@lru_cache(maxsize=1)
def _value_words() -> frozenset[str]:
    """Stems of the words that state a value (numbers, ordinals, months, ...); made on first
    use, as stemming imports nltk, which a run on cached documents may never need."""
    return frozenset(
        stem(w) for w in [*NUMBER_WORDS, *ORDINALS, *MONTHS, *WEEKDAYS, "night", "morning", "p.m", "a.m", *ZONES]
    )


_GATE_DROPS_UNITS = frozenset({"number", "ordinal", "date", "time"})
"""Kinds whose unit words are left out of the same-subject gate (the thing counted or ranked);
the nouns of places and nationalities stay in ("the woman" is part of the subject)."""


class ValueRow(NamedTuple):
    """One row of the values frame, as the rules proposing candidates read it."""

    stmt_id: str
    kind: str
    unit: str
    low: float


class Verdict(NamedTuple):
    """What the gate tests say of a pair (see :meth:`Context.may_conflict_by`)."""

    passed: bool
    """Some rule may fire: the pair is worth comparing."""
    missed: float
    """When not passed, by how much the closest gate test missed (below zero; -inf when none read
    a gate); when passed, by how much the first passing test cleared its floor (zero or more)."""


class Scores:
    """The gate scores of one pair the rules' tests read, each computed on first use."""

    def __init__(self, ctx: Context, a: str, b: str) -> None:
        """Scores of the pair (``a``, ``b``) read from ``ctx``, none computed yet."""
        self.ctx, self.a, self.b = ctx, a, b

    @cached_property
    def gate(self) -> float:
        """The same-subject gate (see :meth:`Context.gate`)."""
        return self.ctx.gate(self.a, self.b)

    @cached_property
    def place(self) -> float:
        """The gate without the names of places (see :meth:`Context.place_gate`)."""
        return self.ctx.place_gate(self.a, self.b)


class _ByPosition:
    """What ``make`` gives of the rows of a polars column (a Series in, one value per row out),
    by position, made when first read: a rerun compares a small share of the statements, and
    making every row's value at once cost more than all the rows it reads. :meth:`read` makes
    many in one pass of polars; the same values as row by row."""

    __slots__ = ("_column", "_make", "_rows")

    def __init__(self, column: pl.Series, make: Callable[[pl.Series], list[Any]]) -> None:
        self._column, self._make = column, make
        self._rows: dict[int, Any] = {}

    def __getitem__(self, i: int) -> Any:
        if i not in self._rows:
            self.read([i])
        return self._rows[i]

    def read(self, positions: Iterable[int]) -> None:
        """Make the rows at ``positions`` not made yet, in one read of the column."""
        wanted = sorted({i for i in positions if i not in self._rows})
        if wanted:
            self._rows.update(zip(wanted, self._make(self._column.gather(wanted)), strict=True))


def _may_negate(texts: pl.Series) -> list[bool]:
    """Per text, False when it surely holds no negation (:data:`MAY_NEGATE`, found by polars)."""
    return [bool(found) for found in texts.str.contains(MAY_NEGATE).to_list()]


class ByRow(Mapping[str, Any]):
    """A column of the statements frame by statement id, each value read when asked: the
    rules read a small share of the statements, and a dict of every one cost more."""

    def __init__(self, row: dict[str, int], column: pl.Series) -> None:
        self._row, self._column = row, column

    def __getitem__(self, sid: str) -> Any:
        return self._column[self._row[sid]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._row)

    def __len__(self) -> int:
        return len(self._row)


def _previous_in_document(docs: np.ndarray) -> np.ndarray:
    """Per statement (in frame order), the position of the one before it in the same document
    (-1 for a document's first): a stable sort by document keeps each one's statements in order."""
    order = np.argsort(docs, kind="stable")
    same = docs[order][1:] == docs[order][:-1]
    previous = np.full(len(docs), -1, dtype=np.int64)
    previous[order[1:][same]] = order[:-1][same]
    return previous


class Context:
    """Everything the comparison rules read, indexed by statement id.

    Only lists over all statements are built up front (document, text, position, whether the
    text may negate, the values frame's columns); what the rules read of one statement (its
    values as dicts, their keys, the gate's stem set, the words of its places, the sentence
    before it, its places and times, whether it negates) is built on first use and kept: a
    large corpus compares a small share of its statements, so most are never read."""

    def __init__(
        self, statements: pl.DataFrame, values: pl.DataFrame, scorer: Scorer, features: pl.DataFrame | None = None
    ) -> None:
        """Index the statements and their values (see the class); ``features`` saves reading
        the sentences again for their places and times."""
        self.scorer = scorer
        self.columns: dict[str, list | _ByPosition] = {
            c: column.to_list() if c == "stmt_id" else _ByPosition(column, pl.Series.to_list)
            for c, column in values.to_dict().items()
        }
        """The values frame, column by column (the rows of a column but the statement ids made
        when read, see :class:`_ByPosition`); a statement's rows become dicts when it is read."""
        self._values_frame = values
        self.value_rows: dict[str, list[int]] = defaultdict(list)
        """Per statement with values, the positions of its rows in :attr:`columns`."""
        for i, sid in enumerate(self.columns["stmt_id"]):
            self.value_rows[sid].append(i)
        self.ids: list[str] = scorer.claim_ids(statements.get_column("stmt_id"))
        self.statements = statements
        self.row = scorer.position_of(self.ids)
        """Position of each statement in the statements frame: its order."""
        self.doc: Mapping[str, int] = ByRow(self.row, statements.get_column("doc_id"))
        self.text: Mapping[str, str] = ByRow(self.row, statements.get_column("text"))
        self._previous = _previous_in_document(statements.get_column("doc_id").to_numpy())
        """The statement before each one in the same document ("the first significant one")."""
        self.may_negate = _ByPosition(statements.get_column("text"), _may_negate)
        """Per statement (by position), False when it surely holds no negation (see
        :data:`compare.conflict_base.MAY_NEGATE`)."""
        self._features = features
        self._feature_row: dict[str, int] = {}
        if features is not None:
            feature_ids = features.get_column("stmt_id")
            # the features of the claims frame's statements are in its order: the same positions
            same = feature_ids.equals(statements.get_column("stmt_id"), check_names=False)
            self._feature_row = self.row if same else {sid: i for i, sid in enumerate(feature_ids.to_list())}
        self._values: dict[str, list[dict]] = {}
        self._of: dict[tuple[str, str], list[dict]] = {}
        self._keys: dict[str, frozenset[Key]] = {}
        self._gate_sets: dict[str, frozenset[str]] = {}
        self._place_stems: dict[str, frozenset[str]] = {}
        self._context: dict[str, frozenset[str]] = {}
        self._entities: dict[str, frozenset[str]] = {}
        self._times: dict[str, frozenset[str]] = {}
        self._negates: dict[str, bool] = {}
        self._place_gate: tuple[str, str, float] = ("", "", 0.0)
        """The last pair's place gate (its gate tests and its entity rule read it): see :meth:`quiet`."""

    def prefetch(self, positions: list[int]) -> None:
        """Read what the rules read of the statements at ``positions`` (those about to be
        compared) by position, in one pass of polars each: the may-negate test and the rows of
        their values; the same values as read one by one."""
        self.may_negate.read(positions)
        rows = [i for p in positions for i in self.value_rows.get(self.ids[p], ())]
        for column in self.columns.values():
            if isinstance(column, _ByPosition):
                column.read(rows)

    def values(self, sid: str) -> list[dict]:
        """The values a statement holds, in the values frame's order, as the dicts
        ``iter_rows(named=True)`` gives."""
        got = self._values.get(sid)
        if got is None:
            columns = self.columns
            got = [{c: column[i] for c, column in columns.items()} for i in self.value_rows.get(sid, ())]
            self._values[sid] = got
        return got

    def rows_of(self, kind: str) -> list[ValueRow]:
        """Every value of one kind, of all statements, in the values frame's order."""
        rows = self._values_frame.lazy().filter(pl.col("kind") == kind).select("stmt_id", "unit", "low").collect()
        return [ValueRow(sid, kind, unit, low) for sid, unit, low in rows.iter_rows()]

    def keys(self, sid: str) -> frozenset[Key]:
        """What another statement must share with ``sid`` for a rule reading values to fire
        (see :func:`compare.conflict_rules.keys_of`)."""
        got = self._keys.get(sid)
        if got is None:
            got = self._keys[sid] = keys_of(self, sid)
        return got

    def gate_set(self, sid: str) -> frozenset[str]:
        """The statement's stems the same-subject gate compares: neither value words, nor
        numbers, nor the units of its counts, ranks, dates and times."""
        got = self._gate_sets.get(sid)
        if got is None:
            units = {v["unit"] for v in self.values(sid) if v["kind"] in _GATE_DROPS_UNITS}
            value_words = _value_words()
            got = frozenset(
                s for s in self.scorer.sets[sid] if s not in value_words and s not in units and not s[:1].isdigit()
            )
            self._gate_sets[sid] = got
        return got

    def place_stems(self, sid: str) -> frozenset[str]:
        """The words of the statement's country and nationality names, left out of the gate of
        an entity comparison (empty when it names none)."""
        got = self._place_stems.get(sid)
        if got is None:
            spans = [v["span"] for v in self.values(sid) if v["kind"] in ("place", "nationality")]
            got = canonical(content_stems([w for span in spans for w in words(span)])) if spans else frozenset()
            self._place_stems[sid] = got
        return got

    def context(self, sid: str) -> frozenset[str]:
        """The stems of the statement before ``sid`` in its document (empty for the first one):
        what "the first significant one" refers to. Made from its text, as the segment stage
        makes them (the statements frame does not keep them)."""
        got = self._context.get(sid)
        if got is None:
            before = int(self._previous[self.row[sid]])
            text = self.statements.get_column("text")[before] if before >= 0 else ""
            got = self._context[sid] = frozenset(content_stems(words(text)))
        return got

    def entities(self, sid: str) -> frozenset[str]:
        """The places the statement situates itself in (from the features frame when given)."""
        return self._feature(sid, self._entities, "entities", entities)

    def times(self, sid: str) -> frozenset[str]:
        """The time words of the statement (from the features frame when given)."""
        return self._feature(sid, self._times, "times", times)

    def _feature(
        self, sid: str, memo: dict[str, frozenset[str]], column: str, extract: Callable[[str], frozenset[str]]
    ) -> frozenset[str]:
        """``column`` of the features frame for ``sid`` when the frame was given, else
        ``extract`` of its text; read once per statement (``memo``)."""
        got = memo.get(sid)
        if got is None:
            if self._features is not None:
                got = frozenset(self._features.get_column(column)[self._feature_row[sid]].to_list())
            else:
                got = extract(self.text[sid])
            memo[sid] = got
        return got

    def negates(self, sid: str) -> bool:
        """Whether the statement holds a negation at all (see
        :func:`compare.conflict_base.negations`); only the statements ``MAY_NEGATE`` finds
        are tokenised."""
        got = self._negates.get(sid)
        if got is None:
            got = self._negates[sid] = self.may_negate[self.row[sid]] and any(
                negates(m) for m in NEG_TOKEN.finditer(self.text[sid])
            )
        return got

    def may_conflict(self, a: str, b: str) -> bool:
        """False only when no rule of :data:`compare.conflict_rules.RULES` can fire for the
        pair, so it need not be compared. A rule reading values needs a key both statements
        hold (see :meth:`keys`) and, for some shared key, the rule's score at its floor (see
        :meth:`compare.conflict_rules.Rule.score`); a rule reading no values, its score at its
        floor. Cheap tests come first."""
        return self.may_conflict_by(a, b).passed

    def may_conflict_by(self, a: str, b: str) -> Verdict:
        """:meth:`may_conflict`, and by how much: when False, the largest of (gate score - its
        floor) over the gate tests it made (each below zero), or -inf when it made none (its
        other tests do not read the IDF); when True, (gate score - floor) of the first test
        that passed, in :meth:`_tests` order. A later run whose IDF moved gate scores by less
        than that margin gets the same answer (see :func:`compare.blocking.score_shift`)."""
        scores = Scores(self, a, b)
        missed = -math.inf
        for rule, key in self._tests(a, b):
            score = rule.score(self, scores, key)
            if score is None:
                continue
            floor = rule.floor(key)
            if score >= floor:
                return Verdict(True, score - floor)
            missed = max(missed, score - floor)
        return Verdict(False, missed)

    def _tests(self, a: str, b: str) -> Iterator[tuple[Rule, Key]]:
        """The gate tests of a pair: its rule for each key both statements hold (in key order:
        the first test that passes, and so its margin, is the same in every process), then each
        rule reading no values (with the empty key)."""
        ka, kb = self.keys(a), self.keys(b)
        if ka and kb and not ka.isdisjoint(kb):
            for key in sorted(ka & kb):
                yield RULE_OF_KEY[key[0]], key
        for rule in UNKEYED:
            yield rule, ()

    def scope_differs(self, a: str, b: str, spans: tuple[str, str] | None = None) -> bool:
        """True when the two statements may speak of different occasions: they name
        different places or people, or different times ("on Monday" / "over three nights").
        With the values' ``spans``, each statement is read up to the end of its value's clause
        (:func:`~compare.statements.features.through_clause`): "the second phone with a periscope
        lens, after last year's Solen 4 Ultra" ranks this year's phone; "On Monday, police
        arrested 23" still dates the 23."""
        if spans is None:
            (ea, eb), (ta, tb) = (self.entities(a), self.entities(b)), (self.times(a), self.times(b))
        else:
            near = [through_clause(self.text[sid], span) for sid, span in zip((a, b), spans, strict=True)]
            (ea, eb), (ta, tb) = (entities(t) for t in near), (times(t) for t in near)
        if ea and eb and not ea & eb:
            return True
        return ta != tb

    def gate(self, a: str, b: str) -> float:
        """The same-subject gate: the IDF-weighted overlap of the two gate sets."""
        return self.scorer.sets_score(self.gate_set(a), self.gate_set(b))

    def place_gate(self, a: str, b: str) -> float:
        """The gate without the names of countries and nationalities: "arrested in Belgium" and
        "arrested in Germany" share their subject, not their place."""
        last_a, last_b, got = self._place_gate
        if last_a != a or last_b != b:
            got = self.scorer.sets_score(self.gate_set(a) - self.place_stems(a), self.gate_set(b) - self.place_stems(b))
            self._place_gate = (a, b, got)
        return got

    def quiet(self, a: str, b: str, gate: float) -> float:
        """For a pair the rules just compared at ``gate`` and found nothing in: how far its gate
        scores can move and the rules still find nothing
        (:func:`~compare.statements.conflict_base.headroom` of the gate, and of the place gate
        when a test read it; see :data:`~compare.statements.conflict_base.GATE_STEPS`)."""
        last_a, last_b, place = self._place_gate
        read = last_a == a and last_b == b
        return min(headroom(gate), headroom(place)) if read else headroom(gate)

    def of(self, sid: str, kind: str) -> list[dict]:
        """The values of one kind a statement holds, in the order they were found."""
        got = self._of.get((sid, kind))
        if got is None:
            got = self._of[(sid, kind)] = [v for v in self.values(sid) if v["kind"] == kind]
        return got

    def head(self, sid: str, unit: str, other: str) -> str:
        """The ordinal's head noun, with "one" resolved against the previous sentence."""
        if unit == "one" and other in self.context(sid):
            return other
        return unit


_Context = Context
"""The name the stage and its tests used before the split."""
