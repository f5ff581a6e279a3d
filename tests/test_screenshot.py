"""The HTML page works in a real browser: headless Chromium renders it, follows a citation
and applies a filter, and the screenshots' pixels show it.

Skipped where Chromium is not installed; `.ci/run` installs Debian's `chromium` so CI runs it.
The page takes its filters from the address (``#filter=...``) through the same handlers as
the menu and checkboxes, and a citation is an address too (``#s1:9``), so no click is needed.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

import compare

HARBOR = Path(__file__).parent / "fixtures" / "harbor-fire"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (CI installs it in .ci/run)")

WIDTH, HEIGHT = 1200, 900
STATEMENT = (0xFF, 0xD3, 0x3D)  # a highlighted statement's background (span.hl)
LINE = (0xFF, 0xF8, 0xC5)  # the cited line's background (.ln.hl)
CONFLICT_CHIP = (0xCF, 0x22, 0x2E)
UNIQUE_CHIP = (0x1A, 0x7F, 0x37)


def _paeth(a: int, b: int, c: int) -> int:
    """PNG's Paeth predictor."""
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def png_rgb(path: Path) -> tuple[int, int, list[bytearray]]:
    """Width, height and the unfiltered rows (RGB or RGBA bytes) of an 8-bit PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, channels = 8, b"", 0, 0, 3
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), (depth, colour)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, rows = zlib.decompress(idat), width * channels, []
    prev = bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            c = prev[i - channels] if i >= channels else 0
            line[i] = (line[i] + (0, a, prev[i], (a + prev[i]) // 2, _paeth(a, prev[i], c))[kind]) & 0xFF
        rows.append(line)
        prev = line
    return width, height, [bytearray(b for k, b in enumerate(r) if k % channels < 3) for r in rows]


def pixels_of(rows: list[bytearray], colour: tuple[int, int, int], x0: int = 0, x1: int = WIDTH) -> list[tuple]:
    """(x, y) of every pixel of exactly ``colour`` between columns x0 and x1."""
    want = bytes(colour)
    return [(x, y) for y, r in enumerate(rows) for x in range(x0, x1) if r[3 * x : 3 * x + 3] == want]


def chromium(tmp_path: Path, url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Headless Chromium on ``url`` with a fresh profile and nothing fetched from the network."""
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    return subprocess.run(
        [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", f"--user-data-dir={profile}", f"--window-size={WIDTH},{HEIGHT}", *args, url,
        ],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def screenshot(tmp_path: Path, url: str, name: str) -> list[bytearray]:
    """The first screen of ``url`` as rows of RGB bytes."""
    shot = tmp_path / f"{name}.png"
    done = chromium(tmp_path, url, f"--screenshot={shot}")
    assert shot.is_file(), done.stderr[-2000:]
    width, height, rows = png_rgb(shot)
    assert (width, height) == (WIDTH, HEIGHT)
    return rows


def dom(tmp_path: Path, url: str) -> str:
    """The page's DOM once its script has run."""
    done = chromium(tmp_path, url, "--dump-dom")
    assert "</html>" in done.stdout, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict]:
    """The harbor-fire page's address and its findings."""
    out = tmp_path_factory.mktemp("page") / "out"
    compare.run(HARBOR, out=out, format="html")
    return (out / "report.html").as_uri(), json.loads((out / "findings.json").read_text(encoding="utf-8"))


def test_first_screen_shows_the_findings(page, tmp_path):
    """Not a blank page: text, and the red chips of the first conflicts; nothing highlighted."""
    rows = screenshot(tmp_path, page[0], "first")
    dark = sum(1 for r in rows for b in r[::7] if b < 128)
    assert dark > WIDTH * HEIGHT * 3 / 7 * 0.01
    assert len(pixels_of(rows, CONFLICT_CHIP, 0, WIDTH // 2)) > 200
    assert pixels_of(rows, STATEMENT) == []


def test_a_citation_opens_the_cited_line_with_the_statement_highlighted(page, tmp_path):
    """``#s<id>`` (what a citation links to) opens the source beside the findings, scrolled so
    the cited line is on screen, the line shaded and the statement's own words highlighted."""
    url, findings = page
    stmt = next(s for s in findings["statements"] if s["id"] == findings["conflicts"][0]["a"])
    rows = screenshot(tmp_path, f"{url}#s{stmt['id']}", "cited")
    marked = pixels_of(rows, STATEMENT)
    assert len(marked) > 500
    assert min(x for x, _ in marked) >= WIDTH // 2  # in the sources pane, right of the findings
    ys = [y for _, y in marked]
    assert min(ys) > 0 and max(ys) < HEIGHT  # on screen
    assert len(pixels_of(rows, LINE, WIDTH // 2)) > 500  # the rest of the cited line
    page_dom = dom(tmp_path, f"{url}#s{stmt['id']}")
    highlighted = re.findall(r'<span data-s="([^"]+)"[^>]*class="[^"]*\bhl\b', page_dom)
    assert highlighted and set(highlighted) == {stmt["id"]}
    text = page_dom.split(f'id="d{stmt["doc"]}"', 1)[1].split("</details>", 1)[0]
    lines = re.findall(r'<div class="ln( hl)?">', text)
    assert [i + 1 for i, hl in enumerate(lines) if hl] == list(range(stmt["line"], stmt["end_line"] + 1))


def test_a_copied_passage_is_highlighted_in_both_texts(page, tmp_path):
    """Each side of a passage's citation highlights that side's copy of it."""
    url, findings = page
    i = max(range(len(findings["passages"])), key=lambda k: findings["passages"][k]["words"])
    p = findings["passages"][i]
    for side in ("a", "b"):
        marked = pixels_of(screenshot(tmp_path, f"{url}#p{i}-{p[side]}", f"passage-{side}"), STATEMENT)
        assert len(marked) > 2000 and min(x for x, _ in marked) >= WIDTH // 2


def _text_lines(rows: list[bytearray], x0: int, x1: int) -> int:
    """Lines of text between columns x0 and x1: runs of screen rows holding dark pixels, a gap
    of under 6 blank rows (an underscore below its word) not splitting one."""
    inked = [y for y, row in enumerate(rows) if any(b < 110 for b in row[3 * x0 : 3 * x1])]
    return sum(1 for k, y in enumerate(inked) if k == 0 or y - inked[k - 1] > 6)


def test_the_filters_hide_other_kinds_and_other_sources(page, tmp_path):
    """``#filter=src:2;kind:unique`` (what the menu and checkboxes write): no conflict chip on
    screen, unique-claim chips instead, one source left in the sources pane, and every row
    still shown names source 2."""
    url, findings = page
    everything = screenshot(tmp_path, url, "unfiltered")
    filtered = screenshot(tmp_path, f"{url}#filter=src:2;kind:unique", "filtered")
    assert pixels_of(everything, CONFLICT_CHIP, 0, WIDTH // 2)
    assert pixels_of(filtered, CONFLICT_CHIP) == []
    assert len(pixels_of(filtered, UNIQUE_CHIP, 0, WIDTH // 2)) > 200
    pane = (WIDTH // 2 + 10, WIDTH - 60)  # the sources pane: one line per source, the others hidden
    assert _text_lines(everything, *pane) - _text_lines(filtered, *pane) == len(findings["documents"]) - 1
    shown = re.findall(r'<li data-kind="(\w+)" data-src="([\d ]+)">', dom(tmp_path, f"{url}#filter=src:2;kind:unique"))
    hidden = re.findall(r'<li data-kind="\w+" data-src="[\d ]+" hidden="">', dom(tmp_path, f"{url}#filter=src:2"))
    assert shown and all(kind == "unique" and "2" in src.split() for kind, src in shown)
    assert len(shown) == sum(1 for s in findings["unique"] if s.startswith("2:"))
    assert hidden  # rows of the other sources are hidden, not only other kinds
