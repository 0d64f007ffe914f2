"""The shared analysis layer: computed once per article, lazily, read by every rule.

:class:`Analysis` wraps an :class:`~digest_lint.model.Article` and exposes plain data with
spans: tokens per block, sentences, content words and date contexts. Each property is
computed on first use and cached, so a run that selects only citation rules never loads
the tokenizer. Rules never tokenize or re-parse text themselves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from digest_lint.analysis.tokens import Token, tokenize
from digest_lint.knowledge import Knowledge
from digest_lint.knowledge import knowledge as default_knowledge
from digest_lint.model.article import Article, Block, Reference, Role
from digest_lint.model.text import split_sentences

if TYPE_CHECKING:
    from digest_lint.analysis.dates import DateExpr
    from digest_lint.analysis.mentions import Mention
    from digest_lint.analysis.register import SentenceRegister
    from digest_lint.analysis.spellings import Spelling, VariantGroup
    from digest_lint.analysis.topic import ArticleTerms, Vocabulary

__all__ = ["Analysis", "Sentence", "Token", "split_sentences"]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of one block, with its tokens."""

    index: int
    block: Block
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]

    @property
    def role(self) -> Role:
        return self.block.role


#: Blocks with no words to read: dates, citations, markers.
_UNTOKENIZED = frozenset({Role.CARD_DATE, Role.CITATION, Role.CONCLUSION_MARKER, Role.DATELINE})


class Analysis:
    """Lazily computed facts about one article, shared by every rule."""

    def __init__(
        self, article: Article, as_of: dt.date, knowledge: Knowledge | None = None
    ) -> None:
        self.article = article
        self.as_of = as_of
        self.knowledge = knowledge if knowledge is not None else default_knowledge()
        """The packs of the configuration (built-in and extra directories)."""

    # ------------------------------------------------------------------ tokens
    @cached_property
    def _block_tokens(self) -> dict[int, list[Token]]:
        out: dict[int, list[Token]] = {}
        for block in self.article.blocks:
            if block.role in _UNTOKENIZED:
                out[block.index] = []
            else:
                out[block.index] = tokenize(block.body, block.body_start)
        return out

    def tokens(self, block: Block) -> list[Token]:
        """The tokens of a block's body (no tokens for dates, citations and markers)."""
        return self._block_tokens[block.index]

    # --------------------------------------------------------------- sentences
    @cached_property
    def sentences(self) -> list[Sentence]:
        """Every sentence of the article in reading order."""
        out: list[Sentence] = []
        for block in self.article.blocks:
            tokens = self.tokens(block)
            if not tokens:
                continue
            base = block.body_start
            ti = 0
            for s, e in split_sentences(block.body):
                start, end = base + s, base + e
                while ti < len(tokens) and tokens[ti].end <= start:
                    ti += 1
                tj = ti
                while tj < len(tokens) and tokens[tj].start < end:
                    tj += 1
                out.append(
                    Sentence(
                        index=len(out),
                        block=block,
                        start=start,
                        end=end,
                        text=self.article.text[start:end],
                        tokens=tuple(tokens[ti:tj]),
                    )
                )
                ti = tj
        return out

    @cached_property
    def _sentences_by_block(self) -> dict[int, list[Sentence]]:
        out: dict[int, list[Sentence]] = {}
        for s in self.sentences:
            out.setdefault(s.block.index, []).append(s)
        return out

    def sentences_of(self, block: Block) -> list[Sentence]:
        return self._sentences_by_block.get(block.index, [])

    @cached_property
    def registers(self) -> list[SentenceRegister]:
        """Each sentence's register (polite, plain, neutral), one per :attr:`sentences`."""
        from digest_lint.analysis.register import find_registers

        return find_registers(self)

    # ------------------------------------------------------------------ dates
    @cached_property
    def reference_date(self) -> dt.date:
        return self.article.reference_date(self.as_of)

    def date_context(self, offset: int) -> dt.date:
        """The date the sentence at ``offset`` is judged against (docs/catalog.md)."""
        return self.article.date_context(offset, self.as_of).date

    def context(self, offset: int) -> Reference:
        """:meth:`date_context` with where it comes from (``assumed``: the as-of date)."""
        return self.article.date_context(offset, self.as_of)

    @cached_property
    def mentions(self) -> list[Mention]:
        """Person mentions with their title states, in reading order (:mod:`.mentions`)."""
        from digest_lint.analysis.mentions import find_mentions

        return find_mentions(self)

    @cached_property
    def spellings(self) -> list[Spelling]:
        """The spellings of names, terms and common words that DL303 and DL304 compare
        (:mod:`.spellings`)."""
        from digest_lint.analysis.spellings import find_spellings

        return find_spellings(self)

    @cached_property
    def variant_groups(self) -> list[VariantGroup]:
        """Forms of one name or word written two ways or more (:mod:`.spellings`)."""
        from digest_lint.analysis.spellings import find_groups

        return find_groups(self)

    @cached_property
    def vocabulary(self) -> Vocabulary:
        """Term keys and weights of the configuration's packs (:mod:`.topic`)."""
        from digest_lint.analysis.topic import vocabulary

        return vocabulary(self.knowledge)

    @cached_property
    def terms(self) -> ArticleTerms:
        """Topic terms of each block, token by token (:mod:`.topic`)."""
        from digest_lint.analysis.topic import ArticleTerms

        return ArticleTerms(self, self.vocabulary)

    @cached_property
    def dates(self) -> list[DateExpr]:
        """Date expressions of the text blocks, in reading order (:mod:`.dates`)."""
        from digest_lint.analysis.dates import find_dates

        return find_dates(self)
