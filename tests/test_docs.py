"""The generated rule reference is up to date, and explain prints each rule's doc."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from digest_lint.cli import main
from digest_lint.rules import RULES
from digest_lint.rules.docs import markdown

DOC = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def test_docs_rules_md_is_generated_from_the_rules() -> None:
    assert DOC.read_text(encoding="utf-8") == markdown(RULES), (
        "docs/rules.md is stale: run `digest-lint rules --format markdown > docs/rules.md`"
    )


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_has_an_anchor_and_its_options(rule) -> None:  # type: ignore[no-untyped-def]
    text = DOC.read_text(encoding="utf-8")
    assert f'<a id="{rule.code.lower()}"></a>' in text
    for name in rule.Options.model_fields:
        assert name.replace("_", "-") + " = " in text


def test_explain_by_code_and_name_prints_the_docstring() -> None:
    runner = CliRunner()
    by_code = runner.invoke(main, ["explain", "DL302"])
    by_name = runner.invoke(main, ["explain", "stale-title"])
    assert by_code.exit_code == 0 and by_code.output == by_name.output
    assert "What it flags:" in by_code.output and "Fix:" in by_code.output
