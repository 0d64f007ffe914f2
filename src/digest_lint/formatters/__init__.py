"""Output formats: a small registry of formatters over the one finding record.

Each formatter takes the findings and a :class:`FormatContext` and returns the text to
write. Add a format by writing a function and registering it in :data:`FORMATTERS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from digest_lint.model.findings import Finding, Severity

if TYPE_CHECKING:
    from digest_lint.rules.base import Rule


@dataclass
class FormatContext:
    files: int = 0
    color: bool = False
    statistics: bool = False
    fixable_hint: bool = True
    quiet: bool = False
    """Findings only: no summary line."""
    paths: list[str] = field(default_factory=list)
    """Every article checked (JUnit lists the clean ones too)."""
    rules: list[tuple[type[Rule], Severity]] = field(default_factory=list)
    """The rules of the run with their effective severity (SARIF's rule metadata)."""
    failed: list[tuple[str, str]] = field(default_factory=list)
    """Files that could not be checked: ``(path, why)`` (input and internal errors)."""
    sources: dict[str, str] = field(default_factory=dict)
    """Texts of checked articles that are no files, by path (standard input): formats
    that show the article (HTML) take them from here instead of reading the disk."""
    full: bool = True
    """Text output: show each flagged line with the span marked (``concise``: not)."""
    lang: str = "ja"
    """The run's language, for the words the formats add around messages."""


Formatter = Callable[[Iterable[Finding], FormatContext], str]
#: A formatter that yields its output in pieces, so a large report is never held whole.
Streamer = Callable[[Iterable[Finding], FormatContext], Iterator[str]]


def _registry() -> dict[str, Formatter]:
    from digest_lint.formatters import github, html, json_format, junit, sarif, text

    return {
        "text": text.format_text,
        "concise": text.format_concise,
        "json": json_format.format_json,
        "jsonl": json_format.format_jsonl,
        "github": github.format_github,
        "sarif": sarif.format_sarif,
        "junit": junit.format_junit,
        "html": html.format_html,
    }


FORMATTERS: dict[str, Formatter] = _registry()
FORMAT_NAMES: tuple[str, ...] = tuple(FORMATTERS)


def _streamers() -> dict[str, Streamer]:
    from digest_lint.formatters import github, json_format, text

    return {
        "text": text.iter_text,
        "concise": text.iter_concise,
        "json": json_format.iter_json,
        "jsonl": json_format.iter_jsonl,
        "github": github.iter_github,
    }


STREAMERS: dict[str, Streamer] = _streamers()


def render(fmt: str, findings: Iterable[Finding], ctx: FormatContext) -> Iterator[str]:
    """The report in format ``fmt``, in pieces (whole, for formats that need it).

    With ``ctx.statistics`` the report is the count of findings per rule instead: JSON
    for ``json`` and ``jsonl``, a table for every other format.
    """
    if ctx.statistics:
        from digest_lint.formatters.statistics import iter_statistics

        return iter_statistics(fmt, findings, ctx)
    if fmt in STREAMERS:
        return STREAMERS[fmt](findings, ctx)
    return iter([FORMATTERS[fmt](findings, ctx)])
