"""Parser: both layouts of the seeds, Markdown, odd input; spans point at the right text."""

from __future__ import annotations

import datetime as dt

import pytest

from digest_lint.io.sources import decode
from digest_lint.model.article import Role
from digest_lint.parsing.parser import parse, parse_card_date
from tests.conftest import SEEDS, article

D = dt.date

# (seed, [(card start line, date, label, url host, has fused sentence)])
SEED_CARDS = {
    "000": [
        (15, D(2025, 1, 3), "ロイター", "jp.reuters.com", False),
        (53, D(2025, 2, 19), "朝日新聞+", "globe.asahi.com", False),
        (91, D(2025, 3, 2), "時事ドットコム", "www.jiji.com", False),
    ],
    "001": [
        (7, D(2025, 3, 19), "ニュースサイト", "mainichi.jp", True),
        (24, None, None, "newsdig.tbs.co.jp", True),
        (40, D(2025, 3, 19), "プライムオンライン", "www.fnn.jp", True),
    ],
    "002": [
        (7, D(2025, 3, 4), "ロイター", "jp.reuters.com", True),
        (25, None, "北國新聞", "www.hokkoku.co.jp", True),
        (40, D(2025, 2, 19), "朝日新聞+", "globe.asahi.com", True),
    ],
    "003": [
        (15, D(2025, 3, 14), "ニュースサイト", "mainichi.jp", False),
        (53, D(2022, 3, 11), "朝日新聞デジタル", "www.asahi.com", False),
    ],
    "004": [
        (8, D(2025, 2, 19), "ロイター", "jp.reuters.com", True),
        (25, D(2025, 2, 19), "ニュースサイト", "mainichi.jp", True),
        (43, D(2025, 2, 19), "朝日新聞+", "globe.asahi.com", True),
    ],
}


def _seed(prefix: str):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return parse(path.read_text(encoding="utf-8"), str(path))


@pytest.mark.parametrize("prefix", sorted(SEED_CARDS))
def test_every_seed_card_is_found(prefix: str) -> None:
    art = _seed(prefix)
    got = [
        (
            c.span.line,
            c.date,
            c.citation.label.split(" ")[0].split(":")[0].split("|")[0]
            if c.citation and c.citation.label
            else None,
            c.citation.url.split("/")[2] if c.citation and c.citation.url else None,
            bool(c.citation and c.citation.fused),
        )
        for c in art.cards
    ]
    assert got == SEED_CARDS[prefix]
    for card in art.cards:
        assert len(card.bullets) == 3
        assert all(b.body and not b.body.startswith("✅") for b in card.bullets)


@pytest.mark.parametrize("prefix", sorted(SEED_CARDS))
def test_spans_point_at_their_text(prefix: str) -> None:
    art = _seed(prefix)
    lines = art.text.split("\n")
    for block in art.blocks:
        s = block.span
        assert art.text[s.start : s.end] == block.text
        assert s.line == s.end_line
        assert lines[s.line - 1][s.column - 1 : s.end_column - 1] == block.text
    for card in art.cards:
        cite = card.citation
        if cite and cite.url_span:
            assert art.text[cite.url_span.start : cite.url_span.end] == cite.url
        if cite and cite.label_span:
            assert art.text[cite.label_span.start : cite.label_span.end] == cite.label


def test_blank_line_layout_structure() -> None:
    art = _seed("000")
    assert art.title is not None and art.title.span.line == 3  # line 1 is page chrome
    assert art.lead is not None and art.lead.span.line == 5
    assert [s.heading.span.line for s in art.sections if s.heading] == [7, 45, 83]
    assert [s.question.span.line for s in art.sections if s.question] == [9, 47, 85]
    assert art.sections[0].answer is not None and art.sections[0].answer.span.line == 11
    card = art.cards[0]
    assert card.headline is not None and card.headline.span.line == 15
    assert [b.span.line for b in card.headline_repeats] == [19]
    assert art.conclusion is not None and art.conclusion.marker is not None
    assert len(art.conclusion.bullets) == 3
    assert "Logo Menu opener" not in " ".join(b.text for b in art.blocks)
    assert art.ignored_spans[0].line == 1


def test_dense_layout_structure_and_fused_sentence() -> None:
    art = _seed("001")
    assert art.title is not None and art.title.span.line == 1
    assert art.lead is not None and art.lead.span.line == 2
    assert len(art.sections) == 3
    fused = art.cards[0].citation.fused  # type: ignore[union-attr]
    assert fused is not None and fused.text.startswith("ロシアは停戦を急ぐ")
    assert fused.role == Role.COMMENTARY
    assert fused.span.line == 12 and fused.span.column > 1
    # The conclusion has 💡 bullets only (no 🚩 marker).
    assert art.conclusion is not None and art.conclusion.marker is None
    assert len(art.conclusion.bullets) == 3


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025/03/19", D(2025, 3, 19)),
        ("2025-03-19", D(2025, 3, 19)),
        ("2025.3.9", D(2025, 3, 9)),
        ("２０２５／０３／１９", D(2025, 3, 19)),
        ("2025年3月19日", D(2025, 3, 19)),
        ("2025/02/30", None),
        ("近日", None),
    ],
)
def test_card_date_values(value: str, expected: dt.date | None) -> None:
    assert parse_card_date(value) == expected


@pytest.mark.parametrize(
    "line", ["公開日：2025/03/19", "公開日: 2025-03-19", "公開日:２０２５/０３/１９"]
)
def test_card_date_line_forms(line: str) -> None:
    art = article(
        f"""
        タイトル
        リード文。
        {line}
        ✅ 要約の一文目。
        さらに読む ⇒毎日新聞出典/画像元: https://mainichi.jp/articles/x
        """
    )
    assert art.cards[0].date == D(2025, 3, 19)


def test_crlf_bom_and_trailing_blanks() -> None:
    raw = "\ufeffタイトル  \r\nリード。\r\n\r\n公開日:2025/03/19 \r\n✅ 要約。\r\n".encode()
    src = decode("x.txt", raw)
    assert src.bom and src.newline == "\r\n"
    art = parse(src.text, "x.txt")
    assert art.title is not None and art.title.text == "タイトル"
    assert art.cards[0].date == D(2025, 3, 19)
    assert art.cards[0].date_block is not None
    assert art.cards[0].date_block.span.line == 4
    assert src.encode(src.text) == raw


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n\n",
        "✅ いきなり要約。",
        "さらに読む ⇒出典/画像元:",
        "さらに読む ⇒出典/画像元: https://",
        "公開日:",
        "🚩 結論!",
        "💡",
        "?\n?\n?",
        "見出し\n質問?\n答え",
        "a" * 5000,
    ],
)
def test_parser_never_raises(text: str) -> None:
    art = parse(text, "odd.txt")
    for block in art.blocks:
        assert art.text[block.span.start : block.span.end] == block.text


def test_cards_missing_parts() -> None:
    art = article(
        """
        タイトル
        リード。
        見出し
        質問は何?
        答え。
        ✅ 日付のない要約。
        さらに読む ⇒出典/画像元: https://example.com/a
        本文です。
        公開日:2025/01/01
        さらに読む ⇒共同通信出典/画像元: https://www.kyodonews.jp/b
        """
    )
    assert len(art.cards) == 2
    first, second = art.cards
    assert first.date is None and first.citation is not None and first.citation.label is None
    assert second.date == D(2025, 1, 1) and not second.bullets
    assert art.sections[0].heading is not None


def test_file_without_cards_is_prose() -> None:
    art = article(
        """
        政府、来年度予算案を閣議決定
        政府は20日、来年度予算案を閣議決定した。
        歳出総額は過去最大となった。
        """
    )
    assert art.cards == []
    assert art.title is not None and art.lead is not None
    assert [b.role for b in art.blocks][2:] == [Role.PROSE]


def test_markdown_front_matter_headings_and_comments() -> None:
    text = (
        "---\ndate: 2025-03-04\nauthor: 編集部\n---\n"
        "# 見出しのタイトル\n\nリード文です。\n\n"
        "<!-- digest-lint-disable-next-line DL302 -->\n"
        "## 第一章\n\n本文です。\n"
    )
    art = parse(text, "a.md")
    assert art.front_matter_date() == D(2025, 3, 4)
    assert art.reference_date(D(2026, 1, 1)) == D(2025, 3, 4)
    assert art.title is not None and art.title.body == "見出しのタイトル"
    assert art.sections[0].heading is not None and art.sections[0].heading.body == "第一章"
    assert all("digest-lint" not in b.text for b in art.blocks)
    assert len(art.ignored_spans) == 2


def test_reference_date_and_date_context() -> None:
    art = _seed("002")
    as_of = D(2026, 11, 22)
    assert art.reference_date(as_of) == D(2025, 3, 4)
    text_lines = art.text.split("\n")

    def ctx(line: int) -> dt.date:
        offset = sum(len(x) + 1 for x in text_lines[: line - 1])
        return art.date_context(offset, as_of).date

    assert ctx(9) == D(2025, 3, 4)  # inside the first card
    assert ctx(34) == D(2025, 3, 4)  # the section's card has no date: reference date
    assert ctx(47) == D(2025, 2, 19)  # after the 2025/02/19 card
    assert ctx(2) == D(2025, 3, 4)  # the lead: reference date
    # --as-of does not move the reference date of an article with dated cards,
    # and a future-dated card does not either.
    assert art.reference_date(D(2030, 1, 1)) == D(2025, 3, 4)
    assert art.reference_date(D(2025, 3, 1)) == D(2025, 2, 19)


def test_undated_card_headline_repeated_above_bullets() -> None:
    art = article(
        """
        タイトル

        リード。

        見出し

        何が起きた?

        答え。

        避難で熱中症の疑い　渋滞も

        避難で熱中症の疑い　渋滞も

        ✅ 住民が避難した。

        さらに読む ⇒TBS NEWS DIG出典/画像元: https://newsdig.tbs.co.jp/articles/-/1

        気象庁は、沿岸部の住民に対し、引き続き高台への避難を続けるよう呼びかけている。
        """
    )
    card = art.cards[0]
    assert card.date is None
    assert card.headline is not None and card.headline.span.line == 11
    assert [b.span.line for b in card.headline_repeats] == [13]
    assert art.blocks[-1].role == Role.PROSE
