"""The layout pack (``rules/layout.yaml``): the page markers and the narrator/persona cues.

Schema and compiled view: the parser reads what a line is (公開日, ✅, さらに読む, 🚩, 💡,
page chrome) and whose voice it is (narrator commentary, persona speech) from here.
"""

from __future__ import annotations

import datetime as dt
import re

from pydantic import field_validator

from digest_lint.knowledge import packs

_SENTENCE_END = "。．.!！?？"
_SENTENCE_SPLIT = re.compile(r"(?<=[。!！?？])")


class LayoutPack(packs.PackModel):
    """Schema of ``rules/layout.yaml``."""

    source: str
    checked: dt.date | str
    chrome: list[str]
    card_date: str
    bullet: str
    citation: str
    conclusion_marker: str
    conclusion_bullet: str
    commentary_endings: list[str]
    commentary_max_chars: int
    commentary_patterns: list[str] = []
    commentary_intro_lines: int = 2
    label_max_chars: int = 40
    reaction_endings: list[str] = []
    persona_patterns: list[str]
    list_item: str = (
        r"^(?:[-*+•・]\s*|[0-9０-９]{1,2}[.．)）]\s*|[(（][0-9０-９]{1,2}[)）]\s*|[①-⑳]\s*)"
    )
    quote_patterns: list[str] = []

    @field_validator(
        "card_date", "bullet", "citation", "conclusion_marker", "conclusion_bullet", "list_item"
    )
    @classmethod
    def _regex(cls, value: str) -> str:
        return packs.checked_regex(value)

    @field_validator("chrome", "persona_patterns", "commentary_patterns", "quote_patterns")
    @classmethod
    def _regexes(cls, value: list[str]) -> list[str]:
        return [packs.checked_regex(item) for item in value]


def _any_of(patterns: list[str]) -> re.Pattern[str]:
    """One regular expression matching where any of ``patterns`` matches.

    A pattern's leading global flags (``(?i)``) become flags of its own group."""
    if not patterns:
        return re.compile(r"(?!)")
    parts = []
    for p in patterns:
        m = re.match(r"\(\?([aiLmsux]+)\)", p)
        parts.append(f"(?{m.group(1)}:{p[m.end() :]})" if m else f"(?:{p})")
    return re.compile("|".join(parts))


class Layout:
    """The compiled layout pack."""

    def __init__(self, pack: LayoutPack) -> None:
        self.pack = pack
        self.chrome = [re.compile(p) for p in pack.chrome]
        self.card_date = re.compile(pack.card_date)
        self.bullet = re.compile(pack.bullet)
        self.citation = re.compile(pack.citation)
        self.conclusion_marker = re.compile(pack.conclusion_marker)
        self.conclusion_bullet = re.compile(pack.conclusion_bullet)
        self.persona = _any_of(pack.persona_patterns)
        self.commentary_endings = tuple(sorted(pack.commentary_endings, key=len, reverse=True))
        self.commentary_patterns = _any_of(pack.commentary_patterns)
        self.list_item = re.compile(pack.list_item)
        self.quote = _any_of(pack.quote_patterns)

    def is_quote(self, text: str) -> bool:
        """Whether ``text`` is someone else's words: a ``>`` block, a line that is one
        quotation, an interview turn (``quote_patterns``)."""
        return self.quote.search(text) is not None

    def list_marker(self, text: str) -> int:
        """The length of a list marker at the start of ``text`` (``- ``, ``・``, ``1.``), or 0."""
        m = self.list_item.match(text)
        return m.end() if m and m.end() < len(text) else 0

    def ends_politely(self, text: str) -> bool:
        """Whether the last sentence of ``text`` ends in a polite form (…ます。, …でしょう。)."""
        core = text.rstrip(" 　" + _SENTENCE_END + "…")
        return bool(self.pack.reaction_endings) and core.endswith(tuple(self.pack.reaction_endings))

    def is_persona(self, text: str) -> bool:
        """Whether ``text`` is a persona's line: dialect or casual speech anywhere in it."""
        return self.persona.search(text) is not None

    def is_commentary(self, text: str) -> bool:
        """Whether ``text`` is the narrator's: a sentence that ends like a reaction or an
        invitation to read on (``commentary_endings``), or words that speak about the article
        itself or to the reader (``commentary_patterns``: 本日は…解説しました)."""
        if self.commentary_patterns.search(text):
            return True
        for sentence in _SENTENCE_SPLIT.split(text):
            core = sentence.rstrip(" 　" + _SENTENCE_END + "…")
            if core and core.endswith(self.commentary_endings):
                return True
        return False
