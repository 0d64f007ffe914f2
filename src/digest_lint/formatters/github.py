"""GitHub Actions workflow commands: one annotation per finding.

``::error file=a.txt,line=12,col=23,endLine=12,endColumn=80,title=DL104::[url-glued] message``

Severities map to ``error``, ``warning`` and ``notice``. Message data escapes ``%``, CR
and LF; property values escape those and ``:`` and ``,`` too (as @actions/core does).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from digest_lint.formatters import FormatContext
from digest_lint.model.findings import Finding, Severity

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def format_github(findings: Iterable[Finding], ctx: FormatContext) -> str:
    return "".join(iter_github(findings, ctx))


def iter_github(findings: Iterable[Finding], ctx: FormatContext) -> Iterator[str]:
    for f in findings:
        props = {
            "file": f.path,
            "line": str(f.line),
            "col": str(f.column),
            "endLine": str(f.end_line),
            "endColumn": str(f.end_column),
            "title": f.code,
        }
        joined = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
        message = escape_data(f"[{f.name}] {f.message}")
        yield f"::{_LEVEL[f.severity]} {joined}::{message}\n"
