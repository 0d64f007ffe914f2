"""Output formats: a small registry of formatters over the one finding record.

Each formatter takes the findings and a :class:`FormatContext` and returns the text to
write. Add a format by writing a function and registering it in :data:`FORMATTERS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from digest_lint.findings import Finding


@dataclass
class FormatContext:
    files: int = 0
    color: bool = False
    statistics: bool = False
    fixable_hint: bool = True
    extra: dict[str, object] = field(default_factory=dict)


Formatter = Callable[[list[Finding], FormatContext], str]


def _registry() -> dict[str, Formatter]:
    from digest_lint.formatters import json_format, text

    return {
        "text": text.format_text,
        "json": json_format.format_json,
        "jsonl": json_format.format_jsonl,
    }


FORMATTERS: dict[str, Formatter] = _registry()
