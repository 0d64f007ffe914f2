"""DL501–DL503: register and punctuation, with small right and wrong texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest_lint.analysis import Analysis
from digest_lint.analysis.register import Register
from digest_lint.knowledge import knowledge, packs
from digest_lint.knowledge.writing import WritingPack
from digest_lint.model.article import Role
from digest_lint.model.findings import Applicability, Finding
from tests.conftest import AS_OF, article, codes, lint


def page(*lines: str) -> str:
    """A title (line 1), a lead (line 2) and ``lines`` from line 3 on."""
    return "見出しのタイトル\nリード文。\n" + "\n".join(lines) + "\n"


def section(heading: str, *lines: str) -> str:
    """A heading, its question and answer, two lines of the narrator's intro, ``lines``."""
    intro = "各国の思惑が交錯していますね。\nまずは経緯を見ていきましょう。"
    return (
        f"{heading}\n{heading}で何が起きた？\n交渉が動いた。\n{intro}\n" + "\n".join(lines) + "\n"
    )


def apply(text: str, found: list[Finding]) -> str:
    for f in sorted(found, key=lambda f: f.fix.start if f.fix else 0, reverse=True):
        assert f.fix is not None
        text = text[: f.fix.start] + f.fix.replacement + text[f.fix.end :]
    return text


POLITE = [
    "米ロ首脳は電話会談で停戦に向けた協議を行いました。",
    "ロシアはエネルギー施設への攻撃停止に同意しています。",
    "ウクライナは全面停戦を求めています。",
    "交渉の行方は依然として不透明です。",
    "欧州各国も支援の継続を表明しました。",
]
PLAIN = [
    "米国は和平案の詳細を近く公表する予定だ。",
    "ロシアは占領地の扱いで譲歩していない。",
    "ウクライナ政府は領土の回復を目標に掲げている。",
    "交渉が長期化する可能性もある。",
]


# ------------------------------------------------------------------ register
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("停戦に合意しました。", Register.POLITE),
        ("今後の展開に注目です。", Register.POLITE),
        ("交渉は難航するでしょう。", Register.POLITE),
        ("合意には至っていません。", Register.POLITE),
        ("詳しくは記事をご覧ください。", Register.POLITE),
        ("外相は「合意はない」と述べました。", Register.POLITE),
        ("和平への道は険しいですね。", Register.POLITE),
        ("和平への道は不透明である。", Register.PLAIN),
        ("両国は停戦に合意した。", Register.PLAIN),
        ("課題は多い。", Register.PLAIN),
        ("交渉が続いている。", Register.PLAIN),
        ("成否は不透明だ。", Register.PLAIN),
        ("交渉は難航するだろう。", Register.PLAIN),
        ("首相は「交渉を続けます」と述べた。", Register.PLAIN),
        ("両国は交渉開始で合意。", Register.NEUTRAL),
        ("「交渉を続けます」。", Register.NEUTRAL),
        ("和平交渉の行方は?", Register.NEUTRAL),
        ("トランプ氏は合意草案を発表し", Register.NEUTRAL),
    ],
)
def test_register_from_final_predicate(sentence: str, expected: Register) -> None:
    art = article(f"見出しのタイトル\nリード文。\n{sentence}")
    analysis = Analysis(art, AS_OF)
    regs = [r for r in analysis.registers if r.sentence.block.span.line == 3]
    assert [r.register for r in regs] == [expected], regs


def test_registers_are_cached_per_article() -> None:
    analysis = Analysis(article("見出しのタイトル\nリード文。\n合意した。"), AS_OF)
    assert analysis.registers is analysis.registers


# --------------------------------------------------------------------- DL501
def test_dl501_plain_run_in_polite_prose() -> None:
    found = lint(page(*POLITE, *PLAIN[:2]), "DL501", dedent=False)
    assert codes(found) == ["DL501"]
    f = found[0]
    assert f.line == 8 and f.column == 1  # the first plain sentence
    assert "prose is polite in 5 sentences and plain in 2; this run of 2 is plain" in f.message


def test_dl501_one_finding_per_minority_run() -> None:
    text = page(POLITE[0], PLAIN[0], POLITE[1], POLITE[2], PLAIN[1], PLAIN[2], POLITE[3])
    found = lint(text, "DL501", dedent=False)
    assert [f.line for f in found] == [4, 7]
    assert "this sentence is plain" in found[0].message
    assert "this run of 2 is plain" in found[1].message


def test_dl501_switch_between_sections_like_a_pasted_article() -> None:
    text = page().rstrip("\n") + "\n"
    text += section("停戦交渉の進展", *POLITE, "いやー、ほんまに長い交渉やな!")
    text += section("残る課題", *PLAIN)
    roles = [b.role for b in article(text).blocks]
    assert roles.count(Role.PROSE) == 9 and roles.count(Role.COMMENTARY) == 4
    found = lint(text, "DL501", dedent=False)
    assert codes(found) == ["DL501"]
    assert found[0].line == 19
    assert "this run of 4 is plain" in found[0].message


def test_dl501_persona_dialect_inside_polite_prose_is_not_a_mix() -> None:
    text = page(POLITE[0], POLITE[1], "ロシアは時間稼ぎしてるんとちゃうかな?", POLITE[2])
    art = article(text)
    assert [b.role for b in art.blocks if "ちゃうかな" in b.text] == [Role.PERSONA]
    assert lint(text, "DL501", dedent=False) == []
    casual = page(POLITE[0], POLITE[1], "これは長引きそうだな…。", POLITE[2])
    assert lint(casual, "DL501", dedent=False) == []


def test_dl501_plain_quotation_inside_polite_prose_is_not_a_mix() -> None:
    text = page(
        POLITE[0],
        "ゼレンスキー大統領は「ウクライナ抜きの合意は認めない」と強調しました。",
        "「交渉は長く困難な道のりの第一歩だ」。",
        POLITE[1],
        POLITE[2],
    )
    assert lint(text, "DL501", dedent=False) == []


def test_dl501_polite_commentary_ending_in_ne_with_plain_prose() -> None:
    text = page(
        "各国の思惑が交錯していますね。",
        *PLAIN,
        "交渉の行方が気になるところですね。",
        "米国は仲介役を続ける方針だ。",
    )
    art = article(text)
    roles = {b.text: b.role for b in art.blocks}
    assert roles["各国の思惑が交錯していますね。"] == Role.COMMENTARY
    assert roles["交渉の行方が気になるところですね。"] == Role.COMMENTARY
    assert lint(text, "DL501", dedent=False) == []


def test_dl501_polite_commentary_around_cards_in_plain_prose() -> None:
    card = (
        "公開日:2025/03/19\n✅ 米ロは停戦で合意した。\n✅ 攻撃は30日間停止される。\n"
        "✅ 全面停戦には至っていない。\n"
        "さらに読む ⇒毎日新聞出典/画像元: https://mainichi.jp/articles/x"
    )
    text = page(
        card,
        "ロシアが主導権を握っていますね。",
        "注目です。",
        *PLAIN,
        "本日の記事では、停戦交渉の行方について解説しました。",
        "今後の展開に注目していきましょう。",
    )
    assert lint(text, "DL501", dedent=False) == []


def test_dl501_one_stray_sentence_in_long_prose_is_tolerated() -> None:
    plain = [
        "政府は20日、来年度予算案を閣議決定した。",
        "歳出総額は過去最大となった。",
        "防衛費は前年度から大幅に増える。",
        "社会保障費も高齢化で膨らんでいる。",
        "財務省は「歳出の見直しを進めます」と説明した。",
        "税収は過去最高を見込む。",
        "新規国債の発行額は減る見通しだ。",
        "野党は予算案の組み替えを求めている。",
        "審議は来月から始まる。",
        "予算案は年度内の成立が見込まれています。",
        "与党は早期成立を目指す。",
    ]
    text = "来年度予算案を閣議決定\n" + "\n".join(plain) + "\n"
    assert lint(text, "DL501", dedent=False) == []
    found = lint(text, "DL501", dedent=False, options={"DL501": {"max-stray": 0}})
    assert [f.line for f in found] == [11]


def test_dl501_clean_news_text_with_quotes_is_silent() -> None:
    text = """
        日銀、政策金利を据え置き
        日本銀行は19日の金融政策決定会合で、政策金利を0.5%に据え置くことを決めた。
        植田和男総裁は記者会見で「経済・物価の見通しが実現していけば、引き続き政策金利を引き上げていきます」と述べた。
        市場では追加利上げの時期を巡る見方が分かれている。
        米国の関税政策が国内経済に与える影響について、植田氏は「不確実性は極めて高いです」と語った。
        円相場は会見後、1ドル=148円台で推移した。
        (共同)
        """
    assert lint(text, "DL5") == []


def test_dl501_card_bullets_are_judged_per_card() -> None:
    mixed = (
        "公開日:2025/03/19\n✅ 米ロは停戦で合意しました。\n✅ 攻撃は30日間停止される。\n"
        "✅ 全面停戦には至っていません。\n"
        "さらに読む ⇒毎日新聞出典/画像元: https://mainichi.jp/articles/x"
    )
    found = lint(page(mixed, *POLITE), "DL501", dedent=False)
    assert codes(found) == ["DL501"]
    assert found[0].line == 5 and "bullets of card" in found[0].message
    plain_card = mixed.replace("しました", "した").replace("いません", "いない")
    polite_card = (
        plain_card.replace("した。", "しました。")
        .replace("される。", "されます。")
        .replace("いない。", "いません。")
    )
    polite_card = polite_card.replace("articles/x", "articles/y")
    assert lint(page(plain_card, polite_card, *POLITE), "DL501", dedent=False) == []


def test_dl501_conclusion_bullets_form_a_group() -> None:
    text = page(*POLITE) + "🚩 結論!\n💡 交渉は難航している。\n💡 停戦の実現が焦点となります。\n"
    found = lint(text, "DL501", dedent=False)
    assert codes(found) == ["DL501"] and "conclusion bullets" in found[0].message


def test_dl501_commentary_group_is_opt_in() -> None:
    text = page("各国の思惑が交錯していますね。", *POLITE, "今後の展開に注目したいね。")
    assert lint(text, "DL501", dedent=False) == []
    opts = {"DL501": {"groups": ["prose", "commentary"]}}
    found = lint(text, "DL501", dedent=False, options=opts)
    assert codes(found) == ["DL501"] and found[0].message.startswith("commentary is polite")


def test_dl501_bad_option_is_an_error() -> None:
    with pytest.raises(Exception, match="groups"):
        lint(page(*POLITE), "DL501", dedent=False, options={"DL501": {"groups": ["persona"]}})


# --------------------------------------------------------------------- DL502
@pytest.mark.parametrize("marks", ["?。", "？。", "!。", "！。", "。。", "、、", "?？"])
def test_dl502_doubled_marks_with_safe_fix(marks: str) -> None:
    text = page(*POLITE[:2], f"ロシアと交渉を続けるしかないのでしょうか{marks}")
    found = lint(text, "DL502", dedent=False)
    assert codes(found) == ["DL502"]
    f = found[0]
    assert f.line == 5 and f.fix is not None
    assert f.fix.applicability == Applicability.SAFE and f.fix.replacement == ""
    fixed = apply(text, found)
    assert f"のでしょうか{marks[0]}\n" in fixed
    assert lint(fixed, "DL502", dedent=False) == []


def test_dl502_fused_commentary_after_a_citation() -> None:
    text = page(
        "✅ 要約である。\n✅ 要約である。\n✅ 要約である。\n"
        "さらに読む ⇒出典/画像元: https://newsdig.tbs.co.jp/articles/-/1"
        "ウクライナは交渉を続けるしかないのでしょうか?。"
    )
    found = lint(text, "DL502", dedent=False)
    assert codes(found) == ["DL502"] and found[0].line == 6


@pytest.mark.parametrize(
    "line",
    [
        "交渉の行方は…。",
        "本当に合意できるのか!?",
        "本当に合意できるのか?!",
        "交渉は続く。。。",
        "詳しくは https://example.jp/faq?。をご覧ください。",
    ],
)
def test_dl502_not_doubled(line: str) -> None:
    assert lint(page(line), "DL502", dedent=False) == []


def test_dl502_not_in_urls_or_code() -> None:
    cite = "✅ 要約である。\nさらに読む ⇒毎日新聞出典/画像元: https://mainichi.jp/a?。"
    assert lint(page(cite), "DL502", dedent=False) == []
    md = "# タイトル\n\nリード文です。\n\n## 見出し\n\n書式は `a?。` と書きます。\n"
    assert lint(md, "DL502", path="a.md", dedent=False) == []


# --------------------------------------------------------------------- DL503
def test_dl503_is_opt_in() -> None:
    text = page("交渉はまとまるのか?まだ分からない。")
    assert "DL503" not in codes(lint(text, "DL5", dedent=False))
    assert "DL503" not in codes(lint(text, "DL", dedent=False))


def test_dl503_halfwidth_marks_with_safe_fix() -> None:
    text = page("交渉はまとまるのか?まだ分からない。", "和平への道とは!?")
    found = lint(text, "DL503", dedent=False)
    assert [(f.line, f.fix.replacement if f.fix else None) for f in found] == [
        (3, "？"),
        (4, "！？"),
    ]
    assert all(f.fix and f.fix.applicability == Applicability.SAFE for f in found)
    fixed = apply(text, found)
    assert "まとまるのか？まだ" in fixed and "道とは！？" in fixed
    assert lint(fixed, "DL503", dedent=False) == []


def test_dl503_leaves_latin_text_and_urls_alone() -> None:
    text = page("トランプ氏は「Yes!」と答えた。", "詳細は https://example.jp/a?b=1 にある。")
    assert lint(text, "DL503", dedent=False) == []


# ------------------------------------------------------------- roles and pack
def test_narrator_roles_closing_remark_and_intro_lines() -> None:
    text = section(
        "停戦交渉の行方",
        *PLAIN,
        "本日の記事では、停戦交渉の行方について解説しました。",
    )
    roles = [(b.text, b.role) for b in article(page() + text).blocks]
    assert roles[5:7] == [
        ("各国の思惑が交錯していますね。", Role.COMMENTARY),
        ("まずは経緯を見ていきましょう。", Role.COMMENTARY),
    ]
    assert [r for _, r in roles[7:11]] == [Role.PROSE] * 4  # no card: prose after the intro
    assert roles[-1][1] == Role.COMMENTARY


def test_writing_pack_is_strict(tmp_path: Path) -> None:
    pack = knowledge().writing
    assert pack.source and pack.checked
    assert all(getattr(pack, name) for name in WritingPack.model_fields)  # none left empty
    assert "助動詞-マス" in pack.polite_conjugation_types
    assert pack.halfwidth_marks["?"] == "？"
    (tmp_path / "writing.yaml").write_text(
        "source: house\nchecked: 2026-01-01\ndoubled_punctuation: ['!！']\n", encoding="utf-8"
    )
    extended = packs.load("writing", WritingPack, [str(tmp_path)])
    assert extended.doubled_punctuation.count("!！") == 2 and extended.final_forms
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "writing.yaml").write_text(
        "source: t\nchecked: 2026-01-01\ndoubled_punctuation: ['?。。']\n", encoding="utf-8"
    )
    with pytest.raises(packs.PackError, match="doubled_punctuation"):
        packs.load("writing", WritingPack, [str(bad)])
