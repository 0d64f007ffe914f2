"""DL402 stale-citation."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterator

from pydantic import Field

from digest_lint.analysis.dates import card_date_span
from digest_lint.model.findings import Severity, Violation
from digest_lint.model.messages import Message
from digest_lint.rules._common import card_name
from digest_lint.rules.base import Context, FixAvailability, Rule, RuleOptions


class Options(RuleOptions):
    days: int = Field(
        default=365,
        ge=1,
        description="Days a card may be older than the median 公開日 of the other cards.",
        json_schema_extra={
            "ja": "カードの公開日が、ほかのカードの公開日の中央値より古くてよい日数。"
        },
    )


class StaleCitation(Rule):
    """A card published long before the article's other cards.

    What it flags: a card whose 公開日 is more than ``days`` (default 365) before the
    median 公開日 of the article's other dated cards. An article with one dated card has
    nothing to compare with and is never flagged.

    Why it matters: a digest is read as current news; a years-old source among this
    month's reports passes old facts (offices, plans, figures) off as the present state.

    Bad: a card ``公開日:2021/08/03`` on the Tokyo Olympics' finances in an article on the
    Osaka Expo whose other cards are dated ``2025/04/14`` and ``2025/04/16``.

    Good: a current report on the same point, or the old report presented as background
    in the text (``2021年8月の報道では…``).

    Fix safety: no automatic fix: a current source has to be found, or the text rewritten.
    """

    doc_ja = """
    記事のほかのカードよりずっと前に公開された出典のカード。

    何を検出するか: 公開日が、記事のほかの日付付きカードの公開日の中央値より ``days``
    （既定365日）を超えて前のカード。日付付きのカードが一枚だけの記事は比べるものがないので
    検出しません。

    なぜ問題か: ダイジェストは今のニュースとして読まれます。今月の報道の中に何年も前の出典が
    あると、古い事実（役職、計画、数字）を今のことのように伝えてしまいます。

    悪い例: 公開日が ``2025/04/14`` と ``2025/04/16`` のカードが並ぶ大阪万博の記事に、
    東京五輪の収支を伝える ``公開日:2021/08/03`` のカードがある。

    良い例: 同じ点を伝える最近の報道を引用する。または、古い報道を本文で背景として示す
    （``2021年8月の報道では…``）。

    修正の安全性: 自動修正はありません。最近の出典を探すか、本文を書き直す必要があります。
    """

    code = "DL402"
    name = "stale-citation"
    severity = Severity.WARNING
    scope = "card"
    fix_availability = FixAvailability.NEVER
    Options = Options

    messages = {
        "stale": Message(
            ja="{card}の公開日（{date}）は、記事のほかのカード（おおむね{median}）より{gap}日前"
            "です。最近の出典に差し替えるか、背景として本文で示してください"
            "（「{then}の報道では…」など）。",
            en="{card} was published {date}, {gap} days before the article's other cards "
            "(median {median}); cite a current source or present it as background "
            "(「{then}の報道では…」)",
        ),
    }

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
                    ctx.say(
                        "stale",
                        card=card_name(card, ctx.lang),
                        date=ctx.day(card.date),
                        gap=int(gap),
                        median=ctx.day(med),
                        then=f"{card.date.year}年{card.date.month}月",
                    ),
                )
