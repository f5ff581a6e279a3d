"""The sections of the report about claims, and the state and helpers every section uses.

Conflicts show each side with the sentences around it; repeated claims count documents that
copy one another once; unique claims are folded per source and ranked (see
:mod:`.navigation`). :class:`ClaimSections` is the base of the Markdown renderer.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from functools import cached_property
from typing import Any
from urllib.parse import quote

import polars as pl

from ..findings.model import Findings
from ..ids import statement_key as stmt_key
from .images import NAMED_COLUMNS_MAX, coverage_docs
from .markup import CONTEXT_CHARS, bold, code, esc, listed, plural, short
from .navigation import neighbours, ranked

CITES_PER_SIDE = 4
"""Statements cited for one value of a disagreement shown once for many pairs of sources; the
rest are counted."""
IDS_LISTED = 6
"""Ids of the other conflicts of one disagreement listed by name; the rest are counted."""


def disagreement(c: dict[str, Any]) -> object:
    """What a conflict disagrees on: its fact, or its kind and pair of values. Many pairs of
    sources may disagree on one figure ("239" in seventeen sources, "230" in two)."""
    return c.get("fact") or (c["kind"], *sorted((c["a_value"], c["b_value"])))


def by_disagreement(conflicts: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """``conflicts`` grouped by :func:`disagreement`, in order of each group's first conflict."""
    groups: dict[object, list[dict[str, Any]]] = {}
    for c in conflicts:
        groups.setdefault(disagreement(c), []).append(c)
    return list(groups.values())


class ClaimSections:
    """The report's state and citation helpers, and its sections about claims: conflicts (each
    side with the sentences around it), repeated claims (copies counted once) and each
    source's unique claims (folded, ranked)."""

    def __init__(self, f: Findings, link_base: str | None, title_folder: str | None) -> None:
        """A renderer of ``f``; links under ``link_base`` (None: none), ``title_folder`` named in the scope line."""
        self.f = f
        self.base = link_base
        self.folder = title_folder
        self.n = f.settings.top_n
        self.names = {d: f.path(d) for d in f.documents["doc_id"].to_list()}
        self.images: set[str] = set()
        said = f.values.filter(f.values["kind"] == "attribution").select("stmt_id", "span")
        self.speakers: dict[str, str] = dict(said.iter_rows())

    # ---- helpers ---------------------------------------------------------------------------
    @cached_property
    def unique_by_doc(self) -> dict[int, list[str]]:
        """The unique claims of each document (in claim order), for the header's counts and
        the unique section: one pass over what may be tens of thousands of claims."""
        lists = self.f.unique_frame.group_by("doc_id", maintain_order=True).agg("stmt_id")
        return dict(zip(lists.get_column("doc_id").to_list(), lists.get_column("stmt_id").to_list(), strict=True))

    @cached_property
    def conflict_groups(self) -> list[list[dict[str, Any]]]:
        """The certain conflicts by :func:`disagreement`, in the order of each one's first (most
        confident) conflict: one disagreement between many pairs of sources is one entry."""
        return by_disagreement(c for c in self.f.conflict_list if c["certain"])

    @cached_property
    def conflict_anchor(self) -> dict[str, str]:
        """The anchor of each conflict the report shows (at most ``top_n`` disagreements): the
        heading of its disagreement, named after that one's first conflict."""
        return {c["id"]: g[0]["id"].lower() for g in self.conflict_groups[: self.n] for c in g}

    def link(self, doc: int, line: int, end_line: int | None = None) -> str:
        """``path:line`` (or a line range) as a link that opens the file at that line."""
        path = self.names[doc]
        label = f"{path}:{line}" if not end_line or end_line == line else f"{path}:{line}-{end_line}"
        anchor = f"#L{line}" if not end_line or end_line == line else f"#L{line}-L{end_line}"
        if self.base is None:  # texts given in Python: no file to link to
            return esc(label)
        return f"[{esc(label)}]({self.target(path)}{anchor})"

    def target(self, path: str) -> str:
        """URL of a source file relative to the report, percent-encoded ("#", "%", spaces)."""
        return quote(f"{self.base}/{path}" if self.base not in ("", ".") else path, safe="/._-~")

    def said_by(self, stmt_id: str) -> str:
        """ " (claim of X, as this source reports it)" for an attributed statement."""
        who = self.speakers.get(stmt_id)
        return f" *(claim of {esc(who)}, as this source reports it)*" if who else ""

    def file_link(self, doc: int) -> str:
        """A document's path as a link to its file."""
        path = self.names[doc]
        return esc(path) if self.base is None else f"[{esc(path)}]({self.target(path)})"

    def cite(self, stmt_id: str) -> str:
        """The ``path:line`` link of a statement."""
        s = self.f.statement(stmt_id)
        return self.link(s["doc_id"], s["line"])

    def quote(self, stmt_id: str, limit: int = 280) -> str:
        """A statement's text, escaped and cut to ``limit`` characters."""
        return esc(short(self.f.statement(stmt_id)["text"], limit))

    # ---- sections about claims ---------------------------------------------------------------

    def repeated_summary(self) -> str:
        """The summary's count of repeated claims: those independent sources make, then those
        only copies of one text repeat (a repost must not make a claim look confirmed)."""
        groups = self.f.repeated
        copied = sum(1 for g in groups if g["independent_docs"] < 2)
        out = f"**Repeated claims:** {len(groups) - copied} made by two or more independent sources"
        if copied:
            out += f", plus {copied} repeated only by copies of one text (a repost or a copied passage)"
        return out

    def in_context(self, stmt_id: str, value: str, start: int | None = None) -> str:
        """The cited sentence with ``value`` in bold (the one at ``start`` where known, else its
        first), between the end of the sentence before it and the start of the one after it in its
        document (in italics), when there are."""
        before, after = neighbours(stmt_id, self.f.statement_ids)
        out = bold(short(self.f.statement(stmt_id)["text"], 400), value, start)
        if before:
            text = self.f.statement(before)["text"]
            tail = text if len(text) <= CONTEXT_CHARS else "…" + text[-CONTEXT_CHARS:].split(" ", 1)[-1]
            out = f"*{esc(tail)}* {out}"
        if after:
            out += f" *{esc(short(self.f.statement(after)['text'], CONTEXT_CHARS))}*"
        return out + ("<br>" + self.said_by(stmt_id).strip() if stmt_id in self.speakers else "")

    def conflict_block(self, c: dict[str, Any]) -> list[str]:
        """One certain conflict: its kind, confidence and explanation, and both sides in context."""
        return [
            f"### {c['id']}",
            "",
            f"**{c['kind']}**, confidence {c['confidence']:.2f}: {esc(c['explanation'])}",
            "",
            "| Source | Says (the sentences around it in italics) |",
            "|---|---|",
            f"| {self.cite(c['a'])} | {self.in_context(c['a'], c['a_value'], c.get('a_start'))} |",
            f"| {self.cite(c['b'])} | {self.in_context(c['b'], c['b_value'], c.get('b_start'))} |",
            "",
        ]

    def same_disagreement(self, group: list[dict[str, Any]]) -> list[str]:
        """The other pairs of sources of one disagreement, after its first conflict's block: the
        statements giving each value (those of the block left out), and the conflicts' ids."""
        if len(group) < 2:
            return []
        shown = {group[0]["a"], group[0]["b"]}
        sides: dict[str, list[str]] = {}
        for c in group[1:]:
            for sid, value in ((c["a"], c["a_value"]), (c["b"], c["b_value"])):
                said = sides.setdefault(value, [])
                if sid not in shown and sid not in said:
                    said.append(sid)
        values = []
        for value, sids in sides.items():
            cites = [self.cite(s) for s in sorted(sids, key=stmt_key)[:CITES_PER_SIDE]]
            more = f" and {len(sids) - len(cites)} more" if len(sids) > len(cites) else ""
            if cites:  # a value only the block above gives is not said again
                values.append(f"**{esc(value)}** ({', '.join(cites)}{more})")
        others = [c["id"] for c in group[1:]]
        named = ", ".join(others[:IDS_LISTED])
        if len(others) > IDS_LISTED:
            named += f" and {len(others) - IDS_LISTED} more"
        lead = f"The same disagreement between {plural(len(others), 'more pair')} of sources ({named})"
        return [f"{lead}: {'; '.join(values)}." if values else f"{lead}.", ""]

    def conflicts(self) -> list[str]:
        """The certain conflicts, one block per disagreement (its first conflict, then the other
        pairs of sources in one line), then the possible ones as one line each."""
        certain = [c for c in self.f.conflict_list if c["certain"]]
        possible = [c for c in self.f.conflict_list if not c["certain"]]
        out = ["", "## Conflicts", ""]
        if not certain:
            out.append("No conflicts found between the sources.")
        else:
            out.append("Statements about the same thing that cannot both be true; the differing values are in bold.")
            out.append("")
            for group in self.conflict_groups[: self.n]:
                out += self.conflict_block(group[0]) + self.same_disagreement(group)
            hidden = len(certain) - len(self.conflict_anchor)
            if hidden:
                out.append(f"{hidden} more conflicts in `findings.json`.")
        if possible:
            out += [
                "",
                "### Possible conflicts",
                "",
                f"Weaker evidence (confidence below {self.f.settings.conflict_min_confidence:.2f}); "
                "worth a look, not a verdict.",
                "",
            ]
            groups = by_disagreement(possible)
            for group in groups[: self.n]:
                c = group[0]
                out.append(
                    f"- {c['kind']}: {self.cite(c['a'])} **{esc(c['a_value'])}** vs {self.cite(c['b'])} "
                    f"**{esc(c['b_value'])}**: {esc(c['explanation'])}" + self.also_possible(group)
                )
            shown = sum(len(g) for g in groups[: self.n])
            if len(possible) > shown:
                out += ["", f"{len(possible) - shown} more possible conflicts in `findings.json`."]
        return out

    @staticmethod
    def also_possible(group: list[dict[str, Any]]) -> str:
        """For the line of a possible disagreement: how many more pairs of sources share it and
        the other values they give (the first pair's line shows two)."""
        if len(group) < 2:
            return ""
        first = {group[0]["a_value"], group[0]["b_value"]}
        others = dict.fromkeys(v for c in group[1:] for v in (c["a_value"], c["b_value"]) if v not in first)
        values = [f"**{esc(v)}**" for v in list(others)[:IDS_LISTED]]
        if len(others) > IDS_LISTED:
            values.append(f"{len(others) - IDS_LISTED} more")
        more = f" *Also between {plural(len(group) - 1, 'more pair')} of sources"
        return more + (f", giving {listed(values)}.*" if values else ".*")

    def repeated(self) -> list[str]:
        """Repeated claims, those the most independent sources make first; the claims only
        copies of one text repeat come last, folded away."""
        f = self.f
        out = ["", "## Repeated statements", ""]
        if not f.repeated:
            return out + ["No statement is made by two or more sources."]
        out += [
            "Claims made by two or more sources, also when worded differently; those the most independent "
            "sources make first (documents that copy one another, as a repost or a copied passage, count once).",
            "",
        ]
        if "coverage.svg" in self.images:
            out += [self.coverage_text(), ""]
        independent = [g for g in f.repeated if g["independent_docs"] > 1]
        copied = [g for g in f.repeated if g["independent_docs"] < 2]
        for g in independent[: self.n]:
            out += self.repeated_item(g)
        if len(independent) > self.n:
            out.append(f"\n{len(independent) - self.n} more groups in `findings.json`.")
        if copied:
            out += ["", f"<details><summary>{plural(len(copied), 'claim')} repeated only by copies of one text"
                    "</summary>", ""]  # fmt: skip
            for g in copied[: self.n]:
                out += self.repeated_item(g)
            if len(copied) > self.n:
                out.append(f"\n{len(copied) - self.n} more groups in `findings.json`.")
            out += ["", "</details>"]
        return out

    def repeated_item(self, g: dict[str, Any]) -> list[str]:
        """One repeated claim: its words, who makes it (which of them copy one another), and
        each source's own words folded away."""
        rep, n = g["representative"], len(g["docs"])
        note = ""
        if g["copies"]:
            sets = "; ".join(listed([code(self.names[d]) for d in c]) for c in g["copies"])
            note = f", {g['independent_docs']} independent ({sets} copy one another)"
        out = [
            f"- “{self.quote(rep)}” — {self.cite(rep)}  \n  **{n} sources**{note}: "
            + ", ".join(f"{code(self.names[d])}" for d in g["docs"]),
            "  <details><summary>Each source's words</summary>\n",
        ]
        out += [f"  - {self.cite(s)}: {self.quote(s, 400)}" for s in g["statements"]]
        return out + ["\n  </details>"]

    def coverage_text(self) -> str:
        """The coverage chart's description (its alt text): which sources are its columns and
        how they are labelled."""
        docs = coverage_docs(self.f, self.n)
        cols = "one column per source"
        if len(docs) < len(self.names):
            cols = f"one column for each of {len(docs)} of the {len(self.names)} sources that state the claims shown"
        label = "numbered" if len(docs) > NAMED_COLUMNS_MAX else "numbered and named"
        return (
            f"![Chart of which source states which repeated claim: one row per claim, {cols}, {label} as in the "
            "Documents table, filled when the source states it. The list below says the same.](coverage.svg)"
        )

    def unique(self) -> list[str]:
        """Each source's unique claims folded in a block of its own, ranked: claims with
        dates, figures, places and names first, opinions and filler-like lines last."""
        out = [
            "",
            "## Unique statements by source",
            "",
            "Claims no other source makes, one folded block per source, ranked: a date or time counts 3, a "
            "figure 2, a place 2, an attribution 1, each name 1 (up to 3); an opinion not attributed to anyone "
            "(a word of opinion, or *I*, *we*, *you*) loses 3 and a claim under eight words 1. Ties keep the "
            "source's order.",
        ]
        by_doc = self.unique_by_doc
        shown = list(self.names)
        if len(shown) > self.n:  # long corpora: the sources with the most unique claims
            shown = sorted(sorted(shown, key=lambda d: (-len(by_doc.get(d, [])), d))[: self.n])
            out += [
                "",
                f"The {self.n} sources with the most unique claims; all {len(self.names)} are in `findings.json`.",
            ]
        kinds = self.value_kinds([s for d in shown for s in by_doc.get(d, [])])
        for d in shown:
            items = by_doc.get(d, [])
            if not items:
                continue
            summary = f"<code>{html.escape(self.names[d])}</code>: {plural(len(items), 'unique claim')}"
            out += ["", f"<details><summary>{summary}</summary>", ""]
            texts = {s: self.f.statement(s)["text"] for s in items}
            for s in ranked(items, texts, kinds)[: self.n]:
                out.append(f"- {self.cite(s)}: {self.quote(s)}")
            if len(items) > self.n:
                out.append(f"- … {len(items) - self.n} more in `findings.json`.")
            out += ["", "</details>"]
        none = [code(self.names[d]) for d in shown if not by_doc.get(d)]
        if none:
            out += ["", "No unique claims: " + ", ".join(none) + "."]
        return out

    def value_kinds(self, claims: list[str]) -> dict[str, set[str]]:
        """The kinds of value (date, number, place, ...) each of ``claims`` holds."""
        values = self.f.values.filter(pl.col("stmt_id").is_in(claims)).select("stmt_id", "kind")
        out: dict[str, set[str]] = {}
        for sid, kind in values.iter_rows():
            out.setdefault(sid, set()).add(kind)
        return out
