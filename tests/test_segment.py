"""Stage 3, segment: sentences with exact source offsets, lines and kinds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from compare import frames
from compare.documents.ingest import ingest
from compare.settings import Settings
from compare.statements.segment import segment, statement_kind
from compare.text.normalize import collapse, normalize, normalize_text
from compare.text.words import words

HARBOR = Path(__file__).parent / "fixtures" / "harbor-fire"


def sentences(text: str, helpers) -> list[str]:
    return helpers.statements_of([text])["text"].to_list()


@pytest.mark.parametrize(
    "sentence",
    [
        "He visited the U.S. Capitol on Monday.",
        "The fire was reported at 9:40 p.m. by a guard.",
        "Two firefighters were taken to St. Brendan's Hospital with minor burns.",
        "Gov. Ellis and Dr. Park met Mr. Osei at 10 a.m. on Tuesday.",
    ],
)
def test_abbreviations_do_not_end_sentences(sentence, helpers):
    """News abbreviations inside a sentence keep it whole."""
    text = f"{sentence} It was a long night."
    assert sentences(text, helpers) == [sentence, "It was a long night."]


def test_two_sentences_on_one_line_split(helpers):
    text = "The warehouse burned down. Nobody was inside at the time."
    assert sentences(text, helpers) == ["The warehouse burned down.", "Nobody was inside at the time."]


def test_sentence_ending_in_an_abbreviation_still_ends(helpers):
    """'p.m.' can end a sentence when a clear new sentence follows."""
    text = "She arrived at 5 p.m. The meeting began at once."
    assert sentences(text, helpers) == ["She arrived at 5 p.m.", "The meeting began at once."]


def test_pm_followed_by_one_splits(helpers):
    text = "They heard loud bangs shortly before 9:30 p.m. One resident said the bangs sounded like gas canisters."
    assert sentences(text, helpers) == [
        "They heard loud bangs shortly before 9:30 p.m.",
        "One resident said the bangs sounded like gas canisters.",
    ]


def test_sentence_spanning_lines_is_one_statement(helpers):
    """Wrapped lines of one paragraph form one statement with first and last line."""
    text = "Title Of The Story\n\nThe fire started in the\nloading bays and spread\nquickly. Crews arrived soon.\n"
    st = helpers.statements_of([text])
    assert st["text"].to_list() == [
        "The fire started in the loading bays and spread quickly.",
        "Crews arrived soon.",
    ]
    assert st["line"].to_list() == [3, 5]
    assert st["end_line"].to_list() == [5, 5]


def test_blank_line_ends_a_paragraph(helpers):
    """A sentence never runs across a blank line, even without a full stop."""
    first = "The crews worked all night without a break and kept going until the roof finally came down"
    text = f"Harbor Fire Diary\n\n{first}\n\nThe mayor thanked them on Wednesday morning.\n"
    st = helpers.statements_of([text])
    assert st["text"].to_list() == [
        first,
        "The mayor thanked them on Wednesday morning.",
    ]
    assert st["line"].to_list() == [3, 5]


def _assert_slices(docs: pl.DataFrame, statements: pl.DataFrame) -> None:
    texts = dict(zip(docs["doc_id"].to_list(), docs["text"].to_list(), strict=True))
    assert statements.height > 0
    for row in statements.iter_rows(named=True):
        source = texts[row["doc_id"]]
        piece = source[row["start"] : row["end"]]
        assert collapse(normalize_text(piece)[0]) == row["text"], row["stmt_id"]
        assert piece == piece.strip()
        assert row["line"] == source.count("\n", 0, row["start"]) + 1
        assert row["end_line"] == source.count("\n", 0, row["end"] - 1) + 1


def test_statement_offsets_slice_the_harbor_sources():
    """start/end of every harbor statement cut exactly that sentence out of the decoded file."""
    docs, _ = ingest(HARBOR, Settings())
    statements = segment(normalize(docs))
    assert statements.schema == pl.Schema(frames.SEGMENTED)
    _assert_slices(docs, statements)


def test_statement_offsets_with_crlf_and_curly_quotes(write_tree):
    """CRLF line ends, a BOM, curly quotes, ligatures and NBSP: offsets still point at the source."""
    text = (
        "Harbor Fire: The Day After\r\n"
        "\r\n"
        "\u201cWe\u2019re \ufb01ne,\u201d said the chief \u2014 who was\r\n"
        "calm.  The caf\u00e9\u00a0owner agreed.\r\n"
        "   An indented line is here.\r\n"
        "A sentence that\r\n"
        "spans three\r\n"
        "lines ends here. Last one\u2026 really.\r\n"
    )
    root = write_tree({"crlf.txt": b"\xef\xbb\xbf" + text.encode("utf-8")})
    docs, _ = ingest(root, Settings())
    assert docs["text"][0] == text
    statements = segment(normalize(docs))
    _assert_slices(docs, statements)
    first = statements.row(0, named=True)
    assert first["text"] == '"We\'re fine," said the chief - who was calm.'
    assert (first["line"], first["end_line"]) == (3, 4)
    spanning = statements.filter(pl.col("text").str.starts_with("A sentence")).row(0, named=True)
    assert (spanning["line"], spanning["end_line"]) == (6, 8)


def test_harbor_line_numbers(harbor_findings, find_stmt):
    """Known sentences of the fixture sit on the lines a reader sees in an editor."""
    st = {r["stmt_id"]: r for r in harbor_findings.statements.iter_rows(named=True)}
    assert st[find_stmt("a_wire.txt", "Twelve people were treated")]["line"] == 7
    assert st[find_stmt("a_wire.txt", "Nobody was killed")]["line"] == 7
    assert st[find_stmt("b_daily.txt", "founded in 1987")]["line"] == 11
    assert st[find_stmt("c_blog.txt", "first big fire")]["line"] == 20
    assert st[find_stmt("d_repost.txt", "The last one, in 2019")]["line"] == 17


def test_statement_ids_count_sentences_per_document(harbor_findings):
    """Ids are "<doc>:<n>" with n = 1, 2, ... in document order."""
    for (doc,), group in harbor_findings.statements.group_by("doc_id", maintain_order=True):
        ids = group["stmt_id"].to_list()
        assert ids == [f"{doc}:{n}" for n in range(1, len(ids) + 1)]
        assert group["start"].to_list() == sorted(group["start"].to_list())


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Let us know in the comments!", "filler"),
        ("Hey guys!", "filler"),
        ("Hey everyone!", "filler"),
        ("Thanks for reading.", "filler"),
        ("Stay tuned for more.", "filler"),
        ("So, what happened?", "question"),
        ('He asked, "Is it safe?"', "question"),
        ("What do you think the city should do about warehouse safety?", "question"),
        ("The warehouse was owned by Calder Logistics.", "claim"),
        ("Twelve people were treated for smoke inhalation.", "claim"),
        ("March 16 (satellite image)", "fragment"),  # a caption: no end punctuation
        ("by a satellite on March 23", "fragment"),  # a list item
        ('"We will never forget them"', "fragment"),  # a pull quote set as a subheading
        ("Crews worked through the night and the fire was out by dawn", "claim"),  # long enough
        ("The fire is out:", "claim"),  # introduces what follows
        ("http://www.ft.com/cms/s/2/f2135be4-8ac5-11e5-a549-b89a1dfede9b.html#ixzz3t9thlFTF", "fragment"),  # a link
        ("See http://example.com/fire for the council's full statement on the fire.", "claim"),  # a link in a sentence
        ("(Reporting by Jonah Pell; Editing by Sanna Lund)", "fragment"),  # credits ending a paragraph
    ],
)
def test_statement_kind(text, kind):
    assert statement_kind(text) == kind


def test_harbor_kinds(harbor_findings, find_stmt):
    """The blog's greeting and call to action are filler, its questions questions."""
    kinds = dict(harbor_findings.statements.select("stmt_id", "kind").iter_rows())
    assert kinds[find_stmt("c_blog.txt", "Hey everyone!")] == "filler"
    assert kinds[find_stmt("c_blog.txt", "Let us know in the comments")] == "filler"
    assert kinds[find_stmt("c_blog.txt", "what happened?")] == "question"
    assert kinds[find_stmt("c_blog.txt", "There were no injuries at all")] == "claim"


def test_tokens_and_stems(helpers):
    """Tokens are lower-cased words (a statement keeps their count); stems drop stop words."""
    text = "The firefighters weren't hurt in the U.S. blaze."
    st = helpers.statements_of([text]).row(0, named=True)
    assert words(text)[:2] == ["the", "firefighters"]
    assert "u.s" in words(text)
    assert st["words"] == len(words(text)) == 8
    assert "the" not in st["stems"]
    assert "firefight" in st["stems"]


def _prints_ok(code: str) -> None:
    """Run ``code`` in a fresh interpreter: it must exit 0 having printed "ok"."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_nltk_parts_load_without_the_package_which_stays_importable():
    """Loading the sentence splitter and the stemmer runs neither nltk's package import (a
    quarter of a second) nor scipy's, nor the network and file-safety modules nltk's own
    Punkt pulls in (http, ssl, urllib), and leaves no trace in ``sys.modules``: a later
    ``import nltk`` loads the whole package as usual, scipy included."""
    code = (
        "import sys\n"
        "from compare.statements.segment import tokenizer\n"
        "from compare.text.words import stem\n"
        "assert tokenizer().tokenize('Mr. Smith left. He came back.') == ['Mr. Smith left.', 'He came back.']\n"
        "assert stem('running') == 'run'\n"
        "assert not [m for m in sys.modules if m.split('.')[0] in ('nltk', 'scipy')], sorted(sys.modules)\n"
        "assert not [m for m in ('http.client', 'ssl', 'urllib.request') if m in sys.modules]\n"
        "import nltk\n"
        "assert nltk.tokenize.punkt.PunktSentenceTokenizer and nltk.word_tokenize and nltk.FreqDist\n"
        "assert nltk.stem.snowball.SnowballStemmer('english').stem('running') == 'run'\n"
        "import scipy.integrate\n"
        "print('ok')\n"
    )
    _prints_ok(code)


def test_nltk_parts_fall_back_to_the_whole_package_when_loading_them_alone_fails():
    """When the parts cannot be loaded alone (another nltk layout), the stand-ins are removed
    and nltk is imported whole: the parts are then nltk's own modules."""
    code = (
        "import sys, types\n"
        "import compare.text.words as w\n"
        "def broken():\n"
        "    sys.modules['nltk'] = types.ModuleType('nltk')\n"
        "    raise ImportError('another layout')\n"
        "w._parts_alone = broken\n"
        "parts = w.nltk_parts()\n"
        "import nltk\n"
        "assert hasattr(nltk, 'word_tokenize')\n"
        "assert parts['nltk.stem.snowball'] is sys.modules['nltk.stem.snowball']\n"
        "assert w.stem('running') == 'run'\n"
        "print('ok')\n"
    )
    _prints_ok(code)


def test_nltk_parts_come_from_nltk_when_it_is_imported_already():
    """With nltk imported before (the caller's own code), its modules are used as they are."""
    code = (
        "import sys\n"
        "import nltk\n"
        "from nltk.stem.snowball import SnowballStemmer\n"
        "from compare.text.words import nltk_parts\n"
        "assert nltk_parts()['nltk.stem.snowball'] is sys.modules['nltk.stem.snowball']\n"
        "print('ok')\n"
    )
    _prints_ok(code)


def test_sentences_split_as_nltk_punkt_splits_them_but_keep_a_trailing_ellipsis():
    """The splitter makes NLTK's Punkt decisions with the news abbreviations added; a run of
    end punctuation after a sentence stays on it, where NLTK's Punkt made it a sentence."""
    import punkt
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    from compare.statements.segment import NEWS_ABBREVIATIONS, tokenizer

    model = punkt.load_model("english")
    params = PunktParameters()
    params.abbrev_types = set(model.abbrev_types) | NEWS_ABBREVIATIONS
    params.collocations, params.sent_starters = set(model.collocations), set(model.sent_starters)
    for word, flags in model.ortho_context.items():
        params.ortho_context[word] = int(flags)
    nltk_punkt = PunktSentenceTokenizer(params)
    text = (
        "Gov. Smith arrived at 3 p.m. on Monday. The U.S. envoy met him at St. Paul's, said "
        "Dr. Jones. Mr. Brown left early! Did anyone see him? Prof. Lee, 45, of Acme Inc. said "
        "no. The fire began at No. 5 Harbor Rd. before dawn. It spread fast."
    )
    assert list(tokenizer().span_tokenize(text)) == list(nltk_punkt.span_tokenize(text))
    assert len(tokenizer().tokenize(text)) == 7
    ellipsis = 'He said: "I was stopped by an officer . . . It was strange."'
    assert tokenizer().tokenize("He called all of us to challenge ourselves. . . .") == [
        "He called all of us to challenge ourselves. . . ."
    ]
    assert len(nltk_punkt.tokenize("He called all of us to challenge ourselves. . . .")) > 1
    assert tokenizer().tokenize(ellipsis)[0].startswith('He said: "I was stopped')


def test_heading_lines_with_a_value_are_spec_and_headline_statements(write_tree):
    """A headline or spec line that states a value becomes a statement of its kind, numbered after
    the document's sentences (whose ids do not change), its section the box title above it."""
    text = (
        "127 Dead in Paris Attacks\n\n"
        "The attacks killed 127 people, officials said. Police searched the area.\n\n"
        "SOLEN 5 AT A GLANCE\n"
        "Battery: 5,000 mAh\n"
        "Weight: 189 g\n\n"
        "The phone goes on sale in September.\n"
    )
    root = write_tree({"a.txt": text.encode()})
    docs, _ = ingest(root, Settings())
    statements = segment(normalize(docs))
    _assert_slices(docs, statements)
    rows = statements.select("stmt_id", "kind", "text", "section", "line").rows()
    sentences = [r for r in rows if r[1] not in ("spec", "headline")]
    assert [r[0] for r in sentences] == ["0:1", "0:2", "0:3"]  # as without the heading statements
    extra = {r[2]: r for r in rows if r[1] in ("spec", "headline")}
    assert extra["127 Dead in Paris Attacks"][1:2] == ("headline",)
    assert extra["Battery: 5,000 mAh"][1] == "spec" and extra["Battery: 5,000 mAh"][3] == "SOLEN 5 AT A GLANCE"
    assert [r[0] for r in rows[3:]] == ["0:4", "0:5", "0:6"] and rows[4][4] == 6
    assert "SOLEN 5 AT A GLANCE" not in extra  # a heading without a value stays a heading


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("239 people on board", "headline"),  # a list item with a value: a fact, like a heading line
        ("Battery: 5,000 mAh", "spec"),
        ("Sorting out the clues", "fragment"),
        ("The plane carried 239 people.", "claim"),
        ("epa05024691 French soldiers patrol at La Defense in Paris, France, 14 November 2015.", "fragment"),
    ],
)
def test_a_fragment_that_states_a_value_takes_part_in_facts(text, kind):
    from compare.statements.segment import sentence_kind

    assert sentence_kind(text) == kind
