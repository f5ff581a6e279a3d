"""Fuzz ingest, normalization and sentence splitting with random bytes for a fixed time.

Usage: ``python benchmarks/fuzz_ingest.py [SECONDS]`` (default 600). Random byte strings,
some built from text-like pieces (BOMs, CRLF, quotes, NUL, invalid UTF-8, long lines), are
decoded with ``ingest.decode`` and, when they decode, normalized and split into statements.
Anything but a clean ``ValueError`` from ``decode`` (which means "not text") counts as a
failure, and so does a statement whose offsets do not slice the source to its own text.
Prints the number of inputs, how many decoded, statements produced, and failures.
"""

from __future__ import annotations

import random
import sys
import time
import traceback

import polars as pl

from compare import frames
from compare.documents.ingest import decode
from compare.statements.segment import segment
from compare.text.normalize import collapse, normalize, normalize_text

PIECES = [
    b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\r\n", b"\n", b"\r", b"\x00", b"\x93", b"\x94", b"\x92",
    b"\xe2\x80\x9c", b"\xe2\x80\x9d", b"\xc3\xa9", b"\xed\xa0\x80", b"\xf0\x9f\x94\xa5", b"&#39;", b"''",
    b"U.S. ", b"p.m. ", b"St. ", b"Advertisement", b"by Jane Doe 44 views", b"The fire spread. ",
    b"Twelve people were hurt. ", b"# Heading", b"   ", b"\t", b"\xcc\x81", b"\xe2\x80\x8b",
]  # fmt: skip


def sample(rng: random.Random) -> bytes:
    if rng.random() < 0.3:
        return rng.randbytes(rng.randrange(0, 2000))
    return b"".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 200)))


def check(data: bytes) -> int:
    try:
        text, _ = decode(data)
    except ValueError:
        return -1
    docs = pl.DataFrame(
        [{"doc_id": 0, "path": "f.txt", "sha256": "", "encoding": "", "text": text, "bytes": len(data)}],
        schema=frames.DOCUMENTS,
    )
    statements = segment(normalize(docs))
    for start, end, sentence in statements.select("start", "end", "text").iter_rows():
        if collapse(normalize_text(text[start:end])[0]) != sentence:
            raise AssertionError(f"offsets {start}:{end} do not slice to {sentence!r}")
    return statements.height


def main(seconds: float) -> int:
    rng = random.Random(20261122)
    t0 = time.monotonic()
    inputs = decoded = stmts = failures = 0
    while time.monotonic() - t0 < seconds:
        data = sample(rng)
        inputs += 1
        try:
            n = check(data)
        except Exception:
            failures += 1
            if failures <= 5:
                print("FAIL on", data[:200], "\n", traceback.format_exc(limit=3))
            continue
        if n >= 0:
            decoded += 1
            stmts += n
    print(
        f"{inputs} inputs in {time.monotonic() - t0:.0f} s: {decoded} decoded as text, {stmts} statements, "
        f"{failures} failures"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(float(sys.argv[1]) if len(sys.argv) > 1 else 600))
