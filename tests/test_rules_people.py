"""DL301–DL303: people, titles and name variants, with small right and wrong texts."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from digest_lint.analysis import Analysis
from digest_lint.knowledge import knowledge, packs
from digest_lint.knowledge.officeholders import OfficeholdersPack, State
from digest_lint.knowledge.variants import VariantsPack
from digest_lint.model.findings import Applicability, Severity
from digest_lint.parsing.parser import parse
from tests.conftest import SEEDS, codes, lint


def page(sentence: str, date: str | None = "2025/03/04", extra: str = "") -> str:
    """A one-section article whose card (dated ``date``) carries ``sentence``."""
    dated = f"公開日:{date}\n" if date else ""
    return (
        "見出しのタイトル\nリード文。\n章の見出し\n何が起きた?\n答え。\n"
        f"{dated}✅ {sentence}\n✅ 要約の2文目である。\n✅ 要約の3文目である。\n"
        "さらに読む ⇒毎日新聞出典/画像元: https://mainichi.jp/articles/20250304/k00/00m/030/1c\n"
        f"本文の段落。{extra}\n"
    )


def stale(sentence: str, date: str) -> list[str]:
    return [f.message for f in lint(page(sentence, date), "DL302", dedent=False)]


# --------------------------------------------------------------------- pack
def test_officeholders_pack_parses_and_terms_are_ordered() -> None:
    pack = packs.load("officeholders", OfficeholdersPack)
    offices = {o.id for o in pack.offices}
    assert pack.source and pack.checked
    for person in pack.people:
        assert person.terms or person.designate, person.id
        for term in person.terms:
            assert term.office in offices, (person.id, term.office)
            assert term.end is None or term.start <= term.end, person.id
        for span in person.designate:
            assert span.office in offices and span.start <= span.end, person.id
    # no two people hold one office at once
    for office in offices:
        terms = sorted(
            (t.start, t.end or dt.date.max, p.id)
            for p in pack.people
            for t in p.terms
            if t.office == office
        )
        for (_, end, who), (start, _, nxt) in itertools.pairwise(terms):
            assert end <= start, f"{office}: {who} and {nxt} overlap"


def test_variants_pack_parses() -> None:
    pack = packs.load("name_variants", VariantsPack)
    assert pack.source and pack.checked and pack.never_merge


def test_broken_officeholders_pack_names_file_line_and_entry(tmp_path: Path) -> None:
    bad = tmp_path / "officeholders.yaml"
    bad.write_text(
        "source: test\nchecked: 2026-01-01\n"
        "offices:\n  - {id: mayor, name: 市長, forms: [市長]}\n"
        "people:\n  - id: someone\n    name: 某氏\n    terms:\n"
        "      - {office: mayor, start: 2025-01-01, end: 2024-01-01}\n",
        encoding="utf-8",
    )
    with pytest.raises(packs.PackError) as exc:
        packs.load("officeholders", OfficeholdersPack, [str(tmp_path)])
    msg = str(exc.value)
    assert str(bad) in msg and ":9:" in msg and "someone" in msg and "before it starts" in msg


def test_unknown_key_in_pack_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "officeholders.yaml").write_text(
        "source: test\nchecked: 2026-01-01\npeople:\n  - id: x\n    name: 某氏\n    nick: [x]\n",
        encoding="utf-8",
    )
    with pytest.raises(packs.PackError, match="nick"):
        packs.load("officeholders", OfficeholdersPack, [str(tmp_path)])


def test_extension_pack_adds_a_person(tmp_path: Path) -> None:
    # The predecessor's term is closed by an entry of the same id (merged by person id).
    (tmp_path / "officeholders.yaml").write_text(
        "source: test\nchecked: 2026-01-01\npeople:\n  - id: new-pm\n    name: 山田太郎\n"
        "    forms: [山田]\n    terms:\n"
        "      - {office: japan-prime-minister, start: 2030-01-01}\n"
        "  - id: sanae-takaichi\n    name: 高市早苗\n    terms:\n"
        "      - {office: japan-prime-minister, start: 2025-10-21, end: 2030-01-01}\n",
        encoding="utf-8",
    )
    holders = knowledge((str(tmp_path),)).officeholders
    person = holders.people["new-pm"]
    office = holders.offices["japan-prime-minister"]
    assert holders.allowed(person, office, dt.date(2030, 2, 1)) == {State.CURRENT}
    takaichi = holders.people["sanae-takaichi"]
    assert holders.allowed(takaichi, office, dt.date(2030, 2, 1)) == {
        State.PREVIOUS,
        State.FORMER,
    }


# --------------------------------------------------------------------- mentions
@pytest.mark.parametrize(
    ("text", "name", "title", "state"),
    [
        ("トランプ大統領は述べた。", "トランプ", "大統領", State.CURRENT),
        ("トランプ米大統領は述べた。", "トランプ", "米大統領", State.CURRENT),
        ("トランプ前大統領は述べた。", "トランプ", "前大統領", State.PREVIOUS),
        ("トランプ前米大統領は述べた。", "トランプ", "前米大統領", State.PREVIOUS),
        ("トランプ次期米大統領は述べた。", "トランプ", "次期米大統領", State.DESIGNATE),
        ("オバマ元大統領は述べた。", "オバマ", "元大統領", State.FORMER),
        ("ルビオ長官は述べた。", "ルビオ", "長官", State.CURRENT),
        ("マルコ・ルビオ米国務長官は述べた。", "マルコ・ルビオ", "米国務長官", State.CURRENT),
        (
            "次期国務長官候補のマルコ・ルビオ氏は述べた。",
            "マルコ・ルビオ",
            "次期国務長官候補",
            State.DESIGNATE,
        ),
        ("ウクライナのゼレンスキー大統領は述べた。", "ゼレンスキー", "大統領", State.CURRENT),
        ("ラヴロフ・ロシア外相は述べた。", "ラヴロフ", "ロシア外相", State.CURRENT),
        (
            "アメリカのピート・ヘグセス国防長官は述べた。",
            "ピート・ヘグセス",
            "国防長官",
            State.CURRENT,
        ),
        ("トランプ氏は述べた。", "トランプ", "", None),
        ("ヤマモトスキー首相は述べた。", "ヤマモトスキー", "首相", State.CURRENT),
    ],
)
def test_mentions_read_name_title_and_state(
    text: str, name: str, title: str, state: State | None
) -> None:
    art = parse(page(text), "t.txt")
    found = Analysis(art, dt.date(2025, 3, 4)).mentions
    mine = [m for m in found if m.name == name]
    assert len(mine) == 1, found
    assert (mine[0].title, mine[0].state) == (title, state)
    assert mine[0].day == dt.date(2025, 3, 4)


@pytest.mark.parametrize(
    "text",
    [
        "ロシア大統領府は声明を出した。",  # a place, not a person
        "トランプ大統領就任後に変わった。",  # his inauguration: no title state
        "メラニア・トランプ夫人が登場した。",
    ],
)
def test_no_titled_mention(text: str) -> None:
    art = parse(page(text), "t.txt")
    found = Analysis(art, dt.date(2025, 3, 4)).mentions
    assert [m for m in found if m.state is not None] == []


# --------------------------------------------------------------------- DL302
def test_trump_previous_right_in_2023_wrong_in_2025() -> None:
    assert stale("トランプ前大統領は声明を出した。", "2023/06/01") == []
    found = lint(page("トランプ前大統領は声明を出した。", "2025/03/04"), "DL302", dedent=False)
    assert codes(found) == ["DL302"]
    assert found[0].message == (
        "「トランプ前大統領」 is wrong on 2025-03-04 (トランプ has been 米大統領 since "
        "2025-01-20); write 「トランプ大統領」"
    )
    ja = lint(
        page("トランプ前大統領は声明を出した。", "2025/03/04"), "DL302", dedent=False, lang="ja"
    )
    assert ja[0].message == (
        "「トランプ前大統領」は2025年3月4日時点では誤りです（トランプ氏は2025年1月20日から"
        "米大統領）。「トランプ大統領」と書いてください。"
    )
    fix = found[0].fix
    assert fix is not None and fix.replacement == "トランプ大統領"
    assert fix.applicability == Applicability.UNSAFE


def test_biden_previous_right_in_2025() -> None:
    assert stale("バイデン前大統領は声明を出した。", "2025/03/04") == []
    assert stale("バイデン大統領は声明を出した。", "2024/03/04") == []
    assert len(stale("バイデン大統領は声明を出した。", "2025/03/04")) == 1


def test_obama_previous_in_2025_is_former() -> None:
    found = lint(page("オバマ前大統領は演説した。", "2025/03/04"), "DL302", dedent=False)
    assert codes(found) == ["DL302"]
    assert found[0].fix is not None and found[0].fix.replacement == "オバマ元大統領"
    assert stale("オバマ元大統領は演説した。", "2025/03/04") == []
    assert stale("オバマ前大統領は演説した。", "2018/03/04") == []  # Trump's predecessor


def test_president_elect_around_inauguration() -> None:
    assert stale("トランプ次期大統領は述べた。", "2025/01/19") == []
    found = lint(page("トランプ次期大統領は述べた。", "2025/01/21"), "DL302", dedent=False)
    assert codes(found) == ["DL302"]
    assert found[0].fix is not None and found[0].fix.replacement == "トランプ大統領"
    # before inauguration day the plain title is wrong, with 次期 proposed
    found = lint(page("トランプ大統領は述べた。", "2024/12/01"), "DL302", dedent=False)
    assert found and found[0].fix is not None
    assert found[0].fix.replacement == "トランプ次期大統領"


def test_nominee_after_taking_office() -> None:
    text = "次期国務長官候補のマルコ・ルビオ氏は主張した。"
    assert stale(text, "2024/12/01") == []
    found = lint(page(text, "2025/02/19"), "DL302", dedent=False)
    assert codes(found) == ["DL302"]
    assert "since 2025-01-21" in found[0].message
    assert found[0].fix is not None and found[0].fix.replacement == "国務長官のマルコ・ルビオ"


def test_country_prefixes_and_short_forms_are_right() -> None:
    text = "ルビオ米国務長官とウォルツ大統領補佐官、ラヴロフ・ロシア外相、ドイツのショルツ首相。"
    assert stale(text, "2025/02/19") == []
    assert len(stale("ショルツ首相は述べた。", "2025/06/01")) == 1  # Merz since 2025-05-06


def test_historical_and_campaign_titles_are_not_judged() -> None:
    assert stale("安倍首相(当時)は訪米した。", "2025/03/04") == []
    assert stale("トランプ大統領候補は演説した。", "2024/07/01") == []


def test_undated_article_is_skipped_or_judged_at_as_of_as_a_warning() -> None:
    text = "タイトル\nリード文。\n本文でトランプ前大統領に触れる。\n"
    # By default a text with no date of its own is not judged against a guessed day.
    assert lint(text, "DL302", as_of=dt.date(2025, 3, 1), dedent=False) == []
    at = {"as_of": dt.date(2025, 3, 1), "dedent": False, "undated": "as-of"}
    assert lint(text, "DL302", **at | {"as_of": dt.date(2023, 1, 1)}) == []  # type: ignore[arg-type]
    found = lint(text, "DL302", **at)  # type: ignore[arg-type]
    assert codes(found) == ["DL302"]
    assert found[0].severity is Severity.WARNING  # an assumed date is never an error
    assert "gives no date" in found[0].message


# --------------------------------------------------------------------- DL301
def test_drift_of_a_person_not_in_the_pack() -> None:
    text = page("ヤマモトスキー首相は述べた。", extra="ヤマモトスキー前首相も語った。")
    found = lint(text, ["DL301", "DL302"], dedent=False)
    assert codes(found) == ["DL301"]
    assert "首相 (line 7)" in found[0].message and "前首相 (line 11)" in found[0].message


def test_no_drift_for_prefix_short_form_and_honorific() -> None:
    text = page("ルビオ国務長官は述べた。", extra="ルビオ長官とルビオ米国務長官、ルビオ氏。")
    assert lint(text, "DL301", dedent=False) == []


def test_drift_explained_by_dates_is_not_reported() -> None:
    first = page("トランプ次期大統領は述べた。", "2025/01/03")
    second = "公開日:2025/03/04\n✅ トランプ大統領は述べた。\n✅ 二文目。\n✅ 三文目。\n"
    second += "さらに読む ⇒毎日新聞出典/画像元: https://mainichi.jp/articles/x\n"
    text = first + second
    assert lint(text, "DL301", dedent=False) == []
    opts = {"DL301": {"report-explained": True}}
    assert codes(lint(text, "DL301", dedent=False, options=opts)) == ["DL301"]


def test_seed_001_has_no_drift_and_no_stale_title() -> None:
    text = (SEEDS / "001_9df63d4f55690bb9.txt").read_text(encoding="utf-8")
    assert lint(text, ["DL301", "DL302"], dedent=False) == []


# --------------------------------------------------------------------- DL303
def test_minority_spelling_is_flagged_with_the_majority_as_fix() -> None:
    extra = "ラブロフ氏は続けた。ラヴロフ・ロシア外相も語った。"
    text = page("ラブロフ外相は述べた。", extra=extra)
    found = lint(text, "DL303", dedent=False)
    assert codes(found) == ["DL303"]
    assert found[0].fix is not None and found[0].fix.replacement == "ラブロフ"
    assert "ラヴロフ" in found[0].message


def test_country_pair_abbreviations_by_normalized_form() -> None:
    text = page("米ロ首脳が会談した。", extra="米ロ関係と米露協議。")
    found = lint(text, "DL303", dedent=False)
    assert [text[f.fix.start : f.fix.end] for f in found if f.fix] == ["米露"]


def test_tie_flags_the_later_form() -> None:
    text = page("ゼレンスキー氏は述べた。", extra="ゼレンスキイ氏も。")
    found = lint(text, "DL303", dedent=False)
    assert codes(found) == ["DL303"] and "「ゼレンスキイ」" in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        "ロシアと露軍、ロ軍の動き。",  # 露 alone is no variant of ロシア
        "メルツ氏とメルケル氏が会談した。",
        "イランとイラクの国境。",
        "オーストリアとオーストラリアの選手。",
        "スロバキアとスロベニアの首脳。",
        "子どもと子供、引っ越しと引越し。",  # common words Sudachi normalises
        "グーグルはGoogle検索を改良した。",  # a rendering, not a spelling
    ],
)
def test_no_variant(text: str) -> None:
    assert lint(page(text), "DL303", dedent=False) == []


def test_form_finder_finds_every_occurrence_like_str_find() -> None:
    """The one-pass finder of name forms gives what ``str.find`` over each form gives,
    overlapping and nested occurrences included, in form order then position."""
    from digest_lint.knowledge.officeholders import FormFinder

    forms = ["マルコ・ルビオ", "ルビオ", "ABA", "AB", "BA", "B", ""]
    finder = FormFinder(forms)
    for text in ["マルコ・ルビオとルビオ", "ABABA", "xBAx", "", "ルビ"]:
        expected = []
        for rank, form in enumerate(forms):
            i = text.find(form)
            while i != -1:
                expected.append((rank, i))
                i = text.find(form, i + 1)
        assert finder.find(text) == sorted(expected), text


def test_name_forms_are_computed_once_and_longest_first() -> None:
    holders = knowledge().officeholders
    forms = holders.name_forms()
    assert forms == holders.name_forms()
    assert [len(f) for f, _ in forms] == sorted((len(f) for f, _ in forms), reverse=True)
    assert {f: p.id for f, p in forms} == holders.form_person
