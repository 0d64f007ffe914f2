"""DL301 title-drift."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import Field

from digest_lint.analysis.mentions import Mention, title_grammar
from digest_lint.knowledge.officeholders import STATE_RANK, Officeholders, State
from digest_lint.model.findings import Severity, Violation
from digest_lint.model.messages import Message
from digest_lint.rules.base import Context, FixAvailability, Rule, RuleOptions


class TitleDriftOptions(RuleOptions):
    report_explained: bool = Field(
        default=False,
        description="Also report drift that the date contexts fully explain.",
        json_schema_extra={"ja": "各文の日付で説明がつく肩書きの違いも報告します。"},
    )


class TitleDrift(Rule):
    """One person given conflicting title states for one office in one article.

    What it flags: a person written with more than one title state for the same office:
    no modifier (in office), 次期 / …候補 (designate), 前 (previous), 元 (former). One
    finding per person and office, naming every form with its lines and, where the
    office-holder pack knows the person, the right form at each date. The finding sits
    on the first mention the pack judges wrong at its date (else on the first titled
    mention). Country prefixes and short forms are the same state (トランプ米大統領 =
    トランプ大統領; ルビオ長官 = ルビオ国務長官), and a name alone or with 氏 carries no
    title. Works for people absent from the office-holder pack (pure consistency).
    Drift that the date contexts fully explain is not reported unless the
    ``report-explained`` option is set: for people in the pack, every form is right on
    its own date; for others, the states follow the life cycle (次期 → in office → 前 →
    元) in strictly increasing date order (次期 in a January card, plain in a March card).

    Why it matters: a reader cannot tell whether 石破首相, 石破前首相 and 石破元首相 in one
    page are the same person at the same time; the article contradicts itself.

    Bad: an article whose cards are all dated November 2025 with ``高市首相`` in one section
    and ``高市次期首相`` in another.

    Good: ``高市首相`` throughout, the title true on every card's date.

    Fix safety: no automatic fix: write the title that is true at each sentence's date,
    the same way throughout; DL302 proposes the right form where the office-holder pack
    knows the person.
    """

    doc_ja = """
    同じ人物の同じ役職の肩書きが、記事の中で食い違っている。

    何を検出するか: 同じ役職について、複数の肩書きの状態で書かれている人物。状態は、
    修飾なし（在任中）、次期／…候補（就任予定）、前（直前の在任者）、元（それより前の
    在任者）です。人物と役職ごとに一件、見つかった書き方とその行をすべて示します。
    位置は、肩書きデータがその日付で誤りと判断する最初の言及（なければ肩書き付きの最初の
    言及）です。肩書きデータ（office-holder パック）にある人物なら、
    日付ごとの正しい書き方も示します。国名の付け方や略し方の違いは同じ状態です
    （トランプ米大統領 = トランプ大統領、ルビオ長官 = ルビオ国務長官）。名前だけや「氏」は
    肩書きに数えません。肩書きデータにない人物にも使えます（書き方の統一だけを見ます）。
    各文の日付で説明がつく違いは、``report-explained`` を設定しない限り報告しません。
    データにある人物ならどの書き方もその日付では正しい場合、データにない人物なら状態が
    次期 → 在任 → 前 → 元 の順に日付を追って進む場合（1月のカードで次期、3月のカードで
    修飾なし）です。

    なぜ問題か: 一つのページに石破首相、石破前首相、石破元首相と書かれていると、読者には
    同じ人の同じ時点のことか分かりません。記事が自分と矛盾しています。

    悪い例: カードがすべて2025年11月付けの記事で、ある節では ``高市首相``、別の節では
    ``高市次期首相`` と書いている。

    良い例: どのカードの日付でも正しい ``高市首相`` で統一する。

    修正の安全性: 自動修正はありません。各文の日付で正しい肩書きを、記事を通して同じ形で
    書いてください。肩書きデータにある人物なら、DL302 が正しい形を提案します。
    """

    code = "DL301"
    name = "title-drift"
    severity = Severity.WARNING
    scope = "mention"
    fix_availability = FixAvailability.NEVER
    Options = TitleDriftOptions

    messages = {
        "drift": Message(
            ja="{name}の肩書きが記事内で{count}通りに分かれています: {forms}。{advice}",
            en="{name} is given {count} different titles for one office in this article: "
            "{forms}. {advice}",
        ),
        "form": Message(ja="{title}（{lines}）", en="{title} ({lines})"),
        "right-at": Message(ja="{day}時点では「{title}」", en="on {day}: {title}"),
        "advice-known": Message(
            ja="正しいのは{rights}です。同じ時点の記述は同じ肩書きで書いてください。",
            en="The right titles are {rights}; write the same title for the same time.",
        ),
        "advice": Message(
            ja="それぞれの時点で正しい肩書きに直し、記事内で統一してください。",
            en="Write the title that is true at each date, the same way throughout.",
        ),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        holders = ctx.knowledge.officeholders
        words = title_grammar(ctx.knowledge).words
        groups: dict[tuple[str, str], list[Mention]] = {}
        for m in ctx.analysis.mentions:
            if m.state is None or m.historical:
                continue
            groups.setdefault((m.key, m.office_key), []).append(m)
        line_of = ctx.article.lines.position
        for group in groups.values():
            states = {m.state for m in group}
            if len(states) < 2:
                continue
            if not ctx.options.report_explained and _explained(group, holders):
                continue
            first = group[0]
            at = _first_wrong(group, holders) or first
            forms: dict[str, list[int]] = {}
            for m in group:
                line = line_of(m.start)[0]
                found = forms.setdefault(m.title, [])
                if line not in found:
                    found.append(line)
            listed = ctx.join(
                ctx.say("form", title=title, lines=ctx.lines(lines))
                for title, lines in forms.items()
            )
            rights = _rights(ctx, group, holders, words)
            advice = (
                ctx.say("advice-known", rights=ctx.join(rights)) if rights else ctx.say("advice")
            )
            name = first.name + ("氏" if ctx.lang != "en" else "")
            yield ctx.violation(
                at.start,
                at.end,
                ctx.say("drift", name=name, count=len(forms), forms=listed, advice=advice),
            )


def _first_wrong(group: list[Mention], holders: Officeholders) -> Mention | None:
    """The first mention whose title the office-holder pack judges wrong at its date:
    where the finding goes (and where a suppression of it is written), rather than on
    a right mention such as the headline."""
    for m in group:
        v = m.verdict(holders)
        if v is not None and v.right is False:
            return m
    return None


def _rights(
    ctx: Context, group: list[Mention], holders: Officeholders, words: dict[State, str]
) -> list[str]:
    """``{day}時点では「title」`` for each date of the group's mentions the pack can judge."""
    out: dict[dt.date, str] = {}
    for m in group:
        if m.day in out or (m.assumed and not m.windows and ctx.undated == "skip"):
            continue
        v = m.verdict(holders)
        if v is not None and v.expected is not None:
            out[m.day] = m.title_for(v.expected, words)
    # one entry per run of dates with the same right title (in date order)
    runs: list[tuple[list[dt.date], str]] = []
    for d, t in sorted(out.items()):
        if runs and runs[-1][1] == t:
            runs[-1][0].append(d)
        else:
            runs.append(([d], t))
    return [
        ctx.say("right-at", day=ctx.join(ctx.day(d) for d in days), title=t) for days, t in runs
    ]


def _explained(group: list[Mention], holders: Officeholders) -> bool:
    """Whether the dates of the mentions account for every state of the group."""
    verdicts: list[bool | None] = []
    for m in group:
        v = m.verdict(holders)
        verdicts.append(None if v is None else v.right)
    if any(v is False for v in verdicts):
        return False
    if all(v is True for v in verdicts):
        return True
    # Unknown to the pack: the states must follow the life cycle in date order.
    for a in group:
        for b in group:
            if a.state is None or b.state is None or a.state == b.state:
                continue
            if STATE_RANK[a.state] < STATE_RANK[b.state] and not a.day < b.day:
                return False
    return True
