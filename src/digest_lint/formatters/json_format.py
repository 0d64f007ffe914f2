"""JSON (a list of findings) and JSON Lines (one finding per line)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from digest_lint.formatters import FormatContext
from digest_lint.model.findings import Finding


def _record(f: Finding) -> dict[str, object]:
    return f.model_dump(mode="json")


def iter_json(findings: Iterable[Finding], ctx: FormatContext) -> Iterator[str]:
    """A JSON list, written one finding at a time."""
    first = True
    for f in findings:
        body = json.dumps(_record(f), ensure_ascii=False, indent=2).replace("\n", "\n  ")
        yield ("[\n  " if first else ",\n  ") + body
        first = False
    yield "[]\n" if first else "\n]\n"


def format_json(findings: Iterable[Finding], ctx: FormatContext) -> str:
    return "".join(iter_json(findings, ctx))


def iter_jsonl(findings: Iterable[Finding], ctx: FormatContext) -> Iterator[str]:
    for f in findings:
        yield json.dumps(_record(f), ensure_ascii=False) + "\n"


def format_jsonl(findings: Iterable[Finding], ctx: FormatContext) -> str:
    return "".join(iter_jsonl(findings, ctx))
