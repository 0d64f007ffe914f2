"""DL302 stale-title."""

from __future__ import annotations

from collections.abc import Iterator

from digest_lint.analysis.mentions import Mention, title_grammar
from digest_lint.knowledge.officeholders import Fact
from digest_lint.model.findings import Applicability, Fix, Severity, Violation
from digest_lint.model.messages import Message
from digest_lint.rules.base import Context, FixAvailability, Rule


class StaleTitle(Rule):
    """A title that is wrong at the time its sentence speaks of, per the office-holder pack.

    What it flags: a person's title state (no modifier, 次期 / …候補, 前, 元) that the
    office-holder pack (``rules/officeholders.yaml``) contradicts at the time the
    sentence speaks of: the mention's date context (the card's 公開日, the section's latest
    dated card, else the article's reference date: front matter, latest 公開日 or the
    text's own dateline), or a date or year written in the same sentence
    (``2019年、バイデン前副大統領は…`` is right), or the time the words after the name
    point to (``トランプ次期大統領の就任を前に``, ``在任中``, ``退任後``); a holder keeps the
    title in the week a text reports the end of the term (死去, 辞任). Flagged:
    ``トランプ前大統領`` while he is the sitting president, ``次期国務長官候補のマルコ・ルビオ氏``
    after Rubio took office, ``オバマ前大統領`` when Obama is not the immediate predecessor
    (元), ``トランプ次期大統領`` after the inauguration. Not judged: mentions marked
    ``(当時)`` or ``当時の``, people or offices the pack does not know, candidate titles
    (…候補) before any designate span (a campaign), and a text with no date of its own
    unless the config says ``undated = "as-of"`` (then a warning that says the date was
    assumed, never an error). The message says what was true at that date and the title
    to write.

    Why it matters: a wrong title tells the reader the wrong thing about who holds
    power, and it dates the article.

    Bad: a card dated ``公開日:2025/06/10`` with ``✅ ショルツ首相は新政権の方針を批判した。``
    (Scholz left office on 2025-05-06; Merz is chancellor).

    Good: ``✅ ショルツ前首相は新政権の方針を批判した。``

    Fix safety: the fix writes the title state that was true at that time, in news style
    (the state word before a country prefix): ``ショルツ前首相``, ``国務長官のマルコ・ルビオ``,
    ``オバマ元米大統領``; unsafe: it rests on the office-holder pack; none when no title was
    right at that time.
    """

    doc_ja = """
    その文が語る時点では誤りの肩書き（肩書きデータによる）。

    何を検出するか: 人物の肩書きの状態（修飾なし、次期／…候補、前、元）のうち、その文が
    語る時点で肩書きデータ（``rules/officeholders.yaml``）と合わないもの。時点は、言及の
    日付文脈（カードの公開日、節の中で最後に日付のあるカード、それ以外は記事の基準日:
    フロントマター、最新の公開日、本文の日付行）です。同じ文に書かれた日付や年
    （``2019年、バイデン前副大統領は…`` は正しい）や、名前の後の語が示す時点
    （``トランプ次期大統領の就任を前に``、``在任中``、``退任後``）があればそれを使います。
    任期の終わり（死去、辞任）を伝える文では、その時点の肩書きも正しいとします。
    検出する例: 現職なのに ``トランプ前大統領``、就任後なのに
    ``次期国務長官候補のマルコ・ルビオ氏``、直前の在任者でないのに ``オバマ前大統領``（元）、
    就任後の ``トランプ次期大統領``。判断しないもの: ``(当時)`` や ``当時の`` のある言及、
    データにない人物や役職、就任予定の期間より前の候補の肩書き（選挙戦）、自分の日付の
    ない文章（設定が ``undated = "as-of"`` なら、日付を仮定したと書いた警告にします。
    エラーにはしません）。メッセージは、その時点で何が事実だったかと、書くべき肩書きを
    示します。

    なぜ問題か: 肩書きを誤ると、誰が権力の座にあるかを読者に誤って伝え、記事も古びて
    見えます。

    悪い例: ``公開日:2025/06/10`` のカードに ``✅ ショルツ首相は新政権の方針を批判した。``
    （ショルツ氏は2025年5月6日に退任し、首相はメルツ氏）。

    良い例: ``✅ ショルツ前首相は新政権の方針を批判した。``

    修正の安全性: その時点で正しい肩書きの状態を、報道の書き方（状態の語を国名の前に置く）で
    書く修正を出します（``ショルツ前首相``、``国務長官のマルコ・ルビオ``、
    ``オバマ元米大統領``）。肩書きデータに基づくので要確認の修正です。その時点で正しい
    肩書きがない場合は修正を出しません。
    """

    code = "DL302"
    name = "stale-title"
    severity = Severity.ERROR
    scope = "mention"
    fix_availability = FixAvailability.SOMETIMES

    messages = {
        "wrong": Message(
            ja="「{written}」は{day}時点では誤りです（{fact}）。「{right}」と書いてください。",
            en="「{written}」 is wrong on {day} ({fact}); write 「{right}」",
        ),
        "wrong-no-title": Message(
            ja="「{written}」は{day}時点では誤りです（{fact}）。その時点で正しい肩書きに直すか、"
            "肩書きを外してください。",
            en="「{written}」 is wrong on {day} ({fact}); write the title that was true "
            "then, or none",
        ),
        "assumed": Message(
            ja="記事に日付がないため、{day}（確認日）の時点で判断しました。",
            en="The text gives no date: judged at the day of the check, {day}.",
        ),
        "current": Message(
            ja="{who}は{since}から{office}", en="{who} has been {office} since {since}"
        ),
        "designate": Message(
            ja="{who}は{takes}に{office}に就任する予定",
            en="{who} takes office as {office} on {takes}",
        ),
        "designate-undated": Message(ja="{who}は次期{office}", en="{who} is the incoming {office}"),
        "previous": Message(
            ja="{who}は{left}に退任した前{office}",
            en="{who} left office as {office} on {left} and is the previous holder",
        ),
        "former": Message(
            ja="{who}は{left}に{office}を退任し、その後も交代があった元{office}",
            en="{who} left office as {office} on {left}, and is not the immediate predecessor",
        ),
        "successor": Message(
            ja="、現職は{since}からの{successor}", en="; {successor} holds it since {since}"
        ),
        "not-yet": Message(
            ja="{who}が{office}に就任するのは{takes}",
            en="{who} has not yet taken office as {office} (takes office on {takes})",
        ),
        "none": Message(
            ja="肩書きデータには{who}がこの時点で{office}だった記録がない",
            en="the office-holder pack has no term of {who} as {office} at that time",
        ),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        holders = ctx.knowledge.officeholders
        words = title_grammar(ctx.knowledge).words
        text = ctx.article.text
        for m in ctx.analysis.mentions:
            if m.state is None or m.person is None or m.office is None or m.historical:
                continue
            if m.assumed and not m.windows and ctx.undated == "skip":
                continue  # no date of its own to judge the title against
            verdict = m.verdict(holders)
            if verdict is None or verdict.right is not False:
                continue
            written = text[m.start : m.end]
            fact = self._fact(ctx, verdict.fact, m)
            fix = None
            if verdict.expected is not None:
                right = m.rewrite(verdict.expected, words)
                fix = Fix.replace(ctx.span(m.start, m.end), right, Applicability.UNSAFE)
                message = ctx.say(
                    "wrong", written=written, day=ctx.day(m.day), fact=fact, right=right
                )
            else:
                message = ctx.say("wrong-no-title", written=written, day=ctx.day(m.day), fact=fact)
            assumed = m.assumed and not m.windows
            if assumed:
                sep = ". " if ctx.lang == "en" else ""
                message = f"{message}{sep}{ctx.say('assumed', day=ctx.day(m.day))}"
            yield ctx.violation(
                m.start, m.end, message, fix, cap=Severity.WARNING if assumed else None
            )

    @staticmethod
    def _fact(ctx: Context, fact: Fact, m: Mention) -> str:
        """What was true of the person at that time, in the run's language."""
        assert m.person is not None and m.office is not None
        who = m.person.short + ("氏" if ctx.lang != "en" else "")
        office = m.office.name
        if fact.status == "current" and fact.since is not None:
            return ctx.say("current", who=who, office=office, since=ctx.day(fact.since))
        if fact.status == "designate":
            if fact.takes_office is None:
                return ctx.say("designate-undated", who=who, office=office)
            return ctx.say("designate", who=who, office=office, takes=ctx.day(fact.takes_office))
        if fact.status in ("previous", "former") and fact.left is not None:
            said = ctx.say(fact.status, who=who, office=office, left=ctx.day(fact.left))
            if fact.successor is not None and fact.successor_since is not None:
                successor = fact.successor + ("氏" if ctx.lang != "en" else "")
                said += ctx.say(
                    "successor", successor=successor, since=ctx.day(fact.successor_since)
                )
            return said
        if fact.status == "not-yet" and fact.takes_office is not None:
            return ctx.say("not-yet", who=who, office=office, takes=ctx.day(fact.takes_office))
        return ctx.say("none", who=who, office=office)
