"""The job on the labelled real-news topics and authored stories, scored by ``score.py``.

For each corpus of ``../shared/corpora`` with a ``gold.json`` (harbor-fire, wikiref-mh370,
wikiref-paris, facts-phone, facts-flood), the texts are gathered into a scratch folder (the files
``gold.json`` lists under ``docs_dir`` for the WikiRef topics, read in place and never copied into
the repository; the corpus's own texts and ``sources.csv`` otherwise), the job runs on it as a
user runs it, and ``../shared/tools/score.py`` scores its ``findings.json``. Prints one block of
score lines per corpus. ``python benchmarks/eval_facts.py`` or ``test_facts_evaluation.py``; both
skip when ``../shared`` is absent.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORE = SHARED / "tools" / "score.py"
CORPORA = ("harbor-fire", "wikiref-mh370", "wikiref-paris", "facts-phone", "facts-flood")


def available() -> bool:
    """Whether ``score.py`` and the corpora are there."""
    return SCORE.exists() and all((SHARED / "corpora" / c / "gold.json").exists() for c in CORPORA)


def _gather(corpus: Path, into: Path) -> None:
    """The corpus's texts (and ``sources.csv``) in ``into``: a WikiRef topic's listed files from
    its ``docs_dir``, otherwise every ``.txt`` next to ``gold.json``."""
    gold = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))
    if gold.get("docs_dir"):
        source = (corpus / gold["docs_dir"]).resolve()
        for name in gold["files"]:
            shutil.copyfile(source / name, into / name)
        return
    for path in sorted(corpus.iterdir()):
        if path.suffix == ".txt" or path.name == "sources.csv":
            shutil.copyfile(path, into / path.name)


def score(name: str) -> dict[str, str]:
    """score.py's measures (name -> "hit/total = ratio") of the job on corpus ``name``."""
    corpus = SHARED / "corpora" / name
    with tempfile.TemporaryDirectory() as tmp:
        texts, out = Path(tmp) / "texts", Path(tmp) / "out"
        texts.mkdir()
        _gather(corpus, texts)
        subprocess.run(
            [sys.executable, "-m", "compare", "run", str(texts), "--out", str(out), "--no-cache", "-q"],
            check=True, cwd=tmp,
        )  # fmt: skip
        done = subprocess.run(
            [sys.executable, str(SCORE), str(out / "findings.json"), str(corpus / "gold.json"), "--json"],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
    return json.loads(done.stdout)


def ratio(line: str) -> float:
    """The ratio of a "hit/total = r" line (1.0 for 0/0)."""
    hit, total = line.split("=")[0].strip().split("/")
    return int(hit) / int(total) if int(total) else 1.0


if __name__ == "__main__":
    if not available():
        sys.exit("../shared/tools/score.py or the labelled corpora not found")
    for corpus in CORPORA:
        print(f"== {corpus}")
        for key, value in score(corpus).items():
            print(f"  {key}: {value}")
