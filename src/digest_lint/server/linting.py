"""Checking one open document the way ``digest-lint check`` checks one file.

Nothing here speaks LSP: :class:`Linter` takes a document's path and its text as the
client has it, finds the config (``--config FILE``, else upward from the file, else
upward from its workspace folder), builds the engine (cached per config file and its
modification time), and returns the findings (per-file ignores, suppression comments
and DL001 applied, as a run does) or the problem that stopped the check.

Corpus rules (DL106) need other articles. With a citation index (``--index FILE``) the
document is compared with the indexed articles, as ``check --index FILE doc`` does.
Without one the server sees one article at a time, so corpus rules are not run at all:
DL106 reports nothing and a suppression comment naming DL106 is not reported as unused.

The packs are re-read when a pack file changes (its size or modification time), so an
editor fixing a pack sees the result on the next check.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import fnmatch
import os
import sys
import threading
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from digest_lint.config import MESSAGES as CONFIG_MESSAGES
from digest_lint.config import Config, ConfigError, find_config, load_config
from digest_lint.engine.runner import internal_error
from digest_lint.io.sources import MESSAGES as SOURCE_MESSAGES
from digest_lint.io.sources import SourceText
from digest_lint.knowledge.packs import MESSAGES as PACK_MESSAGES
from digest_lint.knowledge.packs import PackError, pack_files
from digest_lint.model.findings import Finding
from digest_lint.model.messages import said, start_language
from digest_lint.rules.base import CorpusRule
from digest_lint.server.positions import BOM, normalise

if TYPE_CHECKING:
    from digest_lint.engine.engine import Engine
    from digest_lint.gate.index import CitationIndex

MARKDOWN_SUFFIXES = (".md", ".markdown")
#: The package whose caches hold what was read from the packs (cleared when a pack changes).
KNOWLEDGE = "digest_lint.knowledge"


@dataclass(frozen=True)
class Problem:
    """What kept a document from being checked, or a part of the check from running.

    ``kind`` is the diagnostic code: ``config-error``, ``pack-error``, ``index-error``,
    ``input-error`` or ``internal-error``.
    """

    kind: str
    message: str
    detail: str = ""
    """For the log: the traceback of an internal error."""


@dataclass
class LintResult:
    path: str
    text: str
    """The document's text as the client has it."""
    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    source: SourceText | None = None
    """What the engine checked (None when nothing was checked)."""
    engine: Engine | None = None
    checked: bool = False
    """False for an excluded, empty or unreadable document, or one that could not be
    checked (see :attr:`problems`)."""

    @property
    def markdown(self) -> bool:
        return is_markdown(self.path)


def is_markdown(path: str) -> bool:
    return path.lower().endswith(MARKDOWN_SUFFIXES)


def source_of(path: str, text: str) -> SourceText:
    """The article the engine checks for a client document.

    ``decoded`` keeps the client's own line endings (BOM removed), so an edit computed on
    the normalised text maps back onto the client's text (see :meth:`SourceText.edited`).
    """
    body = text[1:] if text.startswith(BOM) else text
    if "\r\n" in body:
        newline = "\r\n"
    elif "\r" in body:
        newline = "\r"
    else:
        newline = "\n"
    return SourceText(
        path,
        normalise(text),
        bom=text.startswith(BOM),
        newline=newline,
        decoded=body,
    )


def client_text(source: SourceText) -> str:
    """The client's text of an (edited) source: its own line endings and BOM."""
    return (BOM if source.bom else "") + source.original()


def _matches(rel: str, patterns: Iterable[str]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) for p in patterns)


def forget_packs() -> None:
    """Clear every cache of what was read from the packs: the knowledge layer's (the
    tokenizer and everything else outside it stay)."""
    for name, module in list(sys.modules.items()):
        if module is None or not (name == KNOWLEDGE or name.startswith(f"{KNOWLEDGE}.")):
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear) and getattr(value, "__module__", "").startswith(KNOWLEDGE):
                clear()


def _signature(paths: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    out: list[tuple[str, int, int]] = []
    for p in paths:
        try:
            st = p.stat()
        except OSError:
            continue
        out.append((str(p), st.st_mtime_ns, st.st_size))
    return tuple(out)


class Linter:
    """The server's checks: config discovery, engines, the index, the packs' freshness.

    One thread uses a linter at a time (the server runs every check on one worker
    thread): the index's SQLite connection is opened on, and used from, that thread.
    """

    def __init__(self, config_file: str | None = None, index_file: str | None = None) -> None:
        self.config_file = config_file
        self.index_file = index_file
        self._engines: dict[tuple[object, ...], Engine] = {}
        self._index: CitationIndex | None = None
        self._index_thread: int | None = None
        self._packs: dict[tuple[str, ...], tuple[tuple[str, int, int], ...]] = {}

    # ------------------------------------------------------------------ config
    def config_path(self, path: str, folder: str | None) -> Path | None:
        """``--config FILE``, else the config found upward from the file (if it is on
        disk), else upward from its workspace folder."""
        if self.config_file:
            return Path(self.config_file)
        start = Path(path)
        if start.parent.is_dir():
            found = find_config(start)
            if found is not None:
                return found
        if folder:
            return find_config(Path(folder))
        return None

    def engine(self, path: str, folder: str | None) -> tuple[Engine, Path | None]:
        """The engine for the document at ``path`` (raises ConfigError)."""
        from digest_lint.engine.engine import Engine

        config_path = self.config_path(path, folder)
        stamp: tuple[int, int] | None = None
        if config_path is not None:
            try:
                st = config_path.stat()
            except OSError:
                raise ConfigError(config_path, "no such config file") from None
            stamp = (st.st_mtime_ns, st.st_size)
        key = (str(config_path), stamp, dt.date.today(), self.index_file is not None)
        engine = self._engines.get(key)
        if engine is None:
            config = load_config(config_path) if config_path is not None else Config()
            engine = Engine.build(config, str(config_path) if config_path else None)
            if self.index_file is None:
                # One article at a time: corpus rules have nothing to compare with.
                rules = [a for a in engine.rules if not isinstance(a.rule, CorpusRule)]
                engine = dataclasses.replace(engine, rules=rules)
            self._engines = {k: v for k, v in self._engines.items() if k[0] != key[0]}
            self._engines[key] = engine
        return engine, config_path

    def _fresh_packs(self, engine: Engine) -> None:
        """Forget what was read from the packs if a pack file changed since last time."""
        signature = _signature(pack_files(engine.pack_dirs))
        previous = self._packs.get(engine.pack_dirs)
        if previous is not None and previous != signature:
            forget_packs()
            self._packs.clear()
        self._packs[engine.pack_dirs] = signature

    def excluded(self, engine: Engine, path: str, base: Path | None) -> bool:
        """Whether ``check`` would leave the file out: not an article by ``include``
        (a Markdown or text file always counts), or matched by ``exclude``."""
        config = engine.config
        rel = os.path.basename(path)
        if base is not None:
            with contextlib.suppress(ValueError):  # another drive (Windows)
                rel = os.path.relpath(path, base).replace(os.sep, "/")
        if config.exclude and _matches(rel, config.exclude):
            return True
        article = path.lower().endswith((".txt", *MARKDOWN_SUFFIXES))
        return not article and not _matches(rel, config.include)

    # ------------------------------------------------------------------ index
    def index(self) -> CitationIndex | None:
        """The citation index, opened on first use (raises CitationIndexError)."""
        if self.index_file is None:
            return None
        if self._index is None or self._index_thread != threading.get_ident():
            from digest_lint.gate.index import CitationIndex

            self._index = CitationIndex.open(self.index_file)
            self._index_thread = threading.get_ident()
        return self._index

    def close(self) -> None:
        if self._index is not None and self._index_thread == threading.get_ident():
            self._index.close()
        self._index = None

    # ------------------------------------------------------------------ checking
    def lint(self, path: str, text: str, folder: str | None = None) -> LintResult:
        """Check one document; never raises (a failure is a :class:`Problem`)."""
        result = LintResult(path, text)
        try:
            self._lint(result, folder)
        except ConfigError as exc:
            lang = start_language()
            text = said(CONFIG_MESSAGES["error"], error=exc.render(lang)).render(lang)
            result.problems.append(Problem("config-error", text))
        except PackError as exc:
            lang = result.engine.config.lang if result.engine else start_language()
            text = said(PACK_MESSAGES["error"], error=exc.render(lang)).render(lang)
            result.problems.append(Problem("pack-error", text))
        except Exception as exc:  # a bug of digest-lint on this document
            result.findings = []
            result.checked = False
            result.problems.append(
                Problem(
                    "internal-error",
                    f"internal error, article not checked: {internal_error(exc)}. This is "
                    "a bug in digest-lint; please report it with the article",
                    detail="".join(traceback.format_exception(exc)).rstrip(),
                )
            )
        return result

    def _lint(self, result: LintResult, folder: str | None) -> None:
        from digest_lint.gate.index import CitationIndexError

        path, text = result.path, result.text
        engine, config_path = self.engine(path, folder)
        result.engine = engine
        base = config_path.parent if config_path else (Path(folder) if folder else None)
        if self.excluded(engine, path, base):
            return
        if "\x00" in text[:8192]:
            binary = said(SOURCE_MESSAGES["binary"]).render(engine.config.lang)
            result.problems.append(Problem("input-error", binary))
            return
        if not text.strip():
            return
        self._fresh_packs(engine)
        source = source_of(path, text)
        checked = engine.check_source(source)
        findings = list(checked.findings)
        directives = {path: checked.directives}
        if self.index_file is not None:
            extras: dict[str, object] = {}
            try:
                index = self.index()
            except CitationIndexError as exc:
                result.problems.append(
                    Problem("index-error", f"citation index not used (DL106 skipped): {exc}")
                )
                index = None
            if index is not None:
                extras["index"] = index.view([path])
                summaries = [(path, checked.summary)] if checked.summary else []
                for f in engine.finish(summaries, extras):
                    findings.extend(engine.settle(f.path, [f], checked.directives))
        findings.extend(engine.unused_suppressions(directives))
        result.findings = sorted(findings, key=lambda f: f.sort_key)
        result.source = source
        result.checked = True
