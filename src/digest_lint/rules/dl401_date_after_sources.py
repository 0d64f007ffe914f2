"""DL401 date-after-sources."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import Field

from digest_lint.analysis.dates import Precision, Tense
from digest_lint.model.findings import Severity, Violation
from digest_lint.model.messages import Message
from digest_lint.rules.base import Context, FixAvailability, Rule, RuleOptions


class Options(RuleOptions):
    tolerance_days: int = Field(
        default=0, ge=0, description="Days a past date may lie after its date context."
    )


class DateAfterSources(Rule):
    """A date told as past that is later than the sources of its sentence.

    What it flags: an explicit date (day or month precision) in a clause told in the past
    tense (した, しました, された, 行われた, だった) that lies after the sentence's date
    context: inside a card its 公開日, in a section after a card that card's 公開日,
    elsewhere the article's reference date (docs/catalog.md), plus ``tolerance-days`` (default
    0: the context day itself is allowed). A month is late only when its
    first day is: ``2025年3月`` against a 2025/03/04 source is fine. Future clauses
    (する予定, 見通し, 方針, 開かれる会合) and year-only dates are never flagged. A date
    written without a year takes the year its tense implies (a past ``12月28日`` in a
    January article is last December), so it is flagged only when it falls later in the
    context's own month.

    Why it matters: a summary cannot report as done what happened after its sources were
    published; the date is wrong (a typo in the month or year) or was made up.

    Example: ``2025年5月18日、…高官会合を開催しました。`` after a card whose 公開日 is
    ``2025/02/19`` (the meeting took place on 2025-02-18).

    Fix: correct the date from the source (``2025年2月18日``), or cite the later source
    the sentence was written from. No automatic fix.
    """

    code = "DL401"
    name = "date-after-sources"
    severity = Severity.WARNING
    scope = "sentence"
    fix_availability = FixAvailability.NEVER
    Options = Options

    messages = {
        "late": Message(
            ja="「{text}」（{when}）は済んだこととして書かれていますが、この文の出典の日付"
            "（{context}）より{gap}日後です。出典どおりの日付に直すか、その日付の出典を示してください。",
            en="{text} ({when}) is told as past, but the sources of this sentence are dated "
            "{context}, {gap} days earlier; correct the date from the source or cite the "
            "source it comes from",
        ),
        "assumed": Message(
            ja="記事に日付がないため、確認日を出典の日付と仮定しました。",
            en=" (the text gives no date: the day of the check was assumed)",
        ),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        tolerance = ctx.options.tolerance_days
        for d in ctx.analysis.dates:
            if (
                d.range_end
                or d.tense is not Tense.PAST
                or d.precision is Precision.YEAR
                or d.context is None
                or d.timestamp
            ):
                continue
            if d.context_assumed and ctx.undated == "skip":
                continue  # no date of its own to compare with
            first = d.first
            if first is None:
                continue
            gap = (first - d.context).days
            if gap > tolerance:
                when = ctx.day(first) if d.precision is Precision.DAY else _month(ctx, first)
                message = ctx.say(
                    "late", text=d.text, when=when, context=ctx.day(d.context), gap=gap
                )
                if d.context_assumed:
                    message += ctx.say("assumed")
                yield ctx.violation(d.start, d.end, message)


def _month(ctx: Context, first: dt.date) -> str:
    return first.strftime("%Y-%m") if ctx.lang == "en" else f"{first.year}年{first.month}月"
