"""DL502 doubled-punctuation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from digest_lint.model.article import TEXT_ROLES, Article, Block, Role
from digest_lint.model.findings import Fix, Severity, Violation
from digest_lint.model.messages import Message
from digest_lint.parsing.parser import iter_urls
from digest_lint.rules.base import Context, FixAvailability, Rule

#: Blocks whose text is written prose: the article's own text and card summaries.
_CHECKED_ROLES = TEXT_ROLES | {Role.BULLET, Role.CARD_HEADLINE}
_INLINE_CODE = re.compile(r"`[^`]*`")
_FENCE = re.compile(r"^(?:```|~~~)")


def text_regions(article: Article) -> Iterator[tuple[Block, int, str]]:
    """``(block, offset, text)`` of every stretch of written text punctuation rules read.

    Citation lines (their URLs), dates and markers are left out, and so are URLs inside
    text, inline code (```…```) and fenced code blocks of Markdown articles.
    """
    in_fence = False
    for block in article.blocks:
        if _FENCE.match(block.text):
            in_fence = not in_fence
            continue
        if in_fence or block.role not in _CHECKED_ROLES:
            continue
        body = block.body
        base = block.body_start
        cut = list(iter_urls(body))
        cut += [m.span() for m in _INLINE_CODE.finditer(body)]
        cut.sort()
        pos = 0
        for s, e in cut:
            if s > pos:
                yield block, base + pos, body[pos:s]
            pos = max(pos, e)
        if pos < len(body):
            yield block, base + pos, body[pos:]


class DoubledPunctuation(Rule):
    """A sentence-final mark doubled: ``?。``, ``!。``, ``。。``, ``、、``, ``?？``.

    What it flags: two punctuation marks where one belongs, as listed in the ``writing``
    pack: a question or exclamation mark followed by 。, a doubled 。 or 、, a half-width
    and a full-width question mark side by side. URLs, citation lines and code are not
    read. ``…``, ``!?`` and ``?!`` are not doubled marks, nor is ``。。。`` (three or more,
    used as an ellipsis).

    Why it matters: a doubled mark is a slip that a reader sees at once; ``?。`` ends the
    sentence twice.

    Bad: ``値上げの波はいつまで続くのでしょうか?。``

    Good: ``値上げの波はいつまで続くのでしょうか?``

    Fix safety: safe: the fix drops the second mark and nothing else.
    """

    doc_ja = """
    文末の記号が重なっている: ``?。``、``!。``、``。。``、``、、``、``?？``。

    何を検出するか: 一つでよいところに二つ並んだ句読点（``writing`` パックの一覧による）。
    疑問符や感嘆符の後の「。」、重なった「。」や「、」、半角と全角の疑問符の並びです。
    URL、出典の行、コードは読みません。``…``、``!?``、``?!`` は重なりではなく、``。。。``
    （三つ以上、省略の記号として使うもの）も検出しません。

    なぜ問題か: 記号の重なりは読者がすぐに気づく書き損じです。``?。`` は文を二度終えています。

    悪い例: ``値上げの波はいつまで続くのでしょうか?。``

    良い例: ``値上げの波はいつまで続くのでしょうか?``

    修正の安全性: 安全な修正です。二つ目の記号を消すだけで、ほかは何も変えません。
    """

    code = "DL502"
    name = "doubled-punctuation"
    severity = Severity.WARNING
    scope = "sentence"
    fix_availability = FixAvailability.ALWAYS

    messages = {
        "doubled": Message(
            ja="「{pair}」と記号が重なっています。後ろの「{extra}」を消してください。",
            en="doubled punctuation {pair}: drop the extra {extra}",
        ),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        pairs = ctx.knowledge.writing.doubled_punctuation
        if not pairs:
            return
        finder = re.compile("|".join(re.escape(p) for p in sorted(set(pairs))))
        for _block, offset, text in text_regions(ctx.article):
            for m in finder.finditer(text):
                i = m.start()
                first, second = text[i], text[i + 1]
                if first == second and (
                    (i > 0 and text[i - 1] == first) or (i + 2 < len(text) and text[i + 2] == first)
                ):
                    continue  # 。。。 and the like: an ellipsis, not a doubled mark
                start = offset + i
                yield Violation(
                    span=ctx.span(start, start + 2),
                    message=ctx.say("doubled", pair=first + second, extra=second),
                    fix=Fix.replace(ctx.span(start + 1, start + 2), ""),
                )
