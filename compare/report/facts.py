"""The report's facts table: each fact two or more sources state, with every value and who gives
it, most disputed first. It is what a fact-checker reads first, so it follows the summary."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .markup import esc, plural

if TYPE_CHECKING:
    from .claims import ClaimSections

STATUS = {
    "conflict": "**conflict**",
    "possible-conflict": "possible conflict",
    "updated": "updated over time",
    "agree": "agree",
}
"""How each status reads in the table."""
CITES_PER_VALUE = 3
"""Sources cited for one value; the rest are counted."""
NOT_ASSERTED = {
    "hypothetical": "expected or possible",
    "wished": "hoped for",
    "question": "asked",
    "doubted": "doubted",
}
"""How the table marks a value no source asserts or reports (a forecast, a wish, a question, a
claim the source doubts: "leakers insisted it would cost $699"), so an "agree" row with a second
value reads right."""

FAR = "far from what most give"
"""How the table marks a figure far from the one most of the fact's sources give (a part, likely:
"five" passengers in a fact most sources put at 239; see :mod:`compare.statements.fact_consensus`)."""


def _values(r: ClaimSections, fact: dict[str, Any]) -> str:
    """Each distinct value of the fact in bold with the sources that give it (a few cited, the
    rest counted), those the most documents give first (then in order of first mention): the
    figure most sources agree on leads, outliers trail."""
    by_value: dict[str, list[str]] = {}
    docs: dict[str, set[int]] = {}
    modes: dict[str, set[str]] = {}
    near: dict[str, bool] = {}  # a value some source gives near what most give
    for m in fact["mentions"]:
        by_value.setdefault(m["value"], []).append(m["statement"])
        docs.setdefault(m["value"], set()).add(m["doc"])
        modes.setdefault(m["value"], set()).add(m["modality"])
        near[m["value"]] = near.get(m["value"], False) or not m["far"]
    order = {value: i for i, value in enumerate(by_value)}
    parts = []
    for value in sorted(by_value, key=lambda v: (-len(docs[v]), order[v])):
        stmts = by_value[value]
        cites = ", ".join(_cited(r, s) for s in stmts[:CITES_PER_VALUE])
        more = f" and {len(stmts) - CITES_PER_VALUE} more" if len(stmts) > CITES_PER_VALUE else ""
        unreal = modes[value] <= NOT_ASSERTED.keys()
        how = (NOT_ASSERTED[next(iter(modes[value]))] if len(modes[value]) == 1 else "not asserted") if unreal else ""
        how = how or ("" if near[value] else FAR)
        parts.append(f"**{esc(value)}**{f' *({how})*' if how else ''} ({cites}{more})")
    return "; ".join(parts)


def _cited(r: ClaimSections, stmt_id: str) -> str:
    """A statement's citation, after the speaker it quotes when it names one ("police:
    a.txt:3"): the police's count and the organisers' are told apart at a glance."""
    who = r.speakers.get(stmt_id)
    return f"{esc(who)}: {r.cite(stmt_id)}" if who else r.cite(stmt_id)


def _status(r: ClaimSections, fact: dict[str, Any]) -> str:
    """The fact's status, with links to the disagreements of its conflicts that the report
    shows (one link per disagreement, named after its first conflict)."""
    anchors = dict.fromkeys(r.conflict_anchor[c] for c in fact["conflicts"] if c in r.conflict_anchor)
    links = [f"[{a.upper()}](#{a})" for a in anchors][:3]
    return STATUS[fact["status"]] + (f" ({', '.join(links)})" if links else "")


def _sources(fact: dict) -> str:
    """How many sources state a fact, and how many of them are independent when copies of one
    text are among them ("3 (2 independent)"): a figure a repost repeats is not confirmed twice."""
    n, independent = fact["sources"], fact["independent_sources"]
    return f"{n} ({independent} independent)" if independent < n else str(n)


def facts_section(r: ClaimSections) -> list[str]:
    """The "Facts" section: a table of the facts stated by two or more sources, most disputed
    first, capped at the report's ``top_n`` rows (all are in ``findings.json``)."""
    facts = r.f.fact_list
    out = ["", "## Facts", ""]
    if not facts:
        return out + ["No figure, date or time is stated by two or more sources."]
    counts = {s: sum(1 for f in facts if f["status"] == s) for s in STATUS}
    out += [
        f"Figures, dates and times that two or more sources state about the same thing: "
        f"{plural(counts['conflict'], 'fact')} with values that cannot all hold, "
        f"{counts['possible-conflict']} possibly so, {counts['updated']} updated over time "
        f"(a count that grew between dated sources) and {counts['agree']} on which the sources agree. "
        "A fact is a value of one attribute (what is counted, measured or dated) of one holder, "
        "in one place and period; most disputed first.",
        "",
        "| Fact | Sources | Status | Values (who gives them) |",
        "|---|---|---|---|",
    ]
    for fact in facts[: r.n]:
        holder = f" of {esc(fact['holder'])}" if fact["holder"] else ""
        scope = f" {esc(fact['scope'])}" if fact["scope"] else ""
        out.append(
            f"| {fact['id']}: {esc(fact['attribute'])}{holder}{scope} | {_sources(fact)} | "
            f"{_status(r, fact)} | {_values(r, fact)} |"
        )
    if len(facts) > r.n:
        out += ["", f"{len(facts) - r.n} more facts in `findings.json`."]
    return out
