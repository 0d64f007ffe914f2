"""Result cache, like ruff's: per-file results keyed by what decides them.

The key of one file's result is the SHA-256 of its bytes, the kind of file (Markdown or
plain text parse differently), the tool version, the content of every pack that would be
read, and the effective configuration (selection, severities, options, as-of date). The
path is not part of the key: findings are stored without it and stamped on load, so a
renamed or copied article is a hit.

Entries are written atomically (temporary file + ``os.replace``), so two runs sharing a
cache directory never read a half-written entry; a corrupt or unreadable entry is a miss.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from digest_lint import __version__
from digest_lint.atomic import write_atomic
from digest_lint.findings import Finding

CACHE_FORMAT = 1
DEFAULT_DIR = ".digest-lint-cache"


def code_fingerprint() -> str:
    """Name, size and modification time of every module of the package: an edited rule in
    a development checkout never reads results that the old code wrote."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for file in sorted(root.rglob("*.py")):
        st = file.stat()
        h.update(f"{file.relative_to(root)}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


@dataclass
class CachedResult:
    findings: list[dict[str, Any]]
    """Findings without their path (``model_dump`` plus the excluded offsets)."""
    summaries: dict[str, Any]
    directives: list[Any]
    """Suppression directives, with what they already suppressed in this file."""


def _finding_state(f: Finding) -> dict[str, Any]:
    data = f.model_dump(exclude={"path"})
    data.update(start=f.start, end=f.end, snippet=f.snippet)
    if f.fix is not None:
        data["fix"] = {**f.fix.model_dump(), "start": f.fix.start, "end": f.fix.end}
    return data


class Cache:
    """A directory of per-file results for one configuration."""

    def __init__(self, directory: str | Path, settings_key: str) -> None:
        self.root = Path(directory) / f"v{CACHE_FORMAT}" / settings_key[:24]
        self.hits = 0
        self.misses = 0

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
        return self.root / key[:2] / f"{key}.pickle"

    def get(self, key: str, path: str) -> tuple[list[Finding], dict[str, Any], list[Any]] | None:
        try:
            with open(self._file(key), "rb") as fh:
                entry: CachedResult = pickle.load(fh)
            findings = [Finding.model_validate({**d, "path": path}) for d in entry.findings]
        except Exception:  # missing, corrupt, or written by another version: a miss
            self.misses += 1
            return None
        self.hits += 1
        return findings, entry.summaries, entry.directives

    def put(
        self, key: str, findings: list[Finding], summaries: dict[str, Any], directives: list[Any]
    ) -> None:
        entry = CachedResult([_finding_state(f) for f in findings], summaries, directives)
        target = self._file(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(
                target, pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL), durable=False
            )
        except OSError:
            pass  # a read-only or full cache directory only costs speed
