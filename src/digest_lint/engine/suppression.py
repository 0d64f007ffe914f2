"""Suppression comments in Markdown articles, and which of them were never used.

Readers never see HTML comments, so Markdown articles can carry directives::

    <!-- digest-lint-disable-next-line DL302 -- the quote is historical -->
    <!-- digest-lint-disable DL201, off-topic-summary -->
    …
    <!-- digest-lint-enable DL201 -->

Codes or names, separated by spaces or commas; none means every rule. ``--`` starts an
optional reason. ``disable-next-line`` covers the next non-blank line that is not itself
a directive; ``disable`` covers every line up to the matching ``enable`` (or the end of the
file). A directive that suppresses nothing is reported as DL001 unused-suppression, so
stale ones get cleaned up. Plain-text articles have no comments: use ``per-file-ignores``
in the config or a baseline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from digest_lint.model.findings import Finding
from digest_lint.model.text import Span

#: The code and name of the unused-suppression finding (a registered rule: DL001).
UNUSED_CODE = "DL001"

_DIRECTIVE = re.compile(
    r"<!--\s*digest-lint-(?P<kind>disable-next-line|disable|enable)\b"
    r"(?P<body>(?:(?!-->).)*)-->",
    re.S,
)
MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass
class Directive:
    kind: str
    """``next-line`` or ``range``."""
    selectors: list[str]
    """Rule codes or names as written; empty means every rule."""
    reason: str | None
    start: int
    end: int
    """Offsets of the comment in the article text."""
    first_line: int
    last_line: int
    """The lines it covers (inclusive)."""
    used: set[str] = field(default_factory=set)
    """Selectors (or ``*``) that suppressed at least one finding."""
    span: Span | None = None
    """The comment's position (set by the engine)."""

    def covers(self, finding: Finding) -> str | None:
        """The selector that suppresses ``finding``, if any."""
        if not self.first_line <= finding.line <= self.last_line:
            return None
        if not self.selectors:
            return "*"
        for s in self.selectors:
            if s.upper() == finding.code or s == finding.name:
                return s
        return None


def _parse_body(body: str) -> tuple[list[str], str | None]:
    reason = None
    if "--" in body:
        body, _, reason_text = body.partition("--")
        reason = reason_text.strip() or None
    selectors = [s for s in re.split(r"[\s,]+", body.strip()) if s]
    return selectors, reason


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def parse_directives(text: str, path: str) -> list[Directive]:
    """The directives of a Markdown article (none for other files)."""
    if not path.lower().endswith(MARKDOWN_SUFFIXES) or "digest-lint-" not in text:
        return []
    lines = text.split("\n")
    directive_lines: set[int] = set()
    found: list[tuple[str, list[str], str | None, int, int, int]] = []
    for m in _DIRECTIVE.finditer(text):
        selectors, reason = _parse_body(m.group("body"))
        line = _line_of(text, m.start())
        end_line = _line_of(text, m.end())
        directive_lines.update(range(line, end_line + 1))
        found.append((m.group("kind"), selectors, reason, m.start(), m.end(), end_line))
    out: list[Directive] = []
    open_ranges: list[Directive] = []
    for kind, selectors, reason, start, end, end_line in found:
        line = _line_of(text, start)
        if kind == "disable-next-line":
            target = end_line + 1
            while target <= len(lines) and (
                not lines[target - 1].strip() or target in directive_lines
            ):
                target += 1
            out.append(Directive("next-line", selectors, reason, start, end, target, target))
        elif kind == "disable":
            d = Directive("range", selectors, reason, start, end, line, len(lines))
            open_ranges.append(d)
            out.append(d)
        else:  # enable: closes the open ranges it names (all of them when it names none)
            keys = {s.upper() for s in selectors}
            for d in list(open_ranges):
                if not keys or not d.selectors or keys & {s.upper() for s in d.selectors}:
                    d.last_line = line
                    open_ranges.remove(d)
    return out


def apply(findings: Iterable[Finding], directives: list[Directive]) -> list[Finding]:
    """The findings no directive covers; marks the directives that were used."""
    if not directives:
        return list(findings)
    kept: list[Finding] = []
    for f in findings:
        hit = False
        for d in directives:
            sel = d.covers(f)
            if sel is not None:
                d.used.add(sel)
                hit = True
        if not hit:
            kept.append(f)
    return kept


def unused_of(d: Directive, active: set[str], known: dict[str, str]) -> tuple[list[str], list[str]]:
    """``(unknown selectors, selectors of active rules that suppressed nothing)``."""
    unknown = [s for s in d.selectors if s.upper() not in known and s not in known]
    if not d.selectors:
        return unknown, ([] if "*" in d.used else ["*"])
    stale = [
        s for s in d.selectors if s not in d.used and known.get(s.upper(), known.get(s)) in active
    ]
    return unknown, stale
