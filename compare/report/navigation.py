"""What makes the report easy to find one's way in: its title, the table of contents, the
sentences around a cited one, and the order unique claims are listed in.

Unique claims are ranked by a fixed score (no weight is fitted to a corpus), highest first,
ties in the order the source makes them:

- +3 if the claim holds a date or a time, +2 a number or an ordinal, +2 a place or a
  nationality, +1 if it is attributed to someone ("..., police said");
- +1 for each distinct name (a capitalised word or an acronym that does not open the
  sentence and is not a stop word), at most +3;
- -3 if it reads as the writer's opinion or as filler: not attributed to anyone, it speaks
  in the first or second person ("I", "we", "you") or uses a word of opinion ("think",
  "should", "amazing", ...); a quote someone is reported to have said is not penalised;
- -1 if it is shorter than eight words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..ids import statement_id
from ..ids import statement_key as stmt_key
from ..text.words import STOP_WORDS

_HEADING = re.compile(r"^(#{1,6}) +(.+?) *#*$")

FACT_WEIGHTS = {"date": 3, "time": 3, "number": 2, "ordinal": 2, "place": 2, "nationality": 2, "attribution": 1}
"""Score of a claim holding a value of each kind (each kind counts once)."""
NAMES_MAX = 3
"""Names counted at most, one point each."""
OPINION_PENALTY = 3
SHORT_WORDS = 8
"""Claims with fewer words lose a point."""

_PERSONAL = frozenset("i me my mine we us our ours you your yours".split())
_OPINION = frozenset(
    """think thinks believe believes feel feels hope hopes wish should must ought amazing awesome
    awful terrible horrible horrific wonderful great love loved hate hated sad shocking heartbreaking
    unbelievable incredible crazy insane clearly obviously honestly frankly surely absolutely
    disgraceful shameful outrageous ridiculous beautiful brilliant stunning devastating prayers
    guys folks literally basically""".split()
)
_WORD = re.compile(r"[A-Za-z][\w'’.-]*")


def slug(text: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation but ``-`` and ``_`` dropped,
    spaces to hyphens (the same rule the HTML page gives its headings' ids)."""
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def default_title(folder: str | None) -> str:
    """The subject named by the input folder: separators to spaces, first letter upper case
    (``harbor-fire`` -> "Harbor fire"); empty when there is no folder or no letter in it."""
    words = " ".join(re.sub(r"[-_.]+", " ", folder or "").split())
    return words[:1].upper() + words[1:] if re.search(r"[^\W\d]", words) else ""


def contents(lines: Iterable[str], level: int = 2) -> list[str]:
    """A table of contents of the Markdown ``lines``: a link to each heading of ``level``
    with the anchor GitHub gives it (a repeated heading gets ``-1``, ``-2``, ... as there)."""
    seen: dict[str, int] = {}
    out = []
    for line in lines:
        m = _HEADING.match(line)
        if not m:
            continue
        base = slug(m.group(2))
        n = seen.get(base, 0)
        seen[base] = n + 1
        if len(m.group(1)) == level:
            label = m.group(2).replace("[", "\\[").replace("]", "\\]")
            out.append(f"[{label}](#{base if n == 0 else f'{base}-{n}'})")
    return out


def neighbours(stmt_id: str, known: Iterable[str] | dict[str, int]) -> tuple[str | None, str | None]:
    """The ids of the sentences just before and after ``stmt_id`` in its document (None at
    either end); ``known`` holds every statement id."""
    doc, n = stmt_key(stmt_id)
    before, after = statement_id(doc, n - 1), statement_id(doc, n + 1)
    return (before if before in known else None, after if after in known else None)


def claim_score(text: str, kinds: Iterable[str]) -> int:
    """The rank of a unique claim (see the module's docstring): facts up, opinions down."""
    kinds = set(kinds)
    score = sum(FACT_WEIGHTS.get(k, 0) for k in kinds)
    words = _WORD.findall(text)
    names = {w.rstrip(".'’") for w in words[1:] if w[0].isupper() and w.lower() not in STOP_WORDS and len(w) > 1}
    score += min(len(names), NAMES_MAX)
    if "attribution" not in kinds:  # a quote someone is reported to have said is not penalised
        # each word up to its first apostrophe: we've -> we, I'm -> i
        lowered = {w.lower().partition("'")[0].partition("’")[0].rstrip(".") for w in words}
        if lowered & _PERSONAL or lowered & _OPINION:
            score -= OPINION_PENALTY
    if len(words) < SHORT_WORDS:
        score -= 1
    return score


def ranked(claims: list[str], texts: dict[str, str], kinds: dict[str, set[str]]) -> list[str]:
    """``claims`` (statement ids) by :func:`claim_score`, highest first, then in document order."""
    return sorted(claims, key=lambda s: (-claim_score(texts[s], kinds.get(s, ())), stmt_key(s)))
