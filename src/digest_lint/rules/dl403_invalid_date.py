"""DL403 invalid-date."""

from __future__ import annotations

import re
from collections.abc import Iterator

from digest_lint.analysis.dates import card_date_span, read_date_text
from digest_lint.model.article import front_matter_date
from digest_lint.model.findings import Severity, Violation
from digest_lint.rules.base import Context, FixAvailability, Rule


class InvalidDate(Rule):
    """A date that does not exist.

    What it flags: a date in the text or in a 公開日 that is not on the calendar: a day
    past the end of its month (``2025年2月29日``, ``4月31日``), a month outside 1-12
    (``13月``), an era year outside its era (``平成31年5月1日``: 令和元年 by then), a
    公開日 whose value is no date at all, and a Markdown front matter ``date:`` that is
    no real date or time (``2025-02-30``, ``25:00``). ``2024年2月29日`` (a leap year) is valid; a
    February 29 written without a year is read in the nearest leap year.

    Why it matters: an impossible date is a typo that hides the real one; readers and
    tools that sort or compare dates cannot use it.

    Example: ``2025年2月30日に発表した。``, ``公開日:2025/04/31``.

    Fix: write the date the source gives. No automatic fix: which digit is wrong needs the
    source.
    """

    code = "DL403"
    name = "invalid-date"
    severity = Severity.ERROR
    scope = "date"
    fix_availability = FixAvailability.NEVER

    def check(self, ctx: Context) -> Iterator[Violation]:
        yield from self._front_matter(ctx)
        for d in ctx.analysis.dates:
            if not d.valid:
                yield ctx.violation(
                    d.start, d.end, f"{d.text} is not a date: {d.problem}; write the real date"
                )
        for card in ctx.article.cards:
            if card.date is not None or not card.date_text:
                continue
            span = card_date_span(card)
            if span is None:
                continue
            expr = read_date_text(card.date_text, ctx.knowledge, span[0])
            if expr is None:
                yield ctx.violation(
                    *span,
                    f"公開日 {card.date_text!r} is not a date; write it as YYYY/MM/DD",
                )
            elif not expr.valid:
                yield ctx.violation(
                    *span,
                    f"公開日 {card.date_text} is not a date: {expr.problem}; write the real date",
                )

    @staticmethod
    def _front_matter(ctx: Context) -> Iterator[Violation]:
        """The front matter's ``date:`` when it is no real date or time."""
        article = ctx.article
        value = article.front_matter.get("date")
        span = article.front_matter_span
        if span is None or value is None:
            return
        _, problem = front_matter_date(value)
        if problem is None:
            return
        head = article.text[span.start : span.end]
        m = re.search(r"^date\s*:\s*(.*?)\s*$", head, re.M)
        start, end = (
            (span.start + m.start(1), span.start + m.end(1)) if m else (span.start, span.start)
        )
        yield ctx.violation(
            start, end, f"front matter date {value} is not a date: {problem}; write the real date"
        )
