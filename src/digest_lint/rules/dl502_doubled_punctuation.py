"""DL502 doubled-punctuation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from digest_lint.model.article import TEXT_ROLES, Article, Block, Role
from digest_lint.model.findings import Fix, Severity, Violation
from digest_lint.parsing.parser import URL_RE
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
        cut = [m.span() for m in URL_RE.finditer(body)]
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

    Example: ``ロシアと交渉を続けるしかないのでしょうか?。``

    Fix: drop the second mark (``…のでしょうか?``). Safe: nothing else changes.
    """

    code = "DL502"
    name = "doubled-punctuation"
    severity = Severity.WARNING
    scope = "sentence"
    fix_availability = FixAvailability.ALWAYS

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
                    message=f"doubled punctuation {first}{second}: drop the extra {second}",
                    fix=Fix.replace(ctx.span(start + 1, start + 2), ""),
                )
