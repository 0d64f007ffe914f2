"""DL101 card-missing-date."""

from __future__ import annotations

from collections.abc import Iterator

from digest_lint.model.findings import Severity, Violation
from digest_lint.model.messages import Message
from digest_lint.rules._common import card_name
from digest_lint.rules.base import Context, FixAvailability, Rule


class CardMissingDate(Rule):
    """A summary card with no 公開日.

    What it flags: a card (✅ bullets and/or a citation line) that has no
    ``公開日:YYYY/MM/DD`` line, or a 公開日 line with nothing after it.

    Why it matters: readers judge a summary by its date; an undated card can be years
    old (the date rules DL107 and DL402 cannot check it either), and a card with no date
    is often one that was pasted in from another article.

    Bad: a section's question ``物価高対策はどうなる?`` followed directly by the bullet
    ``✅ 政府は電気・ガス料金の補助を再開する方針を示した。``, with no 公開日 line.

    Good: ``公開日:2025/06/27`` on the line above the bullet, the date the cited source
    was published.

    Fix safety: no automatic fix: the date must come from the source (open the URL of the
    card's さらに読む line).
    """

    doc_ja = """
    公開日のない要約カード。

    何を検出するか: ``公開日:YYYY/MM/DD`` の行がないカード（✅ の要約か出典の行があるもの）と、
    公開日の行に日付が書かれていないカード。

    なぜ問題か: 読者は要約をその日付で判断します。日付のないカードは何年も前のものかも
    しれず、日付のルール（DL107、DL402）も確かめられません。日付のないカードは、別の記事から
    貼り付けたものであることもよくあります。

    悪い例: 節の問い ``物価高対策はどうなる?`` のすぐ後に
    ``✅ 政府は電気・ガス料金の補助を再開する方針を示した。`` が続き、公開日の行がない。

    良い例: 要約の上の行に、引用した記事の公開日を ``公開日:2025/06/27`` と書く。

    修正の安全性: 自動修正はありません。日付は出典から取る必要があります（カードの
    「さらに読む」の URL を開いて確かめてください）。
    """

    code = "DL101"
    name = "card-missing-date"
    severity = Severity.WARNING
    scope = "card"
    fix_availability = FixAvailability.NEVER

    messages = {
        "missing": Message(
            ja="{card}に公開日がありません。要約の上に「公開日:YYYY/MM/DD」を書いてください。",
            en="{card} has no 公開日; add 公開日:YYYY/MM/DD above its bullets",
        ),
        "missing-source": Message(
            ja="{card}に公開日がありません。{url} の公開日を確かめ、要約の上に"
            "「公開日:YYYY/MM/DD」を書いてください。",
            en="{card} has no 公開日; add 公開日:YYYY/MM/DD above its bullets "
            "(the date {url} was published)",
        ),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        for card in ctx.article.cards:
            if not card.bullets and card.citation is None:
                continue
            if card.date_block is not None and card.date_text:
                continue
            where = card.date_block or (card.bullets[0] if card.bullets else card.citation_block)
            assert where is not None
            url = card.citation.url if card.citation and card.citation.url else None
            name = card_name(card, ctx.lang)
            message = (
                ctx.say("missing-source", card=name, url=url)
                if url
                else ctx.say("missing", card=name)
            )
            yield Violation(span=where.span, message=message)
