"""Applying fixes: ``check --fix``, ``--unsafe-fixes`` and ``--diff``.

Like ruff: apply every non-overlapping fix of a pass (the first of overlapping ones wins,
the rest are reported and retried), re-check the text, and repeat until nothing changes
(at most :data:`MAX_PASSES` passes), so a second run changes nothing. The file is written
back in its own encoding, BOM and newline style, atomically (a temporary file in the same
directory, then :func:`os.replace`), and only if it is still what was read.
"""

from __future__ import annotations

import difflib
import os
import stat
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from digest_lint.io.atomic import write_atomic
from digest_lint.model.findings import Applicability, Finding
from digest_lint.model.messages import EditorError, Message, Said, said

if TYPE_CHECKING:
    from digest_lint.engine.engine import Engine
    from digest_lint.io.sources import SourceText

#: Passes before a fix that keeps changing the text is given up (a long chain of fused
#: citations settles in one pass per citation line, far fewer than this).
MAX_PASSES = 100


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
    fixed: SourceText
    """The fixed article (its :attr:`~SourceText.text` has ``\\n`` newlines; written as
    :meth:`~SourceText.encoded`, with every line's own ending)."""
    applied: int = 0
    applied_findings: list[Finding] = field(default_factory=list)
    overlapping: list[Finding] = field(default_factory=list)
    """Fixes that overlapped an earlier fix of the same pass (reported once)."""
    converged: bool = True
    """False when the fixes did not reach a fixed point: the file must not be written."""
    passes: int = 0

    @property
    def text(self) -> str:
        return self.fixed.text

    @property
    def changed(self) -> bool:
        return self.fixed.text != self.source.text

    def diff(self) -> str:
        name = self.source.path
        return "".join(
            difflib.unified_diff(
                self.source.text.splitlines(keepends=True),
                self.fixed.text.splitlines(keepends=True),
                fromfile=f"a/{name}",
                tofile=f"b/{name}",
            )
        )


def fix_source(engine: Engine, source: SourceText, unsafe: bool = False) -> FixOutcome:
    """Fix one article until its fixes reach a fixed point.

    Every pass applies the fixes that do not overlap and re-checks the result. A fix
    that brings back a text seen before (a cycle), or that keeps changing the text for
    :data:`MAX_PASSES` passes, makes the outcome unconverged: nothing may be written.
    """
    outcome = FixOutcome(source=source, fixed=source)
    seen_overlap: set[tuple[str, int, int]] = set()
    seen_texts = {hash(source.text)}
    for n in range(1, MAX_PASSES + 1):
        outcome.passes = n
        current = outcome.fixed
        findings = engine.check_source(current).findings
        new, applied, skipped = apply_fixes(current.text, findings, unsafe)
        for f in skipped:
            key = (f.code, f.line, f.column)
            if key not in seen_overlap:
                seen_overlap.add(key)
                outcome.overlapping.append(f)
        if not applied or new == current.text:
            return outcome
        outcome.fixed = current.edited(edits_of(applied))
        if outcome.fixed.text != new:  # the file's own text would not get these edits
            break
        outcome.applied += len(applied)
        outcome.applied_findings += applied
        if hash(new) in seen_texts or len(new) > 2 * len(source.text) + 1000:
            break  # a cycle, or a fix that feeds itself: never settles
        seen_texts.add(hash(new))
    outcome.converged = False
    return outcome


def edits_of(findings: list[Finding]) -> list[tuple[int, int, str]]:
    """The distinct edits ``(start, end, replacement)`` of the findings' fixes."""
    return sorted({(f.fix.start, f.fix.end, f.fix.replacement) for f in findings if f.fix})


#: Why fixes were not written, in each language.
MESSAGES = {
    "symlink": Message(
        ja="シンボリックリンクなので修正していません（リンク先のファイルを修正してください）",
        en="is a symbolic link; not fixed (fix the file it points to)",
    ),
    "encoding": Message(
        ja="修正した文章を{encoding}で書けません（{reason}）",
        en="fixed text cannot be written as {encoding}: {reason}",
    ),
    "reread": Message(
        ja="書く前に読み直せません（{reason}）", en="cannot re-read before writing: {reason}"
    ),
    "changed": Message(
        ja="読んだ後にファイルが変わったため修正していません。もう一度実行してください",
        en="changed on disk since it was read; not fixed (run again)",
    ),
    "write": Message(ja="修正を書けません（{reason}）", en="cannot write fixes: {reason}"),
}


class WriteError(EditorError):
    """Fixes that were not written: the file and why."""

    def __init__(self, path: str, message: str | Said) -> None:
        self.path = path
        super().__init__(path, message)

    @property
    def message(self) -> str:
        """Why, in English."""
        return self.describe("en")


def write_fixed(source: SourceText, fixed: SourceText) -> None:
    """Write ``fixed`` over ``source.path`` as the file was encoded, atomically.

    Raises :class:`WriteError` (and leaves the file as it is) if the path is a symbolic
    link (``--fix`` never writes outside the checked tree through one), if the file
    changed on disk since it was read, if the text cannot be encoded, or if writing fails.
    """
    path = source.path
    if os.path.islink(path):
        raise WriteError(path, said(MESSAGES["symlink"]))
    try:
        data = fixed.encoded()
    except UnicodeEncodeError as exc:
        raise WriteError(
            path, said(MESSAGES["encoding"], encoding=source.encoding, reason=exc.reason)
        ) from None
    try:
        with open(path, "rb") as fh:
            current = fh.read()
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise WriteError(path, said(MESSAGES["reread"], reason=reason)) from None
    if current != source.raw:
        raise WriteError(path, said(MESSAGES["changed"]))
    try:
        write_atomic(path, data, mode=mode)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise WriteError(path, said(MESSAGES["write"], reason=reason)) from None
