"""DL404 weekday-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from digest_lint.analysis.dates import DateExpr, card_date_span, read_date_text
from digest_lint.model.findings import Applicability, Fix, Severity, Violation
from digest_lint.model.messages import Message
from digest_lint.rules.base import Context, FixAvailability, Rule

_KNOWN_YEAR = ("explicit", "era", "carried", "range")


class WeekdayMismatch(Rule):
    """A weekday that does not match its date.

    What it flags: a weekday written beside a date, ``(月)``, ``（火）``, ``(月曜日)``,
    ``(月・祝)``, ``(Fri)``, ``(Thursday)``, in the text or in a 公開日, that is not the
    weekday of that date, when the year is known: written with the date (an era form and
    ``令和4(2022)年`` too), carried from the start of its range (``2017年10月10日(火)〜
    12月8日(金)``) or from a date earlier in its sentence or paragraph, or the year of the
    date context (the card's 公開日, the article's date or dateline) when the text has a
    date of its own. A year is never chosen to fit the weekday, and in a text with no date
    of its own a date without a year is not judged (unless ``undated = "as-of"``; then as
    a warning that says the year was assumed).

    Why it matters: a wrong weekday makes readers doubt the date itself, and one of the
    two is wrong.

    Bad: ``参院選は2025年7月20日(土)に投開票されます。`` (2025-07-20 is a Sunday).

    Good: ``参院選は2025年7月20日(日)に投開票されます。``

    Fix safety: the fix writes the weekday of the written date in the form it was written
    (``土`` → ``日``, ``Fri`` → ``Thu``); safe when the year is written, unsafe when it
    comes from the context. If the weekday was right and the date wrong, correct the date
    instead.
    """

    doc_ja = """
    日付と合わない曜日。

    何を検出するか: 本文や公開日で日付に添えた曜日（``(月)``、``（火）``、``(月曜日)``、
    ``(月・祝)``、``(Fri)``、``(Thursday)``）のうち、その日付の曜日ではないもの。年が
    分かるときだけ判断します。年は、日付と一緒に書かれたもの（元号や ``令和4(2022)年`` も）、
    期間の初めから引き継いだもの（``2017年10月10日(火)〜12月8日(金)``）、同じ文や段落の
    前の日付から引き継いだもの、または文章に自分の日付があるときの日付文脈（カードの公開日、
    記事の日付や日付行）の年です。曜日に合うように年を選ぶことはしません。自分の日付の
    ない文章では、年のない日付は判断しません（``undated = "as-of"`` のときは、年を仮定した
    と書いた警告にします）。

    なぜ問題か: 曜日が誤っていると、読者は日付そのものを疑います。どちらかが誤っています。

    悪い例: ``参院選は2025年7月20日(土)に投開票されます。``（2025年7月20日は日曜日）。

    良い例: ``参院選は2025年7月20日(日)に投開票されます。``

    修正の安全性: 書かれた日付の曜日を、書かれていた形で書く修正を出します（``土`` → ``日``、
    ``Fri`` → ``Thu``）。年が書かれていれば安全な修正、年を文脈から取ったときは要確認の
    修正です。曜日が正しく日付が誤っているなら、日付の方を直してください。
    """

    code = "DL404"
    name = "weekday-mismatch"
    severity = Severity.WARNING
    scope = "date"
    fix_availability = FixAvailability.ALWAYS

    messages = {
        "mismatch": Message(
            ja="曜日が日付と合いません: {date}は{right}曜日です（{written}曜日ではありません）。"
            "「{fix}」と書くか、日付を確かめてください。",
            en="the weekday does not match the date: {date} is a {right}, not a "
            "{written}; write 「{fix}」 or check the date",
        ),
        "inferred": Message(
            ja="（年は書かれていないため{year}年と読みました）",
            en=" (the year, {year}, is not written: read from the date context)",
        ),
        "assumed": Message(
            ja="（記事に日付がないため、確認日の{year}年と仮定しました）",
            en=" (the text gives no date: the year of the day of the check, {year}, was assumed)",
        ),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        pack = ctx.knowledge.dates
        exprs: list[DateExpr] = list(ctx.analysis.dates)
        for card in ctx.article.cards:
            span = card_date_span(card)
            if span is not None and card.date_text:
                expr = read_date_text(card.date_text, ctx.knowledge, span[0])
                if expr is not None:
                    exprs.append(expr)
        text = ctx.article.text
        for d in exprs:
            day = d.date
            if d.weekday is None or day is None or day.weekday() == d.weekday.written:
                continue
            known = d.year_source in _KNOWN_YEAR
            if not known and d.context_assumed and ctx.undated == "skip":
                continue
            written = text[d.weekday.start : d.weekday.end]
            fix_text = _same_form(written, day.weekday(), pack.weekdays, pack.weekday_names)
            fix = Fix.replace(
                ctx.span(d.weekday.start, d.weekday.end),
                fix_text,
                Applicability.SAFE if known else Applicability.UNSAFE,
            )
            names = list(pack.weekdays)
            if ctx.lang == "en":
                names = [forms[-1] for forms in pack.weekday_names] or names
            message = ctx.say(
                "mismatch",
                date=ctx.day(day),
                right=names[day.weekday()],
                written=names[d.weekday.written],
                fix=fix_text,
            )
            cap = None
            if not known:
                key = "assumed" if d.context_assumed else "inferred"
                message += ctx.say(key, year=day.year)
                cap = Severity.WARNING if d.context_assumed else None
            yield ctx.violation(d.weekday.start, d.weekday.end, message, fix, cap=cap)


def _same_form(written: str, weekday: int, kanji: list[str], names: list[list[str]]) -> str:
    """The right weekday in the form the wrong one was written: 火 for 金, Thu for Fri,
    Thursday for Friday, THU for FRI."""
    if written in kanji:
        return kanji[weekday]
    for forms in names:
        folded = [f.casefold() for f in forms]
        if written.casefold() in folded:
            right = names[weekday]
            # the same length class: the short form for a short form, else the full name
            pick = right[0] if len(written) <= 4 else right[-1]
            if written.isupper():
                return pick.upper()
            if written.islower():
                return pick.lower()
            return pick
    return kanji[weekday]
