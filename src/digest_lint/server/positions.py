"""Positions between the engine (Unicode code points) and an LSP client (its encoding).

The engine's findings carry 1-based lines and columns counted in code points of the
normalised text (BOM removed, ``\\r\\n`` and ``\\r`` folded to ``\\n``). An LSP client counts
0-based lines split at ``\\n``, ``\\r\\n`` and ``\\r`` — the same lines, so only the column
changes — and characters in the position encoding negotiated at ``initialize``: UTF-16
code units by default, UTF-8 bytes or UTF-32 code points when the client offers them.

Japanese text is three bytes a character in UTF-8, and emoji outside the BMP (💡, 🚩) are
two UTF-16 units, so a finding after ``💡`` is at a different ``character`` in each
encoding. :class:`LineMap` holds the document as the client has it and converts both ways.
Nothing here uses :meth:`str.splitlines`, which also splits at ``\\x0c``, ``\\u2028`` and
other characters that LSP does not count as line breaks.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass
from typing import Final

UTF8: Final = "utf-8"
UTF16: Final = "utf-16"
UTF32: Final = "utf-32"
ENCODINGS: Final = (UTF8, UTF16, UTF32)
BOM: Final = "\ufeff"

_BREAK = re.compile(r"\r\n|\r|\n")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def units(text: str, encoding: str) -> int:
    """The length of ``text`` in code units of ``encoding``."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _char_units(ch: str, encoding: str) -> int:
    code = ord(ch)
    if encoding == UTF8:
        return 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4
    return 2 if code > 0xFFFF else 1


def code_points(line: str, n_units: int, encoding: str) -> int:
    """The code-point index in ``line`` of a position ``n_units`` code units in.

    A position inside a character (between the two UTF-16 units of 💡, inside a UTF-8
    sequence) falls back to the start of that character; past the end is the end.
    """
    if n_units <= 0:
        return 0
    if encoding == UTF32 or (encoding == UTF16 and line.isascii()):
        return min(n_units, len(line))
    if encoding == UTF8 and line.isascii():
        return min(n_units, len(line))
    count = 0
    for i, ch in enumerate(line):
        count += _char_units(ch, encoding)
        if count > n_units:
            return i
        if count == n_units:
            return i + 1
    return len(line)


@dataclass(frozen=True, order=True)
class Pos:
    """A client position: 0-based line and character in the negotiated encoding."""

    line: int
    character: int


class LineMap:
    """A document as the client has it, and conversions of positions in it.

    ``text`` is the client's text: it may start with a BOM and use any line endings.
    Offsets taken or returned by the ``*_offset`` methods index this text.
    """

    __slots__ = ("_ends", "_starts", "bom", "encoding", "text")

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        if encoding not in ENCODINGS:
            raise ValueError(f"unknown position encoding {encoding!r}")
        self.text = text
        self.encoding = encoding
        self.bom = text.startswith(BOM)
        starts = [0]
        ends: list[int] = []
        for m in _BREAK.finditer(text):
            ends.append(m.start())
            starts.append(m.end())
        ends.append(len(text))
        self._starts = starts
        self._ends = ends

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line(self, index: int) -> str:
        """The text of 0-based line ``index`` without its line break."""
        return self.text[self._starts[index] : self._ends[index]]

    def line_break(self, index: int) -> str:
        """The line break that ends line ``index`` (``""`` on the last line)."""
        return (
            self.text[self._ends[index] : self._starts[index + 1]]
            if index + 1 < len(self._starts)
            else ""
        )

    def newline(self) -> str:
        """The document's line break for new lines: its first one, else ``\\n``."""
        m = _BREAK.search(self.text)
        return m.group(0) if m else "\n"

    # --------------------------------------------------------------- engine → client
    def position(self, line: int, column: int) -> Pos:
        """The client position of the engine's 1-based ``line``:``column`` (code points
        of the normalised text, whose first line has no BOM)."""
        index = min(max(line - 1, 0), len(self._starts) - 1)
        cp = max(column - 1, 0) + (1 if self.bom and index == 0 else 0)
        text = self.line(index)
        return Pos(index, units(text[: min(cp, len(text))], self.encoding))

    def offset_position(self, offset: int) -> Pos:
        """The client position of a code-point ``offset`` into :attr:`text`.

        An offset inside a ``\\r\\n`` is the end of its line."""
        offset = min(max(offset, 0), len(self.text))
        index = bisect.bisect_right(self._starts, offset) - 1
        start = self._starts[index]
        cp = min(offset, self._ends[index]) - start
        return Pos(index, units(self.text[start : start + cp], self.encoding))

    # --------------------------------------------------------------- client → text
    def offset(self, pos: Pos) -> int:
        """The code-point offset into :attr:`text` of a client position.

        As LSP says, a character past the end of its line is the end of the line; a line
        past the last is the end of the document.
        """
        if pos.line >= len(self._starts):
            return len(self.text)
        if pos.line < 0:
            return 0
        text = self.line(pos.line)
        return self._starts[pos.line] + code_points(text, pos.character, self.encoding)

    def column(self, pos: Pos) -> tuple[int, int]:
        """The engine's 1-based ``(line, column)`` of a client position."""
        offset = self.offset(pos)
        index = min(max(pos.line, 0), len(self._starts) - 1)
        column = offset - self._starts[index] + 1
        if self.bom and index == 0:
            column = max(column - 1, 1)
        return index + 1, column

    def end(self) -> Pos:
        """The position of the end of the document."""
        return self.offset_position(len(self.text))


def apply_change(text: str, start: Pos, end: Pos, new_text: str, encoding: str) -> str:
    """``text`` with the client range ``[start, end)`` replaced by ``new_text``."""
    lines = LineMap(text, encoding)
    a, b = lines.offset(start), lines.offset(end)
    if b < a:
        a, b = b, a
    return text[:a] + new_text + text[b:]


def normalise(text: str) -> str:
    """The engine's text of a client document: BOM removed, line breaks folded to ``\\n``."""
    if text.startswith(BOM):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def minimal_edit(old: str, new: str) -> tuple[int, int, str] | None:
    """One replacement ``(start, end, text)`` of ``old`` that gives ``new`` (None if equal).

    The common prefix and suffix are left alone; neither edge splits a ``\\r\\n``.
    """
    if old == new:
        return None
    limit = min(len(old), len(new))
    p = 0
    while p < limit and old[p] == new[p]:
        p += 1
    s = 0
    while s < limit - p and old[len(old) - 1 - s] == new[len(new) - 1 - s]:
        s += 1
    start, end_old, end_new = p, len(old) - s, len(new) - s
    if 0 < start < len(old) and old[start - 1] == "\r" and old[start] == "\n":
        start -= 1
    if 0 < end_old < len(old) and old[end_old - 1] == "\r" and old[end_old] == "\n":
        end_old += 1
        end_new += 1
    return start, end_old, new[start:end_new]


def _line_starts(text: str) -> tuple[list[str], list[int]]:
    lines = _LINE.findall(text)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return lines, starts


def minimal_edits(old: str, new: str) -> list[tuple[int, int, str]]:
    """Replacements ``(start, end, text)`` of ``old`` (in order, not overlapping) that
    give ``new``: one per run of changed lines, each trimmed by :func:`minimal_edit`, so
    that an editor keeps its cursor, folds and marks on the lines left alone."""
    if old == new:
        return []
    a, a_at = _line_starts(old)
    b, b_at = _line_starts(new)
    out: list[tuple[int, int, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        edit = minimal_edit(old[a_at[i1] : a_at[i2]], new[b_at[j1] : b_at[j2]])
        if edit is not None:
            start, end, text = edit
            out.append((a_at[i1] + start, a_at[i1] + end, text))
    return out
