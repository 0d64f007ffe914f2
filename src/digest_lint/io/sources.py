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
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from digest_lint.model.messages import EditorError, Message, Said, said

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


def read_source(path: str) -> SourceText:
    """Read and decode one article file (``-`` reads standard input)."""
    if path == STDIN:
        import sys

        return decode("<stdin>", sys.stdin.buffer.read())
    try:
        with open(path, "rb") as fh:
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
    paths: list[str], include: list[str], exclude: list[str]
) -> tuple[list[str], list[InputError]]:
    """Files to check under ``paths``, in a stable order, each once; plus input errors.

    Directories are walked without following directory symlinks (no loops); files named
    explicitly are checked whatever their extension.
    """
    files: list[str] = []
    errors: list[InputError] = []
    seen: set[str] = set()

    def add(p: str) -> None:
        key = _identity(p)
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


def _identity(path: str) -> str:
    """One key per file however it is spelled (``a.txt``, ``./a.txt``, via a symlink)."""
    if path == STDIN:
        return path
    try:
        return os.path.realpath(path)
    except (OSError, RuntimeError):  # pragma: no cover - realpath is lenient
        return os.path.abspath(path)
