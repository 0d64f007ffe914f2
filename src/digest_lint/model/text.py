"""Positions and small text helpers shared by the parser, the analysis layer and rules.

Positions are counted in Unicode code points, never bytes or UTF-16 units: full-width
Japanese text makes both of those wrong. Lines and columns are 1-based; offsets are
0-based indexes into the article's normalised text (BOM removed, newlines folded to
``\\n``). Folding CRLF to LF changes no line or column, so positions hold for the file
as it is on disk.
"""

from __future__ import annotations

import bisect
import unicodedata

from pydantic import BaseModel, ConfigDict


class Span(BaseModel):
    """A half-open range ``[start, end)`` of the article text with its 1-based positions."""

    model_config = ConfigDict(frozen=True)

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int


class LineIndex:
    """Maps character offsets to 1-based (line, column) pairs."""

    __slots__ = ("_length", "_starts")

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts
        self._length = len(text)

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, self._length))
        i = bisect.bisect_right(self._starts, offset) - 1
        return i + 1, offset - self._starts[i] + 1

    def span(self, start: int, end: int) -> Span:
        line, column = self.position(start)
        end_line, end_column = self.position(end)
        return Span(
            start=start,
            end=end,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
        )

    def line_start(self, line: int) -> int:
        return self._starts[line - 1]

    @property
    def line_count(self) -> int:
        return len(self._starts)


_WIDTH_TABLE = str.maketrans(
    {chr(0xFF10 + i): chr(0x30 + i) for i in range(10)}
    | {chr(0xFF21 + i): chr(0x41 + i) for i in range(26)}
    | {chr(0xFF41 + i): chr(0x61 + i) for i in range(26)}
    | {"：": ":", "／": "/", "－": "-", "．": ".", "　": " "}
)


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    """``[start, end)`` of the line of ``text`` that ``pos`` is on, without its line end."""
    end = text.find("\n", pos)
    return text.rfind("\n", 0, pos) + 1, len(text) if end == -1 else end


def fold_width(text: str) -> str:
    """Full-width ASCII digits, letters and the date separators to half width.

    Length-preserving, so offsets into the folded text are offsets into the original.
    """
    return text.translate(_WIDTH_TABLE)


def nfkc(text: str) -> str:
    """Unicode NFKC: full/half width folded (``Ｇ７`` → ``G7``, ``ｶﾅ`` → ``カナ``).

    Not length-preserving: use it for comparison keys only, never for offsets.
    """
    return unicodedata.normalize("NFKC", text)


#: Separators inside a foreign name written in katakana (マルコ・ルビオ, ジャン＝ピエール).
NAME_SEPARATORS = "・･=＝"


def is_katakana(ch: str) -> bool:
    """Whether ``ch`` is a full-width katakana letter or the long-vowel mark ー."""
    return "ァ" <= ch <= "ヺ" or ch == "ー"


_END_MARKS = "。．!！?？"


_OPEN = "「『（(【〔［[“《〈≪"


_CLOSE = "」』）)】〕］]”》〉≫"


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` ranges of the sentences of one line of text.

    Splits after runs of 。 ! ? ！ ？ (a run such as ``?。`` ends one sentence), never
    inside 「…」, 『…』 or parentheses; trailing spaces are not part of a sentence.
    """
    out: list[tuple[int, int]] = []
    depth = 0
    start = 0
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in _END_MARKS and depth == 0:
            j = i + 1
            while j < n and (text[j] in _END_MARKS or text[j] in "…"):
                j += 1
            out.append((start, j))
            while j < n and text[j] in " 　\t":
                j += 1
            start = i = j
            continue
        i += 1
    if start < n and text[start:].strip():
        end = n
        while end > start and text[end - 1] in " 　\t":
            end -= 1
        out.append((start, end))
    return out
