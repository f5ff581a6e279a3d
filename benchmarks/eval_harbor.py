"""The job on the labelled harbor-fire corpus, scored by ``../shared/tools/score.py``.

Runs the whole job (:func:`compare.run`) on ``tests/fixtures/harbor-fire`` three ways in one
process and prints the score lines of each:

- ``default``: the default install (lexical grouping score);
- ``semantic``: the same with ``semantic=True`` (sentence embeddings of the optional
  extra), when the extra is installed;
- ``bag-of-words Jaccard``: the job with its statement score replaced by plain set Jaccard
  of the lower-cased ``\\w+`` words of the two sentences, decided at the Jaccard threshold
  that is best on MRPC train (:func:`jaccard_threshold`), so the gain of the job's own score
  is visible on the same corpus.

Issue 4, acceptance 1: ``repeated_pairs_found`` >= 0.90, ``unique_found`` 4/4 and
``boilerplate_as_statements`` 0/4 for the default install. Run
``python benchmarks/eval_harbor.py`` or ``benchmarks/test_harbor_evaluation.py``; both skip
when ``score.py`` is absent (a clone without ``../shared``).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import eval_paraphrase

import compare
from compare.statements import embeddings, scoring

ROOT = Path(__file__).resolve().parents[1]
HARBOR = ROOT / "tests" / "fixtures" / "harbor-fire"
SCORE = ROOT.parent / "shared" / "tools" / "score.py"
DEFAULT, SEMANTIC, JACCARD = "default", "semantic", "bag-of-words Jaccard"
JACCARD_FALLBACK = 0.368
"""Jaccard's MRPC-train threshold as measured by ``eval_paraphrase.py``, used when MRPC is absent."""
_WORD = re.compile(r"\w+")


def available() -> bool:
    """Whether ``score.py`` (outside the repository) is there to score with."""
    return SCORE.is_file()


def score_lines(findings: Path) -> dict[str, str]:
    """``score.py``'s lines for one ``findings.json``, by measure name."""
    out = subprocess.run(
        [sys.executable, str(SCORE), str(findings), str(HARBOR / "gold.json")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return {line.split(":")[0]: line.split(":", 1)[1].strip() for line in out.splitlines() if ":" in line}


def ratio(line: str) -> float:
    """The value of a ``found/total = 0.97`` line (the counts, for a line without ``=``)."""
    if "=" in line:
        return float(line.rsplit("=", 1)[1])
    return float(line)


def jaccard_threshold() -> float:
    """The bag-of-words Jaccard threshold with the best MRPC train accuracy."""
    if not eval_paraphrase.available():
        return JACCARD_FALLBACK
    pairs, labels = eval_paraphrase.load_mrpc("train")
    return eval_paraphrase.best_threshold(labels, eval_paraphrase.jaccard_scores(pairs))


@contextmanager
def _bag_of_words(words: dict[str, frozenset[str]]) -> Iterator[None]:
    """Every statement score becomes the set Jaccard of the sentences' words (ids from ``words``)."""
    original = scoring.Scorer.scores  # Scorer.score asks it for a pair not scored yet

    def scores(self: scoring.Scorer, pairs: Iterable[tuple[str, str]]) -> list[float]:
        out = []
        for x, y in pairs:
            a, b = words[x], words[y]
            out.append(len(a & b) / len(a | b) if a or b else 0.0)
        return out

    scoring.Scorer.scores = scores  # type: ignore[method-assign]
    try:
        yield
    finally:
        scoring.Scorer.scores = original  # type: ignore[method-assign]


def evaluate() -> dict[str, dict[str, str]]:
    """score.py's lines per way of running the job."""
    out: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        found = compare.run(HARBOR, Path(tmp) / DEFAULT)
        out[DEFAULT] = score_lines(Path(tmp) / DEFAULT / "findings.json")
        if embeddings.available():
            compare.run(HARBOR, Path(tmp) / SEMANTIC, semantic=True)
            out[SEMANTIC] = score_lines(Path(tmp) / SEMANTIC / "findings.json")
        texts = found.statements.select("stmt_id", "text").iter_rows()
        words = {sid: frozenset(_WORD.findall(text.lower())) for sid, text in texts}
        with _bag_of_words(words):
            compare.run(HARBOR, Path(tmp) / "jaccard", match_threshold=round(jaccard_threshold(), 4))
        out[JACCARD] = score_lines(Path(tmp) / "jaccard" / "findings.json")
    return out


def format_lines(results: dict[str, dict[str, str]]) -> str:
    """The score lines, one block per way of running the job."""
    blocks = []
    for name, lines in results.items():
        blocks.append(f"harbor-fire, {name}:")
        blocks.extend(f"  {measure}: {value}" for measure, value in lines.items())
    if SEMANTIC not in results:
        blocks.append(
            "harbor-fire, semantic: the semantic extra is not installed (pip install 'compare-sources[semantic]')"
        )
    return "\n".join(blocks)


def main() -> int:
    if not available():
        print(f"{SCORE} not found; nothing to score")
        return 0
    print(format_lines(evaluate()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
