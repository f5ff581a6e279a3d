"""The HTML report renders in a real browser: headless Chromium takes a screenshot of it.

Skipped where Chromium is not installed; `.ci/run` installs Debian's `chromium` so CI runs it.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

import compare

HARBOR = Path(__file__).parent / "fixtures" / "harbor-fire"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def png_pixels(path: Path) -> tuple[int, int, bytes]:
    """Width, height and the raw (filtered) scanline bytes of a PNG file."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, width, height, idat = 8, 0, 0, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    return width, height, zlib.decompress(idat)


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (CI installs it in .ci/run)")
def test_report_renders_in_chromium(tmp_path, monkeypatch):
    """The first screen of the page is not blank: it shows the summary and the first conflicts."""
    monkeypatch.chdir(tmp_path)
    compare.run(HARBOR, out=tmp_path / "out", format="html")
    shot = tmp_path / "first-screen.png"
    done = subprocess.run(
        [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage",
            f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1200,900", f"--screenshot={shot}",
            (tmp_path / "out" / "report.html").as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip
    assert shot.is_file(), done.stderr[-2000:]
    width, height, raw = png_pixels(shot)
    assert (width, height) == (1200, 900)
    dark = sum(1 for b in raw[::7] if b < 128)
    assert dark > len(raw[::7]) * 0.01  # text and tables, not a white page
