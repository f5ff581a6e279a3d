"""Claim checks: statements that share words but not the claim are kept apart."""

from __future__ import annotations

from compare import frames
from compare.statements import claim_checks
from compare.statements.scoring import Scorer
from compare.text.words import content_stems, words


def _apart(a: str, b: str) -> bool:
    """Whether the checks keep two statements (no figures or dates read) apart."""
    texts = {"0:1": a, "1:1": b}
    scorer = Scorer({sid: frozenset(content_stems(words(t))) for sid, t in texts.items()})
    empty_mentions, empty_values = frames.empty(frames.MENTIONS), frames.empty(frames.VALUES)
    found = claim_checks.not_the_same_claim([("0:1", "1:1")], texts, scorer, empty_mentions, empty_values)
    return found == {frozenset(texts)}


def test_one_shared_word_besides_time_is_not_one_claim():
    assert _apart(
        "Kilnmoor Road will reopen on Friday, the council says.", "Schools in Brennock will reopen on Friday."
    )
    assert _apart('"What we did in the last four years is responsible for this.', "Ousti last saw him four years ago.")


def test_only_names_shared_is_not_one_claim():
    assert _apart("Sales rose, Chief Executive Dana Holt said.", "The merger is off, Chief Executive Dana Holt thinks.")


def test_shared_names_with_a_word_or_figure_are_one_claim():
    """Entity-heavy paraphrases share mostly names: a figure or a word besides them keeps them."""
    assert not _apart(
        "Kestrova has introduced the Solen 5 at an event at the Brightwater Pavilion.",
        "The company showed off its Solen 5 phone at the Brightwater Pavilion on Tuesday.",
    )
    assert not _apart(
        "On Sunday, France launched airstrikes on the Syrian town of Raqqa.",
        "France responded on Sunday with airstrikes on Raqqa in Syria.",
    )
    assert not _apart(
        "The warehouse fire injured twelve workers.", "Twelve workers were injured in the warehouse fire."
    )


def test_two_speakers_own_words_need_three_shared_words():
    """First-person statements are someone's own words: two that share two words are two
    people's; one quote reproduced word for word stays one claim, and so do two plain statements
    sharing as much."""
    assert _apart(
        "I think it's lessons to be learnt for everybody.\"",
        '"And I think there will be a lot of lessons learnt, and I dare say some will involve tracking.',
    )
    assert not _apart("We heard screaming.", "We heard screaming.")
    assert not _apart("There are lessons to be learnt for everybody.", "Officials say lessons were learnt in March.")


def test_a_figure_taken_as_known_is_not_a_shared_claim():
    """ "The families of the 239 people on board" names the passengers; it shares no claim with
    another sentence that names them too, nor with one that says there were 239."""
    assert _apart(
        "Malaysia Airlines had told the families of the 239 people on board, he said.",
        "Investigators looked into the backgrounds of the 239 people on board.",
    )
    assert _apart("Malaysia Airlines had told the families of the 239 people on board.", "It had 239 people on board.")
    assert not _apart("Of the 239 people on board, 153 were Chinese.", "The 239 people on board included 153 Chinese.")


def test_a_shared_speaker_is_not_a_shared_claim():
    """Who is quoted, titles and appositions included, is set aside: two things one official
    said are two claims; one thing said by one official, in two sources, stays one."""
    assert _apart(
        "Pete Olsen, the port's safety officer, said three ships were delayed.",
        "Two cranes were damaged in the storm, the port's safety officer said.",
    )
    assert not _apart(
        "Three ships were delayed by the storm, the port's safety officer said.",
        "The port's safety officer said the storm had delayed three ships at the quay.",
    )


def test_a_claim_made_in_passing_is_not_the_claim():
    """What a sentence says in passing (a place named by what happened there, an aside, an
    example, a purpose) is not what it claims; a relative clause is: "the ferry, which sank on
    May 3" says it sank."""
    assert _apart(
        "The footage shows him near to where the stolen van was abandoned.",
        "The stolen van was abandoned in a side street behind the depot.",
    )
    assert _apart(
        "Cargo volumes fell sharply (the crane operators went on strike in June) at the port.",
        "The crane operators went on strike in June over pay.",
    )
    assert _apart(
        "Sabotage the depots so they can never feel safe again.", "Residents no longer feel safe at night."
    )
    assert not _apart("Jo Bell was aboard the ferry, which sank off Arran.", "The ferry sank off Arran.")


def test_one_name_and_one_word_make_a_topic_not_a_claim():
    """A shared name counts half: "Glasgow" and "dockers" is what both are about; a second
    shared word makes it a claim."""
    assert _apart("Images from Glasgow showed cheering dockers.", "Dockers in Glasgow voted to return to work.")
    assert not _apart("Dockers in Glasgow went on strike over pay.", "Glasgow dockers began a strike over pay cuts.")


def test_one_fact_with_one_value_is_one_claim_in_any_words() -> None:
    """Statements that state one fact with one value pair up, and the word checks leave them
    be; a value said as background (a relative clause, an aside) does not pair."""
    texts = {
        "0:1": "The Vela X reaches shops on June 3.",
        "1:1": "The Vela X goes on sale on June 3 in 40 markets.",
        "2:1": "The Vela X, which went on sale on June 3, sold out in a day.",
    }
    scorer = Scorer({sid: frozenset(content_stems(words(t))) for sid, t in texts.items()})
    agreeing = [("0:1", "June 3", "1:1", "June 3"), ("0:1", "June 3", "2:1", "June 3")]
    pairs = claim_checks.same_fact_pairs(agreeing, texts, scorer)
    assert pairs == [("0:1", "1:1")]
    empty_mentions, empty_values = frames.empty(frames.MENTIONS), frames.empty(frames.VALUES)
    assert _apart(texts["0:1"], texts["1:1"])  # too little shared for the word checks alone
    agreed = frozenset(pairs)
    assert not claim_checks.not_the_same_claim(pairs, texts, scorer, empty_mentions, empty_values, agreed)


def test_the_job_groups_one_fact_stated_in_other_words() -> None:
    from compare.api import compare_texts

    texts = {
        "a.txt": "The Vela X reaches shops on June 3.\n\nIts maker is based in Oslo.\n",
        "b.txt": "The Vela X goes on sale on June 3 in 40 markets.\n\nAnalysts expect strong demand.\n",
    }
    groups = compare_texts(texts, jobs=1).groups
    assert groups.get_column("stmt_id").to_list() == ["0:1", "1:1"]
