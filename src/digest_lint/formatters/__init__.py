"""Output formats: a small registry of formatters over the one finding record.

Each formatter takes the findings and a :class:`FormatContext` and returns the text to
write. Add a format by writing a function and registering it in :data:`FORMATTERS`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

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


#: Format name → ``module:function`` of its formatter (whole report) and, for formats
#: written in pieces, of its streamer. Modules are imported when their format is used.
_FORMATS: dict[str, tuple[str, str | None]] = {
    "text": ("text:format_text", "text:iter_text"),
    "concise": ("text:format_concise", "text:iter_concise"),
    "json": ("json_format:format_json", "json_format:iter_json"),
    "jsonl": ("json_format:format_jsonl", "json_format:iter_jsonl"),
    "github": ("github:format_github", "github:iter_github"),
    "sarif": ("sarif:format_sarif", None),
    "junit": ("junit:format_junit", None),
    "html": ("html:format_html", None),
}
FORMAT_NAMES: tuple[str, ...] = tuple(_FORMATS)


def _load(spec: str) -> Any:
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(f"digest_lint.formatters.{module}"), name)


class _Lazy(Mapping[str, Any]):
    """A registry that imports a formatter module on first use of its format."""

    def __init__(self, streamers: bool) -> None:
        self._index = 1 if streamers else 0
        self._names = [n for n, specs in _FORMATS.items() if specs[self._index] is not None]

    def __getitem__(self, name: str) -> Any:
        if name not in self._names:
            raise KeyError(name)
        spec = _FORMATS[name][self._index]
        assert spec is not None
        return _load(spec)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


FORMATTERS: Mapping[str, Formatter] = _Lazy(streamers=False)
STREAMERS: Mapping[str, Streamer] = _Lazy(streamers=True)


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
