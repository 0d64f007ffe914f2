"""DL303 name-variant."""

from __future__ import annotations

from collections.abc import Iterator

from digest_lint.analysis.spellings import VariantGroup
from digest_lint.knowledge.variants import Variants
from digest_lint.model.findings import Applicability, Fix, Severity, Violation
from digest_lint.rules.base import Context, FixAvailability, Rule


class NameVariant(Rule):
    """One name or term written two ways in one article.

    What it flags: every occurrence of the minority spelling of a name or term that the
    article also writes another way: ``ラヴロフ`` once against ``ラブロフ`` twice, ``米露``
    against ``米ロ``, ``国際原子力機構`` against ``国際原子力機関``. Two spellings are one name
    when SudachiPy gives them the same normalized form (proper nouns, and compounds of
    country abbreviations such as 米ロ/米露); when they have one katakana fold key (the
    ``fold`` classes of the name-variants pack: ヴ/ブ, ティ/チ, ファ/ハ, small vowels, イア/イヤ,
    エイ/エー, ッ and ー, ・ and ＝, half width), for people no pack knows too
    (メドヴェージェフ/メドベージェフ, ウイリアム/ウィリアム); when the name-variants pack declares
    them one; when an institution's name differs only in an interchangeable head noun
    (機関/機構, 庁/局, with at least three characters before it); or, for katakana person
    names only, when they are very close (rapidfuzz, voicing marks ignored).

    Folded spellings are one name only if the guards let them: not a pair of the pack's
    ``never_merge`` list (メルツ/メルケル, コーエン/コエン); the same part of speech where
    the dictionary or a title knows it (the common noun バス is no variant of the name
    バース); and not two dictionary words with different normalized forms (ビル/ビール,
    モーリス/モリス). A katakana spelling starts and ends where its katakana run does: a
    run that starts with ー (``動向をーチン大統領``) or a word inside a longer run (チン in
    ワクチン) is no spelling. Forms of two different people in the office-holder pack are
    never one name. Common words written two ways (サーバ/サーバー, 子ども/子供, 組立/組み立て)
    are DL304's; in a tie the pack's preferred form is kept, without one the form that
    appears later is flagged.

    Why it matters: two spellings make a reader wonder whether two people or things are
    meant, and search and indexing miss half of the mentions.

    Example: ``ラブロフ外相は…`` (twice) and later ``ラヴロフ・ロシア外相は…``.

    Fix: the majority spelling (``ラブロフ``); safe when the spellings are declared in
    the pack or share a SudachiPy normalized form, unsafe for folded, institution and
    fuzzy matches. A spelling whose fix would insert text that already stands next to it
    is not reported.
    """

    code = "DL303"
    name = "name-variant"
    severity = Severity.WARNING
    scope = "mention"
    fix_availability = FixAvailability.ALWAYS

    def check(self, ctx: Context) -> Iterator[Violation]:
        variants = ctx.knowledge.variants
        text = ctx.article.text
        line_of = ctx.article.lines.position
        flagged: list[tuple[int, int]] = []
        for group in ctx.analysis.variant_groups:
            if group.kind != "name":
                continue
            keep = _keeper(group, variants)
            kept = group.forms[keep]
            lines = sorted({line_of(o.start)[0] for o in kept})
            for form, occurrences in group.forms.items():
                if form == keep:
                    continue
                safe = group.link(keep, form) in ("n", "d")
                for o in occurrences:
                    if text[o.start : o.end] != o.surface or _inside(flagged, o.start, o.end):
                        continue
                    if grows(text, o.start, o.end, keep):
                        continue  # no variant: the text around it is part of the word
                    fix = Fix.replace(
                        ctx.span(o.start, o.end),
                        keep,
                        Applicability.SAFE if safe else Applicability.UNSAFE,
                    )
                    flagged.append((o.start, o.end))
                    yield ctx.violation(
                        o.start, o.end, self.message(o.surface, keep, len(kept), lines), fix
                    )

    @staticmethod
    def message(surface: str, keep: str, count: int, lines: list[int]) -> str:
        where = ", ".join(map(str, lines[:5])) + (" …" if len(lines) > 5 else "")
        return (
            f"「{surface}」 is written 「{keep}」 {count} time{'s' if count > 1 else ''} "
            f"elsewhere in this article (line{'s' if len(lines) > 1 else ''} {where}); "
            "write one form"
        )


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps a span already flagged (ウィリアム inside a flagged
    ウィリアム・ルト)."""
    return any(s < end and start < e for s, e in spans)


def grows(text: str, start: int, end: int, replacement: str) -> bool:
    """Whether replacing ``text[start:end]`` by ``replacement`` only inserts text that the
    text already has right before or after the insertion point: such a fix would find
    its own result again and grow the line on every pass (``ー`` + ``チン`` after a ``ー``)."""
    surface = text[start:end]
    p = 0
    while p < min(len(surface), len(replacement)) and surface[p] == replacement[p]:
        p += 1
    q = 0
    while (
        q < min(len(surface), len(replacement)) - p
        and surface[len(surface) - 1 - q] == replacement[len(replacement) - 1 - q]
    ):
        q += 1
    removed = surface[p : len(surface) - q]
    inserted = replacement[p : len(replacement) - q]
    if removed or not inserted:
        return False
    at = start + p
    return text[max(0, at - len(inserted)) : at] == inserted or text[at : at + len(inserted)] == (
        inserted
    )


def _keeper(group: VariantGroup, variants: Variants) -> str:
    """The majority spelling; in a tie the pack's preferred form, else the earliest."""
    forms = group.forms
    top = max(len(occ) for occ in forms.values())
    tied = [m for m, occ in forms.items() if len(occ) == top]
    if len(tied) == 1:
        return tied[0]
    preferred = [m for m in tied if variants.preferred.get(m) == m]
    if len(preferred) == 1:
        return preferred[0]
    return min(tied, key=lambda m: forms[m][0].start)
