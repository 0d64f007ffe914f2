"""DL001 unused-suppression."""

from __future__ import annotations

from collections.abc import Iterable

from digest_lint.model.findings import Severity, Violation
from digest_lint.rules.base import Context, FixAvailability, Rule


class UnusedSuppression(Rule):
    """A suppression comment that suppresses nothing.

    What it flags: a ``<!-- digest-lint-disable-next-line … -->`` or
    ``<!-- digest-lint-disable … -->`` comment in a Markdown article whose rule found
    nothing on the lines it covers, or that names no rule at all. Only rules that ran are
    judged, so ``--select DL1`` does not make a DL302 suppression look stale.

    Why it matters: a stale suppression hides the next real defect on that line, and
    readers of the source cannot tell which exceptions still matter.

    Example: ``<!-- digest-lint-disable-next-line DL302 -->`` above a line whose title was
    corrected since.

    Fix: delete the comment, or the codes in it that are no longer needed. No automatic
    fix.
    """

    code = "DL001"
    name = "unused-suppression"
    severity = Severity.INFO
    scope = "article"
    fix_availability = FixAvailability.NEVER

    def check(self, ctx: Context) -> Iterable[Violation]:
        # The engine reports unused suppressions once every rule (corpus rules included)
        # has run: see digest_lint.engine.suppression and Engine.unused_suppressions.
        return ()
