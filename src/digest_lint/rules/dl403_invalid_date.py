"""DL403 invalid-date."""

from __future__ import annotations

import re
from collections.abc import Iterator

from digest_lint.analysis.dates import card_date_span, read_date_text
from digest_lint.model.article import front_matter_date
from digest_lint.model.findings import Severity, Violation
from digest_lint.model.messages import Message, Said
from digest_lint.rules.base import Context, FixAvailability, Rule


class InvalidDate(Rule):
    """A date that does not exist.

    What it flags: a date in the text or in a 公開日 that is not on the calendar: a day
    past the end of its month (``2025年2月29日``, ``4月31日``), a month outside 1-12
    (``13月``), an era year outside its era (``平成31年5月1日``: 令和元年 by then), a
    公開日 whose value is no date at all, and a Markdown front matter ``date:`` that is
    no real date or time (``2025-02-30``, ``25:00``). ``2024年2月29日`` (a leap year) is valid; a
    February 29 written without a year is read in the nearest leap year.

    Why it matters: an impossible date is a typo that hides the real one; readers and
    tools that sort or compare dates cannot use it.

    Bad: ``国会は2025年6月31日に閉会した。`` (June has 30 days), ``公開日:2025/09/31``.

    Good: ``国会は2025年6月22日に閉会した。`` (the date the source gives).

    Fix safety: no automatic fix: which digit is wrong needs the source.
    """

    doc_ja = """
    存在しない日付。

    何を検出するか: 本文や公開日にある、暦にない日付。月の日数を超えた日（``2025年2月29日``、
    ``4月31日``）、1〜12以外の月（``13月``）、元号の期間外の年（``平成31年5月1日``: その日は
    令和元年）、日付になっていない公開日、日付や時刻として正しくない Markdown フロントマターの
    ``date:``（``2025-02-30``、``25:00``）です。``2024年2月29日``（うるう年）は正しい日付です。
    年のない2月29日は、いちばん近いうるう年の日付として読みます。

    なぜ問題か: ありえない日付は、本当の日付を隠す打ち間違いです。読者も、日付で並べたり
    比べたりする仕組みも、その日付を使えません。

    悪い例: ``国会は2025年6月31日に閉会した。``（6月は30日まで）、``公開日:2025/09/31``。

    良い例: ``国会は2025年6月22日に閉会した。``（出典どおりの日付）。

    修正の安全性: 自動修正はありません。どの数字が誤っているかは出典を見ないと分かりません。
    """

    code = "DL403"
    name = "invalid-date"
    severity = Severity.ERROR
    scope = "date"
    fix_availability = FixAvailability.NEVER

    messages = {
        "invalid": Message(
            ja="「{date}」は存在しない日付です（{problem}）。出典を確かめて正しい日付を"
            "書いてください。",
            en="{date} is not a date: {problem}; write the real date",
        ),
        "card-invalid": Message(
            ja="公開日「{date}」は存在しない日付です（{problem}）。出典を確かめて正しい日付を"
            "書いてください。",
            en="公開日 {date} is not a date: {problem}; write the real date",
        ),
        "card-unreadable": Message(
            ja="公開日「{date}」は日付として読めません。「公開日:YYYY/MM/DD」の形で"
            "書いてください。",
            en="公開日 {date} is not a date; write it as YYYY/MM/DD",
        ),
        "front-matter": Message(
            ja="フロントマターの「date: {date}」は存在しない日付か時刻です（{problem}）。"
            "正しい日付を書いてください。",
            en="front matter date {date} is not a date: {problem}; write the real date",
        ),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        yield from self._front_matter(ctx)
        for d in ctx.analysis.dates:
            if not d.valid:
                yield ctx.violation(
                    d.start, d.end, ctx.say("invalid", date=d.text, problem=_said(ctx, d.problem))
                )
        for card in ctx.article.cards:
            if card.date is not None or not card.date_text:
                continue
            span = card_date_span(card)
            if span is None:
                continue
            expr = read_date_text(card.date_text, ctx.knowledge, span[0])
            if expr is None:
                date = card.date_text if ctx.lang != "en" else repr(card.date_text)
                yield ctx.violation(*span, ctx.say("card-unreadable", date=date))
            elif not expr.valid:
                problem = _said(ctx, expr.problem)
                yield ctx.violation(
                    *span, ctx.say("card-invalid", date=card.date_text, problem=problem)
                )

    @staticmethod
    def _front_matter(ctx: Context) -> Iterator[Violation]:
        """The front matter's ``date:`` when it is no real date or time."""
        article = ctx.article
        value = article.front_matter.get("date")
        span = article.front_matter_span
        if span is None or value is None:
            return
        _, problem = front_matter_date(value)
        if problem is None:
            return
        head = article.text[span.start : span.end]
        m = re.search(r"^date\s*:\s*(.*?)\s*$", head, re.M)
        start, end = (
            (span.start + m.start(1), span.start + m.end(1)) if m else (span.start, span.start)
        )
        yield ctx.violation(
            start, end, ctx.say("front-matter", date=value, problem=_said(ctx, problem))
        )


def _said(ctx: Context, problem: Said | None) -> str:
    return problem.render(ctx.lang) if problem is not None else ""
