"""The words the value stage knows, one definition per idea.

Number words, ordinals, months, weekdays, time zones, hedges, multipliers, unit aliases,
verbs of reporting and speech, prepositions of place, titles: :mod:`compare.values` reads
statements with these tables, and :mod:`compare.conflicts` and :mod:`compare.features` look
some of them up (through :mod:`compare.values`, which re-exports them). Countries and
nationalities are in :mod:`compare.places`; stop words in :mod:`compare.text`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

NUMBER_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
    "dozens": 24,
    "hundred": 100,
    "hundreds": 200,
    "thousand": 1000,
    "thousands": 2000,
    "million": 1e6,
    "millions": 2e6,
    "billion": 1e9,
    "a dozen": 12,
}
"""Number words and their value; a plural ("dozens", "hundreds") counts as two of them."""
FIGURE_HINT = (
    r"\d|(?i)\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen|thousand"
    r"|million|billion|trillion)\b"
)
"""A regular expression a sentence stating a figure matches: a digit, or a number or scale word
("half a million" has no digit, nor "Nineteen people"); sentences without it are not read for
figures at all."""
MULTIPLIERS = {
    "dozen": 12,
    "dozens": 12,
    "hundred": 100,
    "thousand": 1000,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
}
"""Words after a number that multiply it: "two thousand", "1.5 million"."""
NUMERO_PATTERN = r"(?:(?-i:No)\.?|(?i:no)\.)\s?(?=\d+(?!\w))"
""""No." as the sign of a number, not a negation: a capital "No" or any "no." right before a
whole number ("Europe's No. 4 phone brand", "the world No.1", "No 10 Downing Street"); "no 4G
signal", "No 4G phones were sold" and "there were no 3 alike" stay negations."""
NUMERO = re.compile(NUMERO_PATTERN)


def numero_sign(text: str, toks: Sequence[str], starts: Sequence[int], i: int) -> int | None:
    """The token index of the "No." (:data:`NUMERO`) the number at ``i`` follows, its dot a token
    of its own or none ("No. 4", "No 10"), or None; ``toks`` and ``starts`` are a sentence's tokens
    and where each starts in ``text`` (the values' and the quantities' tokenizers alike)."""
    sign = i - 2 if i > 1 and toks[i - 1] == "." else i - 1
    return sign if sign >= 0 and NUMERO.match(text, starts[sign]) else None


SCORE_WORDS = frozenset(
    "beat beating beats won win wins winning lost lose loses losing defeat defeated defeating victory draw drew "
    "drawn thrashed thrashing triumph scoreline score".split()
)
"""Words next to a match's score ("beating Dunmere 3-1", "a 3-2 win"): "a 5-4 vote" is none."""


ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
    "thousandth": 1000,
    "last": -1,
    "latest": -1,
    "final": -1,
}
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
ORDINALS.update(
    {f"{tens}-{unit}": NUMBER_WORDS[tens] + ORDINALS[unit] for tens in _TENS for unit in list(ORDINALS)[:9]}
)
"""Ordinal words and their rank, with the hyphenated "twenty-first" .. "ninety-ninth"; "last",
"latest" and "final" are -1."""
LAST_WORDS = frozenset(("last", "latest", "final"))
"""Ordinals that rank from the end: no rank of their own."""
MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
"""Month names and abbreviations, lower-case -> 1 .. 12."""
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
"""Weekdays, lower-case -> 0 (Monday) .. 6."""
DECADE_PARTS = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}
"""Years of a decade meant by "the early / mid / late 1990s" (offsets from its first year)."""
WHOLE_DECADE = (0, 9)
"""Years of a decade named without a part: "the 1990s"."""
AM_PM = frozenset(["a.m.", "p.m.", "am", "pm"])
"""Words after an hour that make it a clock time: "6 p.m."."""
ZONES = frozenset(
    "GMT UTC BST CET CEST EET EEST WET EST EDT CST CDT MST MDT PST PDT AKST HST IST JST KST AEST AEDT MYT SGT".split()
)
"""Time-zone abbreviations: "6 p.m. EDT" and "6 p.m. GMT" are different moments, not a disagreement."""


class Hedge(NamedTuple):
    """Factors that turn a hedged number into an interval: "about 60" is 48 .. 72."""

    low: float
    high: float


HEDGES = {
    "about": Hedge(0.8, 1.2),
    "around": Hedge(0.8, 1.2),
    "approximately": Hedge(0.8, 1.2),
    "roughly": Hedge(0.8, 1.2),
    "some": Hedge(0.8, 1.2),
    "estimated": Hedge(0.8, 1.2),
    "nearly": Hedge(0.85, 1.0),
    "almost": Hedge(0.85, 1.0),
    "up to": Hedge(0.0, 1.0),
    "more than": Hedge(1.0, 1.5),
    "over": Hedge(1.0, 1.5),
    "at least": Hedge(1.0, 2.0),
    "fewer than": Hedge(0.5, 1.0),
    "less than": Hedge(0.5, 1.0),
    "under": Hedge(0.5, 1.0),
    "at most": Hedge(0.0, 1.0),
    "nearly all": Hedge(0.85, 1.0),
}
"""Words before a number that widen it; the first that matches (in this order) counts."""
MODIFIERS = frozenset(
    """
    other more major big large small huge massive new additional separate significant official
    formal informal serious minor high-profile key top senior junior young old full whole total
    further previous earlier recent different so-called confirmed reported known
    """.split()
)
"""Words skipped between a number or ordinal and the noun it qualifies."""
STREETS = frozenset("street st boulevard avenue road rue lane drive place way".split())
"""Words after a number that make it a street number ("253 Boulevard Voltaire"), no count."""
RANK_CLASSES = frozenset(("top", "bottom"))
"""Words before a number that make it a class of ranks, not a count: "finish in the top four",
"the top 10 earners", "the bottom three" (values and quantities read no count there)."""
SUPERLATIVES = {"biggest": "largest", "greatest": "largest", "tiniest": "smallest"}
"""Superlatives that rank by one measure ("the second-largest bank" / "the third-biggest bank"):
the word a rank's unit is written as."""
SIZE_JOINS = frozenset(("x", "×"))
"""What joins the sides of a size ("142 x 72.5 x 8.1 mm", "2560 × 1440 pixels"): values and
quantities read one size there, no count."""
PERIODS = frozenset(
    "day week month year quarter half season term semest grade round centuri decad night hour time".split()
)
"""Head nouns (stems) of ordinals that place a statement in time ("the second day", "by sixth
grade", "the first quarter", "for the second time since 1992"): two statements at different places
in time do not disagree unless they say the same thing otherwise (a rank of one series, "the third
major fire", does)."""
IRREGULAR_PAST = frozenset(
    "took gave went came fell rose began broke left met held made saw sank struck hit shot ran flew spent fled lost "
    "fought sought kept slept stood brought bought caught sent built paid drove sold led grew threw became dug".split()
)
"""Verbs in the past tense that do not end in "-ed"."""
OPENING_ADVERBS = frozenset(
    """meanwhile however yesterday today tonight earlier later instead finally separately additionally
    moreover furthermore nevertheless nonetheless elsewhere overnight recently previously initially
    eventually currently officially meantime likewise similarly""".split()
)
"""Words that open a sentence before a name without being part of it ("Meanwhile Ahmad Dahmani
... is being held in Turkey")."""
PARTIAL = frozenset("another other additional further extra".split())
"""Words before a number that make it part of a count, not a total: "another 22"."""
VAGUE = frozenset("dozens hundreds thousands millions".split())
"""Plural number words that are no figure on their own ("hundreds of people")."""
CURRENCY = frozenset("$€£¥")
"""Signs before a number that make it a sum of money."""
UNIT_ALIASES = {
    "kilometr": "km", "kilomet": "km", "km": "km", "kms": "km", "mile": "mile", "mi": "mile", "metr": "m",
    "meter": "m", "m": "m", "feet": "ft", "foot": "ft", "ft": "ft", "kilogram": "kg", "kg": "kg",
    "pound": "lb", "lb": "lb", "peopl": "peopl", "person": "peopl", "individu": "peopl",
}  # fmt: skip
"""Stem of a noun after a number -> its canonical unit ("kilometres" and "km" are one)."""
NOT_UNITS = frozenset(("percent", "%", "other", "more", "one", "time"))
"""Words after a number that say nothing of what it counts."""
REPORT_VERBS = frozenset("said says told tells announced announces reported reports confirmed added".split())
"""Verbs of reporting: a weekday next to them is the day of the report, not of the event."""
SPEECH_VERBS = (
    "said says told stated added confirmed denied announced insisted claimed reported explained warned".split()
)
"""Verbs that attribute a statement to a speaker: "..., police said"."""
TITLES = frozenset(
    "mr mrs ms dr prof chief mayor president minister director spokesman spokeswoman captain "
    "officer sergeant lt gen col sen rep gov".split()
)
"""Titles before a speaker's name, left out of the name: "Fire Chief Marta Velasquez"."""
IN_PLACE = frozenset("in at near through inside across throughout outside within".split())
"""Prepositions that put an event in a country: "in France"."""
PLACE_ROLES = {"from": "from", "to": "to", "into": "to", "toward": "to", "towards": "to"}
"""Prepositions of movement -> the role of the country after them."""
REGION_WORDS = frozenset(("the", "northern", "southern", "eastern", "western", "central"))
"""Words between a preposition and a country: "in northern France"."""
ENUM_JOINERS = frozenset([",", "and", "or", "&"])
"""Words between the members of an enumeration: "France, Germany and Italy"."""
PERSON_NAMES = frozenset({"Jordan", "Chad", "Georgia", "Israel", "India", "Kenya"})
"""Countries that are also first or last names: after any capitalised word ("Michael Jordan"),
even the first of the sentence, they are read as part of a name."""
DEATH_WORDS = ("kill", "dead", "death", "died", "fatal")
"""Parts of a harm phrase that make it about deaths rather than injuries."""

DATELINE = re.compile(
    r"[A-Z][A-Z .'-]+,(?: [A-Z][A-Za-z .'-]+,)? [A-Z][a-z]+\.? \d{1,2}(?:, \d{4})?(?: \([A-Za-z .]+\))? [-\u2013\u2014]"
)
"""A wire story's dateline at the start of its first sentence: place in capitals (its country
or state after it, if given), date, agency ("LASSENDORF, Sept 10 (Meridian Wire) -", "SORRIN,
Velmora, March 3 (Reuters) -"). Its date is when the story was filed, not when
anything it reports happened: no value is read from it."""
DETERMINERS = frozenset("the a an its their his her this that these those".split())
"""Words that open a noun phrase: a past-tense word before one is a verb with its object."""
