"""Text output like ruff: ``path:line:col: CODE [name] message``, then a summary."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace

import click

from digest_lint.formatters import FormatContext
from digest_lint.formatters.excerpt import LineSource, excerpt
from digest_lint.model.findings import Applicability, Finding, Severity
from digest_lint.model.messages import Message, Said, counted, said

_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})


def printable(text: str) -> str:
    """``text`` with control, bidi-format and line-separator characters escaped
    (``\\n``, ``\\x1b``, ``\\u202e``): a file name or a quoted label can neither forge a
    report line nor drive the terminal. Spaces (full-width too) are kept."""
    if text.isprintable():
        return text
    category = unicodedata.category
    return "".join(
        ch.encode("unicode_escape").decode("ascii") if category(ch) in _UNSAFE_CATEGORIES else ch
        for ch in text
    )


def iter_text(findings: Iterable[Finding], ctx: FormatContext) -> Iterator[str]:
    """One line per finding, then the statistics and the summary, in one pass."""
    style = click.style if ctx.color else (lambda s, **_: s)
    by: Counter[Severity] = Counter()
    paths: set[str] = set()
    safe = unsafe = 0
    source = LineSource(ctx.sources) if ctx.full else None
    for f in findings:
        where = style(f"{printable(f.path)}:{f.line}:{f.column}:", bold=True)
        code = style(f.code, fg=_COLORS[f.severity], bold=True)
        is_safe = f.fix is not None and f.fix.applicability == Applicability.SAFE
        mark = " [*]" if is_safe else ""
        yield f"{where} {code}{mark} [{f.name}] {printable(f.message)}\n"
        if source is not None:
            yield from excerpt(f, source.line(f.path, f.line), ctx.lang)
        by[f.severity] += 1
        paths.add(f.path)
        safe += is_safe
        unsafe += f.fix is not None and f.fix.applicability == Applicability.UNSAFE
    total = sum(by.values())
    if not ctx.quiet:
        yield _summary(total, by, len(paths), safe, unsafe, ctx) + "\n"


def format_text(findings: Iterable[Finding], ctx: FormatContext) -> str:
    return "".join(iter_text(findings, ctx))


def iter_concise(findings: Iterable[Finding], ctx: FormatContext) -> Iterator[str]:
    """One line per finding (``path:line:col: CODE [name] message``), for scripts."""
    return iter_text(findings, replace(ctx, full=False))


def format_concise(findings: Iterable[Finding], ctx: FormatContext) -> str:
    return "".join(iter_concise(findings, ctx))


#: The words of the summary line, in each language.
MESSAGES = {
    "file": Message(ja="{n}ファイル", en="{n} file"),
    "files": Message(ja="{n}ファイル", en="{n} files"),
    "problem": Message(ja="{n}件の問題", en="{n} problem"),
    "problems": Message(ja="{n}件の問題", en="{n} problems"),
    "error": Message(ja="エラー{n}", en="{n} error"),
    "errors": Message(ja="エラー{n}", en="{n} errors"),
    "warning": Message(ja="警告{n}", en="{n} warning"),
    "warnings": Message(ja="警告{n}", en="{n} warnings"),
    "info": Message(ja="情報{n}", en="{n} info"),
    "infos": Message(ja="情報{n}", en="{n} infos"),
    "found": Message(
        ja="{files}中{with_problems}ファイルで{problems}（{parts}）",
        en="Found {problems} ({parts}) in {with_problems} of {files}.",
    ),
    "not-checked": Message(
        ja="。{failed}は確認できませんでした（上記参照）",
        en=" {failed} could not be checked (see above).",
    ),
    "passed": Message(
        ja="問題は見つかりませんでした（{files}）", en="All checks passed! ({files} checked)"
    ),
    "clean-but-failed": Message(
        ja="確認した{files}に問題は見つかりませんでした。{failed}は確認できませんでした（上記参照）",
        en="No problems found in {files} checked; {failed} could not be checked (see above).",
    ),
    "fixable": Message(
        ja="[*] {safe}件は --fix で修正できます。", en="[*] {safe} fixable with --fix."
    ),
    "fixable-unsafe": Message(
        ja="[*] {safe}件は --fix で修正できます（--unsafe-fixes でさらに{unsafe}件）。",
        en="[*] {safe} fixable with --fix ({unsafe} more with --unsafe-fixes).",
    ),
    "fixable-only-unsafe": Message(
        ja="[*] {unsafe}件は --fix --unsafe-fixes で修正できます（要確認の修正）。",
        en="[*] {unsafe} fixable with --fix --unsafe-fixes (fixes to review).",
    ),
}


def _count(n: int, one: str) -> Said:
    return counted(n, MESSAGES[one], MESSAGES[one + "s"])


def _summary(
    total: int, by: Counter[Severity], files: int, safe: int, unsafe: int, ctx: FormatContext
) -> str:
    lang = ctx.lang
    checked = _count(ctx.files, "file")
    failed = _count(len(ctx.failed), "file") if ctx.failed else None
    if not total:
        if failed is not None:
            return said(MESSAGES["clean-but-failed"], files=checked, failed=failed).render(lang)
        return said(MESSAGES["passed"], files=checked).render(lang)
    parts = [_count(by[s], s.value) for s in Severity if by[s]]
    line = said(
        MESSAGES["found"],
        problems=_count(total, "problem"),
        parts=parts,
        with_problems=files,
        files=checked,
    ).render(lang)
    if failed is not None:
        line += said(MESSAGES["not-checked"], failed=failed).render(lang)
    if ctx.fixable_hint and (safe or unsafe):
        key = "fixable" if not unsafe else "fixable-unsafe" if safe else "fixable-only-unsafe"
        line += "\n" + said(MESSAGES[key], safe=safe, unsafe=unsafe).render(lang)
    return line
