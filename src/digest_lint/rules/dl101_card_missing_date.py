"""DL101 card-missing-date."""

from __future__ import annotations

from collections.abc import Iterator

from digest_lint.model.findings import Severity, Violation
from digest_lint.rules._common import card_name
from digest_lint.rules.base import Context, FixAvailability, Rule


class CardMissingDate(Rule):
    """A summary card with no 公開日.

    What it flags: a card (✅ bullets and/or a citation line) that has no
    ``公開日:YYYY/MM/DD`` line, or a 公開日 line with nothing after it.

    Why it matters: readers judge a summary by its date; an undated card can be years
    old (the date rules DL107 and DL402 cannot check it either), and a card with no date
    is often one that was pasted in from another article.

    Example: ``✅ 職員は、子どもたちが…`` directly after the section's question, with no
    公開日 line above it.

    Fix: add ``公開日:YYYY/MM/DD`` above the card's bullets, with the date the cited
    source was published (open the URL of its さらに読む line). No automatic fix: the
    date must come from the source.
    """

    code = "DL101"
    name = "card-missing-date"
    severity = Severity.WARNING
    scope = "card"
    fix_availability = FixAvailability.NEVER

    def check(self, ctx: Context) -> Iterator[Violation]:
        for card in ctx.article.cards:
            if not card.bullets and card.citation is None:
                continue
            if card.date_block is not None and card.date_text:
                continue
            where = card.date_block or (card.bullets[0] if card.bullets else card.citation_block)
            assert where is not None
            url = card.citation.url if card.citation and card.citation.url else None
            source = f" (the date {url} was published)" if url else ""
            yield Violation(
                span=where.span,
                message=f"{card_name(card)} has no 公開日; add 公開日:YYYY/MM/DD above its "
                f"bullets{source}",
            )
