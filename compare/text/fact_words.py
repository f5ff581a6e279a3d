"""The words the fact layer knows: what a number counts, what happened to it, where and when,
and how sure the writer is.

Classes join the words news writers use for one idea ("killed", "died", "dead", "death toll"
are all *death*; "attackers", "gunmen", "assailants", "terrorists" are all *attacker*), so that
"127 people killed" and "129 people died" are values of one attribute. A word of no class is
its own class (after :func:`base`), so the layer still works on topics these tables never saw:
"the bridge opened" and "opened the bridge" share "open". Written for this project.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import NUMBER_WORDS, NUMERO_PATTERN, ORDINALS

_STAFF = ("staff", "employee", "worker")
"""Nouns of people who work somewhere: counted as people, and naming the attribute *staff* when
nothing else befalls them (:data:`FALLBACK_EVENTS`)."""
_SPECTATORS = ("spectator", "fans", "supporter", "crowd", "audience")
"""Nouns of people who watch: counted as spectators, naming the attribute *attendance*."""

PREDICATES: dict[str, tuple[str, ...]] = {
    "death": (
        "kill",
        "die",
        "dead",
        "death",
        "toll",
        "slain",
        "fatal",
        "perish",
        "lives",
        "life",
        "murder",
        "shot dead",
    ),
    "injury": ("injur", "wound", "hurt", "casualt", "suffered burns", "suffered minor", "suffered serious"),
    "hospitalised": ("hospital", "treated"),
    "critical": ("critical", "serious condition", "life-threatening"),
    "arrest": ("arrest", "detain", "detention", "custody", "held"),
    "raid": ("raid", "swoop"),
    "sentence": ("sentenc", "jailed", "jail term", "imprison", "prison term"),
    "convicted": ("convict", "found guilty", "pleaded guilty", "guilty"),
    "search": ("search", "cover", "scour", "comb", "swept"),
    "seizure": ("seiz", "confiscat"),
    "evacuation": (
        "evacuat", "from their homes", "out of their homes", "fled their homes", "leave their homes",
        "left their homes",
    ),
    "rescue": ("rescu", "lifted to safety", "airlift", "safety", "saved"),
    "shelter": ("shelter", "slept", "sleeping", "spent the night"),
    "displaced": ("displac", "homeless", "lost their homes"),
    "aboard": ("board", "aboard", "onboard", "carrying", "carried"),
    "cost": (
        "cost",
        "spent",
        "spend",
        "price",
        "priced",
        "paid",
        "pay",
        "budget",
        "fund",
        "worth",
        "sell for",
        "gets you",
        "buys you",
        "set you back",
        "starts at",
        "set aside",
        "allocat",
        "earmark",
    ),
    "weight": ("weigh", "heavier", "heaviest", "lighter", "lightest"),
    "altitude": ("altitude", "elevation"),
    "damaged": ("damag",),
    "penalty": ("fine", "penalt"),
    "risk": ("risk",),
    "recall": ("recall",),
    "inflation": ("inflation", "consumer price"),
    "unemployment": ("unemploy", "jobless"),
    "peak": ("peak", "crest", "high point", "highest"),
    "rain": ("rain", "rainfall", "precipitat"),
    "temperature": ("temperatur", "thermometer", "mercury"),
    "capacity": ("capacity", "full", "hold", "holds", "battery"),
    "speed": ("faster", "slower", "speed", "quicker", "performance", "wind", "gust"),
    "departure": ("takeoff", "take-off", "took off", "depart", "lifted off"),
    "arrival": ("landed", "landing", "arriv", "touched down"),
    "sale": ("sale", "shops", "stores", "shelves", "available", "on sale"),
    "opening": ("open", "inaugurat", "unveil"),
    "start": (
        "began", "begin", "start", "commenc", "launch", "kick off", "set off", "got under way", "got underway",
        "broke out", "took effect", "came into force", "came into effect",
    ),
    "failure": ("fail", "gave way", "collaps", "breach", "burst"),
    "birth": ("born",),
    "sold": ("sold", "shipped", "shipment"),
    "flooded": ("flood", "inundat", "under water", "entered"),
    "power": ("power", "electricity", "blackout", "outage"),
    "closed": ("closed", "shut", "closure"),
    "missing": ("missing", "unaccounted"),
    "burned": ("burned", "burnt", "burning", "scorch", "charred", "blackened"),
    "destroyed": ("destroy", "razed", "gutted", "burned down", "burnt down", "flattened"),
    "attendance": (*_SPECTATORS, "attendance", "attended", "watched by", "in front of"),
    "turnout": ("turnout", "turned out to vote", "voter participation"),
    "interest rate": ("interest rate", "key rate", "base rate", "policy rate", "benchmark rate", "lending rate"),
    "height": ("tall", "height"),
    "production": ("produc", "output", "manufactur"),
    "cancelled": ("cancel", "scrapped"),
    "efficacy": ("effective", "efficacy"),
    "layoff": (),  # named only for counts of jobs (NOUN_PREDICATES)
    "stolen": ("stole", "theft", "hack", "leaked", "compromised", "accessed"),
    "protest": ("protest", "marche", "marchi", "demonstrat", "rallied", "rally", "rallies", "took to the streets"),
    "profit": ("profit", "earning", "net income"),
    "revenue": ("revenue", "turnover"),
    "staff": ("employ", *_STAFF, "workforce", "headcount", "payroll"),
    "perpetrated": ("carried out", "carry out", "carrying out", "perpetrat"),
    "foiled": ("foil", "thwart", "avert", "prevented", "disrupted"),
}
"""What happens to what is counted: class -> word prefixes (a few are two-word phrases)."""
QUALIFIED = frozenset(("inflation", "unemployment", "arrest"))
"""Classes a word before makes another fact (:data:`QUALIFIERS`): the rate of a part ("core
inflation", "youth unemployment") than the rate of the whole; "house arrest" than arrests."""
QUALIFIERS = frozenset("core underlying food energy services goods youth female male long-term house".split())
"""Words before a :data:`QUALIFIED` class that make it another fact."""
NOT_PREDICATES = ("deadl", "lifetime", "lifestyle", "livestock", "holdout", "finer", "finest", "finely", "finesse")
"""Words a prefix of :data:`PREDICATES` would wrongly class: "the deadly siege" says what the
siege was, not that the people counted next to it died; a deadline is no death, nor livestock."""

NOUNS: dict[str, tuple[str, ...]] = {
    "person": (
        "people", "person", "persons", "victim", "individual", "civilian", "resident", "others", "patient", *_STAFF,
        "customer", "client", "subscriber", "users", "survivor", "workforce",
    ),
    "attacker": (
        "attacker",
        "terrorist",
        "gunm",
        "assailant",
        "militant",
        "jihadist",
        "bomber",
        "shooter",
        "extremist",
    ),
    "passenger": ("passenger",),
    "crew": ("crew",),
    "home": ("home", "house", "household", "propert", "dwelling"),
    "suspect": ("suspect",),
    "officer": ("officer", "police", "policem", "gendarme"),
    "soldier": ("soldier", "troop"),
    "child": ("child", "kid", "minor"),
    "country": ("countr", "market"),
    "ship": ("ship", "vessel", "boat"),
    "aircraft": ("aircraft", "plane", "jet"),
    "vehicle": ("vehicl", "cars", "truck", "lorr", "suv", "sedan", "minivan"),
    "attack": ("attack", "assault", "strike"),
    "camera": ("camera", "lens"),
    "spectator": _SPECTATORS,
    "store": ("store", "shop", "branches"),
    "livestock": ("livestock", "cattle", "sheep", "cows", "pigs", "poultry"),
    "job": ("job", "position", "posts", "roles"),
    "protester": ("protester", "demonstrator", "marcher"),  # longer than the protest's prefixes: counted, not done
}
"""What is counted: class -> word prefixes."""
NOUN_PREDICATES: dict[str, dict[str, tuple[str, ...]]] = {
    "job": {
        "layoff": ("cut", "eliminat", "axe", "axed", "axing", "shed", "slash", "layoff", "laid", "lay", "redundan"),
    },
}
"""Classes named only for counts of one noun, by word prefix: jobs cut, eliminated or shed are one
layoff ("cut 1,200 jobs" / "eliminate 1,500 positions"), where power cut, a budget slashed or the
40,000 staff of a bank that "plans to shed 2,000 roles" are none."""


def acted_on(noun: str, verb: str) -> str | None:
    """The class of :data:`NOUN_PREDICATES` a verb right before a count of ``noun`` names, or None:
    the verb's subject then holds the count ("Korvex will cut 1,200 jobs" and "Maltec will cut
    900 jobs" are two companies' cuts)."""
    cls = noun_predicate(noun, predicate_class(verb))
    return cls if cls in NOUN_PREDICATES.get(noun, {}) else None


def noun_predicate(noun: str, word: str) -> str:
    """The class ``word`` (a predicate class or a base form) names for a count of ``noun``
    (:data:`NOUN_PREDICATES`), else ``word`` itself."""
    for cls, prefixes in NOUN_PREDICATES.get(noun, {}).items():
        if word.startswith(prefixes):
            return cls
    return word


OWNING_VERBS = dict.fromkeys("has have had features boasts packs sports operates operate".split(), "has")
OWNING_VERBS |= dict.fromkeys("won win wins secured secures".split(), "won")
OWNING_VERBS |= dict.fromkeys("employs employ employed".split(), "staff")
"""Verbs that give a count as what their subject has or won ("the Pro has three rear cameras",
"the Greens won 98 seats"), with the attribute they give it ("took" is not one: "took 20
hostages", "took three hours")."""
OWNING_BY_NOUN = {"seat": {"took": "won", "taken": "won", "gained": "won"}}
"""Verbs that own a count of one noun only ("the Greens took 102 seats": won; "took 20 hostages"
is no owning)."""
SUBJECT_HELD = frozenset({"sold", "production"})
"""Classes of a verb right before a count whose subject holds the count ("Korvex sold 1.2 million
cars" / "Maltec sold 900,000": two companies' sales), the verb's class staying its attribute."""
OWNING = frozenset(OWNING_VERBS.values())
"""Those attributes: known beyond doubt once the subject is named (:mod:`compare.statements.fact_table`)."""
FALLBACK_EVENTS = frozenset({"staff", "attendance"})
"""Classes a counted noun names only when nothing else in its sentence says what befell what it
counts: "42,000 employees" are employed, "3,000 workers were evacuated" an evacuation."""
PEOPLE = frozenset({"person", "attacker", "passenger", "crew", "suspect", "officer", "soldier", "child", "protester"})
"""Noun classes of people: a count of two of them together ("239 passengers and crew") counts people."""
HARMS_TO_PEOPLE = frozenset({"death", "injury", "hospitalised", "critical", "arrest", "missing", "rescue"})
"""What befalls people: a count with no noun before one of these counts people ("three were arrested")."""
EVENT_NOUNS = frozenset({"attack", "case", "crash"})
"""Counted nouns that are events themselves: "six coordinated attacks" is a count of attacks,
whatever verb its sentence has for another value ("127 were killed in six attacks"); "40 cases of
measles" and "measles cases ... reached 52" count cases, confirmed or not; "three crashes linked to
the fault" counts crashes."""
UNDONE = frozenset({"foiled"})
"""What may become of counted events instead of happening: "five attacks thwarted" counts no attack made."""
RELATIONS = frozenset(
    "west east north south north-west south-west north-east south-east northwest southwest northeast southeast "
    "off from long wide high deep tall away".split()
)
"""Words after a distance that say what it measures ("1,600 km west of Perth", "23m long")."""
FROM_A_POINT = RELATIONS - {"long", "wide", "high", "deep", "tall"}
"""Relations measured from a point ("1,600 km west of Perth", "off the coast", "away from"): the
point is named in the sentence or not at all, never by a place an earlier sentence passed through."""

CHANGE_AFTER = frozenset(
    "more less fewer higher lower longer shorter better worse faster slower cheaper dearer bigger larger "
    "smaller wider narrower greater heavier lighter thinner thicker taller brighter stronger weaker "
    "increase increases decrease decreases rise rises drop drops jump jumps fall falls gain gains "
    "boost cut cuts reduction improvement".split()
)
"""Words right after a figure that make it a change, not a level: "20 percent higher", "a 30
percent increase", "5mm taller" (:func:`compare.statements.fact_shape.change_of`)."""
CHANGE_VERBS = frozenset(
    "rose rise rises risen rising fell fall falls fallen falling grew grow grows grown growing jumped jump "
    "jumps dropped drop drops climbed climb climbs gained gain gains increased increase increases decreased "
    "decrease decreases declined decline declines slipped slid plunged plummeted soared surged cut cuts "
    "reduced reduce reduces reducing lowered lowers lower raise raises raised raising boosted shrank shrunk "
    "expanded slashes slashed halved up down".split()
)
"""Words right before a figure (or before its "by") that make it a change: "sales rose 20
percent", "prices were cut by 5%", "up 3 percent"; "rose to 640" is a level."""

VARIANT_NOUNS = frozenset(
    "model models version versions variant variants edition editions option configuration".split()
)
"""Nouns after a measure that make it the name of a model ("the 256GB model", "the 6.7-inch
version"), not a figure (:func:`compare.statements.fact_shape.variants`)."""

COMPOUND_ATTRIBUTES = {"volume": "capacity", "mass": "weight"}
"""What a measure written as a compound before a noun is of, by the dimension of its unit: "its
52-million-cubic-metre reservoir" gives the reservoir's capacity, "a 4,800-tonne ferry" its weight."""

SCOPE_TIME = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday yesterday today tonight overnight "
    "night nights morning evening afternoon weekend week month year decade season quarter half "
    "january february march april may june july august september october november december".split()
)
"""Words that tie a value to a time: two values with different such words may be of different periods."""
RUNNING = frozenset(
    "now so far latest still risen rose rises rising climbed climbs grown grows increased increases updated "
    "currently".split()
)
"""Words saying a count is a running total ("has now risen to 640"): a larger later figure is an update."""
CHANGES = frozenset(
    "rise rises rose risen rising increase increased grew grown jumped climbed boosted upgraded raised bumped fall "
    "falls fell fallen dropped declined decreased cut lowered reduced shrank slashed revised changed up down".split()
)
"""Words before "from" that make the value after it an earlier state ("boosted from 2600mAh to
2800mAh", "up from 2,600"): it is what the figure was, not what it is."""
PLACE_PREPOSITIONS = frozenset("in at inside outside near around across throughout from into".split())
PERIODS = frozenset(
    ("quarter", "half", "week", "month", "season", "year", "term", "phase", "stage", "round", "tranche", "wave")
)
"""Periods or steps an ordinal numbers ("the third quarter", "the second phase"): a figure of each is
one of a series."""
ORDINAL_PERIOD = re.compile(
    rf"\b(?P<ordinal>{'|'.join(w for w in ORDINALS if w.isalpha())}|\d+(?:st|nd|rd|th))[- ]"
    rf"(?P<period>{'|'.join(sorted(PERIODS))})\b",
    re.I,
)
"""An ordinal before a period or a step ("third quarter", "2nd phase", "third-quarter")."""
BACKGROUND_SHARE = 0.5
"""A place or time word found in at least this share of the documents is the story's own
setting ("Paris", "Friday" in a story about an attack in Paris on a Friday), not a scope."""

_NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_FIGURE_NEXT = rf"\s+(?:[$€£¥]?\d|(?:{_NUMBER_WORD}|a|dozens|hundreds|thousands)\b)"
"""A number next, in digits or words: the word before it qualifies a figure ("an estimated 40,000
people marched", "an estimated two million": an approximate count, as "about" makes one, not a
forecast as "estimated to cost" is)."""
HYPOTHETICAL = re.compile(
    r"\b(could(?! not\b)|would|might|if|unless|expects?|expected|expecting|forecasts?|forecasters?|predicts?|"
    rf"predicted|plans?|planned|projected|estimates?|estimated(?!{_FIGURE_NEXT})|likely|possibly|potentially|"
    r"threatens?|at risk|risks|"
    r"would-be|aims?|targets?|hopes? to|due to|set to|scheduled to|slated to|asked for|called for|demanded|"
    r"requested|capable of)\b",
    re.I,
)
WISHED = re.compile(r"\b(hopes?|hoped|hoping|wish|wishes|wished|pray|prays|prayed|let's|may god)\b", re.I)
DOUBTED = re.compile(
    r"\b(claimed that|claims that|claiming that|alleged|allegedly|rumou?rs?|rumou?red|insisted|"
    r"leak(?:s|ed|ers?)?|unconfirmed|"
    r"purported|supposedly|false|wrong|denied|speculat\w*)\b",
    re.I,
)
REPORTED = re.compile(r"\b(said|says|told|according to|reported|reports|announced|confirmed|stated)\b", re.I)
"""Modality: a wish, a hypothetical or forecast, a doubted or rumoured claim, a report of
someone's words; otherwise the writer asserts it."""
MAY = re.compile(r"\bmay\b")
"""Lower case only ("May" is also a month: "3.2 percent in May" is no forecast), so not in
:data:`HYPOTHETICAL`, which reads any case."""


def modality(text: str, near: str | None = None) -> str:
    """How the statement puts what it says: question, wished, doubted, hypothetical, reported or
    asserted (the first that applies, in that order). A forecast or a condition counts only in
    ``near``, the words around the value, when given ("who may have had contact ... before
    takeoff at 12:41" does not make the take-off time hypothetical)."""
    if text.rstrip().endswith("?"):
        return "question"
    if WISHED.search(text):
        return "wished"
    if DOUBTED.search(text):
        return "doubted"
    near = text if near is None else near
    if HYPOTHETICAL.search(near) or MAY.search(near):
        return "hypothetical"
    if REPORTED.search(text):
        return "reported"
    return "asserted"


NEGATIONS = re.compile(rf"\b((?!{NUMERO_PATTERN})no|not|never|none|nobody|without|n't)\b|n't\b", re.I)
"""A negation word ("No. 4", the sign of a number, is none: :data:`compare.text.lexicon.NUMERO`)."""

_SUFFIXES = ("ies", "ing", "ed", "es", "s")
_ES_AFTER = ("s", "x", "z", "ch", "sh")
"""Endings a plural's "es" follows ("buses", "boxes", "churches"); after any other, "es" is an "e" and "s"."""


def base(word: str) -> str:
    """A crude base form: lower case, a plural or verb ending stripped ("raids" -> "raid",
    "opened" -> "open", "spotted" -> "spot"). Enough to tell words apart and join inflections; no nltk."""
    w = word.lower()
    for suffix in _SUFFIXES:
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            stem = w[: -len(suffix)]
            if suffix == "ies":
                return stem + "y"
            if suffix == "es" and not stem.endswith(_ES_AFTER):
                return w[:-1]  # "engines" -> "engine", "prices" -> "price", as their singulars; "boxes" -> "box"
            if suffix in ("ing", "ed") and stem[-1] == stem[-2] and stem[-1] not in "lsz":
                return stem[:-1]  # "spotted" -> "spot", "planning" -> "plan" (not "killed", "passed")
            return stem
    return w


def _classify(word: str, table: dict[str, tuple[str, ...]]) -> str | None:
    """The class of ``word`` in ``table`` (the longest matching prefix wins), or None."""
    return _matched(word, table)[0]


def _matched(word: str, table: dict[str, tuple[str, ...]]) -> tuple[str | None, int]:
    """:func:`_classify` and the length of the prefix that matched (0: none)."""
    w = word.lower()
    best, length = None, 0
    for cls, prefixes in table.items():
        for p in prefixes:
            if " " not in p and w.startswith(p) and len(p) > length:
                best, length = cls, len(p)
    return best, length


@lru_cache(maxsize=1 << 16)
def predicate_of(word: str) -> str | None:
    """The predicate class of ``word`` (:data:`PREDICATES`), or None; cached (news repeats its words).
    A longer prefix of a counted noun wins: "soldiers" are soldiers, not something "sold"."""
    if word.lower().startswith(NOT_PREDICATES):
        return None
    found, length = _matched(word, PREDICATES)
    return found if found is None or _matched(word, NOUNS)[1] <= length else None


@lru_cache(maxsize=1 << 16)
def noun_of(word: str) -> str | None:
    """The noun class of ``word`` (:data:`NOUNS`), or None; cached."""
    return _classify(word, NOUNS)


def predicate_class(word: str) -> str:
    """What a word says happened, as a class name, or its base form when it has no class."""
    return predicate_of(word) or base(word)


def noun_class(word: str) -> str:
    """What a counted noun is, as a class name, or its base form when it has no class."""
    return noun_of(word) or base(word)


def joint_class(first: str, second: str) -> str:
    """The class of a count of two nouns together ("239 passengers and crew": people; "ten ships
    and aircraft": both, a class of its own), so it is no count of either alone."""
    if first == second:
        return first
    return "person" if first in PEOPLE and second in PEOPLE else "+".join(sorted((first, second)))


def phrase_classes(text: str) -> set[str]:
    """The predicate classes of the two-word phrases in ``text`` ("took off", "shot dead")."""
    low = text.lower()
    return {cls for cls, prefixes in PREDICATES.items() for p in prefixes if " " in p and p in low}


SCOPE_TIME_WORDS = SCOPE_TIME | frozenset(base(w) for w in SCOPE_TIME)
""":data:`SCOPE_TIME` with the base forms the attribute windows hold ("morning" -> "morn")."""
