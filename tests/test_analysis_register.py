"""The register of sentences, the narrator's and characters' roles, the writing pack.

The right and wrong texts of DL501-DL503 are rule cases (``tests/rule_cases``); the
roles asserted here are those of some of their pages, read from the case files.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from digest_lint.analysis import Analysis
from digest_lint.analysis.register import Register
from digest_lint.config import Config, ConfigError
from digest_lint.engine.engine import Engine
from digest_lint.knowledge import knowledge, packs
from digest_lint.knowledge.writing import WritingPack
from digest_lint.model.article import Role
from digest_lint.parsing.parser import parse
from tests.cases import case_named
from tests.conftest import AS_OF, article
from tests.pages import SectionSpec, page


def roles(code: str, name: str) -> list[tuple[str, Role]]:
    """``(line text, role)`` of each block of the page of a rule case."""
    ((path, text),) = case_named(code, name).case.sources().items()
    return [(b.text, b.role) for b in parse(text, path).blocks]


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


def test_roles_of_a_page_pasted_from_two_registers() -> None:
    """Per section: the narrator's two intro lines, five (four) prose lines, a persona."""
    found = Counter(
        r for _, r in roles("DL501", "a section in another register, like a pasted article")
    )
    assert (found[Role.PROSE], found[Role.COMMENTARY], found[Role.PERSONA]) == (9, 4, 1)


def test_a_dialect_line_is_a_persona_s() -> None:
    found = dict(roles("DL501", "a persona's dialect inside polite prose is a character's voice"))
    assert found["ロシアは時間稼ぎしてるんとちゃうかな?"] == Role.PERSONA


def test_remarks_ending_in_ne_are_the_narrator_s() -> None:
    found = dict(roles("DL501", "the narrator's polite remarks ending in ね beside plain prose"))
    assert found["各国の思惑が交錯していますね。"] == Role.COMMENTARY
    assert found["交渉の行方が気になるところですね。"] == Role.COMMENTARY
    assert found["米国は和平案の詳細を近く公表する予定だ。"] == Role.PROSE


def test_narrator_roles_closing_remark_and_intro_lines() -> None:
    body = [
        "各国の思惑が交錯していますね。",
        "まずは経緯を見ていきましょう。",
        "米国は和平案の詳細を近く公表する予定だ。",
        "ロシアは占領地の扱いで譲歩していない。",
        "ウクライナ政府は領土の回復を目標に掲げている。",
        "交渉が長期化する可能性もある。",
        "本日の記事では、停戦交渉の行方について解説しました。",
    ]
    section = SectionSpec(
        heading="停戦交渉の行方",
        question="停戦交渉の行方で何が起きた？",
        answer="交渉が動いた。",
        body=list(body),
    )
    art = parse(page(sections=[section.model_dump()]), "t.txt")
    found = [(b.text, b.role) for b in art.blocks]
    assert found[5:7] == [(body[0], Role.COMMENTARY), (body[1], Role.COMMENTARY)]
    assert [r for _, r in found[7:11]] == [Role.PROSE] * 4  # no card: prose after the intro
    assert found[-1] == (body[-1], Role.COMMENTARY)


def test_a_group_that_does_not_exist_is_a_config_error() -> None:
    config = Config(select=["DL501"], rules={"DL501": {"groups": ["persona"]}})
    with pytest.raises(ConfigError, match="groups"):
        Engine.build(config)


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
