"""Where a run keeps its findings: spooled to a temporary file, not held in memory.

A check of a large archive can find hundreds of thousands of problems; holding them as
objects would make memory grow with the archive. :class:`FindingStore` pickles each file's
findings to an anonymous temporary file as they arrive and keeps only offsets, so the
run's memory stays flat. Iterating reads them back in report order (by path, then line,
column and code); it can be iterated any number of times.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO

from digest_lint.model.findings import Finding


class FindingStore:
    """An append-only, re-iterable collection of findings, ordered on iteration."""

    def __init__(self, findings: Iterable[Finding] = ()) -> None:
        self._spool: IO[bytes] | None = None
        self._batches: dict[str, list[tuple[int, int]]] = {}
        self._count = 0
        self.worst = 0
        """The highest severity rank stored (0 when empty): exit statuses need no pass."""
        self.extend(findings)

    def _file(self) -> IO[bytes]:
        if self._spool is None:
            # Kept open for the life of the store (closed by close() or on collection).
            self._spool = tempfile.TemporaryFile(prefix="digest-lint-")  # noqa: SIM115
        return self._spool

    def add(self, path: str, findings: list[Finding]) -> None:
        """Store the findings of one file (a file may be added in several batches)."""
        if not findings:
            return
        spool = self._file()
        data = pickle.dumps(findings, protocol=pickle.HIGHEST_PROTOCOL)
        spool.seek(0, 2)
        self._batches.setdefault(path, []).append((spool.tell(), len(data)))
        spool.write(data)
        self._count += len(findings)
        self.worst = max(self.worst, *(f.severity.rank for f in findings))

    def extend(self, findings: Iterable[Finding]) -> None:
        by_path: dict[str, list[Finding]] = {}
        for f in findings:
            by_path.setdefault(f.path, []).append(f)
        for path, batch in by_path.items():
            self.add(path, batch)

    def append(self, finding: Finding) -> None:
        self.add(finding.path, [finding])

    def paths(self) -> list[str]:
        """The paths (keys) with findings, in the order they were first added."""
        return list(self._batches)

    def of(self, path: str) -> list[Finding]:
        """The findings stored under ``path``, in the order they were added."""
        if self._spool is None:
            return []
        found: list[Finding] = []
        for offset, size in self._batches.get(path, []):
            self._spool.seek(offset)
            found.extend(pickle.loads(self._spool.read(size)))
        return found

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def __iter__(self) -> Iterator[Finding]:
        if self._spool is None:
            return
        for path in sorted(self._batches):
            found = self.of(path)
            found.sort(key=lambda f: f.sort_key)
            yield from found

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FindingStore | list):
            return list(self) == list(other)
        return NotImplemented

    def close(self) -> None:
        if self._spool is not None:
            self._spool.close()
            self._spool = None

    def __del__(self) -> None:
        self.close()
