"""DL101–DL107: cards and citations, with small right and wrong texts."""

from __future__ import annotations

from digest_lint.model.findings import Applicability
from tests.conftest import codes, lint


def card(
    date: str | None = "2025/03/19",
    label: str = "毎日新聞",
    url: str = "https://mainichi.jp/articles/20250319/k00/00m/030/319000c",
    after: str = "",
    bullets: int = 3,
) -> str:
    lines = []
    if date is not None:
        lines.append(f"公開日:{date}")
    lines += [f"✅ 要約の{i + 1}文目である。" for i in range(bullets)]
    lines.append(f"さらに読む ⇒{label}出典/画像元: {url}{after}")
    return "\n".join(lines)


def page(*cards: str) -> str:
    body = "\n".join(cards)
    return f"見出しのタイトル\nリード文。\n章の見出し\n何が起きた?\n答え。\n{body}\n本文の段落。\n"


# --------------------------------------------------------------------- DL101
def test_dl101_card_without_date() -> None:
    found = lint(page(card(date=None)), "DL101", dedent=False)
    assert codes(found) == ["DL101"]
    assert found[0].line == 6  # the first bullet
    assert "公開日" in found[0].message and "mainichi.jp" in found[0].message


def test_dl101_empty_date_value() -> None:
    found = lint(page(card(date="")), "DL101", dedent=False)
    assert codes(found) == ["DL101"]
    assert found[0].line == 6


def test_dl101_dated_card_is_fine() -> None:
    assert lint(page(card()), "DL101", dedent=False) == []


# --------------------------------------------------------------------- DL102
def test_dl102_missing_label_with_fix_from_pack() -> None:
    text = page(card(label="", url="https://newsdig.tbs.co.jp/articles/-/1"))
    found = lint(text, "DL102", dedent=False)
    assert codes(found) == ["DL102"]
    fix = found[0].fix
    assert fix is not None and fix.replacement == "TBS NEWS DIG"
    assert fix.applicability == Applicability.UNSAFE
    fixed = text[: fix.start] + fix.replacement + text[fix.end :]
    assert "⇒TBS NEWS DIG出典/画像元" in fixed
    assert lint(fixed, "DL102", dedent=False) == []


def test_dl102_unknown_domain_has_no_fix() -> None:
    found = lint(page(card(label="", url="https://example.org/a")), "DL102", dedent=False)
    assert codes(found) == ["DL102"] and found[0].fix is None


def test_dl102_labelled_is_fine() -> None:
    assert lint(page(card()), "DL102", dedent=False) == []


# --------------------------------------------------------------------- DL103
def test_dl103_generic_label() -> None:
    found = lint(page(card(label="ニュースサイト")), "DL103", dedent=False)
    assert codes(found) == ["DL103"]
    assert found[0].fix is not None and found[0].fix.replacement == "毎日新聞"
    assert (found[0].line, found[0].column) == (10, 8)


def test_dl103_wrong_publisher() -> None:
    found = lint(
        page(card(label="毎日新聞", url="https://www.asahi.com/articles/ASQ3C5QBRQ3CIIPE01N.html")),
        "DL103",
        dedent=False,
    )
    assert codes(found) == ["DL103"]
    assert "朝日新聞" in found[0].message


def test_dl103_publisher_with_tagline_is_fine() -> None:
    text = page(
        card(
            label="ロイター 経済、株価、ビジネス、国際、政治ニュース",
            url="https://jp.reuters.com/x",
        ),
        card(
            label="朝日新聞+:世界のいまを伝えるウェブメディア",
            url="https://globe.asahi.com/article/1",
        ),
        card(
            label="時事ドットコム:時事通信社が運営するニュースサイト",
            url="https://www.jiji.com/jc/a",
        ),
    )
    assert lint(text, "DL103", dedent=False) == []


def test_dl103_unknown_domain_with_real_name_is_fine() -> None:
    assert (
        lint(
            page(card(label="中日新聞", url="https://www.chunichi.co.jp/a")), "DL103", dedent=False
        )
        == []
    )


def test_dl103_unknown_domain_generic_label_is_flagged_without_fix() -> None:
    found = lint(
        page(card(label="ウェブメディア", url="https://example.org/a")), "DL103", dedent=False
    )
    assert codes(found) == ["DL103"] and found[0].fix is None


# --------------------------------------------------------------------- DL104
def test_dl104_fused_sentence_and_fix_dense_layout() -> None:
    text = page(card(after="ロシアは停戦を急がない。"))
    found = lint(text, "DL104", dedent=False)
    assert codes(found) == ["DL104"]
    f = found[0]
    assert f.line == 10 and f.fix is not None and f.fix.replacement == "\n"
    fixed = text[: f.fix.start] + f.fix.replacement + text[f.fix.end :]
    assert "319000c\nロシアは停戦を急がない。" in fixed
    assert lint(fixed, "DL104", dedent=False) == []


def test_dl104_fix_keeps_blank_line_layout() -> None:
    text = (
        "タイトル\n\nリード。\n\n" + card(after="次の文。").replace("\n", "\n\n") + "\n\n本文。\n"
    )
    found = lint(text, "DL104", dedent=False)
    assert found and found[0].fix is not None and found[0].fix.replacement == "\n\n"


def test_dl104_url_on_its_own_line_is_fine() -> None:
    assert lint(page(card()), "DL104", dedent=False) == []


# --------------------------------------------------------------------- DL105
def test_dl105_same_source_twice_after_normalisation() -> None:
    text = page(
        card(url="https://mainichi.jp/articles/20250319/k00/00m/030/319000c"),
        card(url="http://MAINICHI.jp/articles/20250319/k00/00m/030/319000c/?utm_source=x#top"),
    )
    found = lint(text, "DL105", dedent=False)
    assert codes(found) == ["DL105"]
    assert found[0].line == 15 and "line 10" in found[0].message


def test_dl105_different_sources_are_fine() -> None:
    text = page(
        card(url="https://mainichi.jp/articles/a"), card(url="https://mainichi.jp/articles/b")
    )
    assert lint(text, "DL105", dedent=False) == []


def test_dl105_meaningful_query_keeps_sources_apart() -> None:
    text = page(
        card(url="https://www.jiji.com/jc/article?k=2025030100435&g=int"),
        card(url="https://www.jiji.com/jc/article?k=2025030100999&g=int"),
    )
    assert lint(text, "DL105", dedent=False) == []


# --------------------------------------------------------------------- DL106
def test_dl106_across_articles() -> None:
    from digest_lint.config import Config
    from digest_lint.engine.engine import Engine
    from digest_lint.parsing.parser import parse

    engine = Engine.build(Config(select=["DL106"]))
    shared = "https://globe.asahi.com/article/15630313"
    texts = {
        "a.txt": page(card(url=shared)),
        "b.txt": page(card(url=shared + "/")),
        "c.txt": page(card(url="https://globe.asahi.com/article/1")),
    }
    summaries = []
    for path, text in texts.items():
        _, summary = engine.check_article(parse(text, path))
        summaries.append((path, summary))
    found = list(engine.finish(summaries))
    assert sorted(f.path for f in found) == ["a.txt", "b.txt"]
    assert "b.txt" in next(f for f in found if f.path == "a.txt").message


def test_dl106_single_article_is_fine() -> None:
    assert lint(page(card()), "DL106", dedent=False) == []


# --------------------------------------------------------------------- DL107
def test_dl107_url_date_far_from_card_date() -> None:
    text = page(card(date="2025/03/19", url="https://mainichi.jp/articles/20250219/k00/00m/030/1"))
    found = lint(text, "DL107", dedent=False)
    assert codes(found) == ["DL107"]
    assert "2025-02-19" in found[0].message and "28 days" in found[0].message


def test_dl107_within_tolerance() -> None:
    text = page(
        card(date="2025/01/03", url="https://jp.reuters.com/world/X-2025-01-02/"),
        card(date="2025/03/02", url="https://www.jiji.com/jc/article?k=2025030100435&g=int"),
    )
    assert lint(text, "DL107", dedent=False) == []


def test_dl107_tolerance_option() -> None:
    text = page(card(date="2025/03/19", url="https://mainichi.jp/articles/20250315/x"))
    assert codes(lint(text, "DL107", dedent=False)) == ["DL107"]
    assert lint(text, "DL107", dedent=False, options={"DL107": {"tolerance-days": 5}}) == []


def test_dl107_ids_that_are_not_dates() -> None:
    text = page(
        card(url="https://globe.asahi.com/article/15630313"),
        card(url="https://www.fnn.jp/articles/-/844910"),
        card(url="https://www.example.com/a/20251399"),
    )
    assert lint(text, "DL107", dedent=False) == []
