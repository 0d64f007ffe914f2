"""Topic vocabulary: weighted content-word bags of parts of an article.

Used by the topic rules (DL201 off-topic-summary, DL202 unsupported-claim). Everything
here reads the tokens the analysis layer already made; nothing tokenizes.

* A **term** is a content word (noun, verb, adjective; no numbers, counters, pronouns)
  keyed by SudachiPy's normalized form, with equivalent forms folded into one key by the
  alias pack (``rules/aliases.yaml``: ロシア/露/ロ, 米国/アメリカ/米 …).
* A term's **weight** is how much it says about a topic: rare words weigh more than
  common ones. It comes from a general-language frequency table shipped as a pack
  (``rules/word_frequencies.yaml``, built from wordfreq's Japanese list), never from the
  articles being checked, so an article checked alone scores the same as in a batch.
  Weighting parameters live in ``rules/topic.yaml``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING

from digest_lint.analysis.tokens import Token
from digest_lint.model.text import nfkc

if TYPE_CHECKING:
    from digest_lint.analysis import Analysis
    from digest_lint.knowledge import Knowledge
    from digest_lint.model.article import Block

__all__ = ["ArticleTerms", "Bag", "TermInfo", "Vocabulary", "coverage", "nfkc", "vocabulary"]


# ------------------------------------------------------------------------ helpers
_WORDLIKE = re.compile(r"[\u3041-\u309f\u30a1-\u30ff\u3400-\u9fffA-Za-z]")
_KATAKANA = re.compile(r"^[\u30a1-\u30ff・ー]+$")
_LATIN = re.compile(r"^[A-Za-z][A-Za-z0-9&.\-]*$")


def is_katakana(text: str) -> bool:
    return bool(_KATAKANA.match(text))


def is_latin(text: str) -> bool:
    return bool(_LATIN.match(text))


def is_role(token: Token) -> bool:
    """A common noun that can stand for a person (首相, 大統領, 監督): any common noun."""
    return token.pos[0] == "名詞" and token.pos[1] == "普通名詞" and len(token.surface) >= 2


@dataclass
class Bag:
    """Terms of some blocks: weight and count per key, and how each key was written."""

    counts: Counter[str] = field(default_factory=Counter)
    weights: dict[str, float] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, infos: Iterable[TermInfo]) -> Bag:
        """The bag of these tokens' weighted terms, as :meth:`add` would make it token by
        token: keys in order of first use, each with its highest weight and first form."""
        counts: dict[str, int] = {}
        weights: dict[str, float] = {}
        shown: dict[str, str] = {}
        # each distinct token info once, in order of first use, with its number of uses
        for info, n in Counter(infos).items():
            for key, weight, surface in info.weighted:
                if key in counts:
                    counts[key] += n
                    if weight > weights[key]:
                        weights[key] = weight
                else:
                    counts[key] = n
                    weights[key] = weight
                    shown[key] = surface
        return cls(Counter(counts), weights, shown)

    def add(self, key: str, weight: float, surface: str) -> None:
        self.counts[key] += 1
        self.weights[key] = max(weight, self.weights.get(key, 0.0))
        self.shown.setdefault(key, surface)

    def update(self, other: Bag) -> None:
        for key, n in other.counts.items():
            self.counts[key] += n
            self.weights[key] = max(other.weights[key], self.weights.get(key, 0.0))
            self.shown.setdefault(key, other.shown[key])

    def minus(self, *others: Bag) -> Bag:
        """This bag without the words of ``others`` (parts of it)."""
        out = Bag(Counter(self.counts), dict(self.weights), dict(self.shown))
        for other in others:
            for key, n in other.counts.items():
                left = out.counts[key] - n
                if left > 0:
                    out.counts[key] = left
                else:
                    del out.counts[key]
                    out.weights.pop(key, None)
                    out.shown.pop(key, None)
        return out

    def mass(self, key: str) -> float:
        """A term's weight, a little more for each repetition."""
        return self.weights[key] * (1.0 + math.log(self.counts[key]))

    def strongest(self, n: int, among: Iterable[str] | None = None) -> list[str]:
        keys = list(self.counts) if among is None else [k for k in among if k in self.counts]
        keys.sort(key=lambda k: (-self.mass(k), k))
        return keys[:n]

    @property
    def total(self) -> float:
        weights, log = self.weights, math.log
        return sum(weights[k] * (1.0 + log(n)) for k, n in self.counts.items())  # mass(k)


@dataclass(frozen=True, slots=True, eq=False)
class TermInfo:
    """What one token (by form and part of speech) says about topics and claims.

    One object per form and part of speech (:meth:`Vocabulary.info`), compared and hashed
    by identity: cheap to count and to put in sets.
    """

    keys: tuple[str, ...]
    """Term keys (:meth:`Vocabulary.terms`); none if the token carries no topic."""
    weighted: tuple[tuple[str, float, str], ...]
    """``(key, weight, shown form)`` of the keys that weigh something (bags)."""
    form: str
    """The normalized form, full/half width folded."""
    number: bool
    name: bool
    """A name a claim can make (:meth:`Vocabulary.is_name`)."""
    role: bool
    """A common noun that can stand for a person (:func:`is_role`)."""


class Vocabulary:
    """Term keys and weights for tokens, per the alias, frequency and topic packs."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.pack = knowledge.topic
        self.aliases = knowledge.aliases
        self.table = knowledge.frequencies.table
        self._info: dict[tuple[str, str, tuple[str, ...]], TermInfo] = {}

    def zipf(self, key: str) -> float:
        """General-language frequency of a term (Zipf scale); rare words get the floor."""
        z = self.table.get(key)
        return z if z is not None else self.pack.weighting.unknown_zipf

    def weight(self, key: str, token: Token) -> float:
        w = self.pack.weighting
        base = max(0.0, w.ceiling_zipf - self.zipf(key))
        if token.is_proper_noun:
            factor = w.proper_noun
        elif token.pos[0] == "動詞":
            factor = w.verb
        elif token.pos[0] == "形容詞":
            factor = w.adjective
        else:
            factor = w.noun
        return base * factor

    def is_name(self, token: Token) -> bool:
        """A proper noun rarer than ``name_max_zipf``, or a long katakana or Latin word
        rarer than ``katakana_max_zipf`` (``rules/topic.yaml``, DL202)."""
        conf = self.pack.names
        surface = nfkc(token.surface)
        if token.pos[0] != "名詞" or len(surface) < 2:
            return False
        key = nfkc(token.normalized)
        if token.is_proper_noun:
            return self.zipf(key) < conf.name_max_zipf
        if (is_katakana(surface) or is_latin(surface)) and len(surface) >= conf.katakana_min_chars:
            return self.zipf(key) < conf.katakana_max_zipf
        return False

    def info(self, token: Token) -> TermInfo:
        """Everything the topic rules read about a token (cached by form and part of speech)."""
        sig = (token.normalized, token.surface, token.pos)
        found = self._info.get(sig)
        if found is None:
            keys = tuple(self._terms(token))
            weighted = [(key, self.weight(key, token)) for key in keys]
            found = TermInfo(
                keys=keys,
                weighted=tuple(
                    (key, weight, key if key != token.normalized else token.surface)
                    for key, weight in weighted
                    if weight > 0
                ),
                form=nfkc(token.normalized),
                number=token.is_number,
                name=self.is_name(token),
                role=is_role(token),
            )
            self._info[sig] = found
        return found

    def terms(self, token: Token) -> list[str]:
        """The term keys of a token, or none if it carries no topic."""
        return list(self.info(token).keys)

    def _terms(self, token: Token) -> list[str]:
        if not token.is_content or not _WORDLIKE.search(token.normalized):
            return []
        if len(token.surface) == 1 and "\u3041" <= token.surface <= "\u309f":
            return []
        return self.aliases.keys(token.normalized, token.surface, token.is_proper_noun)

    def bag(self, tokens: Iterable[Token]) -> Bag:
        return Bag.of(map(self.info, tokens))


def vocabulary(knowledge: Knowledge) -> Vocabulary:
    """The vocabulary of a configuration's packs (built once per configuration)."""
    return knowledge.derived("vocabulary", lambda: Vocabulary(knowledge))


class ArticleTerms:
    """The term infos of one article's blocks for one vocabulary, made once, token by token."""

    def __init__(self, analysis: Analysis, vocab: Vocabulary) -> None:
        self.analysis = analysis
        self.vocab = vocab
        self._infos: dict[int, list[TermInfo]] = {}

    def infos(self, block: Block) -> list[TermInfo]:
        """One :class:`TermInfo` per token of ``analysis.tokens(block)``."""
        found = self._infos.get(block.index)
        if found is None:
            # the cache lookup of Vocabulary.info inlined: this runs for every token
            cached, info = self.vocab._info.get, self.vocab.info
            found = self._infos[block.index] = [
                cached((t.normalized, t.surface, t.pos)) or info(t)
                for t in self.analysis.tokens(block)
            ]
        return found

    def bag(self, blocks: Iterable[Block]) -> Bag:
        """The bag of these blocks' tokens (``vocab.bag`` of their tokens, in order)."""
        return Bag.of(chain.from_iterable(map(self.infos, blocks)))


def coverage(card: Bag, rest: Bag, partial_credit: float) -> float:
    """How much of ``card``'s weighted vocabulary the ``rest`` also uses (0..1).

    A term counts fully when ``rest`` has it, and ``partial_credit`` when it only shares a
    compound with a term of ``rest`` (停戦案 / 停戦, 児童 / 児童相談所).
    """
    total = card.total
    if total <= 0:
        return 1.0
    # every key of ``rest`` on one line: a key (never a newline: blocks are lines) of two or
    # more characters found in it is a substring of some key of ``rest``
    inside = "\n".join(rest.counts)
    by_length: dict[int, set[str]] = {}
    for k in rest.counts:
        if len(k) >= 2:
            by_length.setdefault(len(k), set()).add(k)
    got = 0.0
    for key in card.counts:
        if key in rest.counts:
            got += card.mass(key)
        elif len(key) >= 2 and (key in inside or _has_part(key, by_length)):
            got += partial_credit * card.mass(key)
    return got / total


def _has_part(key: str, by_length: dict[int, set[str]]) -> bool:
    """Whether a shorter key (two characters or more) is a substring of ``key``.

    One window per length that occurs: time linear in ``len(key)`` times the number of
    key lengths, and no list of every substring (a run of 3,000 letters has 4.5 million).
    """
    n = len(key)
    for length, keys in by_length.items():
        if length >= n:
            continue
        for i in range(n - length + 1):
            if key[i : i + length] in keys:
                return True
    return False
