"""Stage 7, conflicts: what the harbor sources disagree on, and what they do not."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl
import pytest

import compare
from compare import frames, pipeline
from compare.documents.ingest import ingest
from compare.pairs.lexical import score_pairs
from compare.settings import load_settings
from compare.statements import conflicts as stage
from compare.statements import scoring


def _reported(findings: compare.Findings) -> dict[frozenset[str], dict]:
    return {frozenset((c["a"], c["b"])): c for c in findings.conflict_list}


def test_conflicts_frame_schema(harbor_findings):
    assert harbor_findings.conflicts.schema == pl.Schema(frames.CONFLICTS)
    for c in harbor_findings.conflict_list:
        assert 0.0 <= c["confidence"] <= 1.0
        assert c["a_doc"] != c["b_doc"]
        assert c["explanation"]


@pytest.mark.parametrize("index", range(5))
def test_gold_conflicts_are_reported(harbor_findings, find_stmt, gold, index):
    """Each of the five labelled conflicts is reported for its pair of statements, with its kind."""
    item = gold["conflicts"][index]
    a, b = find_stmt(*item["a"]), find_stmt(*item["b"])
    reported = _reported(harbor_findings)
    assert frozenset((a, b)) in reported, item
    conflict = reported[frozenset((a, b))]
    assert conflict["kind"] == item["kind"]


@pytest.mark.parametrize("index", range(5))
def test_gold_conflicts_are_certain(harbor_findings, find_stmt, gold, index):
    """The labelled conflicts are confident enough to be listed as conflicts, not 'possible' ones."""
    item = gold["conflicts"][index]
    a, b = find_stmt(*item["a"]), find_stmt(*item["b"])
    conflict = _reported(harbor_findings).get(frozenset((a, b)))
    assert conflict is not None and conflict["certain"], conflict


@pytest.mark.parametrize("index", range(2))
def test_gold_non_conflicts_are_not_reported(harbor_findings, find_stmt, gold, index):
    """Different events, and a rounded figure ('around 60' vs '60'), are no conflicts."""
    item = gold["not_conflicts"][index]
    a, b = find_stmt(*item["a"]), find_stmt(*item["b"])
    assert frozenset((a, b)) not in _reported(harbor_findings), item["why"]


def test_conflicting_values_are_quoted_from_the_statements(harbor_findings):
    """a_value and b_value are words of statement a and statement b."""
    for c in harbor_findings.conflict_list:
        a_text = harbor_findings.statement(c["a"])["text"].lower()
        b_text = harbor_findings.statement(c["b"])["text"].lower()
        assert c["a_value"].lower() in a_text, c
        assert c["b_value"].lower() in b_text, c


def test_no_conflicting_pair_in_one_repeated_group(harbor_findings, harbor_groups):
    """A pair that conflicts never says 'the same thing' in the repeated list."""
    for c in harbor_findings.conflict_list:
        ga, gb = harbor_groups.get(c["a"]), harbor_groups.get(c["b"])
        assert ga is None or ga != gb, c


def test_conflicts_are_between_claims_of_different_documents(harbor_findings):
    kinds = dict(harbor_findings.statements.select("stmt_id", "kind").iter_rows())
    for c in harbor_findings.conflict_list:
        assert kinds[c["a"]] == kinds[c["b"]] == "claim"
        assert c["a"].split(":")[0] != c["b"].split(":")[0]


def _folder(tmp_path: Path, texts: dict[str, str]) -> Path:
    folder = tmp_path / "in"
    folder.mkdir(parents=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _run(tmp_path: Path, texts: dict[str, str]) -> compare.Findings:
    return compare.run(_folder(tmp_path, texts))


@pytest.fixture(autouse=True)
def _scratch_cwd(tmp_path, monkeypatch):
    """No settings file of the folder pytest runs in may change these small runs."""
    monkeypatch.chdir(tmp_path)


def test_different_counts_of_the_same_thing_conflict(tmp_path):
    found = _run(
        tmp_path,
        {
            "a.txt": "Twelve people were treated for smoke inhalation after the warehouse fire on Monday.\n",
            "b.txt": "Fifteen people were treated for smoke inhalation after the warehouse fire on Monday.\n",
        },
    )
    # one fact of both (people treated in hospital), its values as written ("Fifteen" alone was not
    # read for facts until the figure hint knew the teens; the value rule quoted "Fifteen people")
    assert [(c["kind"], c["a_value"], c["b_value"], c["certain"]) for c in found.conflict_list] == [
        ("number", "Twelve", "Fifteen", True)
    ]
    assert found.repeated == []


def test_same_figure_of_different_things_does_not_conflict(tmp_path):
    """'About 140 people' and '140 kilometres' share a number, not a subject."""
    found = _run(
        tmp_path,
        {
            "a.txt": "About 140 people were evacuated from the harbor district on Monday.\n",
            "b.txt": "The harbor district lies 140 kilometres from the capital, officials said.\n",
        },
    )
    assert found.conflict_list == []


def test_harm_denied_conflicts_only_with_harm_of_the_same_event(tmp_path):
    """"Nobody was hurt." says of what only with the sentence before it: against injuries at the
    same warehouse it conflicts; against injuries in a match that shares no other word, it does not."""
    denied = "Crews fought the warehouse fire on Pier 9 for six hours overnight.\nFortunately, nobody was hurt.\n"
    same = _run(
        tmp_path / "same",
        {"a.txt": denied, "b.txt": "Two firefighters were injured at the warehouse fire on Pier 9.\n"},
    )
    assert [c["kind"] for c in same.conflict_list] == ["negation"]
    other = _run(
        tmp_path / "other",
        {"a.txt": denied, "b.txt": "The striker was injured in the second half and left the pitch.\n"},
    )
    assert other.conflict_list == []


def test_a_thing_in_the_box_in_one_source_and_not_in_the_other_conflicts(tmp_path):
    """"A 45W charger is included in the box" against "There's no charger in the box": one
    disagreement on what comes with the phone; against "no case is included", none."""
    found = _run(
        tmp_path,
        {
            "a.txt": "The Solen 5 goes on sale on Friday.\nA 45W charger is included in the box.\n",
            "b.txt": "The Solen 5 feels solid in the hand.\nThere's no charger in the box, sadly.\n",
            "c.txt": "The Solen 5 is light.\nNo case is included with the phone.\n",
        },
    )
    assert [(c["kind"], c["a_value"], c["b_value"]) for c in found.conflict_list] == [
        ("negation", "charger is included", "no charger in the box")
    ]
    assert found.conflict_list[0]["certain"]


def test_sources_of_other_dates_doubt_harm_but_not_what_comes_in_the_box(tmp_path):
    """A later source may know of injuries an earlier one did not, so harm denied and reported on
    two dates is a possible conflict; what a phone comes with stands from its launch, so that
    disagreement stays certain across dates."""
    found = _run(
        tmp_path,
        {
            "a.txt": "---\ndate: 2025-09-10\n---\nA 45W charger is included in the box of the Solen 5.\n"
            "Crews fought the warehouse fire on Pier 9 overnight. Fortunately, nobody was hurt.\n",
            "b.txt": "---\ndate: 2025-09-13\n---\nThere's no charger in the box of the Solen 5.\n"
            "Two firefighters were injured at the warehouse fire on Pier 9.\n",
        },
    )
    got = sorted((c["a_value"], c["certain"]) for c in found.conflict_list)
    assert got == [("charger is included", True), ("nobody was hurt", False)]


def test_a_time_in_a_later_clause_does_not_make_a_rank_another_occasion(tmp_path):
    """"the company's second phone with a periscope lens, after last year's model, and the chief
    spent the evening on stage": the year and the person are of other clauses, so the rank stays a
    certain conflict with "the first Kestrova phone with a periscope lens"; a time before the rank
    ("Last year, it was the second phone ...") still makes it another occasion, possibly."""
    first = "It is the first Kestrova phone with a periscope lens.\n"
    later = (
        "The Pro is the second Kestrova phone with a periscope lens, after last year's Solen 4 Ultra, "
        "and Mr Elberg spent the evening on stage.\n"
    )
    before = "Last year, the Solen 4 Ultra was the second Kestrova phone with a periscope lens.\n"
    found = _run(tmp_path / "later", {"a.txt": first, "b.txt": later})
    assert [(c["kind"], c["certain"]) for c in found.conflict_list] == [("ordinal", True)]
    found = _run(tmp_path / "before", {"a.txt": first, "b.txt": before})
    assert [(c["kind"], c["certain"]) for c in found.conflict_list] == [("ordinal", False)]


def test_a_condition_puts_in_doubt_only_what_follows_it(tmp_path):
    """"There's no charger in the box, so budget for one if you need it": the condition comes
    after the denial, which stays certain; "If the Solen 5 has no charger in the box, buyers will
    complain" denies nothing (a condition, as a forecast or a wish: no conflict at all)."""
    found = _run(
        tmp_path,
        {
            "a.txt": "A 45W charger is included in the box of the Solen 5.\n",
            "b.txt": "There's no charger in the box of the Solen 5, so budget for one if you need it.\n",
            "c.txt": "If the Solen 5 has no charger in the box, buyers will complain.\n",
        },
    )
    got = {(c["a"][0], c["b"][0]): c["certain"] for c in found.conflict_list}
    assert got == {("0", "1"): True}


def test_rounded_figure_agrees_with_exact_one(tmp_path):
    found = _run(
        tmp_path,
        {
            "a.txt": "Within an hour, 60 firefighters were at the scene of the warehouse fire.\n",
            "b.txt": "Within an hour, around 60 firefighters were at the scene of the warehouse fire.\n",
        },
    )
    assert found.conflict_list == []
    assert len(found.repeated) == 1


def test_denied_harm_conflicts_with_reported_harm(tmp_path):
    found = _run(
        tmp_path,
        {
            "a.txt": "There were no injuries at all in the warehouse fire at the docks.\n",
            "b.txt": "Two firefighters were taken to hospital with minor burns after the warehouse fire.\n",
        },
    )
    assert [c["kind"] for c in found.conflict_list] == ["negation"]


@pytest.mark.parametrize(
    "as_known",
    [
        "No deaths have been reported in the flood at Kilnmoor, police said.",
        "No deaths were reported in the flood at Kilnmoor, police said.",
    ],
)
def test_harm_denied_as_known_then_is_a_possible_conflict_with_harm(tmp_path, as_known):
    """A denial that tells what had been reported by then ("no deaths have been reported") against
    harm another source reports ("One man has died") may be an update as well as a disagreement, dated
    sources or not: a possible conflict, where a flat denial ("There were no deaths at all") is certain."""
    harm = "One man has died in the flood at Kilnmoor, police said.\n"
    found = _run(tmp_path, {"a.txt": as_known + "\n", "b.txt": harm})
    assert [(c["kind"], c["certain"]) for c in found.conflict_list] == [("negation", False)]
    flat = _run(tmp_path / "flat", {"a.txt": "There were no deaths at all in the flood at Kilnmoor.\n", "b.txt": harm})
    assert [(c["kind"], c["certain"]) for c in flat.conflict_list] == [("negation", True)]


def test_a_rumour_of_harm_is_no_disagreement_with_its_denial(tmp_path):
    """A claim its source doubts ("a post ... claimed that 12 people had died") says nothing is so:
    against "no deaths have been reported" it is no conflict at all, as the fact layer has it."""
    found = _run(
        tmp_path,
        {
            "a.txt": "No deaths have been reported in the flood at Kilnmoor, police said.\n",
            "b.txt": "A post shared online claimed that 12 people had died in the flood at Kilnmoor.\n",
        },
    )
    assert found.conflict_list == []


def test_low_confidence_conflicts_are_not_certain(tmp_path):
    """conflict_min_confidence decides which conflicts count as certain."""
    texts = {
        "a.txt": "Twelve people were treated for smoke inhalation after the warehouse fire on Monday.\n",
        "b.txt": "Fifteen people were treated for smoke inhalation after the warehouse fire on Monday.\n",
    }
    folder = _folder(tmp_path, texts)
    strict = compare.run(folder, conflict_min_confidence=0.99)
    assert strict.conflict_list and not any(c["certain"] for c in strict.conflict_list)
    lax = compare.run(folder, conflict_min_confidence=0.1)
    assert all(c["certain"] for c in lax.conflict_list)


def _verdicts(*pairs: tuple[str, str]) -> list[tuple[str | None, float]]:
    """Conflict kind and confidence of each sentence pair, as the conflict stage reports them."""
    got = score_pairs(list(pairs)).sort("pair")
    return list(zip(got["conflict_kind"].to_list(), got["conflict_confidence"].to_list(), strict=True))


def test_ordinal_ranks_compared_as_sets():
    """A rank one statement gives besides another is no disagreement; disjoint ranks are."""
    [(overlap, _), (disjoint, _)] = _verdicts(
        (
            "Sales rose in the second quarter after a weak first quarter for the firm.",
            "Sales rose in the first quarter for the firm.",
        ),
        ("Sales rose in the third quarter for the firm.", "Sales rose in the first quarter for the firm."),
    )
    assert overlap is None
    assert disjoint == "ordinal"


def test_places_in_time_conflict_only_between_near_identical_statements():
    """An ordinal of a period ("sixth grade", "the second day") places a statement in time: two
    statements at two such places say different things, unless they are the same sentence but
    for it; and "the first quarter" of two years is two quarters, not one dated twice."""
    [(moments, _), (same, _), (years, _)] = _verdicts(
        (
            "By sixth grade, Anna was attending advanced maths classes at the academy.",
            "Anna skipped second grade at the academy and attended advanced classes in science and art.",
        ),
        ("It was his first day at the new school.", "It was his second day at the new school."),
        (
            "Profits fell in the first quarter of 2013, the company reported on Monday in London.",
            "Sales of the new phone were strong in the first quarter of 2014, analysts said.",
        ),
    )
    assert moments is None
    assert same == "ordinal"
    assert years is None


def test_the_nth_time_is_a_place_in_time_not_a_frame_dated_twice():
    """"the second time since 1992" and "the second time ... in 1998" count occasions of two
    different things: no date conflict. Two launches "first" in 2013 and 2010 are of two things."""
    [(times, _), (launches, _)] = _verdicts(
        (
            "It is only the second time since the league began in 1992 that it has lost the title.",
            "It is only the second time a first lady has been on the cover, after 1998.",
        ),
        (
            "The chip first launched with the LG G2 in the summer of 2013.",
            "Carriers blocked FaceTime when it first launched in 2010.",
        ),
    )
    assert times is None
    assert launches is None


def test_a_count_or_rank_meets_the_same_head_noun_behind_a_modifier():
    """ "three rear cameras" counts cameras, as "4 cameras" does; "the first Kestrova phone"
    ranks phones, as "the second phone" does: the pairs disagree."""
    [(cameras, _), (ranks, _)] = _verdicts(
        ("The Pro has three rear cameras on its back.", "The Pro has 4 cameras on its back."),
        (
            "It is the first Kestrova phone with a periscope lens.",
            "It is the second Kestrova phone with a periscope lens.",
        ),
    )
    assert cameras == "number"
    assert ranks == "ordinal"


def test_identical_counts_cancel_before_comparing():
    [(kind, _)] = _verdicts(
        (
            "The storm killed 5 people and injured 10 people in the coastal town on Monday.",
            "The storm killed 5 people and injured 12 people in the coastal town on Monday.",
        )
    )
    assert kind == "number"


def test_bare_values_only_for_near_identical_sentences():
    [(close, _), (far, _)] = _verdicts(
        (
            "The gunman opened fire in the crowded market, killing 5 others before fleeing.",
            "The gunman opened fire in the crowded market, killing 7 others before fleeing.",
        ),
        ("The gunman killed 5 others.", "Police later arrested a man who had threatened 7 others at a school."),
    )
    assert close == "number"
    assert far is None


def test_clock_times_of_different_zones_are_not_compared():
    [(same_zone, _), (other_zone, _)] = _verdicts(
        (
            "The plane took off from Kuala Lumpur at 6 p.m. EDT on Saturday with 239 people on board.",
            "The plane took off from Kuala Lumpur at 8 p.m. EDT on Saturday with 239 people on board.",
        ),
        (
            "The plane took off from Kuala Lumpur at 6 p.m. EDT on Saturday with 239 people on board.",
            "The plane took off from Kuala Lumpur at 6 a.m. local time on Saturday with 239 people on board.",
        ),
    )
    assert same_zone == "time"
    assert other_zone is None


def test_report_weekdays_are_not_compared():
    [(kind, _)] = _verdicts(
        (
            "Police said Tuesday that the warehouse fire at the docks had been started deliberately.",
            "Police said Wednesday that the warehouse fire at the docks had been started deliberately.",
        )
    )
    assert kind is None


def test_countries_of_the_same_role_conflict():
    [(place, conf), (listed, _), (named, _)] = _verdicts(
        (
            "Two suspects in the attacks were arrested in Belgium on Saturday morning by police.",
            "Two suspects in the attacks were arrested in Germany on Saturday morning by police.",
        ),
        (
            "Leaders of France, Germany and Italy met to discuss the budget crisis.",
            "Leaders of France, Spain and Italy met to discuss the budget crisis.",
        ),
        (
            "Two suspects in the attacks were arrested in Belgium, not in France, by police.",
            "Two suspects in the attacks were arrested in France by police.",
        ),
    )
    assert place == "entity" and 0.45 <= conf <= 0.7
    assert listed is None  # an enumeration is never compared
    assert named is None  # the other's country is named in the first statement


def test_nationalities_of_the_same_noun_conflict():
    [(kind, conf), (other_noun, _)] = _verdicts(
        ("A Japanese woman is slicing an onion in the kitchen.", "A Chinese woman is slicing an onion in the kitchen."),
        ("A Japanese woman is slicing an onion.", "A Chinese chef is slicing an onion."),
    )
    assert kind == "entity" and conf <= 0.7
    assert other_noun is None


def test_entity_conflicts_are_not_scope_penalised():
    """Different places are the disagreement itself, not a sign of different occasions."""
    [(kind, conf)] = _verdicts(
        (
            "The plane carrying 239 people landed safely in Vietnam late on Saturday night.",
            "The plane carrying 239 people landed safely in China late on Saturday night.",
        )
    )
    assert kind == "entity" and conf >= 0.45


def test_lone_negation_of_near_identical_statements():
    [(kind, conf), (both, _), (loose, _)] = _verdicts(
        ("The man is not playing a guitar on the stage.", "The man is playing a guitar on the stage."),
        ("The man is not playing a guitar on the stage.", "The man is never playing a guitar on the stage."),
        ("It's a lot of money, he said.", "$5,000 isn't a lot of money."),
    )
    assert kind == "negation" and conf in (0.45, 0.6)
    assert both is None  # both statements negate
    assert loose is None  # too little in common to be one claim


def test_no_dot_before_a_number_is_no_negation_and_ranks():
    """"No. 2" ranks (the second) and negates nothing: against "the biggest" it is a rank
    conflict, never a lone negation; "no 4G" still negates."""
    [(kind, _), (neg, _)] = _verdicts(
        ("Kestrova is Europe's No. 2 phone maker by sales.", "Kestrova is Europe's first phone maker by sales."),
        ("The shop sells no 4G phones in the village.", "The shop sells 4G phones in the village."),
    )
    assert kind == "ordinal"
    assert neg == "negation"


def test_ranks_by_one_measure_in_other_words_conflict():
    """"the second-largest bank" and "the third-biggest bank" rank by one measure: a rank conflict."""
    [(kind, conf)] = _verdicts(
        ("Northwind is the country's second-largest bank by assets.",
         "Northwind is the country's third-biggest bank by assets."),
    )  # fmt: skip
    assert kind == "ordinal" and conf >= 0.5


def test_pairs_skipped_unread_have_no_conflict():
    """The stage skips a pair unread only when it can prove that no rule fires for it (the
    vectorised first test, then :meth:`may_conflict`). Over every cross-document pair of the
    harbor claims, in both orders, a pair the rules find a disagreement for is never skipped;
    and the proof is not idle: it skips most of the pairs without one."""
    settings, _ = load_settings(None, {})
    documents, _ = ingest(Path(__file__).parent / "fixtures" / "harbor-fire", settings, ())
    per_doc = pipeline.per_document(documents, settings)
    claims = per_doc.statements.filter(pl.col("kind") == "claim")
    scorer = scoring.Scorer.from_features(per_doc.features)
    ctx = stage._Context(claims, per_doc.values, scorer, per_doc.features)
    first, second = (x.ravel() for x in np.indices((len(ctx.ids), len(ctx.ids))))
    kept = stage._worth_comparing(ctx, first, second)
    conflicting, skipped, cross = 0, 0, 0
    for i, j, worth in zip(first.tolist(), second.tolist(), kept.tolist(), strict=True):
        a, b = ctx.ids[i], ctx.ids[j]
        if ctx.doc[a] == ctx.doc[b]:
            assert not worth
            continue
        cross += 1
        compared = worth and ctx.may_conflict(a, b)
        if stage._compare(ctx, a, b):
            conflicting += 1
            assert compared, (ctx.text[a], ctx.text[b])
        skipped += not compared
    assert conflicting >= 10
    assert skipped > 0.8 * (cross - conflicting)


def test_years_that_are_the_periods_of_different_figures_are_a_possible_conflict_only():
    """Two years each with figures of their own read as a series over time ("the average wage
    was £75,000 in 1992-93" / "£1.1m in 2008-09"): a possible conflict, not a certain one. The
    same figure dated by two years stays a certain conflict."""
    from compare.api import compare_texts

    docs = {
        "a.txt": "In 1992-93 the average wage for a Premiership player was £75,000 per year.\n\n"
        "The bridge over the river opened in 1932 at a cost of $10m.\n",
        "b.txt": "In 2008-09 the average wage for a Premiership player was £1.1m per year.\n\n"
        "The bridge over the river opened in 1933 at a cost of $10m.\n",
    }
    findings = compare_texts(docs, jobs=1)
    floor = findings.settings.conflict_min_confidence
    rows = findings.conflicts.select("a_value", "b_value", "confidence", "explanation").rows()
    found = {(a, b): (confidence >= floor, why) for a, b, confidence, why in rows}
    assert found[("1932", "1933")][0]
    certain, why = found[("1992-93", "2008-09")]
    assert not certain and "series" in why
    assert len(found) == 2


def test_two_quarters_each_with_its_figure_are_a_possible_conflict_only():
    """"grew 2.1 percent in the third quarter" / "grew 1.4 percent in the second quarter": two
    periods of a series, as two years with figures of their own are; one figure given for two
    quarters ("closed its books for the third quarter" / "the fourth quarter") stays certain."""
    from compare.api import compare_texts

    docs = {
        "a.txt": "The economy grew 2.1 percent in the third quarter.\n\nThe firm sold 40 ships in the third quarter.",
        "b.txt": "The economy grew 1.4 percent in the second quarter.\n\nThe firm sold 40 ships in the fourth quarter.",
    }
    findings = compare_texts(docs, jobs=1)
    floor = findings.settings.conflict_min_confidence
    rows = findings.conflicts.select("a_value", "b_value", "confidence", "explanation").rows()
    found = {(a, b): (confidence >= floor, why) for a, b, confidence, why in rows}
    certain, why = found[("third quarter", "second quarter")]
    assert not certain and "different periods" in why
    assert found[("third quarter", "fourth quarter")][0]


def test_a_date_conflict_is_certain_only_of_one_event(tmp_path):
    """Two dates conflict for certain when the words around them name one event ("a fire ... a
    warehouse" on March 4 and March 5); "its last known position on March 8" / "on 24 March the
    prime minister announced" date two events, and two weekdays tell a story day by day, unless
    the statements are the same but for them: possible conflicts at most."""

    def certain(a: str, b: str) -> list[bool]:
        folder = tmp_path / str(len(list(tmp_path.iterdir())))
        folder.mkdir()
        return [c["certain"] for c in _run(folder, {"a.txt": a + "\n", "b.txt": b + "\n"}).conflict_list]

    fire = certain(
        "A fire destroyed a warehouse at the Harbor Point docks on Tuesday night, March 4.",
        "On Wednesday night, March 5, a massive fire tore through a warehouse at Harbor Point.",
    )
    assert fire == [True]
    from compare.statements.conflicts import _dated_alike

    position = "Radar data ruled out any chance that the ferry turned toward the coast from its last position on May 3."
    announced = "On 12 May the minister announced that a study of radar data showed it had sunk."
    row = {"a": "0:1", "b": "1:1", "a_value": "May 3", "b_value": "12 May"}
    assert not _dated_alike(row, {"0:1": position, "1:1": announced})  # no word around the two dates in common
    assert _dated_alike(row, {"0:1": "The ferry sank near the coast on May 3.", "1:1": "On 12 May the ferry sank."})
    weekdays = certain("Brenna's shares closed at $38 on Friday.", "Brenna's shares closed up 22 percent on Monday.")
    assert weekdays in ([], [False])
    assert certain("The Arvel bridge reopened on Friday.", "The Arvel bridge reopened on Monday.") == [True]

