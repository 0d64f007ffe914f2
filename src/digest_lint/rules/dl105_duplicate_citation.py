"""DL105 duplicate-citation."""

from __future__ import annotations

from collections.abc import Iterator

from digest_lint.knowledge.publishers import normalize_url
from digest_lint.model.findings import Severity, Violation
from digest_lint.rules.base import Context, FixAvailability, Rule


class DuplicateCitation(Rule):
    """The same source cited twice in one article.

    What it flags: a card whose citation URL is the same source as an earlier card's,
    after normalisation: scheme, host case, ``www.``, a trailing slash, the fragment and
    tracking query parameters (``utm_*``, ``fbclid``… from the publishers pack) do not
    make a different source.

    Why it matters: two cards summarising one report look like two independent sources
    and inflate the article's support; usually one of them was pasted twice.

    Example: ``https://mainichi.jp/articles/20250319/k00/00m/030/319000c`` cited in the
    first section and ``http://MAINICHI.jp/articles/20250319/k00/00m/030/319000c/?utm_source=x``
    in the third.

    Fix: keep one card for the source, or replace the second with a card for another
    source. No automatic fix: which card to keep is an editorial choice. The message
    names the first citation.
    """

    code = "DL105"
    name = "duplicate-citation"
    severity = Severity.WARNING
    scope = "card"
    fix_availability = FixAvailability.NEVER

    def check(self, ctx: Context) -> Iterator[Violation]:
        tracking = ctx.knowledge.publishers.tracking_params
        first: dict[str, int] = {}
        for card in ctx.article.cards:
            cite = card.citation
            if cite is None or not cite.url or cite.url_span is None:
                continue
            key = normalize_url(cite.url, tracking)
            if key in first:
                yield Violation(
                    span=cite.url_span,
                    message=f"{cite.url} is already cited on line {first[key]}; "
                    "cite each source once",
                )
            else:
                first[key] = cite.url_span.line
