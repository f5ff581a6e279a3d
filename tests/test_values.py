"""Typed values read from statements: numbers, dates, years, ordinals, harm and certainty."""

from __future__ import annotations

import polars as pl
import pytest

from compare import frames
from compare.statements.values import BARE, LIST, POSSESSIVE, Value, extract, polarity, values
from compare.text.places import COUNTRY_NAMES


def of(text: str, kind: str, unit: str | None = None) -> list[Value]:
    """Values of ``kind`` (and ``unit``) extracted from ``text``."""
    return [v for v in extract(text) + polarity(text) if v.kind == kind and (unit is None or v.unit == unit)]


def one(text: str, kind: str, unit: str | None = None) -> Value:
    found = of(text, kind, unit)
    assert len(found) == 1, (text, kind, unit, extract(text))
    return found[0]


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [
        ("Twelve people were treated for smoke inhalation.", 12, "peopl"),
        ("Fifteen people were treated for smoke inhalation.", 15, "peopl"),
        ("Within an hour, 60 firefighters and 14 engines were at the scene.", 60, "firefight"),
        ("About 1,500 residents were evacuated.", 1500, "resid"),
        ("Two thousand people marched through the city.", 2000, "peopl"),
        ("The blaze destroyed 3 warehouses on the quay.", 3, "warehous"),
    ],
)
def test_numbers_with_the_noun_they_count(text, number, unit):
    """Digits and number words, with the (stemmed) noun they count; the interval contains the figure."""
    v = one(text, "number", unit)
    assert v.low <= number <= v.high
    if not any(h in text.lower() for h in ("about", "around")):
        assert v.low == v.high == number


def test_several_numbers_in_one_sentence():
    found = {
        v.unit: v.low for v in of("Within an hour, 60 firefighters and 14 engines from four stations came.", "number")
    }
    assert found == {"firefight": 60, "engin": 14, "station": 4}


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Chief Velasquez said around 60 firefighters were sent.", 60),
        ("About 200 people work for the firm.", 200),
        ("Roughly 40 boats were moored at the quay.", 40),
    ],
)
def test_hedged_numbers_are_intervals_around_the_figure(text, figure):
    """'around 60' is an interval that strictly contains 60, so it agrees with an exact 60."""
    v = one(text, "number")
    assert v.low < figure < v.high


def test_a_part_of_a_scale_word_is_read_with_it():
    """"half a million" is 500,000 and agrees with "500,000 people"; its hedge comes before the
    fraction; "three quarters of" is no count of three, "two thirds of the homes" no count of two."""
    half = one("About half a million people marched in Paris.", "number")
    assert (half.span, half.unit) == ("About half a million people", "peopl") and half.low < 5e5 < half.high
    assert one("A quarter of a million mourners came.", "number").low == 2.5e5
    assert [v.low for v in extract("Three quarters of a million homes lost power.") if v.kind == "number"] == [7.5e5]
    assert [v for v in extract("Two thirds of the homes flooded.") if v.kind == "number"] == []


def test_a_count_in_dozens_is_a_round_figure():
    """"two dozen" is 24 give or take (it meets "26 countries"); "half a dozen" is six; a hedge
    already two-sided ("some two dozen") is not widened again."""
    two = one("Up to two dozen countries joined the hunt.", "number")
    assert (two.span, two.unit, two.high) == ("Up to two dozen countries", "countri", pytest.approx(26.4))
    half = one("Half a dozen ships searched.", "number")
    assert (half.span, half.low, half.high) == ("Half a dozen ships", pytest.approx(5.4), pytest.approx(6.6))
    some = one("Some two dozen people were hurt.", "number")
    assert (some.low, some.high) == (pytest.approx(19.2), pytest.approx(28.8))


def test_a_sum_of_money_is_no_count_of_the_noun_after_it():
    """"A $1,099 phone" counts no phones (the fact layer reads the sum); "five dollars" is a sum
    in dollars; "half a million pounds" is sterling, "174 pounds" a weight where one is weighed."""
    assert of("Kestrova sells a $1,099 phone.", "number") == []
    assert of("The council set up a £500,000 emergency fund.", "number") == []
    ten = one("A woman is trying to win ten dollars.", "number")
    assert (ten.span, ten.unit, ten.low) == ("ten dollars", "USD", 10)
    half = one("Half a million pounds has been set aside by the council.", "number")
    assert (half.span, half.unit, half.low) == ("Half a million pounds", "GBP", 5e5)
    assert one("He weighed 174 pounds before the race.", "number").unit == "lb"


def test_a_number_before_a_time_zone_is_no_count():
    """"at 1400 GMT" is a time (written without a colon), not 1,400 of anything."""
    assert of("Contact was lost at 1400 GMT on Saturday.", "number") == []


def test_a_number_after_no_dot_is_a_rank_not_a_count():
    """"No. 4" is the fourth ("Europe's No. 4 phone brand" ranks a brand, "the world No.1" is first),
    "No 10 Downing Street" an address: no count of anything, no negation; "no 4G signal" is none of them."""
    rank = one("Kestrova is only Europe's No. 4 phone brand.", "ordinal")
    assert (rank.span, rank.low, rank.unit) == ("No. 4 phone", 4, "phone")
    assert of("Kestrova is only Europe's No. 4 phone brand.", "number") == []
    assert [(v.kind, v.low, v.unit) for v in extract("Djokovic is the world No.1 again.")] == [("ordinal", 1, BARE)]
    assert extract("The Prime Minister spoke outside No 10 Downing Street.") == []
    assert of("There was no 4G signal in 3 villages.", "ordinal") == []
    assert of("No 4G phones were sold.", "ordinal") == []
    assert one("There was no 4G signal in 3 villages.", "number").low == 3


def test_the_sides_of_a_size_are_no_counts():
    """"142 x 72.5 x 8.1 mm" and "1920 x 1080" are sizes (the fact layer's): no count of "x", no
    year 1920; a count after the size is still read."""
    assert [(v.kind, v.span) for v in extract("It measures 142.0 x 72.5 x 8.1 mm and 3 cameras.")] == [
        ("number", "3 cameras")
    ]
    assert extract("The screen is 1920 x 1080 pixels.") == []


def test_a_country_naming_a_currency_is_no_place():
    """"US$5 million" and "in US dollars" say in which money, not where: no place, no nationality;
    "police in the US" is a place."""
    assert of("The deal is worth US$5 million.", "place") == []
    assert of("Prices in US dollars rose.", "place") == []
    assert of("It paid 5 million Australian dollars.", "nationality") == []
    assert one("Police in the US arrested him.", "place").span == "US"


def test_a_ratio_with_a_glued_slash_is_no_value():
    """"1/2.6-inch" is a sensor's format, "24/7" always, "9/11" a date: none a count or size."""
    for text in ("The 1/2.6-inch sensor is larger.", "The shop is open 24/7 now.", "After 9/11 rules changed."):
        assert [v for v in extract(text) if v.kind == "number"] == [], text
    assert one("The 5.1-inch screen is bright.", "number").low == 5.1  # a size without a slash stays


@pytest.mark.parametrize(
    ("text", "low", "unit"),
    [
        ("The blaze burned 2\u00bd hectares of forest.", 2.5, "hectar"),
        ("The blaze burned 2 1/2 hectares of forest.", 2.5, "hectar"),
        ("A bottle holds 2 \u00bd servings of soda.", 2.5, "serv"),
        ("The storm dropped 3 3/4 inches of rain.", 3.75, "inch"),
        ("The blaze burned \u00bd hectare of forest.", 0.5, "hectar"),
        ("Some 1\u00bd million people fled the city.", 1.2e6, "peopl"),  # hedged: 1.5 million less a fifth
    ],
)
def test_a_number_with_a_fraction_is_read_whole(text, low, unit):
    """ "2\u00bd" and "2 1/2" are 2.5, not 2 (or 21, as NFKC spelled "2\u00bd") and a stray 2."""
    (got,) = [v for v in extract(text) if v.kind == "number"]
    assert (got.low, got.unit) == (pytest.approx(low), unit)


def test_a_slash_that_is_no_fraction_stays_no_value():
    """Only a whole number, a space and a proper fraction of a common denominator make a mixed
    number: "3 9/11" is three of something and a date, "2015 1/2" a year and a ratio."""
    assert [v.span for v in extract("In 2015 1/2 of them left.")] == ["2015"]
    lows = [v.low for v in extract("The 3 9/11 hijackers trained there.") if v.kind == "number"]
    assert 3.0 in lows and all(low == int(low) for low in lows)  # the three read, no 3 9/11 (3.82)
    height = extract("He is 6-foot-2\u00bd and fast.")
    assert [v.span for v in height if v.kind == "number"] == ["6-foot-2"]  # no "\u00bd" alone


@pytest.mark.parametrize(
    ("text", "minutes", "span"),
    [
        ("The quake struck at 3.42am local time.", 3 * 60 + 42, "3.42am local time"),
        ("The first attack began at 9.20pm on Friday.", 21 * 60 + 20, "9.20pm"),
        ("At 11.45 a.m. on Monday, police arrived.", 11 * 60 + 45, "11.45 a.m."),
        ("The plane took off at 12.41am.", 41, "12.41am"),
        ("The ceasefire took effect at 6am on Sunday.", 6 * 60, "6am"),  # an hour glued to "am"
        ("The last train leaves at 11pm.", 23 * 60, "11pm"),
    ],
)
def test_a_clock_time_written_with_a_dot(text, minutes, span):
    """British papers write "3.42am": a time, as "3:42 a.m." is (it was cut into "3", "." and "am",
    losing the minutes)."""
    got = one(text, "time")
    assert (got.low, got.span) == (minutes, span)


def test_an_abbreviated_month_with_its_dot_dates():
    """"Mar. 8" and "Sept. 26, 2014" are dates as "March 8" is (the dot cut the day off)."""
    assert [(v.span, v.low, v.unit) for v in extract("The plane vanished on Mar. 8, officials said.")] == [
        ("Mar. 8", 308, "day")
    ]
    got = [(v.span, v.low, v.unit) for v in extract("It vanished on Sept. 26, 2014.")]
    assert got == [("Sept. 26", 926, "day"), ("Sept. 26, 2014", 201409, "month"), ("2014", 2014, "year")]


def test_a_decimal_before_no_am_or_pm_stays_a_number():
    assert not [v for v in extract("Shares rose 3.42 percent on Monday.") if v.kind == "time"]
    assert one("The parcel weighs 3.42 kg.", "number").low == 3.42


def test_the_fraction_of_a_scale_word_is_no_context():
    """"Half a million people joined the march": its context is what they did (join, march), not
    "half", which is part of the figure; so it reads as "500,000 people joined the march" does."""
    assert one("Half a million people joined the march.", "number").context == ("join", "march")


def test_a_range_between_two_figures_is_one_interval():
    got = one("Between 10 and 15 people were hurt in the crash.", "number")
    assert (got.low, got.high, got.unit) == (10.0, 15.0, "peopl")


def test_a_scale_word_after_a_range_scales_both_ends():
    """"2-3 million tonnes" is 2 to 3 million tonnes, not 2 to 3 tonnes and a million more."""
    found = extract("Output grew by 2-3 million tonnes last year.")
    assert [(v.low, v.high, v.unit) for v in found if v.kind == "number"] == [(2e6, 3e6, "tonn")]


def test_a_figure_below_zero_keeps_its_sign():
    """"minus 5 degrees" and "-5 degrees" are -5, quoted with the sign; a score ("10-5") or a
    dash between spaces is no sign."""
    for text in ("Temperatures fell to minus 5 degrees.", "Temperatures fell to -5 degrees."):
        got = one(text, "number")
        assert (got.low, got.high, got.unit) == (-5.0, -5.0, "degre")
        assert got.span.startswith(("minus", "-"))
    assert [v.low for v in extract("The score was 10-5 at halftime.") if v.kind == "number"] == [10.0, 5.0]
    assert [v.low for v in extract("Between 10 - 5 people came.") if v.kind == "number"] == [10.0, 5.0]


def test_an_age_in_apposition_is_no_bare_count():
    """"Husband Barack, 47; children Malia, 10," gives no counts: the ages are the fact layer's
    (read there with their names), and two families' ages were set against each other as counts."""
    assert [v for v in extract("Husband Barack, 47; children Malia, 10, and more.") if v.kind == "number"] == []
    assert [v.low for v in extract("The score was 3, and the crowd cheered.") if v.kind == "number"] == [3.0]


def test_lower_and_upper_bounds():
    more = one("More than 200 people attended the vigil.", "number")
    assert more.low >= 200 and more.high > 200
    fewer = one("Fewer than 20 boats left the harbor.", "number")
    assert fewer.high <= 20 and fewer.low < 20
    ranged = one("Between 10 to 20 boats sank in the storm.", "number")
    assert (ranged.low, ranged.high) == (10, 20)


def test_units_keep_different_things_apart():
    """140 people and 140 kilometres have different units, so they are never compared."""
    people = one("About 140 people were evacuated.", "number")
    km = one("The town lies 140 kilometres from the capital.", "number")
    assert people.unit == "peopl"
    assert km.unit not in ("", people.unit)
    assert one("Officials said 140 kilometres of coast were closed.", "number").unit == km.unit


def test_percentages_are_not_counts():
    assert of("Nearly 40 percent of voters stayed home.", "number") == []


def test_weekday_and_day_of_month():
    """'Tuesday night, March 4' gives a weekday and a day; March 4 and March 5 differ, March 4 equals itself."""
    text = "A fire destroyed a warehouse on Tuesday night, March 4, at the docks."
    day = one(text, "date", "day")
    weekday = one(text, "date", "weekday")
    assert "March 4" in day.span
    assert weekday.span == "Tuesday"
    other_day = one("On Wednesday night, March 5, a massive fire tore through a warehouse.", "date", "day")
    other_weekday = one("On Wednesday night, March 5, a massive fire tore through a warehouse.", "date", "weekday")
    assert day.low == day.high
    assert other_day.low != day.low
    assert other_weekday.low != weekday.low
    assert one("It was March 4 when it happened.", "date", "day").low == day.low


def test_full_date_gives_day_month_and_year():
    found = {v.unit: v for v in of("It happened on March 4, 2021 at the docks.", "date")}
    assert {"day", "month", "year"} <= set(found)
    assert found["year"].low == found["year"].high == 2021


@pytest.mark.parametrize(
    ("text", "year"),
    [("The family-run firm was founded in 1987.", 1987), ("In 2019 a blaze damaged the grain terminal.", 2019)],
)
def test_years(text, year):
    v = one(text, "date")
    assert v.unit.startswith("year")
    assert v.low == v.high == year


@pytest.mark.parametrize(
    ("text", "span", "first", "last"),
    [
        ("In 1992-93 the average wage for a player was £75,000 per year.", "1992-93", 1992, 1993),
        ("At the start of the 1989-90 season few players came from abroad.", "1989-90", 1989, 1990),
        ("The 2014–15 budget was cut again.", "2014–15", 2014, 2015),
        ("Profits fell in 1999-00 as the market turned.", "1999-00", 1999, 2000),
        ("Output doubled over 1990-95 in the region.", "1990-95", 1990, 1995),
        ("The survey ran over 2010-2014 in the region.", "2010-2014", 2010, 2014),
    ],
)
def test_a_span_of_years_is_one_date_not_a_year_and_a_number(text, span, first, last):
    """A season, fiscal year or period written with a dash is one interval of years: the
    "93" of "1992-93" is no count ("90 season" was read as 90 seasons)."""
    v = one(text, "date")
    assert (v.span, v.low, v.high, v.unit) == (span, first, last, "year")
    assert not of(text, "number")


def test_a_year_and_a_later_figure_stay_apart_when_they_are_no_span():
    """Only a later year within twenty is a span's end: "2010-05" and "1990-1850" are not spans."""
    assert [(v.low, v.high) for v in of("It was 2010-05 and 1990-1850 then.", "date")] == [
        (2010, 2010),
        (1990, 1990),
        (1850, 1850),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Everybody knows who will finish in the top four before the season starts.",
        "The top five payers in the league also finished in the top five.",
        "It was one of the top 10 recorded earthquakes in history.",
        "Arsenal secured a top-four finish again.",
        "The club fell into the bottom three in March.",
    ],
)
def test_a_class_of_ranks_is_no_count(text):
    """A number after "top" or "bottom" names a class of ranks, in both the rules' values and
    the fact layer's quantities: "the top five" and "the top four" of two sentences counted
    nothing and were set against each other as a certain conflict."""
    from compare.text.quantities import quantities

    assert not of(text, "number")
    assert not [q for q in quantities(text) if q.kind == "count"]


def test_a_count_near_top_as_a_noun_is_still_a_count():
    """Only a number right after "top" or "bottom" is a class of ranks."""
    assert one("He reached the top of the tower after 3 hours and 300 steps.", "number", "step").low == 300


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("It was the first state of emergency in France since 2005, when riots broke out.", "year:since"),
        ("The stadium has been closed since March 8.", "day:since"),
        ("Prices have risen since the 1990s.", "year:since"),
        ("The first fire at the docks was in 2005.", "year"),
    ],
)
def test_a_date_after_since_is_marked_as_the_start_of_a_period(text, unit):
    """"since 2005" dates the point a period starts from (an earlier event), not what the
    sentence reports: its unit is marked, so the date rule compares it only with another such
    date ("the first time since 2005" / "in February 2008" were a certain conflict)."""
    assert [v.unit for v in of(text, "date")][-1] == unit


def test_a_day_since_which_something_happens_still_anchors_a_match():
    """"since Monday" and "on Monday" name the same day for matching statements."""
    from compare.statements.features import anchors

    texts = ["Army engineers have stacked sandbags since Monday.", "Soldiers arrived on Monday to stack sandbags."]
    found = values(pl.DataFrame({"stmt_id": ["a:0", "b:0"], "text": texts}))
    got = anchors(found)
    assert got["a:0"] & got["b:0"]


@pytest.mark.parametrize(
    "text",
    [
        "It is only the second time an American First Lady has been on the cover.",
        "His grandfather fought in the Second World War.",
        "The ruling cites the First Amendment again.",
    ],
)
def test_an_ordinal_in_a_name_ranks_nothing(text):
    """A capitalised ordinal mid-sentence before a capitalised word is part of a name or title:
    "First Lady" and "1998" made the frame "the first lady, dated" a certain conflict with
    "every first lady since the 1930s"."""
    assert not [v.span for v in of(text, "ordinal") if v.span[0].isupper()]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Paris Attacks: Second Suspect Arrested In Brussels", "Second Suspect"),
        ("It was the First fire at the docks.", "First fire"),
        ("The second suspect was arrested.", "second suspect"),
    ],
)
def test_an_ordinal_in_a_title_case_headline_or_before_a_common_noun_still_ranks(text, span):
    """Capitals say nothing in a headline in title case, nor before a lower-case noun."""
    assert [v.span for v in of(text, "ordinal")] == [span]


def test_decades_are_intervals():
    """'the 1990s' spans the decade; 'early 1990s' only its start, 'late 1990s' its end."""
    decade = one("The band was formed in the 1990s.", "date")
    early = one("The band was formed in the early 1990s.", "date")
    late = one("The band split up in the late 1990s.", "date")
    assert (decade.low, decade.high) == (1990, 1999)
    assert early.low == 1990 and 1990 < early.high <= 1995
    assert late.low >= 1995 and late.high == 1999
    assert early.high < late.low


def test_ordinals_with_the_thing_they_number():
    third = one("This is the third major fire at Harbor Point since 2015.", "ordinal")
    first = one("This is actually the first big fire at Harbor Point in years.", "ordinal")
    assert (third.low, third.unit) == (3, "fire")
    assert (first.low, first.unit) == (1, "fire")
    assert one("She won on the 3rd day of the race.", "ordinal").low == 3


@pytest.mark.parametrize(
    ("text", "kind", "unit"),
    [
        ("In all, the Pro has three rear cameras.", "number", "camera"),
        ("Five police officers were wounded.", "number", "offic"),
        ("It is the first Kestrova phone to use a periscope lens.", "ordinal", "phone"),
        ("Winds of 10 mph gusts were forecast.", "number", "mph"),
        ("The plane carried 12 crew members.", "number", "crew"),
        ("The Pro has 4 cameras.", "number", "camera"),
        ("The first Kestrova to ship was slow.", "ordinal", "kestrova"),
    ],
)
def test_the_head_noun_is_the_last_of_its_phrase(text, kind, unit):
    """A count or rank names the last noun of its phrase ("three rear cameras" count cameras),
    not the modifier before it; units of measure and a class before "members" stay."""
    assert one(text, kind).unit == unit


def test_time_of_day():
    v = one("The fire was reported at 9:40 p.m. by a security guard.", "time")
    assert v.low == 21 * 60 + 40
    assert one("Loud bangs were heard shortly before 9:30 p.m. in the street.", "time").low == 21 * 60 + 30


def test_hyphenated_number_words():
    assert one("Twenty-five people were treated for smoke inhalation.", "number", "peopl").low == 25


def test_denied_and_reported_harm():
    """'no injuries' is polarity 0, 'taken to hospital' polarity 1, both about injuries."""
    denied = of("There were no injuries at all, and nobody was hurt.", "polarity")
    assert denied and {(v.low, v.unit) for v in denied} == {(0, "injuries")}
    reported = of("Two firefighters were taken to hospital with minor burns.", "polarity")
    assert reported and {(v.low, v.unit) for v in reported} == {(1, "injuries")}
    deaths = of("Nobody was killed.", "polarity")
    assert {(v.low, v.unit) for v in deaths} == {(0, "deaths")}


def test_certainty_of_a_cause():
    assert one("Investigators have not yet determined the cause of the fire.", "certainty").low == 0
    assert one("Officials have already confirmed that the fire was caused by a fault.", "certainty").low == 1
    assert of("The warehouse stored furniture and textiles.", "certainty") == []


def test_values_frame(helpers):
    """values() returns one row per distinct value, conforming to the documented schema."""
    statements = helpers.statements_of(["Twelve people were treated. Twelve people were treated on March 4."])
    frame = values(statements)
    assert frame.schema == pl.Schema(frames.VALUES)
    assert set(frame["stmt_id"].to_list()) == {"0:1", "0:2"}
    assert frame.filter(pl.col("kind") == "number")["low"].to_list() == [12.0, 12.0]
    assert frame.filter(pl.col("stmt_id") == "0:2")["kind"].to_list().count("date") == 1
    assert (frame["low"] <= frame["high"]).all()


@pytest.mark.parametrize(
    ("text", "rank", "unit"),
    [
        ("It was the eleventh win for the club.", 11, "win"),
        ("The nineteenth century saw the harbor grow.", 19, "centuri"),
        ("The fortieth anniversary was marked with a parade.", 40, "anniversari"),
        ("Life in the twenty-first century is different.", 21, "centuri"),
        ("It was the ninety-ninth edition of the race.", 99, "edit"),
        ("Fans celebrated the hundredth match of the season.", 100, "match"),
    ],
)
def test_ordinal_vocabulary_beyond_tenth(text, rank, unit):
    v = one(text, "ordinal")
    assert (v.low, v.unit) == (rank, unit)


def test_hyphen_compounds_with_a_number_head():
    """'four-wheeled' is four of what follows the hyphen; the span keeps the written form."""
    four = one("A four-wheeled cart blocked the road.", "number")
    assert (four.low, four.unit, four.span) == (4, "wheel", "four-wheeled")
    seven = one("A 7-wheeled truck blocked the road.", "number")
    assert (seven.low, seven.unit, seven.span) == (7, "wheel", "7-wheeled")
    story = one("Smoke poured from a second-story window.", "ordinal")
    assert (story.low, story.unit, story.span) == (2, "stori", "second-story")
    assert one("Twenty-five people were treated.", "number").low == 25  # a number word stays whole


def test_ages_are_not_counts():
    assert of("A 7-year-old boy and a five-year-old girl were rescued.", "number") == []


def test_at_first_is_an_adverb_but_at_the_first_meeting_a_rank():
    assert of("At first, nobody noticed the smoke.", "ordinal") == []
    assert of("It looked calm at first.", "ordinal") == []
    assert one("They spoke at first light near the quay.", "ordinal").unit == "light"
    assert one("They agreed at the first meeting.", "ordinal").unit == "meet"


def test_what_a_product_comes_with_or_without_is_a_polarity_of_that_thing():
    """"There's no charger in the box" and "ships without a charger" deny a charger,
    "a 45W charger is included" asserts it: the polarity's class is the thing's stem."""
    denied = [
        "There's no charger in the box, so budget for one.",
        "The phone ships without a charger.",
        "The charger is not included in the package.",
    ]
    for text in denied:
        assert [(v.low, v.unit) for v in of(text, "polarity")] == [(0, "included:charger")], text
    included = of("A 45W charger is included in the box.", "polarity")
    assert [(v.low, v.unit) for v in included] == [(1, "included:charger")]
    assert [(v.low, v.unit) for v in of("No charger is included.", "polarity")] == [(0, "included:charger")]
    assert of("No one is included in the list.", "polarity") == []


def test_an_ordinal_before_a_count_or_a_verb_ranks_nothing():
    """"the first three teams" are the first few of a series, and "first launched" / "first met
    Putin" say "initially": no rank of a team, a launch or a meeting. "The first reported case"
    ranks cases, "the first seed" seeds, "the first significant one" the thing "one" stands for."""
    assert of("The lottery set the order for the first three teams only.", "ordinal") == []
    assert of("Fans left within the first 10 minutes.", "ordinal") == []
    assert of("A chip that first launched with the LG G2 in 2013.", "ordinal") == []
    assert of("He first met Putin in 2017.", "ordinal") == []
    assert of("It was first used in 1990.", "ordinal") == []
    assert one("The first reported case was in 2012.", "ordinal").unit == "case"
    assert one("She was the first seed in the draw.", "ordinal").unit == "seed"
    assert one("The first significant one was the Helsinki Summit in 2018.", "ordinal").unit == "one"


def test_bare_values():
    """A number or ordinal without a noun gets the unit BARE; currency amounts and vague plurals do not."""
    assert one("She came second in the race.", "ordinal").unit == BARE
    others = one("The gunman shot two people, killing 5 others.", "number", BARE)
    assert (others.low, others.span) == (5, "5 others")
    assert one("The final score was 3 after extra time.", "number", BARE).low == 3
    assert of("The firm paid $5 for it.", "number") == []
    assert of("Hundreds of people gathered.", "number") == []


def test_day_of_month_with_suffix():
    v = one("The parade on July 4th drew crowds.", "date", "day")
    assert (v.low, v.span) == (704, "July 4th")
    assert of("The parade on July 4th drew crowds.", "ordinal") == []


def test_dozens_and_or_ranges():
    dozens = one("Three dozen people were evacuated.", "number")
    assert dozens.low < 36 < dozens.high  # a round figure (see test_a_count_in_dozens_is_a_round_figure)
    homes = one("Eight or nine homes burned down.", "number")
    assert (homes.low, homes.high, homes.unit) == (8, 9, "home")


def test_clock_times_with_and_without_zone():
    six = one("The fire started at 6 p.m. near the docks.", "time")
    assert (six.low, six.unit) == (18 * 60, "time")
    assert of("The fire started at 6 p.m. near the docks.", "number") == []
    assert one("It began at 6 p.m. EDT on Monday.", "time").unit == "time:edt"
    local = one("The plane left at 12:41 a.m. local time.", "time")
    assert (local.low, local.unit) == (41, "time:local")


def test_partitive_count_is_not_a_total():
    """'Seven of the nine candidates': nine is not read as a count of candidates."""
    assert of("Seven of the nine candidates attended.", "number", "candid") == []
    assert one("Seven of the nine candidates attended.", "number").low == 7


def test_weekday_of_the_report():
    assert one("Police said Tuesday that the fire was arson.", "date").unit == "weekday:said"
    assert one("The fire broke out on Tuesday, police said.", "date").unit == "weekday"
    assert one("Officials announced on Monday that two died.", "date").unit == "weekday:said"


@pytest.mark.parametrize(
    ("text", "span", "role"),
    [
        ("Two men were arrested in Belgium.", "Belgium", "in"),
        ("The suspect was arrested in Molenbeek, Belgium.", "Belgium", "in"),
        ("The flight from Malaysia disappeared.", "Malaysia", "from"),
        ("The flight to China disappeared.", "China", "to"),
        ("Obama visited the United States embassy staff in Paris.", "Paris", None),
        ("Obama visited France last week.", "France", "visit"),
        ("The U.S. sent aid.", "U.S.", ""),
    ],
)
def test_countries_with_their_role(text, span, role):
    found = of(text, "place")
    if role is None:
        assert all(v.span != span for v in found)  # "United States embassy": part of a longer name
        return
    v = one(text, "place")
    assert (v.span, v.unit) == (span, role)
    assert COUNTRY_NAMES[int(v.low)] == {"U.S.": "United States"}.get(span, span)


def test_country_lists_and_possessives_are_marked():
    found = {v.span: v.unit for v in of("France, Germany and Italy signed the treaty in Spain.", "place")}
    assert found == {"France": LIST, "Germany": LIST, "Italy": LIST, "Spain": "in"}
    assert one("Germany's chancellor spoke.", "place").unit == POSSESSIVE


def test_names_that_contain_a_country_are_not_places():
    assert of("Michael Jordan flew over the Indian Ocean on British Airways.", "place") == []
    assert of("Michael Jordan flew over the Indian Ocean on British Airways.", "nationality") == []


def test_nationalities_with_the_noun_they_describe():
    woman = one("A Japanese woman was rescued.", "nationality")
    assert (woman.span, woman.unit, COUNTRY_NAMES[int(woman.low)]) == ("Japanese", "woman", "Japan")
    assert one("Four Chinese people are dancing.", "nationality").unit == "peopl"
    korean = one("A North Korean soldier defected.", "nationality")
    assert (korean.span, korean.unit) == ("North Korean", "soldier")
    both = of("American and British troops arrived.", "nationality")
    assert {(v.span, v.unit) for v in both} == {("American", "troop"), ("British", "troop")}


def test_counts_skip_nationality_words():
    """'29 American troops' counts troops; the nationality is a value of its own."""
    v = one("The attack killed 29 American troops.", "number")
    assert (v.low, v.unit) == (29, "troop")
    assert one("The attack killed 29 South African miners.", "number").unit == "miner"


@pytest.mark.parametrize(
    ("text", "who", "verb"),
    [
        ("The engines were at the scene, fire chief Marta Velasquez said.", "Marta Velasquez", "said"),
        ("The engines were at the scene, according to fire chief Marta Velasquez.", "Marta Velasquez", "according to"),
        ("Officials have already confirmed that the fire was caused by a fault.", "officials", "confirmed"),
        ("French President Francois Hollande said the attacks were an act of war.", "Francois Hollande", "said"),
        ("The warehouse was owned by Calder Logistics.", None, None),
        ("He said he was staying for three days.", None, None),
        # a speaker named by a role: in lower case, without the words before it that are no part of it
        ("About 15,000 people marched on Saturday, the city said.", "city", "said"),
        ("The march passed off peacefully, according to local officials.", "local officials", "according to"),
        ("Two people died, the fire chief said.", "fire chief", "said"),
        ("But Australian officials said the search would go on.", "australian officials", "said"),
        ("Belgium's federal prosecutor said two men were held.", "federal prosecutor", "said"),
        ("According to organisers, 40,000 people took part.", "organisers", "according to"),
        # a name that qualifies a role is none of the speaker: the role with it is; a place is no speaker
        ("300 were treated, according to Paris medical authorities.", "paris medical authorities", "according to"),
        ("The toll rose to 12, according to French officials.", "french officials", "according to"),
        ("Two are Belgians, according to a senior Belgian official.", "senior belgian official", "according to"),
        ("But authorities in Turkey said they had given two warnings.", "authorities in turkey", "said"),
        ("Hospitals in Paris said 29 remained in intensive care.", "hospitals in paris", "said"),
        ("Officials at Boeing said the plane was sound.", "officials at boeing", "said"),
        ("Meanwhile authorities in Munich said the station was closed.", "authorities in munich", "said"),
        ("A statement from Air France said two planes were diverted.", "Air France", "said"),
        ("The rally was held in Paris, organisers said.", "organisers", "said"),
    ],
)
def test_attribution_names_the_speaker(text, who, verb):
    from compare.statements.values import attribution

    got = attribution(text)
    if who is None:
        assert got is None
    else:
        assert got is not None and (got.kind, got.span, got.unit) == ("attribution", who, verb)


def test_a_datelines_date_is_no_value():
    """"LASSENDORF, Sept 10 (Meridian Wire) -" says when the story was filed: two wire stories
    filed a day apart do not disagree on the day of what they report."""
    filed = "LASSENDORF, Sept 10 (Meridian Wire) - Kestrova on Tuesday unveiled two phones."
    assert [v.span for v in of(filed, "date")] == ["Tuesday"]
    assert [v.span for v in of("Kestrova unveiled two phones on Sept 10.", "date")] == ["Sept 10"]


@pytest.mark.parametrize(
    ("a", "b", "differ"),
    [
        ("Police said 12,000 people marched.", "Organisers said 40,000 people marched.", True),
        ("Police said 12,000 people marched.", "Some 40,000 people marched, according to the unions.", True),
        ("40,000 people marched, organisers said.", "Some 30,000 people marched.", True),  # a side against a source
        ("40,000 people marched, organisers said.", "According to organisers, 45,000 marched.", False),  # one side
        ("Police said 12,000 people marched.", "The city said 15,000 people marched.", False),  # no side
        ("Police said 12,000 people marched.", "Some 30,000 people marched.", False),
    ],
)
def test_a_sides_own_claim_against_another_count(a, b, differ):
    """The police's count and the organisers' are two claimants' figures, not two sources'
    disagreement; two sources giving one side's count differently do disagree."""
    from compare.statements.markers import claimants_differ

    assert claimants_differ(a, b) is differ
