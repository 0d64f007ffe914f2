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
        default=0,
        ge=0,
        description="Days a past date may lie after its date context.",
        json_schema_extra={"ja": "済んだこととして書かれた日付が、日付文脈より後でもよい日数。"},
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

    Bad: ``✅ 政府は2025年8月5日、補正予算案を閣議決定しました。`` in a card dated
    ``公開日:2025/06/05`` (the decision the source reports was on June 5).

    Good: ``✅ 政府は2025年6月5日、補正予算案を閣議決定しました。``, or, for a decision still
    to come, the future tense: ``…閣議決定する方針です。``

    Fix safety: no automatic fix: correct the date from the source, or cite the later
    source the sentence was written from.
    """

    doc_ja = """
    済んだこととして書かれているのに、その文の出典より後の日付。

    何を検出するか: 過去の時制（した、しました、された、行われた、だった）で書かれた節にある
    日付（日か月まで書かれたもの）のうち、その文の日付文脈より後のもの。日付文脈は、
    カードの中ならその公開日、カードの後の節ならそのカードの公開日、それ以外は記事の
    基準日です（docs/catalog.md）。``tolerance-days``（既定0: 文脈の日そのものは正しい）
    だけ後ろまでは認めます。月だけの日付は、その月の初日が後のときだけ検出します
    （2025年3月4日の出典に ``2025年3月`` は正しい）。未来を表す節（する予定、見通し、
    方針、開かれる会合）と、年だけの日付は検出しません。年のない日付は時制が示す年で
    読みます（1月の記事の過去の ``12月28日`` は前の年の12月）。そのため検出するのは、
    文脈と同じ月のもっと後の日付だけです。

    なぜ問題か: 要約は、出典が出た後に起きたことを済んだこととして伝えられません。
    日付が誤っている（月や年の打ち間違い）か、作られたものです。

    悪い例: ``公開日:2025/06/05`` のカードに
    ``✅ 政府は2025年8月5日、補正予算案を閣議決定しました。``（出典が伝える閣議決定は6月5日）。

    良い例: ``✅ 政府は2025年6月5日、補正予算案を閣議決定しました。`` これからのことなら
    未来の形で書く: ``…閣議決定する方針です。``

    修正の安全性: 自動修正はありません。出典どおりの日付に直すか、その文のもとになった
    後の日付の出典を引用してください。
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
            "（{context}）より{gap}日後です。出典どおりの日付に直すか、"
            "その日付の出典を示してください。",
            en="{text} ({when}) is told as past, but the sources of this sentence are dated "
            "{context}, {gap} days earlier; correct the date from the source or cite the "
            "source it comes from",
        ),
        "late-day": Message(
            ja="「{text}」は済んだこととして書かれていますが、この文の出典の日付（{context}）より"
            "{gap}日後です。出典どおりの日付に直すか、その日付の出典を示してください。",
            en="{text} is told as past, but the sources of this sentence are dated {context}, "
            "{gap} days earlier; correct the date from the source or cite the source it "
            "comes from",
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
                context = ctx.day(d.context)
                if when == d.text:  # 2025年5月18日 is its own reading: say it once
                    message = ctx.say("late-day", text=d.text, context=context, gap=gap)
                else:
                    message = ctx.say("late", text=d.text, when=when, context=context, gap=gap)
                if d.context_assumed:
                    message += ctx.say("assumed")
                yield ctx.violation(d.start, d.end, message)


def _month(ctx: Context, first: dt.date) -> str:
    return first.strftime("%Y-%m") if ctx.lang == "en" else f"{first.year}年{first.month}月"
