"""What the cross-document stages may take from the previous run: the seam between the
pipeline and the incremental machinery.

The pipeline asks a *reuse* object for the copied passages, for the candidate claim pairs,
for the pairs it need not score or test again, and hands it what this run found so the next
run can reuse it. Without a cache, :data:`NO_REUSE` computes the passages and candidates and
skips nothing; with one, :class:`CachedReuse` keeps the previous run's passages of the pairs
that cannot have changed (:mod:`compare.incremental.passage_state`), brings the previous
run's candidates up to date, skips what their stored score bounds prove and takes the
claim checks' verdicts of the same statements (:mod:`compare.incremental.blocking`). Either
way the findings are the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple, Protocol

import numpy as np
import polars as pl

from ..documents.passages import passages as passages_stage
from ..settings import Settings
from ..statements import candidates as candidates_stage
from ..statements.conflicts import Tested
from ..statements.grouping import link_floor
from ..statements.scoring import Scorer
from . import blocking, keys, passage_state
from .cache import Cache

Candidates = blocking.Candidates


class Skips(NamedTuple):
    """What a run need not redo, as proven from the previous run."""

    below: np.ndarray | None
    """Per candidate (in the order :meth:`Reuse.candidates` gave them), True when it surely
    scores under the match threshold: never linked, not scored; None when none is known to."""
    unchecked: np.ndarray | None
    """Per candidate, True for those of ``below`` surely scoring under the link floor too
    (:func:`compare.statements.grouping.link_floor`): no claim check of theirs can change a
    group. The others still keep two groups apart when the checks say so, as in a run that
    checks every pair. None when none is known to."""
    apart: np.ndarray
    """Candidates surely failing the conflict gates, as pair codes, sorted (:func:`compare.blocking.known_apart`)."""
    through: np.ndarray
    """Candidates surely passing the conflict gates, as pair codes, sorted (:func:`compare.blocking.known_through`):
    compared without the gate tests."""
    quiet: np.ndarray
    """Those of ``through`` in which the conflict rules surely find nothing, as pair codes, sorted
    (:func:`compare.blocking.known_quiet`): not compared."""


class Reuse(Protocol):
    """What the cross-document stages ask of the previous run."""

    def passages(self, tokens: pl.DataFrame, documents: pl.DataFrame, settings: Settings) -> pl.DataFrame:
        """The copied passages of this run (:func:`compare.documents.passages.passages`);
        may run in a thread of its own, beside the claim stages."""
        ...

    def candidates(self, claims: pl.DataFrame, scorer: Scorer) -> Candidates:
        """The candidate claim pairs ``(a, b, shared)`` of this run."""
        ...

    def skips(self, scorer: Scorer, threshold: float) -> Skips:
        """What need not be scored, checked or tested again (:class:`Skips`), for the match ``threshold``."""
        ...

    def checks(self) -> Mapping[tuple[str, str], int]:
        """The claim checks' verdicts known of the candidates not :attr:`Skips.unchecked`
        (:func:`compare.statements.claim_checks.verdicts`), by pair; after :meth:`skips`."""
        ...

    def record(self, scorer: Scorer, tested: Tested, apart: np.ndarray, checks: Mapping[tuple[str, str], int]) -> None:
        """Keep what the next run needs: this run's scores, what the conflict stage ``tested``
        (``apart``: the pairs it did not) and the claim ``checks``' verdicts."""
        ...

    def save(self) -> None:
        """Store what was kept for the next run (once the passages and :meth:`record` are
        done); may go on in a thread the cache waits for when it closes."""
        ...


class NoReuse:
    """Nothing from a previous run: every passage found, every candidate counted, scored and tested."""

    def passages(self, tokens: pl.DataFrame, documents: pl.DataFrame, settings: Settings) -> pl.DataFrame:
        """:func:`compare.documents.passages.passages`."""
        return passages_stage(tokens, documents, settings)

    def candidates(self, claims: pl.DataFrame, scorer: Scorer) -> Candidates:
        """:func:`compare.candidates.candidates`."""
        return candidates_stage.candidates(claims, scorer)

    def skips(self, scorer: Scorer, threshold: float) -> Skips:
        """Nothing is skipped."""
        none = np.zeros(0, dtype=np.int64)
        return Skips(None, None, none, none, none)

    def checks(self) -> Mapping[tuple[str, str], int]:
        """None known."""
        return {}

    def record(self, scorer: Scorer, tested: Tested, apart: np.ndarray, checks: Mapping[tuple[str, str], int]) -> None:
        """Nothing is kept."""

    def save(self) -> None:
        """Nothing is stored."""


NO_REUSE = NoReuse()


class CachedReuse:
    """The previous run's passages and candidate state in ``cache`` (for documents with
    these ``shas``, in document order), brought up to date, and this run's stored for the next."""

    def __init__(self, cache: Cache, shas: list[str]) -> None:
        self.cache = cache
        self.shas = shas
        self._blocked: blocking.Blocked | None = None
        self._margin: np.ndarray = np.zeros(0)
        self._gate_moved: dict[int, float] = {}
        self._unchecked: np.ndarray | None = None
        self._through: np.ndarray = np.zeros(0, dtype=np.int64)
        self._quiet: np.ndarray = np.zeros(0, dtype=np.int64)
        self._kept: dict[str, dict[str, pl.DataFrame]] = {}

    def passages(self, tokens: pl.DataFrame, documents: pl.DataFrame, settings: Settings) -> pl.DataFrame:
        """The previous run's passages of the pairs whose seed hits stay, and the others found
        (:func:`compare.incremental.passage_state.find`); this run's kept for the next."""
        stored = self.cache.load_tables("passages", passage_state.TABLES)
        previous = passage_state.State.from_frames(stored["passages"], stored["lists"]) if stored else None
        found, state = passage_state.find(tokens, documents, settings, previous)
        self._kept["passages"] = dict(zip(passage_state.TABLES, state.to_frames(), strict=True))
        return found

    def candidates(self, claims: pl.DataFrame, scorer: Scorer) -> Candidates:
        """The previous run's candidates less the lists that crossed their cap, plus the new
        claims' pairs (or the full count when that cannot be proven equal)."""
        self._blocked = blocking.candidates(claims, scorer, self.shas, self._stored())
        return self._blocked.candidates

    def skips(self, scorer: Scorer, threshold: float) -> Skips:
        """What the stored bounds prove, after the most this run's IDF can have moved them."""
        assert self._blocked is not None, "candidates() comes first"
        below, self._margin = blocking.skippable(self._blocked, scorer, threshold)
        floor = link_floor(threshold)
        self._unchecked = None if below is None else blocking.surely_under(self._blocked, self._margin, floor)
        self._gate_moved = blocking.gate_moves(self._blocked, scorer)
        self._through = blocking.known_through(self._blocked, self._margin)
        self._quiet = blocking.known_quiet(self._blocked, self._margin)
        apart = blocking.known_apart(self._blocked, self._margin, self._gate_moved)
        return Skips(below, self._unchecked, apart, self._through, self._quiet)

    def checks(self) -> Mapping[tuple[str, str], int]:
        """The verdicts the previous run stored of the candidates that may reach the link floor."""
        assert self._blocked is not None, "candidates() comes first"
        return blocking.known_checks(self._blocked, self._unchecked)

    def record(self, scorer: Scorer, tested: Tested, apart: np.ndarray, checks: Mapping[tuple[str, str], int]) -> None:
        """This run's candidate state, with score bounds, gate misses, quiet margins and check
        verdicts, kept for :meth:`save`."""
        assert self._blocked is not None, "candidates() comes first"
        state = blocking.with_bounds(
            self._blocked, scorer, self._margin, tested.gates, apart, self._gate_moved, checks, self._through,
            tested.quiet, self._quiet,
        )  # fmt: skip
        self._kept["blocking"] = dict(zip(blocking.TABLES, state.to_frames(), strict=True))

    def save(self) -> None:
        """The kept tables into the cache, in a thread (:meth:`compare.incremental.cache.Cache.save_tables`),
        once the new documents' segment is written: the outputs are then written beside small
        tables only, never beside a large corpus's segment (memory)."""
        if self._kept:
            self.cache.save_tables(self._kept)  # waits for the segment first
        else:
            self.cache.wait()

    def _stored(self) -> blocking.State | None:
        """The previous run's candidate state from the cache, or None (none stored, made by
        other code, or damaged: reported by the cache)."""
        lists = self.cache.load_tables("blocking", {"lists": blocking.LISTS})
        if lists is None or not keys.made_here(lists["lists"]):
            return None
        stored = self.cache.load_tables("blocking", {"pairs": blocking.PAIRS, "gates": blocking.GATES})
        if stored is None:
            return None
        return blocking.State.from_frames(stored["pairs"], lists["lists"], stored["gates"])
