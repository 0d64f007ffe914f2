"""Findings as LSP diagnostics, code actions and hovers.

Every position goes through :class:`~digest_lint.server.positions.LineMap`, in the
encoding negotiated with the client. Edits are computed on the client's own text: a fix
is applied to the document with :meth:`SourceText.edited` (which keeps each line's own
ending) and the change is sent as the smallest replacement that gives the new text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from lsprotocol import types

from digest_lint.model.findings import Applicability, Finding, Severity
from digest_lint.model.messages import start_language
from digest_lint.server.linting import LintResult, Problem, client_text
from digest_lint.server.positions import LineMap, Pos, minimal_edits

SOURCE = "digest-lint"
FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.digest-lint"
FIX_ALL_TITLE = "Fix all safe digest-lint problems in this file"
SUPPRESS_COMMENT = "<!-- digest-lint-disable-next-line {code} -->"
SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
PROBLEM_DOCS = "https://github.com/digest-lint/digest-lint#configuration"


def lsp_position(pos: Pos) -> types.Position:
    return types.Position(line=pos.line, character=pos.character)


def pos_of(position: types.Position) -> Pos:
    return Pos(position.line, position.character)


def finding_range(lines: LineMap, f: Finding) -> types.Range:
    return types.Range(
        start=lsp_position(lines.position(f.line, f.column)),
        end=lsp_position(lines.position(f.end_line, f.end_column)),
    )


def _overlaps(a: types.Range, b: types.Range) -> bool:
    a0, a1 = pos_of(a.start), pos_of(a.end)
    b0, b1 = pos_of(b.start), pos_of(b.end)
    return a0 <= b1 and b0 <= a1


def _contains(r: types.Range, p: types.Position) -> bool:
    return pos_of(r.start) <= pos_of(p) <= pos_of(r.end)


# ---------------------------------------------------------------------- diagnostics
def diagnostic(lines: LineMap, f: Finding) -> types.Diagnostic:
    return types.Diagnostic(
        range=finding_range(lines, f),
        message=f"[{f.name}] {f.message}",
        severity=SEVERITY[f.severity],
        code=f.code,
        code_description=types.CodeDescription(href=f.url) if f.url else None,
        source=SOURCE,
        data={"fixable": f.fix is not None},
    )


def problem_diagnostic(lines: LineMap, problem: Problem) -> types.Diagnostic:
    """A problem that kept the document (or a part of the check) from running, on line 1."""
    first = lines.position(1, len(lines.line(0)) + 1)
    return types.Diagnostic(
        range=types.Range(start=types.Position(line=0, character=0), end=lsp_position(first)),
        message=problem.message,
        severity=types.DiagnosticSeverity.Error,
        code=problem.kind,
        code_description=types.CodeDescription(href=PROBLEM_DOCS),
        source=SOURCE,
    )


def diagnostics(result: LintResult, lines: LineMap) -> list[types.Diagnostic]:
    out = [problem_diagnostic(lines, p) for p in result.problems]
    out += [diagnostic(lines, f) for f in result.findings]
    return out


# ---------------------------------------------------------------------- edits
def text_edits(lines: LineMap, new_text: str) -> list[types.TextEdit]:
    """Small replacements of the document (one per changed run of lines) that give
    ``new_text``; none when it is the same."""
    return [
        types.TextEdit(
            range=types.Range(
                start=lsp_position(lines.offset_position(start)),
                end=lsp_position(lines.offset_position(end)),
            ),
            new_text=replacement,
        )
        for start, end, replacement in minimal_edits(lines.text, new_text)
    ]


def workspace_edit(
    uri: str, version: int | None, edits: list[types.TextEdit], document_changes: bool
) -> types.WorkspaceEdit:
    """A workspace edit of one document: versioned when the client takes
    ``documentChanges``, so it refuses an edit of a text that changed meanwhile."""
    if document_changes:
        return types.WorkspaceEdit(
            document_changes=[
                types.TextDocumentEdit(
                    text_document=types.OptionalVersionedTextDocumentIdentifier(
                        uri=uri, version=version
                    ),
                    edits=list(edits),
                )
            ]
        )
    return types.WorkspaceEdit(changes={uri: list(edits)})


def _show(text: str, limit: int = 24) -> str:
    text = text.replace("\n", "⏎")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def fix_title(result: LintResult, f: Finding) -> str:
    fix = f.fix
    assert fix is not None and result.source is not None
    old = result.source.text[fix.start : fix.end]
    new = fix.replacement
    if not old and new.strip() == "" and "\n" in new:
        what = "put the rest of the line on a new line"
    elif not old:
        what = f"insert 「{_show(new)}」"
    elif not new:
        what = f"delete 「{_show(old)}」"
    else:
        what = f"replace 「{_show(old)}」 with 「{_show(new)}」"
    title = f"{f.code}: {what}"
    if fix.applicability == Applicability.UNSAFE:
        title += " (unsafe fix: read the result)"
    return title


def fix_edits(result: LintResult, lines: LineMap, f: Finding) -> list[types.TextEdit]:
    """The edit of one finding's fix, on the client's text."""
    if f.fix is None or result.source is None:
        return []
    fixed = result.source.edited([(f.fix.start, f.fix.end, f.fix.replacement)])
    return text_edits(lines, client_text(fixed))


def fix_all_edits(result: LintResult, lines: LineMap) -> list[types.TextEdit]:
    """Every safe fix of the document, re-checked until nothing changes (as ``--fix``)."""
    from digest_lint.gate.fixes import fix_source

    if result.source is None or result.engine is None:
        return []
    outcome = fix_source(result.engine, result.source)
    if not outcome.converged or not outcome.changed:
        return []
    return text_edits(lines, client_text(outcome.fixed))


def suppress_edit(lines: LineMap, f: Finding) -> types.TextEdit:
    """A ``disable-next-line`` comment for the finding's rule, on a line above it."""
    index = min(max(f.line - 1, 0), lines.line_count - 1)
    comment = SUPPRESS_COMMENT.format(code=f.code)
    at = types.Position(line=index, character=0)
    return types.TextEdit(range=types.Range(start=at, end=at), new_text=comment + lines.newline())


# ---------------------------------------------------------------------- code actions
def allowed(kind: str, only: Sequence[str] | None) -> bool:
    """Whether a code action of ``kind`` answers a request for the kinds ``only``."""
    if not only:
        return True
    return any(kind == o or kind.startswith(f"{o}.") for o in only if o)


def safe_fixes(result: LintResult) -> int:
    return sum(1 for f in result.findings if f.fix is not None and f.fix.applicability == "safe")


def findings_at(
    result: LintResult,
    lines: LineMap,
    where: types.Range,
    diagnostics: Iterable[types.Diagnostic] = (),
) -> list[Finding]:
    """Findings whose range meets ``where`` or that the request's diagnostics name."""
    wanted = {
        (d.code, pos_of(d.range.start), pos_of(d.range.end))
        for d in diagnostics
        if d.source == SOURCE
    }
    out = []
    for f in result.findings:
        r = finding_range(lines, f)
        if _overlaps(r, where) or (f.code, pos_of(r.start), pos_of(r.end)) in wanted:
            out.append(f)
    return out


def code_actions(
    result: LintResult,
    lines: LineMap,
    uri: str,
    version: int | None,
    params: types.CodeActionParams,
    *,
    document_changes: bool,
    resolve_fix_all: bool,
) -> list[types.CodeAction]:
    """Quick fixes (safe ones preferred), suppressions (Markdown) and "fix all safe".

    With ``resolve_fix_all`` the fix-all action carries no edit: the client asks for it
    with ``codeAction/resolve`` (it re-checks the article, so it is not computed for
    every cursor move).
    """
    if not result.checked:
        return []
    only = params.context.only
    out: list[types.CodeAction] = []
    hits = findings_at(result, lines, params.range, params.context.diagnostics)
    quick = allowed(types.CodeActionKind.QuickFix.value, only)
    if quick:
        for f in hits:
            edits = fix_edits(result, lines, f)
            if not edits:
                continue
            out.append(
                types.CodeAction(
                    title=fix_title(result, f),
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic(lines, f)],
                    is_preferred=f.fix is not None and f.fix.applicability == "safe",
                    edit=workspace_edit(uri, version, edits, document_changes),
                )
            )
        if result.markdown:
            for f in hits:
                out.append(
                    types.CodeAction(
                        title=f"{f.code}: suppress on this line "
                        f"(<!-- digest-lint-disable-next-line {f.code} -->)",
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[diagnostic(lines, f)],
                        edit=workspace_edit(
                            uri, version, [suppress_edit(lines, f)], document_changes
                        ),
                    )
                )
    fixable = safe_fixes(result)
    if fixable and (allowed(FIX_ALL_KIND, only) or (quick and hits)):
        data = {"uri": uri, "version": version}
        action = types.CodeAction(
            title=f"{FIX_ALL_TITLE} ({fixable})",
            kind=FIX_ALL_KIND,
            data=data,
        )
        if not resolve_fix_all:
            resolve_fix_all_action(action, result, lines, uri, version, document_changes)
            if action.edit is None:
                return out
        out.append(action)
    return out


def resolve_fix_all_action(
    action: types.CodeAction,
    result: LintResult,
    lines: LineMap,
    uri: str,
    version: int | None,
    document_changes: bool,
) -> types.CodeAction:
    """Fill in the edit of a fix-all action (left without one when nothing settles)."""
    edits = fix_all_edits(result, lines)
    if edits:
        action.edit = workspace_edit(uri, version, edits, document_changes)
    else:
        action.disabled = types.CodeActionDisabled(reason="no safe fix applies")
    return action


# ---------------------------------------------------------------------- hover
def hover(
    result: LintResult, lines: LineMap, position: types.Position, markdown: bool
) -> types.Hover | None:
    """The findings under the cursor: message and ``digest-lint explain`` of each rule."""
    from digest_lint.engine.engine import resolve_rule
    from digest_lint.rules.docs import explain_text

    parts: list[str] = []
    where: types.Range | None = None
    for f in result.findings:
        r = finding_range(lines, f)
        if not _contains(r, position):
            continue
        where = where or r
        rule = resolve_rule(f.code)
        lang = result.engine.config.lang if result.engine is not None else start_language()
        explained = explain_text(rule, lang) if rule is not None else ""
        if markdown:
            reference = (
                f"{f.code} in the rule reference" if lang == "en" else f"ルール一覧の{f.code}"
            )
            parts.append(
                f"**{f.code} {f.name}** ({f.severity.value}): {f.message}\n\n"
                f"```text\n{explained}```\n\n[{reference}]({f.url})"
            )
        else:
            parts.append(f"{f.code} {f.name} ({f.severity.value}): {f.message}\n\n{explained}")
    if not parts:
        return None
    kind = types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText
    separator = "\n\n---\n\n" if markdown else "\n\n"
    return types.Hover(
        contents=types.MarkupContent(kind=kind, value=separator.join(parts)), range=where
    )
