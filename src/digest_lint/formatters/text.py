"""Text output like ruff: ``path:line:col: CODE [name] message``, then a summary."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace

import click

from digest_lint.formatters import FormatContext
from digest_lint.formatters.excerpt import LineSource, excerpt
from digest_lint.model.findings import Applicability, Finding, Severity

_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})


def printable(text: str) -> str:
    """``text`` with control, bidi-format and line-separator characters escaped
    (``\\n``, ``\\x1b``, ``\\u202e``): a file name or a quoted label can neither forge a
    report line nor drive the terminal. Spaces (full-width too) are kept."""
    if text.isprintable():
        return text
    category = unicodedata.category
    return "".join(
        ch.encode("unicode_escape").decode("ascii") if category(ch) in _UNSAFE_CATEGORIES else ch
        for ch in text
    )


def iter_text(findings: Iterable[Finding], ctx: FormatContext) -> Iterator[str]:
    """One line per finding, then the statistics and the summary, in one pass."""
    style = click.style if ctx.color else (lambda s, **_: s)
    by: Counter[Severity] = Counter()
    paths: set[str] = set()
    safe = unsafe = 0
    source = LineSource(ctx.sources) if ctx.full else None
    for f in findings:
        where = style(f"{printable(f.path)}:{f.line}:{f.column}:", bold=True)
        code = style(f.code, fg=_COLORS[f.severity], bold=True)
        is_safe = f.fix is not None and f.fix.applicability == Applicability.SAFE
        mark = " [*]" if is_safe else ""
        yield f"{where} {code}{mark} [{f.name}] {printable(f.message)}\n"
        if source is not None:
            yield from excerpt(f, source.line(f.path, f.line), ctx.lang)
        by[f.severity] += 1
        paths.add(f.path)
        safe += is_safe
        unsafe += f.fix is not None and f.fix.applicability == Applicability.UNSAFE
    total = sum(by.values())
    if not ctx.quiet:
        yield _summary(total, by, len(paths), safe, unsafe, ctx) + "\n"


def format_text(findings: Iterable[Finding], ctx: FormatContext) -> str:
    return "".join(iter_text(findings, ctx))


def iter_concise(findings: Iterable[Finding], ctx: FormatContext) -> Iterator[str]:
    """One line per finding (``path:line:col: CODE [name] message``), for scripts."""
    return iter_text(findings, replace(ctx, full=False))


def format_concise(findings: Iterable[Finding], ctx: FormatContext) -> str:
    return "".join(iter_concise(findings, ctx))


def _summary(
    total: int, by: Counter[Severity], files: int, safe: int, unsafe: int, ctx: FormatContext
) -> str:
    failed = len(ctx.failed)
    not_checked = (
        f" {failed} file{'s' if failed != 1 else ''} could not be checked (see above)."
        if failed
        else ""
    )
    if not total:
        if failed:
            return (
                f"No problems found in {ctx.files} file{'s' if ctx.files != 1 else ''} "
                f"checked;{not_checked}"
            )
        return f"All checks passed! ({ctx.files} file{'s' if ctx.files != 1 else ''} checked)"
    parts = [f"{by[s]} {s.value}{'s' if by[s] != 1 else ''}" for s in Severity if by[s]]
    line = (
        f"Found {total} problem{'s' if total != 1 else ''} "
        f"({', '.join(parts)}) in {files} of {ctx.files} file{'s' if ctx.files != 1 else ''}."
    )
    line += not_checked
    if ctx.fixable_hint and (safe or unsafe):
        line += f"\n[*] {safe} fixable with --fix"
        if unsafe:
            line += f" ({unsafe} more with --unsafe-fixes)"
        line += "."
    return line
