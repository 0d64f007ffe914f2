"""DL201 off-topic-summary."""

from __future__ import annotations

import statistics
from collections.abc import Iterator

from pydantic import Field

from digest_lint.analysis.tokens import Token
from digest_lint.analysis.topic import ArticleTerms, Bag, coverage
from digest_lint.model.article import Block, Card
from digest_lint.model.findings import Severity, Violation
from digest_lint.model.messages import Message
from digest_lint.rules._common import card_name
from digest_lint.rules.base import Context, FixAvailability, Rule, RuleOptions


class Options(RuleOptions):
    # Set on the seed pages (the foreign card scores 0.05, the lowest on-topic card 0.48)
    # and on synthetic articles of other topics (foreign 0.00-0.05, on-topic >= 0.24).
    threshold: float = Field(
        default=0.2,
        ge=0,
        le=1,
        description="Lowest share of a card's weighted words the article must also use.",
        json_schema_extra={
            "ja": "記事のほかの部分も使っている、カードの語（重み付き）の割合の下限。"
        },
    )
    relative: float = Field(
        default=0.5,
        ge=0,
        description="... and below this fraction of the median score of the other cards, "
        "so that an article whose prose hardly retells any card does not flag them all.",
        json_schema_extra={
            "ja": "……かつ、"
            "ほかのカードの得点の中央値に対するこの割合を下回ること（本文がどのカードもあまり言い直さない記事で、"
            "全部のカードを検出しないため）。"
        },
    )
    partial_credit: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="Credit for a card word that only shares a compound with an article "
        "word (停戦案 / 停戦).",
        json_schema_extra={
            "ja": "記事の語と複合語の一部だけを共有するカードの語に与える点（停戦案と停戦）。"
        },
    )
    min_card_terms: int = Field(
        default=6,
        ge=1,
        description="Cards with fewer distinct words are not judged.",
        json_schema_extra={"ja": "異なる語がこれより少ないカードは判断しません。"},
    )
    min_card_weight: float = Field(
        default=12.0,
        ge=0,
        description="Cards whose words weigh less are not judged.",
        json_schema_extra={"ja": "語の重みの合計がこれより小さいカードは判断しません。"},
    )
    min_rest_terms: int = Field(
        default=25,
        ge=1,
        description="Articles with fewer distinct words outside the card are not judged.",
        json_schema_extra={"ja": "カード以外の異なる語がこれより少ない記事は判断しません。"},
    )
    shown_words: int = Field(
        default=3,
        ge=1,
        description="Words the message shows for the card and the article.",
        json_schema_extra={"ja": "メッセージに示す、カードと記事それぞれの語の数。"},
    )
    min_card_names: int = Field(
        default=3,
        ge=1,
        description="Cards naming fewer people, places and organisations are judged by "
        "their words only.",
        json_schema_extra={
            "ja": "人名・地名・組織名がこれより少ないカードは、語だけで判断します。"
        },
    )
    entity_share: float = Field(
        default=0.15,
        ge=0,
        le=1,
        description="A card whose names the article uses less than this share of (by "
        "weight) is off topic, when another card shares the article's names.",
        json_schema_extra={
            "ja": "記事が使っているカードの固有名の割合（重み付き）がこれを下回るカードは、"
            "ほかのカードが記事の固有名を共有しているとき、話題違いとします。"
        },
    )


def card_blocks(card: Card) -> list[Block]:
    """The card's own words: headline (and its repeats) and bullets."""
    return [*card.summary_blocks(), *card.headline_repeats]


def _compound(ctx: Context, card: Card, key: str, bag: Bag, rest: Bag) -> str:
    """The card's word for ``key``, widened to the run of adjacent nouns and suffixes
    around it that the article never uses elsewhere (オウム + 真理 + 教 → オウム真理教)."""
    vocab = ctx.analysis.vocabulary

    def foreign(tok: Token) -> bool:
        if tok.pos[0] == "接尾辞":
            return True
        keys = vocab.terms(tok)
        return tok.pos[0] == "名詞" and bool(keys) and not any(k in rest.counts for k in keys)

    for block in card.summary_blocks():
        tokens = ctx.analysis.tokens(block)
        for i, tok in enumerate(tokens):
            if key not in vocab.terms(tok):
                continue
            lo = hi = i
            while lo > 0 and tokens[lo - 1].end == tokens[lo].start and foreign(tokens[lo - 1]):
                lo -= 1
            while (
                hi + 1 < len(tokens)
                and tokens[hi + 1].start == tokens[hi].end
                and foreign(tokens[hi + 1])
            ):
                hi += 1
            if hi - lo > 2:  # a long run is a phrase, not a name
                break
            return ctx.article.text[tokens[lo].start : tokens[hi].end]
    return bag.shown[key]


class OffTopicSummary(Rule):
    """A card whose summary is about something else than the article.

    What it flags: a card (headline and ✅ bullets) whose content words the rest of the
    article (title, lead, headings, prose, commentary, other cards, conclusion) hardly
    uses. Words are weighted by how rare they are in general Japanese (a shipped frequency
    table, ``rules/word_frequencies.yaml``), so shared everyday words (状況, 示す, 今後)
    count little and shared topic words (停戦, 関税, 児童相談所) count much; equivalent
    forms (ロシア/露, 米国/アメリカ) are one word (``rules/aliases.yaml``). A card is
    flagged when the rest of the article uses less than ``threshold`` (0.2) of its
    weighted vocabulary, and less than ``relative`` (half) of what the article's other
    cards typically get, so an article whose prose hardly retells its cards does not flag
    them all; a card word that only shares a compound with an article word gets
    ``partial-credit``. The score of one article never depends on the other files checked
    with it. Cards with fewer than ``min-card-terms`` words or less than
    ``min-card-weight`` of weight, and articles with fewer than ``min-rest-terms`` other
    words, are not judged; the message shows ``shown-words`` words of each. A card is
    also off topic when the article uses less than ``entity-share`` of its names
    (people, places, organisations; at least ``min-card-names`` of them) while another
    card shares the article's names: a card on another country's election shares 総選挙,
    首相 and 党首 with an election article, and none of its people. A card that is old
    but on topic (DL402) is not flagged here.

    Why it matters: digests are assembled by machine; a summary of an unrelated story
    (a wrong link, a stale cache entry) embedded in an article misinforms readers and
    makes the page look careless.

    Bad: in an article on a typhoon approaching Okinawa (気象庁, 暴風警報, 欠航), a card
    whose bullets report a baseball player's home run and his team's standings.

    Good: the card summarises a report on the typhoon itself, such as the airlines'
    cancellations or the evacuation orders.

    Fix safety: no automatic fix: replace the card with a summary of a source on the
    article's topic, or remove it.
    """

    doc_ja = """
    記事と別の話題を要約したカード。

    何を検出するか: カード（見出しと ✅ の要約）の内容語を、記事のほかの部分（タイトル、
    リード、見出し、本文、コメント、ほかのカード、結論）がほとんど使っていないもの。語は
    一般的な日本語での珍しさで重み付けします（同梱の頻度表 ``rules/word_frequencies.yaml``）。
    ありふれた語（状況、示す、今後）を共有しても点は小さく、話題の語（停戦、関税、
    児童相談所）を共有すれば点は大きくなります。同じものを指す語（ロシア／露、米国／
    アメリカ）は一つの語として数えます（``rules/aliases.yaml``）。記事のほかの部分が
    カードの語（重み付き）の ``threshold``（既定0.2）未満しか使わず、かつ、ほかのカードの
    典型的な得点の ``relative``（既定で半分）未満のときに検出します。本文がカードを
    ほとんど言い直さない記事で、全部のカードを検出しないためです。記事の語と複合語の
    一部だけを共有する語には ``partial-credit`` の点を与えます。ある記事の得点が、一緒に
    確認するほかのファイルで変わることはありません。語が ``min-card-terms`` 未満か重みが
    ``min-card-weight`` 未満のカード、カード以外の語が ``min-rest-terms`` 未満の記事は
    判断しません。メッセージには両方の語を ``shown-words`` 個ずつ示します。また、ほかの
    カードが記事の固有名を共有しているのに、記事がこのカードの固有名（人名・地名・組織名。
    ``min-card-names`` 個以上）の ``entity-share`` 未満しか使わないときも話題違いとします。
    別の国の選挙のカードは、選挙の記事と総選挙・首相・党首を共有しても、人物は一人も共有
    しないからです。古くても話題が同じカード（DL402）はここでは検出しません。

    なぜ問題か: ダイジェストは機械で組み立てられます。無関係な報道の要約（リンクの誤り、
    古いキャッシュ）が記事に入ると、読者に誤った情報を伝え、ページもずさんに見えます。

    悪い例: 沖縄に近づく台風の記事（気象庁、暴風警報、欠航）に、プロ野球選手の本塁打と
    チームの順位を要約したカードが入っている。

    良い例: カードが台風そのものの報道（航空会社の欠航や避難指示）を要約している。

    修正の安全性: 自動修正はありません。記事の話題の出典を要約したカードに差し替えるか、
    カードを外してください。
    """

    messages = {
        "off-topic": Message(
            ja="{card}は記事と別の話題のようです（カードの主な語: {mine}／記事の主な語: "
            "{theirs}）。記事の話題の出典の要約に差し替えるか、カードを外してください。",
            en="{card} is about {mine}; the article is about {theirs}: replace it with a "
            "summary of a source on the article's topic, or remove it",
        ),
    }

    code = "DL201"
    name = "off-topic-summary"
    severity = Severity.WARNING
    scope = "card"
    fix_availability = FixAvailability.NEVER
    Options = Options

    def check(self, ctx: Context) -> Iterator[Violation]:
        article = ctx.article
        if not article.cards:
            return
        terms = ctx.analysis.terms
        conf: Options = ctx.options
        threshold = conf.threshold
        everything = terms.bag(article.blocks)
        judged: list[tuple[Card, Bag, Bag, float]] = []
        for card in article.cards:
            if not card.bullets:
                continue
            bag = terms.bag(card.summary_blocks())
            repeats = terms.bag(card.headline_repeats)
            rest = everything.minus(bag, repeats)
            if (
                len(bag.counts) < conf.min_card_terms
                or bag.total < conf.min_card_weight
                or len(rest.counts) < conf.min_rest_terms
            ):
                continue
            judged.append((card, bag, rest, coverage(bag, rest, conf.partial_credit)))
        entity_share = {
            card.index: _entity_share(terms, card, rest, conf) for card, _, rest, _ in judged
        }
        for card, bag, rest, score in judged:
            others = [s for c, _, _, s in judged if c is not card]
            by_words = score < threshold and not (
                others and score >= conf.relative * statistics.median(others)
            )
            share = entity_share[card.index]
            # Names foreign to the article: a card on another country's election shares
            # 総選挙, 首相, 党首 with an election article, and none of its people or places.
            # Judged only where another card shares the article's names.
            by_names = (
                share is not None
                and share < conf.entity_share
                and any(
                    v is not None and v >= conf.entity_share
                    for k, v in entity_share.items()
                    if k != card.index
                )
            )
            if not (by_words or by_names):
                continue
            foreign = [k for k in bag.counts if k not in rest.counts]
            mine = [
                _compound(ctx, card, k, bag, rest)
                for k in bag.strongest(conf.shown_words, foreign or None)
            ]
            theirs = [rest.shown[k] for k in rest.strongest(conf.shown_words)]
            start = min(b.span.start for b in card_blocks(card))
            yield ctx.violation(
                start,
                card.bullets[-1].span.end,
                ctx.say(
                    "off-topic",
                    card=card_name(card, ctx.lang),
                    mine=ctx.join(dict.fromkeys(mine)),
                    theirs=ctx.join(theirs),
                ),
            )


def _entity_share(terms: ArticleTerms, card: Card, rest: Bag, conf: Options) -> float | None:
    """The share of a card's names (people, places, organisations) that the rest of the
    article also uses, or None when the card has too few names to tell."""
    names: dict[str, float] = {}
    for block in card.summary_blocks():
        for info in terms.infos(block):
            if info.name:
                for key, weight, _ in info.weighted:
                    names[key] = max(weight, names.get(key, 0.0))
    if len(names) < conf.min_card_names:
        return None
    inside = "\n".join(rest.counts)
    total = sum(names.values())
    shared = sum(w for k, w in names.items() if k in rest.counts or (len(k) >= 2 and k in inside))
    return shared / total if total else None
