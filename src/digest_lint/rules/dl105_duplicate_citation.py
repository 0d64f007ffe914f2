"""DL105 duplicate-citation."""

from __future__ import annotations

from collections.abc import Iterator

from digest_lint.knowledge.publishers import normalize_url
from digest_lint.model.findings import Severity, Violation
from digest_lint.model.messages import Message
from digest_lint.rules.base import Context, FixAvailability, Rule


class DuplicateCitation(Rule):
    """The same source cited twice in one article.

    What it flags: a card whose citation URL is the same source as an earlier card's,
    after normalisation: scheme, host case, ``www.``, a trailing slash, the fragment and
    tracking query parameters (``utm_*``, ``fbclid``… from the publishers pack) do not
    make a different source. The message names the line of the first citation.

    Why it matters: two cards summarising one report look like two independent sources
    and inflate the article's support; usually one of them was pasted twice.

    Bad: ``https://www.jiji.com/jc/article?k=2025061200123`` cited in the first section
    and ``http://WWW.JIJI.COM/jc/article?k=2025061200123&utm_source=line`` in the third.

    Good: one card for that report; the third section cites another source or refers back
    to the first card.

    Fix safety: no automatic fix: which card to keep is an editorial choice.
    """

    doc_ja = """
    一つの記事の中で同じ出典を二度引用している。

    何を検出するか: 前のカードと同じ出典を引くカード。URL は正規化して比べます。
    スキーム、ホスト名の大文字小文字、``www.``、末尾のスラッシュ、フラグメント、
    追跡用のクエリー（publishers パックの ``utm_*``、``fbclid`` など）の違いは、別の出典とは
    見なしません。メッセージは最初に引用した行を示します。

    なぜ問題か: 一つの報道を要約した二枚のカードは、独立した二つの出典のように見え、
    記事の裏付けを実際より強く見せます。たいていは同じカードを二度貼り付けたものです。

    悪い例: 第1節で ``https://www.jiji.com/jc/article?k=2025061200123`` を、第3節で
    ``http://WWW.JIJI.COM/jc/article?k=2025061200123&utm_source=line`` を引用している。

    良い例: その報道のカードは一枚にし、第3節では別の出典を引くか、最初のカードに触れる。

    修正の安全性: 自動修正はありません。どちらのカードを残すかは編集の判断です。
    """

    code = "DL105"
    name = "duplicate-citation"
    severity = Severity.WARNING
    scope = "card"
    fix_availability = FixAvailability.NEVER

    messages = {
        "twice": Message(
            ja="{url} は{line}行目でも引用しています。同じ出典は一度だけ引用し、"
            "どちらかのカードを別の出典に差し替えるか外してください。",
            en="{url} is already cited on line {line}; cite each source once",
        ),
    }

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
                    message=ctx.say("twice", url=cite.url, line=first[key]),
                )
            else:
                first[key] = cite.url_span.line
