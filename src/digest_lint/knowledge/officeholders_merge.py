"""Merging office-holder packs by person id and office id, with conflicts reported.

The built-in ``rules/officeholders.yaml``, the ``officeholders.yaml`` of every extra pack
directory of the config and an imported pack (``digest-lint packs import-wikidata``) are
merged in that order. A later entry with the id of an earlier one extends or overrides it:

- an office: ``name`` is replaced, ``forms`` are added to the earlier forms;
- a person: ``name`` is replaced, ``forms`` are added; the later entry's ``terms`` in an
  office replace the earlier entry's terms in that office (terms in other offices stay),
  and likewise its ``designate`` spans;
- ``grammar`` lists are appended; ``source`` and ``checked`` are the last file's.

What cannot be merged is a :class:`Conflict`, reported with the entry (file, line, id),
never merged silently: two terms of one office that overlap (two holders at once, or one
person's terms twice), a term or designate span in an office no pack defines, and a
person whose ``name`` has no Japanese (kana or kanji) character. Terms that end before
they start are already refused when each file is validated on its own.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from digest_lint.knowledge import packs
from digest_lint.knowledge.officeholders import (
    Anchors,
    Designate,
    Grammar,
    Office,
    OfficeholdersPack,
    Person,
    Term,
)
from digest_lint.model.messages import Message, Said, said

PACK_NAME = "officeholders"

#: A kana or kanji character: a name without one never occurs in Japanese news text.
JAPANESE = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆]")


def has_japanese(text: str) -> bool:
    return JAPANESE.search(text) is not None


#: What the merge's conflicts say, in each language (rendered where they are printed).
MESSAGES = {
    "conflict": Message(ja="{label}: {problem}{more}", en="{label}: {problem}{more}"),
    "label": Message(ja="{loc}{entry}", en="{loc}{entry}"),
    "more": Message(ja="（ほかに{n}件の矛盾）", en=" (and {n} more conflicts)"),
    "none": Message(ja="", en=""),
    "no-japanese-name": Message(
        ja="人物の名前 {name} に日本語がありません。ニュースで書く日本語の名前にしてください",
        en="person has no Japanese name ({name}): news text never writes it; give the name "
        "as Japanese news writes it",
    ),
    "unknown-office": Message(ja="{office} という役職はありません", en="unknown office {office}"),
    "overlap": Message(
        ja="{office}の{start}からの任期が、{same}{held_start}からの任期（{until}、{where}）と"
        "重なっています。一つの役職に同時に就けるのは一人です",
        en="term in {office} from {start} overlaps {same} term from {held_start} {until} "
        "({where}): one office has one holder at a time",
    ),
    "until": Message(ja="{end}まで", en="to {end}"),
    "no-end": Message(ja="終わりのない現職", en="with no end (in office)"),
    "same-person": Message(ja="同じ人物の", en="the same person's"),
    "other-person": Message(ja="{id}の", en="{id}'s"),
}


@dataclass(eq=False)
class PackSource:
    """One office-holder pack, validated on its own."""

    path: str
    pack: OfficeholdersPack
    text: str | None = None
    """The file's text; its line map is built only when a conflict is reported."""

    @classmethod
    def read(cls, path: Path) -> PackSource:
        data, text = packs.read_data(path)
        return cls(str(path), packs.validate(path, OfficeholdersPack, data), text)

    @cached_property
    def lines(self) -> dict[tuple[Any, ...], int]:
        return packs.line_map(self.text) if self.text is not None else {}


@dataclass(frozen=True, eq=False)
class Place:
    """Where an entry is written: its pack, its key path and its id."""

    source: PackSource
    loc: tuple[str | int, ...]
    entry: str

    @property
    def line(self) -> int | None:
        lines = self.source.lines
        for n in range(len(self.loc), -1, -1):
            if self.loc[:n] in lines:
                return lines[self.loc[:n]]
        return None

    def where(self) -> str:
        line = self.line
        return f"{self.source.path}:{line}" if line else self.source.path

    def label(self) -> str:
        return f"{'.'.join(str(p) for p in self.loc)} (entry {self.entry!r})"

    def said_label(self) -> Said:
        """:meth:`label` in either language (``people.3 （項目 'rival'）``)."""
        entry = said(packs.MESSAGES["entry-label"], label=repr(self.entry))
        return said(MESSAGES["label"], loc=".".join(str(p) for p in self.loc), entry=entry)


@dataclass(frozen=True, eq=False)
class Conflict:
    """Two entries that cannot both be true, or an entry that cannot be used."""

    place: Place
    message: str | Said
    other: Place | None = None

    def __str__(self) -> str:
        return f"{self.place.where()}: {self.place.label()}: {self.message}"

    def error(self, more: int = 0) -> packs.PackError:
        tail = said(MESSAGES["more"], n=more) if more else said(MESSAGES["none"])
        return packs.PackError(
            self.place.source.path,
            said(
                MESSAGES["conflict"],
                label=self.place.said_label(),
                problem=self.message,
                more=tail,
            ),
            self.place.line,
        )


@dataclass(eq=False)
class _Span:
    value: Term | Designate
    place: Place


@dataclass(eq=False)
class _PersonSlot:
    id: str
    name: str
    forms: list[str]
    place: Place
    terms: list[_Span] = field(default_factory=list)
    designate: list[_Span] = field(default_factory=list)


@dataclass(eq=False)
class _OfficeSlot:
    id: str
    name: str
    forms: list[str]
    place: Place


@dataclass(frozen=True, eq=False)
class MergeResult:
    pack: OfficeholdersPack
    conflicts: list[Conflict]


def _union(a: Iterable[str], b: Iterable[str]) -> list[str]:
    return list(dict.fromkeys([*a, *b]))


def _replace_by_office(old: list[_Span], new: list[_Span]) -> list[_Span]:
    offices = {s.value.office for s in new}
    return [s for s in old if s.value.office not in offices] + new


def _end(term: Term) -> dt.date:
    return term.end if term.end is not None else dt.date.max


def merge(sources: Sequence[PackSource]) -> MergeResult:
    """Merge office-holder packs in order (see the module docstring) and list conflicts."""
    if not sources:
        raise ValueError("merge() needs at least one pack")
    offices: dict[str, _OfficeSlot] = {}
    people: dict[str, _PersonSlot] = {}
    grammar: dict[str, list[str]] = {name: [] for name in Grammar.model_fields if name != "anchors"}
    anchors: dict[str, list[str]] = {name: [] for name in Anchors.model_fields}
    for src in sources:
        pack = src.pack
        for name in grammar:
            grammar[name] = _union(grammar[name], getattr(pack.grammar, name))
        for name in anchors:
            anchors[name] = _union(anchors[name], getattr(pack.grammar.anchors, name))
        for i, o in enumerate(pack.offices):
            place = Place(src, ("offices", i), o.id)
            if o.id in offices:
                slot = offices[o.id]
                slot.name, slot.forms, slot.place = o.name, _union(slot.forms, o.forms), place
            else:
                offices[o.id] = _OfficeSlot(o.id, o.name, list(o.forms), place)
        for i, p in enumerate(pack.people):
            place = Place(src, ("people", i), p.id)
            terms = [
                _Span(t, Place(src, ("people", i, "terms", j), p.id)) for j, t in enumerate(p.terms)
            ]
            designate = [
                _Span(d, Place(src, ("people", i, "designate", j), p.id))
                for j, d in enumerate(p.designate)
            ]
            if p.id in people:
                ps = people[p.id]
                ps.name, ps.forms, ps.place = p.name, _union(ps.forms, p.forms), place
                ps.terms = _replace_by_office(ps.terms, terms)
                ps.designate = _replace_by_office(ps.designate, designate)
            else:
                people[p.id] = _PersonSlot(p.id, p.name, list(p.forms), place, terms, designate)

    conflicts: list[Conflict] = []
    for ps in people.values():
        if not has_japanese(ps.name):
            conflicts.append(
                Conflict(
                    Place(ps.place.source, (*ps.place.loc, "name"), ps.id),
                    said(MESSAGES["no-japanese-name"], name=repr(ps.name)),
                )
            )
        for span in (*ps.terms, *ps.designate):
            if span.value.office not in offices:
                conflicts.append(
                    Conflict(
                        span.place, said(MESSAGES["unknown-office"], office=repr(span.value.office))
                    )
                )
    conflicts.extend(_overlaps(people.values()))

    last = sources[-1].pack
    merged_people: list[Person] = []
    for ps in people.values():
        held = [s.value for s in ps.terms if isinstance(s.value, Term)]
        spans = [s.value for s in ps.designate if isinstance(s.value, Designate)]
        merged_people.append(
            Person(id=ps.id, name=ps.name, forms=ps.forms, terms=held, designate=spans)
        )
    pack = OfficeholdersPack.model_construct(
        source=last.source,
        checked=last.checked,
        grammar=Grammar(**grammar, anchors=Anchors(**anchors)),
        offices=[Office(id=o.id, name=o.name, forms=o.forms) for o in offices.values()],
        people=merged_people,
    )
    conflicts.sort(key=lambda c: (sources.index(c.place.source), c.place.loc))
    return MergeResult(pack, conflicts)


def _overlaps(people: Iterable[_PersonSlot]) -> list[Conflict]:
    """Terms of one office held at the same time (two people, or one person twice)."""
    by_office: dict[str, list[tuple[Term, _PersonSlot, Place]]] = {}
    for ps in people:
        for span in ps.terms:
            assert isinstance(span.value, Term)
            by_office.setdefault(span.value.office, []).append((span.value, ps, span.place))
    out: list[Conflict] = []
    for office, terms in by_office.items():
        terms.sort(key=lambda tpp: (tpp[0].start, _end(tpp[0])))
        running: tuple[Term, _PersonSlot, Place] | None = None
        for term, ps, place in terms:
            if running is not None and _end(running[0]) > term.start:
                held, who, where = running
                until = (
                    said(MESSAGES["until"], end=held.end) if held.end else said(MESSAGES["no-end"])
                )
                same = (
                    said(MESSAGES["same-person"])
                    if who.id == ps.id
                    else said(MESSAGES["other-person"], id=who.id)
                )
                out.append(
                    Conflict(
                        place,
                        said(
                            MESSAGES["overlap"],
                            office=office,
                            start=term.start,
                            same=same,
                            held_start=held.start,
                            until=until,
                            where=where.where(),
                        ),
                        where,
                    )
                )
            if running is None or _end(term) > _end(running[0]):
                running = (term, ps, place)
    return out


def pack_files(extra_dirs: Iterable[str | Path] = ()) -> list[Path]:
    """The office-holder pack files that are read: built-in, then each extra directory's."""
    files = [packs.builtin_pack_dir() / f"{PACK_NAME}.yaml"]
    files += [Path(d) / f"{PACK_NAME}.yaml" for d in extra_dirs]
    return [f for f in files if f.is_file()]


def read_sources(extra_dirs: Iterable[str | Path] = ()) -> list[PackSource]:
    files = pack_files(extra_dirs)
    if not files:
        raise packs.PackError(
            packs.builtin_pack_dir() / f"{PACK_NAME}.yaml",
            said(packs.MESSAGES["not-found"], name=repr(PACK_NAME)),
        )
    return [PackSource.read(f) for f in files]


def load_merged(extra_dirs: Iterable[str | Path] = ()) -> OfficeholdersPack:
    """The merged office-holder pack; the first conflict is a :class:`~packs.PackError`.

    Read once per process and set of directories, like :func:`packs.load`."""
    return _load_merged(tuple(str(d) for d in extra_dirs))


@functools.lru_cache(maxsize=16)
def _load_merged(extra_dirs: tuple[str, ...]) -> OfficeholdersPack:
    result = merge(read_sources(extra_dirs))
    if result.conflicts:
        raise result.conflicts[0].error(len(result.conflicts) - 1)
    return result.pack
