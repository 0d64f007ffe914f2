"""DL503 halfwidth-punctuation (opt-in)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from digest_lint.model.findings import Fix, Severity, Violation
from digest_lint.rules.base import Context, FixAvailability, Rule
from digest_lint.rules.dl502_doubled_punctuation import text_regions

#: Characters that make the text before a mark Japanese: kana, kanji, the iteration
#: mark, the long-vowel mark and full-width punctuation and brackets.
_JAPANESE = re.compile(
    r"[\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]"
)


class HalfwidthPunctuation(Rule):
    """Half-width ``?`` or ``!`` in a Japanese sentence (opt-in).

    What it flags: a run of half-width question or exclamation marks (the marks and their
    full-width forms come from the ``writing`` pack) right after Japanese text. URLs,
    citation lines and code are not read; marks after Latin text (``Yes!``) are left alone.
    Off by default: some sites write half-width marks throughout by house style; select
    DL503 where full-width marks are the rule.

    Why it matters: Japanese text takes full-width marks; a half-width ``?`` is narrow,
    sits low next to kana and kanji, and mixes two styles in one article.

    Example: ``和平への道は?米ロ高官会談の行方``

    Fix: the full-width form (``和平への道は？``). Safe: the same mark, another width.
    """

    code = "DL503"
    name = "halfwidth-punctuation"
    severity = Severity.INFO
    scope = "sentence"
    fix_availability = FixAvailability.ALWAYS
    default_enabled = False

    def check(self, ctx: Context) -> Iterator[Violation]:
        marks = ctx.knowledge.writing.halfwidth_marks
        if not marks:
            return
        finder = re.compile("[" + "".join(re.escape(k) for k in marks) + "]+")
        for _block, offset, text in text_regions(ctx.article):
            for m in finder.finditer(text):
                i = m.start()
                if i == 0 or not _JAPANESE.match(text[i - 1]):
                    continue
                run = m.group(0)
                full = "".join(marks[c] for c in run)
                span = ctx.span(offset + i, offset + m.end())
                yield Violation(
                    span=span,
                    message=f"half-width {run} in Japanese text: write {full}",
                    fix=Fix.replace(span, full),
                )
