"""SudachiPy tokens: one tokenizer per process, created once, used by the analysis layer.

Rules never tokenize: they read :class:`Token` lists from
:class:`~digest_lint.analysis.Analysis`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

#: Parts of speech (first level) whose tokens carry meaning.
_CONTENT_POS = frozenset({"名詞", "動詞", "形容詞"})
#: Second-level parts of speech that are never content (numbers, pronouns).
_NON_CONTENT_POS2 = frozenset({"数詞", "代名詞"})
#: Third-level: counters and bound forms.
_NON_CONTENT_POS3 = frozenset({"助数詞", "助数詞可能"})


class Token(NamedTuple):
    """One morpheme with offsets into the article text.

    Plain strings and ints only: a token keeps no reference to SudachiPy's morpheme list,
    so the list (and its lattice) is freed as soon as a block is tokenized. A named tuple:
    an article has thousands of tokens, and a tuple is built several times faster than an
    object with ``__init__``.
    """

    surface: str
    normalized: str
    """SudachiPy's normalized form: 米ロ → 米露, 引っ越し → 引越し."""
    pos: tuple[str, ...]
    """Six-level part of speech; [4] is the conjugation type, [5] the form."""
    start: int
    end: int
    dictionary: str
    """Dictionary (lemma) form: 行っ → 行く."""
    oov: bool = False
    """Out of the dictionary's vocabulary (a name or spelling SudachiPy does not know)."""

    def __repr__(self) -> str:
        return f"Token({self.surface!r}, {self.normalized!r}, {self.start}, {self.end})"

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


#: SudachiPy numbers out-of-vocabulary words from here up (the dictionary's own ids are
#: below): their normalized form is their own, so they are never shared by id.
OOV_IDS = 0xF000_0000
#: Distinct strings shared between tokens before the tables are cleared: on an archive of
#: ever new words (names, misspellings) the tables would otherwise grow with it; about
#: 150 bytes an entry, so at most about 15 MB.
_MAX_SHARED = 100_000
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
        # Only the fields the analysis reads (SudachiPy's subsetting: faster tokenizing).
        self._tokenizer = self._dictionary.tokenizer(
            mode=SplitMode.C, fields={"pos", "normalized_form", "dictionary_form"}
        )
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
            get = words.get
            share = surfaces.setdefault
            # Morphemes cover the text without gaps: each one ends where the next begins,
            # so one call (begin) gives both offsets. A word id at or above OOV_IDS is an
            # out-of-vocabulary word, whose fields are its own (never shared by id).
            begins: list[int] = []
            infos: list[tuple[str, str, tuple[str, ...]]] = []
            unknown: list[bool] = []
            for m in morphemes:
                begins.append(m.begin())
                word = m.word_id()
                fields = get(word) if word < OOV_IDS else None
                if fields is None:
                    fields = (
                        share(n := m.normalized_form(), n),
                        share(d := m.dictionary_form(), d),
                        pos[m.part_of_speech_id()],
                    )
                    if word < OOV_IDS:
                        words[word] = fields
                infos.append(fields)
                unknown.append(word >= OOV_IDS)
            begins.append(len(text))
            out = []
            append = out.append
            # tuple.__new__ directly: a named tuple's own __new__ is a Python function
            new = tuple.__new__
            for k, (normalized, dictionary, part) in enumerate(infos):
                b, e = begins[k], begins[k + 1]
                surface = text[b:e]
                fields_ = (share(surface, surface), normalized, part, offset + b, offset + e)
                append(new(Token, (*fields_, dictionary, unknown[k])))
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
