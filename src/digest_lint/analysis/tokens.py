"""SudachiPy tokens: one tokenizer per process, created once, used by the analysis layer.

Rules never tokenize: they read :class:`Token` lists from
:class:`~digest_lint.analysis.Analysis`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

#: Parts of speech (first level) whose tokens carry meaning.
_CONTENT_POS = frozenset({"名詞", "動詞", "形容詞"})
#: Second-level parts of speech that are never content (numbers, pronouns).
_NON_CONTENT_POS2 = frozenset({"数詞", "代名詞"})
#: Third-level: counters and bound forms.
_NON_CONTENT_POS3 = frozenset({"助数詞", "助数詞可能"})


class Token:
    """One morpheme with offsets into the article text.

    Plain strings and ints only: a token keeps no reference to SudachiPy's morpheme list,
    so the list (and its lattice) is freed as soon as a block is tokenized.
    """

    __slots__ = ("dictionary", "end", "normalized", "pos", "start", "surface")

    surface: str
    normalized: str
    """SudachiPy's normalized form: 米ロ → 米露, 引っ越し → 引越し."""
    dictionary: str
    """Dictionary (lemma) form: 行っ → 行く."""
    pos: tuple[str, ...]
    """Six-level part of speech; [4] is the conjugation type, [5] the form."""
    start: int
    end: int

    def __init__(
        self,
        surface: str,
        normalized: str,
        pos: tuple[str, ...],
        start: int,
        end: int,
        dictionary: str | None = None,
    ) -> None:
        self.surface = surface
        self.normalized = normalized
        self.pos = pos
        self.start = start
        self.end = end
        self.dictionary = surface if dictionary is None else dictionary

    def __repr__(self) -> str:
        return f"Token({self.surface!r}, {self.normalized!r}, {self.start}, {self.end})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Token):
            return NotImplemented
        return (self.surface, self.normalized, self.pos, self.start, self.end) == (
            other.surface,
            other.normalized,
            other.pos,
            other.start,
            other.end,
        )

    def __hash__(self) -> int:
        return hash((self.surface, self.start, self.end))

    @property
    def is_content(self) -> bool:
        """Nouns, proper nouns, verbs and adjectives; no numbers, counters or pronouns."""
        pos = self.pos
        if pos[0] not in _CONTENT_POS:
            return False
        if pos[1] in _NON_CONTENT_POS2 or pos[2] in _NON_CONTENT_POS3:
            return False
        return not (pos[0] == "動詞" and pos[1] == "非自立可能")

    @property
    def is_proper_noun(self) -> bool:
        return self.pos[0] == "名詞" and self.pos[1] == "固有名詞"

    @property
    def is_number(self) -> bool:
        return self.pos[1] == "数詞"


@dataclass(frozen=True, slots=True)
class Lexeme:
    """A dictionary word of SudachiPy, read from a form tokenized alone."""

    normalized: str
    dictionary: str
    pos: tuple[str, ...]


#: Distinct strings shared between tokens before the tables are cleared.
_MAX_SHARED = 500_000
#: SudachiPy refuses an input longer than 49,149 bytes (UTF-8); longer text is tokenized
#: in pieces below this size (with room to spare).
MAX_INPUT_BYTES = 40_000
_BREAKS = (
    ("。", "．", "!", "！", "?", "？", "\n"),
    ("、", "，", ",", "」", "』", "）", ")"),
    (" ", "　", "\t"),
)


def chunks(text: str, max_bytes: int) -> list[tuple[int, int]]:
    """``[start, end)`` pieces of ``text``, each at most ``max_bytes`` in UTF-8, cut after
    a sentence end if the piece has one, else after a comma or a closing bracket, else at
    a space, else anywhere (a run of letters that long is no word)."""
    out: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while start < n:
        # The longest piece from ``start`` that fits (a character is at most 4 bytes).
        end = min(n, start + max_bytes // 4)
        while end < n and len(text[start : min(n, end + 1024)].encode("utf-8")) <= max_bytes:
            end = min(n, end + 1024)
        if end < n:
            cut = -1
            for marks in _BREAKS:
                cut = max(text.rfind(mark, start, end) for mark in marks)
                if cut > start:
                    break
            if cut > start:
                end = cut + 1
        out.append((start, end))
        start = end
    return out


class _Tokenizer:
    """A SudachiPy tokenizer (mode C) with part-of-speech tuples cached by id."""

    def __init__(self) -> None:
        from sudachipy import Dictionary, SplitMode  # imported lazily: it loads the dictionary

        self._dictionary = Dictionary()
        self._tokenizer = self._dictionary.tokenizer(mode=SplitMode.C)
        # Every part of speech of the dictionary, by id (about 1,600): one list index per
        # token instead of a call.
        table: list[tuple[str, ...]] = []
        while (pos := self._dictionary.pos_of(len(table))) is not None:
            table.append(tuple(pos))
        self._pos = table
        self._lock = threading.Lock()
        #: Fields of dictionary words by word id, and one string object per distinct
        #: surface or form: tokens share them instead of holding copies.
        self._words: dict[int, tuple[str, str, tuple[str, ...]]] = {}
        self._surfaces: dict[str, str] = {}

    def pos_of(self, pos_id: int) -> tuple[str, ...]:
        return self._pos[pos_id]

    def senses(self, form: str, pos0: str) -> frozenset[str]:
        """Normalized forms of the dictionary entries written ``form`` with first-level
        part of speech ``pos0`` (かかる: 掛かる, 罹る)."""
        with self._lock:
            entries: Any = self._dictionary.lookup(form)
            return frozenset(
                m.normalized_form() for m in entries if self._pos[m.part_of_speech_id()][0] == pos0
            )

    def lookup(self, form: str) -> Lexeme | None:
        """The dictionary word ``form`` is, if tokenizing it alone gives one token that is
        not out of vocabulary."""
        if not form:
            return None
        with self._lock:
            morphemes: Any = self._tokenizer.tokenize(form)
            if len(morphemes) != 1 or morphemes[0].is_oov():
                return None
            m = morphemes[0]
            return Lexeme(
                m.normalized_form(), m.dictionary_form(), self._pos[m.part_of_speech_id()]
            )

    def tokenize(self, text: str, offset: int = 0) -> list[Token]:
        if not text:
            return []
        if len(text) * 4 > MAX_INPUT_BYTES and len(text.encode("utf-8")) > MAX_INPUT_BYTES:
            out: list[Token] = []
            for start, end in chunks(text, MAX_INPUT_BYTES):
                out.extend(self.tokenize(text[start:end], offset + start))
            return out
        with self._lock:
            morphemes: Any = self._tokenizer.tokenize(text)
            pos = self._pos
            words = self._words
            surfaces = self._surfaces
            out = []
            for m in morphemes:
                begin, end = m.begin(), m.end()
                surface = text[begin:end]
                surface = surfaces.setdefault(surface, surface)
                word = None if m.is_oov() else m.word_id()
                fields = words.get(word) if word is not None else None
                if fields is None:
                    fields = (
                        surfaces.setdefault(n := m.normalized_form(), n),
                        surfaces.setdefault(d := m.dictionary_form(), d),
                        pos[m.part_of_speech_id()],
                    )
                    if word is not None:
                        words[word] = fields
                out.append(
                    Token(surface, fields[0], fields[2], offset + begin, offset + end, fields[1])
                )
            if len(surfaces) > _MAX_SHARED:  # a corpus of ever new words: start afresh
                surfaces.clear()
                words.clear()
            return out


@lru_cache(maxsize=1)
def tokenizer() -> _Tokenizer:
    """The process's tokenizer, created on first use."""
    return _Tokenizer()


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of ``text`` with offsets shifted by ``offset``."""
    return tokenizer().tokenize(text, offset)


@lru_cache(maxsize=65_536)
def dictionary_word(form: str) -> Lexeme | None:
    """The SudachiPy dictionary word that ``form`` is on its own, or None: the form
    tokenized alone is not one token, or its token is out of vocabulary (a name or a
    spelling the dictionary does not know). Cached: spellings ask about the same forms
    again and again."""
    return tokenizer().lookup(form)


@lru_cache(maxsize=16_384)
def senses(form: str, pos0: str) -> frozenset[str]:
    """The normalized forms of the dictionary's entries spelt ``form`` (part of speech
    ``pos0``): more than one when a kana spelling stands for several words (かかる:
    掛かる, 罹る)."""
    return tokenizer().senses(form, pos0)
