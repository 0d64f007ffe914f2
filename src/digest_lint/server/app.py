"""``digest-lint server``: the language server (pygls), speaking LSP over stdio.

Diagnostics are published when a document is opened or saved, and after a pause in its
changes (``--debounce SECONDS``). Every check runs on one worker thread, so the
connection stays responsive while an article is checked and checks never race; a result
for a version of the document that has changed meanwhile is dropped.

The server keeps the documents' text itself (full or incremental sync, ranges in the
negotiated position encoding, lines split only at ``\\n``, ``\\r\\n`` and ``\\r`` as LSP
says). No handler lets an exception out: a failure is a ``window/logMessage``, and a
problem with the config, a pack or the index is a diagnostic on line 1 plus one
``window/showMessage``.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import os
import sys
import traceback
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method
from pygls.uris import to_fs_path

from digest_lint import __version__
from digest_lint.server import actions
from digest_lint.server.linting import Linter, LintResult, Problem
from digest_lint.server.positions import ENCODINGS, UTF16, LineMap, Pos, apply_change

logger = logging.getLogger("digest_lint.server")

DEFAULT_DEBOUNCE = 0.3
ARTICLE_LANGUAGES = {"markdown": ".md", "plaintext": ".txt", "text": ".txt"}
WATCHED = ("**/digest-lint.toml", "**/.digest-lint.toml", "**/pyproject.toml", "**/*.yaml")

T = TypeVar("T")


@dataclass
class Document:
    uri: str
    text: str
    version: int | None
    language_id: str = ""


@dataclass
class Checked:
    """The last result published for a document, with the line map it was built on."""

    version: int | None
    result: LintResult
    lines: LineMap


@dataclass
class Settings:
    """What the command line (and the client's ``initializationOptions``) set."""

    config_file: str | None = None
    index_file: str | None = None
    debounce: float = DEFAULT_DEBOUNCE


class Protocol(LanguageServerProtocol):
    """pygls's protocol, except that documents are kept by :class:`DigestLintServer`.

    pygls's own workspace splits lines with :meth:`str.splitlines` (at ``\\u2028``,
    ``\\x0c``…), which would apply incremental changes to the wrong line.
    """

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams) -> Any:
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_OPEN)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams) -> Any:
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams) -> Any:
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_CLOSE)) is not None:
            yield handler, (params,), None


class DigestLintServer(LanguageServer):
    def __init__(self, settings: Settings) -> None:
        super().__init__(
            "digest-lint",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            protocol_cls=Protocol,
        )
        self.settings = settings
        self.linter = Linter(settings.config_file, settings.index_file)
        self.documents: dict[str, Document] = {}
        self.checked: dict[str, Checked] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.shown: dict[str, set[str]] = {}
        """Per document, the problems it has that were shown with ``window/showMessage``:
        a problem is shown once while any document has it, and again after it went away."""
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="digest-lint-check")

    # ------------------------------------------------------------------ helpers
    @property
    def encoding(self) -> str:
        try:
            value = self.workspace.position_encoding
        except RuntimeError:  # not initialised yet
            return UTF16
        text = str(getattr(value, "value", value) or UTF16)
        return text if text in ENCODINGS else UTF16

    def log(self, message: str, kind: types.MessageType = types.MessageType.Log) -> None:
        with contextlib.suppress(Exception):
            self.window_log_message(types.LogMessageParams(type=kind, message=message))

    def show(self, message: str, kind: types.MessageType = types.MessageType.Error) -> None:
        with contextlib.suppress(Exception):
            self.window_show_message(types.ShowMessageParams(type=kind, message=message))

    def failed(self, what: str, exc: BaseException) -> None:
        """A handler failed: log it (with the traceback) and go on serving."""
        detail = "".join(traceback.format_exception(exc)).rstrip()
        self.log(f"digest-lint: {what} failed: {exc!r}\n{detail}", types.MessageType.Error)

    def capability(self, field: str, default: Any = None) -> Any:
        try:
            return get_capability(self.client_capabilities, field, default)
        except Exception:
            return default

    def path_of(self, doc: Document) -> str:
        """The file the document is: its path for a ``file:`` URI, else a name in its
        workspace folder whose suffix follows the language (``.md`` for Markdown)."""
        path = to_fs_path(doc.uri) if doc.uri.startswith("file:") else None
        if path:
            return path
        suffix = ARTICLE_LANGUAGES.get(doc.language_id, "")
        name = doc.uri.rsplit("/", 1)[-1].rsplit(":", 1)[-1] or "untitled"
        if not name.lower().endswith((".txt", ".md", ".markdown")):
            name += suffix or ".txt"
        return os.path.join(self.folder_of(None) or os.getcwd(), name)

    def folder_of(self, path: str | None) -> str | None:
        """The workspace folder that holds ``path`` (the deepest), else the first one."""
        try:
            folders = list(self.workspace.folders.values())
            root = self.workspace.root_path
        except RuntimeError:
            return None
        paths = [p for f in folders if (p := to_fs_path(f.uri))]
        if root and not paths:
            paths = [root]
        if path is not None:
            inside = [p for p in paths if path == p or path.startswith(p.rstrip(os.sep) + os.sep)]
            if inside:
                return max(inside, key=len)
        return paths[0] if paths else None

    def uris(self) -> list[str]:
        return list(self.documents)

    # ------------------------------------------------------------------ checking
    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.pool, functools.partial(fn, *args))

    def schedule(self, uri: str, delay: float) -> None:
        """Check ``uri`` after ``delay`` seconds, replacing a check already waiting."""
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.pending[uri] = asyncio.ensure_future(self._later(uri, delay))

    async def _later(self, uri: str, delay: float) -> None:
        try:
            if delay > 0:
                await asyncio.sleep(delay)
            await self.check(uri)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            self.failed(f"checking {uri}", exc)
        finally:
            if self.pending.get(uri) is asyncio.current_task():
                del self.pending[uri]

    async def check(self, uri: str) -> Checked | None:
        """Check the document's current text and publish its diagnostics."""
        doc = self.documents.get(uri)
        if doc is None:
            return None
        version, text = doc.version, doc.text
        path = self.path_of(doc)
        result = await self.run(self.linter.lint, path, text, self.folder_of(path))
        current = self.documents.get(uri)
        if current is None or current.version != version or current.text != text:
            return None  # changed (or closed) meanwhile: a newer check follows
        lines = LineMap(text, self.encoding)
        checked = Checked(version, result, lines)
        self.checked[uri] = checked
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, version=version, diagnostics=actions.diagnostics(result, lines)
            )
        )
        self.report(uri, result.problems)
        return checked

    def report(self, uri: str, problems: list[Problem]) -> None:
        """Log internal errors; show each problem once while documents have it."""
        already = set().union(*(v for k, v in self.shown.items() if k != uri))
        previous = self.shown.get(uri, set())
        for p in problems:
            if p.detail:
                self.log(f"digest-lint: {p.message}\n{p.detail}", types.MessageType.Error)
            if p.kind == "input-error" or p.message in already or p.message in previous:
                continue
            self.show(f"digest-lint: {p.message}")
        self.shown[uri] = {p.message for p in problems if p.kind != "input-error"}

    async def current(self, uri: str) -> Checked | None:
        """The result for the document as it is now (checking it if need be)."""
        doc = self.documents.get(uri)
        if doc is None:
            return None
        checked = self.checked.get(uri)
        if (
            checked is not None
            and checked.version == doc.version
            and checked.lines.text == doc.text
            and checked.lines.encoding == self.encoding
        ):
            return checked
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        return await self.check(uri)

    def recheck_all(self) -> None:
        for uri in self.uris():
            self.schedule(uri, 0)


def guarded(
    what: str, default: Any = None
) -> Callable[[Callable[..., Awaitable[Any]]], Callable[..., Awaitable[Any]]]:
    """Run a handler so that no exception leaves it: log it and answer ``default``."""

    def wrap(fn: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
        @functools.wraps(fn)
        async def handler(ls: DigestLintServer, params: Any) -> Any:
            try:
                return await fn(ls, params)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                ls.failed(what, exc)
                return default

        return handler

    return wrap


def _settings_from(ls: DigestLintServer, options: Any) -> None:
    """``initializationOptions`` ``{"config", "index", "debounce"}``: a command-line flag
    wins; relative paths are relative to the first workspace folder."""
    if not isinstance(options, dict):
        return
    base = ls.folder_of(None) or os.getcwd()

    def path(value: Any) -> str | None:
        if not isinstance(value, str) or not value:
            return None
        return str(Path(base, os.path.expanduser(value)))

    s = ls.settings
    if s.config_file is None and (config := path(options.get("config"))):
        s.config_file = config
    if s.index_file is None and (index := path(options.get("index"))):
        s.index_file = index
    debounce = options.get("debounce")
    if (
        isinstance(debounce, int | float)
        and not isinstance(debounce, bool)
        and debounce >= 0
        and s.debounce == DEFAULT_DEBOUNCE
    ):
        s.debounce = float(debounce)
    ls.linter = Linter(s.config_file, s.index_file)


def _warm_up(ls: DigestLintServer) -> None:
    """Load the tokenizer and the packs before the first document arrives."""
    ls.linter.lint(os.path.join(os.getcwd(), "warm-up.txt"), "公開日:2025/01/01\n")


def create_server(settings: Settings | None = None) -> DigestLintServer:
    ls = DigestLintServer(settings or Settings())

    @ls.feature(types.INITIALIZE)
    def initialize(ls: DigestLintServer, params: types.InitializeParams) -> None:
        try:
            _settings_from(ls, params.initialization_options)
        except Exception as exc:
            ls.failed("reading initializationOptions", exc)

    @ls.feature(types.INITIALIZED)
    @guarded("initialized")
    async def initialized(ls: DigestLintServer, params: types.InitializedParams) -> None:
        ls.log(
            f"digest-lint {__version__} language server: positions in {ls.encoding}, "
            f"debounce {ls.settings.debounce:g}s, "
            f"citation index {ls.settings.index_file or 'none (DL106 not run)'}",
            types.MessageType.Info,
        )
        ls.pool.submit(_warm_up, ls)
        if ls.capability("workspace.did_change_watched_files.dynamic_registration", False):
            watchers = [types.FileSystemWatcher(glob_pattern=g) for g in WATCHED]
            await ls.client_register_capability_async(
                types.RegistrationParams(
                    registrations=[
                        types.Registration(
                            id="digest-lint-config",
                            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=types.DidChangeWatchedFilesRegistrationOptions(
                                watchers=watchers
                            ),
                        )
                    ]
                )
            )

    @ls.feature(types.TEXT_DOCUMENT_DID_OPEN)
    @guarded("didOpen")
    async def did_open(ls: DigestLintServer, params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        ls.documents[item.uri] = Document(item.uri, item.text, item.version, item.language_id)
        ls.schedule(item.uri, 0)

    @ls.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    @guarded("didChange")
    async def did_change(ls: DigestLintServer, params: types.DidChangeTextDocumentParams) -> None:
        doc = ls.documents.get(params.text_document.uri)
        if doc is None:
            return
        text = doc.text
        for change in params.content_changes:
            if isinstance(change, types.TextDocumentContentChangePartial):
                r = change.range
                text = apply_change(
                    text,
                    Pos(r.start.line, r.start.character),
                    Pos(r.end.line, r.end.character),
                    change.text,
                    ls.encoding,
                )
            else:
                text = change.text
        doc.text = text
        doc.version = params.text_document.version
        ls.schedule(doc.uri, ls.settings.debounce)

    @ls.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=True))
    @guarded("didSave")
    async def did_save(ls: DigestLintServer, params: types.DidSaveTextDocumentParams) -> None:
        doc = ls.documents.get(params.text_document.uri)
        if doc is None:
            return
        if params.text is not None and params.text != doc.text:
            doc.text = params.text
        ls.schedule(doc.uri, 0)

    @ls.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    @guarded("didClose")
    async def did_close(ls: DigestLintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.documents.pop(uri, None)
        ls.checked.pop(uri, None)
        ls.shown.pop(uri, None)
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    @ls.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    @guarded("didChangeWatchedFiles")
    async def watched(ls: DigestLintServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.recheck_all()

    @ls.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    @guarded("didChangeConfiguration")
    async def configuration(
        ls: DigestLintServer, params: types.DidChangeConfigurationParams
    ) -> None:
        ls.recheck_all()

    @ls.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL_KIND],
            resolve_provider=True,
        ),
    )
    @guarded("codeAction", default=[])
    async def code_action(
        ls: DigestLintServer, params: types.CodeActionParams
    ) -> list[types.CodeAction]:
        uri = params.text_document.uri
        checked = await ls.current(uri)
        if checked is None:
            return []
        resolvable = ls.capability("text_document.code_action.resolve_support.properties", [])
        lazy = "edit" in (resolvable or [])
        if lazy:
            return actions.code_actions(
                checked.result,
                checked.lines,
                uri,
                checked.version,
                params,
                document_changes=bool(
                    ls.capability("workspace.workspace_edit.document_changes", False)
                ),
                resolve_fix_all=True,
            )
        return await ls.run(
            functools.partial(
                actions.code_actions,
                checked.result,
                checked.lines,
                uri,
                checked.version,
                params,
                document_changes=bool(
                    ls.capability("workspace.workspace_edit.document_changes", False)
                ),
                resolve_fix_all=False,
            )
        )

    @ls.feature(types.CODE_ACTION_RESOLVE)
    @guarded("codeAction/resolve")
    async def resolve(ls: DigestLintServer, action: types.CodeAction) -> types.CodeAction:
        data = action.data if isinstance(action.data, dict) else {}
        uri = data.get("uri")
        if action.kind != actions.FIX_ALL_KIND or not isinstance(uri, str):
            return action
        checked = await ls.current(uri)
        if checked is None:
            return action
        return await ls.run(
            actions.resolve_fix_all_action,
            action,
            checked.result,
            checked.lines,
            uri,
            checked.version,
            bool(ls.capability("workspace.workspace_edit.document_changes", False)),
        )

    @ls.feature(types.TEXT_DOCUMENT_HOVER)
    @guarded("hover")
    async def hover(ls: DigestLintServer, params: types.HoverParams) -> types.Hover | None:
        checked = await ls.current(params.text_document.uri)
        if checked is None:
            return None
        formats = ls.capability("text_document.hover.content_format", []) or []
        markdown = types.MarkupKind.Markdown in formats or "markdown" in formats
        return actions.hover(checked.result, checked.lines, params.position, markdown)

    @ls.feature(types.SHUTDOWN)
    def shutdown(ls: DigestLintServer, params: None) -> None:
        for task in ls.pending.values():
            task.cancel()
        ls.pending.clear()
        ls.pool.shutdown(wait=False, cancel_futures=True)

    return ls


def serve(
    config_file: str | None = None,
    index_file: str | None = None,
    debounce: float = DEFAULT_DEBOUNCE,
    stdin: BinaryIO | None = None,
    stdout: BinaryIO | None = None,
) -> None:
    """Serve one client over stdio until it says ``exit`` (or goes away), then end the
    process: status 0 after a ``shutdown`` request, else 1, as LSP says."""
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    out = stdout or sys.stdout.buffer
    # Whatever prints by mistake goes to stderr: stdout carries the protocol.
    sys.stdout = sys.stderr
    ls = create_server(Settings(config_file, index_file, debounce))
    try:
        ls.start_io(stdin or sys.stdin.buffer, out)
    finally:
        ls.pool.shutdown(wait=False, cancel_futures=True)
    # LSP: exit status 0 after a shutdown request, 1 when the client left without one.
    status = 0 if ls.protocol._shutdown else 1
    with contextlib.suppress(Exception):
        out.flush()
        sys.stderr.flush()
    # Skip the interpreter's teardown (joining pygls's stdin reader thread, freeing the
    # dictionary): the editor waits for the process to end.
    os._exit(status)
