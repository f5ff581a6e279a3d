"""Statement-level markers read by regular expression over the whole text: harm that is
asserted or denied ("three people were injured" / "nobody was hurt"), whether a cause is
known or not yet determined, and who a statement is attributed to ("..., police said").

They are values (see :class:`compare.sentence.Value`) of kinds "polarity", "certainty" and
"attribution", read by :func:`compare.values.values` with the typed values of
:func:`compare.values.extract`.
"""

from __future__ import annotations

import re

from ..text.lexicon import DEATH_WORDS, OPENING_ADVERBS, SPEECH_VERBS, TITLES
from ..text.words import STOP_WORDS, stem
from .sentence import Value

_NEG_HARM = re.compile(
    r"\b(no|zero)\s+(injuries|injury|casualties|deaths|fatalities|one was (hurt|injured|killed))\b"
    r"|\b(nobody|no one|none)\s+(was|were|had been|has been)\s+(\w+\s+)?(hurt|injured|killed|harmed|wounded)\b"
    r"|\bwithout (any )?(injuries|injury|casualties)\b",
    re.I,
)
_POS_HARM = re.compile(
    r"\b(injured|injuries|hurt|wounded|treated for|hospitali[sz]ed|taken to (the )?(\w+ )?(\w+'s )?hospital"
    r"|minor burns|burns|killed|dead|died|death toll|casualties)\b",
    re.I,
)
_IN = r"(?:included|in the box|in the package|bundled|supplied)"
_OBJECT = r"[a-z][a-z-]*[a-z]"
_NOT_INCLUDED = re.compile(
    rf"\bno\s+(?:[\w-]+\s+){{0,2}}?(?P<a>{_OBJECT})\s+(?:is\s+|are\s+)?{_IN}\b"
    rf"|\b(?P<b>{_OBJECT})\s+(?:is|are)\s+(?:not|no longer)\s+{_IN}\b|\b(?P<c>{_OBJECT})\s+(?:isn't|aren't)\s+{_IN}\b"
    rf"|\b(?:comes?|ships?|sold|arrives?)\s+without\s+(?:an?\s+|any\s+)?(?:[\w-]+\s+){{0,2}}?(?P<d>{_OBJECT})"
    r"(?=\s*(?:[,.;:)]|$|\s(?:in|or|and|so|but|for|inside)\b))",
    re.I,
)
_INCLUDED = re.compile(rf"\b(?P<a>{_OBJECT})\s+(?:is|are)\s+(?:also\s+)?{_IN}\b", re.I)
"""What a product is said to come with or without ("there's no charger in the box", "ships
without a charger" / "a 45W charger is included"): the object's stem is the polarity's class."""
INCLUDED = "included:"
"""The prefix of a polarity class of inclusion ("included:charger")."""
_UNCERTAIN = re.compile(
    r"\b(not (yet )?(been )?(determined|known|confirmed|established|clear|identified)|unknown|unclear"
    r"|under investigation|being (examined|investigated)|one (of the )?possibilit\w*|too early to"
    r"|may have been|might have been|remains? to be seen)\b",
    re.I,
)
_CERTAIN = re.compile(
    r"\b(have|has|had) (already )?(confirmed|determined|established|concluded)\b|\bconfirmed that\b"
    r"|\bwas caused by\b|\bwere caused by\b|\bdetermined that\b|\bit was an? (accident|arson)\b",
    re.I,
)


def _harm_class(match: str) -> str:
    """What a harm phrase speaks of: "deaths" or "injuries"."""
    low = match.lower()
    return "deaths" if any(w in low for w in DEATH_WORDS) else "injuries"


def polarity(text: str) -> list[Value]:
    """Polarity and certainty markers: negated or asserted harm, uncertain or certain causes."""
    out: list[Value] = []
    negated: set[str] = set()
    for m in _NEG_HARM.finditer(text):
        cls = _harm_class(m.group())
        negated.add(cls)
        out.append(Value("polarity", m.group(), 0, 0, cls))
    for m in _POS_HARM.finditer(text):
        cls = _harm_class(m.group())
        if cls not in negated and not _NEG_HARM.search(text[max(0, m.start() - 20) : m.end()]):
            out.append(Value("polarity", m.group(), 1, 1, cls))
    out += _inclusion(text)
    u, c = _UNCERTAIN.search(text), _CERTAIN.search(text)
    if u:
        out.append(Value("certainty", u.group(), 0, 0, "certainty"))
    elif c:
        out.append(Value("certainty", c.group(), 1, 1, "certainty"))
    return out


def _inclusion(text: str) -> list[Value]:
    """Polarity values of what the text says is (1) or is not (0) included, by the object's stem."""
    out: list[Value] = []
    denied: list[tuple[int, int]] = []
    for m in _NOT_INCLUDED.finditer(text):
        obj = next(g for g in m.groups() if g)
        if obj.lower() not in STOP_WORDS:
            denied.append(m.span())
            out.append(Value("polarity", m.group(), 0, 0, INCLUDED + stem(obj.lower())))
    for m in _INCLUDED.finditer(text):
        obj = m.group("a")
        if obj.lower() not in STOP_WORDS and not any(s <= m.start() < e for s, e in denied):
            out.append(Value("polarity", m.group(), 1, 1, INCLUDED + stem(obj.lower())))
    return out


_SPEECH = "|".join(SPEECH_VERBS)
_NAME = r"(?:[A-Z][\w.'-]*\s+){0,4}[A-Z][\w.'-]*"
GENERIC_SPEAKERS = (
    r"police|officials?|spokes(?:man|woman|person)|authorities|investigators|ministry|government|company|agency"
    r"|organi[sz]ers|unions?|witness(?:es)?|residents|firefighters|rescuers|doctors|hospitals?|army|military"
    r"|prosecutors?|campaigners|activists|city|city hall|fire (?:chief|department|service)"
)
"""Speakers named by their role, not by name ("police said", "according to organisers"): read in any
case, reported in lower case; two of them differing are two claimants (:func:`generic_speaker`)."""
_GENERIC = (
    rf"(?<!['\u2019])\b(?:the |a |an )?(?:[a-z]+ ){{0,2}}(?:{GENERIC_SPEAKERS})\b"
    r"(?:\s+(?:in|at)\s+(?-i:[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2}))?"
)
"""A role named as a speaker, with up to two words before it ("Belgian prosecutors", "a senior
Belgian official") and the place or body it is of after it ("authorities in Turkey", "officials at
Boeing"); not from inside a possessive ("Belgium's federal prosecutor" is the prosecutor's, not an
"s ...")."""
_ROLE_AFTER = rf"\b(?!\s+(?:[a-z]+\s+){{0,2}}(?:{GENERIC_SPEAKERS})\b)"
"""Not followed by a role the name qualifies ("according to Paris medical authorities": the authorities)."""
_PLACE_BEFORE = r"(?<!\bin\s)(?<!\bat\s)"
"""Not after a preposition of place ("Hospitals in Paris said": Paris is where, not who)."""
_ATTRIBUTION = [
    re.compile(rf"\baccording to (?:the |a )?(?:[a-z]+ ){{0,3}}(?P<who>{_NAME}){_ROLE_AFTER}"),
    re.compile(rf"{_PLACE_BEFORE}(?P<who>{_NAME})(?:,[^,]{{1,80}},)?\s+(?P<verb>{_SPEECH})\b"),
    re.compile(rf"\b(?P<verb>{_SPEECH})\s+(?P<who>{_NAME})"),
    re.compile(rf"\baccording to (?P<who>{_GENERIC})\b", re.I),
    re.compile(
        rf"(?P<who>{_GENERIC})\s+(?:(?:have|has|had|already|also|previously)\s+){{0,2}}(?P<verb>{_SPEECH})\b",
        re.I,
    ),
]  # fmt: skip
_GENERIC_PATTERNS = _ATTRIBUTION[3:]
"""The patterns of :data:`_ATTRIBUTION` whose speaker is a role (reported in lower case)."""


def attribution(text: str) -> Value | None:
    """Who a statement says said it: "..., fire chief Marta Velasquez said", "according to
    police", "Officials confirmed ...". The claim is then the source's report of that speaker's
    claim, and the report names the speaker."""
    for pattern in _ATTRIBUTION:
        for m in pattern.finditer(text):
            if pattern in _GENERIC_PATTERNS:  # "officials confirmed", "the fire chief said": a role, not a name
                words = m.group("who").lower().split()
                while len(words) > 1 and (words[0] in STOP_WORDS or words[0] in OPENING_ADVERBS):
                    words.pop(0)  # "but officials said", "Meanwhile authorities in Munich said"
                verb = m.groupdict().get("verb") or "according to"
                return Value("attribution", " ".join(words), 0, 0, verb.lower())
            who = m.group("who").strip().rstrip(".,;:")
            parts = who.split()
            titles = [i for i, w in enumerate(parts) if w.lower().strip(".") in TITLES]
            if titles and titles[-1] < len(parts) - 1:
                parts = parts[titles[-1] + 1 :]  # "French President Francois Hollande" -> the name
            words = [w for w in parts if w.lower().strip(".") not in TITLES]
            if not words or (m.start("who") == 0 and len(words) == 1 and words[0].lower() in STOP_WORDS):
                continue
            if words[0].lower() in STOP_WORDS and words[0][0].isupper():
                words = words[1:]  # "The ..." at the start of the sentence
            if not words:
                continue
            verb = m.groupdict().get("verb") or "according to"
            return Value("attribution", " ".join(words), 0, 0, verb.lower())
    return None


_PLAIN = r"[^,;:\"\u201c\u201d]"
_SAYS = rf"(?:{_SPEECH}|tells|adds)"
_SPEAKER = [
    # "Koen Geens, the Belgian justice minister, said", "Belgian Justice Minister Koen Geens said"
    re.compile(rf"^(?P<who>{_PLAIN}{{2,60}}?)(?:, (?P<also>{_PLAIN}{{2,60}}),)? {_SAYS}\b"),
    # "..., the justice minister says."  "..., police said on Monday."
    re.compile(rf", (?P<who>{_PLAIN}{{2,60}}?) {_SAYS}(?: [\w.]+){{0,4}}[.!?\"\u201d]*$"),
    # "..., said Koen Geens, the minister."
    re.compile(rf", {_SAYS} (?P<who>[^.;:\"\u201c\u201d]{{2,80}})[.!?\"\u201d]*$"),
    re.compile(rf"\baccording to (?P<who>{_PLAIN}{{2,60}})"),
]


_SPEECH_CUE = re.compile(rf"\b(?:{_SAYS}|according to)\b")
"""Whether a sentence may name a speaker at all (most do not: the patterns are not tried)."""
_CLAUSE_WORDS = frozenset(
    "and but or that which who whom has have had was were is are be been will would can could may might".split()
)


def _names_someone(part: str) -> bool:
    """Whether ``part`` reads as a speaker (a name or a title), not a clause: at most six
    words, none of them a verb in the past tense or a word that starts a clause."""
    tokens = part.split()
    return len(tokens) <= 6 and not any(
        w.lower() in _CLAUSE_WORDS or (w.islower() and w.endswith("ed")) for w in tokens
    )


def speaker_phrases(text: str) -> list[str]:
    """The phrases naming who a statement says said it, titles and appositions included
    ("Koen Geens", "the Belgian justice minister"), where they read as a speaker: the words
    of a quote's source, which two statements may share without sharing a claim."""
    found: list[str] = []
    if not _SPEECH_CUE.search(text):
        return found
    for pattern in _SPEAKER:
        m = pattern.search(text)
        if m:
            found += [p for p in (m.groupdict().get("who"), m.groupdict().get("also")) if p and _names_someone(p)]
    return found


def generic_speaker(text: str) -> str | None:
    """The role a statement attributes its words to ("organisers" in "40,000 people joined the
    march, organisers said"; "police" in "according to the police"), without "the"; None when it
    names no speaker or a person by name."""
    said = attribution(text)
    if said is None:
        return None
    who = said.span.lower().removeprefix("the ")
    return who if _ROLE.fullmatch(who) else None


_ROLE = re.compile(rf"(?:[a-z]+ ){{0,2}}(?:{GENERIC_SPEAKERS})")
"""A speaker's words, in lower case, that name a role (:func:`generic_speaker`)."""
PARTISANS = re.compile(r"\b(?:organi[sz]ers|unions?|activists|campaigners)$")
"""Speakers for one side of a story: their count and the authorities' are two claims ("police
said 12,000 marched" / "organisers said 40,000"), not the sources'. Witnesses are none: what they
saw is a source's account like another ("89 people were dead inside, witnesses said")."""


def claimants_differ(a: str, b: str) -> bool:
    """Whether one of two statements gives its figure as a side's own claim (:data:`PARTISANS`)
    and the other as anyone else's, or as its own: "Police said 12,000 people took part" / "40,000
    people joined the march, organisers said" / "Some 30,000 people marched". The outlets then
    disagree on nothing; each reports another count. Two statements quoting one side do disagree."""
    who = [generic_speaker(text) or "" for text in (a, b)]
    if not any(PARTISANS.search(w) for w in who):
        return False
    heads = [w.split()[-1].removesuffix("s") if w else "" for w in who]
    return heads[0] != heads[1]
