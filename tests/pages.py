"""The one builder of digest pages for tests: rule cases (``page:`` in
``tests/rule_cases/*.yaml``) and the Python tests that need a page.

A page is written the way the editors write one, one paragraph per line::

    見出しのタイトル                      title
    リード文。                            lead
    章の見出し                            a section: heading,
    何が起きた?                           question,
    答え。                                answer,
    公開日:2025/03/04                     then its body: cards and prose lines
    ✅ 要約の1文目である。
    ✅ 要約の2文目である。
    ✅ 要約の3文目である。
    さらに読む ⇒毎日新聞出典/画像元: https://mainichi.jp/articles/a1
    本文の段落。
    🚩 結論!                              conclusion
    💡 …

In YAML::

    page:
      cards: [{date: 2025/03/04, bullets: [トランプ前大統領は声明を出した。]}]
      prose: [本文の段落。]

``cards`` open one section with the default heading, question and answer; ``prose``
follows the cards (or the lead, when there are no cards). ``body`` is what comes right
after the lead, before any section; ``sections`` spell every section out. A body item
is a prose line (a string, written as is) or a card (a mapping). ``blank_lines: true``
separates every line by a blank line (the other layout of the sites).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict

#: The bullets of a card that gives none.
DEFAULT_BULLETS = ("要約の1文目である。", "要約の2文目である。", "要約の3文目である。")
DEFAULT_LABEL = "毎日新聞"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class CardSpec(_Strict):
    """A card: optional headline, 公開日, ✅ bullets, a さらに読む line."""

    headline: str | None = None
    date: str | dt.date | None = None
    """The 公開日 value as written (``2025/03/04``, ``2025/03/19(火)``, ``""`` for an
    empty value); none: the card has no 公開日 line."""
    bullets: list[str] = list(DEFAULT_BULLETS)
    label: str = DEFAULT_LABEL
    """The publisher before 出典 (``""``: none)."""
    url: str | None = None
    """The cited URL; default ``https://mainichi.jp/articles/aN`` (N: the card's number
    on the page, so two cards never cite one source by accident). ``cite: false`` leaves
    the さらに読む line out."""
    cite: bool = True
    after: str = ""
    """Text glued to the URL (a fused sentence)."""

    def lines(self, number: int) -> list[str]:
        out = [] if self.headline is None else [self.headline]
        if self.date is not None:
            date = self.date.strftime("%Y/%m/%d") if isinstance(self.date, dt.date) else self.date
            out.append(f"公開日:{date}")
        out += [f"✅ {b}" for b in self.bullets]
        if self.cite:
            url = self.url if self.url is not None else f"https://mainichi.jp/articles/a{number}"
            out.append(f"さらに読む ⇒{self.label}出典/画像元: {url}{self.after}")
        return out


Item = str | CardSpec


class SectionSpec(_Strict):
    """A section: heading, question and answer (each may be left out), then its body."""

    heading: str | None = "章の見出し"
    question: str | None = "何が起きた?"
    answer: str | None = "答え。"
    body: list[Item] = []


class PageSpec(_Strict):
    """A digest page: title, lead, a body, sections, a conclusion."""

    title: str = "見出しのタイトル"
    lead: str | None = "リード文。"
    body: list[Item] = []
    """Lines and cards right after the lead, before any section heading."""
    cards: list[CardSpec] = []
    """Shorthand: one section with the default heading, question and answer, holding
    these cards and then ``prose``."""
    prose: list[str] = []
    """Prose lines after ``cards`` (after the lead and ``body`` when there are none)."""
    sections: list[SectionSpec] = []
    conclusion: list[str] = []
    """The 💡 bullets of the conclusion (after ``🚩 結論!``)."""
    blank_lines: bool = False

    def lines(self) -> list[str]:
        out = [self.title]
        if self.lead is not None:
            out.append(self.lead)
        numbers = iter(range(1, 10_000))

        def items(body: list[Item]) -> list[str]:
            lines: list[str] = []
            for item in body:
                lines += [item] if isinstance(item, str) else item.lines(next(numbers))
            return lines

        out += items(self.body)
        sections = list(self.sections)
        if self.cards:
            sections.insert(0, SectionSpec(body=[*self.cards, *self.prose]))
        elif self.prose:
            out += list(self.prose)
        for s in sections:
            out += [x for x in (s.heading, s.question, s.answer) if x is not None]
            out += items(s.body)
        if self.conclusion:
            out += ["🚩 結論!", *(f"💡 {c}" for c in self.conclusion)]
        return out

    def text(self) -> str:
        return ("\n\n" if self.blank_lines else "\n").join(self.lines()) + "\n"


def page(**fields: Any) -> str:
    """The text of a page: ``page(cards=[{"date": "2025/03/04"}], prose=["本文。"])``."""
    return PageSpec.model_validate(fields, strict=False).text()


def card(**fields: Any) -> CardSpec:
    return CardSpec.model_validate(fields, strict=False)
