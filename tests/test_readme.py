"""The README's commands work as written: the first command's exit status, and the
pre-commit snippet, taken from the README itself (so that it cannot drift) and run by the
real pre-commit in a fresh repository."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from digest_lint.cli import main
from tests.test_precommit import _env, gate

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SEEDS = ROOT / "fixtures" / "seeds"


def readme_block(after_heading: str, lang: str) -> str:
    """The first ``lang`` code block after the heading ``after_heading``."""
    at = README.index(after_heading)
    m = re.compile(rf"```{lang}\n(.*?)```", re.S).search(README, at)
    assert m is not None, f"no {lang} block after {after_heading!r}"
    return m.group(1)


def test_readme_first_command_exits_1_as_it_says() -> None:
    first = readme_block("# digest-lint", "sh")
    assert first.strip().endswith("digest-lint check fixtures/seeds/")
    assert "exits with status 1" in README[: README.index("## Usage")]
    result = CliRunner().invoke(main, ["check", str(SEEDS)])
    assert result.exit_code == 1


def test_readme_exit_statuses_are_the_contract() -> None:
    table = README[README.index("Exit status:") :]
    for status in ("| 0 |", "| 1 |", "| 2 |", "| 3 |"):
        assert status in table[:1500]
    snippet = yaml.safe_load(readme_block("### pre-commit", "yaml"))
    [repo] = snippet["repos"]
    assert repo["repo"] == "local"  # no repository that does not exist
    [hook] = repo["hooks"]
    assert hook["entry"] == "digest-lint check" and hook["language"] == "system"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_readme_pre_commit_snippet_with_the_real_pre_commit(tmp_path: Path) -> None:
    env = _env(tmp_path)  # the venv's bin first on PATH: digest-lint is installed there
    gate(tmp_path, env, readme_block("### pre-commit", "yaml"))
