"""Short stories of other kinds of news, written for these tests (tests/fixtures/domains): a bank's
results, a budget, an election, a wildfire, a train crash, a court case, a cup final, a measles
outbreak, a payments outage, a heatwave, a space probe, an earthquake, a takeover, an inflation
release, a medical study, a hurricane, a car recall, a protest march, a data breach, job cuts and a
ferry disaster, two to five sources each. Each holds
disagreements in different words and traps that are none (a forecast, a request, a figure in other
units, another time of day). The fact layer's rules were not written on them alone: they guard that
its word classes and readings go on working on topics beyond the labelled corpora."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

import compare

DOMAINS = Path(__file__).parent / "fixtures" / "domains"


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, compare.Findings]:
    """The findings of each story, by folder name (no settings file of the working folder read)."""
    with contextlib.chdir(tmp_path_factory.mktemp("cwd")):
        return {d.name: compare.run(d) for d in sorted(DOMAINS.iterdir())}


def _conflicts(findings: compare.Findings) -> dict[frozenset[str], bool]:
    """The values of each conflict (either order) and whether it is certain."""
    return {frozenset((c["a_value"], c["b_value"])): c["certain"] for c in findings.conflict_list}


def _facts(findings: compare.Findings) -> dict[str, str]:
    """Each fact's attribute (with its holder when it has one) and status."""
    return {f["attribute"] + (f" of {f['holder']}" if f["holder"] else ""): f["status"] for f in findings.fact_list}


def test_a_bank_s_results(found):
    got = _conflicts(found["bank"])
    for values in (("$1.2 billion", "$1.3 billion"), ("5 percent", "4 percent"), ("42,000", "40,000"), ("54", "55")):
        assert got.get(frozenset(values)) is True, values
    assert not any("$1.1 billion" in pair for pair in got)  # what analysts expected is no result
    assert _facts(found["bank"])["revenue (USD)"] == "agree"  # "$6.1 billion" and "$6.1bn"


def test_a_court_case(found):
    got = _conflicts(found["court"])
    assert got[frozenset(("six years", "seven years"))] is True
    assert got[frozenset(("58", "57"))] is True
    assert not any("eight years" in pair for pair in got)  # what prosecutors asked for
    assert _facts(found["court"])["convicted (count)"] == "conflict"  # eight counts / nine counts


def test_a_train_crash(found):
    got = _conflicts(found["train"])
    for values in (("Four", "Five"), ("7:42 a.m.", "7.45am"), ("about 12 kilometres", "some 15km")):
        assert got.get(frozenset(values)) is True, values
    assert got[frozenset(("43", "44-year-old"))] is False  # the driver: a role, no name
    assert _facts(found["train"])["hospitalised (people)"] == "agree"  # "Thirty-one" and "At least 28"


def test_a_wildfire(found):
    facts = _facts(found["fire"])
    assert facts["burned (area, m2) of kerrow ridge"] == "agree"  # 12,000 hectares, about 30,000 acres
    assert facts["injury (firefighter)"] == "possible-conflict"
    assert not any("20,000 hectares" in pair for pair in _conflicts(found["fire"]))  # a forecast


def test_a_cup_final(found):
    assert _conflicts(found["match"])[frozenset(("42,000", "38,500"))] is True
    assert _facts(found["match"])["score of arvel united v dunmere"] == "conflict"  # 3-1 / 3-2


def test_an_election(found):
    assert _conflicts(found["vote"])[frozenset(("68 percent", "66%"))] is True  # turnout, a class of its own
    assert not any("151" in pair for pair in _conflicts(found["vote"]))  # seats needed, not won


def test_an_outbreak(found):
    got = _conflicts(found["health"])
    assert got[frozenset(("Nineteen", "Twenty-three"))] is True  # a figure in words only ("Nineteen people")
    assert got[frozenset(("214", "231"))] is False  # "has risen to 214": a running total, maybe an update
    assert not any("95 percent" in pair for pair in got)  # the coverage needed, not reached


def test_an_outage(found):
    assert _conflicts(found["outage"])[frozenset(("six hours", "about four hours"))] is True


def test_a_heatwave(found):
    facts = {f["attribute"]: f for f in found["heat"].fact_list}
    temperature = facts["temperature (C)"]
    values = {m["value"]: m["modality"] for m in temperature["mentions"]}
    assert {"41.2C", "106 degrees Fahrenheit"} <= set(values)  # one reading: 106F is 41.1C
    assert frozenset(("41.2C", "106 degrees Fahrenheit")) not in _conflicts(found["heat"])
    assert values["43C"] == "hypothetical"  # what forecasters warn of
    assert _conflicts(found["heat"])[frozenset(("At least 12", "Nine"))] is True


def test_a_budget(found):
    got = _conflicts(found["budget"])
    assert got[frozenset(("12 billion", "12.3 billion"))] is True  # health spending
    assert got[frozenset(("47", "46"))] is True
    # "raises health spending by 4 percent" / "will rise 6 percent": two changes of one thing
    assert _facts(found["budget"])["cost (%, change)"] == "possible-conflict"
    assert not any("20 percent" in pair or "25 percent" in pair for pair in got)  # income tax, fuel tax


def test_a_space_probe(found):
    weight = _facts(found["space"])
    assert weight["weight (mass, kg)"] == "agree"  # "weighs 478 kg" and "the 1,054-pound probe"


def test_an_earthquake(found):
    """Five sources over three days (sources.csv): the magnitude and the epicentre disagree; the
    damage counts grew; the 1998 quake two sources recall is another occasion; a blog's guess that
    the toll "could climb above 50" and the airport "expected to reopen" are no disagreements."""
    got = _conflicts(found["quake"])
    assert got[frozenset(("6.2-magnitude", "magnitude 6.4"))] is True
    assert got[frozenset(("about 35 km", "40 km"))] is True
    assert got[frozenset(("roughly 35 kilometres", "40 km"))] is True  # "southwest" and "south-west"
    assert not any("6.8" in pair or "92" in pair or "above 50" in pair for pair in got)
    facts = _facts(found["quake"])
    assert facts["damaged (home)"] == "updated"  # some 3,000 on the first day, 4,600 on the third
    # "Death toll rises to 19 as rescuers dig": the dead, not rescued; the 1998 toll is a fact of its own
    tolls = {f["scope"]: f["status"] for f in found["quake"].fact_list if f["attribute"] == "death (people)"}
    assert tolls == {"": "updated", "in 1998": "agree"}
    assert facts["shelter (people)"] == "agree"  # "1,200 people spent the night in shelters": no sum of money
    assert not any(name.endswith("of reuters") for name in facts)  # the dateline's agency holds nothing


def test_a_takeover(found):
    """Four sources on a deal: the staff count disagrees (6,400 / 6,200, the whole of a part that
    "could lose their jobs" is no forecast); the price in cash and the value with debt ($4.2 billion
    / $4.5 billion), the premium to two prices (27% / 31%), the share price in the morning and at
    the close, Friday's close and Monday's are no conflicts; a union's fear and a rumour of job
    cuts neither."""
    got = _conflicts(found["deal"])
    assert got[frozenset(("6,400", "6,200"))] is True
    assert not any({"$4.2 billion", "$4.5 billion"} & pair for pair in got)
    assert not any({"27 percent", "27%", "31%", "24 percent", "22 percent", "2,000", "800"} & pair for pair in got)
    assert got.get(frozenset(("Friday", "Monday"))) in (None, False)
    assert _facts(found["deal"])["cost (USD)"] == "agree"  # the savings: "about $150 million" by 2028


def test_an_inflation_release(found):
    """Three sources on May's prices: annual inflation (3.2% / 3.1%), core inflation (3.9% / 4.1%,
    another rate than inflation as a whole) and the monthly rise (0.3% / 0.4%) disagree; "in May" is
    no "may" of a forecast; what economists expected, April's rate, the 2% target and the central
    bank's rate are no conflicts."""
    got = _conflicts(found["prices"])
    assert got[frozenset(("3.2%", "3.1%"))] is True
    assert got[frozenset(("3.9%", "4.1%"))] is True
    assert got[frozenset(("0.3%", "0.4%"))] is True
    assert not any({"3.3 percent", "3.6%", "3.6 percent", "2%", "4.5%", "4.5 percent"} & pair for pair in got)
    facts = _facts(found["prices"])
    assert facts["inflation (%)"] == "conflict" and facts["core inflation (%)"] == "conflict"


def test_a_medical_study(found):
    """Three sources on one study: the lower risk (22 percent / 30 percent / "about a fifth") and the
    follow-up (11 / 12 years) disagree; a "lower risk" is a finding, not a forecast; what the
    researchers hope a future trial will show (40 percent) is no result."""
    got = _conflicts(found["study"])
    assert got[frozenset(("22 percent", "30 percent"))] is True
    assert got[frozenset(("30 percent", "about a fifth"))] is True
    assert frozenset(("22 percent", "about a fifth")) not in got  # a fifth, about: 18 to 22 percent
    assert frozenset(("11 years", "12 years")) in got
    assert not any("40 percent" in pair for pair in got)


def test_a_hurricane(found):
    """Three sources on a landfall: the winds (140 mph = 225 km/h, against 155 mph) and the toll
    (six, against eight on the same day) disagree; "a Category 4 storm" holds nothing; the power
    cuts agree; the evacuation orders grew between dated sources; rain forecast is no rainfall."""
    got = _conflicts(found["storm"])
    assert got[frozenset(("140 mph", "155 mph"))] is True
    assert got[frozenset(("225 km/h", "155 mph"))] is True
    assert frozenset(("140 mph", "225 km/h")) not in got
    assert got[frozenset(("six", "Eight"))] is True
    assert not any("up to 20 inches" in pair or "14 inches" in pair for pair in got)
    facts = _facts(found["storm"])
    assert facts["speed (km/h)"] == "conflict" and facts["power (home)"] == "agree"
    assert facts["evacuation (people)"] == "updated"


def test_a_car_recall(found):
    """Two sources on a recall: the vehicles recalled (about 1.4 million vehicles / 1.2 million
    cars: one noun class) and the crashes linked to the fault (three / four: counted events)
    disagree; the injuries agree; the notification date is said once."""
    got = _conflicts(found["recall"])
    assert got[frozenset(("about 1.4 million", "1.2 million"))] is True
    assert got[frozenset(("three", "four"))] is True
    assert _facts(found["recall"])["injury"] == "agree"


def test_a_protest_march(found):
    """Four reports of one march: the crowd as the police, the organisers and two outlets count it,
    the start time, the arrests (more the next day), and the unions' hope for the next march."""
    got = _conflicts(found["protest"])
    assert got[frozenset(("2 p.m.", "3 p.m."))] is True  # "began at" / "set off ... at"
    # "an estimated 15,000" is an approximate count of the march, as "some 30,000" is
    assert got[frozenset(("estimated 15,000 people", "Some 30,000 people"))] is True
    # the organisers' own count against an outlet's: two claimants, a possible conflict only
    assert got[frozenset(("45,000", "Some 30,000"))] is False
    side = next(c for c in found["protest"].conflict_list if {c["a_value"], c["b_value"]} == {"45,000", "Some 30,000"})
    assert "side's own claim" in side["explanation"]
    assert not any("100,000" in pair for pair in got)  # what the unions hope for
    facts = _facts(found["protest"])
    assert facts["protest (people)"] == "conflict" and facts["arrest (people)"] == "updated"


def test_a_data_breach(found):
    """Four reports of one data theft: customers are people, and the data of 4.2 million of them was
    stolen, hacked or accessed in any words; a fall in the share price in early trading and at the
    close, a fine the company could face and its customers in total are no disagreement."""
    facts = _facts(found["breach"])
    assert facts["stolen (people)"] == "agree"
    stolen = next(f for f in found["breach"].fact_list if f["attribute"] == "stolen (people)")
    assert {0, 2, 3} <= {m["doc"] for m in stolen["mentions"]}  # customers, people
    assert not _conflicts(found["breach"])


def test_job_cuts(found):
    """Jobs and positions are one noun, cutting, eliminating or shedding them one act: 1,200 jobs
    cut against 1,500 positions eliminated disagree, and the charge (240 / 260 million euros); 900
    jobs cut elsewhere last year are none. The plant's workforce ("a workforce of 8,000" / "the
    plant's 8,400 workers") is its staff, no count of jobs cut."""
    got = _conflicts(found["layoffs"])
    assert got[frozenset(("1,200", "1,500"))] is True
    assert got[frozenset(("240 million euros", "260 million euros"))] is True
    assert got[frozenset(("8,000", "8,400"))] is True
    assert not any("900" in " ".join(pair) for pair in got)
    staff = next(f for f in found["layoffs"].fact_list if f["attribute"] == "staff (people)")
    assert {m["value"] for m in staff["mentions"]} >= {"8,000", "8,400"}
    assert _facts(found["layoffs"])["layoff (job) of korvex"] == "conflict"  # the company that cuts them


def test_a_ferry_disaster_told_over_three_days(found):
    """A toll that rose over three dated reports ("at least 9", "has risen to 17, officials said on
    Tuesday", "twenty-three"): an update, not a conflict, though one report names the day it was
    told; the rescued grow too; the people on board (80 / 86) disagree."""
    got = _conflicts(found["ferry"])
    assert got[frozenset(("80", "86"))] is True
    assert not any(certain for pair, certain in got.items() if "17" in pair or "Twenty-three" in pair)
    facts = _facts(found["ferry"])
    assert facts["death (people)"] == "updated" and facts["rescue (people)"] == "updated"
