"""The date expressions of the analysis layer: forms, false matches, years, tense."""

from __future__ import annotations

import datetime as dt

import pytest

from digest_lint.analysis import Analysis
from digest_lint.analysis.dates import DateExpr, Precision, Tense, read_date_text
from digest_lint.knowledge import knowledge
from tests.conftest import article

D = dt.date


def dates_of(body: str, card_date: str = "2025/02/19") -> list[DateExpr]:
    """The date expressions of ``body``, written in a section after a card of ``card_date``."""
    text = f"""
    タイトル
    リード文です。
    見出し
    質問は何?
    答えです。
    公開日:{card_date}
    ✅ 要約の一文目。
    さらに読む ⇒毎日新聞出典/画像元: https://mainichi.jp/articles/20250219/k00/00m/030/045000c
    {body}
    """
    return Analysis(article(text), D(2026, 11, 22)).dates


def one(body: str, card_date: str = "2025/02/19") -> DateExpr:
    found = dates_of(body, card_date)
    assert len(found) == 1, [d.text for d in found]
    return found[0]


@pytest.mark.parametrize(
    ("body", "text", "first", "precision"),
    [
        ("2025年5月18日に開いた。", "2025年5月18日", D(2025, 5, 18), Precision.DAY),
        ("2025年5月に開いた。", "2025年5月", D(2025, 5, 1), Precision.MONTH),
        ("2014年以前の国境。", "2014年", D(2014, 1, 1), Precision.YEAR),
        ("会議は2025/03/19に開く。", "2025/03/19", D(2025, 3, 19), Precision.DAY),
        ("会議は2025-03-19に開く。", "2025-03-19", D(2025, 3, 19), Precision.DAY),
        ("会議は2025.3.19に開く。", "2025.3.19", D(2025, 3, 19), Precision.DAY),
        ("２０２５年５月１８日に開いた。", "２０２５年５月１８日", D(2025, 5, 18), Precision.DAY),
        ("二〇二五年五月十八日に開いた。", "二〇二五年五月十八日", D(2025, 5, 18), Precision.DAY),
        ("令和7年3月1日に施行した。", "令和7年3月1日", D(2025, 3, 1), Precision.DAY),
        ("令和元年5月1日に即位した。", "令和元年5月1日", D(2019, 5, 1), Precision.DAY),
        ("平成31年に退位した。", "平成31年", D(2019, 1, 1), Precision.YEAR),
        ("昭和64年1月7日に崩御した。", "昭和64年1月7日", D(1989, 1, 7), Precision.DAY),
        ("昨年12月28日に発表した。", "昨年12月28日", D(2024, 12, 28), Precision.DAY),
        ("3/19(水)に会う。", "3/19(水)", D(2025, 3, 19), Precision.DAY),
    ],
)
def test_forms(body: str, text: str, first: dt.date, precision: Precision) -> None:
    d = one(body)
    assert d.text == text
    assert d.first == first
    assert d.precision is precision
    assert d.valid


@pytest.mark.parametrize(
    "body",
    [
        "ウクライナ攻撃を30日間停止した。",
        "侵攻から3年が経過した。",
        "2025年度予算が成立した。",
        "1990年代に始まった。",
        "2025年3月期決算を発表した。",
        "五月雨のように続いた。",
        "25年3月に合意した。",
        "毎月第3月曜日に開く。",
        "1000年に一度の災害だ。",
        "20歳の学生が参加した。",
        "詳細は https://example.jp/2025/03/19/x と 1/3 を参照。",
    ],
)
def test_not_dates(body: str) -> None:
    assert dates_of(body) == []


def test_span_points_at_the_text() -> None:
    text = """
    タイトル
    2025年5月18日に会合を開いた。
    """
    a = Analysis(article(text), D(2026, 11, 22))
    (d,) = a.dates
    assert a.article.text[d.start : d.end] == "2025年5月18日"


def test_weekday_in_both_widths() -> None:
    half = one("2025年3月11日(火)に会談した。")
    full = one("2025年3月11日（火曜日）に会談した。")
    for d in (half, full):
        assert d.weekday is not None and d.weekday.written == 1
        assert d.date == D(2025, 3, 11)


def test_range() -> None:
    start, end = dates_of("2025年3月11日から13日まで開催する。")
    assert (start.first, start.until) == (D(2025, 3, 11), D(2025, 3, 13))
    assert end.range_end and end.first == D(2025, 3, 13)
    start, end = dates_of("2025年3月11〜13日に開催する。")
    assert (start.first, end.first) == (D(2025, 3, 11), D(2025, 3, 13))


def test_invalid_dates_are_expressions() -> None:
    assert one("2025年2月29日に発表した。").problem is not None
    assert one("2025年4月31日に発表した。").problem is not None
    assert one("13月に発表した。").problem is not None
    assert one("平成31年5月1日に発表した。").problem is not None
    assert one("2024年2月29日に発表した。").valid


class TestYearless:
    """A date without a year, on both sides of New Year."""

    def test_past_month_after_context_is_last_year(self) -> None:
        d = one("12月28日に発表した。", card_date="2025/01/10")
        assert d.first == D(2024, 12, 28)

    def test_future_month_before_context_is_next_year(self) -> None:
        d = one("1月5日に開催する予定だ。", card_date="2024/12/20")
        assert d.first == D(2025, 1, 5)

    def test_same_year_otherwise(self) -> None:
        assert one("1月5日に開催した。", card_date="2025/01/10").first == D(2025, 1, 5)
        assert one("2月25日に開催した。", card_date="2025/02/19").first == D(2025, 2, 25)

    def test_no_tense_takes_the_nearest_year(self) -> None:
        assert one("12月28日の会合。", card_date="2025/01/10").first == D(2024, 12, 28)

    def test_weekday_never_picks_the_year(self) -> None:
        # 2024-12-28 is a Saturday, 2025-12-28 a Sunday: the year comes from the context
        # and the tense (a future meeting in a January article is this year), not from
        # the weekday, whose mismatch is DL404's to report.
        d = one("12月28日(日)に会う。", card_date="2025/01/10")
        assert d.first == D(2025, 12, 28) and d.year_source == "context"
        d = one("12月28日(土)に会った。", card_date="2025/01/10")
        assert d.first == D(2024, 12, 28) and d.year_source == "context"

    def test_year_carried_in_the_paragraph(self) -> None:
        a, b, c = dates_of("2024年3月に合意し、5月に署名した。同年6月に発効した。")
        assert (a.year, b.year, c.year) == (2024, 2024, 2024)


class TestTense:
    @pytest.mark.parametrize(
        ("body", "tense"),
        [
            ("2025年5月18日、リヤドで協議する初の高官会合を開催しました。", Tense.PAST),
            ("2025年5月18日に会合が行われた。", Tense.PAST),
            ("2025年5月18日に発表された計画。", Tense.PAST),
            ("会談は2025年5月18日だった。", Tense.PAST),
            ("2025年5月18日に開催する予定だ。", Tense.FUTURE),
            ("2025年5月18日に開かれる見通し。", Tense.FUTURE),
            ("2025年5月18日に開かれる会合について協議した。", Tense.FUTURE),
            ("2025年5月18日に開催する。", Tense.FUTURE),
            ("2025年5月18日から協議している。", Tense.NONE),
            ("2025年5月18日、米ロ会合。", Tense.NONE),
            ("2025年5月18日午前、会合を開催しました。", Tense.PAST),
            ("2025年3月下旬に開かれた会合で合意した。", Tense.PAST),
            ("選挙は2025年7月20日投開票と決まった。", Tense.NONE),
            ("2025年5月18日の開催で合意した。", Tense.NONE),
            ("2025年3月1日からの関税発動を決めた。", Tense.NONE),
            ("2025年3月11日を前に、追悼式が行われた。", Tense.NONE),
            ("2025年3月11日に向けて準備が進められた。", Tense.NONE),
            ("「2025年3月1日から関税を課す」と表明した。", Tense.FUTURE),
            ("2025年3月1日から始まる国会に法案を提出した。", Tense.FUTURE),
        ],
    )
    def test_tense(self, body: str, tense: Tense) -> None:
        assert one(body).tense is tense


def test_read_date_text() -> None:
    d = read_date_text("2025/02/30", knowledge())
    assert d is not None and not d.valid
    d = read_date_text("令和7年3月1日", knowledge())
    assert d is not None and d.first == D(2025, 3, 1)
    assert read_date_text("不明", knowledge()) is None


def test_blocks_without_a_numeral_before_a_date_word_have_no_dates() -> None:
    """The prefilter of the scanner: a text without a digit or kanji numeral before
    年/月/a separator holds no date expression, and full-width forms still pass it."""
    from digest_lint.analysis.dates import _HINT

    assert not _HINT.search("昨年の会合で合意した。")
    assert dates_of("昨年の会合で合意した。") == []
    for text in ("２０２５年３月１日に合意した。", "令和元年に始まった。", "二千二十五年に。"):
        assert _HINT.search(text)
    assert one("２０２５年３月１日に合意した。").first == D(2025, 3, 1)
