"""Predicate chains: one walker over a sentence's tokens, read from the writing pack.

A Japanese predicate is a head (a verb, an adjective, a noun + copula) followed by a chain
of auxiliaries and bound words: 発表|し|まし|た, 行わ|れ|て|いる. Two analyses read such
chains: the register of a sentence (DL501: is its final chain polite?) and the tense of
a clause (DL401, DL404: is the predicate a date belongs to past or future?). Both walk
the same way, over the chain of the ``writing`` pack they ask for:

- ``predicate_chain``: what continues the *final* predicate of a sentence (register);
- ``tense_chain``: what continues a predicate whose tense is read (dates), where する is
  the head of its own predicate (発表|する) and only て/で link two verbs.

Which words are skipped at the end of a sentence (punctuation, sentence-final particles)
is the pack's ``skip_final``. The walker memoises its answers per part of speech and
lemma, so each token costs one dictionary lookup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from digest_lint.analysis.tokens import Token
    from digest_lint.knowledge import Knowledge
    from digest_lint.knowledge.writing import ChainLink, WritingPack


class ChainWalker:
    """Where a predicate chain starts and ends, for one chain definition."""

    def __init__(self, links: Sequence[ChainLink], skip_final: Sequence[Sequence[str]]) -> None:
        self._links = [
            (tuple(link.pos), set(link.surfaces), set(link.not_lemmas)) for link in links
        ]
        self._skip = [tuple(p) for p in skip_final]
        self._chain_memo: dict[tuple[tuple[str, ...], str, str], bool] = {}
        self._skip_memo: dict[tuple[str, ...], bool] = {}

    def continues(self, token: Token) -> bool:
        """Whether ``token`` continues the chain of the word before it."""
        key = (token.pos, token.surface, token.dictionary)
        hit = self._chain_memo.get(key)
        if hit is None:
            hit = any(
                token.pos[: len(pos)] == pos
                and (not surfaces or token.surface in surfaces)
                and token.dictionary not in not_lemmas
                for pos, surfaces, not_lemmas in self._links
            )
            self._chain_memo[key] = hit
        return hit

    def skipped(self, token: Token) -> bool:
        """Whether ``token`` is skipped at the end of a sentence (punctuation, ね, よ, か)."""
        hit = self._skip_memo.get(token.pos)
        if hit is None:
            hit = self._skip_memo[token.pos] = any(token.pos[: len(p)] == p for p in self._skip)
        return hit or not token.surface.strip()

    def last_word(self, tokens: Sequence[Token]) -> int:
        """One past the last token that is not skipped at the end (0: there is none)."""
        n = len(tokens)
        while n and self.skipped(tokens[n - 1]):
            n -= 1
        return n

    def chain_start(self, tokens: Sequence[Token], end: int, floor: int = 0) -> int:
        """The first token of the chain that ends at ``end`` (exclusive), walking back while
        tokens continue the chain, never before ``floor``: the chain's first word is the
        one before the continuing words (or ``end - 1``)."""
        i = end - 1
        while i > floor and self.continues(tokens[i]):
            i -= 1
        return i

    def chain_end(self, tokens: Sequence[Token], head: int) -> int:
        """One past the last token of the chain headed by ``tokens[head]``."""
        j = head + 1
        while j < len(tokens) and self.continues(tokens[j]):
            j += 1
        return j


def walkers(knowledge: Knowledge) -> tuple[ChainWalker, ChainWalker]:
    """``(final predicate, tense)`` walkers of a configuration's writing pack."""
    return knowledge.derived("predicate-walkers", lambda: _walkers(knowledge.writing))


def _walkers(pack: WritingPack) -> tuple[ChainWalker, ChainWalker]:
    return (
        ChainWalker(pack.predicate_chain, pack.skip_final),
        ChainWalker(pack.tense_chain, pack.skip_final),
    )
