"""DL405 future-date."""

from __future__ import annotations

from collections.abc import Iterator

from digest_lint.analysis.dates import card_date_span
from digest_lint.model.findings import Severity, Violation
from digest_lint.model.messages import Message
from digest_lint.rules._common import card_name
from digest_lint.rules.base import Context, FixAvailability, Rule


class FutureDate(Rule):
    """A 公開日 after the as-of date.

    What it flags: a card whose 公開日 is later than the as-of date: ``--as-of`` or the
    config's ``as-of``, else today. This is the one date rule about the present; the
    article's reference date (which a future-dated card does not move) is not used.
    Checking an archive as of a past day needs ``--as-of``.

    Why it matters: no source is published in the future; the date is a typo (year or
    month), and every rule that judges the article's sentences against its cards' dates
    is misled by it.

    Bad: ``公開日:2052/06/12`` checked on 2025-06-13 (the digits of the year swapped).

    Good: ``公開日:2025/06/12``, the source's publication date.

    Fix safety: no automatic fix: the right date is the source's.
    """

    doc_ja = """
    確認日より後の公開日。

    何を検出するか: 公開日が確認日より後のカード。確認日は ``--as-of`` か設定の ``as-of``、
    なければ今日です。今の時点を基準にする唯一の日付のルールで、記事の基準日（未来の日付の
    カードでは動きません）は使いません。過去の日の時点で記事を確かめるときは ``--as-of`` を
    指定してください。

    なぜ問題か: 未来に公開された出典はありません。日付は打ち間違い（年か月）で、カードの日付で
    記事の文を判断するルールもすべて惑わされます。

    悪い例: 2025年6月13日に確認した ``公開日:2052/06/12``（年の数字が入れ替わっている）。

    良い例: 出典の公開日どおりの ``公開日:2025/06/12``。

    修正の安全性: 自動修正はありません。正しい日付は出典の日付です。
    """

    code = "DL405"
    name = "future-date"
    severity = Severity.ERROR
    scope = "card"
    fix_availability = FixAvailability.NEVER

    messages = {
        "future": Message(
            ja="{card}の公開日（{date}）は確認日（{as_of}）より{days}日後です。"
            "出典の公開日を書いてください。",
            en="{card}: 公開日 {date} is {days} days after the as-of date {as_of}; write the "
            "source's publication date",
        ),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        for card in ctx.article.cards:
            span = card_date_span(card)
            if card.date is None or span is None or card.date <= ctx.as_of:
                continue
            days = (card.date - ctx.as_of).days
            message = ctx.say(
                "future",
                card=card_name(card, ctx.lang),
                date=ctx.day(card.date),
                days=days,
                as_of=ctx.day(ctx.as_of),
            )
            yield ctx.violation(*span, message)
