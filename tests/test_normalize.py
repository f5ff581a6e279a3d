"""Stage 2, normalize: character mapping with offsets back to the source, line classes."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare import frames
from compare.text.normalize import _CHAR_MAP, is_boilerplate, is_heading, normalize, normalize_text, split_lines


def effective_offsets(text: str) -> tuple[str, list[int]]:
    """normalize_text with the identity shorthand (empty list) expanded."""
    norm, offsets = normalize_text(text)
    return norm, offsets or list(range(len(norm)))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("\u201cquoted\u201d", '"quoted"'),
        ("it\u2019s \u2018single\u2019", "it's 'single'"),
        ("\u201elow\u201c \u00abguillemets\u00bb", '"low" "guillemets"'),
        ("em\u2014dash en\u2013dash minus\u2212sign", "em-dash en-dash minus-sign"),
        ("no\u00a0break\u2009thin\u202fnarrow", "no break thin narrow"),
        ("tab\there", "tab here"),
        ("\ufb01ne \ufb02ow", "fine flow"),
        ("\uff21\uff22\uff23 \u2460", "ABC 1"),
        ("zero\u200bwidth soft\u00adhyphen", "zerowidth softhyphen"),
        ("e\u0301te\u0301", "\u00e9t\u00e9"),
        ("plain ASCII text.", "plain ASCII text."),
        ("2\u00bd hours, \u00be of them", "2\u00bd hours, \u00be of them"),  # fractions kept: NFKC gives "21\u20442"
        ("1\u20442 mile", "1/2 mile"),  # the fraction slash is a slash
    ],
)
def test_normalize_text_maps_characters(source, expected):
    """Curly quotes, dashes, exotic spaces, NFKC compatibility forms and invisible characters."""
    assert normalize_text(source)[0] == expected


def test_a_fraction_character_keeps_its_offset():
    """ "2\u00bd kg" keeps "\u00bd" at its own offset, so a value quoting it cites the source as written."""
    norm, offsets = effective_offsets("\u201c2\u00bd kg\u201d")
    assert norm == '"2\u00bd kg"'
    assert offsets == [0, 1, 2, 3, 4, 5, 6]


def test_ascii_text_has_identity_offsets():
    """The common ASCII case returns an empty offset list (meaning: identity)."""
    assert normalize_text("Nothing to change here.") == ("Nothing to change here.", [])


def test_offsets_of_a_ligature_point_at_the_ligature():
    """Both letters of "fi" from U+FB01 point back to the one source character."""
    text = "a \ufb01ne day"
    norm, offsets = effective_offsets(text)
    assert norm == "a fine day"
    assert len(offsets) == len(norm)
    assert offsets[2] == offsets[3] == 2
    assert [text[o] for o in offsets[4:]] == list("ne day")


def test_offsets_skip_removed_characters():
    """A zero-width space is dropped; the letters around it keep their own offsets."""
    text = "ab\u200bcd"
    norm, offsets = effective_offsets(text)
    assert norm == "abcd"
    assert offsets == [0, 1, 3, 4]


def test_offsets_of_an_ellipsis_and_combining_accent():
    text = "Wait\u2026 cafe\u0301!"
    norm, offsets = effective_offsets(text)
    assert norm == "Wait... caf\u00e9!"
    assert offsets[4:7] == [4, 4, 4]
    assert text[offsets[norm.index("\u00e9")]] == "e"
    assert text[offsets[-1]] == "!"


def _check_offsets(text: str) -> None:
    norm, offsets = effective_offsets(text)
    assert len(offsets) == len(norm)
    assert offsets == sorted(offsets)
    assert all(0 <= o < len(text) for o in offsets)
    ends = sorted(set(offsets[1:]) | {len(text)})
    for i, o in enumerate(offsets):
        nxt = next(e for e in ends if e > o)
        # the output character comes from the source characters starting at its offset
        assert norm[i] in normalize_text(text[o:nxt])[0], (text, i)


_DELETED = "".join(k for k, v in _CHAR_MAP.items() if v == "")
_SINGLE_QUOTES = "".join(k for k, v in _CHAR_MAP.items() if v == "'") + "'&"
# The backtick and doubled single quotes have their own tests below; the properties
# run on everything else.
_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="`"), max_size=40)
_INTERESTING = st.text(
    alphabet=st.sampled_from(
        [c for c in "aeE fi.,'\"-" + "".join(_CHAR_MAP) + "\u0301\u0308\ufb01\u2026\uff21" if c != "`"]
    ),
    max_size=40,
)


@settings(derandomize=True, database=None, max_examples=300, deadline=None)
@given(st.one_of(_TEXT, _INTERESTING))
def test_offsets_map_every_output_char_to_its_source(text):
    """Property: offsets are in range, ordered, and each output char comes from its source char."""
    _check_offsets(text)


@settings(derandomize=True, database=None, max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters=_DELETED + _SINGLE_QUOTES),
        max_size=40,
    )
)
def test_normalize_text_is_idempotent(text):
    """Property: normalizing twice changes nothing more (documented in normalize_text)."""
    once = normalize_text(text)[0]
    assert normalize_text(once)[0] == once


@pytest.mark.parametrize("text", ["a\u200b\u0301", "a\u00ad\u0301", "e\ufeff\u0308"])
def test_normalize_text_is_idempotent_around_removed_characters(text):
    once = normalize_text(text)[0]
    assert normalize_text(once)[0] == once


@pytest.mark.parametrize("text", ["\u2019\u2019", "\u2018\u2018quoted\u2019\u2019", "&#39;&#39;"])
def test_normalize_text_is_idempotent_for_doubled_single_quotes(text):
    once = normalize_text(text)[0]
    assert normalize_text(once)[0] == once


def test_doubled_straight_quotes_become_a_double_quote():
    assert normalize_text("''quoted'' and ``this``")[0] == '"quoted" and "this"'


def test_backtick_is_normalized_the_same_on_ascii_and_non_ascii_lines():
    ascii_line = "He said `hi` to them"
    assert normalize_text(ascii_line + " \u00e9")[0] == normalize_text(ascii_line)[0] + " \u00e9"


BOILERPLATE = [
    "by Jhon Lennon 44 views",
    "Advertisement",
    "ADVERTISEMENT",
    "Sponsored content",
    "Iklan Headers",
    "Share this story: Facebook | Twitter | Email",
    "Posted by X | Shared from Y",
    "Posted by NewsAggregator24 | Shared from Coastline Wire",
    "by Kevin Marsh 1,204 views",
    "1.2K shares",
    "Read more",
    "Photo: Reuters",
    "(Reporting by Jonah Pell; Editing by Sanna Lund)",  # a wire story's credits
    "(Additional reporting by Ana Ruiz; Writing by Tom Bell)",
]
REAL_SENTENCES = [
    "Shares of the company fell 5% on Monday after the report.",
    "By midday Wednesday, the air quality was back to normal, according to the city.",
    "Advertising revenue at the paper fell by a third last year, the publisher said.",
    "Posted guards stood at the gate all night while the fire burned.",
    "By the time crews arrived, the roof had already collapsed into the loading bays.",
    "Twelve people were treated for smoke inhalation.",
    "Reporting by the local paper showed the fire had spread within minutes.",
]


@pytest.mark.parametrize("line", BOILERPLATE)
def test_boilerplate_lines_are_recognised(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", REAL_SENTENCES)
def test_real_sentences_are_not_boilerplate(line):
    assert not is_boilerplate(line)


def test_the_polars_pattern_agrees_on_credits_and_sentences():
    """The similarity stage's polars pattern drops the credit lines the rules drop, and keeps
    the real sentences."""
    from compare.text.normalize import BOILERPLATE_PATTERN

    credits = [line for line in BOILERPLATE if line.startswith("(")]
    found = pl.Series(credits + REAL_SENTENCES).str.strip_chars().str.contains(BOILERPLATE_PATTERN).to_list()
    assert found == [True] * len(credits) + [False] * len(REAL_SENTENCES)


def test_blank_line_is_not_boilerplate():
    assert not is_boilerplate("   ")


@pytest.mark.parametrize(
    ("line", "next_line"),
    [
        ("Key Meetings and Summits", "Trump and Putin met in Helsinki in July 2018."),
        ("Fire destroys warehouse at Port Alden's Harbor Point", ""),
        ("# Background", "The warehouse was built in 1950."),
        ("2019: The Grain Terminal Fire", None),
    ],
)
def test_headings_are_recognised(line, next_line):
    assert is_heading(line, next_line)


@pytest.mark.parametrize(
    ("line", "next_line"),
    [
        ("The fire was reported at 9:40 p.m. by a security guard.", None),
        ("What happened next?", None),
        ("A sentence that breaks", "across two lines and goes on."),
        ("lower case start of something", None),
    ],
)
def test_body_lines_are_not_headings(line, next_line):
    assert not is_heading(line, next_line)


def test_lines_frame_kinds_and_sections(helpers):
    """Title and section headings become the section of the body lines below them."""
    text = (
        "Harbor Fire Timeline\n"
        "\n"
        "Key Meetings and Summits\n"
        "The council met twice after the fire.\n"
        "Advertisement\n"
        "It promised a review of every dockside warehouse.\n"
        "\n"
        "Share this story: Facebook | Twitter | Email\n"
    )
    lines = normalize(helpers.documents_frame([text]))
    assert lines.schema == pl.Schema(frames.LINES)
    kinds = lines["kind"].to_list()
    assert kinds == ["heading", "blank", "heading", "body", "boilerplate", "body", "blank", "boilerplate", "blank"]
    body = lines.filter(pl.col("kind") == "body")
    assert body["section"].to_list() == ["Key Meetings and Summits"] * 2
    assert lines.filter(pl.col("kind") == "heading")["section"].to_list() == ["", ""]


def test_heading_is_never_a_statement(helpers):
    """Headings give context; they are not sentences of the text."""
    text = "Key Meetings and Summits\nThe two leaders met in Helsinki in July 2018.\n"
    statements = helpers.statements_of([text])
    assert statements["text"].to_list() == ["The two leaders met in Helsinki in July 2018."]
    assert statements["section"].to_list() == ["Key Meetings and Summits"]


def test_harbor_title_lines_are_headings(harbor_findings):
    """Line 1 of every harbor file is a title: no statement starts on it, later ones carry it as section."""
    st = harbor_findings.statements
    assert st.filter(pl.col("line") == 1).height == 0
    a_wire = st.filter(pl.col("doc_id") == 0)
    assert set(a_wire["section"].to_list()) == {"Fire destroys warehouse at Port Alden's Harbor Point"}


@pytest.mark.parametrize("text", ["a\nb", "a\r\nb", "a\rb", "a\u2028b", "a\r\n\r\nb\n"])
def test_split_lines_excludes_line_breaks(text):
    """Line spans never include the break, whatever its kind."""
    spans = split_lines(text)
    assert text[spans[0][0] : spans[0][1]] == "a"
    assert [text[s:e] for s, e in spans if text[s:e]] == ["a", "b"]


def test_lines_offsets_point_into_the_source(helpers):
    """Every normalized char of every line maps to a source offset inside that line."""
    text = "“Hello” — she said\u00a0twice.\r\nSecond \ufb01ne line.\r\n"
    lines = normalize(helpers.documents_frame([text]))
    for row in lines.iter_rows(named=True):
        offsets = row["offsets"] or list(range(row["start"], row["start"] + len(row["norm"])))
        assert len(offsets) == len(row["norm"])
        assert all(row["start"] <= o < row["end"] for o in offsets)
    first = lines.row(0, named=True)
    assert first["norm"] == '"Hello" - she said twice.'
    assert text[first["start"] : first["end"]] == "“Hello” — she said\u00a0twice."
