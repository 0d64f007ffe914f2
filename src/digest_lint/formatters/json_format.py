"""JSON (a list of findings) and JSON Lines (one finding per line)."""

from __future__ import annotations

import json

from digest_lint.findings import Finding
from digest_lint.formatters import FormatContext


def _record(f: Finding) -> dict[str, object]:
    return f.model_dump(mode="json")


def format_json(findings: list[Finding], ctx: FormatContext) -> str:
    return json.dumps([_record(f) for f in findings], ensure_ascii=False, indent=2) + "\n"


def format_jsonl(findings: list[Finding], ctx: FormatContext) -> str:
    return "".join(json.dumps(_record(f), ensure_ascii=False) + "\n" for f in findings)
