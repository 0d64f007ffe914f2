"""DL302 stale-title."""

from __future__ import annotations

from collections.abc import Iterator

from digest_lint.analysis.mentions import title_grammar
from digest_lint.model.findings import Applicability, Fix, Severity, Violation
from digest_lint.rules.base import Context, Rule


class StaleTitle(Rule):
    """A title that is wrong on the date its sentence speaks of, per the office-holder pack.

    What it flags: a person's title state (no modifier, 次期 / …候補, 前, 元) that the
    office-holder pack (``rules/officeholders.yaml``) contradicts at the mention's date
    context (the card's 公開日, the section's latest dated card, else the article's
    reference date): ``トランプ前大統領`` while he is the sitting president,
    ``次期国務長官候補のマルコ・ルビオ氏`` after Rubio took office, ``オバマ前大統領`` when
    Obama is not the immediate predecessor (元), ``トランプ次期大統領`` after the
    inauguration. 前 is right only for the immediate predecessor, 元 for any earlier
    holder. Mentions marked ``(当時)``, people or offices the pack does not know, and
    candidate titles (…候補) before any designate span (a campaign) are not judged.

    Why it matters: a wrong title tells the reader the wrong thing about who holds
    power, and it dates the article.

    Example: a card dated ``公開日:2025/02/19`` with ``✅ トランプ前大統領が停戦交渉を提案。``
    (2025-02-19: トランプ is the sitting 米大統領, since 2025-01-20).

    Fix: the title state that was true on that date, keeping the name and country prefix
    as written: ``トランプ大統領``, ``国務長官のマルコ・ルビオ``, ``オバマ元大統領``
    (unsafe: knowledge-based; none when no title was right on that date).
    """

    code = "DL302"
    name = "stale-title"
    severity = Severity.ERROR
    scope = "mention"

    def check(self, ctx: Context) -> Iterator[Violation]:
        holders = ctx.knowledge.officeholders
        words = title_grammar(ctx.knowledge).words
        text = ctx.article.text
        for m in ctx.analysis.mentions:
            if m.state is None or m.person is None or m.office is None or m.historical:
                continue
            verdict = holders.judge(m.person, m.office, m.state, m.day, candidate=m.candidate)
            if verdict.right is not False:
                continue
            written = text[m.start : m.end]
            fix = None
            hint = ""
            if verdict.expected is not None:
                right = m.rewrite(verdict.expected, words)
                fix = Fix.replace(ctx.span(m.start, m.end), right, Applicability.UNSAFE)
                hint = f"; write 「{right}」"
            yield ctx.violation(
                m.start, m.end, f"「{written}」 is stale: {verdict.explanation}{hint}", fix
            )
