"""The register (文体) of each sentence, read from its final predicate.

A sentence is *polite* (です・ます調: です, でしょう, ます, ました, ません, ましょう, 〜てください),
*plain* (だ・である調: だ, である, した, する, ている, ない, だろう) or *neutral* (体言止め,
a sentence that is only a quotation, a question without a predicate, a clause cut off in
連用形). The final predicate is found from the SudachiPy tokens the analysis layer
already has: text inside 「…」, 『…』 and parentheses is skipped (a quotation does not
set the register of the sentence that quotes it; a sentence that *ends* in a quotation
or a title, 「…」 or 『…』, is a noun phrase, 体言止め, like a caption), then trailing
punctuation and sentence-final particles (ね, よ, か, な), then the chain of
auxiliaries and bound verbs (〜して|い|ます) back to its head. The chain is polite
when one of its words has a polite conjugation type (助動詞-マス, 助動詞-デス) or a
polite lemma; plain when it ends in a predicate in a sentence-final form; neutral
otherwise.

What counts as polite, the parts of speech skipped and the final forms come from the
``writing`` pack (``rules/writing.yaml``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from digest_lint.analysis.predicate import ChainWalker, walkers

if TYPE_CHECKING:
    from digest_lint.analysis import Analysis, Sentence
    from digest_lint.analysis.tokens import Token
    from digest_lint.knowledge.writing import WritingPack

__all__ = ["Register", "SentenceRegister", "classify", "find_registers"]


class Register(StrEnum):
    POLITE = "polite"
    PLAIN = "plain"
    NEUTRAL = "neutral"


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


#: Closing brackets after which a sentence is a noun phrase: 〜という『題名』, 〜となる「作品名」.
_QUOTE_CLOSERS = frozenset({"」", "』"})


def _ends_in_quotation(tokens: Sequence[Token]) -> bool:
    """Whether the last word of ``tokens``, punctuation aside, closes a quotation."""
    for t in reversed(tokens):
        if t.pos[0] == "空白" or t.pos[1] in ("句点", "読点"):
            continue
        return t.pos[1] == "括弧閉" and t.surface in _QUOTE_CLOSERS
    return False


def classify(sentence: Sentence, pack: WritingPack, walker: ChainWalker) -> SentenceRegister:
    """The register of ``sentence`` from its final predicate."""
    if _ends_in_quotation(sentence.tokens):
        return SentenceRegister(sentence, Register.NEUTRAL, "", sentence.start, sentence.start)
    tokens = _outer_tokens(sentence.tokens)
    n = walker.last_word(tokens)
    if n == 0:
        return SentenceRegister(sentence, Register.NEUTRAL, "", sentence.start, sentence.start)
    last = tokens[n - 1]
    # The final chain: auxiliaries and bound words back to the head of the predicate.
    i = walker.chain_start(tokens, n)
    # Stop at the head of the predicate (a verb, noun, adjective…), not at a particle.
    head = i if not walker.skipped(tokens[i]) and tokens[i].pos[0] in _HEADS else i + 1
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


def find_registers(analysis: Analysis) -> list[SentenceRegister]:
    """One entry per sentence of ``analysis.sentences``, in reading order."""
    pack = analysis.knowledge.writing
    walker = walkers(analysis.knowledge)[0]
    return [classify(s, pack, walker) for s in analysis.sentences]
