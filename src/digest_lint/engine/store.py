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


class Spool:
    """An anonymous temporary file of records, each read back by ``(offset, size)``;
    created on the first write, closed by :meth:`close` or on collection."""

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None

    def write(self, data: bytes) -> tuple[int, int]:
        """Append ``data``; where to read it back."""
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="digest-lint-")  # noqa: SIM115
        self._file.seek(0, 2)
        at = self._file.tell()
        self._file.write(data)
        return at, len(data)

    def read(self, at: tuple[int, int]) -> bytes:
        assert self._file is not None
        self._file.seek(at[0])
        return self._file.read(at[1])

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def __del__(self) -> None:
        self.close()


class FindingStore:
    """An append-only, re-iterable collection of findings, ordered on iteration."""

    def __init__(self, findings: Iterable[Finding] = ()) -> None:
        self._spool = Spool()
        self._batches: dict[str, list[tuple[int, int]]] = {}
        self._count = 0
        self.worst = 0
        """The highest severity rank stored (0 when empty): exit statuses need no pass."""
        self.extend(findings)

    def add(self, path: str, findings: list[Finding]) -> None:
        """Store the findings of one file (a file may be added in several batches)."""
        if not findings:
            return
        data = pickle.dumps(findings, protocol=pickle.HIGHEST_PROTOCOL)
        self._batches.setdefault(path, []).append(self._spool.write(data))
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
        found: list[Finding] = []
        for at in self._batches.get(path, []):
            found.extend(pickle.loads(self._spool.read(at)))
        return found

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def __iter__(self) -> Iterator[Finding]:
        for path in sorted(self._batches):
            found = self.of(path)
            found.sort(key=lambda f: f.sort_key)
            yield from found

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FindingStore | list):
            return list(self) == list(other)
        return NotImplemented

    def close(self) -> None:
        """Drop the stored findings (their temporary file is removed)."""
        self._spool.close()
        self._batches = {}
