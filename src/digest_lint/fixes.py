"""Applying fixes: ``check --fix``, ``--unsafe-fixes`` and ``--diff``.

Like ruff: apply every non-overlapping fix of a pass (the first of overlapping ones wins,
the rest are reported and retried), re-check the text, and repeat until nothing changes
(at most :data:`MAX_PASSES` passes), so a second run changes nothing. The file is written
back in its own encoding, BOM and newline style, atomically (a temporary file in the same
directory, then :func:`os.replace`), and only if it is still what was read.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import stat
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from digest_lint.atomic import write_atomic
from digest_lint.findings import Applicability, Finding

if TYPE_CHECKING:
    from digest_lint.engine import Engine
    from digest_lint.sources import SourceText

MAX_PASSES = 10


def fixable(finding: Finding, unsafe: bool) -> bool:
    fix = finding.fix
    return fix is not None and (unsafe or fix.applicability == Applicability.SAFE)


def apply_fixes(
    text: str, findings: list[Finding], unsafe: bool = False
) -> tuple[str, list[Finding], list[Finding]]:
    """``(new text, findings whose fix was applied, findings whose fix overlapped)``."""
    candidates = sorted(
        (f for f in findings if fixable(f, unsafe)),
        key=lambda f: (f.fix.start, f.fix.end) if f.fix else (0, 0),
    )
    chosen: list[Finding] = []
    skipped: list[Finding] = []
    last: tuple[int, int, str] | None = None
    for f in candidates:
        fix = f.fix
        assert fix is not None
        edit = (fix.start, fix.end, fix.replacement)
        if last is not None:
            if edit == last:  # the same edit proposed twice: apply it once
                chosen.append(f)
                continue
            if fix.start < last[1] or fix.start == last[0]:
                skipped.append(f)
                continue
        chosen.append(f)
        last = edit
    out = text
    applied_edits: set[tuple[int, int, str]] = set()
    for f in reversed(chosen):
        fix = f.fix
        assert fix is not None
        edit = (fix.start, fix.end, fix.replacement)
        if edit in applied_edits:
            continue
        applied_edits.add(edit)
        out = out[: fix.start] + fix.replacement + out[fix.end :]
    return out, chosen, skipped


@dataclass
class FixOutcome:
    source: SourceText
    text: str
    """The fixed text (``\\n`` newlines)."""
    applied: int = 0
    overlapping: list[Finding] = field(default_factory=list)
    """Fixes that overlapped an earlier fix of the same pass (reported once)."""
    converged: bool = True

    @property
    def changed(self) -> bool:
        return self.text != self.source.text

    def diff(self) -> str:
        name = self.source.path
        return "".join(
            difflib.unified_diff(
                self.source.text.splitlines(keepends=True),
                self.text.splitlines(keepends=True),
                fromfile=f"a/{name}",
                tofile=f"b/{name}",
            )
        )


def fix_source(engine: Engine, source: SourceText, unsafe: bool = False) -> FixOutcome:
    """Fix one article until its fixes are stable (at most :data:`MAX_PASSES` passes)."""
    outcome = FixOutcome(source=source, text=source.text)
    seen: set[tuple[str, int, int]] = set()
    for _ in range(MAX_PASSES):
        current = dataclasses.replace(source, text=outcome.text)
        findings = engine.check_source(current).findings
        new, applied, skipped = apply_fixes(outcome.text, findings, unsafe)
        for f in skipped:
            key = (f.code, f.line, f.column)
            if key not in seen:
                seen.add(key)
                outcome.overlapping.append(f)
        if not applied or new == outcome.text:
            return outcome
        outcome.applied += len(applied)
        outcome.text = new
    outcome.converged = False
    return outcome


class WriteError(Exception):
    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}")


def write_fixed(source: SourceText, text: str) -> None:
    """Write ``text`` back to ``source.path`` as the file was encoded, atomically.

    Raises :class:`WriteError` (and leaves the file as it is) if the file changed on disk
    since it was read, if the text cannot be encoded, or if writing fails.
    """
    path = source.path
    target = os.path.realpath(path)  # write through a symlink, do not replace it
    try:
        data = source.encode(text)
    except UnicodeEncodeError as exc:
        raise WriteError(
            path, f"fixed text cannot be written as {source.encoding}: {exc.reason}"
        ) from None
    try:
        with open(target, "rb") as fh:
            current = fh.read()
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError as exc:
        raise WriteError(path, f"cannot re-read before writing: {exc.strerror or exc}") from None
    if current != source.raw:
        raise WriteError(path, "changed on disk since it was read; not fixed (run again)")
    try:
        write_atomic(target, data, mode=mode)
    except OSError as exc:
        raise WriteError(path, f"cannot write fixes: {exc.strerror or exc}") from None
