"""DL104 url-glued."""

from __future__ import annotations

from collections.abc import Iterator

from digest_lint.model.findings import Fix, Severity, Violation
from digest_lint.rules._common import quote
from digest_lint.rules.base import Context, FixAvailability, Rule


class UrlGlued(Rule):
    """A citation URL fused with the sentence that follows it.

    What it flags: a さらに読む line whose URL runs straight into the next sentence, with
    no line break: ``…/319000cロシアは停戦を…``.

    Why it matters: the link is broken (a browser or a linkifier takes the sentence as part
    of the URL) and the sentence is hidden at the end of the citation line.

    Example: ``出典/画像元: https://www.fnn.jp/articles/-/844910ロシアは停戦案に…``

    Fix: put the sentence on its own line after the URL (a blank line too, in articles
    that separate paragraphs with blank lines). Safe: the text does not change.
    """

    code = "DL104"
    name = "url-glued"
    severity = Severity.ERROR
    scope = "card"
    fix_availability = FixAvailability.ALWAYS

    def check(self, ctx: Context) -> Iterator[Violation]:
        text = ctx.article.text
        for card in ctx.article.cards:
            cite = card.citation
            if cite is None or cite.fused is None or cite.url_span is None:
                continue
            fused = cite.fused
            # Blank-line layout when the citation line is followed by a blank line.
            after = text.find("\n", fused.span.end)
            blank = after != -1 and text[after + 1 : after + 2] == "\n"
            sep = "\n\n" if blank else "\n"
            yield Violation(
                span=ctx.span(cite.url_span.start, fused.span.end),
                message=f"citation URL {cite.url} is fused with the sentence "
                f"{quote(fused.text)}; put the sentence on its own line",
                fix=Fix.replace(ctx.span(cite.url_span.end, fused.span.start), sep),
            )
