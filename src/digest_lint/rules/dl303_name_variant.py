"""DL303 name-variant."""

from __future__ import annotations

from collections.abc import Iterator

from digest_lint.analysis.spellings import VariantGroup
from digest_lint.knowledge.variants import Variants
from digest_lint.model.findings import Applicability, Fix, Severity, Violation
from digest_lint.model.messages import Message
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
    names only, when they are very close (rapidfuzz, voicing marks ignored). Folded
    spellings are one name only if the guards let them: not a pair of the pack's
    ``never_merge`` list (メルツ/メルケル, コーエン/コエン); the same part of speech where the
    dictionary or a title knows it (the common noun バス is no variant of the name バース);
    not two dictionary words with different normalized forms (ビル/ビール, モーリス/モリス); a
    katakana spelling starts and ends where its katakana run does (no spelling starts with
    ー or sits inside a longer run); forms of two people of the office-holder pack are never
    one name. Common words written two ways are DL304's. In a tie the pack's preferred
    form is kept, without one the form that appears later is flagged.

    Why it matters: two spellings make a reader wonder whether two people or things are
    meant, and search and indexing miss half of the mentions.

    Bad: ``ヴォロディン下院議長は…`` twice, then ``ボロディン下院議長も…``.

    Good: ``ヴォロディン下院議長は…`` throughout.

    Fix safety: the majority spelling (``ヴォロディン``); safe when the spellings are declared
    in the pack or share a SudachiPy normalized form, unsafe for folded, institution and
    fuzzy matches. A spelling whose fix would insert text that already stands next to it is
    not reported.
    """

    doc_ja = """
    1本の記事の中で、同じ名前や用語が2通りに書かれているもの。

    何を検出するか: 記事が別の書き方もしている名前や用語の、少ないほうの表記のすべて。
    ``ラブロフ`` が2回で ``ラヴロフ`` が1回、``米ロ`` と ``米露``、``国際原子力機関`` と
    ``国際原子力機構`` など。同じ名前とみなすのは、SudachiPy の正規化形が同じとき（固有名詞、
    米ロ／米露のような国名略称の複合語）、カタカナの揺れをたたむと一致するとき（表記ゆれ
    パックの ``fold``: ヴ／ブ、ティ／チ、ファ／ハ、小書きの母音、イア／イヤ、エイ／エー、ッと
    ー、・と＝、半角。データにない人名にも効きます）、パックが同じ名前と宣言しているとき、
    機関名が入れ替え可能な末尾の名詞（機関／機構、庁／局。前に3文字以上）だけ違うとき、
    カタカナの人名ではごく近いとき（濁点は無視）です。たたんで一致しても、パックの
    ``never_merge``（メルツ／メルケル）、品詞が違うもの（普通名詞のバスと人名のバース）、
    正規化形の違う辞書語どうし（ビル／ビール）、ーで始まる語や長いカタカナ語の一部、肩書き
    データの別人どうしは同じ名前にしません。一般語の表記ゆれは DL304 が扱います。

    なぜ問題か: 表記が2通りあると、読者は別の人や物かと迷い、検索や索引では半分の言及が
    漏れます。

    悪い例: ``ヴォロディン下院議長は…`` が2回、そのあとに ``ボロディン下院議長も…``。

    良い例: 記事全体で ``ヴォロディン下院議長`` と書く。

    修正の安全性: 多いほうの表記（``ヴォロディン``）に直す修正です。パックが宣言した表記や
    SudachiPy の正規化形が同じ表記どうしは安全な修正、カタカナをたたんだ一致・機関名・近さ
    による一致は要確認の修正です。直すと隣の文字を繰り返すことになる表記は報告しません。
    """

    messages = {
        "variant": Message(
            ja="「{surface}」は、この記事のほかの箇所（{where}）では「{keep}」と書かれています"
            "（{count}回）。「{keep}」にそろえてください。",
            en="「{surface}」 is written 「{keep}」 {count} times elsewhere in this article "
            "({where}); write one form",
        ),
    }

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
                        o.start,
                        o.end,
                        ctx.say(
                            "variant",
                            surface=o.surface,
                            keep=keep,
                            count=len(kept),
                            where=ctx.lines(lines),
                        ),
                        fix,
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
