"""Shared fixtures of the speed benchmarks and the summary table printed at the end.

Run: ``.venv/bin/python -m pytest benchmarks --benchmark-enable -p no:cacheprovider``
(``BENCH_LARGE=1`` adds the 10,000-document corpus).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import Truth, write_corpus

RESULTS = pytest.StashKey[dict]()
"""(size, variant) -> {"seconds", "mb_per_s", "docs_per_s", ...}, filled by the benchmarks."""


class Corpus:
    """A written synthetic corpus: its folder, size in bytes and documents, and planted truth."""

    def __init__(self, folder: Path, truth: Truth) -> None:
        self.folder = folder
        self.truth = truth
        self.files = sorted(folder.glob("*.txt"))
        self.n_docs = len(self.files)
        self.bytes = sum(p.stat().st_size for p in self.files)


_CORPORA: dict[int, Corpus] = {}


@pytest.fixture(scope="session")
def corpus_factory(tmp_path_factory: pytest.TempPathFactory):
    """``corpus_factory(n)``: the corpus of ``n`` documents, written once per session."""

    def make(n_docs: int) -> Corpus:
        if n_docs not in _CORPORA:
            folder = tmp_path_factory.mktemp(f"corpus{n_docs}")
            _CORPORA[n_docs] = Corpus(folder, write_corpus(folder, n_docs))
        return _CORPORA[n_docs]

    return make


@pytest.fixture(scope="session")
def results(pytestconfig: pytest.Config) -> dict:
    """The session's figures, read by the summary table."""
    return pytestconfig.stash.setdefault(RESULTS, {})


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    got: dict = config.stash.get(RESULTS, {})
    if not got:
        return
    tr = terminalreporter
    tr.section("similarity stage: throughput and ratios")
    tr.write_line(f"{'docs':>6}  {'variant':<18} {'seconds':>8} {'MB/s':>8} {'docs/s':>9}  {'x floor':>8}")
    for size in sorted({s for s, _ in got}):
        floor = got.get((size, "floor_polars"), {}).get("seconds")
        for variant in ("project", "datasketch_recipe", "floor_polars", "floor_re"):
            r = got.get((size, variant))
            if not r:
                continue
            rel = f"{r['seconds'] / floor:8.1f}" if floor else f"{'n/a':>8}"
            tr.write_line(
                f"{size:>6}  {variant:<18} {r['seconds']:8.3f} {r['mb_per_s']:8.2f} {r['docs_per_s']:9.0f}  {rel}"
            )
        project = got.get((size, "project"), {}).get("seconds")
        recipe = got.get((size, "datasketch_recipe"), {}).get("seconds")
        if project and recipe:
            tr.write_line(f"{size:>6}  project docs/s = {recipe / project:.1f}x the datasketch recipe's")
        if project and floor:
            tr.write_line(f"{size:>6}  project time   = {project / floor:.1f}x the read-and-tokenize floor (polars)")
        stages = got.get((size, "project"), {}).get("stages")
        if stages:
            parts = ", ".join(f"{k} {v:.3f}s" for k, v in stages.items())
            tr.write_line(f"{size:>6}  project stages (last round): {parts}")
        quality = got.get((size, "quality"))
        if quality:
            tr.write_line(
                f"{size:>6}  planted near duplicates (true Jaccard >= 0.5): {quality['planted']}, "
                f"verified as candidates {quality['candidate_recall']:.1%}, flagged near_duplicate "
                f"{quality['near_recall']:.1%}; unplanted near-duplicate pairs flagged: {quality['false_near']}; "
                f"max |project Jaccard - true Jaccard| {quality['max_jaccard_drift']:.4f}"
            )
        recipe_recall = got.get((size, "datasketch_recipe"), {}).get("candidate_recall")
        if recipe_recall is not None:
            tr.write_line(f"{size:>6}  datasketch recipe LSH candidate recall of the same pairs: {recipe_recall:.1%}")
    scale = sorted((size, r) for (size, kind), r in got.items() if kind == "scale")
    if scale:
        tr.section("similarity stage: growth with corpus size (fresh process per size)")
        tr.write_line(f"{'docs':>8} {'MB':>8} {'seconds':>8} {'peak MB':>8} {'base MB':>8} {'x time':>7} {'x peak':>7}")
        prev = None
        for size, r in scale:
            grow_t = f"{r['seconds'] / prev['seconds']:7.1f}" if prev else f"{'':>7}"
            grow_m = f"{r['peak'] / prev['peak']:7.1f}" if prev else f"{'':>7}"
            tr.write_line(
                f"{size:>8} {r['bytes'] / 1e6:8.1f} {r['seconds']:8.2f} {r['peak'] / 1e6:8.0f} "
                f"{r['baseline'] / 1e6:8.0f} {grow_t} {grow_m}"
            )
            prev = r
    statements = sorted((size, kind, r) for (size, kind), r in got.items() if kind.startswith("statements-"))
    if statements:
        tr.section("statement matching: blocking versus all pairs")
        head = f"{'articles':>8} {'method':<22} {'claims':>7} {'pairs scored':>13} {'seconds':>8} {'peak MB':>8}"
        tr.write_line(head)
        for size, kind, r in statements:
            peak = f"{r['peak'] / 1e6:8.0f}" if r["peak"] else f"{'':>8}"
            tr.write_line(
                f"{size:>8} {kind.removeprefix('statements-'):<22} {r['claims']:>7} {r['pairs']:>13,} "
                f"{r['seconds']:8.2f} {peak}"
            )
    cache = sorted((size, r) for (size, kind), r in got.items() if kind == "cache")
    if cache:
        tr.section("incremental reruns: the CLI in a fresh process, seconds and ratio to the first run")
        for size, r in cache:
            for name in ("cold", "warm_same", "warm_plus_one", "no_cache_plus_one"):
                ratio = r["cold"] / r[name]
                rounds = {"cold": r.get("cold_rounds"), "warm_plus_one": r.get("rounds")}.get(name)
                each = f"   (median of {', '.join(f'{t:.2f}' for t in rounds)})" if rounds else ""
                tr.write_line(f"{size:>6} articles  {name:<18} {r[name]:7.2f} s   cold / this = {ratio:5.1f}x{each}")
            if r.get("paired"):
                each = ", ".join(f"{x:.1f}x" for x in r["paired"])
                tr.write_line(f"{size:>6} articles  each round's first run / its rerun: {each}")
    page = sorted((size, r) for (size, kind), r in got.items() if kind == "page")
    if page:
        tr.section("report.html: size and time to write, next to report.md's")
        for size, r in page:
            tr.write_line(
                f"{size:>6} articles  {r['bytes'] / 1e6:.1f} MB for {r['corpus_bytes'] / 1e6:.1f} MB of text; "
                f"{r['seconds']:.2f} s = {r['ratio']:.1f}x report.md's {r['markdown_seconds']:.2f} s; "
                f"collapsed: {', '.join(r['collapsed']) or 'none'}"
            )
