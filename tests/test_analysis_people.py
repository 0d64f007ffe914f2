"""Mentions of people, name forms and the people packs.

The right and wrong texts of DL301-DL303 are rule cases (``tests/rule_cases``).
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from digest_lint.analysis import Analysis
from digest_lint.knowledge import knowledge, packs
from digest_lint.knowledge.officeholders import OfficeholdersPack, State
from digest_lint.knowledge.variants import VariantsPack
from digest_lint.parsing.parser import parse
from tests.pages import page


def one_card(sentence: str) -> str:
    """A page whose one card, dated 2025/03/04, carries ``sentence``."""
    return page(cards=[{"date": "2025/03/04", "bullets": [sentence]}])


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
    art = parse(one_card(text), "t.txt")
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
    art = parse(one_card(text), "t.txt")
    found = Analysis(art, dt.date(2025, 3, 4)).mentions
    assert [m for m in found if m.state is not None] == []


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
