"""DL304 orthographic-variant."""

from __future__ import annotations

from collections.abc import Iterator

from digest_lint.analysis.spellings import Spelling, VariantGroup, house_form
from digest_lint.knowledge import Knowledge
from digest_lint.model.findings import Applicability, Fix, Severity, Violation
from digest_lint.rules.base import Context, FixAvailability, Rule
from digest_lint.rules.dl303_name_variant import grows


class OrthographicVariant(Rule):
    """One common word written two ways in one article (表記ゆれ).

    What it flags: every occurrence of the minority spelling of a common word that the
    article also writes another way: ``組立`` against ``組み立て``, ``サーバ`` against
    ``サーバー``, ``子供`` against ``子ども``, ``出来る`` against ``できる``, ``インデクス``
    against ``インデックス``. Two spellings are one word when SudachiPy gives them one
    normalized form (okurigana, kana or kanji, a loanword's long vowel) and one's kanji are
    among the other's (見る/観る/診る are different words), or when they are katakana words
    with one fold key (ッ, ー, ヴ/ブ, small vowels: the katakana folding of DL303) that the
    guards let through (not two dictionary words, not a never-merge pair). The house
    style pack (``rules/style.yaml``) says which parts of speech are compared, which words
    never are (formal nouns: こと/事, とき/時), and the house's own forms. Words in
    「…」 or 『…』 (quotations, titles of programmes) and in parentheses (readings) keep
    their source's spelling and are not read; nor are 〜てみる, 〜という and the like,
    which are kana on purpose. A word inside a compound or a name joined by ・
    (こども家庭庁, 子ども・子育て支援金: official names keep their own spelling) never
    decides the majority and is rewritten only toward a house form.

    With a house form, every other spelling of the word is flagged and the fix writes the
    house form; a house form marked ``always`` is asked for even in an article that
    never writes it (``サーバ`` alone: the house writes ``サーバー``). Without one, the
    majority spelling is kept; in a tie the later form is flagged.

    Why it matters: a word written two ways in one text looks careless, and readers and
    search tools may take the two for different things. Many of these are matters of house
    style, hence severity info: the rule reports, the editor or the house pack decides.
    It runs by default (quiet on professional news, which keeps its house style; see
    docs/packs.md) and never fails a run at the default ``--fail-on warning``;
    ``--ignore DL304`` turns it off.

    Example: ``部品を組み立てて、組立作業を見直した。`` (組立 is flagged; the house writes
    組み立て).

    Fix: the house form, or without one the majority form; a conjugated word keeps its
    ending (``出来た`` → ``できた``), and an occurrence no form of the target fits is not
    reported. Safe when the house style decides, the spellings share
    a SudachiPy normalized form (one dictionary word) or the house pack lists the variant,
    and the word stands alone (a house-style rewrite of one word changes its spelling
    only); unsafe inside a compound (an official name may keep its own spelling), for the
    majority form and for folded katakana.
    """

    code = "DL304"
    name = "orthographic-variant"
    severity = Severity.INFO
    scope = "word"
    fix_availability = FixAvailability.ALWAYS

    def check(self, ctx: Context) -> Iterator[Violation]:
        knowledge = ctx.knowledge
        text = ctx.article.text
        line_of = ctx.article.lines.position
        grouped: set[str] = set()
        for group in ctx.analysis.variant_groups:
            if group.kind != "word":
                continue
            grouped.update(group.forms)
            # quotations keep their source's spelling; a word inside a compound (an
            # official name: こども家庭庁, 子ども・子育て支援金) is read only for a house form
            forms = {f: [o for o in occ if not o.quoted] for f, occ in group.forms.items()}
            forms = {f: occ for f, occ in forms.items() if occ}
            free = {f: [o for o in occ if not o.in_compound] for f, occ in forms.items()}
            free = {f: occ for f, occ in free.items() if occ}
            target, house = _target(group, forms, free, knowledge)
            if target is None:
                continue
            kept = forms.get(target, [])
            lines = sorted({line_of(o.start)[0] for o in kept})
            for form, occurrences in (forms if house else free).items():
                if form == target:
                    continue
                link = group.link(target, form) if target in group.forms else "f"
                if house:
                    found = house_form(knowledge, occurrences[0])
                    link = found[1] if found is not None else link
                for o in occurrences:
                    if o.evidence or text[o.start : o.end] != o.surface:
                        continue
                    fix = _fix(ctx, o, target, house, link)
                    if fix is None:
                        continue  # no spelling of the target fits this occurrence
                    message = (
                        self.house_message(o.surface, target, len(kept), lines)
                        if house
                        else self.message(o.surface, target, len(kept), lines)
                    )
                    yield ctx.violation(o.start, o.end, message, fix)
        if not knowledge.style.always:
            return
        for s in ctx.analysis.spellings:
            if s.form in grouped or s.quoted or s.evidence or s.name_like:
                continue
            found = house_form(knowledge, s)
            if found is None or not knowledge.style.house[found[0]].always:
                continue
            fix = _fix(ctx, s, found[0], True, found[1])
            if text[s.start : s.end] != s.surface or fix is None:
                continue
            yield ctx.violation(s.start, s.end, self.always_message(s.surface, found[0]), fix)

    # Messages: one place each, to become catalog entries.
    @staticmethod
    def message(surface: str, target: str, count: int, lines: list[int]) -> str:
        return (
            f"「{surface}」 is written 「{target}」 {count} time{'s' if count > 1 else ''} "
            f"elsewhere in this article ({_where(lines)}); write one form"
        )

    @staticmethod
    def house_message(surface: str, target: str, count: int, lines: list[int]) -> str:
        where = f" ({count} time{'s' if count > 1 else ''}, {_where(lines)})" if count else ""
        return (
            f"「{surface}」 and 「{target}」{where} are one word written two ways in this "
            f"article; the house style writes 「{target}」"
        )

    @staticmethod
    def always_message(surface: str, target: str) -> str:
        return f"「{surface}」: the house style writes 「{target}」"


def _where(lines: list[int]) -> str:
    shown = ", ".join(map(str, lines[:5])) + (" …" if len(lines) > 5 else "")
    return f"line{'s' if len(lines) > 1 else ''} {shown}"


def _target(
    group: VariantGroup,
    forms: dict[str, list[Spelling]],
    free: dict[str, list[Spelling]],
    knowledge: Knowledge,
) -> tuple[str | None, bool]:
    """``(the form to write, whether the house style chose it)``: a house form of the
    group (among the unquoted ``forms``), else the majority of the ``free`` occurrences,
    those outside compounds (in a tie the earliest form); None when fewer than two forms
    are left and no house form asks for one."""
    style = knowledge.style
    for f in group.forms:
        if f in style.house:
            return (f, True) if any(g != f for g in forms) else (None, False)
    for occ in forms.values():
        found = house_form(knowledge, occ[0])
        if found is not None:
            house = found[0]
            if len(forms) >= 2 or style.house[house].always:
                return house, True
    if len(free) < 2:
        return None, False
    top = max(len(occ) for occ in free.values())
    tied = [f for f, occ in free.items() if len(occ) == top]
    return min(tied, key=lambda f: free[f][0].start), False


def _fix(ctx: Context, o: Spelling, target: str, house: bool, link: str) -> Fix | None:
    replacement = _rewrite(o, target)
    if replacement is None or grows(ctx.article.text, o.start, o.end, replacement):
        return None
    safe = house and link in ("w", "d") and not o.in_compound
    return Fix.replace(
        ctx.span(o.start, o.end),
        replacement,
        Applicability.SAFE if safe else Applicability.UNSAFE,
    )


def _rewrite(o: Spelling, target: str) -> str | None:
    """The occurrence written as ``target``: ``target`` itself, or for a conjugated word
    the target's stem with the occurrence's ending (出来た: 出来 of 出来る → でき of できる);
    None when the two do not share the dictionary form's ending."""
    if o.form == o.surface:
        return target
    p = 0
    while p < min(len(o.surface), len(o.form)) and o.surface[p] == o.form[p]:
        p += 1
    tail = o.form[p:]
    if not tail:
        return target + o.surface[p:]
    if not target.endswith(tail):
        return None
    return target[: len(target) - len(tail)] + o.surface[p:]
