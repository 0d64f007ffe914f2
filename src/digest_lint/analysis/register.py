"""The register (文体) of each sentence, read from its final predicate.

A sentence is *polite* (です・ます調: です, でしょう, ます, ました, ません, ましょう, 〜てください),
*plain* (だ・である調: だ, である, した, する, ている, ない, だろう) or *neutral* (体言止め,
a sentence that is only a quotation, a question without a predicate, a clause cut off in
連用形). The final predicate is found from the SudachiPy tokens the analysis layer already
has: text inside 「…」, 『…』 and parentheses is skipped (a quotation does not set the
register of the sentence that quotes it), then trailing punctuation and sentence-final
particles (ね, よ, か, な), then the chain of auxiliaries and bound verbs
(〜して|い|ます) back to its head. The chain is polite when one of its words has a
polite conjugation type (助動詞-マス, 助動詞-デス) or a polite lemma; plain when it ends in a
predicate in a sentence-final form; neutral otherwise.

What counts as polite, the parts of speech skipped and the final forms come from the
``writing`` pack (``rules/writing.yaml``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from pydantic import field_validator

from digest_lint.knowledge import packs

if TYPE_CHECKING:
    from digest_lint.analysis import Analysis, Sentence
    from digest_lint.analysis.tokens import Token

__all__ = [
    "Register",
    "RegisterIndex",
    "SentenceRegister",
    "WritingPack",
    "classify",
    "load_pack",
]


class Register(StrEnum):
    POLITE = "polite"
    PLAIN = "plain"
    NEUTRAL = "neutral"


class WritingPack(packs.PackModel):
    """Schema of ``rules/writing.yaml``: register (DL501) and punctuation (DL502, DL503)."""

    source: str
    checked: dt.date | str
    # Every list defaults to empty so that a house pack (``packs = [...]``) can add to one
    # without repeating the others; the built-in pack sets them all.
    polite_conjugation_types: list[str] = []
    polite_lemmas: list[str] = []
    skip_final: list[list[str]] = []
    predicate_chain: list[list[str]] = []
    predicate_pos: list[str] = []
    final_forms: list[str] = []
    doubled_punctuation: list[str] = []
    halfwidth_marks: dict[str, str] = {}

    @field_validator("doubled_punctuation")
    @classmethod
    def _pairs(cls, value: list[str]) -> list[str]:
        for item in value:
            if len(item) != 2:
                raise ValueError(f"{item!r}: a doubled mark is two characters")
        return value

    @field_validator("halfwidth_marks")
    @classmethod
    def _marks(cls, value: dict[str, str]) -> dict[str, str]:
        for key, full in value.items():
            if len(key) != 1 or len(full) != 1:
                raise ValueError(f"{key!r}: {full!r}: one character each")
        return value


def load_pack(extra_dirs: tuple[str, ...] = ()) -> WritingPack:
    return packs.load("writing", WritingPack, extra_dirs)


@dataclass(frozen=True, slots=True)
class SentenceRegister:
    """The register of one sentence and the words that decide it."""

    sentence: Sentence
    register: Register
    ending: str
    """The final predicate as written (``しました``, ``である``), or the last word."""
    start: int
    """Offset of :attr:`ending` in the article text (the sentence start if empty)."""
    end: int


#: First-level parts of speech that head a predicate chain.
_HEADS = frozenset({"名詞", "代名詞", "形状詞", "動詞", "形容詞", "接尾辞", "副詞"})


def _has_prefix(pos: tuple[str, ...], prefixes: Sequence[Sequence[str]]) -> bool:
    return any(tuple(pos[: len(p)]) == tuple(p) for p in prefixes)


def _outer_tokens(tokens: Sequence[Token]) -> list[Token]:
    """The tokens outside brackets (quotations, parentheses)."""
    out: list[Token] = []
    depth = 0
    for t in tokens:
        kind = t.pos[1] if t.pos[0] == "補助記号" else ""
        if kind == "括弧開":
            depth += 1
        elif kind == "括弧閉":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(t)
    return out


def classify(sentence: Sentence, pack: WritingPack) -> SentenceRegister:
    """The register of ``sentence`` from its final predicate."""
    tokens = _outer_tokens(sentence.tokens)
    n = len(tokens)
    while n and (
        not tokens[n - 1].surface.strip() or _has_prefix(tokens[n - 1].pos, pack.skip_final)
    ):
        n -= 1
    if n == 0:
        return SentenceRegister(sentence, Register.NEUTRAL, "", sentence.start, sentence.start)
    last = tokens[n - 1]
    # The final chain: auxiliaries and bound words back to the head of the predicate.
    i = n - 1
    while i > 0 and _has_prefix(tokens[i].pos, pack.predicate_chain):
        i -= 1
    # Stop at the head of the predicate (a verb, noun, adjective…), not at a particle.
    head = (
        i
        if not _has_prefix(tokens[i].pos, pack.skip_final) and tokens[i].pos[0] in _HEADS
        else i + 1
    )
    head = min(head, n - 1)
    chain = tokens[head:n]
    ending = "".join(t.surface for t in chain)
    start, end = chain[0].start, chain[-1].end
    polite_types = set(pack.polite_conjugation_types)
    polite_lemmas = set(pack.polite_lemmas)
    if any(t.pos[4] in polite_types or t.dictionary in polite_lemmas for t in chain):
        return SentenceRegister(sentence, Register.POLITE, ending, start, end)
    if last.pos[0] in pack.predicate_pos and last.pos[5].startswith(tuple(pack.final_forms)):
        return SentenceRegister(sentence, Register.PLAIN, ending, start, end)
    return SentenceRegister(sentence, Register.NEUTRAL, ending, start, end)


class RegisterIndex:
    """The registers of an article's sentences, computed once per pack set."""

    def __init__(self, analysis: Analysis) -> None:
        self._analysis = analysis
        self._cache: dict[tuple[str, ...], list[SentenceRegister]] = {}

    def all(self, pack_dirs: tuple[str, ...] = ()) -> list[SentenceRegister]:
        """One entry per sentence of ``analysis.sentences``, in reading order."""
        got = self._cache.get(pack_dirs)
        if got is None:
            pack = load_pack(pack_dirs)
            got = [classify(s, pack) for s in self._analysis.sentences]
            self._cache[pack_dirs] = got
        return got

    def of(self, sentence: Sentence, pack_dirs: tuple[str, ...] = ()) -> SentenceRegister:
        return self.all(pack_dirs)[sentence.index]
