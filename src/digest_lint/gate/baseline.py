"""Baselines: adopt digest-lint on an archive without fixing every old defect first.

``check --write-baseline FILE`` records today's findings; ``check --baseline FILE``
hides them and reports only new ones. A finding is matched on its file (relative to the
baseline file's directory), its code and the text of its flagged span
(:attr:`Finding.snippet`), with an occurrence index among findings with the same three;
never on line numbers, so an edit above a finding does not revive it.

File format (JSON, version 1)::

    {"version": 1, "tool": "digest-lint",
     "findings": [{"path": "a.txt", "code": "DL104", "snippet": "…", "occurrence": 0,
                   "name": "url-glued", "line": 12, "message": "…"}]}

``name``, ``line`` and ``message`` are for people reading the file; matching ignores them.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from digest_lint.model.findings import Finding

BASELINE_VERSION = 1

Key = tuple[str, str, str]


class BaselineError(Exception):
    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}")


class _Entry(BaseModel):
    model_config = ConfigDict(extra="ignore")

    path: str
    code: str
    snippet: str
    occurrence: int = 0


class _File(BaseModel):
    model_config = ConfigDict(extra="ignore")

    version: int
    findings: list[_Entry]


def _rel(path: str, base: Path) -> str:
    if path.startswith("<"):
        return path
    try:
        return Path(os.path.relpath(os.path.abspath(path), base)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(os.path.abspath(path)).as_posix()


def _keyed(findings: list[Finding], base: Path) -> list[tuple[Key, int, Finding]]:
    counts: dict[Key, int] = defaultdict(int)
    out: list[tuple[Key, int, Finding]] = []
    for f in sorted(findings, key=lambda f: f.sort_key):
        key = (_rel(f.path, base), f.code, f.snippet)
        out.append((key, counts[key], f))
        counts[key] += 1
    return out


def write_baseline(path: str, findings: list[Finding]) -> int:
    """Record ``findings`` in ``path``; the number recorded."""
    base = Path(path).resolve().parent
    entries = [
        {
            "path": key[0],
            "code": key[1],
            "snippet": key[2],
            "occurrence": occ,
            "name": f.name,
            "line": f.line,
            "message": f.message,
        }
        for key, occ, f in _keyed(findings, base)
    ]
    data = {"version": BASELINE_VERSION, "tool": "digest-lint", "findings": entries}
    try:
        Path(path).write_text(
            json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    except OSError as exc:
        raise BaselineError(path, f"cannot write baseline: {exc.strerror or exc}") from None
    return len(entries)


class Baseline:
    def __init__(self, path: str, keys: set[tuple[Key, int]]) -> None:
        self.path = path
        self.keys = keys
        self.base = Path(path).resolve().parent

    @classmethod
    def load(cls, path: str) -> Baseline:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise BaselineError(path, "no such baseline file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise BaselineError(path, f"cannot read baseline: {exc}") from None
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            raise BaselineError(
                path, f"corrupt baseline: invalid JSON at line {exc.lineno}: {exc.msg}"
            ) from None
        try:
            data = _File.model_validate(raw)
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = ".".join(str(p) for p in err["loc"]) or "top level"
            raise BaselineError(path, f"corrupt baseline: {loc}: {err['msg']}") from None
        if data.version != BASELINE_VERSION:
            raise BaselineError(
                path, f"baseline version {data.version} is not supported (expected 1)"
            )
        keys = {((e.path, e.code, e.snippet), e.occurrence) for e in data.findings}
        return cls(path, keys)

    def filter(self, findings: Iterable[Finding]) -> tuple[list[Finding], int]:
        """``(findings not in the baseline, number hidden)``."""
        kept: list[Finding] = []
        hidden = 0
        for key, occ, f in _keyed(list(findings), self.base):
            if (key, occ) in self.keys:
                hidden += 1
            else:
                kept.append(f)
        return kept, hidden
