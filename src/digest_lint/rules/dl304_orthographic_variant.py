"""DL304 orthographic-variant."""

from __future__ import annotations

from collections.abc import Iterator

from digest_lint.analysis.spellings import Spelling, VariantGroup, house_form
from digest_lint.knowledge import Knowledge
from digest_lint.model.findings import Applicability, Fix, Severity, Violation
from digest_lint.model.messages import Message
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
    with one fold key (the katakana folding of DL303) that the guards let through. The
    house style pack (``rules/style.yaml``) says which parts of speech are compared, which
    words never are (formal nouns: こと/事, とき/時), and the house's own forms; a house
    form marked ``always`` is asked for even in an article that never writes it. Words in
    「…」 or 『…』 and in parentheses keep their source's spelling and are not read; nor
    are 〜てみる, 〜という and the like, which are kana on purpose; a word inside a compound
    or a ・-joined name (こども家庭庁) never decides the majority and is rewritten only toward
    a house form. Without a house form the majority spelling is kept; in a tie the later
    form is flagged. Severity info, on by default (quiet on professional news, which keeps
    its house style; ``--ignore DL304`` turns it off).

    Why it matters: a word written two ways in one text looks careless, and readers and
    search tools may take the two for different things. Many of these are matters of house
    style: the rule reports, the editor or the house pack decides.

    Bad: ``棚を組み立てて、組立の手順を写真で示した。``

    Good: ``棚を組み立てて、組み立ての手順を写真で示した。``

    Fix safety: the house form, or without one the majority form; a conjugated word keeps
    its ending (``出来た`` → ``できた``), and an occurrence no form of the target fits is
    not reported. Safe when the house style decides, the spellings share a SudachiPy
    normalized form (one dictionary word) or the house pack lists the variant, and the word
    stands alone; unsafe inside a compound (an official name may keep its own spelling),
    for the majority form and for folded katakana.
    """

    doc_ja = """
    1本の記事の中で、同じ一般語が2通りに書かれているもの（表記ゆれ）。

    何を検出するか: 記事が別の書き方もしている一般語の、少ないほうの表記のすべて。
    ``組み立て`` と ``組立``、``サーバー`` と ``サーバ``、``子ども`` と ``子供``、``できる`` と
    ``出来る``、``インデックス`` と ``インデクス`` など。同じ語とみなすのは、SudachiPy の
    正規化形が同じで（送りがな、かなと漢字、外来語の長音）一方の漢字が他方に含まれるとき
    （見る／観る／診るは別の語）か、カタカナの揺れをたたむと一致し（DL303 と同じ規則）
    歯止めを通るときです。比べる品詞、比べない語（形式名詞のこと／事、とき／時）、社の
    表記はハウススタイルのパック（``rules/style.yaml``）が決めます。``always`` の付いた社の
    表記は、記事がそれを一度も使っていなくても求めます。「…」『…』や括弧の中（引用、番組名、
    読み）は出典の表記のまま読みません。〜てみる、〜という などの意図したかな書きも読みません。
    複合語や・でつないだ名前の中の語（こども家庭庁）は多数決に加わらず、社の表記へ直すとき
    だけ書き換えます。社の表記がなければ多いほうを残し、同数なら後の表記を指摘します。
    重大度は情報で、既定で有効です（表記の統一された報道記事では鳴りません。
    ``--ignore DL304`` で止められます）。

    なぜ問題か: 同じ語が2通りに書かれていると雑に見え、読者や検索が別の物と取ることがあり
    ます。多くはハウススタイルの問題なので、規則は報告し、判断は編集者か社のパックが
    します。

    悪い例: ``棚を組み立てて、組立の手順を写真で示した。``

    良い例: ``棚を組み立てて、組み立ての手順を写真で示した。``

    修正の安全性: 社の表記、なければ多いほうの表記に直す修正です。活用する語は語尾を保ち
    ます（``出来た`` → ``できた``）。当てはまる形のない箇所は報告しません。社の表記で決まり、
    両方の表記が同じ正規化形（同じ辞書語）かパックに載っていて、語が単独で立っているときは
    安全な修正です。複合語の中（正式名称は独自の表記を保つことがあります）、多数決による
    修正、カタカナをたたんだ一致は要確認の修正です。
    """

    messages = {
        "variant": Message(
            ja="「{surface}」は、この記事のほかの箇所（{where}）では「{target}」と書かれて"
            "います（{count}回）。「{target}」にそろえてください。",
            en="「{surface}」 is written 「{target}」 {count} times elsewhere in this article "
            "({where}); write one form",
        ),
        "house": Message(
            ja="「{surface}」と「{target}」は同じ語の表記ゆれです{where}。社の表記は"
            "「{target}」です。「{target}」と書いてください。",
            en="「{surface}」 and 「{target}」{where} are one word written two ways in this "
            "article; the house style writes 「{target}」",
        ),
        "house-where": Message(
            ja="（「{target}」は{where}、{count}回）",
            en=" ({count} times as 「{target}」, {where})",
        ),
        "always": Message(
            ja="「{surface}」は社の表記では「{target}」です。「{target}」と書いてください。",
            en="「{surface}」: the house style writes 「{target}」",
        ),
    }

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
                    if house:
                        where = (
                            ctx.say(
                                "house-where",
                                target=target,
                                count=len(kept),
                                where=ctx.lines(lines),
                            )
                            if kept
                            else ""
                        )
                        message = ctx.say("house", surface=o.surface, target=target, where=where)
                    else:
                        message = ctx.say(
                            "variant",
                            surface=o.surface,
                            target=target,
                            count=len(kept),
                            where=ctx.lines(lines),
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
            yield ctx.violation(
                s.start, s.end, ctx.say("always", surface=s.surface, target=found[0]), fix
            )


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
