"""The article model: what the parser builds once and every rule reads.

An article is a sequence of :class:`Block` objects (one per non-empty line, or part of a
line where a citation URL has a sentence fused onto it), grouped into title, lead,
sections, cards and a conclusion. Every block keeps its exact :class:`~digest_lint.text.Span`
in the article text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, PrivateAttr

from digest_lint.model.messages import Message, Said, said
from digest_lint.model.text import LineIndex, Span

_FRONT_DATE = re.compile(
    r"^\s*(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?)?"
    r"\s*(?:Z|[+-]\d{2}:?\d{2})?\s*$"
)


#: Why a front matter ``date:`` is no date or time, in each language (DL403 says it).
DATE_PROBLEMS = {
    "month": Message(ja="{month}月という月はない", en="month {month} does not exist"),
    "day": Message(ja="{year}年{month}月に{day}日はない", en="{year}-{month:02d} has no day {day}"),
    "time": Message(ja="{time}という時刻はない", en="{time} is not a time of day"),
}


def front_matter_date(value: object) -> tuple[dt.date | None, Said | None]:
    """``(date, problem)`` of a front matter ``date:`` value; ``(None, None)`` if absent
    or not date-like text, ``(None, why)`` for an impossible date or time."""
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if not isinstance(value, str):
        return None, None
    m = _FRONT_DATE.match(value)
    if m is None:
        return None, None
    year, month, mday = int(m["y"]), int(m["m"]), int(m["d"])
    if not 1 <= month <= 12:
        return None, said(DATE_PROBLEMS["month"], month=month)
    try:
        day = dt.date(year, month, mday)
    except ValueError:
        return None, said(DATE_PROBLEMS["day"], year=year, month=month, day=mday)
    if m["H"] is not None:
        hour, minute, second = int(m["H"]), int(m["M"]), int(m["S"] or 0)
        if hour > 24 or minute > 59 or second > 60 or (hour == 24 and minute + second):
            return None, said(DATE_PROBLEMS["time"], time=f"{hour:02d}:{minute:02d}")
    return day, None


@dataclass(frozen=True, slots=True)
class Reference:
    """A date a text is judged against, and where it comes from."""

    date: dt.date
    source: str
    """``front-matter``, ``card``, ``dateline``, or ``as-of``: no date in the text, the
    day of the check assumed."""

    @property
    def assumed(self) -> bool:
        return self.source == "as-of"


class Role(StrEnum):
    """What a block is in the article."""

    TITLE = "title"
    LEAD = "lead"
    HEADING = "heading"
    QUESTION = "question"
    ANSWER = "answer"
    PROSE = "prose"
    COMMENTARY = "commentary"
    PERSONA = "persona"
    CARD_HEADLINE = "card_headline"
    CARD_DATE = "card_date"
    BULLET = "bullet"
    CITATION = "citation"
    CONCLUSION_MARKER = "conclusion_marker"
    CONCLUSION_BULLET = "conclusion_bullet"
    DATELINE = "dateline"
    """A line that is only the text's own date (``2024年10月28日 19時05分``)."""
    LIST_ITEM = "list_item"
    """A line of a list: ``- …``, ``・…``, ``1. …``, ``①…`` (its own register group)."""
    LABEL = "label"
    """A short line that is no sentence (no final punctuation) in the body: a caption,
    a menu item, a button, a credit line (``動画を他のプレイヤーで見る``)."""
    QUOTE = "quote"
    """Someone else's words: a ``>`` block, a line that is one 「…」, a ``Q:``/``A:`` turn
    of an interview (never judged for register)."""


#: Roles whose text is written by the article (not card summaries, not markers).
TEXT_ROLES = frozenset(
    {
        Role.TITLE,
        Role.LEAD,
        Role.HEADING,
        Role.QUESTION,
        Role.ANSWER,
        Role.PROSE,
        Role.COMMENTARY,
        Role.PERSONA,
        Role.CONCLUSION_BULLET,
        Role.LIST_ITEM,
        Role.LABEL,
        Role.QUOTE,
    }
)


class Block(BaseModel):
    """One paragraph of the article: usually a line, without its leading marker."""

    model_config = ConfigDict(frozen=False)

    index: int
    role: Role
    text: str
    """The block's text as written (the whole line, or the fused part of a citation line)."""
    span: Span
    body_offset: int = 0
    """Where the content starts inside ``text`` (after ``✅ ``, ``💡 ``, ``## `` …)."""
    section: int | None = None
    card: int | None = None

    @property
    def body(self) -> str:
        return self.text[self.body_offset :]

    @property
    def body_start(self) -> int:
        """Offset of :attr:`body` in the article text."""
        return self.span.start + self.body_offset


class Citation(BaseModel):
    """The ``さらに読む ⇒{label}出典/画像元: {URL}`` line of a card."""

    span: Span
    """From ``さらに読む`` to the end of the URL (the fused sentence is not part of it)."""
    label: str | None = None
    label_span: Span | None = None
    url: str | None = None
    url_span: Span | None = None
    fused: Block | None = None
    """A sentence written on the same line right after the URL, with no break."""


class Card(BaseModel):
    """An embedded summary card."""

    index: int
    section: int | None
    span: Span
    headline: Block | None = None
    headline_repeats: list[Block] = []
    date: dt.date | None = None
    date_text: str | None = None
    """What follows 公開日 as written (``2025/03/19``), even when it is no valid date."""
    date_block: Block | None = None
    bullets: list[Block] = []
    citation: Citation | None = None
    citation_block: Block | None = None

    def summary_blocks(self) -> list[Block]:
        """The card's own summary text: headline and bullets."""
        out = [self.headline] if self.headline is not None else []
        return out + self.bullets


class Dateline(BaseModel):
    """The date a text gives itself at its top or bottom (parsing/datelines.py)."""

    date: dt.date
    span: Span


class FrontMatterProblem(BaseModel):
    """Why front matter could not be read: ``deep`` (nested too deeply), ``yaml`` (not
    valid YAML, at ``line`` of the article, with the parser's ``detail``) or ``mapping``
    (not a mapping of keys to values)."""

    kind: str
    line: int | None = None
    detail: str = ""


class Section(BaseModel):
    index: int
    span: Span
    heading: Block | None = None
    question: Block | None = None
    answer: Block | None = None
    blocks: list[Block] = []
    """Every block of the section in reading order, card blocks included."""
    cards: list[int] = []


class Conclusion(BaseModel):
    span: Span
    marker: Block | None = None
    bullets: list[Block] = []


class Article(BaseModel):
    """A parsed digest page."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    path: str
    text: str
    blocks: list[Block] = []
    title: Block | None = None
    lead: Block | None = None
    sections: list[Section] = []
    cards: list[Card] = []
    conclusion: Conclusion | None = None
    front_matter: dict[str, Any] = {}
    """The Markdown front matter's keys (values as YAML gives them; dates as text)."""
    front_matter_span: Span | None = None
    front_matter_error: str | None = None
    """Why the front matter could not be read (it is then empty), in English."""
    front_matter_problem: FrontMatterProblem | None = None
    """The same, as data for DL002's messages in either language."""
    dateline: Dateline | None = None
    ignored_spans: list[Span] = []
    """Text that is not article text: page chrome, front matter, HTML comments."""

    _index: LineIndex | None = PrivateAttr(default=None)
    _reference: dict[dt.date, Reference] = PrivateAttr(default_factory=dict)

    @property
    def lines(self) -> LineIndex:
        if self._index is None:
            self._index = LineIndex(self.text)
        return self._index

    def span(self, start: int, end: int) -> Span:
        """A span for character offsets ``[start, end)`` of the article text."""
        return self.lines.span(start, end)

    # ----------------------------------------------------------------- dates
    def front_matter_date(self) -> dt.date | None:
        """The front matter's ``date:`` (``2025-03-19``, ``2025-03-19T10:00:00+09:00``,
        ``2025/03/19``), or None when there is none or it is no real date (DL403)."""
        return front_matter_date(self.front_matter.get("date"))[0]

    def reference(self, as_of: dt.date) -> Reference:
        """When the article speaks (docs/catalog.md, "Two dates, never confused").

        The ``date:`` of the front matter; else the latest 公開日 not after ``as_of``; else
        the text's own dateline; else ``as_of``, an assumption (``source`` says which).
        """
        cached = self._reference.get(as_of)
        if cached is not None:
            return cached
        front = self.front_matter_date()
        dates = [c.date for c in self.cards if c.date is not None and c.date <= as_of]
        if front is not None:
            ref = Reference(front, "front-matter")
        elif dates:
            ref = Reference(max(dates), "card")
        elif self.dateline is not None:
            ref = Reference(self.dateline.date, "dateline")
        else:
            ref = Reference(as_of, "as-of")
        self._reference[as_of] = ref
        return ref

    def reference_date(self, as_of: dt.date) -> dt.date:
        return self.reference(as_of).date

    def date_context(self, offset: int, as_of: dt.date) -> Reference:
        """The date a sentence at ``offset`` is judged against.

        Inside a dated card, its 公開日; in a section after a dated card, the latest such
        card's 公開日; everywhere else the article's reference date.
        """
        best: Card | None = None
        section = self.section_at(offset)
        if section is not None:
            for ci in section.cards:
                card = self.cards[ci]
                if card.span.start > offset:
                    break
                if card.date is not None:
                    best = card
        if best is not None and best.date is not None:
            return Reference(best.date, "card")
        return self.reference(as_of)

    # ------------------------------------------------------------ navigation
    def section_at(self, offset: int) -> Section | None:
        for section in self.sections:
            if section.span.start <= offset < section.span.end or (
                section.span.start <= offset and section.span.end == offset
            ):
                return section
        return None
