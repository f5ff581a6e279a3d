"""The country and nationality list: aliases, demonyms and longest-first lookup."""

from __future__ import annotations

from compare.text.places import COUNTRIES, COUNTRY_INDEX, COUNTRY_NAMES, NATIONALITIES, lookup


def test_list_sizes():
    assert len(COUNTRY_NAMES) >= 195
    assert len(NATIONALITIES) >= 130
    assert len(set(COUNTRY_NAMES)) == len(COUNTRY_NAMES)


def test_aliases_map_to_one_canonical_name():
    for alias in ("U.S.", "US", "USA", "United States", "United States of America", "America"):
        assert COUNTRIES[alias] == "United States"
    assert COUNTRIES["Britain"] == COUNTRIES["UK"] == "United Kingdom"
    assert COUNTRIES["Burma"] == "Myanmar"


def test_every_demonym_names_a_listed_country():
    assert all(country in COUNTRY_INDEX for country in NATIONALITIES.values())
    assert NATIONALITIES["Japanese"] == "Japan"
    assert NATIONALITIES["American"] == "United States"
    assert NATIONALITIES["North Korean"] == "North Korea"
    assert NATIONALITIES["South African"] == "South Africa"


def test_lookup_is_longest_first_and_case_sensitive():
    assert lookup(["North", "Korean", "troops"], NATIONALITIES) == ("North Korea", 2)
    assert lookup(["Korean", "troops"], NATIONALITIES) == ("South Korea", 1)
    assert lookup(["United", "States", "embassy"], COUNTRIES) == ("United States", 2)
    assert lookup(["Papua", "New", "Guinea"], COUNTRIES) == ("Papua New Guinea", 3)
    assert lookup(["turkey", "dinner"], COUNTRIES) == ("", 0)
    assert lookup(["Paris"], COUNTRIES) == ("", 0)
