"""The date rules DL401-DL405 on inline right and wrong texts."""

from __future__ import annotations

import datetime as dt

from digest_lint.model.findings import Applicability
from tests.conftest import codes, lint

D = dt.date


def doc(body: str = "", *card_dates: str, intro: str = "") -> str:
    """An article with one section: ``intro``, one card per date, then ``body``."""
    cards = "\n".join(
        f"公開日:{d}\n✅ 要約の{i}番目です。\n"
        f"さらに読む ⇒毎日新聞出典/画像元: https://mainichi.jp/articles/x{i}"
        for i, d in enumerate(card_dates)
    )
    parts = ["タイトル", "リード文です。", "見出し", "質問は何?", "答えです。"]
    if intro:
        parts.append(intro)
    parts.append(cards)
    if body:
        parts.append(body)
    return "\n".join(parts) + "\n"


# ---------------------------------------------------------------- DL401
class TestDateAfterSources:
    def test_past_date_after_the_card(self) -> None:
        found = lint(doc("2025年5月18日、リヤドで高官会合を開催しました。", "2025/02/19"), "DL401")
        assert codes(found) == ["DL401"]
        assert found[0].snippet == "2025年5月18日"
        assert "2025-02-19" in found[0].message

    def test_the_context_day_itself_is_fine(self) -> None:
        assert not lint(doc("2025年2月19日に会合を開催しました。", "2025/02/19"), "DL401")

    def test_future_tense_with_a_later_date(self) -> None:
        text = doc("2025年5月18日に次の会合を開催する予定です。", "2025/02/19")
        assert not lint(text, "DL401")
        text = doc("2025年5月18日に開かれる会合について協議しました。", "2025/02/19")
        assert not lint(text, "DL401")

    def test_month_precision(self) -> None:
        assert not lint(doc("2025年3月、高官協議が行われました。", "2025/03/04"), "DL401")
        assert codes(lint(doc("2025年4月、高官協議が行われました。", "2025/03/04"), "DL401")) == [
            "DL401"
        ]

    def test_year_precision_never(self) -> None:
        assert not lint(doc("2026年に協議が行われました。", "2025/03/04"), "DL401")

    def test_yearless_date_across_new_year(self) -> None:
        # 12月28日 told as past in January: last December, not a later date.
        assert not lint(doc("12月28日に声明を発表しました。", "2025/01/10"), "DL401")
        # Later in the context's own month: flagged.
        assert codes(lint(doc("1月20日に声明を発表しました。", "2025/01/10"), "DL401")) == ["DL401"]

    def test_before_the_first_card_uses_the_reference_date(self) -> None:
        text = doc("", "2025/02/19", "2025/03/01", intro="2025年2月25日に会合を開催しました。")
        assert not lint(text, "DL401")

    def test_tolerance(self) -> None:
        text = doc("2025年2月20日に会合を開催しました。", "2025/02/19")
        assert codes(lint(text, "DL401")) == ["DL401"]
        assert not lint(text, "DL401", options={"DL401": {"tolerance-days": 1}})


# ---------------------------------------------------------------- DL402
class TestStaleCitation:
    def test_a_year_and_a_day_older(self) -> None:
        old = (D(2025, 3, 1) - dt.timedelta(days=366)).strftime("%Y/%m/%d")
        found = lint(doc("", "2025/03/01", old, "2025/03/01"), "DL402")
        assert codes(found) == ["DL402"]
        assert old.replace("/", "-") in found[0].message and "2025-03-01" in found[0].message
        assert found[0].snippet == old

    def test_three_hundred_days_older_is_fine(self) -> None:
        old = (D(2025, 3, 1) - dt.timedelta(days=300)).strftime("%Y/%m/%d")
        assert not lint(doc("", "2025/03/01", old, "2025/03/01"), "DL402")

    def test_option(self) -> None:
        old = (D(2025, 3, 1) - dt.timedelta(days=300)).strftime("%Y/%m/%d")
        found = lint(doc("", "2025/03/01", old), "DL402", options={"DL402": {"days": 200}})
        assert codes(found) == ["DL402"]

    def test_same_dates_and_single_card(self) -> None:
        assert not lint(doc("", "2025/02/19", "2025/02/19", "2025/02/19"), "DL402")
        assert not lint(doc("", "2020/02/19"), "DL402")


# ---------------------------------------------------------------- DL403
class TestInvalidDate:
    def test_text_dates(self) -> None:
        text = doc(
            "2025年2月29日に発表しました。4月31日に開きます。13月に始まります。", "2025/02/19"
        )
        found = lint(text, "DL403")
        assert [f.snippet for f in found] == ["2025年2月29日", "4月31日", "13月"]

    def test_leap_year(self) -> None:
        assert not lint(doc("2024年2月29日に発表しました。", "2025/02/19"), "DL403")

    def test_era_out_of_range(self) -> None:
        found = lint(doc("平成31年5月1日に発表しました。", "2025/02/19"), "DL403")
        assert codes(found) == ["DL403"]
        assert not lint(doc("平成31年4月30日に発表しました。", "2025/02/19"), "DL403")

    def test_card_dates(self) -> None:
        found = lint(doc("", "2025/02/30", "2025/04/31", "2025/13/01", "2025/02/19"), "DL403")
        assert [f.snippet for f in found] == ["2025/02/30", "2025/04/31", "2025/13/01"]

    def test_card_date_that_is_no_date(self) -> None:
        found = lint(doc("", "不明"), "DL403")
        assert codes(found) == ["DL403"]


# ---------------------------------------------------------------- DL404
class TestWeekdayMismatch:
    def test_half_width(self) -> None:
        found = lint(doc("2025年3月11日(月)に会談しました。", "2025/03/01"), "DL404")
        assert codes(found) == ["DL404"]
        fix = found[0].fix
        assert fix is not None and fix.replacement == "火"
        assert fix.applicability is Applicability.SAFE
        assert found[0].snippet == "月"

    def test_full_width_and_long_form(self) -> None:
        found = lint(doc("2025年3月11日（水曜日）に会談しました。", "2025/03/01"), "DL404")
        assert [(f.snippet, f.fix.replacement if f.fix else None) for f in found] == [("水", "火")]

    def test_right_weekdays(self) -> None:
        body = "2025年3月11日(火)と2025年3月11日（火曜日）、3/19(水)、令和7年3月1日(土)。"
        assert not lint(doc(body, "2025/03/01"), "DL404")

    def test_yearless_is_unsafe(self) -> None:
        # 3月11日 is a Tuesday in 2025, a Monday in 2024, a Wednesday in 2026: in a card of
        # 2025/03/01 it is 2025, whichever weekday is written.
        assert not lint(doc("3月11日(火)に会談しました。", "2025/03/01"), "DL404")
        found = lint(doc("3月11日(月)に会談しました。", "2025/03/01"), "DL404")
        assert codes(found) == ["DL404"]
        assert found[0].fix is not None
        assert found[0].fix.applicability is Applicability.UNSAFE

    def test_card_date_weekday(self) -> None:
        found = lint(doc("", "2025/03/19(火)"), "DL404")
        assert [f.fix.replacement if f.fix else None for f in found] == ["水"]


# ---------------------------------------------------------------- DL405
class TestFutureDate:
    def test_after_as_of(self) -> None:
        found = lint(doc("", "2025/03/01", "2026/12/01"), "DL405", as_of=D(2026, 11, 22))
        assert codes(found) == ["DL405"]
        assert found[0].snippet == "2026/12/01"

    def test_as_of_day_itself_is_fine(self) -> None:
        assert not lint(doc("", "2026/11/22"), "DL405", as_of=D(2026, 11, 22))

    def test_as_of_moves_the_judgement(self) -> None:
        assert codes(lint(doc("", "2025/03/19"), "DL405", as_of=D(2025, 3, 1))) == ["DL405"]

    def test_future_card_does_not_move_the_reference_date(self) -> None:
        # The reference date stays 2025/03/01 (the latest 公開日 not after as-of), so a
        # past event of 2025-03-05 in the lead is after the sources.
        text = doc("", "2025/03/01", "2027/01/01").replace(
            "リード文です。", "2025年3月5日に会合を開催しました。"
        )
        found = lint(text, ["DL401", "DL405"], as_of=D(2026, 11, 22))
        assert codes(found) == ["DL401", "DL405"]


def test_dl401_quiet_on_news_phrasing() -> None:
    """Later dates that professional news tells beside a past verb without being past."""
    body = "\n".join(
        [
            "選挙は2025年7月20日投開票と決まりました。",
            "両国は2025年5月18日の首脳会談開催で合意しました。",
            "2025年3月11日を前に、追悼式の準備が行われました。",
            "政府は2025年3月1日から関税を課すと表明しました。",
            "2025年度予算案は3月末までに成立する見通しです。",
            "12月28日に発表された声明が波紋を広げました。",
        ]
    )
    assert not lint(doc(body, "2025/02/19"), "DL401")
