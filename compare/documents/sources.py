"""What a folder says about its documents: ``sources.csv`` or ``sources.json`` next to the texts,
with each file's outlet, address and publication date (columns or keys ``path``, ``outlet``,
``url``, ``date``, in any case, or their usual other names: ``file``, ``source``, ``link``,
``published`` ...), and a ``date:`` line in a text's front matter. The fact layer reads the
dates: a count that only grew between dated sources is an update, not a conflict."""

from __future__ import annotations

import csv
import json
import logging
import re
from pathlib import Path

import polars as pl

from ..errors import UsageError

log = logging.getLogger(__name__)

SOURCE_FILES = ("sources.csv", "sources.json")
ALIASES = {
    "file": "path", "filename": "path", "file_name": "path", "name": "path",
    "source": "outlet", "publisher": "outlet", "publication": "outlet",
    "link": "url", "address": "url",
    "published": "date", "published_at": "date", "pubdate": "date", "publication_date": "date",
}  # fmt: skip
"""Other names of the columns or keys users give them; a name is read in lower case, its spaces
and dashes as underscores ("Published at" is ``published_at``)."""
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_FRONT_DATE = re.compile(r"\A---\s*\n(?:.*\n)*?date:\s*['\"]?(\d{4}-\d{2}-\d{2})", re.M)


def read_sources(root: Path) -> dict[str, dict[str, str]]:
    """The rows of ``sources.csv`` / ``sources.json`` under ``root`` by path ("/"-separated,
    relative to ``root``); {} when there is none. A malformed file is a user error."""
    rows: list[dict] = []
    for name in SOURCE_FILES:
        path = root / name
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8-sig")
            rows = json.loads(text) if name.endswith(".json") else list(csv.DictReader(text.splitlines()))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, csv.Error) as exc:
            raise UsageError(f"cannot read {path}: {exc}") from exc
        if isinstance(rows, list):
            rows = [_named(r) if isinstance(r, dict) else r for r in rows]
        if not isinstance(rows, list) or not all(isinstance(r, dict) and r.get("path") for r in rows):
            raise UsageError(f"{path}: every entry needs a 'path' (and may give outlet, url, date)")
        break
    out = {}
    for r in rows:
        date = str(r.get("date") or "")
        if date and not _DATE.match(date):
            raise UsageError(f"{root / 'sources'}: date {date!r} of {r['path']} is not YYYY-MM-DD")
        out[str(r["path"]).replace("\\", "/")] = {k: str(r.get(k) or "") for k in ("outlet", "url", "date")}
    return out


def _named(row: dict) -> dict:
    """A row of the sources file with its columns under the names this module reads (:data:`ALIASES`)."""
    out: dict = {}
    for key, value in row.items():
        name = re.sub(r"[\s-]+", "_", str(key).strip().lower())
        out.setdefault(ALIASES.get(name, name), value)
    return out


def document_dates(documents: pl.DataFrame, sources: dict[str, dict[str, str]]) -> dict[int, str]:
    """Each document's date (ISO text) from the sources file, else from its front matter; those
    without one are left out. Entries of the sources file naming no document (a typo, a file
    since removed) are said once on stderr: their dates date nothing."""
    unknown = sorted(set(sources) - set(documents.get_column("path").to_list()))
    if unknown:
        shown = ", ".join(unknown[:3]) + (f" and {len(unknown) - 3} more" if len(unknown) > 3 else "")
        log.warning("the sources file names %d file(s) not among the documents: %s", len(unknown), shown)
    out = {}
    # only a document the sources file names, or whose text opens front matter, can have a date:
    # the others' texts are not made Python strings (a thousand articles' texts, each run)
    dated = pl.col("path").is_in(list(sources)) | pl.col("text").str.starts_with("---")
    for doc, path, text in documents.filter(dated).select("doc_id", "path", "text").iter_rows():
        date = sources.get(path, {}).get("date", "")
        if not date and (m := _FRONT_DATE.match(text[:2000])):
            date = m.group(1)
        if date:
            out[doc] = date[:10]
    return out


def document_about(
    documents: pl.DataFrame, sources: dict[str, dict[str, str]], dates: dict[int, str]
) -> dict[int, dict[str, str]]:
    """What the folder says of each document it says anything of: its outlet and address from the
    sources file and its date (``dates``, from :func:`document_dates`), the empty ones left out."""
    out = {}
    for doc, path in documents.select("doc_id", "path").iter_rows():
        known = {k: v for k, v in sources.get(path, {}).items() if v and k != "date"}
        known |= {"date": dates[doc]} if doc in dates else {}
        if known:
            out[doc] = dict(sorted(known.items()))
    return out
