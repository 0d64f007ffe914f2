"""The generated rule references are up to date, and explain prints each rule's doc."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from digest_lint.cli import main
from digest_lint.rules import RULES
from digest_lint.rules.docs import markdown

DOCS = Path(__file__).resolve().parent.parent / "docs"
#: The reference in each language: Japanese (the editors') and English.
REFERENCES = {"ja": DOCS / "rules.md", "en": DOCS / "rules.en.md"}


@pytest.mark.parametrize("lang", REFERENCES)
def test_docs_rules_md_is_generated_from_the_rules(lang: str) -> None:
    path = REFERENCES[lang]
    flag = "" if lang == "ja" else " --lang en"
    assert path.read_text(encoding="utf-8") == markdown(RULES, lang), (
        f"{path.name} is stale: run `digest-lint rules --format markdown{flag} > docs/{path.name}`"
    )


def test_the_japanese_reference_is_japanese() -> None:
    text = REFERENCES["ja"].read_text(encoding="utf-8")
    assert text.startswith("# ルール一覧")
    for title in ("何を検出するか", "なぜ問題か", "悪い例", "良い例", "修正の安全性", "オプション"):
        assert f"### {title}\n" in text
    assert REFERENCES["en"].read_text(encoding="utf-8").startswith("# Rule reference")


@pytest.mark.parametrize("lang", REFERENCES)
@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_has_an_anchor_and_its_options(rule, lang) -> None:  # type: ignore[no-untyped-def]
    text = REFERENCES[lang].read_text(encoding="utf-8")
    assert f'<a id="{rule.code.lower()}"></a>' in text
    for name in rule.Options.model_fields:
        assert name.replace("_", "-") + " = " in text


def test_markdown_command_prints_the_references() -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["rules", "--format", "markdown"]).output == markdown(RULES, "ja")
    english = runner.invoke(main, ["rules", "--format", "markdown", "--lang", "en"]).output
    assert english == markdown(RULES, "en")


def test_explain_by_code_and_name_prints_the_doc() -> None:
    runner = CliRunner()
    by_code = runner.invoke(main, ["explain", "DL302"])
    by_name = runner.invoke(main, ["explain", "stale-title"])
    assert by_code.exit_code == 0 and by_code.output == by_name.output
    assert by_code.output.startswith("DL302 stale-title（既定の重大度: エラー）")
    assert "何を検出するか:" in by_code.output and "修正の安全性:" in by_code.output
    english = runner.invoke(main, ["explain", "--lang", "en", "DL302"]).output
    assert english.startswith("DL302 stale-title (default severity: error)")
    assert "What it flags:" in english and "Fix safety:" in english


def test_explain_prints_the_options_in_the_language() -> None:
    runner = CliRunner()
    ja = runner.invoke(main, ["explain", "DL107"]).output
    assert "オプション:\n  tolerance-days = 2  # URL の日付と公開日の差として認める日数。" in ja
    en = runner.invoke(main, ["explain", "--lang", "en", "DL107"]).output
    assert "Options:\n  tolerance-days = 2  # Days a URL date may differ from 公開日." in en
