"""Text output like ruff: ``path:line:col: CODE [name] message``, then a summary."""

from __future__ import annotations

from collections import Counter

import click

from digest_lint.findings import Applicability, Finding, Severity
from digest_lint.formatters import FormatContext

_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def format_text(findings: list[Finding], ctx: FormatContext) -> str:
    out: list[str] = []
    style = click.style if ctx.color else (lambda s, **_: s)
    for f in findings:
        where = style(f"{f.path}:{f.line}:{f.column}:", bold=True)
        code = style(f.code, fg=_COLORS[f.severity], bold=True)
        mark = " [*]" if f.fix is not None and f.fix.applicability == Applicability.SAFE else ""
        out.append(f"{where} {code}{mark} [{f.name}] {f.message}")
    if ctx.statistics and findings:
        counts = Counter((f.code, f.name) for f in findings)
        if out:
            out.append("")
        for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            out.append(f"{n:5d}\t{code}\t{name}")
    if ctx.quiet:
        return "".join(line + "\n" for line in out)
    out.append(summary_line(findings, ctx))
    return "\n".join(out) + "\n"


def summary_line(findings: list[Finding], ctx: FormatContext) -> str:
    if not findings:
        return f"All checks passed! ({ctx.files} file{'s' if ctx.files != 1 else ''} checked)"
    by = Counter(f.severity for f in findings)
    parts = [f"{by[s]} {s.value}{'s' if by[s] != 1 else ''}" for s in Severity if by[s]]
    files = len({f.path for f in findings})
    line = (
        f"Found {len(findings)} problem{'s' if len(findings) != 1 else ''} "
        f"({', '.join(parts)}) in {files} of {ctx.files} file{'s' if ctx.files != 1 else ''}."
    )
    safe = sum(1 for f in findings if f.fix and f.fix.applicability == Applicability.SAFE)
    unsafe = sum(1 for f in findings if f.fix and f.fix.applicability == Applicability.UNSAFE)
    if ctx.fixable_hint and (safe or unsafe):
        line += f"\n[*] {safe} fixable with --fix"
        if unsafe:
            line += f" ({unsafe} more with --unsafe-fixes)"
        line += "."
    return line
