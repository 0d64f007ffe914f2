"""The one finding record every formatter reads, and the fix it may carry.

JSON wire schema (version 1), one object per finding::

    {"path", "line", "column", "end_line", "end_column",   # 1-based, Unicode code points
     "code", "name", "severity", "message", "url",
     "fix": null | {"replacement", "line", "column", "end_line", "end_column",
                    "applicability": "safe" | "unsafe"}}
"""

from __future__ import annotations

from enum import IntEnum, StrEnum

from pydantic import BaseModel, ConfigDict, Field

from digest_lint.model.text import Span

SCHEMA_VERSION = 1
DOCS_URL = "https://github.com/digest-lint/digest-lint/blob/main/docs/rules.md#{code}"
#: The English rule reference (``--lang en``).
DOCS_URL_EN = "https://github.com/digest-lint/digest-lint/blob/main/docs/rules.en.md#{code}"


def docs_url(code: str, lang: str) -> str:
    """The link to a rule's doc in the reference of ``lang`` (anchors: ``#dl302``)."""
    return (DOCS_URL_EN if lang == "en" else DOCS_URL).format(code=code.lower())


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class ExitStatus(IntEnum):
    """Process exit statuses.

    0 nothing at or above ``fail-on``; 1 findings; 2 a usage, config or pack error, or an
    input file that could not be read (the other files are still checked and reported);
    3 an internal error of digest-lint (a bug: the message names the file and asks for a
    report). The highest status of a run wins.
    """

    OK = 0
    FINDINGS = 1
    ERROR = 2
    INTERNAL = 3


class Applicability(StrEnum):
    SAFE = "safe"
    """Mechanical: the meaning of the text does not change (split a fused line, drop a mark)."""
    UNSAFE = "unsafe"
    """Knowledge-based: right per the packs, but an editor should read it (a title, a label)."""


class Fix(BaseModel):
    """Replace ``[start, end)`` of the article text with ``replacement``."""

    model_config = ConfigDict(frozen=True)

    replacement: str
    line: int
    column: int
    end_line: int
    end_column: int
    applicability: Applicability = Applicability.SAFE
    start: int = Field(exclude=True)
    end: int = Field(exclude=True)

    @classmethod
    def replace(
        cls, span: Span, replacement: str, applicability: Applicability = Applicability.SAFE
    ) -> Fix:
        return cls(
            replacement=replacement,
            line=span.line,
            column=span.column,
            end_line=span.end_line,
            end_column=span.end_column,
            applicability=applicability,
            start=span.start,
            end=span.end,
        )


class Violation(BaseModel):
    """What a rule yields: a span, a message and maybe a fix. The engine adds the rest."""

    model_config = ConfigDict(frozen=True)

    span: Span
    message: str
    fix: Fix | None = None
    snippet: str | None = None
    """The flagged text, for corpus rules whose findings are stamped without the article
    text (baselines match on it); per-article findings take it from the text."""
    cap: Severity | None = None
    """The highest severity this finding may have (a judgement on an assumed date is
    never an error), whatever the rule's configured severity."""


class Finding(BaseModel):
    """A violation stamped with its file, rule and effective severity."""

    model_config = ConfigDict(frozen=True)

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity
    message: str
    fix: Fix | None = None
    url: str = ""
    start: int = Field(default=0, exclude=True)
    end: int = Field(default=0, exclude=True)
    snippet: str = Field(default="", exclude=True)
    """The flagged text (for baselines); not part of the wire format."""
    context: str = Field(default="", exclude=True)
    """The line the flagged text starts on (for baselines: a short snippet such as 「月」
    is told apart by its line); not part of the wire format."""

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)
