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
    report_explained: bool = Field(default=False)
    """Also report drift that the date contexts fully explain."""


class TitleDrift(Rule):
    """One person given conflicting title states for one office in one article.

    What it flags: a person written with more than one title state for the same office:
    no modifier (in office), 次期 / …候補 (designate), 前 (previous), 元 (former). One
    finding per person and office, at the first titled mention, naming every form with
    its lines. Country prefixes and short forms are the same state (トランプ米大統領 =
    トランプ大統領; ルビオ長官 = ルビオ国務長官), and a name alone or with 氏 carries no
    title. Works for people absent from the office-holder pack (pure consistency).
    Drift that the date contexts fully explain is not reported unless the
    ``report-explained`` option is set: for people in the pack, every form is right on
    its own date; for others, the states follow the life cycle (次期 → in office → 前 →
    元) in strictly increasing date order (次期 in a January card, plain in a March card).

    Why it matters: a reader cannot tell whether トランプ次期大統領, トランプ前大統領 and
    トランプ大統領 in one page are the same person at the same time; the article
    contradicts itself.

    Example: ``トランプ次期米大統領`` (line 21), ``トランプ前大統領`` (line 59) and
    ``トランプ米大統領`` (line 97) in one article whose cards are dated January to March.

    Fix: write the title that is true at each sentence's date, the same way throughout;
    DL302 proposes the right form where the office-holder pack knows the person.
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
            yield ctx.violation(
                first.start,
                first.end,
                ctx.say("drift", name=first.name, count=len(forms), forms=listed, advice=advice),
            )


def _rights(
    ctx: Context, group: list[Mention], holders: Officeholders, words: dict[State, str]
) -> list[str]:
    """``{day}時点では「title」`` for each date of the group's mentions the pack can judge."""
    out: dict[dt.date, str] = {}
    for m in group:
        if m.person is None or m.office is None or m.state is None or m.day in out:
            continue
        if m.assumed and not m.windows and ctx.undated == "skip":
            continue
        v = holders.judge(
            m.person,
            m.office,
            m.state,
            m.day,
            candidate=m.candidate,
            windows=m.windows,
            anchor=m.anchor,
        )
        if v.expected is not None:
            out[m.day] = m.title_for(v.expected, words)
    return [ctx.say("right-at", day=ctx.day(d), title=t) for d, t in sorted(out.items())]


def _explained(group: list[Mention], holders: Officeholders) -> bool:
    """Whether the dates of the mentions account for every state of the group."""
    verdicts: list[bool | None] = []
    for m in group:
        if m.person is None or m.office is None or m.state is None:
            verdicts.append(None)
            continue
        v = holders.judge(
            m.person,
            m.office,
            m.state,
            m.day,
            candidate=m.candidate,
            windows=m.windows,
            anchor=m.anchor,
        )
        verdicts.append(v.right)
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
