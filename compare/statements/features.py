"""Stage 5b, features: what the matching and conflict stages read of each claim.

Computed once per claim from its own text and stems, so the cache keeps them with the
document (see :mod:`compare.cache`) and a rerun does not parse every sentence again:

- ``canonical``: content stems with a small curated list of news paraphrases mapped to one
  representative ("blaze" / "fire", "praised" / "lauded");
- ``clauses``: the canonical stems of each clause that has a verb, for claims made inside a
  longer sentence;
- ``frames``: light predicate frames (predicate, object, subject): "X praised Putin";
- ``entities``: places a sentence situates itself in ("arrested in Brussels");
- ``times``: time words ("on Monday", "three nights ago"), both for the conflict stage's
  different-occasion check;
- ``sentence_sig``: the MinHash signature of the canonical stems, for the sentence-level LSH
  that proposes candidate pairs (:func:`compare.candidates.sentence_pairs`);
- ``clauses_within``: whether every clause's stems are among the claim's (a comma inside a
  number, "8,829", can split a word between two clauses);
- ``anchors``: "unit=value" of the claim's numbers and dates (:func:`anchors`): two claims
  sharing one state the same count of the same thing, or the same day.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
import polars as pl

from .. import frames as frame_schemas
from ..documents import similarity
from ..text.words import content_stems, stem, words
from ..unionfind import UnionFind
from .values import BARE, MONTHS, SINCE, WEEKDAYS

MIN_CLAUSE_STEMS = 4
"""Clauses with fewer content stems are not compared on their own."""
FRAME_SEPARATOR = "|"
"""Joins (predicate, object, subject) of a frame in the features frame."""


_SYNONYM_GROUPS = [
    "own belong owner property",
    "warehouse building facility premises depot",
    "textile textiles fabric fabrics cloth",
    "close closed shut",
    "resident residents neighbour neighbours neighbor neighbors locals",
    "tell told ask asked instruct instructed advise advised urge urged",
    "noon midday",
    "blaze fire fires flames",
    "firefighter firefighters fireman firemen crew crews",
    "thank thanked praise praised commend commended laud lauded hail hailed",
    "kill killed death deaths dead die died fatality fatalities",
    "injury injuries injured hurt wound wounded",
    "big large major huge massive",
    "meeting meetings meet met summit summits talks",
    "accept accepted side sided endorse endorsed",
    "appear appeared seem seemed",
    "denial denials deny denied",
    "praise admire admiration admired compliment",
    "sanction sanctions penalty penalties",
    "president presidency presidential",
    "investigation investigations probe inquiry",
    "intelligence spy",
    "start started begin began",
    "examine examined investigate investigated",
    "supply supplies goods",
    "review inspection inspections",
    "vanish vanished disappear disappeared",
    "phone phones handset handsets smartphone smartphones",
    "chip chips processor processors",
    "shop shops store stores",
    "unveil unveiled introduce introduced",
    "arrest arrested detain detained",
    "car cars vehicle vehicles",
]


@lru_cache(maxsize=1)
def canonical_map() -> dict[str, str]:
    """Stem -> representative stem; groups sharing a stem are joined (transitively). Made on
    first use: stemming imports nltk, which a run on cached documents may never need."""
    sets: UnionFind[str] = UnionFind()
    for group in _SYNONYM_GROUPS:
        stems = [stem(w) for w in group.split()]
        for s in stems[1:]:
            sets.union(stems[0], s)
    return {s: sets.find(s) for s in list(sets.parent)}


def canonical(stems: Iterable[str]) -> frozenset[str]:
    """Canonical stem set of a statement (synonyms mapped to one representative)."""
    mapping = canonical_map()
    return frozenset(mapping.get(s, s) for s in stems)


_CLAUSE_BREAK = re.compile(
    r"[,;:()\u2014]|\s-\s|\b(?:and|but|while|whereas|which|who|where|although|though|because|yet)\b", re.I
)


def through_clause(text: str, span: str) -> str:
    """``text`` up to the end of the clause holding ``span`` (the whole text when the span is not
    in it): what may put the span in doubt, a condition before it included ("if we have luck with
    no injuries") and one after it not ("there's no charger in the box, so budget for one if you
    need it" says for sure that there is none)."""
    at = text.find(span)
    if at < 0:
        return text
    end = _CLAUSE_BREAK.search(text, at + len(span))
    return text[: end.start() if end else len(text)]


_VERB = re.compile(
    r"\b(?:\w+ed|is|are|was|were|be|been|has|have|had|did|does|do|will|would|can|could|may|might|must|should"
    r"|says?|said|took|met|held|made|gave|went|came|saw|told|spoke|stood|found|became|left|won|lost|sent|led"
    r"|began|brought|thought|kept|put|set|ran|drew|grew|knew|rose|fell|wrote|sought|fought|paid|built|felt"
    r"|meant|hit|cut|hurt|seems?|appears?|remains?|continues?|shows?)\b",
    re.I,
)


def clauses(text: str) -> list[frozenset[str]]:
    """Canonical stem sets of the clauses of a sentence that have a verb and
    ``MIN_CLAUSE_STEMS`` or more content stems; empty for a single-clause sentence.

    A clause without a verb ("interference in the 2016 election") mentions a topic
    without claiming anything about it, so it is not matched on its own.
    """
    raw = [p for p in _CLAUSE_BREAK.split(text) if p and p.strip()]
    if len(raw) < 2:
        return []
    parts = [canonical(content_stems(words(p))) for p in raw if _VERB.search(p)]
    return [p for p in parts if len(p) >= MIN_CLAUSE_STEMS]


_PREDICATES = {
    "praise": r"prais\w*|admir\w*|spoke highly of|speaks? highly of|compliment\w*|laud\w*|hail(?:s|ed)?",
    "criticize": r"critici[sz]\w*|condemn\w*|denounc\w*|lambast\w*",
    "accept": r"accept(?:s|ed|ing)?|sid(?:e|ed|es|ing) with",
    "deny": r"den(?:y|ied|ies|ial|ials)",
    "sanction": r"sanction(?:s|ed)?",
    "meet": r"met with|meet(?:s|ing)? with",
}  # fmt: skip
_TRIGGER = re.compile("|".join(f"(?P<{k}>\\b(?:{v})\\b)" for k, v in _PREDICATES.items()), re.I)
_NAME_RUN = re.compile(r"(?:[A-Z][\w.-]*(?:['\u2019]s)?\s+)*[A-Z][\w.-]*(?:['\u2019]s)?")
_OPENERS = frozenset(
    "during according despite following after before when while although however moreover additionally "
    "meanwhile still yet so but and the a an this that these those his her their its".split()
)


_POSSESSIVE = re.compile(r"['\u2019]s$")
_CLAUSE_END = re.compile(r"[.;:!?]|,\s|\s(?:and|but|which|while|who)\s")
_SENTENCE_PUNCTUATION = re.compile(r"[.;:!?]")
_NAME_TOKENS = re.compile(r"[\w'.-]+|[^\w\s]")


def _head(name_run: str) -> str:
    """The head of a run of capitalised words: "Russian President Vladimir Putin's" -> putin."""
    return _POSSESSIVE.sub("", name_run.split()[-1]).lower()


def predicate_frames(text: str) -> frozenset[tuple[str, str, str]]:
    """Light predicate frames: (predicate, object, subject) for "X praised Y", "Y's denials",
    "sanctions on Y"... Object and subject are named entities (capitalised); the subject is
    "" when the sentence does not name it ("He praised Putin")."""
    out: set[tuple[str, str, str]] = set()
    for m in _TRIGGER.finditer(text):
        clause = _CLAUSE_END.split(text[m.end() : m.end() + 80])[0]
        obj = _NAME_RUN.search(clause)
        if not obj:
            continue
        before = _SENTENCE_PUNCTUATION.split(text[: m.start()])[-1]
        names = [n for n in _NAME_RUN.finditer(before) if n.group().split()[0].lower() not in _OPENERS]
        subject = _head(names[0].group()) if names else ""
        out.add((m.lastgroup or "", _head(obj.group()), subject))
    return frozenset(out)


_TIME_WORDS = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|overnight|earlier|later"
    r"|last (?:week|night|month|year)|this (?:week|morning|afternoon|evening)|(?:\w+ )?(?:days|nights|weeks|hours) ago"
    r"|(?:\w+ )?(?:days|nights|weeks))\b",
    re.I,
)
_NOT_ENTITY = frozenset(
    [*MONTHS, *WEEKDAYS, "i", "the", "a", "an", "in", "on", "at", "but", "and", "he", "she", "it", "they", "we", "this"]
)


_PLACE_PREPOSITIONS = frozenset("in at near outside inside from across".split())


def entities(text: str) -> frozenset[str]:
    """Places a sentence situates itself in: capitalised names after "in", "at", "near"...
    ("arrested in Brussels" / "arrested in Germany")."""
    out: set[str] = set()
    run: list[str] = []
    tokens = _NAME_TOKENS.findall(text)
    for i, tok in enumerate(tokens):
        word = tok.lower().strip(".")
        if (
            tok[:1].isupper()
            and word not in _NOT_ENTITY
            and (run or (i > 0 and tokens[i - 1].lower() in _PLACE_PREPOSITIONS))
        ):
            run.append(word)
            continue
        if run:
            out.add(" ".join(run))
            run = []
    if run:
        out.add(" ".join(run))
    return frozenset(out)


def times(text: str) -> frozenset[str]:
    """The time words of a sentence, lower-cased ("monday", "three nights ago")."""
    return frozenset(m.lower() for m in _TIME_WORDS.findall(text))


SENTENCE_PERM = 64
"""MinHash permutations of a claim's stem set for the sentence-level LSH."""
SENTENCE_SEED = 1
"""Seed of the sentence MinHash permutations; fixed so runs are reproducible."""


def sentence_signatures(stem_sets: Sequence[Iterable[str]]) -> np.ndarray:
    """The MinHash signature of each stem set (one row of :data:`SENTENCE_PERM` values),
    datasketch's ``affine32`` scheme over the low 32 bits of each stem's xxh3 hash, as for
    documents; an empty set's row is all 2**32 - 1."""
    from xxhash import xxh3_64_intdigest

    perms = similarity.permutations(SENTENCE_PERM, SENTENCE_SEED)
    if not stem_sets:
        return np.empty((0, SENTENCE_PERM), dtype=np.uint32)
    code: dict[str, int] = {}
    for stems in stem_sets:
        for stem_ in stems:
            if stem_ not in code:
                code[stem_] = xxh3_64_intdigest(stem_.encode()) & 0xFFFFFFFF
    lengths = np.fromiter((len(stems) for stems in stem_sets), dtype=np.int64, count=len(stem_sets))
    offsets = np.concatenate(([0], np.cumsum(lengths)))
    hashes = np.fromiter((code[t] for stems in stem_sets for t in stems), dtype=np.uint32, count=int(offsets[-1]))
    # numpy kernels whatever the size: sets are small, and loading the compiled ones costs ~1 s
    return similarity.signatures(hashes, offsets, perms, compiled=False)


def anchors(values: pl.DataFrame) -> dict[str, frozenset[str]]:
    """Anchors per statement from the values frame: "unit=value" of numbers and dates."""
    out: dict[str, set[str]] = defaultdict(set)
    columns = (values.get_column(name).to_list() for name in ("stmt_id", "kind", "low", "high", "unit"))
    for sid, kind, low, high, unit in zip(*columns, strict=True):  # iter_rows() slices: 5x slower
        if kind == "number" and unit != BARE:  # a number with no noun is no evidence of the same fact
            mid = (low + high) / 2
            out[sid].add(f"{unit}={mid:g}")
        elif kind == "date" and low == high and (day := unit.removesuffix(SINCE)) in ("day", "month", "weekday"):
            out[sid].add(f"{day}={low:g}")  # "since Monday" and "on Monday" meet
    return {k: frozenset(v) for k, v in out.items()}


def features(claims: pl.DataFrame, values: pl.DataFrame) -> pl.DataFrame:
    """Claims frame in (the segment stage's columns, stems included: :data:`compare.frames.SEGMENTED`)
    with their values (see :data:`compare.frames.VALUES`), features frame out (see
    :data:`compare.frames.FEATURES`), one row per claim in the same order."""
    rows: dict[str, list] = {name: [] for name in frame_schemas.FEATURES}
    anchored = anchors(values)
    for sid, text, stems in claims.select("stmt_id", "text", "stems").iter_rows():
        rows["stmt_id"].append(sid)
        stem_set, parts = canonical(stems), clauses(text)
        rows["canonical"].append(sorted(stem_set))
        rows["clauses"].append([sorted(c) for c in parts])
        rows["clauses_within"].append(all(c <= stem_set for c in parts))
        rows["frames"].append(sorted(FRAME_SEPARATOR.join(f) for f in predicate_frames(text)))
        rows["entities"].append(sorted(entities(text)))
        rows["times"].append(sorted(times(text)))
        rows["anchors"].append(sorted(anchored.get(sid, ())))
    del rows["sentence_sig"]  # a matrix, from the stems once they are all known
    signatures = sentence_signatures(rows["canonical"])
    schema = {k: v for k, v in frame_schemas.FEATURES.items() if k != "sentence_sig"}
    frame = frame_schemas.build(rows, schema).with_columns(
        pl.Series("sentence_sig", signatures, dtype=frame_schemas.FEATURES["sentence_sig"])
    )
    return frame.select(list(frame_schemas.FEATURES))
