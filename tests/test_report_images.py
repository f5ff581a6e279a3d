"""The report's pictures inform: the heatmap is shaded to the corpus's own range (or skipped,
with one line, when there is nothing worth drawing), and both pictures name documents by
their numbers in the Documents table, also when a large corpus shows only some of them."""

from __future__ import annotations

import contextlib
import random
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import compare
from compare.report.images import HEATMAP_FLOOR, NUMBERED_FROM, heatmap, render_images

SVG = "{http://www.w3.org/2000/svg}"
_SYLLABLES = ["ka", "lo", "mi", "ren", "tas", "vo", "pel", "dur", "sin", "ba", "tek", "for", "gul", "hin", "jor", "zan"]
_SHARED = [
    "The harbor council approved a budget of 12 million dollars for the new ferry terminal.",
    "Firefighters said the warehouse blaze started shortly after midnight near the old pier.",
    "The mayor announced that the eastern bridge will reopen to traffic in early March.",
    "Police arrested three men suspected of smuggling copper wire through the port.",
]


def _words(rng: random.Random, n: int) -> list[str]:
    """``n`` made-up words: texts of them share no shingle by accident."""
    return ["".join(rng.choice(_SYLLABLES) for _ in range(3)) for _ in range(n)]


def _sentences(rng: random.Random, n: int) -> list[str]:
    """``n`` made-up statements, unique to the text they are put in."""
    return [
        f"The {' '.join(_words(rng, 4))} on Monday counted {rng.randint(2, 90)} {_words(rng, 1)[0]}s." for _ in range(n)
    ]


def _run(src: Path, out: Path) -> compare.Findings:
    """``compare.run`` from a scratch folder, so no settings file of the caller's folder applies."""
    with contextlib.chdir(out.parent):
        return compare.run(src, out=out)


def _lightness(color: str) -> float:
    """HSL lightness (0-1) of a ``#rrggbb`` colour."""
    rgb = [int(color[k : k + 2], 16) / 255 for k in (1, 3, 5)]
    return (max(rgb) + min(rgb)) / 2


def _cell_fills(svg: str) -> list[str]:
    """The fills of the heatmap's pair cells (the rectangles that carry a tooltip)."""
    root = ET.fromstring(svg)
    return [r.get("fill") for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]


def _labels(svg: str) -> list[tuple[str, str]]:
    """(text, tooltip) of every label that names a document: it carries the path as its title."""
    root = ET.fromstring(svg)
    return [
        ((t.text or "").strip(), t.find(f"{SVG}title").text)
        for t in root.iter(f"{SVG}text")
        if t.find(f"{SVG}title") is not None
    ]


def _documents_table(report: str) -> dict[int, str]:
    """Number -> path of the report's Documents table."""
    section = report.split("\n## Documents\n", 1)[1].split("\n## ", 1)[0]
    return {int(m[1]): m[2] for m in re.finditer(r"^\| (\d+) \| \[([^\]]+)\]", section, re.M)}


@pytest.fixture(scope="module")
def faint(tmp_path_factory: pytest.TempPathFactory) -> tuple[compare.Findings, Path]:
    """Six texts of made-up words; three pairs share one short phrase each, so every pair is
    below 0.05 Jaccard and the largest above the floor. Findings and output folder."""
    rng = random.Random(11)
    texts = [_words(rng, 200) for _ in range(6)]
    for (a, b), length in zip(((0, 1), (2, 3), (4, 5)), (12, 5, 8), strict=True):
        texts[b][50 : 50 + length] = texts[a][50 : 50 + length]
    root = tmp_path_factory.mktemp("faint")
    (root / "in").mkdir()
    for d, words in enumerate(texts):
        (root / "in" / f"faint{d}.txt").write_text(" ".join(words) + ".\n", encoding="utf-8")
    return _run(root / "in", root / "out"), root / "out"


@pytest.fixture(scope="module")
def sixty(tmp_path_factory: pytest.TempPathFactory) -> tuple[compare.Findings, Path]:
    """Sixty short texts; only the odd-numbered ones repeat a claim, so beyond 40 documents
    the coverage chart shows a subset whose positions are not the documents' numbers."""
    rng = random.Random(7)
    root = tmp_path_factory.mktemp("sixty")
    (root / "in").mkdir()
    for d in range(60):
        lines = _sentences(rng, 5)
        if d % 2:
            lines.insert(2, _SHARED[(d // 2) % len(_SHARED)])
        (root / "in" / f"doc{d:02d}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return _run(root / "in", root / "out"), root / "out"


def test_heatmap_of_faint_similarities_has_visible_contrast(faint):
    """All pairs below 0.05 Jaccard: the darkest and the lightest cell still differ by at least
    30 points of lightness, and the legend names the top of the scale."""
    findings, out = faint
    assert findings.pairs["jaccard"].max() < 0.05
    assert findings.pairs["jaccard"].max() >= HEATMAP_FLOOR
    svg = (out / "similarity.svg").read_text(encoding="utf-8")
    fills = _cell_fills(svg)
    assert len(fills) == 6 * 5
    lightness = sorted(_lightness(f) for f in set(fills))
    assert len(lightness) >= 3  # several shades, not one pale colour
    assert lightness[-1] - lightness[0] >= 0.30
    top = findings.pairs["jaccard"].max()
    assert f"{top:.3f} Jaccard, the largest pair" in svg
    report = (out / "report.md").read_text(encoding="utf-8")
    assert f"shaded from 0 up to the largest pair's Jaccard, {top:.3f}" in report


def test_heatmap_function_scales_to_the_largest_value():
    """Straight from values: the largest pair gets the darkest shade whatever its size."""
    values = {(0, 1): 0.004, (0, 2): 0.011, (1, 2): 0.032, (2, 3): 0.047, (0, 3): 0.02}
    svg = heatmap([(d, f"n{d}.txt") for d in range(4)], values, "faint")
    lightness = [_lightness(f) for f in _cell_fills(svg)]
    assert max(lightness) - min(lightness) >= 0.30
    assert min(lightness) == pytest.approx(_lightness("#08306b"))


def test_no_heatmap_when_every_pair_is_below_the_floor(tmp_path):
    """Texts with nothing in common: no picture, and one line of the report says why."""
    rng = random.Random(3)
    (tmp_path / "in").mkdir()
    for d in range(6):
        (tmp_path / "in" / f"t{d}.txt").write_text(" ".join(_words(rng, 120)) + ".\n", encoding="utf-8")
    findings = _run(tmp_path / "in", tmp_path / "out")
    assert findings.pairs.height and findings.pairs["jaccard"].max() < HEATMAP_FLOOR
    assert "similarity.svg" not in render_images(findings, findings.settings.top_n)
    assert not (tmp_path / "out" / "similarity.svg").exists()
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    lines = [line for line in report.splitlines() if line.startswith("No heatmap:")]
    assert len(lines) == 1 and "1%" in lines[0]
    assert "similarity.svg" not in report


def test_coverage_columns_are_the_documents_table_numbers(sixty):
    """60 documents, a subset shown: each column's number is the Documents table's number of
    the source it stands for (its tooltip), not its position in the chart."""
    findings, out = sixty
    table = _documents_table((out / "report.md").read_text(encoding="utf-8"))
    assert len(table) == 60
    columns = _labels((out / "coverage.svg").read_text(encoding="utf-8"))
    assert findings.repeated and 1 < len(columns) < 60
    numbers = [int(text) for text, _ in columns]
    assert numbers != list(range(len(columns)))  # the subset really is not the first documents
    for number, path in columns:
        assert table[int(number)] == path
    assert {int(n) for n in numbers} == {d for g in findings.repeated for d in g["docs"]}


def test_heatmap_of_many_documents_is_labelled_by_number_in_a_readable_size(sixty):
    """From 40 documents on, rows and columns carry the Documents table's numbers only, at a
    font size of at least 10 beside cells at least as tall."""
    _, out = sixty
    table = _documents_table((out / "report.md").read_text(encoding="utf-8"))
    svg = (out / "similarity.svg").read_text(encoding="utf-8")
    root = ET.fromstring(svg)
    labels = _labels(svg)
    assert len(labels) == 2 * NUMBERED_FROM  # each shown document: a row and a column label
    for number, path in labels:
        assert number.isdigit() and table[int(number)] == path
    assert int(root.get("font-size")) >= 10
    cells = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert min(int(r.get("height")) for r in cells) >= 14
    assert "numbered as in the Documents table" in (out / "report.md").read_text(encoding="utf-8")


def test_pictures_are_the_same_bytes_twice(sixty, tmp_path):
    """The same input gives the same SVG bytes, from the findings and from a second run."""
    findings, out = sixty
    again = render_images(findings, findings.settings.top_n)
    assert again == render_images(findings, findings.settings.top_n)
    rerun = tmp_path / "out"
    _run(out.parent / "in", rerun)
    for name in ("similarity.svg", "coverage.svg"):
        assert (rerun / name).read_bytes() == (out / name).read_bytes() == again[name].encode("utf-8")
