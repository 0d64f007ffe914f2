"""DL002 front-matter-error."""

from __future__ import annotations

from collections.abc import Iterator

from digest_lint.model.findings import Severity, Violation
from digest_lint.rules.base import Context, FixAvailability, Rule


class FrontMatterError(Rule):
    """Front matter that cannot be read.

    What it flags: the ``---`` … ``---`` block at the top of a Markdown article when it is
    not valid YAML, is not a mapping of keys to values, or nests too deeply. The article
    is still checked, as if it had no front matter.

    Why it matters: the front matter carries the article's metadata, its ``date:`` first
    of all; unread, every rule that judges text at the article's date falls back to
    another date, and the publishing system may reject the article.

    Example: ``title: 「停戦」: 交渉の行方`` (an unquoted ``:`` in a value).

    Fix: correct the YAML (quote values that contain ``:``). No automatic fix.
    """

    code = "DL002"
    name = "front-matter-error"
    severity = Severity.ERROR
    scope = "article"
    fix_availability = FixAvailability.NEVER

    def check(self, ctx: Context) -> Iterator[Violation]:
        article = ctx.article
        span = article.front_matter_span
        if article.front_matter_error is None or span is None:
            return
        first_line_end = article.text.find("\n", span.start)
        end = span.end if first_line_end == -1 else min(span.end, first_line_end)
        yield ctx.violation(
            span.start,
            end,
            f"front matter cannot be read: {article.front_matter_error}; it was ignored",
        )
