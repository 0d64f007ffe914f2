"""DL107 citation-date-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from digest_lint.knowledge.publishers import dates_in_url
from digest_lint.model.findings import Severity, Violation
from digest_lint.rules.base import Context, FixAvailability, Rule, RuleOptions


class Options(RuleOptions):
    tolerance_days: int = Field(
        default=2, ge=0, description="Days a URL date may differ from 公開日."
    )


class CitationDateMismatch(Rule):
    """A date in the cited URL far from the card's 公開日.

    What it flags: a citation URL that carries a date (``20250319``, ``2025-01-02``,
    ``2025/03/19``, ``k=2025030100435``) more than ``tolerance-days`` (default 2) away from
    the card's 公開日.

    Why it matters: the URL date is the source's own publication date; a card dated weeks
    away from it has the wrong 公開日 or the wrong link, and readers are misled about when
    the reported events happened.

    Example: ``公開日:2025/03/19`` with ``https://mainichi.jp/articles/20250219/…``.

    Fix: set 公開日 to the source's date (``公開日:2025/02/19``) or link the source the
    summary was written from. No automatic fix: which of the two is wrong needs a look.
    A day or two of difference (time zones, late-night updates) is within tolerance.
    """

    code = "DL107"
    name = "citation-date-mismatch"
    severity = Severity.WARNING
    scope = "card"
    fix_availability = FixAvailability.NEVER
    Options = Options

    def check(self, ctx: Context) -> Iterator[Violation]:
        tolerance = ctx.options.tolerance_days
        for card in ctx.article.cards:
            cite = card.citation
            if card.date is None or cite is None or not cite.url or cite.url_span is None:
                continue
            for url_date, s, e in dates_in_url(cite.url):
                gap = abs((url_date - card.date).days)
                if gap > tolerance:
                    start = cite.url_span.start + s
                    yield ctx.violation(
                        start,
                        cite.url_span.start + e,
                        f"URL date {url_date.isoformat()} is {gap} days from the card's "
                        f"公開日 {card.date.isoformat()} (tolerance {tolerance}); set 公開日 to "
                        "the source's date or cite the right source",
                    )
                    break
