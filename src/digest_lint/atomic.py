"""Atomic file writes: a temporary file in the same directory, then ``os.replace``.

A reader sees the old content or the new, never a half-written file; if anything fails
the target is left untouched and the temporary file is removed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomic(
    path: str | Path, data: bytes, mode: int | None = None, durable: bool = True
) -> None:
    """Replace ``path`` with ``data``; ``durable`` also syncs it to disk first."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
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
