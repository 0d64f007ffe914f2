"""DL102 source-label-missing."""

from __future__ import annotations

from collections.abc import Iterator

from digest_lint.model.findings import Applicability, Fix, Severity, Violation
from digest_lint.rules.base import Context, FixAvailability, Rule


class SourceLabelMissing(Rule):
    """A citation line that names no publisher.

    What it flags: ``さらに読む ⇒出典/画像元: URL`` with nothing between ⇒ and 出典.

    Why it matters: readers decide how far to trust a summary by who published it; a
    bare URL hides that, and cards copied from other articles often lose their label.

    Example: ``さらに読む ⇒出典/画像元: https://newsdig.tbs.co.jp/articles/-/1729431``

    Fix: write the publisher before 出典: ``さらに読む ⇒TBS NEWS DIG出典/画像元: …``.
    When the URL's domain is in the publishers pack the fix inserts that publisher's
    name (unsafe: check that the page is the publisher's own).
    """

    code = "DL102"
    name = "source-label-missing"
    severity = Severity.WARNING
    scope = "card"
    fix_availability = FixAvailability.SOMETIMES

    def check(self, ctx: Context) -> Iterator[Violation]:
        pubs = ctx.knowledge.publishers
        for card in ctx.article.cards:
            cite = card.citation
            if cite is None or cite.label:
                continue
            block = card.citation_block
            assert block is not None
            # Point at where the label belongs: right after ⇒ (before 出典).
            text = block.text
            at = text.find("⇒")
            pos = block.span.start + (at + 1 if at >= 0 else 0)
            src = text.find("出典")
            end = block.span.start + src if src > 0 else pos
            publisher = pubs.for_url(cite.url) if cite.url else None
            fix = None
            if publisher is not None:
                fix = Fix.replace(ctx.span(pos, end), publisher.name, Applicability.UNSAFE)
                hint = f"; {cite.url} is {publisher.name}'s: write ⇒{publisher.name}出典/画像元"
            else:
                hint = "; write the publisher's name before 出典/画像元"
            yield Violation(
                span=ctx.span(block.span.start, end if end > pos else block.span.end),
                message=f"citation names no publisher{hint}",
                fix=fix,
            )
