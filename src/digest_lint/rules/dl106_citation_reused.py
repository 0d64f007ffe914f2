"""DL106 citation-reused."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from digest_lint.knowledge.publishers import normalize_url
from digest_lint.model.findings import Severity, Violation
from digest_lint.model.messages import DEFAULT_LANGUAGE, Message, Voice
from digest_lint.model.text import Span
from digest_lint.rules.base import Context, CorpusRule, FixAvailability


class CitationReused(CorpusRule):
    """A source already cited by another article.

    What it flags: a card citing a source (normalised as in DL105) that another article of
    the same run cites too, or, with ``check --index FILE``, any article of the citation
    index other than this one. The message names the other files (five at most, then how
    many more).

    Why it matters: digest sites assemble articles from a pool of summaries; the same
    card reappearing across articles is recycled content that readers and search engines
    notice, and it is how stale or off-topic cards spread.

    Bad: ``https://www.nikkei.com/article/DGXZQOUB120000S5A610C2000000/`` cited by the
    articles on the rice price of three days in a row.

    Good: each article cites the reports of its own day; a later article links to the
    earlier article instead of repeating its card.

    Fix safety: no automatic fix: another source has to be found and summarised.
    """

    doc_ja = """
    ほかの記事ですでに引用している出典。

    何を検出するか: 同じ実行で確認するほかの記事、または ``check --index FILE`` を付けたときは
    出典索引にあるこの記事以外の記事が引用しているのと同じ出典（DL105 と同じく URL を
    正規化して比べます）を引くカード。メッセージはほかのファイルを示します（5件まで、
    残りは件数）。

    なぜ問題か: ダイジェストは要約の在庫から組み立てられます。同じカードがいくつもの記事に
    出てくるのは使い回しで、読者にも検索エンジンにも気づかれます。古いカードや話題違いの
    カードが広がるのもこの経路です。

    悪い例: ``https://www.nikkei.com/article/DGXZQOUB120000S5A610C2000000/`` を、
    3日続けて出たコメ価格の記事がどれも引用している。

    良い例: 記事ごとにその日の報道を引用する。後の記事は、カードを繰り返す代わりに
    前の記事へリンクする。

    修正の安全性: 自動修正はありません。別の出典を探して要約する必要があります。
    """

    code = "DL106"
    name = "citation-reused"
    severity = Severity.WARNING
    scope = "corpus"
    fix_availability = FixAvailability.NEVER

    messages = {
        "reused": Message(
            ja="{url} はほかの記事（{others}）でも引用しています。"
            "この記事では別の出典を要約してください。",
            en="{url} is also cited by {others}; summarise another source",
        ),
        "more": Message(ja="{shown}ほか{n}件", en="{shown} and {n} more"),
    }

    def collect(self, ctx: Context) -> list[tuple[str, str, Span]]:
        tracking = ctx.knowledge.publishers.tracking_params
        out: list[tuple[str, str, Span]] = []
        for card in ctx.article.cards:
            cite = card.citation
            if cite is not None and cite.url and cite.url_span is not None:
                out.append((normalize_url(cite.url, tracking), cite.url, cite.url_span))
        return out

    def keys(self, summary: list[tuple[str, str, Span]]) -> Iterator[tuple[str, Any]]:
        for key, url, span in summary:
            yield key, (url, span)

    def finish_group(
        self,
        key: str,
        members: list[tuple[str, Any]],
        options: Any,
        extras: dict[str, Any],
        lang: str = DEFAULT_LANGUAGE,
    ) -> Iterator[tuple[str, Violation]]:
        voice = Voice(lang, self.messages)
        citing = list(dict.fromkeys(path for path, _ in members))
        index = extras.get("index")
        indexed = index.citing(key) if index is not None else []
        for path, (url, span) in members:
            others = [p for p in citing if p != path]
            others += [p for p in indexed if p not in others and p != path]
            if not others:
                continue
            shown = voice.join(others[:5])
            if len(others) > 5:
                shown = voice.say("more", shown=shown, n=len(others) - 5)
            yield (
                path,
                Violation(
                    span=span, message=voice.say("reused", url=url, others=shown), snippet=url
                ),
            )
