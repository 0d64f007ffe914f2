"""Result cache, like ruff's: per-file results keyed by what decides them.

The key of one file's result is the SHA-256 of its bytes and the kind of file (Markdown
and plain text parse differently); the directory holds one configuration: the tool
version and a fingerprint of its code, the content of every pack that would be read, and
the effective configuration (selection, severities, options, as-of date). The path is not
part of the key: findings are stored without it and stamped on load, and everything that
depends on the path (``[per-file-ignores]``, suppression comments) is applied after the
cache, so a renamed or copied article is a hit with the right result.

Entries are data, never code: JSON holding the findings, the corpus rules' summaries and
the suppression directives, each tagged with its content key and verified on load. A
missing, corrupt, foreign or mismatched entry is a miss. Entries are written atomically,
so runs sharing a cache directory never read a half-written entry, and the directory
holds a ``.gitignore`` (``*``) so that an articles repository never commits it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from digest_lint import __version__
from digest_lint.engine.suppression import Directive
from digest_lint.io.atomic import write_atomic
from digest_lint.model.findings import Finding
from digest_lint.model.text import Span

CACHE_FORMAT = 2
DEFAULT_DIR = ".digest-lint-cache"


def code_fingerprint() -> str:
    """Name, size and modification time of every module of the package: an edited rule in
    a development checkout never reads results that the old code wrote."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for file in sorted(root.rglob("*.py")):
        st = file.stat()
        h.update(f"{file.relative_to(root)}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


class _Unstorable(Exception):
    """A value the cache cannot store as data (the result is then not cached)."""


def _encode(value: Any) -> Any:
    """Plain JSON data, with spans, tuples and sets tagged so that they come back."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Span):
        return {"$span": [value.start, value.end, value.line, value.column,
                          value.end_line, value.end_column]}  # fmt: skip
    if isinstance(value, tuple):
        return {"$tuple": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, set | frozenset):
        return {"$set": sorted(_encode(v) for v in value)}
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {"$dict": {k: _encode(v) for k, v in value.items()}}
    raise _Unstorable(type(value).__name__)


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, dict):
        if "$span" in value:
            s, e, line, col, end_line, end_col = value["$span"]
            return Span(start=s, end=e, line=line, column=col, end_line=end_line,
                        end_column=end_col)  # fmt: skip
        if "$tuple" in value:
            return tuple(_decode(v) for v in value["$tuple"])
        if "$set" in value:
            return {_decode(v) for v in value["$set"]}
        return {k: _decode(v) for k, v in value["$dict"].items()}
    return value


def _finding_state(f: Finding) -> dict[str, Any]:
    data = f.model_dump(mode="json", exclude={"path"})
    data.update(start=f.start, end=f.end, snippet=f.snippet, context=f.context)
    if f.fix is not None:
        data["fix"] = {**f.fix.model_dump(mode="json"), "start": f.fix.start, "end": f.fix.end}
    return data


def _directive_state(d: Directive) -> dict[str, Any]:
    state = asdict(d)
    state["used"] = sorted(d.used)
    state["span"] = _encode(d.span) if d.span is not None else None
    return state


def _directive(state: dict[str, Any]) -> Directive:
    d = Directive(**{**state, "used": set(state["used"]), "span": None})
    if state["span"] is not None:
        d.span = _decode(state["span"])
    return d


class Cache:
    """A directory of per-file results for one configuration."""

    def __init__(self, directory: str | Path, settings_key: str) -> None:
        self.base = Path(directory)
        self.root = self.base / f"v{CACHE_FORMAT}" / settings_key[:24]
        self.hits = 0
        self.misses = 0
        self._marked = False

    @staticmethod
    def settings_key(config_json: str, pack_files: list[Path]) -> str:
        h = hashlib.sha256()
        h.update(f"digest-lint {__version__} cache {CACHE_FORMAT}\n".encode())
        h.update(code_fingerprint().encode())
        h.update(config_json.encode())
        for file in pack_files:
            h.update(str(file.name).encode())
            try:
                h.update(file.read_bytes())
            except OSError:
                h.update(b"<unreadable>")
        return h.hexdigest()

    @staticmethod
    def content_key(raw: bytes, path: str) -> str:
        kind = b"md" if path.lower().endswith((".md", ".markdown")) else b"txt"
        return hashlib.sha256(kind + b"\0" + raw).hexdigest()

    def _file(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(
        self, key: str, path: str
    ) -> tuple[list[Finding], dict[str, Any], list[Directive]] | None:
        """The stored result for content ``key``, stamped with ``path``; None: a miss."""
        try:
            with open(self._file(key), encoding="utf-8") as fh:
                entry = json.load(fh)
            if entry.get("key") != key or entry.get("format") != CACHE_FORMAT:
                raise ValueError("entry of another key")
            findings = [Finding.model_validate({**d, "path": path}) for d in entry["findings"]]
            summaries = {code: _decode(s) for code, s in entry["summaries"].items()}
            directives = [_directive(d) for d in entry["directives"]]
        except Exception:  # missing, corrupt, foreign: a miss, never an error
            self.misses += 1
            return None
        self.hits += 1
        return findings, summaries, directives

    def put(
        self,
        key: str,
        findings: list[Finding],
        summaries: dict[str, Any],
        directives: list[Directive],
    ) -> None:
        try:
            entry = {
                "format": CACHE_FORMAT,
                "key": key,
                "findings": [_finding_state(f) for f in findings],
                "summaries": {code: _encode(s) for code, s in summaries.items()},
                "directives": [_directive_state(d) for d in directives],
            }
        except _Unstorable:
            return  # a summary that is not plain data: computed again next time
        data = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        target = self._file(key)
        try:
            self._mark()
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, data, durable=False)
        except OSError:
            pass  # a read-only or full cache directory only costs speed

    def _mark(self) -> None:
        """Create the cache directory with a ``.gitignore`` and a ``CACHEDIR.TAG``."""
        if self._marked:
            return
        self._marked = True
        self.base.mkdir(parents=True, exist_ok=True)
        ignore = self.base / ".gitignore"
        if not ignore.exists():
            with contextlib.suppress(OSError):
                write_atomic(ignore, b"# Automatically created by digest-lint.\n*\n", durable=False)
        tag = self.base / "CACHEDIR.TAG"
        if not tag.exists():
            with contextlib.suppress(OSError):
                write_atomic(
                    tag,
                    b"Signature: 8a477f597d28d172789f06886806bc55\n"
                    b"# This file is a cache directory tag created by digest-lint.\n",
                    durable=False,
                )
