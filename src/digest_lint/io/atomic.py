"""Atomic file writes: a temporary file in the same directory, then ``os.replace``.

A reader sees the old content or the new, never a half-written file; if anything fails
the target is left untouched and the temporary file is removed. A process killed while
writing leaves its temporary file behind: the name (``.{name}.digest-lint-{pid}-….tmp``)
says whose it is, and the next write of the same file removes those of dead processes.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

_TEMP = re.compile(r"^\.(?P<name>.+)\.digest-lint-(?P<pid>\d+)-[^.]+\.tmp$")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def remove_stale_temporaries(target: Path) -> int:
    """Remove temporary files that killed writers of ``target`` left; how many."""
    removed = 0
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return 0
    for entry in entries:
        m = _TEMP.match(entry.name)
        if m is None or m["name"] != target.name or _alive(int(m["pid"])):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed += 1
    return removed


def write_atomic(
    path: str | Path,
    data: bytes | Iterable[bytes],
    mode: int | None = None,
    durable: bool = True,
) -> None:
    """Replace ``path`` with ``data`` (bytes, or chunks written as they come: a long
    report is never held whole); ``durable`` also syncs it to disk first. If anything
    fails, producing the chunks included, ``path`` is left as it was."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.digest-lint-{os.getpid()}-", suffix=".tmp"
    )
    try:
        with os.fdopen(fd, "wb") as fh:
            if isinstance(data, bytes):
                fh.write(data)
            else:
                for chunk in data:
                    fh.write(chunk)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        remove_stale_temporaries(target)
