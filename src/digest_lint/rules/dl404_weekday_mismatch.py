"""DL404 weekday-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from digest_lint.analysis.dates import DateExpr, card_date_span, read_date_text
from digest_lint.model.findings import Applicability, Fix, Severity, Violation
from digest_lint.rules.base import Context, Rule


class WeekdayMismatch(Rule):
    """A weekday that does not match its date.

    What it flags: a weekday written beside a date, ``(月)``, ``（火）``, ``(月曜日)``,
    ``(月・祝)``, in the text or in a 公開日, that is not the weekday of that date. A date
    without a year is read in whichever of the neighbouring years its weekday fits, so
    it is flagged only when no year near its date context fits.

    Why it matters: a wrong weekday makes readers doubt the date itself, and one of the
    two is wrong.

    Example: ``2025年3月11日(月)``: 2025-03-11 is a Tuesday.

    Fix: the weekday of the written date (``2025年3月11日(火)``). The fix is safe when the
    year is written; for a date without a year it is unsafe (the year was inferred). If
    the weekday was right and the date wrong, correct the date instead.
    """

    code = "DL404"
    name = "weekday-mismatch"
    severity = Severity.WARNING
    scope = "date"

    def check(self, ctx: Context) -> Iterator[Violation]:
        pack = ctx.knowledge.dates
        exprs: list[DateExpr] = list(ctx.analysis.dates)
        for card in ctx.article.cards:
            span = card_date_span(card)
            if span is not None and card.date_text:
                expr = read_date_text(card.date_text, ctx.knowledge, span[0])
                if expr is not None:
                    exprs.append(expr)
        for d in exprs:
            day = d.date
            if d.weekday is None or day is None or day.weekday() == d.weekday.written:
                continue
            right = pack.weekdays[day.weekday()]
            wrong = pack.weekdays[d.weekday.written]
            safe = d.year_explicit
            fix = Fix.replace(
                ctx.span(d.weekday.start, d.weekday.end),
                right,
                Applicability.SAFE if safe else Applicability.UNSAFE,
            )
            yield ctx.violation(
                d.weekday.start,
                d.weekday.end,
                f"{d.text}: {day.isoformat()} is a {right}曜日, not {wrong}曜日"
                + ("" if safe else f" (year {day.year} inferred)"),
                fix,
            )
