"""Text output like ruff: ``path:line:col: CODE [name] message``, then a summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

import click

from digest_lint.findings import Applicability, Finding, Severity
from digest_lint.formatters import FormatContext

_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def iter_text(findings: Iterable[Finding], ctx: FormatContext) -> Iterator[str]:
    """One line per finding, then the statistics and the summary, in one pass."""
    style = click.style if ctx.color else (lambda s, **_: s)
    counts: Counter[tuple[str, str]] = Counter()
    by: Counter[Severity] = Counter()
    paths: set[str] = set()
    safe = unsafe = 0
    for f in findings:
        where = style(f"{f.path}:{f.line}:{f.column}:", bold=True)
        code = style(f.code, fg=_COLORS[f.severity], bold=True)
        is_safe = f.fix is not None and f.fix.applicability == Applicability.SAFE
        mark = " [*]" if is_safe else ""
        yield f"{where} {code}{mark} [{f.name}] {f.message}\n"
        counts[(f.code, f.name)] += 1
        by[f.severity] += 1
        paths.add(f.path)
        safe += is_safe
        unsafe += f.fix is not None and f.fix.applicability == Applicability.UNSAFE
    total = sum(by.values())
    if ctx.statistics and total:
        yield "\n"
        for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            yield f"{n:5d}\t{code}\t{name}\n"
    if not ctx.quiet:
        yield _summary(total, by, len(paths), safe, unsafe, ctx) + "\n"


def format_text(findings: Iterable[Finding], ctx: FormatContext) -> str:
    return "".join(iter_text(findings, ctx))


def _summary(
    total: int, by: Counter[Severity], files: int, safe: int, unsafe: int, ctx: FormatContext
) -> str:
    if not total:
        return f"All checks passed! ({ctx.files} file{'s' if ctx.files != 1 else ''} checked)"
    parts = [f"{by[s]} {s.value}{'s' if by[s] != 1 else ''}" for s in Severity if by[s]]
    line = (
        f"Found {total} problem{'s' if total != 1 else ''} "
        f"({', '.join(parts)}) in {files} of {ctx.files} file{'s' if ctx.files != 1 else ''}."
    )
    if ctx.fixable_hint and (safe or unsafe):
        line += f"\n[*] {safe} fixable with --fix"
        if unsafe:
            line += f" ({unsafe} more with --unsafe-fixes)"
        line += "."
    return line
