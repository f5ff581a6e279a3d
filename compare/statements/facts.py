"""Fact mentions: each quantity of a statement with a key saying what it is a value of.

A value alone says little: "127" and "130" disagree only if both count the people killed in the
same attack. So every quantity read by :mod:`compare.text.quantities` becomes a *mention* (a row
of :data:`MENTIONS`) with

- its **attribute**: for a count, the counted noun's class ("people", "victims" -> person) and
  the event words around it ("killed", "died" -> death); for a sum, a measure, a percentage or a
  time, the words around it ("cost", "west", "faster", "takeoff"), the nearest first;
- its **holder** (sums, measures, percentages, ages): the name the value belongs to ("the Solen 5
  Pro costs", "Abaaoud, 27"), reduced to its words; empty when the sentence names none;
- its **scope**: the places ("in Belgium", "at the Bataclan", "there") and the time anchors
  (weekdays, months, years, "last year", "three nights") of the sentence;
- its **modality**: asserted, reported, hypothetical (forecasts, plans, "could"), wished,
  doubted (rumours, leaks, "claimed") or a question; and whether it reads as a running total.

:mod:`compare.statements.fact_table` then decides which mentions are the same fact. Pure
functions of the statement text: no corpus knowledge here, so an engine may run this per
document.
"""

from __future__ import annotations

import re

import polars as pl

from .. import frames
from ..text import fact_words as fw
from ..text.ages import ages, role_of
from ..text.lexicon import DATELINE, DETERMINERS, FIGURE_HINT, IRREGULAR_PAST, NUMBER_WORDS
from ..text.measures import MAGNITUDE
from ..text.quantities import Quantity, Token, quantities, tokenize
from ..text.words import STOP_WORDS
from .fact_attribute import OF, attribute
from .fact_scope import carried_years, is_word, less_bounds, same_stretch, scope
from .fact_shape import AT as AT
from .fact_shape import (
    BREAKS,
    CHANGEABLE,
    STORAGE,
    attribute_words,
    change_of,
    follows,
    fractional,
    located,
    of_what,
    ordinal_of,
    part_of,
    variants,
    verb_form,
    whole_of_part,
)
from .fact_shape import CHANGE as CHANGE
from .fact_shape import VS as VS
from .fact_shape import near as words_near
from .holders import POSSESSIVE, holder_of, is_name, name_runs, names_before, subject_of

MENTIONS = frames.MENTIONS


TIME_WORDS = 3
"""Nearest attribute words read for a date or a clock time ("takeoff ... at 12:21", "reach shops on
Sept. 26"): a sentence dates several things, and only the event beside the date is its attribute."""
FACT_KINDS = ("claim", "spec", "headline")
"""Statement kinds whose values become fact mentions: claims, spec lines and headlines."""
WINDOW = 4
"""Content words read on each side of a value for its attribute (names and stop words skipped)."""
_GENERIC = frozenset(
    "report say said told make made take took total least more than about around includ including among "
    "number figure other another also just only all new latest earlier later some many several "
    "reach reached reaches reaching stood stand stands hit hits came come comes amount amounted totalled "
    "totaled average".split()
)
"""Words that say a figure is given, not what it is of ("turnout reached 66%", "stood at 4 percent")."""
_COMPOUND = re.compile(r"\d-[A-Za-z]")
"""A measure written as one hyphenated word before its noun ("52-million-cubic-metre")."""
_ABOARD = re.compile(
    r"\bon (?:the |that |this |a |its )?(?:plane|aircraft|flight|jet|ship|vessel|ferry|train|bus|board)\b", re.I
)


def _noun(toks: list[Token], q: Quantity) -> tuple[str, list[str], int]:
    """The counted noun's class after a count, the other words of its noun phrase (modifiers, or
    a participle: "people wounded"), and the index after the phrase; ("", [], index) for none.
    The phrase ends before a word in -ed or -ing that is not its first ("three teams launched",
    but "six coordinated attacks"); its first word with a noun class is the head, else its last."""
    run: list[str] = []
    k = q.last + 1
    while k < len(toks) and len(run) < 3 and is_word(toks[k]) and toks[k].text.lower() not in STOP_WORDS:
        word = toks[k].text.lower()
        if (run and verb_form(word)) or word in fw.PLACE_PREPOSITIONS:
            break  # "three teams launched", "1,200 people spent"; "640 homes across Brennock": homes, then a place
        if word.endswith("ed") and k + 1 < len(toks) and toks[k + 1].text.lower() in DETERMINERS:
            break  # a verb with its object: "a team of three attacked the stadium"
        run.append(word)
        k += 1
    if not run:  # "Eighty are in a critical condition", "three were arrested": people, by what befalls them
        if whole := _whole_of(toks, k):
            return whole, [], k  # "won 142 of the 300 seats": seats
        if (tallied := _tallied(toks, q))[0]:  # "Death toll rises to 19 as rescuers dig": the dead
            return (*tallied, k)
        ahead = [t.text.lower() for t in toks[k : k + 5] if t.text[:1].isalpha()]
        harm = next((w for w in ahead if fw.predicate_of(w) in fw.HARMS_TO_PEOPLE), "")
        after_copula = q.first > 0 and toks[q.first - 1].text.lower() in ("is", "was", "aged")  # "who is 21"
        return ("person", [harm], k) if harm and not after_copula else ("", [], k)
    head = _head(run)
    if len(run) == 1 and (head in _DEATHS or (head == "dead" and q.first and toks[q.first - 1].text.lower() in _DEAD)):
        return "person", [head], k  # "15 fatalities", "claimed 15 lives", "left 15 dead": people who died
    participle = toks[k].text.lower() if k < len(toks) and is_word(toks[k]) else ""
    others = [w for w in run if w != head] + (
        [participle] if participle.endswith("ed") and not _phrasal(toks, k) else []
    )
    # a capitalised modifier restricts what is counted: "153 Chinese passengers" are not all of them
    words = toks[q.last + 1 : q.last + 1 + len(run)]
    restricting = [t.text.lower() for t, w in zip(words, run, strict=True) if w != head and t.text[:1].isupper()]
    cls = fw.noun_class(head)
    if k + 1 < len(toks) and toks[k].text.lower() == "and" and (joint := fw.noun_of(toks[k + 1].text.lower())):
        cls, k = fw.joint_class(cls, joint), k + 2  # "239 passengers and crew" counts both together
    return " ".join([*restricting, cls]), others, k


def _match(toks: list[Token], q: Quantity, names: list[tuple[int, int, str]], places: set[int]) -> str:
    """The match a score is of: its two teams in order ("arsenal v chelsea") when the team that
    won or lost is named before it as well as the one it was against ("Arsenal beat Chelsea 3-1",
    "Chelsea lost 2-1 to Arsenal": one match), else the team it was against (:func:`_team`)."""
    against = _team(toks, q, names)
    before = names_before(toks, q, names, places)
    played = [(last, name) for last, name in before if name != against and toks[last + 1].text.lower() in _RESULTS]
    subject = max(played, default=(-1, ""))[1]
    return " v ".join(sorted((subject, against))) if against and subject else against


_RESULTS = frozenset(
    "beat beats beating won wins lost loses defeated defeats drew draws edged thrashed crushed stunned".split()
)
"""Verbs right after the team a result is of ("Arsenal beat Chelsea 3-1", "Chelsea lost 2-1 to Arsenal")."""


_AGAINST = frozenset(("over", "against", "to", "by", "at", "v", "vs"))


def _team(toks: list[Token], q: Quantity, names: list[tuple[int, int, str]]) -> str:
    """The team a score is against, named right after it ("a 3-2 win over Dunmere", "a 2-0 defeat
    to Chelsea"), else right before it ("beating Dunmere 3-1"); "" when none is."""
    for first, _, name in names:
        between = [t.text.lower() for t in toks[q.last + 1 : first]]
        if 0 < len(between) <= 3 and between[-1] in _AGAINST:
            return name
    return next((name for _, last, name in names if last == q.first - 1), "")


def _fallback_event(toks: list[Token], q: Quantity, end: int) -> str | None:
    """The class a word of a count's noun phrase names only as a fallback ("40,000 staff": employed;
    :data:`compare.text.fact_words.FALLBACK_EVENTS`), or None."""
    found = (fw.predicate_of(t.text) for t in toks[q.last + 1 : end])
    return next((e for e in found if e in fw.FALLBACK_EVENTS), None)


def _window(toks: list[Token], start: int, end: int, taken: set[int]) -> tuple[list[str], list[str]]:
    """Attribute words around tokens ``start`` .. ``end`` (up to :data:`WINDOW` content words each
    side, not across a clause mark or another value's tokens in ``taken``), nearest first, and
    the ones right after the value."""
    before, after = [], []
    for direction, out in ((-1, before), (1, after)):
        k = start - 1 if direction < 0 else end + 1
        depth = 0
        while 0 <= k < len(toks) and len(out) < WINDOW:
            text = toks[k].text
            if text in ("(", ")"):
                depth += 1 if (text == "(") == (direction > 0) else -1
                k += direction
                continue
            if depth > 0:
                k += direction
                continue
            low = text.lower()
            if text in BREAKS or k in taken or low == "but":  # "spotted by satellites but on 28 March ..."
                break
            if is_word(toks[k]) and low not in STOP_WORDS and (not is_name(toks, k) or k == 0):
                cls = fw.base(low) if _phrasal(toks, k) else fw.predicate_class(low)
                if cls in fw.QUALIFIED and k > 0 and (part := toks[k - 1].text.lower()) in fw.QUALIFIERS:
                    cls = f"{part} {cls}"  # "core inflation": another rate than inflation
                if cls not in _GENERIC and low not in _GENERIC and (cls in fw.PREDICATES or not fw.noun_of(low)):
                    out.append(cls)
            k += direction
    merged: list[str] = []
    for pair in zip(before + [None] * WINDOW, after + [None] * WINDOW, strict=False):
        for w in pair:
            if w is not None and w not in merged:
                merged.append(w)
    return merged, after[:3]


_TALLIES = frozenset("number numbers total tally count".split())


def _whole_of(toks: list[Token], k: int) -> str:
    """The class of the noun a part counts when the whole follows it with its number: "142 of the
    300 seats" counts seats, "two of the three attackers" attackers; "" otherwise ("99 of them")."""
    if k >= len(toks) or toks[k].text.lower() != "of":
        return ""
    j = k + 1 + (k + 1 < len(toks) and toks[k + 1].text.lower() in DETERMINERS)
    if j >= len(toks) or not (toks[j].text.replace(",", "").isdigit() or toks[j].text.lower() in NUMBER_WORDS):
        return ""
    run = []
    for t in toks[j + 1 : j + 4]:
        if not is_word(t) or t.text.lower() in STOP_WORDS:
            break
        run.append(t.text.lower())
    return fw.noun_class(_head(run)) if run else ""


def _tallied(toks: list[Token], q: Quantity) -> tuple[str, list[str]]:
    """What a count with no noun after it counts, named before it in its clause: "the number of
    flooded homes has risen to 640" (homes, flooded), "the death toll rose to 130" (people who
    died), "a crowd of 38,500" (spectators: a noun of a class right before "of"); ("", []) when
    nothing is."""
    if q.first > 1 and toks[q.first - 1].text.lower() == "of" and (cls := fw.noun_of(toks[q.first - 2].text.lower())):
        return cls, []
    for k in range(q.first - 1, max(-1, q.first - 12), -1):
        low = toks[k].text.lower()
        if low in (",", ";", ":", "(", ")", "."):
            break
        if low == "toll":
            return "person", ["toll"]
        if low in _TALLIES and k + 2 < q.first and toks[k + 1].text.lower() == "of":
            run = []
            for t in toks[k + 2 : q.first]:
                if not is_word(t) or t.text.lower() in STOP_WORDS or len(run) == 3:
                    break
                run.append(t.text.lower())
            head = _head(run) if run else ""
            return (fw.noun_class(head), [w for w in run if w != head]) if head else ("", [])
    return "", []


def _head(run: list[str]) -> str:
    """The head of a noun phrase's words: the first with a noun class, else the last, but for an
    adjective after the noun ("2 million customers unable to pay": customers)."""
    last = run[-1] if len(run) == 1 or run[-1] not in _AFTER_NOUN else run[-2]
    return next((w for w in run if fw.noun_of(w)), last)


_DEATHS = frozenset(("fatalities", "deaths", "lives"))
"""Nouns that count people who died ("15 fatalities", "claimed 15 lives"); "dead" only after one of
:data:`_DEAD` ("left 15 dead", "among the 129 dead": a headline's "127 Dead" or a caption's "19
dead" may be of one place or time)."""
_DEAD = frozenset(("left", "leaving", "leave", "leaves", "the", "all"))
_AFTER_NOUN = frozenset("unable able affected involved concerned aboard inside left available".split())
"""Adjectives that follow the noun they describe ("customers unable to pay", "people affected")."""


def _phrasal(toks: list[Token], k: int) -> bool:
    """Whether the word at ``k`` is a verb with the particle "out", another verb: attacks "carried
    out" are made, not carried aboard; "sold out", "ruled out" ("rescued out of the water" is not)."""
    nxt = toks[k + 1].text.lower() if k + 1 < len(toks) else ""
    return nxt == "out" and not (k + 2 < len(toks) and toks[k + 2].text.lower() == "of")


_AUXILIARIES = frozenset("is are was were be been being has have had will would can could may might".split())


def _clause_event(toks: list[Token], start: int, taken: set[int]) -> list[str]:
    """The predicate class of the verb a date or time at token ``start`` belongs to when another
    value (tokens ``taken``) stands between them ("The Arvel crested at 6.8 metres at the gauge
    at 3:15 a.m."), as a one-word list, or empty: the attribute window stops at that value. The
    first verb back within the clause decides ("entered Greece on 3 October and then crossed
    into Serbia on 7 October": "crossed", of no class, so none)."""
    passed = False
    for k in range(start - 1, -1, -1):
        text = toks[k].text
        if text in BREAKS:
            break
        passed = passed or k in taken
        low = text.lower()
        if low in _AUXILIARIES or not (low.endswith("ed") or low in IRREGULAR_PAST):
            continue
        cls = fw.predicate_class(low)
        return [cls] if passed and cls in fw.PREDICATES else []
    return []


def _entry_event(toks: list[Token], colon: int, taken: set[int]) -> list[str]:
    """The first words after the colon of a chronology's entry, a label of dates and times only
    ("00:41, 8 March: Malaysia Airlines Flight MH370 departed ..."), by predicate class, the
    event's first; empty for another label ("Battery: 5,000 mAh")."""
    if any(k not in taken and is_word(toks[k]) for k in range(colon)):
        return []
    words = [fw.predicate_class(t.text.lower()) for t in toks[colon + 1 : colon + 10] if is_word(t)]
    words = [w for w in words if w not in STOP_WORDS]
    return sorted(words, key=lambda w: w not in fw.PREDICATES)[:TIME_WORDS]


def statement_mentions(sid: str, doc: int, text: str, holder_hint: str = "") -> list[dict]:
    """The fact mentions of one statement (rows of :data:`MENTIONS`); ``holder_hint`` holds for
    values the statement names no holder of (a spec line's box title: "SOLEN 5 AT A GLANCE").
    Over 60 lines on purpose: one ordered pass over its values, each step beside its example."""
    toks = tokenize(text)
    colon = next((k for k, t in enumerate(toks[:6]) if t.text == ":"), None)
    label = [t.text for t in toks[:colon] if is_word(t)] if colon else []
    found = quantities(text, toks)
    if not found and "," not in text:
        return []  # an age needs an apposition's commas
    names = name_runs(toks)
    aged = _full_names(ages(text, toks), names)
    if not found and not aged:
        return []
    places, aliases, times, place_tokens = scope(text, toks, sid, names)
    times = less_bounds(times, toks, found)
    # "8GB of RAM": a name right after a value's "of" is what the value is of, no value's holder
    ends = {q.last + 2 for q in found if q.last + 1 < len(toks) and toks[q.last + 1].text == "of"}
    of_name = {f: n for f, j, n in names if f in ends and not POSSESSIVE.search(toks[j].text)}
    names = [n for n in names if n[0] not in of_name]
    dateline = DATELINE.match(text)
    if dateline:  # "BRENNOCK, April 12 (CNW) -": when and where the story was filed, by whom; no holder
        found = [q for q in found if toks[q.first].start >= dateline.end()]
        names = [n for n in names if toks[n[0]].start >= dateline.end()]
    age_spans = {q.first for _, q in aged}
    taken = {k for q in found for k in range(q.first, q.last + 1)}
    # a chronology's entry ("00:41, 8 March: MH370 departed"): its times are of the event after the colon
    entry = _entry_event(toks, colon, taken) if label else []
    rows, prev, part = [], (-1, ""), -1  # the last value with a holder (last token, holder); the last part
    labels, variant = variants(toks, found)
    before: tuple[Quantity, list[str]] | None = None  # the last figure read and its attribute words
    for n, q in enumerate(found):
        if (
            n in labels
            or q.first in age_spans
            or q.kind == "age"
            or (q.kind == "count" and q.last + 1 < len(toks) and toks[q.last + 1].text == "-")
        ):
            continue
        noun, modifiers, end = ("", [], q.last + 1)
        if q.kind == "count":
            noun, modifiers, end = _noun(toks, q) if not fractional(q) else ("", [], end)
            if not noun:
                continue  # "Eighty are in a critical condition": what is counted is unknown
        elif q.kind in CHANGEABLE:
            noun = change_of(toks, q)  # "20 percent higher" is no share of 20 percent
        words, after = _window(toks, q.first, end - 1, taken - set(range(q.first, end)))
        if q.kind == "measure" and q.unit.startswith("duration") and (what := of_what(toks, end)):
            after = [f"{OF}{what}", *after]  # "20 hours of talk time" and "10 hours of video playback": two facts
        elif q.kind == "money" and (what := of_what(toks, end, ("on", "for"))):
            after = [f"{OF}{what}", *after]  # "spent £1.32bn on salaries", "paid £960m for 42 games": two sums
        elif q.kind == "measure" and after and after[0] in fw.RELATIONS and (thing := located(toks, q)):
            after = [*after, f"{AT}{thing}"]  # "an area 1,800km off the coast", "a radius some 1,550 miles off"
        if entry and q.last < colon and q.kind in ("date", "time"):
            words = entry
        elif label:  # a spec line's label says what its value is of ("Battery: 5,000 mAh")
            words = [fw.predicate_class(w.lower()) for w in label] + words
        words = [fw.predicate_class(w) for w in modifiers if w not in STOP_WORDS] + words
        if q.kind == "count" and (event := fw.predicate_of(noun) or _fallback_event(toks, q, end)):  # "128 raids": the
            words = [*words, event] if event in fw.FALLBACK_EVENTS else [event, *words]  # event; "40,000 staff"
        window_text = text[toks[max(0, q.first - 6)].start : toks[min(len(toks) - 1, end + 6)].end]
        # the phrases of its window last, but one right before it first ("starts at $799": a price)
        phrases = sorted(fw.phrase_classes(window_text) | ({"aboard"} if _ABOARD.search(window_text) else set()))
        words = sorted(fw.phrase_classes(text[toks[max(0, q.first - 2)].start : toks[q.first].start])) + words
        if q.kind == "count" and end < len(toks):  # "3,400 residents from their homes": evacuated
            words = sorted(fw.phrase_classes(text[toks[end].start : toks[min(len(toks), end + 4) - 1].end])) + words
        compound = fw.COMPOUND_ATTRIBUTES.get(q.unit.partition(":")[0]) if q.kind == "measure" else None
        if compound and _COMPOUND.search(q.span):
            words = [compound, *words]  # "its 52-million-cubic-metre reservoir": the reservoir's capacity
        if q.kind in ("date", "time"):  # a day or an hour is of the event named right next to it
            words = phrases + [w for w in words if w not in fw.SCOPE_TIME_WORDS][:TIME_WORDS]
            if not any(w in fw.PREDICATES for w in words):  # else of its clause's verb, past another value
                words = _clause_event(toks, q.first, taken - set(range(q.first, end))) + words
        else:
            words += phrases
        words = [of_name[q.last + 2], *words] if q.last + 2 in of_name else words
        listed = prev[1] if follows(toks, prev[0], q) else ""  # the holder of the value it is listed after
        nobody = q.kind in ("count", "time") or q.unit == MAGNITUDE  # a quake's: "struck southern Velmora"
        holder = "" if nobody else holder_of(toks, q, names, place_tokens) or listed
        prev, holder = (q.last, holder) if holder else prev, holder or holder_hint
        if q.kind == "score" and not (holder := _match(toks, q, names, place_tokens) or holder):
            continue  # a score of no team named: of which match?
        near_places = sorted({name for k, name in places if same_stretch(toks, k, q.first, end - 1)})
        others = frozenset(taken - set(range(q.first, end)))
        near = words_near(text, toks, q.first, end - 1, stop=others)
        closer = words_near(text, toks, q.first, end - 1, 4, 3, others)
        # a change is no running total ("revenue rose 5 percent" against "4 percent higher": no update)
        running = not noun.startswith(CHANGE) and any(w.lower() in fw.RUNNING for w in re.findall(r"[A-Za-z]+", closer))
        mode = fw.modality(text, "" if whole_of_part(toks, q) else near)
        if fw.NEGATIONS.search(words_near(text, toks, q.first, q.first, 3, 0)):
            mode = "negated"  # "five passengers who did not board", "no more than": not a plain figure
        elif share := part_of(toks, q) or ("partial" if follows(toks, part, q) else ""):
            # "including 153 Chinese" and the parts listed after it, "two of the three"; "a further 164"
            mode, part = share, q.last if share == "partial" else part
        verb = toks[q.first - 1].text.lower() if q.kind == "count" and q.first > 0 else ""
        owned = fw.OWNING_VERBS.get(verb) or fw.OWNING_BY_NOUN.get(noun, {}).get(verb)
        if owned:  # "the Pro has three rear cameras" / "the Pro has 4 cameras": the Pro's cameras
            owner = holder_of(toks, q, names, place_tokens) or subject_of(toks, q, names, place_tokens)
            words, holder = [owned, *words], owner or holder
        elif verb and (acted := fw.acted_on(noun, verb)):  # "Korvex will cut 1,200 jobs": Korvex's
            words, holder = [acted, *words], subject_of(toks, q, names, place_tokens) or holder
        elif verb and fw.predicate_of(verb) in fw.SUBJECT_HELD:  # "Korvex sold 1.2 million cars"
            holder = holder_of(toks, q, names, place_tokens) or subject_of(toks, q, names, place_tokens) or holder
        words = attribute_words(toks, q, list(dict.fromkeys(w for w in words if w)), noun.startswith(CHANGE), before)
        before = (q, words)
        ordinal = ordinal_of(toks, q)  # "the first 110bn euro rescue", "€130 billion second rescue": two occasions
        own_times = [*times, f"the {ordinal}"] if ordinal else times
        model = "" if q.unit.startswith(STORAGE) else variant  # storage is no figure of its own model
        row = _row(sid, doc, q, noun, words, after, holder, near_places, aliases, own_times, mode, running, model)
        rows.append(row)
    for name, q in aged + _hyphen_ages(toks, found, names, place_tokens):
        rows.append(_row(sid, doc, q, "", ["age"], [], name, [], aliases, [], fw.modality(text, ""), False))
    return rows


def _hyphen_ages(
    toks: list[Token], found: list[Quantity], names: list[tuple[int, int, str]], places: set[int] = frozenset()
) -> list[tuple[str, Quantity]]:
    """Ages written "a 28-year-old", "41 years old" or "aged 27" with the name they follow (the whole name,
    within five tokens before, as :func:`_full_names` gives an apposition's: "Ahmad Al Mohammad, a
    25-year-old" and "Pouria Nour Mohammad, 19," are two people); an age without a name is no
    fact of anyone."""
    out = []
    for q in found:
        if q.kind != "age":
            continue
        before = [(last, name) for first, last, name in names if 0 < q.first - last <= 5 and first not in places]
        around = (toks[q.first - 1].text if q.first else "", toks[q.last + 1].text if q.last + 1 < len(toks) else "")
        if before:
            out.append((before[-1][1], q))
        elif role := role_of(*around) or _aged_role(toks, q.first):  # "the 44-year-old driver", "the driver, aged 43"
            out.append((role, q))
    return out


def _aged_role(toks: list[Token], first: int) -> str:
    """The role an age after "aged" is of ("the driver, aged 43," / "the driver aged 43"), by
    :func:`compare.text.ages.role_of`; "" for none."""
    k = first - 1  # "aged"
    if k < 2 or toks[k].text.lower() != "aged":
        return ""
    noun = k - 2 if toks[k - 1].text == "," else k - 1
    return (role_of(toks[noun - 1].text, toks[noun].text) or "") if noun >= 1 else ""


def _full_names(aged: list[tuple[str, Quantity]], names: list[tuple[int, int, str]]) -> list[tuple[str, Quantity]]:
    """Apposition ages with the whole name before them ("norli akmar hamid", not "hamid": two
    people may share a surname)."""
    by_last = {last: name for _, last, name in names}
    return [(by_last.get(q.first - 2, surname), q) for surname, q in aged]


_BOX_WORDS = frozenset(
    "key main top facts fact figures figure numbers specs spec specifications features details summary "
    "overview highlights stats statistics data glance sheet box".split()
)
"""Words of a box's title that name what kind of box it is, not what it is about ("Key figures",
"SOLEN 5 SPECS")."""


def _box_holder(section: str) -> str:
    """What a box of spec lines is about: its title's first name, less the words that say what
    kind of box it is ("SOLEN 5 AT A GLANCE": "solen 5"; "Key figures": none)."""
    for _, _, name in name_runs(tokenize("the " + section)):  # inside a sentence: its first word may be a name
        words = [w for w in name.split() if w not in _BOX_WORDS]
        if words:
            return " ".join(words)
    return ""


def _row(
    sid: str, doc: int, q: Quantity, noun: str, words: list[str], after: list[str], holder: str,
    places: list[str], aliases: list[str], times: list[str], mode: str, running: bool, variant: str = "",
) -> dict:  # fmt: skip
    """One row of :data:`MENTIONS` (its columns in order), with what it is a value of (:func:`attribute`)."""
    values = (sid, doc, q.kind, q.unit, q.span, q.low, q.high, noun, words, after, holder, places, aliases, times, mode)
    row = dict(zip(MENTIONS, (*values, running, variant, "", False, q.start), strict=True))
    row["attribute"], row["known"] = attribute(row)
    return row


def document_mentions(statements: pl.DataFrame) -> pl.DataFrame:
    """The fact mentions of a batch of documents' statements (those of :data:`FACT_KINDS`): the
    per-document stage the engines run and the cache keeps. A sentence that names no time of its
    own takes the years of the sentence before it on the same line (:func:`carried_years`)."""
    found = mentions(statements.filter(pl.col("kind").is_in(FACT_KINDS)))
    carried = carried_years(statements)
    if not carried or not found.height:
        return found
    times = [
        sorted(carried[sid]) if not own and sid in carried else own
        for sid, own in zip(found.get_column("stmt_id").to_list(), found.get_column("times").to_list(), strict=True)
    ]
    return found.with_columns(pl.Series("times", times, dtype=MENTIONS["times"]))


def mentions(statements: pl.DataFrame) -> pl.DataFrame:
    """The fact mentions of every statement with a digit or a number word (see :data:`MENTIONS`),
    in statement order. ``statements`` needs the columns stmt_id, doc_id, text, kind and section."""
    maybe = statements.filter(pl.col("text").str.contains(FIGURE_HINT))
    rows: list[dict] = []
    for sid, doc, text, kind, section in maybe.select("stmt_id", "doc_id", "text", "kind", "section").iter_rows():
        rows.extend(statement_mentions(sid, doc, text, _box_holder(section) if kind == "spec" else ""))
    return pl.DataFrame(rows, schema=MENTIONS)  # an empty list gives the empty frame
