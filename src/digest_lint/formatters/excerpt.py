"""The flagged text shown in place, like ruff's full output: the line, the span marked
with ``^``, and the proposed replacement.

Columns on a terminal are display columns: a full-width character (most Japanese text)
takes two, so the marks under a Japanese span are twice its length in code points.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from digest_lint.model.findings import Applicability, Finding

#: Characters of context shown on each side of a span in a long line.
CONTEXT = 30
_WIDE = frozenset({"W", "F"})


def width(text: str) -> int:
    """Display columns of ``text`` on a terminal (full-width characters count two)."""
    return sum(
        2 if unicodedata.east_asian_width(ch) in _WIDE else 0 if unicodedata.combining(ch) else 1
        for ch in text
    )


def excerpt(finding: Finding, line_text: str | None, lang: str) -> Iterator[str]:
    """The lines shown under a finding's header (none when the text is not at hand)."""
    from digest_lint.formatters.text import printable

    if line_text is None:
        return
    start = max(0, finding.column - 1)
    end = finding.end_column - 1 if finding.end_line == finding.line else len(line_text)
    end = max(start, min(end, len(line_text)))
    lo = max(0, start - CONTEXT)
    hi = min(len(line_text), end + CONTEXT)
    before = ("…" if lo else "") + line_text[lo:start]
    flagged = line_text[start:end]
    after = line_text[end:hi] + ("…" if hi < len(line_text) else "")
    number = str(finding.line)
    gutter = " " * len(number)
    yield f"{gutter} |\n"
    yield f"{number} | {printable(before + flagged + after)}\n"
    marks = "^" * max(1, width(flagged))
    more = ""
    if finding.end_line > finding.line:
        more = f" {finding.end_line}行目まで" if lang != "en" else f" (to line {finding.end_line})"
    yield f"{gutter} | {' ' * width(before)}{marks}{more}\n"
    fix = finding.fix
    if fix is not None:
        safe = fix.applicability == Applicability.SAFE
        replacement = _shown(fix.replacement, lang)
        if lang == "en":
            kind = "safe fix (--fix)" if safe else "unsafe fix (--fix --unsafe-fixes)"
            yield f"{gutter} = fix: {replacement}  [{kind}]\n"
        else:
            kind = "安全な修正（--fix）" if safe else "要確認の修正（--fix --unsafe-fixes）"
            yield f"{gutter} = 修正案: {replacement}  [{kind}]\n"
    yield "\n"


def _shown(replacement: str, lang: str) -> str:
    """A replacement as an editor reads it: text as written, a line break or a deletion
    named (they are invisible)."""
    from digest_lint.formatters.text import printable

    if replacement.strip():
        return f"「{printable(replacement)}」"
    if not replacement:
        return "(delete)" if lang == "en" else "（削除）"
    breaks = replacement.count("\n")
    if lang == "en":
        return "(line break)" if breaks == 1 else f"({breaks} line breaks)"
    return "（改行）" if breaks == 1 else f"（改行{breaks}つ）"


class LineSource:
    """The lines of the checked files, read once per file as the report needs them."""

    def __init__(self, texts: dict[str, str]) -> None:
        self._given = texts
        self._path: str | None = None
        self._lines: list[str] | None = None

    def line(self, path: str, number: int) -> str | None:
        if path != self._path:
            self._path = path
            self._lines = self._read(path)
        if self._lines is None or not 0 < number <= len(self._lines):
            return None
        return self._lines[number - 1]

    def _read(self, path: str) -> list[str] | None:
        from digest_lint.io.sources import InputError, read_source

        if path in self._given:
            return self._given[path].split("\n")
        if path.startswith("<"):
            return None
        try:
            return read_source(path).text.split("\n")
        except InputError:
            return None
