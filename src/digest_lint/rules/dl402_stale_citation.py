"""DL402 stale-citation."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterator

from pydantic import Field

from digest_lint.analysis.dates import card_date_span
from digest_lint.model.findings import Severity, Violation
from digest_lint.rules._common import card_name
from digest_lint.rules.base import Context, FixAvailability, Rule, RuleOptions


class Options(RuleOptions):
    days: int = Field(
        default=365,
        ge=1,
        description="Days a card may be older than the median 公開日 of the other cards.",
    )


class StaleCitation(Rule):
    """A card published long before the article's other cards.

    What it flags: a card whose 公開日 is more than ``days`` (default 365) before the
    median 公開日 of the article's other dated cards. An article with one dated card has
    nothing to compare with and is never flagged.

    Why it matters: a digest is read as current news; a years-old source among this
    month's reports passes old facts (offices, plans, figures) off as the present state.

    Example: a card ``公開日:2022/03/11`` in an article whose other card is dated
    ``2025/03/14``.

    Fix: replace the card with a current source on the same point, or say in the text
    that it is background from that date (``2022年3月の報道では…``). No automatic fix.
    """

    code = "DL402"
    name = "stale-citation"
    severity = Severity.WARNING
    scope = "card"
    fix_availability = FixAvailability.NEVER
    Options = Options

    def check(self, ctx: Context) -> Iterator[Violation]:
        limit = ctx.options.days
        dated = [c for c in ctx.article.cards if c.date is not None]
        for card in dated:
            assert card.date is not None
            others = [c.date.toordinal() for c in dated if c is not card and c.date is not None]
            span = card_date_span(card)
            if not others or span is None:
                continue
            median = statistics.median(others)
            gap = median - card.date.toordinal()
            if gap > limit:
                med = dt.date.fromordinal(int(median))
                yield ctx.violation(
                    *span,
                    f"{card_name(card)} was published {card.date.isoformat()}, "
                    f"{int(gap)} days before the article's other cards (median "
                    f"{med.isoformat()}; limit {limit} days); cite a current source or "
                    "present it as background",
                )
