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
    groups: list[GroupName] = [
        "prose",
        "card-bullets",
        "conclusion-bullets",
        "headings",
        "list-items",
    ]
    """The groups judged, each on its own. Persona lines (a character's voice) never are;
    ``commentary`` (the narrator's remarks) is opt-in."""
    max_stray: int = Field(default=1, ge=0)
    """A long group may hold this many sentences against its register without a finding."""
    stray_share: float = Field(default=0.05, ge=0.0, le=1.0)
    """… or this share of its sentences with a register, whichever allows more."""
    long_group: int = Field(default=6, ge=1)
    """A group is long (strays tolerated) from this many sentences with a register."""


class MixedRegister(Rule):
    """です・ます and だ・である mixed within one group of the article's text.

    What it flags: a run of sentences whose register (polite です・ます調 or plain だ・である調,
    read from each sentence's final predicate by the analysis layer) goes against the
    group's dominant register. The groups are judged separately: the article's prose, the
    ✅ bullets of each card, the 💡 conclusion bullets (and, opt-in, the narrator's
    commentary). Persona lines (dialect, casual talk) are a character's voice and never
    judged; neutral sentences (体言止め, a quotation, a question without a predicate)
    count for neither side; a quotation (「…」) does not set the register of the sentence
    that quotes it. One finding per minority run, at its first sentence, naming the
    dominant register and the counts; in a tie the register the group starts in is the
    dominant one. Options: ``groups`` (the groups judged: ``prose``, ``card-bullets``,
    ``conclusion-bullets`` by default, ``commentary`` opt-in); a group of at least
    ``long-group`` sentences with a register (default 6) tolerates ``max-stray``
    sentences against it (default 1) or the share ``stray-share`` of them (default 0.05),
    whichever is more, so one stray sentence in long clean prose is not a finding.

    Why it matters: switching between です・ます and だ・である inside the body reads as text
    pasted together from different sources; readers and editors notice it at once.

    Example: prose that reports ``…合意しました。…述べています。`` and then
    ``…加速している。…望んでいる。`` in the next section.

    Fix: rewrite the minority run in the dominant register (``加速している`` →
    ``加速しています``). No automatic fix: the wording of each predicate changes.
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
            en="{group} is {dominant_en} in {n_dom} sentences and {minority_en} in {n_min}; "
            "{size_en} {minority_en} ({where}, ending {ending})",
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
                    dominant_en=dominant.value,
                    minority_en=minority.value,
                    n_dom=n_dom,
                    n_min=n_min,
                    where=ctx.line_range(*lines),
                    size=size,
                    size_en=size,
                    ending=run[0].ending or "—",
                ),
            )
