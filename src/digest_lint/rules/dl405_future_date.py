"""DL405 future-date."""

from __future__ import annotations

from collections.abc import Iterator

from digest_lint.analysis.dates import card_date_span
from digest_lint.model.findings import Severity, Violation
from digest_lint.rules._common import card_name
from digest_lint.rules.base import Context, FixAvailability, Rule


class FutureDate(Rule):
    """A 公開日 after the as-of date.

    What it flags: a card whose 公開日 is later than the as-of date: ``--as-of`` or the
    config's ``as-of``, else today. This is the one date rule about the present; the
    article's reference date (which a future-dated card does not move) is not used.

    Why it matters: no source is published in the future; the date is a typo (year or
    month), and every rule that judges the article's sentences against its cards' dates
    is misled by it.

    Example: ``公開日:2205/03/19`` checked on 2026-11-22.

    Fix: write the source's publication date. No automatic fix. Checking an archive as of
    a past day needs ``--as-of``.
    """

    code = "DL405"
    name = "future-date"
    severity = Severity.ERROR
    scope = "card"
    fix_availability = FixAvailability.NEVER

    def check(self, ctx: Context) -> Iterator[Violation]:
        for card in ctx.article.cards:
            span = card_date_span(card)
            if card.date is None or span is None or card.date <= ctx.as_of:
                continue
            days = (card.date - ctx.as_of).days
            yield ctx.violation(
                *span,
                f"{card_name(card)}: 公開日 {card.date.isoformat()} is {days} days after the "
                f"as-of date {ctx.as_of.isoformat()}; write the source's publication date",
            )
