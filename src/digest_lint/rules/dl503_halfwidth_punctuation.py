"""DL503 halfwidth-punctuation (opt-in)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from digest_lint.model.findings import Fix, Severity, Violation
from digest_lint.model.messages import Message
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

    Bad: ``新紙幣の発行で何が変わる?キャッシュレス化の行方``

    Good: ``新紙幣の発行で何が変わる？キャッシュレス化の行方``

    Fix safety: safe: the fix writes the same mark in full width.
    """

    doc_ja = """
    日本語の文の中の半角の ``?`` や ``!``（既定では無効）。

    何を検出するか: 日本語の直後にある半角の疑問符や感嘆符の並び（記号とその全角の形は
    ``writing`` パックによる）。URL、出典の行、コードは読みません。ローマ字の後の記号
    （``Yes!``）はそのままにします。既定では無効です。社の表記として半角で統一するサイトも
    あるからです。全角が決まりのところでは DL503 を選んでください。

    なぜ問題か: 日本語の文には全角の記号を使います。半角の ``?`` は幅が狭く、かなや漢字の
    横で低い位置に見え、一つの記事に二つの表記が混ざります。

    悪い例: ``新紙幣の発行で何が変わる?キャッシュレス化の行方``

    良い例: ``新紙幣の発行で何が変わる？キャッシュレス化の行方``

    修正の安全性: 安全な修正です。同じ記号を全角で書くだけです。
    """

    code = "DL503"
    name = "halfwidth-punctuation"
    severity = Severity.INFO
    scope = "sentence"
    fix_availability = FixAvailability.ALWAYS
    default_enabled = False

    messages = {
        "halfwidth": Message(
            ja="日本語の文に半角の「{run}」があります。全角の「{full}」と書いてください。",
            en="half-width {run} in Japanese text: write {full}",
        ),
    }

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
                    message=ctx.say("halfwidth", run=run, full=full),
                    fix=Fix.replace(span, full),
                )
