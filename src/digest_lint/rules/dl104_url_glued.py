"""DL104 url-glued."""

from __future__ import annotations

from collections.abc import Iterator

from digest_lint.model.findings import Fix, Severity, Violation
from digest_lint.model.messages import Message
from digest_lint.rules._common import quote
from digest_lint.rules.base import Context, FixAvailability, Rule


class UrlGlued(Rule):
    """A citation URL fused with the sentence that follows it.

    What it flags: a さらに読む line whose URL runs straight into the next sentence, with
    no line break: ``…/20250612-OYT1T50001/政府は来週にも…``.

    Why it matters: the link is broken (a browser or a linkifier takes the sentence as part
    of the URL) and the sentence is hidden at the end of the citation line.

    Bad: ``出典/画像元: https://www.nhk.or.jp/news/html/20250612/k10014000001000.html専門家は慎重な見方を示しています。``

    Good: the URL alone on the citation line, and ``専門家は慎重な見方を示しています。`` on the
    next line (after a blank line in articles that separate paragraphs with blank lines).

    Fix safety: safe: the fix puts the sentence on its own line; no character of the text
    changes.
    """

    doc_ja = """
    後ろの文とつながってしまった出典の URL。

    何を検出するか: 「さらに読む」の行で、URL の直後に改行なしで次の文が続いているもの
    （``…/20250612-OYT1T50001/政府は来週にも…``）。

    なぜ問題か: リンクが壊れます（ブラウザーやリンク化の処理が文まで URL の一部と見なします）。
    文も出典の行の末尾に埋もれて読まれません。

    悪い例: ``出典/画像元: https://www.nhk.or.jp/news/html/20250612/k10014000001000.html専門家は慎重な見方を示しています。``

    良い例: 出典の行には URL だけを書き、``専門家は慎重な見方を示しています。`` は次の行に
    書く（段落を空行で区切る記事では空行を挟む）。

    修正の安全性: 安全な修正です。文を次の行に移すだけで、文字は一つも変わりません。
    """

    code = "DL104"
    name = "url-glued"
    severity = Severity.ERROR
    scope = "card"
    fix_availability = FixAvailability.ALWAYS

    messages = {
        "glued": Message(
            ja="出典の URL（{url}）の直後に文{sentence}がつながっています。"
            "URL の後で改行し、文を次の行に書いてください。",
            en="citation URL {url} is fused with the sentence {sentence}; put the sentence "
            "on its own line",
        ),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        text = ctx.article.text
        for card in ctx.article.cards:
            cite = card.citation
            if cite is None or cite.fused is None or cite.url_span is None:
                continue
            fused = cite.fused
            # Blank-line layout when the citation line is followed by a blank line.
            after = text.find("\n", fused.span.end)
            blank = after != -1 and text[after + 1 : after + 2] == "\n"
            sep = "\n\n" if blank else "\n"
            yield Violation(
                span=ctx.span(cite.url_span.start, fused.span.end),
                message=ctx.say("glued", url=cite.url, sentence=quote(fused.text)),
                fix=Fix.replace(ctx.span(cite.url_span.end, fused.span.start), sep),
            )
