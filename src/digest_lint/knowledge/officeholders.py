"""The office-holder pack (``rules/officeholders.yaml``) and what it knows about dates.

The pack lists offices with the title forms Japanese news uses, people with their name
forms, terms and designate spans, and the small grammar of titles (country prefixes, the
state words 前/元/次期/候補, honorifics). :class:`Officeholders` compiles it once and
answers one question: which title states are right for a person in an office on a date.

Title states:

- ``current``: no modifier (トランプ大統領), or 現/新: in office on that date;
- ``designate``: 次期… or …候補: elected or nominated, not yet in office;
- ``previous``: 前…: the immediately previous holder;
- ``former``: 元…: any earlier holder.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from pydantic import field_validator, model_validator

from digest_lint.knowledge import packs


class State(StrEnum):
    """The title state of a mention."""

    CURRENT = "current"
    DESIGNATE = "designate"
    PREVIOUS = "previous"
    FORMER = "former"


#: Life-cycle order of the states, for judging drift across dates.
STATE_RANK = {State.DESIGNATE: 0, State.CURRENT: 1, State.PREVIOUS: 2, State.FORMER: 3}


# --------------------------------------------------------------------------- schema
class Anchors(packs.PackModel):
    """Words after a mention that place its title at another time than the sentence's:
    a title is right when it was right at that time."""

    before_term: list[str] = []
    """The time before the person took office (トランプ次期大統領の就任を前に)."""
    in_term: list[str] = []
    """The time of the person's term (在任中, 就任後)."""
    after_term: list[str] = []
    """The time after a term ended (退任後)."""
    term_ended: list[str] = []
    """The report of a term's end (死去, 辞任): it speaks of the time the term ended."""


class Grammar(packs.PackModel):
    """How titles are written around names."""

    prefixes: list[str] = []
    previous: list[str] = []
    former: list[str] = []
    designate: list[str] = []
    designate_suffix: list[str] = []
    current: list[str] = []
    historical: list[str] = []
    historical_before: list[str] = []
    anchors: Anchors = Anchors()
    honorifics: list[str] = []
    blockers: list[str] = []
    generic_titles: list[str] = []
    not_names: list[str] = []


class Office(packs.PackModel):
    id: str
    name: str
    """The form messages and fixes use (米大統領)."""
    forms: list[str]
    """Every title form of the office in news text (大統領, 米大統領, アメリカ大統領)."""

    @field_validator("forms")
    @classmethod
    def _forms(cls, value: list[str]) -> list[str]:
        if not value or any(not f.strip() for f in value):
            raise ValueError("an office needs at least one non-empty title form")
        return value


class Term(packs.PackModel):
    office: str
    start: dt.date
    end: dt.date | None = None
    """The handover day: from ``end`` on the person is a former holder. None: in office."""
    note: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Term:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"term ends ({self.end}) before it starts ({self.start})")
        return self


class Designate(packs.PackModel):
    office: str
    start: dt.date
    end: dt.date
    """The last day of the span (inclusive)."""
    note: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Designate:
        if self.end < self.start:
            raise ValueError(f"designate span ends ({self.end}) before it starts ({self.start})")
        return self


class Person(packs.PackModel):
    id: str
    name: str
    """The full name as Japanese news writes it (マルコ・ルビオ)."""
    forms: list[str] = []
    """Surname and variant spellings (ルビオ; ラヴロフ for ラブロフ)."""
    terms: list[Term] = []
    designate: list[Designate] = []

    @property
    def spans(self) -> list[Term | Designate]:
        """Every term and designate span of the person."""
        return [*self.terms, *self.designate]

    @property
    def all_forms(self) -> list[str]:
        return [self.name, *self.forms]

    @property
    def short(self) -> str:
        """How messages name the person: the first short form, else the full name."""
        return self.forms[0] if self.forms else self.name


class OfficeholdersPack(packs.PackModel):
    """Schema of ``rules/officeholders.yaml``."""

    source: str
    checked: dt.date | str
    grammar: Grammar = Grammar()
    offices: list[Office] = []
    people: list[Person] = []

    @model_validator(mode="after")
    def _consistent(self) -> OfficeholdersPack:
        ids = [o.id for o in self.offices]
        if len(set(ids)) != len(ids):
            dup = next(i for i in ids if ids.count(i) > 1)
            raise ValueError(f"office id {dup!r} is defined twice")
        pids = [p.id for p in self.people]
        if len(set(pids)) != len(pids):
            dup = next(i for i in pids if pids.count(i) > 1)
            raise ValueError(f"person id {dup!r} is defined twice")
        if self.offices:  # an extension file may refer to the built-in offices
            known = set(ids)
            for p in self.people:
                for span in p.spans:
                    if span.office not in known:
                        raise ValueError(f"person {p.id!r}: unknown office {span.office!r}")
        return self


# --------------------------------------------------------------------------- judging
class Anchor(StrEnum):
    """A time a mention's words place its title at (:class:`Anchors`)."""

    BEFORE_TERM = "before_term"
    IN_TERM = "in_term"
    AFTER_TERM = "after_term"
    TERM_ENDED = "term_ended"


@dataclass(frozen=True, slots=True)
class Fact:
    """What was true of a person in an office on a day, for messages."""

    status: str
    """``current``, ``designate``, ``previous``, ``former``, ``not-yet`` or ``none``."""
    since: dt.date | None = None
    """current: the day the term began."""
    takes_office: dt.date | None = None
    """designate or not-yet: the day the next term begins."""
    left: dt.date | None = None
    """previous or former: the day the last term ended."""
    successor: str | None = None
    successor_since: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the pack says about one title state of one person in one office on one date."""

    right: bool | None
    """True: right; False: wrong; None: the pack cannot tell."""
    expected: State | None
    """The state the fix proposes (None: no right title on that date)."""
    fact: Fact
    """What was true on that date (for the message)."""


class Officeholders:
    """The compiled office-holder pack."""

    def __init__(self, pack: OfficeholdersPack) -> None:
        self.pack = pack
        self.grammar = pack.grammar
        self.offices = {o.id: o for o in pack.offices}
        self.people = {p.id: p for p in pack.people}
        for p in pack.people:
            for span in p.spans:
                if span.office not in self.offices:
                    raise packs.PackError(
                        "officeholders.yaml", f"person {p.id!r}: unknown office {span.office!r}"
                    )
        self._prefixes = sorted(set(self.grammar.prefixes), key=len, reverse=True)
        titles = set(self.grammar.generic_titles)
        for o in pack.offices:
            titles.update(o.forms)
        #: Every title the mention finder recognises.
        self.titles: frozenset[str] = frozenset(titles)
        self._core_cache: dict[str, str] = {}
        # office id → core title forms (country prefixes stripped)
        self._cores: dict[str, set[str]] = {
            o.id: {self.core(f) for f in o.forms} | {self.core(o.name)} for o in pack.offices
        }
        forms = [(f, p) for p in pack.people for f in dict.fromkeys(p.all_forms) if f]
        #: :meth:`name_forms`, computed once (do not modify).
        self.ranked_forms = sorted(forms, key=lambda fp: len(fp[0]), reverse=True)
        #: Name form → the id of its person (the last person listed wins a shared form).
        self.form_person: dict[str, str] = {f: p.id for f, p in self.ranked_forms}
        #: Finds the pack's name forms; ranks index :meth:`name_forms`.
        self.form_finder = FormFinder([f for f, _ in self.ranked_forms])
        self._office_cache: dict[tuple[str, str], Office | None] = {}
        self._verdicts: dict[tuple[object, ...], Verdict] = {}

    # ---------------------------------------------------------------- titles
    def core(self, title: str) -> str:
        """A title without its country prefix: 米国務長官 → 国務長官, ロシア外相 → 外相."""
        hit = self._core_cache.get(title)
        if hit is None:
            hit = self._core_cache[title] = self._core(title)
        return hit

    def _core(self, title: str) -> str:
        for p in self._prefixes:
            if title.startswith(p) and len(title) > len(p):
                rest = title[len(p) :]
                if rest in self.titles:
                    return rest
        return title

    def office_of(self, person: Person, title: str) -> Office | None:
        """The office of ``person`` that ``title`` names (長官 → 米国務長官 for Rubio)."""
        key = (person.id, title)
        if key not in self._office_cache:
            self._office_cache[key] = self._office_of(person, title)
        return self._office_cache[key]

    def _office_of(self, person: Person, title: str) -> Office | None:
        core = self.core(title)
        offices = {s.office for s in person.spans}
        matches = [o for o in offices if core in self._cores[o]]
        if len(matches) == 1:
            return self.offices[matches[0]]
        # Several offices share the form (Putin: 大統領 and 首相 do not, but 長官 could):
        # prefer the one whose forms contain the title as written.
        exact = [o for o in matches if title in self.offices[o].forms]
        return self.offices[exact[0]] if len(exact) == 1 else None

    # ---------------------------------------------------------------- dates
    def _terms(self, office: str) -> list[tuple[Person, Term]]:
        return [(p, t) for p in self.pack.people for t in p.terms if t.office == office]

    def allowed(self, person: Person, office: Office, day: dt.date) -> set[State]:
        """The title states that are right for ``person`` in ``office`` on ``day``."""
        terms = [t for t in person.terms if t.office == office.id]
        if any(t.start <= day and (t.end is None or day < t.end) for t in terms):
            return {State.CURRENT}
        out: set[State] = set()
        if any(d.office == office.id and d.start <= day <= d.end for d in person.designate):
            out.add(State.DESIGNATE)
        ended = [t.end for t in terms if t.end is not None and t.end <= day]
        if ended:
            out.add(State.FORMER)
            last = max(ended)
            others = [
                t.end
                for p, t in self._terms(office.id)
                if p.id != person.id and t.end is not None and last < t.end <= day
            ]
            if not others:
                out.add(State.PREVIOUS)
        return out

    def holder(self, office: Office, day: dt.date) -> tuple[Person, Term] | None:
        for p, t in self._terms(office.id):
            if t.start <= day and (t.end is None or day < t.end):
                return p, t
        return None

    def allowed_between(
        self, person: Person, office: Office, first: dt.date, last: dt.date
    ) -> set[State]:
        """The states that were right on some day from ``first`` to ``last``."""
        days = {first}
        for _, t in self._terms(office.id):
            days.update(d for d in (t.start, t.end) if d is not None and first < d <= last)
        for d in person.designate:
            if d.office == office.id:
                after = d.end + dt.timedelta(days=1)
                days.update(x for x in (d.start, after) if first < x <= last)
        out: set[State] = set()
        for day in days:
            out |= self.allowed(person, office, day)
        return out

    def anchored(self, person: Person, office: Office, day: dt.date, anchor: Anchor) -> set[State]:
        """The states a title may have when its words place it at ``anchor``."""
        terms = [t for t in person.terms if t.office == office.id]
        out: set[State] = set()
        if anchor is Anchor.BEFORE_TERM:
            if any(d.office == office.id for d in person.designate) or terms:
                out.add(State.DESIGNATE)
        elif anchor is Anchor.IN_TERM:
            if any(t.start <= day for t in terms):
                out.add(State.CURRENT)
        elif anchor is Anchor.AFTER_TERM:
            for t in terms:
                if t.end is not None and t.end <= day:
                    out |= {State.CURRENT} | self.allowed(person, office, t.end)
        elif anchor is Anchor.TERM_ENDED and any(t.end is not None and t.end <= day for t in terms):
            # A report of the end (死去, 辞任) speaks of the moment the term ended, when the
            # person still held the title: ジョンソン首相が辞任を表明.
            out.add(State.CURRENT)
        return out

    def judge(
        self,
        person: Person,
        office: Office,
        state: State,
        day: dt.date,
        *,
        candidate: bool,
        windows: tuple[tuple[dt.date, dt.date], ...] = (),
        anchor: Anchor | None = None,
    ) -> Verdict:
        """Whether ``state`` is right for ``person`` in ``office`` at the mention's time.

        The time is ``day`` (the sentence's date context), and also any day of
        ``windows`` (dates written in the sentence: ``2019年、…``) and the time ``anchor``
        names (``就任を前に``): a title right at any of them is right. ``candidate``: the
        title carries a …候補 suffix; a candidate title before any designate span (a
        campaign) is not judged.
        """
        key = (person.id, office.id, state, day, candidate, windows, anchor)
        verdict = self._verdicts.get(key)
        if verdict is None:
            verdict = self._verdicts[key] = self._judge(
                person, office, state, day, candidate, windows, anchor
            )
        return verdict

    def _judge(
        self,
        person: Person,
        office: Office,
        state: State,
        day: dt.date,
        candidate: bool,
        windows: tuple[tuple[dt.date, dt.date], ...],
        anchor: Anchor | None,
    ) -> Verdict:
        allowed = self.allowed(person, office, day)
        fact = self.fact(person, office, day, allowed)
        wider = set(allowed)
        for first, last in windows:
            wider |= self.allowed_between(person, office, first, last)
        if anchor is not None:
            wider |= self.anchored(person, office, day, anchor)
        if state in wider:
            return Verdict(True, state, fact)
        expected = next(
            (
                s
                for s in (State.CURRENT, State.DESIGNATE, State.PREVIOUS, State.FORMER)
                if s in allowed
            ),
            None,
        )
        # 次期 for a former holder is wrong; …候補 may be a new campaign.
        if (
            state is State.DESIGNATE
            and State.CURRENT not in allowed
            and (candidate or State.FORMER not in allowed)
        ):
            return Verdict(None, expected, fact)
        return Verdict(False, expected, fact)

    def fact(self, person: Person, office: Office, day: dt.date, allowed: set[State]) -> Fact:
        """What was true of ``person`` in ``office`` on ``day``."""
        terms = sorted((t for t in person.terms if t.office == office.id), key=lambda t: t.start)
        if State.CURRENT in allowed:
            return Fact("current", since=max(t.start for t in terms if t.start <= day))
        later = [t.start for t in terms if t.start > day]
        if State.DESIGNATE in allowed:
            return Fact("designate", takes_office=min(later) if later else None)
        ended = [t.end for t in terms if t.end is not None and t.end <= day]
        if ended:
            now = self.holder(office, day)
            return Fact(
                "previous" if State.PREVIOUS in allowed else "former",
                left=max(ended),
                successor=now[0].short if now else None,
                successor_since=now[1].start if now else None,
            )
        if later:
            return Fact("not-yet", takes_office=min(later))
        return Fact("none")

    # ---------------------------------------------------------------- names
    def name_forms(self) -> list[tuple[str, Person]]:
        """Every name form with its person, longest first (computed once)."""
        return list(self.ranked_forms)


class FormFinder:
    """Every occurrence of any of a list of forms in a text, overlapping ones too."""

    def __init__(self, forms: list[str]) -> None:
        self.forms = forms
        self._empty = [rank for rank, f in enumerate(forms) if not f]
        self._by_char: dict[str, list[tuple[int, str]]] = {}
        for rank, f in enumerate(forms):
            if f:
                self._by_char.setdefault(f[0], []).append((rank, f))
        # One character per match (the first of an occurrence), so that every
        # occurrence is found, however they overlap.
        alts = []
        for char, entries in self._by_char.items():
            rests = [re.escape(f[1:]) for _, f in entries]
            look = f"(?={'|'.join(rests)})" if all(rests) else ""
            alts.append(re.escape(char) + look)
        self._first = re.compile("|".join(alts) or "(?!)")

    def find(self, text: str) -> list[tuple[int, int]]:
        """``(rank, position)`` of every occurrence, by rank (index in ``forms``), then
        position: the order of ``str.find`` over the forms in turn."""
        out: list[tuple[int, int]] = []
        for m in self._first.finditer(text):
            i = m.start()
            for rank, form in self._by_char[text[i]]:
                if text.startswith(form, i):
                    out.append((rank, i))
        for rank in self._empty:
            out.extend((rank, i) for i in range(len(text) + 1))
        out.sort()
        return out
