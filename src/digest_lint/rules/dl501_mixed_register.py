"""DL501 mixed-register."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from digest_lint.analysis.register import Register, SentenceRegister
from digest_lint.model.article import Role
from digest_lint.model.findings import Severity, Violation
from digest_lint.model.messages import Message
from digest_lint.rules._common import card_name
from digest_lint.rules.base import Context, FixAvailability, Rule, RuleOptions

GroupName = Literal[
    "prose", "card-bullets", "conclusion-bullets", "headings", "list-items", "commentary"
]


class MixedRegisterOptions(RuleOptions):
    groups: list[GroupName] = Field(
        default=["prose", "card-bullets", "conclusion-bullets", "headings", "list-items"],
        description="The groups judged, each on its own. Persona lines (a character's voice) "
        "never are; commentary (the narrator's remarks) is opt-in.",
        json_schema_extra={
            "ja": "判断するまとまり（それぞれ別に判断します）。キャラクターのせりふは判断しません。"
            "ナレーションの地の文（commentary）は指定したときだけ判断します。"
        },
    )
    max_stray: int = Field(
        default=1,
        ge=0,
        description="A long group may hold this many sentences against its register "
        "without a finding.",
        json_schema_extra={"ja": "長いまとまりで、文体に合わない文をこの数まで認めます。"},
    )
    stray_share: float = Field(
        default=0.05,
        ge=0.0,
        le=1.0,
        description="… or this share of its sentences with a register, whichever allows more.",
        json_schema_extra={
            "ja": "……または、文体のある文のうちこの割合まで（多く認める方を使います）。"
        },
    )
    long_group: int = Field(
        default=6,
        ge=1,
        description="A group is long (strays tolerated) from this many sentences with a register.",
        json_schema_extra={
            "ja": "文体のある文がこの数以上あるまとまりを長いとします（合わない文を少し認めます）。"
        },
    )


class MixedRegister(Rule):
    """です・ます and だ・である mixed within one group of the article's text.

    What it flags: a run of sentences whose register (polite です・ます調 or plain だ・である調,
    read from each sentence's final predicate by the analysis layer) goes against the
    group's dominant register. The groups are judged separately: the article's prose, the
    ✅ bullets of each card, the 💡 conclusion bullets, the headings, each list (and,
    opt-in, the narrator's commentary). Persona lines (dialect, casual talk) are a
    character's voice and never judged; neutral sentences (体言止め, a quotation, a
    question without a predicate) count for neither side; a quotation (「…」) does not set
    the register of the sentence that quotes it. One finding per minority run, at its
    first sentence, naming the dominant register, the lines of the run and how its first
    sentence ends; in a tie the register the group starts in is the dominant one.
    Options: ``groups`` (the groups judged: ``prose``, ``card-bullets``,
    ``conclusion-bullets``, ``headings``, ``list-items`` by default, ``commentary``
    opt-in); a group of at least ``long-group`` sentences with a register (default 6)
    tolerates ``max-stray`` sentences against it (default 1) or the share
    ``stray-share`` of them (default 0.05), whichever is more, so one stray sentence in
    long clean prose is not a finding.

    Why it matters: switching between です・ます and だ・である inside the body reads as text
    pasted together from different sources; readers and editors notice it at once.

    Bad: prose that reports ``日銀は政策金利を据え置きました。植田総裁は慎重な姿勢を示しました。``
    and goes on ``市場では円安が進んだ。輸入物価の上昇が続く見通しだ。``

    Good: the whole prose in one register: ``…円安が進みました。…続く見通しです。``

    Fix safety: no automatic fix: the wording of each predicate changes (``進んだ`` →
    ``進みました``).
    """

    doc_ja = """
    一つのまとまりの中で、です・ます調とだ・である調が混ざっている。

    何を検出するか: 文体（丁寧なです・ます調か、普通のだ・である調。解析層が各文の最後の
    述語から読み取ります）が、そのまとまりで多い方の文体と違う文の続き。まとまりは別々に
    判断します: 記事の本文、カードごとの ✅ の要約、💡 の結論、見出し、箇条書きごとの
    まとまり（指定すればナレーションの地の文も）。キャラクターのせりふ（方言、くだけた話し方）
    はその人物の声なので判断しません。どちらでもない文（体言止め、引用、述語のない問い）は
    どちらにも数えません。引用（「…」）の文体は、それを引用する文の文体にはなりません。
    少ない方の文体の続きごとに一件、その最初の文の位置に出し、多い方の文体、続きの行、
    最初の文の終わり方を示します。同数のときは、まとまりの最初の文体を多い方とします。
    オプション: ``groups``（判断するまとまり。既定は ``prose``、``card-bullets``、
    ``conclusion-bullets``、``headings``、``list-items``。``commentary`` は指定したとき
    だけ）。文体のある文が ``long-group``（既定6）以上のまとまりでは、合わない文を
    ``max-stray``（既定1）か、その割合 ``stray-share``（既定0.05）の多い方まで認めます。
    長く整った本文に一文だけ混ざっても検出しないためです。

    なぜ問題か: 本文の中でです・ます調とだ・である調が入れ替わると、別々の出典から文章を
    貼り合わせたように読めます。読者も編集者もすぐに気づきます。

    悪い例: ``日銀は政策金利を据え置きました。植田総裁は慎重な姿勢を示しました。`` と
    伝えた本文が ``市場では円安が進んだ。輸入物価の上昇が続く見通しだ。`` と続く。

    良い例: 本文全体を一つの文体で書く: ``…円安が進みました。…続く見通しです。``

    修正の安全性: 自動修正はありません。述語ごとに言い回しが変わるからです（``進んだ`` →
    ``進みました``）。
    """

    code = "DL501"
    name = "mixed-register"
    severity = Severity.WARNING
    scope = "sentence"
    fix_availability = FixAvailability.NEVER
    Options = MixedRegisterOptions

    messages = {
        "run": Message(
            ja="{group}は{dominant}調が{n_dom}文、{minority}調が{n_min}文で、{where}の{size}が"
            "{minority}調です（「{ending}」）。{dominant}調にそろえてください。",
            en="{group} is {dominant} in {n_dom} sentences and {minority} in {n_min}; "
            "{size} {minority} ({where}, ending 「{ending}」)",
        ),
        "one": Message(ja="この文", en="this sentence is"),
        "many": Message(ja="{n}文", en="this run of {n} is"),
        "prose": Message(ja="本文", en="prose"),
        "card-bullets": Message(ja="{card}の✅要約", en="the bullets of {card}"),
        "conclusion-bullets": Message(ja="結論の💡", en="the conclusion bullets"),
        "headings": Message(ja="見出し", en="the headings"),
        "list-items": Message(ja="箇条書き", en="the list"),
        "commentary": Message(ja="ナレーションの地の文", en="commentary"),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        opts: MixedRegisterOptions = ctx.options
        registers = ctx.analysis.registers
        groups: dict[tuple[str, int], list[SentenceRegister]] = {}
        labels: dict[tuple[str, int], str] = {}
        list_run: dict[int, int] = {}
        for reg in registers:
            key = self._group(reg, opts, list_run, ctx)
            if key is None:
                continue
            groups.setdefault(key, []).append(reg)
            if key not in labels:
                labels[key] = self._label(ctx, key)
        for key, members in groups.items():
            yield from self._judge(ctx, labels[key], members, opts)

    @staticmethod
    def _group(
        reg: SentenceRegister, opts: MixedRegisterOptions, list_run: dict[int, int], ctx: Context
    ) -> tuple[str, int] | None:
        block = reg.sentence.block
        role = block.role
        if role == Role.PROSE and "prose" in opts.groups:
            return ("prose", 0)
        if role == Role.BULLET and block.card is not None and "card-bullets" in opts.groups:
            return ("card-bullets", block.card)
        if role == Role.CONCLUSION_BULLET and "conclusion-bullets" in opts.groups:
            return ("conclusion-bullets", 0)
        if role == Role.HEADING and "headings" in opts.groups:
            return ("headings", 0)
        if role == Role.LIST_ITEM and "list-items" in opts.groups:
            # one group per list: the items in a row (a block before it being one too)
            if block.index not in list_run:
                before = block.index - 1
                blocks = ctx.article.blocks
                start = (
                    list_run.get(before)
                    if before >= 0 and blocks[before].role == Role.LIST_ITEM
                    else None
                )
                list_run[block.index] = start if start is not None else block.index
            return ("list-items", list_run[block.index])
        if role == Role.COMMENTARY and "commentary" in opts.groups:
            return ("commentary", 0)
        return None

    @staticmethod
    def _label(ctx: Context, key: tuple[str, int]) -> str:
        kind, index = key
        if kind == "card-bullets":
            return ctx.say(kind, card=card_name(ctx.article.cards[index], ctx.lang))
        return ctx.say(kind)

    @staticmethod
    def _judge(
        ctx: Context, label: str, members: list[SentenceRegister], opts: MixedRegisterOptions
    ) -> Iterator[Violation]:
        marked = [m for m in members if m.register != Register.NEUTRAL]
        polite = sum(1 for m in marked if m.register == Register.POLITE)
        plain = len(marked) - polite
        if not polite or not plain:
            return
        if polite != plain:
            dominant = Register.POLITE if polite > plain else Register.PLAIN
        else:
            dominant = marked[0].register  # a tie: the register the group starts in
        minority = Register.PLAIN if dominant == Register.POLITE else Register.POLITE
        n_dom, n_min = (polite, plain) if dominant == Register.POLITE else (plain, polite)
        total = len(marked)
        if total >= opts.long_group and n_min <= max(opts.max_stray, opts.stray_share * total):
            return
        runs: list[list[SentenceRegister]] = []
        in_run = False
        for m in marked:
            if m.register == minority:
                if in_run:
                    runs[-1].append(m)
                else:
                    runs.append([m])
            in_run = m.register == minority
        names = {Register.POLITE: "です・ます", Register.PLAIN: "だ・である"}
        if ctx.lang == "en":
            names = {r: r.value for r in names}
        for run in runs:
            first, last = run[0].sentence, run[-1].sentence
            lines = (first.block.span.line, last.block.span.line)
            size = ctx.say("one") if len(run) == 1 else ctx.say("many", n=len(run))
            yield ctx.violation(
                first.start,
                first.end,
                ctx.say(
                    "run",
                    group=label,
                    dominant=names[dominant],
                    minority=names[minority],
                    n_dom=n_dom,
                    n_min=n_min,
                    where=ctx.line_range(*lines),
                    size=size,
                    ending=run[0].ending or "—",
                ),
            )
