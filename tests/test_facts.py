"""The fact layer: quantities read with unit and bound, mentions keyed by attribute, holder and
scope, modality, and the facts table's verdicts (agree, conflict, possible, updated)."""

from __future__ import annotations

import math

import polars as pl
import pytest

from compare.statements.fact_table import CERTAIN, fact_table
from compare.statements.facts import document_mentions, mentions, statement_mentions
from compare.text.fact_words import modality
from compare.text.quantities import quantities


def _q(text: str) -> list[tuple]:
    return [(q.kind, q.unit, q.low, q.high) for q in quantities(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Kestrova spent $1.2bn on it", [("money", "USD", 1.2e9, 1.2e9)]),
        ("it cost 1.4 billion dollars", [("money", "USD", 1.4e9, 1.4e9)]),
        ("at a cost of A$60 million ($56 million)", [("money", "AUD", 6e7, 6e7)]),  # the bracketed conversion dropped
        ("In Europe it costs €899.", [("money", "EUR", 899.0, 899.0)]),
        ("it is 35 percent faster", [("percent", "%", 35.0, 35.0)]),
        ("Its 4,500mAh battery", [("measure", "charge:mAh", 4500.0, 4500.0)]),
        ("The phone weighs 189 grams", [("measure", "mass:kg", 0.189, 0.189)]),
        ("takeoff at 12.41am", [("time", "local", 41.0, 41.0)]),
        ("at 9:40 p.m. on Friday", [("time", "local", 21 * 60 + 40.0, 21 * 60 + 40.0)]),
        ("at least 128 people were killed", [("count", "", 128.0, math.inf)]),
        ("the 2019-20 season", []),  # a season, not 20 of anything
        ("the Solen 5 and USB 3.2/DisplayPort 1.4", []),  # numbers of names and versions
        ("on March 8, 2014", [("date", "day", 308.0, 308.0)]),  # a calendar day: month * 100 + day
        ("in 2014", []),  # a year alone is no fact's value
        ("a 28-year-old man", [("age", "years", 28.0, 28.0)]),
        ("Half a million pounds has been set aside", [("money", "GBP", 5e5, 5e5)]),  # half of the scale word
        ("a quarter of a million mourners", [("count", "", 2.5e5, 2.5e5)]),
        ("three quarters of a million homes", [("count", "", 7.5e5, 7.5e5)]),  # no count of three
        ("nearly a million people fled", [("count", "", 9e5, 1e6)]),  # the bound before the "a" holds
        ("two thirds of the homes flooded", []),  # a share, no count of two
        ("the repairs cost 20 million pounds", [("money", "GBP", 2e7, 2e7)]),
        ("the fine was 300 pounds", [("money", "GBP", 300.0, 300.0)]),
        ("he weighed 174 pounds", [("measure", "mass:kg", 174 * 0.4536, 174 * 0.4536)]),  # a weight by its verb
        ("carrying 60 pounds of hoses", [("measure", "mass:kg", 60 * 0.4536, 60 * 0.4536)]),  # pounds of a thing
        ("the 1/2.6-inch sensor is larger", []),  # a ratio with a glued slash: no figure of its own
        ("it is open 24/7", []),
        ("an average cost of £10.2m per match", [("money", "GBP/match", 1.02e7, 1.02e7)]),  # a rate, not a total
        ("he earned £21,600 a week", [("money", "GBP/week", 21600.0, 21600.0)]),
        ("42 games per season", [("count", "/season", 42.0, 42.0)]),  # the rate after a count's noun
        ("they sold 5 million phones a year ago", [("count", "", 5e6, 5e6)]),  # "a year ago" is no rate
        # dozens: one round figure, read as "about" is ("two dozen" is no count of two and one of 12)
        ("hunting by up to two dozen countries", [("count", "", -math.inf, 24 * 1.1)]),
        ("three dozen ships searched", [("count", "", 36 * 0.9, 36 * 1.1)]),
        ("half a dozen ships searched", [("count", "", 6 * 0.9, 6 * 1.1)]),
        ("they sold 2 dozen eggs", [("count", "", 24 * 0.9, 24 * 1.1)]),
        ("taking more than a dozen people hostage", [("count", "", 12 * 0.9, math.inf)]),
        ("some two dozen people were hurt", [("count", "", 24 * 0.9, 24 * 1.1)]),  # hedged once, not twice
        ("a 13-megapixel sensor with an f/2.2 lens", [("measure", "resolution:MP", 13.0, 13.0)]),  # an aperture
        ("it records 4K video", []),  # a name, not 4,000 of anything
        ("the iPhone 6 sold well", []),  # a number in a name written in camel case
        ("contact was lost at 1400 GMT", []),  # a time, no count
        ("it struck at 1446 local time", []),
        ("tablets get 10+ hours of battery life", [("measure", "duration:h", 10.0, math.inf)]),  # "+": or more
        ("about 50k people marched", [("count", "", 45000.0, 55000.0)]),  # a lower-case k: thousands
        ("he earns £50K a year", [("money", "GBP/year", 50000.0, 50000.0)]),  # thousands of pounds
        ("the fire burned 2\u00bd hectares", [("measure", "area:m2", 25000.0, 25000.0)]),  # a fraction character
        ("the fire burned 2 1/2 hectares", [("measure", "area:m2", 25000.0, 25000.0)]),  # a mixed number
        ("rates rose by \u00bd percent", [("percent", "%", 0.5, 0.5)]),
        ("it cost $2\u00bd million", [("money", "USD", 2.5e6, 2.5e6)]),
        ("open 24/7 since 9/11", []),  # no fraction: other denominators, no whole number before
        ("sales rose 40pc", [("percent", "%", 40.0, 40.0)]),  # British papers' per cent
        ("he stands 5ft 10in tall", [("measure", "length:m", 1.778, 1.778)]),  # one height, in parts
        ("the 6-foot-2 quarterback", [("measure", "length:m", 1.8796, 1.8796)]),
        ("the baby weighed 7lb 8oz", [("measure", "mass:kg", 3.402, 3.402)]),
        ("the screen is 10in wide", [("measure", "length:m", 0.254, 0.254)]),  # "in" glued: inches
        ("the seven-year-old boy was rescued", [("age", "years", 7.0, 7.0)]),  # an age in words
        ("a twenty-five-year-old man died", [("age", "years", 25.0, 25.0)]),
        ("a six-mile radius", [("measure", "length:m", 9656.04, 9656.04)]),
        ("a one-off payment, a hundred-year-old tree", []),  # no number hyphenated to a unit
        ("between 10 and 15 people were hurt", [("count", "", 10.0, 15.0)]),  # a range, one value
        ("10 to 15 people were hurt", [("count", "", 10.0, 15.0)]),
        ("it rose 10 to 15 percent", [("percent", "%", 10.0, 15.0)]),
        ("the toll rose from 10 to 15", [("count", "", 10.0, 10.0), ("count", "", 15.0, 15.0)]),  # a change
        ("10-15 people were hurt", [("count", "", 10.0, 15.0)]),  # a range with a dash
        ("the repairs take 3-4 days", [("measure", "duration:h", 72.0, 96.0)]),
        ("output grew 2-3 million tonnes", [("measure", "mass:kg", 2e9, 3e9)]),  # the scale of both ends
        ("about 10-15 people were hurt", [("count", "", 9.0, 16.5)]),  # a hedge widens both ends
        ("it took about 30-45 minutes", [("measure", "duration:h", 0.45, 0.825)]),
        ("it could fetch $12 billion-$14 billion", [("money", "USD", 12e9, 14e9)]),
        ("a Boeing 777-200 in the 2019-20 season", []),  # a model, a season: no range
        (  # a range after "ranging from", its conversions in brackets left out
            "objects ranging in size from 6 feet (2 meters) to 50 feet (15 meters)",
            [("measure", "length:m", 1.8288, 15.24)],
        ),
        (  # two lengths in a list, not one in parts
            "pools of 50 metres and 25 metres",
            [("measure", "length:m", 50.0, 50.0), ("measure", "length:m", 25.0, 25.0)],
        ),
        (  # a part is smaller than what it follows: "10in 12in" are two sizes
            "frames of 10in 12in",
            [("measure", "length:m", 0.254, 0.254), ("measure", "length:m", 0.3048, 0.3048)],
        ),
    ],
)
def test_quantities_read_unit_scale_and_bound(text: str, want: list[tuple]) -> None:
    got = _q(text)
    assert len(got) == len(want)
    for (kind, unit, low, high), (wk, wu, wl, wh) in zip(got, want, strict=True):
        assert (kind, unit) == (wk, wu)
        assert low == wl if math.isinf(wl) else low == pytest.approx(wl)
        assert high == wh if math.isinf(wh) else high == pytest.approx(wh)


def test_a_scale_word_without_digits_is_read_for_mentions() -> None:
    """"a million" and "half a million" are figures although the sentence has no digit."""
    found = mentions(
        pl.DataFrame(
            {"stmt_id": ["0:1"], "doc_id": [0], "text": ["Half a million people marched in Paris on Sunday."],
             "kind": ["claim"], "section": [""]}
        )
    )  # fmt: skip
    assert found.select("span", "low").rows() == [("Half a million", 5e5)]


def test_a_number_after_no_dot_is_no_count_nor_negated() -> None:
    """"No. 4 phone brand" ranks; "No 10 Downing Street" is an address: neither counts anything,
    and "No." negates nothing (the count after it keeps its plain modality)."""
    assert statement_mentions("0:1", 0, "Kestrova is only Europe's No. 4 phone brand.") == []
    (m,) = statement_mentions("0:1", 0, "Outside No 10 Downing Street, 5 protesters were arrested.")
    assert (m["span"], m["modality"]) == ("5", "asserted")
    (m,) = statement_mentions("0:1", 0, "There were no 3 arrests, and No 4G phones were sold.")
    assert m["modality"] == "negated"


def test_about_is_a_narrow_interval() -> None:
    """"some 1,600 km" and "around 2,000 km" do not meet: hedges are 10% either way."""
    (a,) = quantities("some 1,600 km west of Perth")
    (b,) = quantities("around 2,000 km west of Perth")
    assert a.high < b.low


def test_mention_keys_attribute_holder_scope() -> None:
    (m,) = statement_mentions("0:1", 0, "Islamic State militants killed 130 people in Paris.")
    assert (m["kind"], m["noun"]) == ("count", "person")
    assert m["words"][0] == "death" and m["places"] == ["paris"]
    (price,) = statement_mentions("0:2", 0, "The Solen 5 Pro costs $1,099.")
    assert price["holder"] == "solen 5 pro" and "cost" in price["words"]
    (area,) = statement_mentions("0:3", 0, "Power has been cut to 4 million homes in and around Tokyo.")
    assert area["places"] == ["tokyo"]  # "around Tokyo" is a place, as "in Tokyo" is
    (age,) = statement_mentions("0:3", 0, "Abdelhamid Abaaoud, 27, was instrumental.")
    assert (age["kind"], age["holder"], age["low"]) == ("age", "abdelhamid abaaoud", 27.0)
    (night,) = statement_mentions("0:4", 0, "On Monday night, 410 people slept in emergency shelters.")
    assert "monday" in night["times"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("We hope nobody gets hurt.", "wished"),
        ("Is the toll 130?", "question"),
        ("Leakers insisted it would cost $699.", "doubted"),
        ("Forecasters expect the river to peak at 7.5 metres.", "hypothetical"),
        ("The phone is scheduled to launch globally on April 11.", "hypothetical"),
        ("Police said 1,200 people had been evacuated.", "reported"),
        ("The Arvel crested at 6.8 metres.", "asserted"),
        # "an estimated" before a figure makes it approximate, as "about" does, not a forecast
        ("An estimated 40,000 people marched through the city.", "asserted"),
        ("An estimated two million people watched the final.", "asserted"),
        ("The repairs are estimated to cost $8 million.", "hypothetical"),
    ],
)
def test_modality(text: str, want: str) -> None:
    assert modality(text) == want


def _statements(texts: list[tuple[int, str]]) -> pl.DataFrame:
    return pl.DataFrame(
        {"stmt_id": [f"{d}:{i}" for i, (d, _) in enumerate(texts, 1)], "doc_id": [d for d, _ in texts],
         "text": [t for _, t in texts], "kind": ["claim"] * len(texts), "section": [""] * len(texts)}
    )  # fmt: skip


def _table(texts: list[tuple[int, str]], dates: dict[int, str] | None = None) -> tuple[pl.DataFrame, list[dict]]:
    return fact_table(mentions(_statements(texts)), documents=len({d for d, _ in texts}), dates=dates)[:2]


def test_the_same_fact_with_close_values_conflicts_for_certain() -> None:
    texts = [(0, "The attacks in Paris killed 127 people."), (1, "Militants killed 130 people in Paris.")]
    facts, conflicts = _table(texts)
    assert facts.get_column("status").unique().to_list() == ["conflict"]
    (c,) = conflicts
    assert (c["a_value"], c["b_value"], c["confidence"]) == ("127", "130", CERTAIN)
    assert c["fact"] == facts.get_column("fact_id")[0]


def test_a_change_and_a_level_are_two_facts() -> None:
    """"20 percent higher" is a change, "40 percent of the total" a level: no conflict, however
    close; two changes of one thing disagree, against one base or bases not both named, but not
    against two named bases ("taller than the S4" / "taller than the Alpha"); "up front" is no change."""
    sales = [(0, "Sales of the Solen 5 were 20 percent higher than a year ago."),
             (1, "Sales of the Solen 5 reached 30 percent of the company's total.")]  # fmt: skip
    assert _table(sales)[1] == []
    grew = [(0, "Sales of the Solen 5 were 20 percent higher than a year ago."),
            (1, "Sales of the Solen 5 rose 28 percent from a year ago.")]  # fmt: skip
    facts, conflicts = _table(grew)
    assert [(c["a_value"], c["b_value"]) for c in conflicts] == [("20 percent", "28 percent")]
    assert facts.get_column("attribute")[0] == "sale (%, change)"
    (cut,) = statement_mentions("0:1", 0, "Prices were cut by 5% on Monday.")
    assert cut["noun"] == "change"
    (share,) = statement_mentions("0:1", 0, "The plan is backed by 60 percent of voters.")
    assert share["noun"] == ""
    named = [(0, "The Solen 5 is 12 percent faster than the Vireo K2 chip."),
             (1, "The Solen 5 is 25 percent faster than the Snapdragon X chip.")]  # fmt: skip
    assert _table(named)[1] == []
    described = [(0, "The Solen 5 is 12 percent faster than the Vireo K2 chip."),
                 (1, "The Solen 5 is 25 percent faster than its predecessor.")]  # fmt: skip
    assert len(_table(described)[1]) == 1
    (front,) = statement_mentions("0:1", 0, "Cameras: 2.1 megapixels up front.")
    assert front["noun"] == ""


def test_a_size_of_two_or_three_sides_is_one_figure() -> None:
    """"142 x 72.5 x 8.1 mm" is one size, not three counts of "x": two sources that give one size in
    two units agree, a side that differs is a conflict, and the Galaxy S4's size is the S4's."""
    (size, weight) = statement_mentions("0:1", 0, "It measures 142 x 72.5 x 8.1 mm and weighs 145 g.")
    assert (size["span"], size["unit"], weight["span"]) == ("142 x 72.5 x 8.1 mm", "size:m3", "145 g")
    (pixels,) = statement_mentions("0:1", 0, "The screen shows 2560 x 1440 pixels.")
    assert pixels["unit"] == "size:px2"
    spec = [(0, "The Solen 5 measures 146.7 x 71.5 x 7.8 mm."), (1, "The Solen 5 measures 5.78 x 2.81 x 0.31 inches.")]
    facts, conflicts = _table(spec)
    assert conflicts == [] and facts.get_column("status").unique().to_list() == ["agree"]
    assert facts.get_column("attribute")[0] == "size (3 sides, m)"
    other = [(0, "The Solen 5 measures 146.7 x 71.5 x 7.8 mm."), (1, "The Solen 5 measures 146.7 x 71.5 x 8.9 mm.")]
    found = [(c["a_value"], c["b_value"]) for c in _table(other)[1]]
    assert found == [("146.7 x 71.5 x 7.8 mm", "146.7 x 71.5 x 8.9 mm")]
    s4 = statement_mentions("0:1", 0, "It is larger than the Galaxy S4's 136.6 x 69.8 x 7.9 mm.")
    assert [(m["span"], m["holder"]) for m in s4] == [("136.6 x 69.8 x 7.9 mm", "galaxy s4")]


def test_prices_of_two_models_are_two_facts() -> None:
    """"The 256GB model costs $899" and "$799 with 128GB of storage" price two models: no conflict;
    a price naming no model still meets both. "The 32GB model" names a model: no figure of its own."""
    texts = [(0, "The 256GB model of the Solen 5 costs $899."), (1, "The Solen 5 costs $799 with 128GB of storage."),
             (2, "The Solen 5 costs $849.")]  # fmt: skip
    _, conflicts = _table(texts)
    assert sorted((c["a_value"], c["b_value"]) for c in conflicts) == [("$799", "$849"), ("$899", "$849")]
    (price,) = statement_mentions("0:1", 0, "I recommend the 32GB model, which costs $649.")
    assert (price["span"], price["variant"]) == ("$649", "data:GB=32")
    (storage,) = statement_mentions("0:1", 0, "The Pro I tested had 512GB of storage.")
    assert storage["variant"] == ""


def test_a_company_s_profit_revenue_and_staff_across_sources() -> None:
    """Business news: profit, revenue and staff are attributes in any words ("employs 42,000
    people", "has 40,000 staff"); a change right after a level is of the same thing ("revenue
    was $6.1 billion, 4 percent higher"; "rose 5 percent to $6.1 billion"); a staff count inside
    ", which ..." is no plan however the sentence goes on; workers evacuated are an evacuation."""
    texts = [
        (0, "Northwind reported quarterly profit of $1.2 billion, up 8 percent from a year earlier."),
        (0, "Revenue rose 5 percent to $6.1 billion."),
        (0, "The bank, which employs 42,000 people, said it would cut 2,000 jobs."),
        (1, "Northwind's quarterly profit came in at $1.3 billion."),
        (1, "Revenue was $6.1 billion, 4 percent higher than a year earlier."),
        (1, "The lender, which has 40,000 staff, plans to shed 2,000 roles."),
    ]
    facts, conflicts = _table(texts)
    found = {(c["a_value"], c["b_value"]) for c in conflicts}
    assert found == {("$1.2 billion", "$1.3 billion"), ("5 percent", "4 percent"), ("42,000", "40,000")}
    assert all(c["confidence"] == CERTAIN for c in conflicts)
    labels = set(facts.get_column("attribute").to_list())
    assert {"profit (USD)", "revenue (USD)", "revenue (%, change)", "staff (people)"} <= labels
    (evacuated,) = statement_mentions("0:1", 0, "About 3,000 workers were evacuated from the plant.")
    assert evacuated["words"][0] == "evacuation"


def test_what_a_subject_has_or_won_is_its_own() -> None:
    """A count after "has" or "won" is its subject's, known beyond doubt once the subject is
    named: the Liberals' 145 and 142 seats conflict for certain, the Greens' 98 are another
    holder's; "142 of the 300 seats" counts seats; "reached" says nothing of what is counted."""
    texts = [(0, "The Liberals secured 145 seats in the new parliament."),
             (1, "The Liberals won 142 seats, short of a majority."),
             (1, "The opposition Greens won 98 seats, up from 60.")]  # fmt: skip
    _, conflicts = _table(texts)
    assert [(c["a_value"], c["b_value"], c["confidence"]) for c in conflicts] == [("145", "142", CERTAIN)]
    (part, whole) = statement_mentions("0:1", 0, "The Liberal Party won 142 of the 300 seats.")
    assert (part["span"], part["noun"], whole["span"], whole["noun"]) == ("142", "seat", "300", "seat")
    (turnout,) = statement_mentions("0:1", 0, "Turnout reached 66% in Sunday's vote.")
    assert turnout["words"][0] == "turnout"


def test_a_wildfire_s_area_injuries_and_homes() -> None:
    """Fire news: an area burned or scorched is one fact, agreeing across units (12,000 hectares is
    about 30,000 acres); firefighters injured or suffering burns are one count (the "burns" they
    suffer are no area burned); homes destroyed or razed are one count."""
    texts = [(0, "The Kerrow fire has burned 12,000 hectares."),
             (1, "The Kerrow fire has scorched about 30,000 acres."),
             (0, "Three firefighters were injured."), (1, "Two firefighters suffered minor burns."),
             (0, "The blaze destroyed 85 homes."), (1, "The blaze razed 90 homes.")]  # fmt: skip
    facts, conflicts = _table(texts)
    status = dict(zip(facts.get_column("attribute").to_list(), facts.get_column("status").to_list(), strict=True))
    assert status == {
        "burned (area, m2)": "agree", "injury (firefighter)": "possible-conflict", "destroyed (home)": "conflict"
    }  # fmt: skip
    assert len(conflicts) == 2


def test_an_age_given_to_a_role_is_no_count() -> None:
    """"The driver, 43," and "the 44-year-old driver" give the driver's age: a possible conflict (a
    role is no name); "a man, 25," and "his brother, 34," are ages of nobody named, never a count of
    25 people arrested."""
    texts = [(0, "The driver, 43, was among the injured."), (1, "The 44-year-old driver survived.")]
    facts, conflicts = _table(texts)
    assert facts.get_column("holder").unique().to_list() == ["the driver"]
    assert [(c["a_value"], c["b_value"], c["confidence"] < CERTAIN) for c in conflicts] == [("43", "44-year-old", True)]
    for text in ("A man, 25, was arrested.", "His brother, 34, told reporters."):
        assert [(m["kind"], m["holder"]) for m in statement_mentions("0:1", 0, text)] == [("age", "")]


def test_a_court_case_s_counts_and_what_was_asked() -> None:
    """Court news: counts of a conviction in any words ("convicted on eight counts", "found guilty
    of nine counts") are one fact; a sentence prosecutors asked for is a request, not the sentence."""
    texts = [(0, "Halloran was convicted on eight counts of fraud."),
             (1, "Halloran was found guilty of nine counts of fraud.")]  # fmt: skip
    assert [(c["a_value"], c["b_value"]) for c in _table(texts)[1]] == [("eight", "nine")]
    (asked,) = statement_mentions("0:1", 0, "Prosecutors had asked for a sentence of eight years.")
    assert asked["modality"] == "hypothetical" and asked["words"][0] == "sentence"
    jailed = [(0, "Former mayor Peter Halloran was sentenced to six years in prison."),
              (1, "Peter Halloran, the former mayor of Dunmere, was jailed for seven years.")]  # fmt: skip
    facts, conflicts = _table(jailed)  # the mayor's sentence, not Dunmere's
    assert facts.get_column("holder").unique().to_list() == ["peter halloran"]
    assert [(c["a_value"], c["b_value"], c["confidence"]) for c in conflicts] == [("six years", "seven years", CERTAIN)]


def test_a_match_s_score_and_crowd() -> None:
    """Sports news: a score ("beating Dunmere 3-1", "a 3-2 win over Dunmere") is one figure of the
    team named with it, never counts of 3 and 1; a crowd ("42,000 fans", "a crowd of 38,500") is the
    attendance; a score naming no team is of no match; "a 5-4 vote" is no score."""
    texts = [(0, "Arvel beat the visitors, beating Dunmere 3-1 in front of 42,000 fans."),
             (1, "Arvel won the final after a 3-2 win over Dunmere, watched by a crowd of 38,500.")]  # fmt: skip
    facts = _table(texts)[0]
    status = dict(zip(facts.get_column("attribute").to_list(), facts.get_column("status").to_list(), strict=True))
    assert status == {"score": "conflict", "attendance (spectator)": "conflict"}
    assert [m["kind"] for m in statement_mentions("0:1", 0, "The team won 2-0 on Sunday.")] == []
    assert "score" not in [q.kind for q in quantities("The board backed it in a 5-4 vote.")]


def test_figures_too_far_apart_give_a_fact_no_status() -> None:
    """Figures too far apart for even a possible conflict are two things, in the facts table too:
    no fact of them alone (it read "possible conflict" with no conflict behind it), and a fact two
    sources agree on stays "agree" beside a third source's figure of something else."""
    apart = [(0, "The search covered 60,000 sq km of ocean."), (1, "The search covered 216,000 sq km of ocean.")]
    facts, conflicts = _table(apart)
    assert (facts.height, conflicts) == (0, [])
    facts, conflicts = _table([*apart, (2, "The search covered 60,000 sq km of ocean, officials said.")])
    assert (facts.get_column("status").unique().to_list(), conflicts) == (["agree"], [])


def test_figures_twice_apart_are_two_things_but_small_counts() -> None:
    """Tolls more than twice apart are a part against its whole, not a disagreement ("Around 40
    people were killed" at the restaurants, "at least 129" in all); a small count may be one toll
    told two ways ("Two people died" / "Five people died": possible)."""
    texts = [(0, "Around 40 people were killed in the attacks."),
             (1, "At least 129 people were killed in the attacks.")]  # fmt: skip
    assert _table(texts)[1] == []
    texts = [(0, "Two people died in the crash."), (1, "Five people died in the crash.")]
    assert [c["confidence"] < CERTAIN for c in _table(texts)[1]] == [True]


def test_a_hyphenated_measure_with_thousands() -> None:
    """"a 4,800-tonne ferry" and "the 1,054-pound probe" are weights, as "a 4800-tonne ferry" is."""
    assert [(q.kind, q.unit) for q in quantities("A 4,800-tonne ferry sank.")] == [("measure", "mass:kg")]
    (probe,) = [q for q in quantities("The 1,054-pound probe has eight instruments.") if q.kind == "measure"]
    assert round(probe.low) == 478


def test_a_unit_in_the_singular_before_a_noun_is_a_measure() -> None:
    """"a six-mile (10 kilometer) radius", "a 5 kilogram bag", "a 20 acre farm": measures written as a
    unit before a noun (no count of 10 kilometers, nor of five bags); "5 kilos", "200 litres" and
    "10 seconds" are measures too."""
    cases = {
        "Objects floated in a six-mile (10 kilometer) radius.": ("length:m", 9_656),  # its conversion dropped
        "He carried a 5 kilogram bag.": ("mass:kg", 5),
        "They own a 20 acre farm.": ("area:m2", 80_937),
        "There was a 100 foot drop.": ("length:m", 30),
        "Police seized 5 kilos of cocaine.": ("mass:kg", 5),
        "The tanker spilled 200 litres of fuel.": ("volume:m3", 0),
        "The engine fired for 30 seconds.": ("duration:h", 0),
    }
    for text, (unit, low) in cases.items():
        measures = [q for q in quantities(text) if q.kind == "measure"]
        assert [(q.unit, round(q.low)) for q in measures][-1:] == [(unit, low)], text
        assert not [q for q in quantities(text) if q.kind == "count"], text
    assert [q.kind for q in quantities("On May 5 day one of the trial began.")] != ["measure"]


def test_a_price_in_a_reviewer_s_words_and_a_rate_per_second() -> None:
    """"$799 gets you the base Solen 5" is its price, as "the Solen 5 starts at $799" is: one fact,
    agreeing (the two statements then group as one claim); "120 times every second" is 120Hz."""
    texts = [(0, "In the United States, the Solen 5 starts at $799."),
             (1, "$799 gets you the base Solen 5 with 128GB of storage.")]  # fmt: skip
    agreeing = fact_table(mentions(_statements(texts)), documents=2).agreeing
    assert [(a, a_span, b[:2], b_span) for a, a_span, b, b_span in agreeing] == [("0:1", "$799", "1:", "$799")]
    (rate,) = quantities("The screen redraws itself 120 times every second.")
    assert (rate.kind, rate.unit, rate.low) == ("measure", "refresh:Hz", 120.0)


def test_people_forced_from_their_homes_are_evacuated() -> None:
    """"forced 3,400 residents from their homes" counts the evacuated, as "3,400 people have been
    evacuated" does, though the sentence also names the flood: the phrase right after the count wins."""
    texts = [(0, "The flood forced 3,400 residents from their homes."), (1, "3,400 people have now been evacuated.")]
    facts = _table(texts)[0]
    assert facts.get_column("attribute").unique().to_list() == ["evacuation (people)"]


def test_a_floor_that_the_other_figure_meets_agrees() -> None:
    facts, conflicts = _table([(0, "At least 128 people were killed."), (1, "Militants killed 130 people.")])
    assert conflicts == [] and facts.get_column("status").unique().to_list() == ["agree"]


def test_other_attribute_holder_or_period_is_another_fact() -> None:
    texts = [(0, "Three people were killed in the blast."), (1, "Five people were injured in the blast.")]
    _, conflicts = _table(texts)
    assert conflicts == []  # deaths and injuries
    _, conflicts = _table([(0, "The Solen 5 Pro costs $1,099."), (1, "The Solen 5 costs $799.")])
    assert conflicts == []  # two holders
    _, conflicts = _table(
        [(0, "On Monday night, 410 people slept in emergency shelters."),
         (1, "On Tuesday night, 380 people slept in emergency shelters.")]
    )  # fmt: skip
    assert conflicts == []  # two nights


def test_a_spec_line_is_a_fact_of_its_box() -> None:
    """"Battery: 5,000 mAh" under "SOLEN 5 AT A GLANCE" is the battery of the Solen 5."""
    (m,) = statement_mentions("0:9", 0, "Battery: 5,000 mAh", "solen 5")
    assert (m["kind"], m["unit"], m["holder"], m["words"][0]) == ("measure", "charge:mAh", "solen 5", "capacity")


def test_a_box_title_names_its_holder_less_the_words_for_a_box() -> None:
    """"SOLEN 5 SPECS" is of the Solen 5; "Key figures" of nobody: its "Emergency fund: £500,000"
    is no fact of a holder called "key"."""
    from compare.statements.facts import _box_holder

    assert [_box_holder(t) for t in ("SOLEN 5 SPECS", "Key figures", "At a glance", "Galaxy S5 specs")] == [
        "solen 5",
        "",
        "",
        "galaxy s5",
    ]


def test_money_set_aside_or_allocated_is_a_cost() -> None:
    """"£500,000 has been set aside" and "a £500,000 fund" give one sum of one fact, agreeing."""
    texts = [
        (0, "Half a million pounds has been set aside by the council for road repairs."),
        (1, "The council has set up a £500,000 emergency fund for road repairs."),
    ]
    facts, conflicts = _table(texts)
    assert conflicts == [] and facts.get_column("attribute").unique().to_list() == ["cost (GBP)"]
    assert facts.get_column("status").unique().to_list() == ["agree"]


def test_one_sum_written_two_ways_makes_one_repeated_claim() -> None:
    """"Half a million pounds has been set aside by the council" and "The council has set up a
    £500,000 fund" state one fact with one value: besides the value (written differently, so it
    adds nothing to their score) they share enough to be one claim."""
    from compare.api import compare_texts

    docs = {
        "a.txt": "Half a million pounds has been set aside by the council to help families hit by the flood.\n",
        "b.txt": "The council has set up a £500,000 emergency hardship fund for affected households.\n",
        "c.txt": "The river peaked at 6.8 metres on Sunday night.\nTrains to the coast were cancelled.\n",
        "d.txt": "Schools stayed shut on Monday.\nVolunteers filled sandbags by the bridge.\n",
    }
    found = compare_texts(docs, jobs=1)
    assert [sorted(g["statements"]) for g in found.repeated] == [["0:1", "1:1"]]


def test_a_count_of_what_a_subject_has_is_of_that_subject() -> None:
    """"the Pro has three rear cameras" and "the Pro has 4 cameras" count the Pro's cameras: one
    fact, a certain conflict (the verb "has" and the named subject say what is counted, whose);
    another model's cameras are another fact."""
    texts = [(0, "In all, the Pro has three rear cameras."), (1, "Around the back, the Pro has 4 cameras.")]
    facts, conflicts = _table(texts)
    assert facts.get_column("holder").unique().to_list() == ["pro"]
    assert [(c["a_value"], c["b_value"], c["confidence"]) for c in conflicts] == [("three", "4", CERTAIN)]
    texts[1] = (1, "Around the back, the Solen 5 has 4 cameras.")
    assert _table(texts)[1] == []


def test_ages_years_apart_are_two_times_not_a_conflict() -> None:
    """"Malia, 6," and "Malia, 16," are one girl ten years apart: no conflict at all; "Abaaoud,
    27," and "Abaaoud, 28," disagree."""
    apart = [
        (0, "She cares for her daughters Malia, 6, and Sasha, 3."),
        (1, "Her daughters Malia, 16, and Sasha, 13, were there."),
    ]
    assert _table(apart)[1] == []
    close = [(0, "Police named the suspect as Abaaoud, 27, a Belgian."), (1, "The suspect, Abaaoud, 28, was killed.")]
    assert len(_table(close)[1]) == 1


def test_a_forecast_against_a_measurement_is_no_conflict() -> None:
    """A forecast (or a wish, or a question) of a figure and the figure measured do not disagree:
    neither the fact layer nor the rules report them, not even as possible."""
    from compare.api import compare_texts

    texts = [(0, "Forecasters expect the river to peak at 7.5 metres."), (1, "The river peaked at 6.8 metres.")]
    assert _table(texts)[1] == []
    docs = {f"{d}.txt": t + "\n" for d, t in texts}
    assert compare_texts(docs, jobs=1).conflicts.height == 0


def test_a_count_that_grew_between_dated_sources_is_updated() -> None:
    texts = [(0, "Police said 1,200 people had been evacuated."), (1, "Police said 1,500 people had been evacuated.")]
    facts, conflicts = _table(texts, dates={0: "2026-04-12", 1: "2026-04-15"})
    assert conflicts == [] and facts.get_column("status").unique().to_list() == ["updated"]
    facts, conflicts = _table(texts, dates={0: "2026-04-15", 1: "2026-04-12"})  # it shrank: a conflict
    assert len(conflicts) == 1 and facts.get_column("status").unique().to_list() == ["conflict"]
    facts, conflicts = _table(texts)  # no dates: nothing says which came first
    assert len(conflicts) == 1


def _lined(texts: list[tuple[int, int, str]]) -> pl.DataFrame:
    """Statements with the line each one starts and ends on (one line each)."""
    frame = _statements([(d, t) for d, _, t in texts])
    return frame.with_columns(line=pl.Series([n for _, n, _ in texts]), end_line=pl.Series([n for _, n, _ in texts]))


def test_a_sentence_takes_the_year_of_the_one_before_it_in_its_paragraph() -> None:
    """"Three of the 307 people aboard died" after a sentence about a 2013 crash is about that
    crash: not the story's flight, so no conflict with its 239 aboard. On a line of its own (a
    new paragraph) it is the story's, and conflicts."""
    story = [(0, 1, "The plane took off in March 2014 with 239 people aboard."),
             (1, 1, "All 239 people aboard the plane in 2014 are missing."),
             (2, 1, "Searchers in 2014 have found nothing of the plane.")]  # fmt: skip
    earlier = "Its first fatal crash came in July 2013, when a jet landed short of the runway."
    same_paragraph = [*story, (3, 4, earlier), (3, 4, "Three of the 307 people aboard died.")]
    facts = document_mentions(_lined(same_paragraph))
    assert facts.filter(pl.col("low") == 307).get_column("times").to_list() == [["2013"]]
    conflicts = fact_table(facts, documents=4, dates=None).conflicts
    assert not [c for c in conflicts if "307" in (c["a_value"], c["b_value"])]
    next_paragraph = [*story, (3, 4, earlier), (3, 6, "Three of the 307 people aboard died.")]
    conflicts = fact_table(document_mentions(_lined(next_paragraph)), documents=4, dates=None).conflicts
    assert [c for c in conflicts if "307" in (c["a_value"], c["b_value"])]


def test_a_time_past_another_value_is_of_the_clause_verb() -> None:
    """ "crested at 4.2 metres ... at 2:10 a.m.": the hour is the crest's, though the measure
    stands between them; a later verb of no class ("then docked ... on 7 June") claims its own date."""
    _, conflicts = _table(
        [(0, "The Tamar crested at 4.2 metres at the Gunnislake gauge at 2:10 a.m. on Friday."),
         (1, "Readings from the Gunnislake gauge show the Tamar peaked at 4:40 a.m. on Friday.")]
    )  # fmt: skip
    assert [(c["a_value"], c["b_value"], c["confidence"]) for c in conflicts] == [("2:10 a.m.", "4:40 a.m.", CERTAIN)]
    _, conflicts = _table(
        [(0, "The ferry was launched at Govan on 3 June and then docked in Oban on 7 June."),
         (1, "The ferry was launched at Govan on 3 June.")]
    )  # fmt: skip
    assert conflicts == []


def test_a_time_of_day_is_not_an_attribute() -> None:
    """ "failed on the morning of Tuesday 9 March": the event is the failure, not the morning."""
    _, conflicts = _table(
        [(0, "The sea wall at Portreath gave way late on Monday, March 8, flooding the harbour."),
         (1, "The sea wall at Portreath failed on the morning of Tuesday 9 March.")]
    )  # fmt: skip
    assert [(c["kind"], c["confidence"]) for c in conflicts] == [("date", CERTAIN)]


def test_a_bound_of_a_duration_is_a_value_not_a_period() -> None:
    """ "rated for up to two days" says how long the battery lasts; it does not put the battery's
    capacity in another period than a sentence that names none."""
    _, conflicts = _table(
        [(0, "The Vela X's 4,000mAh battery is rated for up to two days of use."),
         (1, "The Vela X has a 4,400mAh battery.")]
    )  # fmt: skip
    assert [(c["a_value"], c["b_value"]) for c in conflicts] == [("4,000mAh", "4,400mAh")]


def test_a_dateline_dates_the_story_not_an_event() -> None:
    text = "PORTREATH, March 9 (Coast Wire) - The sea wall failed on Tuesday, March 8."
    assert [m["span"] for m in statement_mentions("0:1", 0, text)] == ["March 8"]


def test_agreeing_mentions_of_one_fact_are_listed() -> None:
    """Two sources giving one fact the same value, in other words, agree; an age (an aside about
    a person) and a count under five tell no claim apart."""
    texts = [(0, "The Vela X reaches shops on June 3."), (1, "The Vela X goes on sale on June 3 in 40 markets.")]
    assert fact_table(mentions(_statements(texts)), documents=2).agreeing == [("0:1", "June 3", "1:2", "June 3")]
    estimates = [(0, "Local media estimated the search in Vietnam cost $8 million."),
                 (1, "The search by Vietnam was estimated to cost $8 million.")]  # fmt: skip
    assert fact_table(mentions(_statements(estimates)), documents=2).agreeing == [
        ("0:1", "$8 million", "1:2", "$8 million")
    ]  # two estimates of one figure agree; a forecast and a measurement do not
    running = [(0, "The number of flooded homes has risen to 640."), (1, "Floodwater entered 640 homes.")]
    assert fact_table(mentions(_statements(running)), documents=2).agreeing == [("0:1", "640", "1:2", "640")]
    for texts in (
        [(0, "Forecasters expect the river to peak at 7.5 metres."), (1, "The river peaked at 7.5 metres.")],
        [(0, "Ann Roe, 30, was arrested on Monday."), (1, "A warrant was issued for Ann Roe, 30.")],
        [(0, "Two brothers were arrested."), (1, "Two brothers were arrested in Lyon.")],
    ):
        assert fact_table(mentions(_statements(texts)), documents=2).agreeing == []


def test_base_forms_join_inflections_readably() -> None:
    """Attribute words are shown in the report: "spotted" reads "spot", not "spott"."""
    from compare.text.fact_words import base

    assert [base(w) for w in ("spotted", "planning", "raids", "killed", "passed", "opened")] == [
        "spot", "plan", "raid", "kill", "pass", "open"
    ]  # fmt: skip


def test_values_far_apart_are_two_things_not_a_conflict() -> None:
    """12 and 240 passengers aboard are two counts of different things far more often than two
    accounts of one; 230 and 240 are two accounts."""
    assert _table([(0, "The ferry had 12 passengers aboard."), (1, "The ferry had 240 passengers aboard.")])[1] == []
    (c,) = _table([(0, "The ferry had 230 passengers aboard."), (1, "The ferry had 240 passengers aboard.")])[1]
    assert (c["a_value"], c["b_value"]) == ("230", "240")


def test_numbers_the_fact_layer_keeps_apart_are_no_conflict() -> None:
    """The rules see two counts of seized weapons; the fact layer reads one over an unnamed
    period and one over a night, two facts: only the same fact can conflict."""
    from compare.api import compare_texts

    texts = {
        "a.txt": "Sixty people were arrested and detained, and 75 weapons were seized.\n",
        "b.txt": "France staged 128 raids, made 23 arrests and seized 31 weapons in overnight raids.\n",
    }
    assert compare_texts(texts, jobs=1).conflicts.height == 0


def test_two_weekdays_are_two_occasions_even_on_the_storys_day() -> None:
    """Monday is the story's day here (most documents name it), yet a count of Monday night's
    and one of Tuesday night's are two facts."""
    texts = [(0, "On Monday, 40 homes flooded."), (1, "40 homes flooded on Monday."),
             (2, "By Monday, 40 homes had flooded."), (0, "On Monday night, 410 people slept in shelters."),
             (1, "By Tuesday night, 380 people were sleeping in shelters.")]  # fmt: skip
    _, conflicts = _table(texts)
    assert conflicts == []


def test_a_fact_no_two_sources_give_on_one_occasion_alike_is_not_listed() -> None:
    """Mentions sharing a key but never comparable (each on its own night; a forecast against a
    figure) are no fact the sources share: not listed, let alone as agreeing. A fact two sources
    do give alike stays, and the facts kept are numbered without gaps."""
    texts = [(0, "On Monday night, 410 people slept in shelters."),
             (1, "By Tuesday night, 380 people were sleeping in shelters."),
             (0, "Forecasters expect the river to peak at 7.5 metres."), (1, "The river peaked at 6.8 metres."),
             (0, "At least 128 people were killed."), (1, "Militants killed 130 people.")]  # fmt: skip
    facts, conflicts = _table(texts)
    assert conflicts == []
    assert facts.get_column("status").unique().to_list() == ["agree"]
    assert facts.get_column("fact_id").unique().to_list() == ["F1"]
    assert facts.get_column("stmt_id").to_list() == ["0:5", "1:6"]


def test_a_count_of_two_nouns_together_is_of_neither_alone() -> None:
    """"239 passengers and crew" counts people, not passengers: no conflict with "227 passengers",
    the same fact as "239 people"; two other classes together are a class of their own."""
    texts = [(0, "Of the 227 passengers and 12 crew members on board, most were Chinese."),
             (1, "The jetliner, carrying 239 passengers and crew, disappeared on March 8."),
             (2, "Of the 239 people on board the flight, two were Canadian.")]  # fmt: skip
    facts, conflicts = _table(texts)
    assert conflicts == []
    assert facts.filter(pl.col("span") == "239").get_column("status").to_list() == ["agree", "agree"]
    (ships,) = statement_mentions("0:1", 0, "Ten ships and aircraft joined the search.")
    (alone,) = statement_mentions("0:2", 0, "Ten ships joined the search.")
    assert ships["noun"] == "aircraft+ship" and alone["noun"] == "ship"


def test_a_counted_noun_is_no_event_a_shorter_prefix_names() -> None:
    """"soldiers" are soldiers, not something "sold": a noun's longer prefix wins over a
    predicate's, so two counts of soldiers sent on different missions are not one sale."""
    from compare.text.fact_words import predicate_of

    assert predicate_of("soldiers") is None and predicate_of("sold") == "sold" and predicate_of("shipment") == "sold"
    assert predicate_of("livestock") is None and predicate_of("lives") == "death"  # not "lives" + "tock"
    texts = [(0, "Germany is contributing 650 soldiers to the operation in Mali."),
             (1, "The government mobilized 1,500 soldiers after the attacks.")]  # fmt: skip
    assert _table(texts)[1] == []


def test_a_place_named_inside_a_city_is_not_another_occasion() -> None:
    """"Kuala Lumpur International Airport" lies in Kuala Lumpur: a date given at either is one
    occasion, so the two sources agree on it."""
    texts = [(0, "The airliner flew from Kuala Lumpur to Beijing on 8 March with 239 people on board."),
             (1, "A student was aboard the jet, which took off from Kuala Lumpur International Airport on "
                 "March 8 bound for Beijing."),
             (2, "Ships searched the southern ocean for debris."),
             (3, "Relatives waited for news in hotels.")]  # fmt: skip
    facts, conflicts = _table(texts)
    dates = facts.filter(pl.col("low") == 308.0)
    assert conflicts == [] and dates.height == 2 and dates.get_column("status").to_list() == ["agree", "agree"]


def test_values_joined_by_or_are_one_interval() -> None:
    """"128GB or 256GB" (either model) is one value spanning both: it meets "128GB", so the two
    sources agree; "three or four" is a hedge of one figure."""
    assert _q("128GB or 256GB of storage") == [("measure", "data:GB", 128.0, 256.0)]
    assert _q("three or four people") == [("count", "", 3.0, 4.0)]
    assert len(_q("$799 or 800 euros")) == 2  # two currencies: two values
    texts = [(0, "The Solen 5 has 128GB or 256GB of storage."), (1, "The Solen 5 has 128GB of storage.")]
    facts, conflicts = _table(texts)
    assert conflicts == [] and facts.get_column("status").unique().to_list() == ["agree"]


def test_a_name_after_a_values_of_is_what_it_is_of_not_its_holder() -> None:
    """"8GB of RAM": RAM is what the value is of; the phone named before it holds it, so two
    models' RAM are two facts, not a conflict. A possessive after "of" still names the holder."""
    (ram, storage) = statement_mentions("0:1", 0, "The Solen 5 comes with 8GB of RAM and 256GB of storage.")
    assert ram["holder"] == "solen 5" and ram["words"][0] == "ram" and storage["holder"] != "ram"
    (share,) = statement_mentions("0:2", 0, "Sales reached 25% of Apple's revenue.")
    assert share["holder"] == "apple"
    texts = [(0, "The Solen 5 comes with 8GB of RAM."), (1, "The Solen 5 Pro comes with 12GB of RAM.")]
    assert _table(texts)[1] == []


def test_a_measure_written_before_its_noun_is_of_what_its_unit_measures() -> None:
    """ "its 52-million-cubic-metre reservoir" gives the reservoir's capacity, as "holds 48
    million cubic metres" does: one fact, two values."""
    texts = [(0, "The Tarn Dam holds 48 million cubic metres of water when full."),
             (1, "Engineers say the Tarn Dam and its 52-million-cubic-metre reservoir are sound.")]  # fmt: skip
    (c,) = _table(texts)[1]
    want = ("48 million cubic metres", "52-million-cubic-metre", CERTAIN)
    assert (c["a_value"], c["b_value"], c["confidence"]) == want


def test_hospitalised_is_not_wounded() -> None:
    """Those taken to hospital are some of the wounded: 300 hospitalised and 352 wounded do not
    disagree."""
    texts = [(0, "Three hundred people were hospitalized after the blasts."),
             (1, "The blasts left 352 people wounded.")]  # fmt: skip
    assert _table(texts)[1] == []


def test_a_deadly_event_does_not_make_its_neighbours_dead() -> None:
    """ "took seven people in for questioning ... in connection with the deadly siege": the seven
    are not dead; a deadline is no death either."""
    from compare.text.fact_words import predicate_of

    assert [predicate_of(w) for w in ("deadly", "deadline", "dead", "killed")] == [None, None, "death", "death"]
    texts = [(0, "Police took seven people in for questioning in connection with the deadly siege."),
             (1, "Five people at a pizzeria were killed by the attackers.")]  # fmt: skip
    assert [c for c in _table(texts)[1] if c["confidence"] == CERTAIN] == []


def test_a_count_of_events_is_of_the_events_whatever_else_its_sentence_says() -> None:
    """"six coordinated attacks" and "seven terror attacks" count one thing, though one sentence
    has a death toll's verb and the other "carried out" (made, not carried aboard); attacks
    thwarted are no count of attacks made, and a verb with its object counts nothing."""
    texts = [(0, "At least 127 were killed on Friday in a series of six coordinated attacks in Paris."),
             (1, "There were seven coordinated terror attacks in Paris carried out by militants."),
             (2, "Five attacks have been thwarted since the summer in Paris.")]  # fmt: skip
    _, conflicts = _table(texts)
    assert [(c["a_value"], c["b_value"]) for c in conflicts] == [("six", "seven")]
    (made,) = statement_mentions("0:1", 0, "Nine militants carried out the attacks.")
    assert "aboard" not in made["words"] and "perpetrated" in made["words"]
    assert statement_mentions("0:2", 0, "A team of three attacked the stadium.") == []


def test_a_value_listed_after_another_has_its_holder() -> None:
    """"The Solen 5 Pro adds a 6.8-inch display, a 5,200mAh battery": the battery is the Pro's,
    as the display is, so it is no conflict with the Solen 5's 4,500mAh; a value after a clause
    mark does not inherit."""
    text = "The Solen 5 Pro adds a 6.8-inch display, a 5,200mAh battery and a periscope lens."
    assert [m["holder"] for m in statement_mentions("0:1", 0, text)] == ["solen 5 pro", "solen 5 pro"]
    texts = [(0, "The Solen 5 has a 4,500mAh battery."), (1, text)]
    assert _table(texts)[1] == []
    broken = "The Solen 5 Pro adds a 6.8-inch display; a 5,200mAh battery is new."
    assert [m["holder"] for m in statement_mentions("0:2", 0, broken)] == ["solen 5 pro", ""]


def test_a_place_noun_ending_a_name_is_no_other_holder() -> None:
    """"the Morrin Dam" and "the Morrin reservoir" hold one reservoir: their levels conflict."""
    from compare.statements.fact_holders import holders_agree

    assert holders_agree("morrin dam", "morrin") and not holders_agree("solen 5", "solen 5 pro")


def test_listed_parts_are_parts_and_an_increment_is_compared_with_no_figure() -> None:
    """"75 weapons seized, including 11 heavy weapons, 33 long firearms and 31 handguns": every
    listed part is a part (a possible conflict at most); "a further 164" placed under house
    arrest is added to an earlier day's count: no disagreement with "an additional 118"."""
    text = "Police seized 75 weapons, including 11 heavy weapons, 33 long firearms and 31 handguns."
    assert [m["modality"] for m in statement_mentions("0:1", 0, text)] == ["asserted", "partial", "partial", "partial"]
    (added,) = statement_mentions("0:2", 0, "A further 164 people have been placed under house arrest.")
    assert added["modality"] == "increment"
    texts = [(0, "A further 164 people have been placed under house arrest in France."),
             (1, "An additional 118 people were put under house arrest in France.")]  # fmt: skip
    assert _table(texts)[1] == []


def test_a_count_with_no_noun_before_what_befalls_people_counts_people() -> None:
    """"Eighty are in a critical condition" and "all 129 who were killed" count people, by what
    befalls them; "who is 21" is an age, no count; a count before anything else counts nothing."""
    (critical,) = statement_mentions("0:1", 0, "Eighty are in a critical condition.")
    assert (critical["noun"], critical["words"][0]) == ("person", "critical")
    (killed,) = statement_mentions("0:2", 0, "Officials identified all 129 who were killed on Friday.")
    assert (killed["noun"], killed["words"][0]) == ("person", "death")
    aged = statement_mentions("0:3", 0, "Hamza Attouh, who is 21, was arrested in Belgium.")
    assert all(m["kind"] != "count" for m in aged)
    assert statement_mentions("0:4", 0, "Eighty are on the list.") == []


def test_a_phrase_right_before_a_value_says_what_it_is_and_a_rumour_conflicts_with_nothing() -> None:
    """"the Solen 5 starts at $799" is a price (not something that starts), the same fact as
    "will sell for $799"; a figure leakers insisted on is doubted, no disagreement with it."""
    (starts,) = statement_mentions("0:1", 0, "In the United States, the Solen 5 starts at $799.")
    assert starts["words"][0] == "cost"
    texts = [(0, "In the United States, the Solen 5 starts at $799."),
             (1, "In the U.S., the base Solen 5 will sell for $799."),
             (2, "For weeks, leakers insisted the Solen 5 would cost $699.")]  # fmt: skip
    facts, conflicts = _table(texts)
    assert conflicts == []
    assert set(facts.get_column("stmt_id").to_list()) >= {"0:1", "1:2"}


def test_a_model_code_after_a_name_is_part_of_it() -> None:
    """"the Galaxy S4's 130 g" is the Galaxy S4's (the name ran out at "S4's" before), and the
    145 g before "heavier than the Galaxy S4" is not (a comparison's base holds only what follows
    it); a code alone ("rated IP68") is no name."""
    heavier = statement_mentions("0:1", 0, "It weighs 145 g, slightly heavier than the Galaxy S4's 130 g.")
    assert [m["holder"] for m in heavier] == ["", "galaxy s4"]
    assert [m["holder"] for m in statement_mentions("0:2", 0, "The phone weighs 189 grams and is rated IP68.")] == [""]


def test_a_value_naming_no_holder_joins_only_a_holder_its_document_names() -> None:
    """"It weighs 145 grams" in a review that never names the Alpha is not the Alpha's weight,
    though the Alpha is the only holder weighed in the corpus; in a review that names it, it is."""
    texts = [(0, "The Alpha weighs only 115 grams."), (1, "It weighs 145 grams and feels solid.")]
    found = mentions(_statements(texts))

    def texts_of(docs: set[int]) -> dict[int, tuple[str, dict[str, int]]]:
        return {d: (" ".join(t for dd, t in texts if dd == d).lower(), {}) for d in docs}

    assert len(fact_table(found, documents=2).conflicts) == 1  # without the documents' texts: joined
    assert fact_table(found, documents=2, texts_of=texts_of).conflicts == []
    texts[1] = (1, "Unlike the Alpha, it weighs 145 grams and feels solid.")
    assert len(fact_table(mentions(_statements(texts)), documents=2, texts_of=texts_of).conflicts) == 1


def test_a_value_naming_no_holder_joins_only_a_holder_named_before_it() -> None:
    """"It" refers back: a review's "it weighs 145 grams" is the Alpha's when the review named
    the Alpha before, not when the Alpha comes up only further down (a spec box at the top of a
    review is not of a rival it mentions later). The text is read in source order, headings too."""
    from compare.pipeline import _texts_of

    def run(second: list[tuple[int, str, str]]) -> list[dict]:
        rows = [(0, 0, "", "The Alpha weighs only 115 grams.")]
        rows += [(1, start, section, t) for start, section, t in second]
        frame = pl.DataFrame(
            {"stmt_id": [f"{d}:{i}" for i, (d, *_) in enumerate(rows, 1)], "doc_id": [r[0] for r in rows],
             "start": [r[1] for r in rows], "section": [r[2] for r in rows], "text": [r[3] for r in rows],
             "kind": ["claim"] * len(rows)}
        )  # fmt: skip
        return fact_table(mentions(frame), documents=2, texts_of=lambda docs: _texts_of(frame, docs)).conflicts

    weighs, later = "It weighs 145 grams and feels solid.", "Unlike the Alpha, it has a bright screen."
    assert run([(0, "", weighs), (50, "", later)]) == []
    assert len(run([(0, "", later), (50, "", weighs)])) == 1
    assert len(run([(50, "", weighs), (0, "", later)])) == 1  # source order, not statement order
    assert len(run([(0, "Our verdict on the Alpha", weighs)])) == 1  # its heading names it


def test_a_distance_from_a_point_takes_no_point_named_only_before_its_sentence() -> None:
    """"1,550 miles off the west coast" is measured from a point its sentence names or none: not
    from Perth, which the same article passed through before ("a plane will fly to Perth"), so no
    conflict with "1,800 km west of Perth"; a sentence naming Perth further on still does."""
    from compare.pipeline import _texts_of

    def conflicts(sentence: str) -> list[dict]:
        texts = [
            (0, "The new search area lies some 1,800 km west of Perth."),
            (1, "A second plane will fly from Okinawa to Perth on Friday."),
            (1, sentence),
        ]
        frame = _statements(texts).with_columns(start=pl.int_range(pl.len()))
        return fact_table(mentions(frame), documents=2, texts_of=lambda docs: _texts_of(frame, docs)).conflicts

    assert conflicts("Images show objects some 1,550 miles (2,500 kilometers) off the west coast of Australia.") == []
    assert len(conflicts("The images show objects some 1,550 miles west, a long way out from Perth.")) == 1


def test_there_is_the_place_its_sentence_names_before_it() -> None:
    """"stormed the concert hall and all four attackers there were dead": there is the hall (the
    Bataclan, where the corpus names the hall so), one fact with another source's count at the
    Bataclan; a "there" whose place is in another sentence stays a place of its own."""
    texts = [
        (0, "Security forces stormed the concert hall and all four attackers there were dead."),
        (1, "Four attackers were dead at the Bataclan concert hall."),
    ]
    facts, _ = _table(texts)
    assert facts.get_column("scope").unique().to_list() == ["at bataclan"]
    (row,) = statement_mentions("0:1", 0, "They went on. Two people died there.")
    assert row["places"][0].startswith("there:")


def test_a_chronology_entry_dates_the_event_after_its_colon() -> None:
    """"00:41, 8 March: Flight 22 departed from Kelby" times the departure (the words after the
    colon), as "took off from Kelby at 12:21 a.m." does: the two times disagree; a spec line's
    label ("Battery: 5,000 mAh") still says what its value is of."""
    texts = [
        (0, "00:41, 8 March: Flight 22 departed from Kelby and was due to land at 06:30."),
        (1, "Radio contact was lost an hour after takeoff from Kelby, which was at 12:21 a.m. on March 8."),
    ]
    facts, conflicts = _table(texts)
    assert [(c["a_value"], c["b_value"]) for c in conflicts] == [("00:41", "12:21 a.m.")]
    assert "departure" in facts.get_column("attribute")[0]
    (battery,) = statement_mentions("0:1", 0, "Battery: 5,000 mAh")
    assert battery["words"][:1] == ["capacity"]


def test_an_earthquake_report_s_figures_are_read_for_what_they_are() -> None:
    """A dateline naming the country too is no date of anything; "Tuesday's earthquake" is no
    place; a figure with a fraction counts nothing ("measured 6.8 and killed 92 people": 92 dead,
    not 6.8); "southwest" and "south-west" are one direction."""
    dated = statement_mentions("0:1", 0, "SORRIN, Velmora, March 3 (Reuters) - A quake killed 14 people.")
    assert [m["span"] for m in dated] == ["14"]
    (toll,) = statement_mentions("0:1", 0, "The number of people killed in Tuesday's earthquake has risen to 19.")
    assert toll["places"] == []
    counts = statement_mentions("0:1", 0, "The quake measured 6.8 and killed 92 people.")
    assert [(m["span"], m["kind"]) for m in counts] == [("92", "count")]
    texts = [(0, "The epicentre was 35 km southwest of Sorrin."), (1, "Its epicentre was 40 km south-west of Sorrin.")]
    facts, conflicts = _table(texts)
    assert len(conflicts) == 1 and facts.get_column("attribute")[0].startswith("southwest")


def test_an_earthquake_s_magnitude_is_one_measure_of_nobody() -> None:
    """"a magnitude 6.4 earthquake", "the 6.2-magnitude tremor", "of magnitude 6.4", "6.1 on the
    Richter scale": one measure, whatever place the sentence names; an aftershock's is another."""
    for text, span in {
        "A magnitude 6.4 earthquake struck southern Velmora.": "magnitude 6.4",
        "The 6.2-magnitude tremor struck at dawn.": "6.2-magnitude",
        "An earthquake of magnitude 6.4 occurred off Kesh.": "magnitude 6.4",
        "The quake measured 6.1 on the Richter scale.": "6.1 on the Richter scale",
    }.items():
        (m,) = [m for m in statement_mentions("0:1", 0, text) if m["kind"] == "measure"]
        assert (m["span"], m["unit"], m["holder"]) == (span, "magnitude:M", ""), text
    texts = [(0, "A magnitude 6.4 earthquake struck Velmora."), (1, "The 6.2-magnitude quake struck Velmora."),
             (1, "A 5.1 magnitude aftershock followed.")]  # fmt: skip
    assert [(c["a_value"], c["b_value"]) for c in _table(texts)[1]] == [("magnitude 6.4", "6.2-magnitude")]


def test_figures_of_two_quarters_are_two_facts() -> None:
    """"third-quarter revenue of $5.1 billion on Tuesday" and "$5.2 billion in the third quarter"
    disagree ("on Tuesday" says when, not what the sum is for); the fourth quarter's and the first
    quarter's revenue are other facts."""
    texts = [
        (0, "Kestrel Bank reported third-quarter revenue of $5.1 billion on Tuesday."),
        (1, "Kestrel Bank said fourth-quarter revenue was $5.6 billion."),
        (2, "Kestrel Bank posted revenue of $5.2 billion in the third quarter."),
        (3, "In Q1, Kestrel Bank had revenue of $4.9 billion."),
    ]
    _, conflicts = _table(texts)
    assert [(c["a_value"], c["b_value"]) for c in conflicts] == [("$5.1 billion", "$5.2 billion")]


def test_a_fine_is_a_penalty_and_a_figure_after_a_name_with_a_scale_is_a_sum() -> None:
    """"fined Velo Search 4.1 billion euros" is a sum of 4.1 billion (not a name "Velo Search 4.1"
    and a billion), a penalty as "a record 4.1 billion euros fine" is: one fact the sources agree on;
    "the Solen 5" and "Flight 370" stay names."""
    texts = [(0, "Regulators fined Velo Search a record 4.1 billion euros on Wednesday."),
             (1, "The Commission fined Velo Search 4.1 billion euros.")]  # fmt: skip
    facts, conflicts = _table(texts)
    assert conflicts == [] and facts.get_column("attribute").unique().to_list() == ["penalty (EUR)"]
    assert [q.span for q in quantities("The Solen 5 costs $799 on Flight 370.")] == ["$799"]


def test_a_share_in_words_and_a_network_generation() -> None:
    """"three in four voters", "one in five children", "Seven out of 10 people" are shares (75, 20,
    70 percent; "three in four" agrees with "75% of voters"); "two in 2019" is no share; "5G" and
    "4G LTE" are networks, no weight in grams ("145g" is one)."""
    shares = {
        "Three in four voters backed the plan.": 75.0,
        "One in five children lives in poverty.": 20.0,
        "Seven out of 10 people agreed.": 70.0,
    }
    for text, share in shares.items():
        assert [(q.kind, q.low) for q in quantities(text)] == [("percent", share)], text
    assert [q.kind for q in quantities("He scored two in 2019.")] == ["count"]
    assert quantities("The 5G network reached a 4G LTE phone.") == []
    assert [q.unit for q in quantities("It weighs 145g.")] == ["mass:kg"]


def test_a_temperature_below_zero_and_a_duration_in_parts() -> None:
    """"minus 20C", "-4F" and "about minus 5C" are below zero (the interval the right way round);
    "2 hours 1 minute 9 seconds" and "three hours and 20 minutes" are one duration each."""
    for text, low, high in (("Temperatures hit minus 20C.", -20.0, -20.0), ("It was -4F.", -20.0, -20.0),
                            ("Lows of about minus 5C.", -5.5, -4.5)):  # fmt: skip
        (q,) = quantities(text)
        assert (q.unit, round(q.low, 2), round(q.high, 2)) == ("temperature:C", low, high), text
    (run,) = quantities("He ran it in 2 hours 1 minute 9 seconds.")
    assert (run.span, round(run.low * 3600)) == ("2 hours 1 minute 9 seconds", 7269)
    (outage,) = quantities("The outage lasted three hours and 20 minutes.")
    assert round(outage.low * 60) == 200


def test_may_the_month_is_no_forecast() -> None:
    """"3.2 percent in May" is asserted; "prices may rise 3 percent" is a forecast."""
    (may,) = statement_mentions("0:1", 0, "Inflation slowed to 3.2 percent in May.")
    (modal,) = statement_mentions("0:1", 0, "Prices may rise 3 percent.")
    assert (may["modality"], modal["modality"]) == ("asserted", "hypothetical")


def test_a_change_by_a_fraction_and_a_lower_risk() -> None:
    """"by about a fifth", "by a third", "by half" are changes of about 20, 33 and 50 percent ("half
    the homes" is none); "a 22 percent lower risk" is a finding ("at risk of collapse" is a threat)."""
    for text, low in (("It lowers the risk by about a fifth.", 18.0), ("Sales fell by a third.", 30.0),
                      ("The council cut the budget by half.", 45.0)):  # fmt: skip
        (q,) = quantities(text)
        assert (q.kind, round(q.low, 1)) == ("percent", low), text
    assert quantities("Half the homes flooded.") == []
    (risk,) = statement_mentions("0:1", 0, "Walkers have a 22 percent lower risk of heart disease.")
    assert risk["modality"] == "asserted"


def test_speeds_in_km_per_hour_and_metres_per_second() -> None:
    """"225 km/h", "225km/h" and "62.5 m/s" are speeds, one and the same ("140 mph" is 225 km/h)."""
    for text in ("winds of 225 km/h", "a 225km/h wind", "gusts of 62.5 m/s", "winds of 140 mph"):
        (q,) = quantities(text)
        assert (q.unit, round(q.low)) == ("speed:km/h", 225), text


def test_points_of_a_share_and_points_scored() -> None:
    """"up 4.1 percentage points" and "25 basis points" are changes in percentage points (a basis
    point a hundredth of one), "200 points" of an index and "31 points" scored are points: measures,
    no counts of "point" (and no figure lost: "4.1" was a fraction of a count)."""
    got = {t: [(q.unit, round(q.low, 2)) for q in quantities(t)] for t in (
        "The Liberals won 38.2% of the vote, up 4.1 percentage points.", "Rates rose by 25 basis points.",
        "The Dow fell 200 points.", "He scored 31 points in the final.")}  # fmt: skip
    assert list(got.values()) == [
        [("%", 38.2), ("points:pp", 4.1)], [("points:pp", 0.25)], [("points:pt", 200.0)], [("points:pt", 31.0)]
    ]


def test_cases_of_a_disease_are_events_that_grow() -> None:
    """"40 cases of measles" and "the number of measles cases has reached 52" count cases, whatever
    the verb ("confirmed"), and a later, larger count between dated sources is an update."""
    texts = [(0, "Health officials have confirmed 40 cases of measles in Dunmere."),
             (1, "The number of measles cases in Dunmere has reached 52, officials said.")]  # fmt: skip
    facts, conflicts = _table(texts, dates={0: "2026-03-02", 1: "2026-03-05"})
    assert conflicts == [] and facts.get_column("status").unique().to_list() == ["updated"]


def test_people_displaced_or_made_homeless_grow() -> None:
    """"displaced 5,000 people" and "8,000 people have been made homeless" (a word of what befalls
    people, though it begins with a counted noun's "home") are one count that grows."""
    texts = [(0, "The floods have displaced 5,000 people in Kesh."),
             (1, "Some 8,000 people have been made homeless by the floods in Kesh.")]  # fmt: skip
    facts, _ = _table(texts, dates={0: "2026-03-02", 1: "2026-03-05"})
    assert facts.select("attribute", "status").unique().rows() == [("displaced (people)", "updated")]


def test_a_holder_is_named_by_its_last_two_words() -> None:
    """A review that says "Galaxy S5" names the "Samsung Galaxy S5" of another source: its
    holderless "16-megapixel sensor" may be the S5's (the nearest value), not only the S4's."""
    from compare.pipeline import _texts_of

    texts = [
        (0, "The Samsung Galaxy S5 has a 16-megapixel sensor."),
        (1, "The Galaxy S4 has a 13-megapixel sensor."),
        (2, "The Galaxy S5 replaces the Galaxy S4."),
        (2, "The camera has been upgraded to a 16-megapixel sensor."),
    ]
    frame = _statements(texts).with_columns(start=pl.int_range(pl.len()))
    table = fact_table(mentions(frame), documents=3, texts_of=lambda docs: _texts_of(frame, docs))
    assert table.conflicts == []
    assert ("0:1", "16-megapixel", "2:4", "16-megapixel") in table.agreeing


def test_a_value_after_a_change_and_from_is_an_earlier_state() -> None:
    """"boosted from 2600mAh to 2800mAh": 2600mAh is what the battery was, not what it is."""
    rows = statement_mentions("0:1", 0, "The battery has been boosted from 2600mAh to 2800mAh.")
    assert [(m["span"], m["modality"]) for m in rows] == [("2600mAh", "previous"), ("2800mAh", "asserted")]
    texts = [(0, "The battery has been boosted from 2600mAh to 2800mAh."), (1, "The battery holds 2,800mAh.")]
    assert _table(texts)[1] == []
    range_rows = statement_mentions("0:1", 0, "Flights cost from $10 to $20.")  # no change word: no earlier state
    assert all(m["modality"] != "previous" for m in range_rows)


def test_holders_skip_an_acronym_before_a_noun_and_find_a_possessive_code() -> None:
    """"an LED flash and a 2.0MP front camera": LED describes the flash; "the M8's version has a
    lower max speed at 2.3GHz": the M8 owns the speed, though further than six tokens."""
    rows = statement_mentions("0:1", 0, "It has an LED flash and a 2.0MP front camera.")
    (camera,) = [m for m in rows if m["low"] == 2.0]
    assert camera["holder"] == ""
    text = "Both use a Snapdragon 801, but the M8's version has a lower max speed at 2.3GHz."
    (speed,) = statement_mentions("0:1", 0, text)
    assert speed["holder"] == "m8"
    (rated,) = statement_mentions("0:1", 0, "The phone weighs 189 grams and is rated IP68 for dust.")
    assert rated["holder"] == ""  # a rating code is no holder unless in the possessive
    (earned,) = statement_mentions("0:1", 0, "The rival ACME earned $5 million last year.")
    assert earned["holder"] == "acme"  # an acronym before a verb is a name


def test_a_fact_says_its_place_and_period() -> None:
    """Two death tolls, the attack's and the concert hall's, are told apart in words, not by an id alone."""
    texts = [(0, "At the concert hall, 89 people were killed."), (1, "At the concert hall, 80 people were killed."),
             (0, "In all, 129 people were killed."), (1, "In all, 127 people were killed.")]  # fmt: skip
    facts, conflicts = _table(texts)
    scopes = dict(facts.select("span", "scope").iter_rows())
    assert scopes["89"] == "at hall" and scopes["129"] == ""
    assert any(c["explanation"].startswith("Both state death (people) at hall") for c in conflicts)


def test_a_counted_noun_phrase_ends_at_a_place_preposition() -> None:
    """"640 homes across Brennock" counts homes (Brennock is where), as "640 homes in Brennock" does."""
    (across,) = statement_mentions("0:1", 0, "Floodwater entered 640 homes across Brennock and Kilnmoor.")
    (inside,) = statement_mentions("0:1", 0, "Floodwater entered 640 homes in Brennock.")
    assert across["noun"] == inside["noun"] == "home"


def test_a_count_with_no_noun_after_it_counts_the_tally_named_before() -> None:
    """"the number of flooded homes has risen to 640" counts homes; "the death toll rose to 130"
    counts people who died, and "rises" marks a running total as "rose" does."""
    (homes,) = statement_mentions("0:1", 0, "The number of flooded homes has risen to 640, the council said.")
    assert homes["noun"] == "home" and "flooded" in homes["words"]
    (toll,) = statement_mentions("0:1", 0, "The death toll rises to 130.")
    assert toll["noun"] == "person" and "death" in toll["words"] and toll["running"]
    assert statement_mentions("0:1", 0, "Officials say it is 130, the council said.") == []  # nothing named


def test_an_ordinal_by_a_value_numbers_its_occasion() -> None:
    """"the €130 billion second rescue" and "the first 110bn euro rescue" are two rescues, no
    disagreement; "first" as an adverb numbers nothing."""
    texts = [(0, "Ministers approved the €130 billion second rescue package for Greece."),
             (1, "He voted against the first 110bn euro rescue package for Greece.")]  # fmt: skip
    assert _table(texts)[1] == []
    (adverb,) = statement_mentions("0:1", 0, "It cost $5 million first and more later.")
    assert not any(t.startswith("the ") for t in adverb["times"])


def test_a_value_naming_no_holder_is_not_of_the_holder_its_sentence_contrasts() -> None:
    """"At 5.57 ounces, it's lighter than the Active's 6-ounce weight": the 5.57 ounces are not
    the Active's, so they do not meet another source's "the Active weighs 6 ounces"."""
    texts = [(0, "At 5.57 ounces, it is lighter than the Active's 6-ounce weight."),
             (1, "The Active weighs 6 ounces.")]  # fmt: skip
    facts, conflicts = _table(texts)
    assert conflicts == []
    assert set(facts.filter(pl.col("holder") == "active").get_column("span")) == {"6-ounce", "6 ounces"}


def test_the_story_year_is_the_latest_two_sources_name() -> None:
    """Stories name the years of what they recall ("since the 2004 bombings in Madrid") more often
    than their own: the latest year two documents name is the story's, and a recalled event's
    toll is another occasion, no disagreement with the story's."""
    texts = [(0, "The 2004 bombings in Madrid killed 191 people."), (1, "In 2004, bombings killed 191 people."),
             (2, "Bombs killed 191 people in 2004."), (3, "The 2015 attacks killed 130 people."),
             (4, "In 2015, attackers killed 129 people."), (5, "Attackers killed 130 people."),
             (6, "Gunmen killed 129 people on Friday.")]  # fmt: skip
    facts, conflicts = _table(texts)
    assert not any("191" in (c["a_value"], c["b_value"]) for c in conflicts)
    assert set(facts.filter(pl.col("scope") == "in 2004").get_column("span")) == {"191"}


def test_one_surname_is_two_people_unless_the_given_names_are_alike() -> None:
    """An age is of the whole name before it: "Ahmad Al Mohammad, a 25-year-old" and "Pouria Nour
    Mohammad, 19," are two people (no conflict); "Ibrahim Abdeslam, a 31-year-old" and "Brahim
    Abdeslam, 31," one person spelled two ways (one fact, and 30 against 31 would conflict)."""
    texts = [(0, "The passport bore the name Ahmad Al Mohammad, a 25-year-old born in Idlib."),
             (1, "Police identified the man as Pouria Nour Mohammad, 19, on Tuesday."),
             (2, "Prosecutors named Ibrahim Abdeslam, a 31-year-old living in Belgium, as the bomber."),
             (3, "Brahim Abdeslam, 30, blew himself up inside a busy cafe.")]  # fmt: skip
    facts, conflicts = _table(texts)
    assert [(c["a_value"], c["b_value"]) for c in conflicts] == [("31-year-old", "30")]
    assert facts.get_column("holder").unique().to_list() == ["ibrahim abdeslam"]


def test_a_sentence_adverb_is_no_part_of_the_name_after_it() -> None:
    """"Meanwhile Ahmad Dahmani, a 26-year-old ..." is Ahmad Dahmani's age; "Islamic State"
    opening a sentence is still a name."""
    from compare.statements.holders import name_runs
    from compare.text.quantities import tokenize

    runs = name_runs(tokenize("Meanwhile Ahmad Dahmani, a 26-year-old Belgian, is held in Turkey."))
    assert [n for _, _, n in runs] == ["ahmad dahmani", "belgian", "turkey"]
    assert name_runs(tokenize("Islamic State said it carried out the attacks."))[0][2] == "islamic state"


def test_a_unit_or_a_time_zone_is_no_holder() -> None:
    """"2 GB RAM" is no figure of someone called GB, nor "(0546 GMT) at a depth of about 24km" of GMT."""
    (ram,) = statement_mentions("0:1", 0, "Internal 16/32 GB, 2 GB RAM")
    (depth,) = statement_mentions("0:2", 0, "It struck at 1446 local time (0546 GMT) at a depth of about 24km.")
    assert (ram["span"], ram["holder"]) == ("2 GB", "")
    assert (depth["span"], depth["holder"]) == ("about 24km", "")


def test_a_duration_of_something_is_a_fact_of_that_thing() -> None:
    """"10 hours of video playback" and "in 7 hours" at full brightness are battery lives under two
    conditions: no conflict; two durations of one thing ("12 hours of video playback" promised,
    "nearly 10 hours of video playback" measured) may conflict, possibly only."""
    texts = [(0, "At max brightness you can run through the battery in 7 hours without doing anything."),
             (1, "In our rundown test the battery kept going through nearly 10 hours of video playback."),
             (2, "Samsung promises 10 hours of web browsing and 12 hours of video playback on a charge.")]  # fmt: skip
    _, conflicts = _table(texts)
    assert [(c["a_value"], c["b_value"], c["confidence"]) for c in conflicts] == [("nearly 10 hours", "12 hours", 0.45)]
    (m,) = statement_mentions("0:1", 0, texts[1][1])
    assert m["after"][0] == "of:video playback"


def test_sums_paid_for_different_things_are_two_facts() -> None:
    """"spent £1.32bn on salaries" and "paid £960m for 42 games" are two sums (no conflict); two
    sums for the same thing may conflict, possibly only."""
    texts = [(0, "English clubs spent more than £1.32bn on employee salaries last season."),
             (1, "BT paid £960m for 42 games per season, four more than before."),
             (2, "Sky paid £1.2bn for 126 games per season, the league said.")]  # fmt: skip
    _, conflicts = _table(texts)
    assert [(c["a_value"], c["b_value"], c["confidence"]) for c in conflicts] == [("£960m", "£1.2bn", 0.45)]


def test_what_a_sum_is_paid_for_ends_before_its_period() -> None:
    """"paid £100m for the striker last summer": a sum for the striker, in the period "last summer"
    (not for "the striker last"); another summer's sum is another fact."""
    texts = [(0, "The club paid £100m for the striker last summer."),
             (1, "The club paid £80m for the striker last summer.")]  # fmt: skip
    facts, conflicts = _table(texts)
    assert facts.get_column("attribute").unique().to_list() == ["striker (GBP)"]
    assert facts.get_column("scope").unique().to_list() == ["last summer"]
    assert [(c["a_value"], c["b_value"]) for c in conflicts] == [("£100m", "£80m")]
    texts[1] = (1, "The club paid £80m for the striker this summer.")
    assert _table(texts)[1] == []


@pytest.mark.parametrize(
    "said",
    [
        "Tuesday's blast at the Varnholm chemical plant claimed 15 lives.",
        "Tuesday's explosion at the Varnholm chemical plant left 15 dead.",
        "There were 15 fatalities in Tuesday's explosion at the Varnholm chemical plant.",
    ],
)
def test_a_death_toll_in_other_words_is_one_fact(said: str) -> None:
    """"claimed 15 lives", "left 15 dead" and "15 fatalities" count people who died, as "killed 12
    people" does: one fact, a certain conflict. A headline's "127 Dead" is not read so (no
    "left" or "the" before it: a caption's "19 dead" may be of one place)."""
    texts = [(0, "The explosion at the chemical plant in Varnholm killed 12 people on Tuesday."), (1, said)]
    facts, conflicts = _table(texts)
    assert facts.get_column("attribute").unique().to_list() == ["death (people)"]  # a row per mention
    assert [(c["a_value"], c["b_value"], c["confidence"]) for c in conflicts] == [("12", "15", CERTAIN)]
    (headline,) = statement_mentions("0:1", 0, "Paris Attacks: 127 Dead After Gunmen Stage Multiple Attacks")
    assert headline["noun"] != "person"


def test_turnout_is_a_class_and_depth_under_snow_is_no_ceiling() -> None:
    """Turnout figures of one vote disagree for certain, however the sentences differ; "buried under
    45 centimetres of snow" is a depth of 45 cm, where "under 2 metres" alone is at most 2 metres."""
    texts = [(0, "Polls closed at 8 p.m. and turnout was 61 percent."), (1, "Turnout stood at 64% when polls closed.")]
    facts, conflicts = _table(texts)
    assert set(facts.select("attribute", "status").iter_rows()) == {("turnout (%)", "conflict")}
    assert [(c["a_value"], c["b_value"], c["confidence"]) for c in conflicts] == [("61 percent", "64%", CERTAIN)]
    (snow,) = quantities("Halden was buried under 45 centimetres of snow.")
    assert (snow.low, snow.high) == (0.45, 0.45)
    (short,) = quantities("The car was under 2 metres long.")
    assert (short.low, short.high) == (-math.inf, 2.0)


@pytest.mark.parametrize(
    ("a", "b", "attribute"),
    [
        ("The Arden tower is 310 metres tall.", "At 290 metres, the Arden tower is the tallest building.", "height"),
        ("Around 300 flights were cancelled at Orly.", "The cancellation of 450 flights at Orly.", "cancelled"),
        ("The vaccine was 91 percent effective.", "The trial showed the vaccine to be 95% effective.", "efficacy"),
    ],
)
def test_a_height_a_cancellation_and_an_efficacy_are_classes(a: str, b: str, attribute: str) -> None:
    """"310 metres tall" / "at 290 metres ... the tallest", flights cancelled / a cancellation of
    flights, "91 percent effective" / "95% effective": one fact each, a certain conflict."""
    facts, conflicts = _table([(0, a), (1, b)])
    assert facts.get_column("attribute").unique().to_list()[0].startswith(attribute)
    assert [c["confidence"] for c in conflicts] == [CERTAIN]


def test_named_hours_are_clock_times_after_a_preposition() -> None:
    """"at midnight", "by noon", "at midday" are clock times (0:00, at latest 12:00, 12:00); "the
    midnight deadline" and a band's name are none; "shortly after midnight" is 0:00 to 0:30."""
    got = {t: [(q.kind, q.low, q.high) for q in quantities(t)] for t in (
        "The ceasefire began at midnight.", "Votes must be in by noon.", "They met at midday.",
        "The midnight deadline passed.", "Midnight Oil played.", "It began shortly after midnight.",
    )}  # fmt: skip
    assert list(got.values()) == [
        [("time", 0.0, 0.0)], [("time", -math.inf, 720.0)], [("time", 720.0, 720.0)], [], [], [("time", 0.0, 30.0)]
    ]


def test_a_distance_from_a_point_is_of_the_thing_it_locates() -> None:
    """"an area 1,800km off the west coast" and "objects floating in a radius some 1,550 miles off
    the west coast" place two things: no conflict; a distance that names nothing it locates ("the
    search area is around 2,000 km west of Perth") still meets one that does ("a patch of ocean
    some 1,600 km west of Perth")."""
    apart = [
        (0, "The search will focus on an area 1,800km off the west coast of Australia."),
        (1, "Images show objects floating in a radius some 1,550 miles off the west coast of Australia."),
    ]
    assert _table(apart)[1] == []
    same = [
        (0, "The new priority search area is around 2,000 km west of Perth."),
        (1, "The search will focus on a patch of ocean some 1,600 km west of Perth."),
    ]
    assert [(c["a_value"], c["b_value"]) for c in _table(same)[1]] == [("around 2,000 km", "some 1,600 km")]


def test_the_day_a_figure_was_told_is_no_time_of_it() -> None:
    """"has risen to 17, officials said on Tuesday" is a toll told on Tuesday, not Tuesday's toll:
    no time anchor; "17 people died on Tuesday" is Tuesday's."""
    (told,) = statement_mentions("0:1", 0, "The death toll has risen to 17, officials said on Tuesday.")
    (died,) = statement_mentions("0:2", 0, "Seventeen people died on Tuesday.")
    assert "tuesday" not in told["times"] and "tuesday" in died["times"]


def test_lifted_alone_is_no_rescue() -> None:
    """"lifted its key rate", "lifted a ban" rescue nobody; "lifted to safety" and an airlift do."""
    from compare.text.fact_words import phrase_classes, predicate_of

    assert predicate_of("lifted") is None and predicate_of("airlifted") == "rescue"
    assert "rescue" in phrase_classes("Ten people were lifted to safety.")


def test_a_score_is_of_its_match_when_the_team_before_its_verb_is_named() -> None:
    """"Arsenal beat Chelsea 3-1" and "Chelsea lost 2-1 to Arsenal" are of one match; a pronoun
    before the verb names no team ("They beat Chelsea 3-1" is a score against Chelsea only)."""
    got = [statement_mentions("0:1", 0, t)[0]["holder"] for t in (
        "Arsenal beat Chelsea 3-1 on Saturday.", "Chelsea lost 2-1 to Arsenal on Saturday.", "They beat Chelsea 3-1.",
    )]  # fmt: skip
    assert got == ["arsenal v chelsea", "arsenal v chelsea", "chelsea"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a "where" clause after a place is about that place: its figures are of it
        ("Hollande then visited the Bataclan music hall, where armed assailants stormed the venue and more "
         "than 100 people died.", [("more than 100", ["bataclan"], ["hall=bataclan"])]),
        ("He had returned to the area around the scene - where 90 people were killed - while police were there.",
         [("90", ["scene"], [])]),
        ("Police raided a flat in Saint-Denis, where two people died.", [("two", ["saint-denis"], [])]),
        # no clause mark before it, or no place before it: no place
        ("Officials did not say where 15 people died.", [("15", [], [])]),
        ("They met in March, where 40 delegates voted.", [("40", [], [])]),
    ],
)  # fmt: skip
def test_a_where_clause_scopes_its_figures_to_the_place_before_it(text: str, want: list[tuple]) -> None:
    got = [(r["span"], r["places"], r["aliases"]) for r in statement_mentions("0:1", 0, text)]
    assert got == want


def test_house_arrest_is_another_fact_than_arrests() -> None:
    """"put under house arrest" counts another measure than arrests: 118 under house arrest and 104
    arrested do not disagree; 118 and 104 under house arrest do."""
    texts = [(0, "The statement added that 118 people were put under house arrest."),
             (1, "Police arrested 104 people in raids across the country.")]  # fmt: skip
    assert _table(texts)[1] == []
    texts[1] = (1, "Police placed 104 people under house arrest in raids across the country.")
    facts, conflicts = _table(texts)
    assert [(c["a_value"], c["b_value"]) for c in conflicts] == [("118", "104")]
    assert facts.get_column("attribute").unique().to_list() == ["house arrest (people)"]


@pytest.mark.parametrize("written", ["U.S.", "U.S"])
def test_initials_with_dots_are_one_token_and_no_one_letter_holder(written: str) -> None:
    """"The U.S. has spent $11.4 million" was read with a holder "u" (the first letter of U.S.,
    the tokenizer cutting at each dot); initials with dots are one token, with or without the last dot."""
    from compare.text.quantities import tokenize

    text = f"The {written} has spent $11.4 million on the search, officials said."
    assert [t.text for t in tokenize(text)][:3] == ["The", written, "has"]
    assert [(r["span"], r["holder"]) for r in statement_mentions("0:1", 0, text)] == [("$11.4 million", "")]
    clock = [t.text for t in tokenize("It left at 9 p.m. on Friday.")]
    assert clock[4:8] == ["p", ".", "m", "."]  # clock times as before


def test_a_plural_in_es_joins_its_singular() -> None:
    """"engines" and "engine", "prices" and "price" are one base form (the facts table's labels read
    "engine (station)", not "engin"); "churches" loses its "es"."""
    from compare.text.fact_words import base

    assert [base(w) for w in ("engines", "engine", "prices", "price", "hostages")] == [
        "engine", "engine", "price", "price", "hostage"
    ]  # fmt: skip
    assert base("churches") == "church" and base("raids") == "raid"


@pytest.mark.parametrize(
    ("text", "value", "not_of"),
    [
        ("More potential debris was spotted by satellites but on 28 March the main search area was moved north.",
         "28 March", "satellite"),
        ("He said five passengers who checked in for the flight but who did not board had their bags removed.",
         "five", "aboard"),
    ],
)  # fmt: skip
def test_but_ends_the_words_a_value_is_read_with(text: str, value: str, not_of: str) -> None:
    """A clause after "but" is another clause: the date the search area was moved is not one of the
    satellites that spotted debris before it, nor are passengers who did not board "aboard"."""
    (row,) = [r for r in statement_mentions("0:1", 0, text) if r["span"] == value]
    assert row["attribute"] != not_of
