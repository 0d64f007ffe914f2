"""Code points ↔ LSP positions in UTF-8, UTF-16 and UTF-32 (digest_lint.server.positions)."""

from __future__ import annotations

import random

import pytest

pytest.importorskip("lsprotocol")

from digest_lint.server.positions import (
    ENCODINGS,
    UTF8,
    UTF16,
    UTF32,
    LineMap,
    Pos,
    apply_change,
    code_points,
    minimal_edit,
    minimal_edits,
    normalise,
    units,
)

# 💡 and 🚩 are outside the BMP: 2 UTF-16 units, 4 UTF-8 bytes; kana are 3 UTF-8 bytes.
LINE = "💡🚩 ロシアは停戦を急ぐのでしょうか?。"


@pytest.mark.parametrize(
    ("text", "utf8", "utf16", "utf32"),
    [
        ("", 0, 0, 0),
        ("abc", 3, 3, 3),
        ("💡", 4, 2, 1),
        ("日本", 6, 2, 2),
        ("é", 2, 1, 1),
        (LINE[:18], 54, 20, 18),
    ],
)
def test_units_per_encoding(text: str, utf8: int, utf16: int, utf32: int) -> None:
    assert (units(text, UTF8), units(text, UTF16), units(text, UTF32)) == (utf8, utf16, utf32)


@pytest.mark.parametrize(
    ("encoding", "start", "end"),
    [(UTF8, 54, 58), (UTF16, 20, 22), (UTF32, 18, 20)],
)
def test_a_finding_after_astral_emoji_lands_on_its_character(
    encoding: str, start: int, end: int
) -> None:
    # The engine puts 「?。」 at columns 19-21 (code points, 1-based) of line 3.
    lines = LineMap(f"タイトル\r\n\r\n{LINE}\r\n", encoding)
    assert lines.position(3, 19) == Pos(2, start)
    assert lines.position(3, 21) == Pos(2, end)
    assert lines.column(Pos(2, start)) == (3, 19)
    assert lines.column(Pos(2, end)) == (3, 21)


def test_a_bom_is_a_character_of_the_first_line_for_the_client() -> None:
    text = "\ufeff💡x\nあ"
    assert LineMap(text, UTF16).position(1, 2) == Pos(0, 3)  # BOM, 💡 (2 units)
    assert LineMap(text, UTF8).position(1, 2) == Pos(0, 7)  # BOM (3 bytes), 💡 (4)
    assert LineMap(text, UTF32).position(1, 2) == Pos(0, 2)
    assert LineMap(text, UTF16).position(2, 2) == Pos(1, 1)  # only line 1 shifts
    assert LineMap(text, UTF16).column(Pos(0, 3)) == (1, 2)


def test_lines_break_only_where_lsp_breaks_them() -> None:
    # \u2028, \x0c, \x1c and \x85 are not line breaks in LSP (str.splitlines says they are).
    text = "a\u2028b\x0cc\x1cd\x85e\r\nf\rg\nh"
    lines = LineMap(text, UTF16)
    assert lines.line_count == 4
    assert [lines.line(i) for i in range(4)] == ["a\u2028b\x0cc\x1cd\x85e", "f", "g", "h"]
    assert [lines.line_break(i) for i in range(4)] == ["\r\n", "\r", "\n", ""]
    assert lines.position(2, 1) == Pos(1, 0)
    assert lines.newline() == "\r\n"


def test_positions_inside_a_character_or_past_the_end() -> None:
    assert code_points("💡x", 1, UTF16) == 0  # between the two halves of 💡
    assert code_points("💡x", 2, UTF16) == 1
    assert code_points("あx", 2, UTF8) == 0  # inside the three bytes of あ
    assert code_points("あx", 3, UTF8) == 1
    assert code_points("ab", 10, UTF32) == 2
    lines = LineMap("ab\ncd", UTF16)
    assert lines.offset(Pos(0, 99)) == 2  # past the end of the line: its end
    assert lines.offset(Pos(9, 0)) == 5  # past the last line: the end of the text
    assert lines.end() == Pos(1, 2)
    assert lines.offset_position(2) == Pos(0, 2)
    crlf = LineMap("ab\r\ncd", UTF16)
    assert crlf.offset_position(3) == Pos(0, 2)  # inside \r\n: the end of the line


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_offset_round_trips(encoding: str) -> None:
    text = f"\ufeff{LINE}\r\n💡 🚩\rあいう\n\nend"
    lines = LineMap(text, encoding)
    for offset in range(len(text) + 1):
        if text[offset - 1 : offset + 1] == "\r\n":
            continue  # inside a line break
        assert lines.offset(lines.offset_position(offset)) == offset


@pytest.mark.parametrize(
    ("encoding", "start", "end"), [(UTF8, (0, 4), (0, 7)), (UTF16, (0, 2), (0, 3))]
)
def test_incremental_changes_use_the_encoding(
    encoding: str, start: tuple[int, int], end: tuple[int, int]
) -> None:
    assert apply_change("💡あ\nb", Pos(*start), Pos(*end), "い", encoding) == "💡い\nb"
    assert apply_change("a\nb", Pos(1, 0), Pos(1, 1), "c\r\nd", encoding) == "a\nc\r\nd"


def test_normalise_is_what_the_engine_reads() -> None:
    assert normalise("\ufeffa\r\nb\rc\n") == "a\nb\nc\n"


def test_minimal_edit_keeps_the_common_ends_and_never_splits_a_crlf() -> None:
    assert minimal_edit("same", "same") is None
    assert minimal_edit("米露の首脳", "米ロの首脳") == (1, 2, "ロ")
    # Inserting a line break before "b": the edit must not start between \r and \n.
    old, new = "a\r\nb", "a\r\n\r\nb"
    start, end, text = minimal_edit(old, new) or (0, 0, "")
    assert old[:start] + text + old[end:] == new
    assert old[start - 1 : start + 1] != "\r\n" and old[end - 1 : end + 1] != "\r\n"


def test_minimal_edits_are_one_per_changed_run_of_lines() -> None:
    old = "一\n米露\n三\n四\n五?。\n"
    new = "一\n米ロ\n三\n四\n五?\n"
    assert minimal_edits(old, new) == [(3, 4, "ロ"), (11, 12, "")]


def test_minimal_edits_rebuild_the_new_text() -> None:
    rng = random.Random(18)
    alphabet = ["a", "あ", "💡", "\n", "\r\n", "\r", " "]
    for _ in range(400):
        old = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 14)))
        new = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 14)))
        edits = minimal_edits(old, new)
        out, last = old, len(old) + 1
        for start, end, text in reversed(edits):
            assert start <= end <= last  # in order, not overlapping
            for edge in (start, end):
                assert old[edge - 1 : edge + 1] != "\r\n" or edge == 0
            out = out[:start] + text + out[end:]
            last = start
        assert out == new, (old, new, edits)
