"""The pre-commit hook, for real: install it in a fresh repository and try to commit.

The hook repository is a copy of this working tree committed in a temporary git
repository (so uncommitted changes are what gets tested); pre-commit clones it and builds
the hook's environment with pip, as it would for a user.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]


def git(cwd: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        GIT_AUTHOR_NAME="Desk",
        GIT_AUTHOR_EMAIL="desk@example.com",
        GIT_COMMITTER_NAME="Desk",
        GIT_COMMITTER_EMAIL="desk@example.com",
        GIT_CONFIG_GLOBAL=str(tmp_path / "gitconfig"),
        GIT_CONFIG_NOSYSTEM="1",
        PATH=os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
    )
    (tmp_path / "gitconfig").write_text("[init]\n\tdefaultBranch = main\n")
    return env


def _hook_repo(tmp_path: Path, env: dict[str, str]) -> tuple[Path, str]:
    repo = tmp_path / "hook-repo"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("src", "rules"):
        shutil.copytree(ROOT / name, repo / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(ROOT / name, repo / name)
    assert git(repo, "init", "-q", env=env).returncode == 0
    git(repo, "add", "-A", env=env)
    done = git(repo, "commit", "-q", "-m", "hook", env=env)
    assert done.returncode == 0, done.stderr
    return repo, git(repo, "rev-parse", "HEAD", env=env).stdout.strip()


def test_hook_definition() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "digest-lint")
    assert hook["entry"] == "digest-lint check"
    assert hook["language"] == "python"
    assert hook["types_or"] == ["text"]
    files = re.compile(hook["files"])
    assert files.search("a/b.txt") and files.search("x.md") and not files.search("x.py")


def gate(tmp_path: Path, env: dict[str, str], config: str) -> Path:
    """The pre-commit gate with ``config`` as ``.pre-commit-config.yaml`` (DL1 rules only:
    the test is about the gate, not about every rule family): a seed with a fused URL is
    refused, a clean article is then committed. The work tree, for more checks."""
    work = tmp_path / "articles"
    work.mkdir()
    assert git(work, "init", "-q", env=env).returncode == 0
    (work / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
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
    assert "digest-lint" in output and "Failed" in output
    assert "bad.txt:12:23: DL104 [*] [url-glued]" in output
    assert git(work, "rev-parse", "--verify", "HEAD", env=env).returncode != 0  # no commit

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
    return work


def test_bad_commit_refused_good_commit_accepted(tmp_path: Path) -> None:
    env = _env(tmp_path)
    hook_repo, rev = _hook_repo(tmp_path, env)
    config = f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n      - id: digest-lint\n"
    work = gate(tmp_path, env, config)
    log = git(work, "log", "--format=%s", env=env).stdout.split("\n")
    assert log[0] == "good article"
