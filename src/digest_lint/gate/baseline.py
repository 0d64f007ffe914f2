"""Baselines: adopt digest-lint on an archive without fixing every old defect first.

``check --write-baseline FILE`` records today's findings; ``check --baseline FILE``
hides them and reports only new ones. A finding is matched on its file (relative to the
baseline file's directory), its code, the text of its flagged span
(:attr:`Finding.snippet`) and the line that span starts on (:attr:`Finding.context`,
without surrounding spaces), with an occurrence index among findings with the same four;
never on line numbers, so an edit above a finding does not revive it, and a new finding
with the same short snippet (DL404's 「月」) on another line is not taken for it. A
finding whose own line is edited is shown again.

File format (JSON, version 2)::

    {"version": 2, "tool": "digest-lint",
     "findings": [{"path": "a.txt", "code": "DL104", "snippet": "…", "context": "…",
                   "occurrence": 0, "name": "url-glued", "line": 12, "message": "…"}]}

``name``, ``line`` and ``message`` are for people reading the file; matching ignores them.
Version 1 files (no ``context``) are still read; they match on path, code and snippet.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from digest_lint.model.findings import Finding
from digest_lint.model.messages import EditorError, Message, said

BASELINE_VERSION = 2
READ_VERSIONS = (1, 2)

#: (path, code, snippet, context); context is None for version-1 entries.
Key = tuple[str, str, str, str | None]

MESSAGES = {
    "missing": Message(ja="ベースラインのファイルがありません", en="no such baseline file"),
    "cannot-read": Message(
        ja="ベースラインを読めません: {reason}", en="cannot read baseline: {reason}"
    ),
    "cannot-write": Message(
        ja="ベースラインを書けません: {reason}", en="cannot write baseline: {reason}"
    ),
    "invalid-json": Message(
        ja="ベースラインが壊れています: {line}行目がJSONとして読めません（{problem}）",
        en="corrupt baseline: invalid JSON at line {line}: {problem}",
    ),
    "invalid": Message(
        ja="ベースラインが壊れています: {where}: {problem}",
        en="corrupt baseline: {where}: {problem}",
    ),
    "invalid-top": Message(
        ja="ベースラインが壊れています: 全体の形が違います（{problem}）",
        en="corrupt baseline: top level: {problem}",
    ),
    "version": Message(
        ja="ベースラインの形式 {version} には対応していません（対応: 1, 2）。"
        "--write-baseline で作り直してください",
        en="baseline version {version} is not supported (expected 1 or 2); "
        "write it again with --write-baseline",
    ),
}


class BaselineError(EditorError):
    """A baseline file that cannot be read or written (named, with what is wrong)."""

    def __init__(self, path: str, what: object) -> None:
        super().__init__(path, what)  # type: ignore[arg-type]
        self.path = path


class _Entry(BaseModel):
    model_config = ConfigDict(extra="ignore")

    path: str
    code: str
    snippet: str
    context: str | None = None
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


def _keyed(
    findings: list[Finding], base: Path, context: bool = True
) -> list[tuple[Key, int, Finding]]:
    counts: dict[Key, int] = defaultdict(int)
    out: list[tuple[Key, int, Finding]] = []
    for f in sorted(findings, key=lambda f: f.sort_key):
        key = (_rel(f.path, base), f.code, f.snippet, f.context.strip() if context else None)
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
            "context": key[3],
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
        reason = exc.strerror or str(exc)
        raise BaselineError(path, said(MESSAGES["cannot-write"], reason=reason)) from None
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
            raise BaselineError(path, said(MESSAGES["missing"])) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise BaselineError(path, said(MESSAGES["cannot-read"], reason=str(exc))) from None
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            what = said(MESSAGES["invalid-json"], line=exc.lineno, problem=exc.msg)
            raise BaselineError(path, what) from None
        try:
            data = _File.model_validate(raw)
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = ".".join(str(p) for p in err["loc"])
            what = (
                said(MESSAGES["invalid"], where=loc, problem=err["msg"])
                if loc
                else said(MESSAGES["invalid-top"], problem=err["msg"])
            )
            raise BaselineError(path, what) from None
        if data.version not in READ_VERSIONS:
            raise BaselineError(path, said(MESSAGES["version"], version=data.version))
        keys = {
            ((e.path, e.code, e.snippet, e.context if data.version >= 2 else None), e.occurrence)
            for e in data.findings
        }
        return cls(path, keys)

    def filter(self, findings: Iterable[Finding]) -> tuple[list[Finding], int]:
        """``(findings not in the baseline, number hidden)``."""
        found = list(findings)
        with_context = any(key[3] is not None for key, _ in self.keys)
        without = any(key[3] is None for key, _ in self.keys)
        hidden_ids: set[int] = set()
        if with_context:
            for key, occ, f in _keyed(found, self.base):
                if (key, occ) in self.keys:
                    hidden_ids.add(id(f))
        if without:  # a version-1 baseline
            for key, occ, f in _keyed(found, self.base, context=False):
                if (key, occ) in self.keys:
                    hidden_ids.add(id(f))
        kept = [f for f in found if id(f) not in hidden_ids]
        return kept, len(found) - len(kept)
