"""DL103 source-label-generic."""

from __future__ import annotations

from collections.abc import Iterator

from digest_lint.knowledge.publishers import label_key, publisher_part
from digest_lint.model.findings import Applicability, Fix, Severity, Violation
from digest_lint.rules.base import Context, FixAvailability, Rule


class SourceLabelGeneric(Rule):
    """A citation label that names no publisher, or the wrong one.

    What it flags: a label such as ``ニュースサイト`` or ``ウェブメディア`` that names no
    publisher (the generic labels of the publishers pack), and a label naming another
    publisher than the one the URL's domain belongs to (``毎日新聞`` on an asahi.com URL).
    A label that starts with the right publisher and goes on with the site's tagline
    (``ロイター 経済、株価…``) is right.

    Why it matters: the label is how a reader knows who reported the story. A generic
    label hides it; a wrong one misattributes the report.

    Example: ``さらに読む ⇒ニュースサイト出典/画像元: https://mainichi.jp/articles/…``

    Fix: ``さらに読む ⇒毎日新聞出典/画像元: https://mainichi.jp/articles/…``. When the
    domain is in the publishers pack the fix writes its name (unsafe: knowledge-based).
    """

    code = "DL103"
    name = "source-label-generic"
    severity = Severity.WARNING
    scope = "card"
    fix_availability = FixAvailability.SOMETIMES

    def check(self, ctx: Context) -> Iterator[Violation]:
        pubs = ctx.knowledge.publishers
        for card in ctx.article.cards:
            cite = card.citation
            if cite is None or not cite.label or cite.label_span is None:
                continue
            expected = pubs.for_url(cite.url) if cite.url else None
            label = cite.label
            if expected is not None and any(
                label_key(label).startswith(label_key(form)) for form in expected.labels
            ):
                continue
            if expected is not None and expected.aggregator:
                continue
            named = pubs.named_by(label)
            fix = None
            if expected is not None:
                fix = Fix.replace(cite.label_span, expected.name, Applicability.UNSAFE)
            if pubs.is_generic(label):
                what = f"label 「{publisher_part(label)}」 names no publisher"
            elif named is not None and expected is not None and named is not expected:
                what = (
                    f"label 「{publisher_part(label)}」 names {named.name}, but the URL is "
                    f"{expected.name}'s"
                )
            else:
                continue
            if expected is not None:
                hint = f"; {cite.url} is {expected.name}: write ⇒{expected.name}出典/画像元"
            else:
                hint = "; write the publisher's name"
            yield Violation(span=cite.label_span, message=what + hint, fix=fix)
