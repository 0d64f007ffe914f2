"""DL107 citation-date-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from digest_lint.knowledge.publishers import dates_in_url
from digest_lint.model.findings import Severity, Violation
from digest_lint.model.messages import Message
from digest_lint.rules.base import Context, FixAvailability, Rule, RuleOptions


class Options(RuleOptions):
    tolerance_days: int = Field(
        default=2,
        ge=0,
        description="Days a URL date may differ from 公開日.",
        json_schema_extra={"ja": "URL の日付と公開日の差として認める日数。"},
    )


class CitationDateMismatch(Rule):
    """A date in the cited URL far from the card's 公開日.

    What it flags: a citation URL that carries a date (``20250612``, ``2025-06-12``,
    ``2025/06/12``, ``k=2025061200123``) more than ``tolerance-days`` (default 2) away from
    the card's 公開日. A day or two of difference (time zones, late-night updates) is
    within tolerance.

    Why it matters: the URL date is the source's own publication date; a card dated weeks
    away from it has the wrong 公開日 or the wrong link, and readers are misled about when
    the reported events happened.

    Bad: ``公開日:2025/07/12`` above a card citing
    ``https://www.asahi.com/articles/20250612/…`` (a month apart).

    Good: ``公開日:2025/06/12`` with the same URL, or the July report's own URL.

    Fix safety: no automatic fix: which of the two is wrong, the 公開日 or the link, needs
    a look at the source.
    """

    doc_ja = """
    カードの公開日と大きく離れた、引用 URL の中の日付。

    何を検出するか: 日付を含む引用 URL（``20250612``、``2025-06-12``、``2025/06/12``、
    ``k=2025061200123``）のうち、カードの公開日から ``tolerance-days``（既定2日）より離れて
    いるもの。1〜2日の違い（時差、深夜の更新）は許容範囲です。

    なぜ問題か: URL の日付は出典自身の公開日です。そこから何週間も離れた日付のカードは、
    公開日かリンクのどちらかが誤っていて、出来事がいつのことかを読者に誤って伝えます。

    悪い例: ``https://www.asahi.com/articles/20250612/…`` を引くカードの上に
    ``公開日:2025/07/12``（1か月離れている）。

    良い例: 同じ URL に ``公開日:2025/06/12``。または7月の報道そのものの URL を引く。

    修正の安全性: 自動修正はありません。公開日とリンクのどちらが誤っているかは、出典を
    見て確かめる必要があります。
    """

    code = "DL107"
    name = "citation-date-mismatch"
    severity = Severity.WARNING
    scope = "card"
    fix_availability = FixAvailability.NEVER
    Options = Options

    messages = {
        "mismatch": Message(
            ja="URL の日付（{url_date}）がカードの公開日（{date}）と{gap}日離れています。"
            "公開日を出典の日付に直すか、要約のもとになった出典の URL を引用してください。",
            en="URL date {url_date} is {gap} days from the card's 公開日 {date}; set 公開日 "
            "to the source's date or cite the right source",
        ),
    }

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
                        ctx.say(
                            "mismatch",
                            url_date=ctx.day(url_date),
                            date=ctx.day(card.date),
                            gap=gap,
                        ),
                    )
                    break
