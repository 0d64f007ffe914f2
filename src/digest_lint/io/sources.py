"""Finding and reading article files: discovery, decoding, and clear input errors.

Every problem with an input (missing, unreadable, binary, undecodable, a symlink loop) is
an :class:`InputError` with a one-line message naming the file; the run goes on with the
other files and exits 2 at the end.
"""

from __future__ import annotations

import bisect
import dataclasses
import errno
import fnmatch
import glob
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from digest_lint.model.messages import EditorError, Message, Said, said, verbatim

STDIN = "-"

#: What input errors and notes say, in each language (rendered where they are printed).
MESSAGES = {
    "no-file": Message(ja="ファイルがありません。パスを確かめてください", en="no such file"),
    "no-path": Message(
        ja="ファイルもディレクトリもありません。パスを確かめてください",
        en="no such file or directory",
    ),
    "broken-link": Message(
        ja="ファイルがありません（リンク先のないシンボリックリンク？）",
        en="no such file (broken symbolic link?)",
    ),
    "link-loop": Message(ja="シンボリックリンクが循環しています", en="symbolic link loop"),
    "directory": Message(ja="ディレクトリです（ファイルを指定してください）", en="is a directory"),
    "permission": Message(ja="読む権限がありません", en="permission denied"),
    "unreadable": Message(ja="読めません（{reason}）", en="{reason}"),
    "binary": Message(
        ja="テキストではないファイル（NULバイトを含む）なので確認しませんでした",
        en="binary file (contains NUL bytes), not checked",
    ),
    "undecodable": Message(
        ja="UTF-8・Shift_JIS・EUC-JPのどれでも読めないため確認しませんでした"
        "（{offset}バイト目が不正）。UTF-8で保存し直してください",
        en="not UTF-8, Shift_JIS or EUC-JP text (invalid byte at offset {offset})",
    ),
    "decoded-as": Message(
        ja="UTF-8ではないため{encoding}として読みました。UTF-8で保存し直すことをお勧めします",
        en="not UTF-8; decoded as {encoding}",
    ),
    "needs-fsspec": Message(
        ja="URLを読むにはfsspecが必要です: pip install 'digest-lint[dask]'",
        en="URLs need fsspec: pip install 'digest-lint[dask]'",
    ),
    "url-needs-dask": Message(
        ja="URLです。fsspecのURLを読むのは `digest-lint check --dask` だけです",
        en="a URL: only `digest-lint check --dask` reads fsspec URLs",
    ),
    "url-unreadable": Message(ja="読めません（{reason}）", en="cannot read: {reason}"),
    "url-unlistable": Message(ja="一覧を取得できません（{reason}）", en="cannot list: {reason}"),
    "no-match": Message(ja="一致するファイルがありません", en="no files match"),
    "no-articles": Message(
        ja="記事が見つかりません（{patterns} のファイルを探しました）",
        en="no articles found (looked for {patterns})",
    ),
}


class InputError(EditorError):
    """An input that cannot be checked: the file and what is wrong with it."""

    def __init__(self, path: str, message: str | Said) -> None:
        self.path = path
        super().__init__(path, message)

    @property
    def message(self) -> str:
        """What is wrong, in English."""
        return self.describe("en")


@dataclass(frozen=True)
class SourceText:
    """A decoded article and how to write it back as it was."""

    path: str
    text: str
    """Decoded, BOM removed, newlines folded to ``\\n``."""
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"
    note: Said | None = None
    """Said once on stderr, e.g. that the file was decoded as Shift_JIS."""
    raw: bytes = b""
    """The file's bytes as read (what must still be on disk when fixes are written)."""
    decoded: str | None = None
    """The text with its own line endings, once edited (None: decoded from ``raw``)."""

    def encode(self, text: str) -> bytes:
        """``text`` (with ``\\n`` newlines) encoded the way the file was."""
        out = text.replace("\n", self.newline) if self.newline != "\n" else text
        data = out.encode(self.encoding)
        return (b"\xef\xbb\xbf" + data) if self.bom else data

    def original(self) -> str:
        """The decoded text with its own line endings (BOM removed)."""
        if self.decoded is not None:
            return self.decoded
        if not self.raw:
            return self.text.replace("\n", self.newline) if self.newline != "\n" else self.text
        body = self.raw[3:] if self.bom else self.raw
        return body.decode(self.encoding)

    def encoded(self) -> bytes:
        """The bytes to write for this text: its own line endings, encoding and BOM.

        Raises :class:`UnicodeEncodeError` when the text does not fit the encoding.
        """
        data = self.original().encode(self.encoding)
        return (b"\xef\xbb\xbf" + data) if self.bom else data

    def edited(self, edits: Iterable[tuple[int, int, str]]) -> SourceText:
        """This source with ``edits`` (``start, end, replacement`` in :attr:`text`
        offsets, not overlapping) applied to the file as it is: every other byte, each
        line's own ending (``\\r\\n``, ``\\r``, ``\\n``) and the BOM stay as they were;
        a newline inside a replacement takes the ending of the line it is inserted in.
        """
        ordered = sorted(edits)
        if not ordered:
            return self
        original = self.original()
        if original == self.text:  # LF only: offsets are the same
            out = self.text
            for start, end, replacement in reversed(ordered):
                out = out[:start] + replacement + out[end:]
            return dataclasses.replace(self, text=out, decoded=out)
        # Map offsets of the folded text to the original: every \r\n is one \n there.
        crlf = [m.start() for m in re.finditer("\r\n", original)]
        folded_at = [pos - i for i, pos in enumerate(crlf)]

        def raw_offset(offset: int) -> int:
            return offset + bisect.bisect_left(folded_at, offset)

        out = original
        for start, end, replacement in reversed(ordered):
            a, b = raw_offset(start), raw_offset(end)
            if "\n" in replacement:
                replacement = replacement.replace("\n", _ending_at(original, a, self.newline))
            out = out[:a] + replacement + out[b:]
        folded = out.replace("\r\n", "\n").replace("\r", "\n")
        return dataclasses.replace(self, text=folded, decoded=out)


_ENDING = re.compile(r"\r\n|\r|\n")


def _ending_at(text: str, offset: int, default: str) -> str:
    """The line ending of the line that contains ``offset``; on a last line without one,
    the ending of the line before (``default`` in a one-line text)."""
    m = _ENDING.search(text, offset)
    if m is not None:
        return m.group(0)
    cr, lf = text.rfind("\r", 0, offset), text.rfind("\n", 0, offset)
    if lf == -1 and cr == -1:
        return default
    if lf > cr:
        return "\r\n" if lf > 0 and text[lf - 1] == "\r" else "\n"
    return "\r"


_FALLBACKS = (("cp932", "Shift_JIS (CP932)"), ("euc_jp", "EUC-JP"))


def _implausible(text: str) -> int:
    """How much of ``text`` looks like mojibake: half-width katakana, C1 controls, PUA."""
    return sum(
        1
        for ch in text
        if "\uff61" <= ch <= "\uff9f" or "\x80" <= ch <= "\x9f" or "\ue000" <= ch <= "\uf8ff"
    )


def decode(path: str, raw: bytes) -> SourceText:
    if b"\x00" in raw[:8192]:
        raise InputError(path, said(MESSAGES["binary"]))
    bom = raw.startswith(b"\xef\xbb\xbf")
    body = raw[3:] if bom else raw
    encoding = "utf-8"
    note = None
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = exc.start + (3 if bom else 0)
        candidates: list[tuple[int, str, str, str]] = []
        for enc, label in _FALLBACKS:
            try:
                decoded = body.decode(enc)
            except UnicodeDecodeError:
                continue
            candidates.append((_implausible(decoded), enc, label, decoded))
        if not candidates:
            raise InputError(path, said(MESSAGES["undecodable"], offset=bad)) from None
        # Both legacy codecs accept many byte strings; keep the reading with the fewest
        # half-width katakana and control characters (mojibake), Shift_JIS on a tie.
        _, encoding, label, text = min(candidates, key=lambda c: c[0])
        note = said(MESSAGES["decoded-as"], encoding=label)
    if "\r\n" in text:
        newline = "\r\n"
    elif "\r" in text:
        newline = "\r"
    else:
        newline = "\n"
    if newline != "\n":
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceText(path, text, encoding, bom, newline, note, raw)


def is_url(path: str) -> bool:
    """An fsspec URL (``s3://…``, ``file://…``, ``memory://…``), not a local path."""
    return "://" in path


def read_source(path: str, location: str | None = None) -> SourceText:
    """Read and decode one article file (``-`` reads standard input).

    ``location`` is where to read it if not at ``path``: another spelling of the file
    (absolute) or an fsspec URL (``check --dask``); the article is named ``path``.
    """
    if path == STDIN:
        import sys

        return decode("<stdin>", sys.stdin.buffer.read())
    where = location or path
    try:
        if is_url(where):
            raw = _read_url(where)
        else:
            with open(where, "rb") as fh:
                raw = fh.read()
    except FileNotFoundError:
        raise InputError(path, said(MESSAGES["no-file"])) from None
    except IsADirectoryError:
        raise InputError(path, said(MESSAGES["directory"])) from None
    except PermissionError:
        raise InputError(path, said(MESSAGES["permission"])) from None
    except OSError as exc:
        raise InputError(path, _os_message(exc)) from None
    return decode(path, raw)


def _read_url(url: str) -> bytes:
    """The bytes at an fsspec URL; a missing extra is an input error, not a crash."""
    try:
        import fsspec
    except ImportError:
        raise InputError(url, said(MESSAGES["needs-fsspec"])) from None
    try:
        fs, where = fsspec.core.url_to_fs(url)
        data: bytes = fs.cat_file(where)
    except OSError:
        raise  # missing, permission denied, …: the messages of local files
    except Exception as exc:  # a filesystem's own errors (credentials, protocol, …)
        reason = f"{type(exc).__name__}: {exc}"
        raise InputError(url, said(MESSAGES["url-unreadable"], reason=reason)) from None
    return data


def _os_message(exc: OSError) -> Said:
    if exc.errno == errno.ELOOP:
        return said(MESSAGES["link-loop"])
    if exc.errno == errno.ENOENT:
        return said(MESSAGES["broken-link"])
    return said(MESSAGES["unreadable"], reason=exc.strerror or str(exc))


def _matches(rel: str, patterns: list[str]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) for p in patterns)


def discover(
    paths: list[str], include: list[str], exclude: list[str], urls: bool = False
) -> tuple[list[str], list[InputError]]:
    """Files to check under ``paths``, in a stable order, each once; plus input errors.

    Directories are walked without following directory symlinks (no loops); files named
    explicitly are checked whatever their extension. With ``urls``, a path may also be an
    fsspec URL: a file, a directory (walked in the same order) or a glob
    (``s3://bucket/archive/**/*.txt``).
    """
    files: list[str] = []
    errors: list[InputError] = []
    seen: set[str] = set()

    def add(p: str, key: str | None = None) -> None:
        key = key or _identity(p)
        if key not in seen:
            seen.add(key)
            files.append(p)

    def fail(p: str, message: Said) -> None:
        key = _identity(p)
        if key not in seen:
            seen.add(key)
            errors.append(InputError(p, message))

    for p in paths:
        if p == STDIN:
            add(p)
            continue
        if is_url(p):
            if not urls:
                fail(p, said(MESSAGES["url-needs-dask"]))
                continue
            try:
                for display, key in _discover_url(p, include, exclude):
                    add(display, key)
            except InputError as exc:
                fail(p, exc.what if isinstance(exc.what, Said) else verbatim(exc.what))
            continue
        if os.path.islink(p) and not os.path.exists(p):
            try:
                os.stat(p)
            except OSError as exc:
                fail(p, _os_message(exc))
                continue
        if os.path.isdir(p):
            found: list[str] = []
            for root, dirs, names in os.walk(p, onerror=None):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    full = os.path.join(root, name)
                    rel = os.path.relpath(full, p).replace(os.sep, "/")
                    if _matches(rel, include) and not _matches(rel, exclude):
                        found.append(full)
            if not found:
                fail(p, said(MESSAGES["no-articles"], patterns=tuple(include)))
            for f in found:
                if os.path.islink(f) and not os.path.exists(f):
                    try:
                        os.stat(f)
                    except OSError as exc:
                        fail(f, _os_message(exc))
                        continue
                add(f)
        elif os.path.exists(p) or os.path.islink(p):
            rel = Path(p).as_posix()
            if not _matches(rel, exclude):
                add(p)
        else:
            fail(p, said(MESSAGES["no-path"]))
    return files, errors


def _walk_order(rel: str) -> list[tuple[int, str]]:
    """Sort key of a relative path in :func:`os.walk` order: a directory's own files
    (by name) before its subdirectories (by name)."""
    parts = rel.split("/")
    return [(1, d) for d in parts[:-1]] + [(0, parts[-1])]


def _discover_url(url: str, include: list[str], exclude: list[str]) -> list[tuple[str, str]]:
    """``(path as reported, identity)`` of the files at an fsspec URL (file, directory or
    glob), in the order :func:`discover` gives local files. Raises :class:`InputError`."""
    try:
        import fsspec
    except ImportError:
        raise InputError(url, said(MESSAGES["needs-fsspec"])) from None
    try:
        fs, root = fsspec.core.url_to_fs(url)
        if glob.has_magic(root):
            # The part before the first wildcard is the root the globs are relative to.
            prefix = re.split(r"[*?\[]", root, maxsplit=1)[0].rsplit("/", 1)[0]
            entries = fs.glob(root, detail=True)
            found = [
                (name, name[len(prefix) :].lstrip("/"))
                for name, info in entries.items()
                if info.get("type") != "directory"
            ]
            found = [
                (n, r)
                for n, r in found
                if not _matches(r, exclude)
                and not any(d.startswith(".") for d in r.split("/")[:-1])
            ]
            if not found:
                raise InputError(url, said(MESSAGES["no-match"]))
            found.sort(key=lambda e: _walk_order(e[1]))
            return [(fs.unstrip_protocol(n), fs.unstrip_protocol(n)) for n, _ in found]
        if fs.isdir(root):
            base = root.rstrip("/")
            files = []
            for name in fs.find(root, withdirs=False):
                rel = name[len(base) :].lstrip("/")
                if any(d.startswith(".") for d in rel.split("/")[:-1]):
                    continue
                if _matches(rel, include) and not _matches(rel, exclude):
                    files.append((name, rel))
            if not files:
                raise InputError(url, said(MESSAGES["no-articles"], patterns=tuple(include)))
            files.sort(key=lambda e: _walk_order(e[1]))
            head = url.rstrip("/")
            return [(f"{head}/{rel}", fs.unstrip_protocol(n)) for n, rel in files]
        if fs.isfile(root):
            if _matches(url, exclude):
                return []
            return [(url, fs.unstrip_protocol(root))]
    except InputError:
        raise
    except Exception as exc:  # a filesystem's own errors (credentials, protocol, …)
        reason = f"{type(exc).__name__}: {exc}"
        raise InputError(url, said(MESSAGES["url-unlistable"], reason=reason)) from None
    raise InputError(url, said(MESSAGES["no-path"]))


def _identity(path: str) -> str:
    """One key per file however it is spelled (``a.txt``, ``./a.txt``, via a symlink)."""
    if path == STDIN or is_url(path):
        return path
    try:
        return os.path.realpath(path)
    except (OSError, RuntimeError):  # pragma: no cover - realpath is lenient
        return os.path.abspath(path)
