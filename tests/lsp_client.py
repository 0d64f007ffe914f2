"""A real LSP client for the server tests: pytest-lsp's, over the server's stdio.

It records every ``textDocument/publishDiagnostics`` with its document version, so a
test can wait for the diagnostics of the version it sent. Positions are converted here
with the test's own arithmetic (not the server's ``positions`` module).
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from digest_lint.cli import main

SERVER_DEFAULTS = [sys.executable, "-m", "digest_lint", "server"]
SERVER = [*SERVER_DEFAULTS, "--debounce", "0"]
ENCODINGS = ("utf-8", "utf-16", "utf-32")


class Client(LanguageClient):
    published: dict[str, list[types.PublishDiagnosticsParams]]


def record(client: Client, params: types.PublishDiagnosticsParams) -> None:
    client.published.setdefault(params.uri, []).append(params)
    client.diagnostics[params.uri] = params.diagnostics


def make_client() -> Client:
    client = Client(converter_factory=default_converter)
    client.published = {}
    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = record
    register_lsp_features(client, features)
    return client


def capabilities(encodings: list[str] | None) -> types.ClientCapabilities:
    """What a modern editor says it can do (VS Code-like), offering ``encodings``."""
    kinds = [types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll, "source"]
    return types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=encodings),
        workspace=types.WorkspaceClientCapabilities(
            workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=True),
        ),
        text_document=types.TextDocumentClientCapabilities(
            hover=types.HoverClientCapabilities(
                content_format=[types.MarkupKind.Markdown, types.MarkupKind.PlainText]
            ),
            code_action=types.CodeActionClientCapabilities(
                code_action_literal_support=types.ClientCodeActionLiteralOptions(
                    code_action_kind=types.ClientCodeActionKindOptions(value_set=kinds)
                ),
                resolve_support=types.ClientCodeActionResolveOptions(properties=["edit"]),
                is_preferred_support=True,
                data_support=True,
                disabled_support=True,
            ),
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(
                version_support=True, code_description_support=True, data_support=True
            ),
        ),
    )


async def initialize(
    client: Client,
    encodings: list[str] | None,
    folder: Path,
    options: dict[str, Any] | None = None,
) -> types.InitializeResult:
    return await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities(encodings),
            root_uri=folder.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=folder.as_uri(), name=folder.name)],
            initialization_options=options,
        )
    )


async def published(
    client: Client, uri: str, version: int | None, timeout: float = 60
) -> list[types.Diagnostic]:
    """The diagnostics published for ``version`` of ``uri`` (waiting for them)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for params in reversed(client.published.get(uri, [])):
            if params.version == version:
                return list(params.diagnostics)
        await asyncio.sleep(0.005)
    raise TimeoutError(f"no diagnostics for {uri} version {version} in {timeout}s")


def open_document(
    client: Client, uri: str, text: str, version: int = 1, language: str = "plaintext"
) -> None:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id=language, version=version, text=text
            )
        )
    )


def change_document(
    client: Client, uri: str, version: int, edits: list[types.TextEdit] | str
) -> None:
    """Send edits as a client applying them does: last first, so that each change's
    range is still right when it is applied (or the whole text)."""
    changes: list[types.TextDocumentContentChangeEvent]
    if isinstance(edits, str):
        changes = [types.TextDocumentContentChangeWholeDocument(text=edits)]
    else:
        ordered = sorted(
            edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
        )
        changes = [
            types.TextDocumentContentChangePartial(range=e.range, text=e.new_text) for e in ordered
        ]
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=changes,
        )
    )


# ------------------------------------------------------------------ the test's own positions
def split_lines(text: str) -> list[str]:
    """Lines as LSP splits them (\\n, \\r\\n, \\r), without their breaks."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def to_units(prefix: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(prefix.encode("utf-8"))
    if encoding == "utf-16":
        return len(prefix.encode("utf-16-le")) // 2
    return len(prefix)


def lsp_position(lines: list[str], line: int, column: int, encoding: str) -> tuple[int, int]:
    """A 1-based code-point line:column (``check --format json``) as an LSP position."""
    return line - 1, to_units(lines[line - 1][: column - 1], encoding)


def offset_of(text: str, line: int, character: int, encoding: str) -> int:
    """The code-point offset in ``text`` of an LSP position."""
    starts = [0]
    i = 0
    while i < len(text):
        if text[i] == "\r" and text[i + 1 : i + 2] == "\n":
            starts.append(i + 2)
            i += 2
            continue
        if text[i] in "\r\n":
            starts.append(i + 1)
        i += 1
    if line >= len(starts):
        return len(text)
    body = split_lines(text)[line]
    n = 0
    while n < len(body) and to_units(body[: n + 1], encoding) <= character:
        n += 1
    return starts[line] + n


def apply_edits(text: str, edits: list[types.TextEdit], encoding: str) -> str:
    spans = [
        (
            offset_of(text, e.range.start.line, e.range.start.character, encoding),
            offset_of(text, e.range.end.line, e.range.end.character, encoding),
            e.new_text,
        )
        for e in edits
    ]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def edits_of(edit: types.WorkspaceEdit | None, uri: str) -> list[types.TextEdit]:
    assert edit is not None
    out: list[types.TextEdit] = []
    for change in edit.document_changes or []:
        assert isinstance(change, types.TextDocumentEdit)
        assert change.text_document.uri == uri
        out += [e for e in change.edits if isinstance(e, types.TextEdit)]
    for u, edits in (edit.changes or {}).items():
        assert u == uri
        out += list(edits)
    return out


# ------------------------------------------------------------------ the command line
def check_json(path: Path | str, *args: str, text: str | None = None) -> list[dict[str, Any]]:
    """``digest-lint check --format json`` on the file (or on ``text`` named ``path``)."""
    argv = ["check", "--format", "json", "--no-cache", "--exit-zero", *args]
    if text is None:
        result = CliRunner().invoke(main, [*argv, str(path)])
    else:
        result = CliRunner().invoke(main, [*argv, "--stdin-filename", str(path), "-"], input=text)
    assert result.exit_code == 0, result.output
    findings: list[dict[str, Any]] = json.loads(result.stdout)
    return findings


def check_fix(path: Path | str, text: str) -> str:
    """``digest-lint check --fix -``: the article with every safe fix applied."""
    result = CliRunner().invoke(
        main, ["check", "--fix", "--no-cache", "--stdin-filename", str(path), "-"], input=text
    )
    return result.stdout


def expected_diagnostics(
    findings: list[dict[str, Any]], text: str, encoding: str
) -> list[tuple[str, tuple[int, int], tuple[int, int], str]]:
    lines = split_lines(text)
    return sorted(
        (
            f["code"],
            lsp_position(lines, f["line"], f["column"], encoding),
            lsp_position(lines, f["end_line"], f["end_column"], encoding),
            f["severity"],
        )
        for f in findings
    )


SEVERITY = {1: "error", 2: "warning", 3: "info"}


def got_diagnostics(
    diagnostics: list[types.Diagnostic],
) -> list[tuple[str, tuple[int, int], tuple[int, int], str]]:
    return sorted(
        (
            str(d.code),
            (d.range.start.line, d.range.start.character),
            (d.range.end.line, d.range.end.character),
            SEVERITY[int(d.severity or 1)],
        )
        for d in diagnostics
    )
