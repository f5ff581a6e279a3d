"""One figure told by two sources in different words (a disagreement found for certain) and pairs
that only look like one (another attribute, holder, period or base, a forecast, a wish, a side's
claim, a part of a whole, a rate: no certain disagreement). Written for these tests: a regression
net for the fact layer's word classes and readings, which the labelled corpora cover in a few
phrasings only. Each pair is two one-sentence documents after a heading."""

from __future__ import annotations

import pytest

import compare

DISAGREE = [
    ("The blast at the plant killed 12 people.", "Fifteen people died in the blast at the plant."),
    ("The blast at the plant killed 12 people.", "The death toll from the blast at the plant stands at 15."),
    ("The blast at the plant killed 12 people.", "The blast at the plant claimed 15 lives."),
    ("The blast at the plant killed 12 people.", "The blast at the plant left 15 dead."),
    ("The blast at the plant killed 12 people.", "There were 15 fatalities in the blast at the plant."),
    ("The flight took off at 9:15 a.m. from Lisbon.", "The plane departed Lisbon at 9.45am."),
    ("The company reported a net profit of $2.1 billion.", "Net income came in at $2.4 billion, the company said."),
    ("Polls closed at 8 p.m. and turnout was 61 percent.", "Turnout stood at 64% when polls closed at 8 p.m."),
    ("The regulator fined the bank 12 million euros.", "The bank got a 15 million euro fine from the regulator."),
    ("Tickets cost 45 euros.", "Tickets are priced at 55 euros."),
    ("The hurricane made landfall with winds of 180 km/h.", "Winds reached 210 km/h when the hurricane made landfall."),
    ("The vaccine was 91 percent effective in the trial.", "The trial showed the vaccine to be 95% effective."),
    ("The Arden tower is 310 metres tall.", "At 290 metres, the Arden tower is the tallest building in the city."),
    ("Around 300 flights were cancelled at Orly.", "The strike forced the cancellation of 450 flights at Orly."),
    ("Mayor Ilse Brandt, 47, was re-elected on Sunday.", "Ilse Brandt, 49, won a second term as mayor on Sunday."),
    ("The singer died on March 3 at her home in Lisbon.", "The singer died at her Lisbon home on March 5."),
    ("The new bridge cost 250 million euros.", "The bridge was built at a cost of 310 million euros."),
    ("The plane was carrying 180 passengers and six crew.", "There were 172 passengers on board the plane."),
    ("The dam holds 52 million cubic metres of water.", "The reservoir's capacity is 40 million cubic metres."),
    ("The fire broke out shortly after 2 a.m.", "The blaze started at around 4 a.m."),
    ("Korvex will cut 1,200 jobs at its plant.", "Korvex will eliminate 1,500 positions at its plant."),
    ("The Greens won 98 seats.", "The Greens took 102 seats."),
    ("The company employs 42,000 people.", "The firm has a workforce of 45,000."),
    ("The hospital treated 45 people for smoke inhalation.", "Some 60 people were treated in hospital for it."),
    ("Interest rates were raised to 4.5 percent.", "The central bank lifted its key rate to 4.25%."),
    ("Korvex sold 1.2 million cars last year.", "Korvex sold 1.5 million cars last year."),
    ("Korvex has 3,000 employees.", "Korvex has a workforce of 3,600."),
    ("Northwind employs 42,000 people.", "Northwind has 45,000 employees."),
    ("Arsenal beat Chelsea 3-1 on Saturday.", "Chelsea lost 2-1 to Arsenal on Saturday."),
    ("The suspect, who is 5ft 10in tall, fled on foot.", "The suspect, who is 5ft 11in tall, fled on foot."),
    ("Sales at the retailer rose 40pc last year.", "Sales at the retailer rose 30 per cent last year."),
    ("Temperatures in the city fell to minus 5 degrees.", "Temperatures in the city fell to 5 degrees."),
    ("The blaze burned 2\u00bd hectares of forest.", "The blaze burned 21 hectares of forest."),
    ("The earthquake struck at 3.42am local time.", "The earthquake struck at 4:15 a.m. local time."),
    ("Abdelhamid Abaaoud, aged 27, was killed in the raid.", "Abdelhamid Abaaoud, 28, was killed in the raid."),
    ("The plane vanished on Mar. 8, officials said.", "The plane vanished on March 9, officials said."),
]  # fmt: skip

SAME = [
    ("The blaze burned 2\u00bd hectares of forest.", "The blaze burned 2.5 hectares of forest."),
    ("The blaze burned 2 1/2 hectares of forest.", "The blaze burned 2.5 hectares of forest."),
    ("About 1\u00bd million people fled the city.", "About 1.5 million people fled the city."),
    ("The striker, who is 6ft 2in tall, joined the club.", "The striker, who is 1.88m tall, joined the club."),
    ("The striker, who is 6ft 2in tall, joined the club.", "The 6-foot-2 striker joined the club."),
    ("Sales at the retailer rose 40pc last year.", "Sales at the retailer rose 40 per cent last year."),
    ("Temperatures in the city fell to minus 5 degrees.", "Temperatures in the city fell to -5 degrees."),
    ("The baby weighed 7lb 8oz at birth.", "The baby weighed 3.4kg at birth."),
    ("The earthquake struck at 3.42am local time.", "The earthquake struck at 03:42 local time."),
    ("The plane vanished on Mar. 8, officials said.", "The plane vanished on Saturday, March 8, officials said."),
    ("Between 10 and 15 people were hurt in the crash.", "Twelve people were hurt in the crash."),  # within the range
    ("10 to 15 people were hurt in the crash.", "Twelve people were hurt in the crash."),
    ("Output grew by 2-3 million tonnes last year.", "Output grew by 2.5 million tonnes last year."),
]  # fmt: skip
"""One figure in two notations (a fraction, a mixed number, feet and inches, "pc", a clock time with a dot):
no conflict at all."""

APART = [
    ("The fire destroyed 40 homes in Alder Creek.", "The fire damaged 65 homes in Alder Creek."),
    ("The explosion killed 12 people on Tuesday.", "The explosion injured 35 people on Tuesday."),
    ("The Arden tower is 310 metres tall.", "The Belvue tower is 290 metres tall."),
    ("Unemployment rose to 6.2 percent in March.", "Unemployment fell to 5.9 percent in April."),
    ("The economy grew 2.1 percent in the third quarter.", "The economy grew 1.4 percent in the second quarter."),
    ("Around 300 flights were cancelled at Orly on Monday.", "About 120 flights were cancelled at Orly on Tuesday."),
    ("Sales rose 5 percent from a year earlier.", "Sales rose 2 percent from the previous quarter."),
    ("The toll could rise to 50, officials warned.", "The explosion killed 12 people."),
    ("Organisers hope to attract 100,000 visitors.", "The fair attracted 60,000 visitors."),
    ("The vaccine could be 95 percent effective, it hopes.", "The vaccine was 91 percent effective in the trial."),
    ("Police said 12,000 people took part in the march.", "Organisers said 45,000 people took part in the march."),
    ("Twelve of the 35 injured were children.", "The explosion injured 35 people."),
    ("The factory produces 400 cars a day.", "The factory produced 100,000 cars last year."),
    ("Tickets cost 45 euros.", "Parking costs 12 euros."),
    ("The new line will cost 4.2 billion dollars.", "The old line cost 1.1 billion dollars in 1990."),
    ("The regulator fined the bank 12 million euros.", "The regulator fined the insurer 3 million euros."),
    ("The storm dumped 30 cm of snow on Halden.", "Halden was buried under 45 centimetres of snow."),
    ("The first phase cost 2 billion euros.", "The second phase cost 3.5 billion euros."),
    ("Twelve people died in the floods in Lyon.", "Fifteen people died in the floods in Grenoble."),
    ("The Pro costs $999.", "The Max costs $1,199."),
    ("Police said three people were arrested in Paris.", "Police said five people were arrested in Brussels."),
    ("Exports fell 3 percent in March.", "Imports fell 5 percent in March."),
    ("Korvex will cut 1,200 jobs at its plant.", "Maltec will cut 900 jobs at its plant."),
    ("Korvex has 3,000 employees.", "Maltec has 4,500 employees."),
    ("Northwind employs 42,000 people.", "Southgate employs 38,000 people."),
    ("Labour won 98 seats.", "The Greens won 60 seats."),
    ("Arden has 120 stores in France.", "Belvue has 150 stores in France."),
    ("Korvex sold 1.2 million cars last year.", "Maltec sold 900,000 cars last year."),
    ("Arsenal beat Chelsea 3-1 on Saturday.", "Arsenal beat Fulham 2-0 on Saturday."),
    (  # two events whose words share only who took part: "militants" are a story's setting, as names are
        "Islamic State militants killed 130 people in Paris on 13 November.",
        "On October 8, it conducted a targeted strike against militants in Raqqa, Syria, apparently against "
        "Salim Benghalem, a Frenchman fighting for the Islamic State.",
    ),
]  # fmt: skip


def _certain(a: str, b: str) -> list[tuple[str, str]]:
    """The values of the certain conflicts between two one-sentence documents."""
    found = compare.compare_texts({"a.txt": "Story\n\n" + a, "b.txt": "Report\n\n" + b}, jobs=1)
    return [(c["a_value"], c["b_value"]) for c in found.conflict_list if c["certain"]]


@pytest.mark.parametrize(("a", "b"), DISAGREE)
def test_one_figure_in_other_words_disagrees(a: str, b: str) -> None:
    assert _certain(a, b)


@pytest.mark.parametrize(("a", "b"), SAME)
def test_one_figure_in_two_notations_is_no_conflict(a: str, b: str) -> None:
    found = compare.compare_texts({"a.txt": "Story\n\n" + a, "b.txt": "Report\n\n" + b}, jobs=1)
    assert found.conflict_list == []


@pytest.mark.parametrize(("a", "b"), APART)
def test_a_pair_that_only_looks_like_one_figure_is_no_certain_conflict(a: str, b: str) -> None:
    assert not _certain(a, b)


def test_an_age_after_aged_is_the_age_of_the_role_before_it() -> None:
    """"The driver, aged 43," gives the driver's age as "the driver, 43," does: against "the
    44-year-old driver" a possible conflict (two stories may have two drivers), not none."""
    texts = {
        "a.txt": "Story\n\nThe driver, aged 43, was taken to hospital.",
        "b.txt": "Report\n\nThe 44-year-old driver was taken to hospital.",
    }
    found = compare.compare_texts(texts, jobs=1)
    assert [(c["a_value"], c["b_value"], c["certain"]) for c in found.conflict_list] == [("43", "44-year-old", False)]
