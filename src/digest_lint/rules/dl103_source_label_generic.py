"""DL103 source-label-generic."""

from __future__ import annotations

from collections.abc import Iterator

from digest_lint.knowledge.publishers import label_key, publisher_part
from digest_lint.model.findings import Applicability, Fix, Severity, Violation
from digest_lint.model.messages import Message
from digest_lint.rules.base import Context, FixAvailability, Rule


class SourceLabelGeneric(Rule):
    """A citation label that names no publisher, or the wrong one.

    What it flags: a label such as ``ニュースサイト`` or ``ウェブメディア`` that names no
    publisher (the generic labels of the publishers pack), and a label naming another
    publisher than the one the URL's domain belongs to (``毎日新聞`` on an asahi.com URL).
    A label that starts with the right publisher and goes on with the site's tagline
    (``ロイター 経済、株価…``) is right.

    Why it matters: the label is how a reader knows who reported the story. A generic
    label hides it; a wrong one misattributes the report.

    Bad: ``さらに読む ⇒ニュースサイト出典/画像元: https://www.yomiuri.co.jp/economy/20250612-OYT1T50001/``

    Good: ``さらに読む ⇒読売新聞オンライン出典/画像元: https://www.yomiuri.co.jp/economy/20250612-OYT1T50001/``

    Fix safety: when the domain is in the publishers pack the fix writes its name;
    unsafe: the publishers pack is knowledge, and a syndicated page may credit another
    publisher.
    """

    doc_ja = """
    媒体名になっていない、または別の媒体を指す出典のラベル。

    何を検出するか: ``ニュースサイト`` や ``ウェブメディア`` のように媒体を名指ししない
    ラベル（publishers パックの一般的なラベル）と、URL のドメインとは別の媒体を指す
    ラベル（asahi.com の URL に ``毎日新聞``）。正しい媒体名で始まり、サイトの宣伝文句が
    続くラベル（``ロイター 経済、株価…``）は正しいものとします。

    なぜ問題か: 読者はラベルで、誰が報じたかを知ります。一般的なラベルではそれが隠れ、
    別の媒体名では報道を別の社のものにしてしまいます。

    悪い例: ``さらに読む ⇒ニュースサイト出典/画像元: https://www.yomiuri.co.jp/economy/20250612-OYT1T50001/``

    良い例: ``さらに読む ⇒読売新聞オンライン出典/画像元: https://www.yomiuri.co.jp/economy/20250612-OYT1T50001/``

    修正の安全性: ドメインが publishers パックにあれば、その媒体名に書き換える修正を
    出します。要確認の修正です。パックの知識に基づくもので、配信記事のページでは別の
    媒体の記事であることがあります。
    """

    code = "DL103"
    name = "source-label-generic"
    severity = Severity.WARNING
    scope = "card"
    fix_availability = FixAvailability.SOMETIMES

    messages = {
        "generic-known": Message(
            ja="出典のラベル「{label}」は媒体名ではありません。{url} は{publisher}の記事です。"
            "「⇒{publisher}出典/画像元」と書いてください。",
            en="label 「{label}」 names no publisher; {url} is {publisher}: "
            "write ⇒{publisher}出典/画像元",
        ),
        "generic-unknown": Message(
            ja="出典のラベル「{label}」は媒体名ではありません。記事を出した媒体の名前を"
            "書いてください。",
            en="label 「{label}」 names no publisher; write the publisher's name",
        ),
        "wrong": Message(
            ja="出典のラベル「{label}」は{named}を指していますが、{url} は{publisher}の記事です。"
            "「⇒{publisher}出典/画像元」と書いてください。",
            en="label 「{label}」 names {named}, but the URL is {publisher}'s; {url} is "
            "{publisher}: write ⇒{publisher}出典/画像元",
        ),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        pubs = ctx.knowledge.publishers
        for card in ctx.article.cards:
            cite = card.citation
            if cite is None or not cite.label or cite.label_span is None:
                continue
            expected = pubs.for_url(cite.url) if cite.url else None
            label = cite.label
            if expected is not None and any(
                label_key(label).startswith(label_key(form)) for form in expected.labels
            ):
                continue
            if expected is not None and expected.aggregator:
                continue
            named = pubs.named_by(label)
            fix = None
            if expected is not None:
                fix = Fix.replace(cite.label_span, expected.name, Applicability.UNSAFE)
            shown = publisher_part(label)
            if pubs.is_generic(label):
                if expected is not None:
                    message = ctx.say(
                        "generic-known", label=shown, url=cite.url, publisher=expected.name
                    )
                else:
                    message = ctx.say("generic-unknown", label=shown)
            elif named is not None and expected is not None and named is not expected:
                message = ctx.say(
                    "wrong", label=shown, named=named.name, url=cite.url, publisher=expected.name
                )
            else:
                continue
            yield Violation(span=cite.label_span, message=message, fix=fix)
