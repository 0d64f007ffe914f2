"""Shared test helpers: lint inline text through the real engine.

Rule tests are rule cases (``tests/rule_cases/*.yaml``, run by ``tests/test_rule_cases.py``);
pages for Python tests come from :mod:`tests.pages`.
"""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from pathlib import Path
from typing import Any

import pytest

from digest_lint.config import Config
from digest_lint.engine.engine import Engine
from digest_lint.model.article import Article
from digest_lint.model.findings import Finding
from digest_lint.parsing.parser import parse

# Tests exercise the code, not the result cache (tests of the cache turn it on).
os.environ["DIGEST_LINT_NO_CACHE"] = "1"

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"
#: The as-of date of tests (and of rule cases that give none).
AS_OF = dt.date(2026, 11, 22)


def article(text: str, path: str = "t.txt") -> Article:
    return parse(textwrap.dedent(text).strip("\n") + "\n", path)


def lint(
    text: str,
    select: str | list[str],
    *,
    path: str = "t.txt",
    as_of: dt.date = AS_OF,
    options: dict[str, Any] | None = None,
    dedent: bool = True,
    lang: str = "en",
    undated: str = "skip",
) -> list[Finding]:
    """Findings of the selected rules on ``text`` (dedented), corpus rules included.

    Messages in English by default (``lang="ja"`` for the editors' default)."""
    if dedent:
        text = textwrap.dedent(text).strip("\n") + "\n"
    sel = [select] if isinstance(select, str) else select
    config = Config(
        select=sel,
        as_of=as_of,
        rules=options or {},
        lang=lang,
        undated=undated,  # type: ignore[arg-type]
    )
    engine = Engine.build(config)
    art = parse(text, path)
    found, summaries = engine.check_article(art)
    found += list(engine.finish([(path, summaries)] if summaries else []))
    return sorted(found, key=lambda f: f.sort_key)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


def expectation_hits(entry: dict[str, Any], findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Findings (JSON records) that meet an expected.json entry: same file and code, start
    line in ``lines`` (anywhere when ``lines`` is null), as ``tests/score.py`` reads it."""
    lo, hi = entry["lines"] if entry.get("lines") else (1, 10**9)
    return [
        f
        for f in findings
        if Path(f["path"]).name == entry["file"]
        and f["code"] == entry["code"]
        and lo <= f["line"] <= hi
    ]
