"""Markdown building blocks the report's sections share: escaping, code spans, plurals."""

from __future__ import annotations

import re

CONTEXT_CHARS = 160
"""Longest neighbouring sentence shown around a conflicting statement (longer ones are cut)."""

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def esc(text: str) -> str:
    """Escape Markdown (and table) syntax in quoted text."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def code(text: str) -> str:
    """An inline code span (file names); backslash escapes do not work inside one."""
    return "`" + text.replace("`", "'") + "`"


def plural(n: int, word: str, many: str | None = None) -> str:
    """ "1 source", "3 sources"."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def listed(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def short(text: str, limit: int = 280) -> str:
    """``text`` cut to ``limit`` characters, an ellipsis marking the cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def bold(text: str, span: str, start: int | None = None) -> str:
    """Escaped ``text`` with ``span`` in bold: the occurrence at ``start`` when it is there ("seven
    people taken into custody ... one of seven assailants who died": the second), else the first."""
    if start is not None and span and text[start : start + len(span)].lower() == span.lower():
        i = start
    else:
        i = text.lower().find(span.lower()) if span else -1
    if i < 0:
        return esc(text)
    return esc(text[:i]) + "**" + esc(text[i : i + len(span)]) + "**" + esc(text[i + len(span) :])
