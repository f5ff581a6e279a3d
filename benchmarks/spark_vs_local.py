"""The Spark engine against the local engine on the same generated corpus, per stage.

Each engine runs in a fresh Python process (so the driver's peak memory is its own): ingest,
then every stage, timed from the pipeline's progress calls; the findings' digest (sha256 of
``findings.json``'s records) shows whether the engines agree. Used by
``test_spark_engine.py`` and runnable alone::

    python benchmarks/spark_vs_local.py 2000 20000 --master 'local[2]' --json out.json
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

STAGES = ("ingest", "per-document", "similarity", "passages", "matching", "conflicts")

_RUN = r"""
import hashlib, json, sys, time
from pathlib import Path
from compare._runtime import return_freed_memory
return_freed_memory()  # as the command line does, before polars loads
import orjson
from compare.documents.ingest import ingest
from compare.engines.local import LocalEngine
from compare.pipeline import compare_documents
from compare.settings import Settings

folder, engine_name, master = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
def hwm():  # peak RSS of this process (the driver; Spark's JVM is a process of its own)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0
marks = []
t0 = time.perf_counter()
settings = Settings()
if engine_name == "spark":
    from compare.engines.spark import SparkEngine, start
    start(master, {"spark.sql.shuffle.partitions": "8"})
    engine = SparkEngine(master)
else:
    engine = LocalEngine()
started = time.perf_counter() - t0
t0 = time.perf_counter()
documents, skipped = ingest(folder, settings)
findings = compare_documents(documents, skipped, settings, lambda s, i, n: marks.append((s, time.perf_counter() - t0)),
                             engine=engine)
total = time.perf_counter() - t0
digest = hashlib.sha256(orjson.dumps(findings.to_dict(), option=orjson.OPT_SORT_KEYS)).hexdigest()
ends = [t for _, t in marks[1:]] + [total]
stages = {name: end - begin for (name, begin), end in zip(marks, ends)}
stages["ingest"] = marks[0][1]  # reported once done
print(json.dumps({"engine": engine_name, "docs": documents.height, "start": started, "seconds": total,
                  "stages": stages, "peak": hwm(), "digest": digest}))
"""


def run_engine(folder: Path, engine: str, master: str = "local[2]") -> dict:
    """One engine's run on ``folder`` in a fresh process: seconds per stage, peak RSS, digest."""
    out = subprocess.run(
        [sys.executable, "-c", _RUN, str(folder), engine, master],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    if out.returncode:
        raise RuntimeError(f"{engine} run failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def table(rows: list[dict]) -> list[str]:
    """The runs as a text table: seconds per stage, total, Spark's start-up, peak driver RSS."""
    head = f"{'docs':>6} {'engine':<6} " + " ".join(f"{s[:8]:>8}" for s in STAGES)
    lines = [head + f" {'total':>8} {'start':>6} {'peak MB':>8} {'equal':>5}"]
    for r in rows:
        cells = " ".join(f"{r['stages'].get(s, 0.0):8.1f}" for s in STAGES)
        lines.append(
            f"{r['docs']:>6} {r['engine']:<6} {cells} {r['seconds']:8.1f} {r['start']:6.1f} "
            f"{r['peak'] / 2**20:8.0f} {r.get('equal', '')!s:>5}"
        )
    return lines


def main() -> None:
    """Write each corpus, run both engines on it, print the table (and write JSON when asked)."""
    sys.path.insert(0, str(Path(__file__).parent))
    from corpus import write_corpus

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as scratch:
            write_corpus(scratch, size)
            local = run_engine(Path(scratch), "local")
            spark = run_engine(Path(scratch), "spark", args.master)
        spark["equal"] = local["equal"] = spark["digest"] == local["digest"]
        rows += [local, spark]
        print("\n".join(table(rows)), flush=True)
        if args.json:
            args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
