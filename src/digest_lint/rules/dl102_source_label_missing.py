"""DL102 source-label-missing."""

from __future__ import annotations

from collections.abc import Iterator

from digest_lint.model.findings import Applicability, Fix, Severity, Violation
from digest_lint.model.messages import Message
from digest_lint.rules.base import Context, FixAvailability, Rule


class SourceLabelMissing(Rule):
    """A citation line that names no publisher.

    What it flags: ``さらに読む ⇒出典/画像元: URL`` with nothing between ⇒ and 出典.

    Why it matters: readers decide how far to trust a summary by who published it; a
    bare URL hides that, and cards copied from other articles often lose their label.

    Bad: ``さらに読む ⇒出典/画像元: https://www.nikkei.com/article/DGXZQOUA0000000X``

    Good: ``さらに読む ⇒日本経済新聞出典/画像元: https://www.nikkei.com/article/DGXZQOUA0000000X``

    Fix safety: when the URL's domain is in the publishers pack the fix inserts that
    publisher's name; unsafe: check that the page is the publisher's own (a syndicated
    story names another publisher).
    """

    doc_ja = """
    媒体名のない出典の行。

    何を検出するか: ⇒ と「出典」の間に何も書かれていない ``さらに読む ⇒出典/画像元: URL``。

    なぜ問題か: 読者は、誰が報じたかで要約をどこまで信じるかを決めます。URL だけでは
    それが分かりません。別の記事から写したカードでは、媒体名が抜けていることがよくあります。

    悪い例: ``さらに読む ⇒出典/画像元: https://www.nikkei.com/article/DGXZQOUA0000000X``

    良い例: ``さらに読む ⇒日本経済新聞出典/画像元: https://www.nikkei.com/article/DGXZQOUA0000000X``

    修正の安全性: URL のドメインが媒体データ（publishers パック）にあれば、その媒体名を
    書き入れる修正を出します。要確認の修正です。そのページが本当にその媒体の記事か
    （配信記事なら別の媒体名になります）を確かめてください。
    """

    code = "DL102"
    name = "source-label-missing"
    severity = Severity.WARNING
    scope = "card"
    fix_availability = FixAvailability.SOMETIMES

    messages = {
        "known": Message(
            ja="出典の行に媒体名がありません。{url} は{publisher}の記事です。"
            "「⇒{publisher}出典/画像元」と書いてください。",
            en="citation names no publisher; {url} is {publisher}'s: write ⇒{publisher}出典/画像元",
        ),
        "unknown": Message(
            ja="出典の行に媒体名がありません。「出典/画像元」の前に記事を出した媒体の名前を"
            "書いてください。",
            en="citation names no publisher; write the publisher's name before 出典/画像元",
        ),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        pubs = ctx.knowledge.publishers
        for card in ctx.article.cards:
            cite = card.citation
            if cite is None or cite.label:
                continue
            block = card.citation_block
            assert block is not None
            # Point at where the label belongs: right after ⇒ (before 出典).
            text = block.text
            at = text.find("⇒")
            pos = block.span.start + (at + 1 if at >= 0 else 0)
            src = text.find("出典")
            end = block.span.start + src if src > 0 else pos
            publisher = pubs.for_url(cite.url) if cite.url else None
            fix = None
            if publisher is not None:
                fix = Fix.replace(ctx.span(pos, end), publisher.name, Applicability.UNSAFE)
                message = ctx.say("known", url=cite.url, publisher=publisher.name)
            else:
                message = ctx.say("unknown")
            yield Violation(
                span=ctx.span(block.span.start, end if end > pos else block.span.end),
                message=message,
                fix=fix,
            )
