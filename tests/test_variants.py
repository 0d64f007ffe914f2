"""DL303 name-variant and DL304 orthographic-variant: one case per fold class, per
mechanism and per guard, with exact positions and the text after every fix (unsafe ones
included); the peers' invalid cases rewritten as our own sentences; the house style pack.

Each case is ``(id, body, findings, fixed body)``: the body is line 2 of an article whose
line 1 is a title; a finding is ``(code, (line, column, end_line, end_column))``.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from digest_lint.cli import main
from digest_lint.config import Config
from digest_lint.engine.engine import Engine
from digest_lint.gate.fixes import apply_fixes
from digest_lint.knowledge import knowledge, packs
from digest_lint.knowledge.style import StylePack
from digest_lint.knowledge.variants import VariantsPack
from digest_lint.model.findings import Applicability, Finding
from digest_lint.parsing.parser import parse
from digest_lint.rules.dl303_name_variant import grows
from tests.conftest import lint

TITLE = "見出し\n"
Span = tuple[int, int, int, int]
Case = tuple[str, str, list[tuple[str, Span]], str]


def _said(major: str, minor: str) -> str:
    """Two sentences with ``major`` and one with ``minor``, each a name with 氏."""
    return f"{major}氏は述べた。{major}氏は続けた。{minor}氏も語った。"


def _col(major: str) -> int:
    """The column where ``minor`` starts in :func:`_said` (line 2)."""
    return 2 * len(f"{major}氏は述べた。") + 1


def _fold(name: str, major: str, minor: str) -> Case:
    start = _col(major)
    return (
        name,
        _said(major, minor),
        [("DL303", (2, start, 2, start + len(minor)))],
        _said(major, major),
    )


#: One case per class of the fold key (``fold`` in rules/name_variants.yaml, by name), on
#: names no pack knows and the dictionary does not either.
FOLD_CASES: list[Case] = [
    _fold("ヴァ/バ", "ヴァルネン", "バルネン"),
    _fold("ヴィ/ビ", "ヴィスコル", "ビスコル"),
    _fold("ヴェ/ベ", "ヴェルトナ", "ベルトナ"),
    _fold("ヴォ/ボ", "ヴォルカノ", "ボルカノ"),
    _fold("ヴュ/ビュ", "ヴュルガー", "ビュルガー"),
    _fold("ヴ/ブ", "ヴルガン", "ブルガン"),
    _fold("ティ/チ", "ティマノフ", "チマノフ"),
    _fold("テュ/チュ", "テュルパン", "チュルパン"),
    _fold("ファ/ハ", "ファルキン", "ハルキン"),
    _fold("フィ/ヒ", "フィルマン", "ヒルマン"),
    _fold("フェ/ヘ", "フェルゴン", "ヘルゴン"),
    _fold("フォ/ホ", "フォルメン", "ホルメン"),
    _fold("ヂ/ジ", "ヂノフスキ", "ジノフスキ"),
    _fold("ヅ/ズ", "ヅルキン", "ズルキン"),
    _fold("ァ/ア", "クァルテン", "クアルテン"),
    _fold("ィ/イ", "ウィルゴン", "ウイルゴン"),
    _fold("ゥ/ウ", "トゥルネン", "トウルネン"),
    _fold("ェ/エ", "ウェルダム", "ウエルダム"),
    _fold("ォ/オ", "クォルネン", "クオルネン"),
    _fold("イア/イヤ", "キリヤノフ", "キリアノフ"),
    _fold("エイ/エー", "ケイドマン", "ケードマン"),
    _fold("ッ", "ハッセルト", "ハセルト"),
    _fold("ー", "ローベルグ", "ロベルグ"),
    _fold("separators", "ジャン＝ルク・ボワソン", "ジャン・ルク・ボワソン"),
]

#: Other mechanisms of DL303 and the katakana width.
NAME_CASES: list[Case] = [
    _fold("half width", "カルソネン", "ｶﾙｿﾈﾝ"),
    (
        "normalized proper nouns and a declared pair",
        "メドベージェフ氏とメドヴェージェフ氏、ウィリアム皇太子とウイリアム皇太子。"
        "メドベージェフ氏。ウィリアム皇太子。",
        [("DL303", (2, 10, 2, 18)), ("DL303", (2, 29, 2, 34))],
        "メドベージェフ氏とメドベージェフ氏、ウィリアム皇太子とウィリアム皇太子。"
        "メドベージェフ氏。ウィリアム皇太子。",
    ),
    (
        "an institution with two head nouns: 機関/機構",
        "国際原子力機関の調査団が入った。国際原子力機関は報告した。国際原子力機構によると。",
        [("DL303", (2, 30, 2, 37))],
        "国際原子力機関の調査団が入った。国際原子力機関は報告した。国際原子力機関によると。",
    ),
    (
        "an institution with two head nouns: 庁/局",
        "連邦憲法擁護庁は声明を出した。連邦憲法擁護庁によると、連邦憲法擁護局は監視を続ける。",
        [("DL303", (2, 28, 2, 35))],
        "連邦憲法擁護庁は声明を出した。連邦憲法擁護庁によると、連邦憲法擁護庁は監視を続ける。",
    ),
    (
        "a country pair by normalized form",
        "米ロ首脳が会談した。米ロ関係と米露協議。",
        [("DL303", (2, 16, 2, 18))],
        "米ロ首脳が会談した。米ロ関係と米ロ協議。",
    ),
    (
        "a place: イア/イヤ",
        "ケニアの首都とケニヤの首都。ケニアの人々。",
        [("DL303", (2, 8, 2, 11))],
        "ケニアの首都とケニアの首都。ケニアの人々。",
    ),
]

#: DL304: common words, by normalized form and by the fold key, toward the house form.
WORD_CASES: list[Case] = [
    (
        "house form, normalized (long vowel)",
        "サーバーを増やし、サーバの負荷を下げた。サーバーは動く。",
        [("DL304", (2, 10, 2, 13))],
        "サーバーを増やし、サーバーの負荷を下げた。サーバーは動く。",
    ),
    (
        "house form, folded loanword (ッ)",
        "検索用のインデックスを作り、古いインデクスを消した。",
        [("DL304", (2, 17, 2, 22))],
        "検索用のインデックスを作り、古いインデックスを消した。",
    ),
    (
        "house form against the majority, okurigana",
        "組立作業を見直した。組立の手順も。組み立てを確かめた。",
        [("DL304", (2, 1, 2, 3)), ("DL304", (2, 11, 2, 13))],
        "組み立て作業を見直した。組み立ての手順も。組み立てを確かめた。",
    ),
    (
        "no house form: the majority (kana and kanji)",
        "子どもの数と子供の数。子どもが減った。",
        [("DL304", (2, 7, 2, 9))],
        "子どもの数と子どもの数。子どもが減った。",
    ),
    (
        "a verb keeps its ending",
        "昨年は出来なかったが、今年はできた。今年はできる。",
        [("DL304", (2, 4, 2, 6))],
        "昨年はできなかったが、今年はできた。今年はできる。",
    ),
    (
        "an official name in a compound is not counted (こども家庭庁)",
        "こども家庭庁は、子どもの数が減ったと発表した。子供の貧困対策も進める。",
        [("DL304", (2, 24, 2, 26))],
        "こども家庭庁は、子どもの数が減ったと発表した。子どもの貧困対策も進める。",
    ),
    (
        "house form marked always, used alone",
        "登録したユーザは千人を超えた。",
        [("DL304", (2, 5, 2, 8))],
        "登録したユーザーは千人を超えた。",
    ),
]

#: The peers' invalid cases (docs: tests/test_variants.py docstring of PEER_CASES).
PEER_CASES: list[Case] = [
    (
        # textlint-rule-ja-no-orthographic-variants test/index-test.ts: 組み立て/組立
        "組み立て/組立",
        "工場で棚を組み立てて、机の組立もした。",
        [("DL304", (2, 14, 2, 16))],
        "工場で棚を組み立てて、机の組み立てもした。",
    ),
    (
        # textlint-rule-no-synonyms test/textlint-rule-no-synonyms.test.ts: サーバ/サーバー
        "サーバ/サーバー",
        "社内のサーバを更新し、予備のサーバーも用意した。",
        [("DL304", (2, 4, 2, 7))],
        "社内のサーバーを更新し、予備のサーバーも用意した。",
    ),
    (
        # textlint-rule-no-synonyms: 雇入/雇入れ (a tie: the later form is flagged)
        "雇入/雇入れ",
        "臨時職員の雇入と、正社員の雇入れを比べた。",
        [("DL304", (2, 14, 2, 17))],
        "臨時職員の雇入と、正社員の雇入を比べた。",
    ),
    (
        # textlint-rule-no-synonyms, preferWords ユーザー: one member alone
        "ユーザ alone, house form ユーザー",
        "新しいユーザが増えた。",
        [("DL304", (2, 4, 2, 7))],
        "新しいユーザーが増えた。",
    ),
    (
        # RedPen JapaneseExpressionVariationValidatorTest detectNormalizedReadings and
        # KatakanaSpellCheckValidatorTest testSingleSentence: インデックス/インデクス
        "インデックス/インデクス",
        "表のインデックスを直し、別のインデクスも直した。",
        [("DL304", (2, 15, 2, 20))],
        "表のインデックスを直し、別のインデックスも直した。",
    ),
    (
        # RedPen JapaneseExpressionVariationValidatorTest detectNormalizedReadings2
        "ヴェトナム/ベトナム",
        "ベトナムの首相がヴェトナム料理を紹介した。",
        [("DL303", (2, 9, 2, 14))],
        "ベトナムの首相がベトナム料理を紹介した。",
    ),
]

#: Pairs that must stay quiet: the guards and what is no variant by design.
QUIET: list[tuple[str, str]] = [
    (
        "part of speech: a common noun and a name",
        "バスに乗った。バスは混んでいた。バース氏が来た。",
    ),
    ("two dictionary words (common nouns)", "ビルの中でビールを飲んだ。ビールとビル。"),
    ("two dictionary words (names)", _said("ポール", "ポル")),
    ("the exceptions pack (never_merge)", _said("コーエン", "コエン")),
    ("a run that starts with ー (issue 11)", "プーチン大統領の動向をーチン大統領が見る。"),
    ("a word inside a longer katakana run", "新型ワクチンを配った。チン氏が述べた。"),
    ("different kanji of one reading", "医師が患者を診る。試合を観る。"),
    ("a kana spelling of several words", "費用がかかった。計画に係る意見。"),
    ("a compound particle in kana", "記念日にあわせた停戦で、顔を合わせる。"),
    ("hiragana against katakana", "おすすめの店と、オススメの品。"),
    ("the second verb of a compound", "探求しつづける。探求し続ける。"),
    (
        "an official name joined by ・ is not counted",
        "政府は子ども・子育て支援金を創設する。子供1人当たりの負担は月数百円という。",
    ),
    ("a quotation keeps its spelling", "彼は「子供の頃から」と語った。子どもが減った。"),
    ("a reading in parentheses", "はげしい (激しい) 雨と激しい風。"),
    ("formal nouns", "ことがあった。事がある。"),
    ("a rendering in another script", "グーグルはGoogle検索を改良した。"),
    ("two verbs of one normalized form", "罰金を科した。罰金を科する。"),
    ("house form not marked always, variant alone", "古いインデクスを消した。"),
    ("RedPen: a homophone typo is another word", "身分証明書を出し、身分証明所に行った。"),
    ("RedPen: supporter is not support", "ミニマムサポートとミニマムサポータの違い。"),
    ("RedPen: phrase is not phase", "フレーズ・アナライズとフェーズ・アナライシスの話。"),
    ("RedPen: a Latin rendering", "このExcelはあのエクセルと違う。"),
    ("RedPen: 之/これ, pronouns are not compared", "之は山で、これは川だ。"),
]


def _run(body: str) -> tuple[str, list[Finding]]:
    text = TITLE + body + "\n"
    return text, lint(text, ["DL303", "DL304"], dedent=False)


def _check(body: str, expected: list[tuple[str, Span]], fixed: str) -> list[Finding]:
    text, found = _run(body)
    got = [(f.code, (f.line, f.column, f.end_line, f.end_column)) for f in found]
    assert got == expected
    new, _, _ = apply_fixes(text, found, unsafe=True)
    assert new == TITLE + fixed + "\n"
    return found


@pytest.mark.parametrize(
    ("name", "body", "expected", "fixed"), FOLD_CASES, ids=[c[0] for c in FOLD_CASES]
)
def test_fold_class(name: str, body: str, expected: list[tuple[str, Span]], fixed: str) -> None:
    found = _check(body, expected, fixed)
    assert all(f.fix and f.fix.applicability is Applicability.UNSAFE for f in found)


def test_every_fold_class_has_a_case() -> None:
    names = {r.name for r in knowledge().variants.pack.fold}
    assert names == {c[0] for c in FOLD_CASES}


@pytest.mark.parametrize(
    ("name", "body", "expected", "fixed"), NAME_CASES, ids=[c[0] for c in NAME_CASES]
)
def test_name_variant(name: str, body: str, expected: list[tuple[str, Span]], fixed: str) -> None:
    _check(body, expected, fixed)


@pytest.mark.parametrize(
    ("name", "body", "expected", "fixed"), WORD_CASES, ids=[c[0] for c in WORD_CASES]
)
def test_orthographic_variant(
    name: str, body: str, expected: list[tuple[str, Span]], fixed: str
) -> None:
    _check(body, expected, fixed)


@pytest.mark.parametrize(
    ("name", "body", "expected", "fixed"), PEER_CASES, ids=[c[0] for c in PEER_CASES]
)
def test_peer_invalid_case(
    name: str, body: str, expected: list[tuple[str, Span]], fixed: str
) -> None:
    _check(body, expected, fixed)


@pytest.mark.parametrize(("name", "body"), QUIET, ids=[q[0] for q in QUIET])
def test_quiet(name: str, body: str) -> None:
    assert _run(body)[1] == []


# --------------------------------------------------------------------------- fix safety
def test_house_fix_is_safe_only_for_one_standalone_dictionary_word() -> None:
    by_text = {}
    for body in [
        "組立作業を見直した。組立の手順も。組み立てを確かめた。",
        "検索用のインデックスを作り、古いインデクスを消した。",
        "子どもの数と子供の数。子どもが減った。",
        "この仕事はできる。あれも出来る。できない人はいない。",
    ]:
        text, found = _run(body)
        for f in found:
            assert f.fix is not None
            by_text[text[f.fix.start : f.fix.end] + "@" + str(f.column)] = f.fix.applicability
    assert by_text == {
        "組立@1": Applicability.UNSAFE,  # inside a compound (組立作業)
        "組立@11": Applicability.SAFE,  # alone, toward the house form
        "インデクス@17": Applicability.UNSAFE,  # folded, not one dictionary word
        "子供@7": Applicability.UNSAFE,  # the majority, no house form
        "出来る@13": Applicability.SAFE,
    }


def test_a_fix_never_inserts_what_the_text_already_has_next_to_it() -> None:
    text = "動向をーチン大統領"
    start = text.index("チン")
    assert grows(text, start, start + 2, "ーチン")
    assert not grows("サーバの負荷", 0, 3, "サーバー")
    assert not grows("インデクス", 0, 5, "インデックス")
    assert not grows("バルネン", 0, 4, "ヴァルネン")


def test_issue_11_unsafe_fixes_leave_a_dash_typo_alone(tmp_path: Path) -> None:
    """``--unsafe-fixes`` on ``…動向をーチン大統領…`` once grew the line by thousands of ー."""
    page = tmp_path / "a.txt"
    body = "見出し\nプーチン大統領は述べた。プーチン大統領の動向をーチン大統領が見る。\n"
    page.write_text(body, encoding="utf-8")
    args = ["check", "--isolated", "--no-cache", "--select", "DL303,DL304"]
    result = CliRunner().invoke(main, [*args, "--fix", "--unsafe-fixes", str(page)])
    assert result.exit_code == 0, result.output
    assert page.read_text(encoding="utf-8") == body


# --------------------------------------------------------------------------- packs
def test_style_pack_parses_and_every_house_form_is_a_dictionary_word() -> None:
    from digest_lint.analysis.tokens import dictionary_word

    pack = packs.load("style", StylePack)
    assert pack.source and pack.checked and pack.house
    for h in pack.house:
        assert dictionary_word(h.form) is not None, h.form


def test_style_pack_refuses_a_form_of_two_house_forms(tmp_path: Path) -> None:
    (tmp_path / "style.yaml").write_text(
        textwrap.dedent(
            """\
            source: test
            checked: 2026-12-01
            house:
              - {form: 子ども, variants: [子供]}
              - {form: こども, variants: [子供]}
            """
        ),
        encoding="utf-8",
    )
    with pytest.raises(packs.PackError) as exc:
        packs.load("style", StylePack, [str(tmp_path)])
    assert "子供" in str(exc.value) and "style.yaml" in str(exc.value)


def test_fold_rules_accept_plain_pairs_and_refuse_runaway_patterns(tmp_path: Path) -> None:
    (tmp_path / "name_variants.yaml").write_text(
        "source: test\nchecked: 2026-12-01\nfold:\n  - [ヰ, イ]\n", encoding="utf-8"
    )
    pack = packs.load("name_variants", VariantsPack, [str(tmp_path)])
    assert pack.fold[-1].name == "ヰ→イ" and pack.fold[-1].replace == "イ"
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "name_variants.yaml").write_text(
        "source: test\nchecked: 2026-12-01\nfold:\n  - {name: bad, pattern: '(ア+)+'}\n",
        encoding="utf-8",
    )
    with pytest.raises(packs.PackError) as exc:
        packs.load("name_variants", VariantsPack, [str(bad)])
    assert "repeats a repetition" in str(exc.value)


def test_a_house_pack_of_ones_own_asks_for_its_form_everywhere(tmp_path: Path) -> None:
    (tmp_path / "style.yaml").write_text(
        "source: test\nchecked: 2026-12-01\n"
        "house:\n  - {form: インデックス, always: true}\n  - {form: 子ども, variants: [こども]}\n",
        encoding="utf-8",
    )
    text = TITLE + "古いインデクスを消した。こどもが増え、子どもが遊ぶ。\n"
    engine = Engine.build(Config(select=["DL304"], packs=[str(tmp_path)]))
    found, _ = engine.check_article(parse(text, "t.txt"))
    got = sorted((f.column, f.fix.replacement if f.fix else None) for f in found)
    # インデクス alone (always), こども (a declared variant) toward 子ども
    assert got == [(3, "インデックス"), (13, "子ども")]
