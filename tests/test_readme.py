"""The README's commands work as written: the first command's exit status, and the
pre-commit snippet, taken from the README itself (so that it cannot drift) and run by the
real pre-commit in a fresh repository."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from digest_lint.cli import main
from tests.test_precommit import _env, git

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
    work = tmp_path / "articles"
    work.mkdir()
    assert git(work, "init", "-q", env=env).returncode == 0
    (work / ".pre-commit-config.yaml").write_text(
        readme_block("### pre-commit", "yaml"), encoding="utf-8"
    )
    (work / "digest-lint.toml").write_text('select = ["DL1"]\n', encoding="utf-8")
    pre_commit = [sys.executable, "-m", "pre_commit"]
    installed = subprocess.run(
        [*pre_commit, "install"], cwd=work, env=env, capture_output=True, text=True, check=False
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    git(work, "add", ".pre-commit-config.yaml", "digest-lint.toml", env=env)

    shutil.copy(next(SEEDS.glob("001_*.txt")), work / "bad.txt")
    git(work, "add", "bad.txt", env=env)
    refused = git(work, "commit", "-m", "bad article", env=env)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "Failed" in output and "bad.txt:12:23: DL104 [*] [url-glued]" in output
    assert git(work, "rev-parse", "--verify", "HEAD", env=env).returncode != 0

    git(work, "rm", "-q", "--cached", "bad.txt", env=env)
    (work / "bad.txt").unlink()
    good = next(SEEDS.glob("003_*.txt")).read_text(encoding="utf-8")
    (work / "good.txt").write_text(
        good.replace("⇒ニュースサイト出典", "⇒毎日新聞出典"), encoding="utf-8"
    )
    git(work, "add", "good.txt", env=env)
    accepted = git(work, "commit", "-m", "good article", env=env)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "Passed" in accepted.stdout + accepted.stderr
