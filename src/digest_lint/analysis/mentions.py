"""Person mentions with their title state, and the spellings of names and terms.

Read from the analysis layer's tokens and sentences; knowledge comes from two packs:
``officeholders`` (people, offices, title grammar) and ``name_variants`` (folding,
declared variants, never-merge pairs).

A *mention* is a name with what stands around it:

- name + title: ``トランプ前米大統領``, ``ラヴロフ・ロシア外相``, ``ルビオ長官``;
- title + の + name, when the title carries a state word: ``次期国務長官候補のマルコ・ルビオ氏``;
- name alone or with an honorific (``トランプ氏``): a mention without a title state.

Names are the pack's name forms matched at token boundaries, plus, for people not in
the pack, katakana names (or SudachiPy person-name tokens) followed by a title or an
honorific. A *spelling* is one written form of a name or term that DL303 compares.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from pydantic import field_validator

from digest_lint import packs
from digest_lint.officeholders import Office, Officeholders, Person, State, load_officeholders

if TYPE_CHECKING:
    from digest_lint.analysis import Analysis, Sentence

_KATAKANA = "ァ-ヺー"
_KATA_RUN = re.compile(rf"[{_KATAKANA}]+(?:[・･=＝][{_KATAKANA}]+)*")
_NAME_SEP = "・･=＝"
_KANJI = re.compile(r"[\u4e00-\u9fff々]")


def _is_katakana(ch: str) -> bool:
    return "ァ" <= ch <= "ヺ" or ch == "ー"


# --------------------------------------------------------------------------- variants pack
class NormalizedSpec(packs.PackModel):
    pos: list[str] = []
    patterns: list[str] = []

    @field_validator("patterns")
    @classmethod
    def _regexes(cls, value: list[str]) -> list[str]:
        for item in value:
            try:
                re.compile(item)
            except re.error as exc:
                raise ValueError(f"invalid regular expression {item!r}: {exc}") from None
        return value


class FuzzySpec(packs.PackModel):
    min_length: int = 4
    min_ratio: float = 90.0


class DeclaredVariant(packs.PackModel):
    forms: list[str]
    preferred: str | None = None

    @field_validator("forms")
    @classmethod
    def _two(cls, value: list[str]) -> list[str]:
        if len(set(value)) < 2:
            raise ValueError("a variant entry needs at least two different forms")
        return value


class VariantsPack(packs.PackModel):
    """Schema of ``rules/name_variants.yaml``."""

    source: str
    checked: dt.date | str
    fold: list[tuple[str, str]] = []
    normalized: NormalizedSpec = NormalizedSpec()
    fuzzy: FuzzySpec = FuzzySpec()
    variants: list[DeclaredVariant] = []
    never_merge: list[tuple[str, str]] = []


class Variants:
    """The compiled name-variants pack."""

    def __init__(self, pack: VariantsPack) -> None:
        self.pack = pack
        self.patterns = [re.compile(p) for p in pack.normalized.patterns]
        self.pos = [tuple(p.split("-")) for p in pack.normalized.pos]
        self.never = {frozenset((self.fold(a), self.fold(b))) for a, b in pack.never_merge}
        self.preferred: dict[str, str] = {}
        self.declared: dict[str, int] = {}
        for i, v in enumerate(pack.variants):
            for f in v.forms:
                self.declared[f] = i
                if v.preferred:
                    self.preferred[f] = v.preferred

    def fold(self, text: str) -> str:
        """ラヴロフ → ラブロフ, ゼレンスキー → ゼレンスキ, マルコ・ルビオ → マルコルビオ."""
        for a, b in self.pack.fold:
            text = text.replace(a, b)
        return text

    def loose(self, text: str) -> str:
        """The folded form without voicing marks, for fuzzy comparison."""
        nfd = unicodedata.normalize("NFD", self.fold(text))
        return "".join(c for c in nfd if c not in "\u3099\u309a")

    def never_merged(self, a: str, b: str) -> bool:
        return frozenset((self.fold(a), self.fold(b))) in self.never

    def compares_normalized(self, pos: tuple[str, ...], normalized: str) -> bool:
        if any(pos[: len(p)] == p for p in self.pos):
            return True
        return any(p.search(normalized) for p in self.patterns)


def load_variants(extra_dirs: Iterable[str] = ()) -> Variants:
    return _variants(tuple(extra_dirs))


@lru_cache(maxsize=8)
def _variants(extra_dirs: tuple[str, ...]) -> Variants:
    return Variants(packs.load("name_variants", VariantsPack, extra_dirs))


# --------------------------------------------------------------------------- mentions
@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of a person, with the title state written around the name."""

    start: int
    end: int
    """The whole mention: name and title (or title and name); no honorific."""
    name: str
    name_start: int
    name_end: int
    key: str
    """Who: ``pack:<id>`` for pack people, ``name:<folded surname>`` for others."""
    person: Person | None
    day: dt.date
    """The mention's date context."""
    title: str = ""
    """The title as written, with its state words: ``次期米大統領``, ``次期国務長官候補``."""
    base: str = ""
    """The title without state words and country prefixes: ``大統領``, ``国務長官``."""
    state: State | None = None
    """None: no title (``トランプ氏``, ``トランプ``)."""
    office: Office | None = None
    historical: bool = False
    """Marked as past on purpose (``(当時)``)."""
    prefixed: bool = False
    """The title stands before the name (``次期国務長官候補のマルコ・ルビオ``)."""
    sep: str = ""
    country1: str = ""
    modifier: str = ""
    country2: str = ""
    title_form: str = ""
    """The title word as written without state words (``大統領``, ``米大統領``)."""
    suffix: str = ""
    """A designate suffix (``候補``)."""

    @property
    def office_key(self) -> str:
        return self.office.id if self.office is not None else self.base

    @property
    def candidate(self) -> bool:
        return bool(self.suffix)

    def rewrite(self, state: State, grammar_words: dict[State, str]) -> str:
        """The mention's text with ``state`` instead of its own (for fixes)."""
        mod = grammar_words.get(state, "")
        suffix = self.suffix if state is State.DESIGNATE else ""
        if state is State.DESIGNATE and not suffix and not mod:
            mod = grammar_words[State.DESIGNATE]
        title = f"{self.country1}{mod}{self.country2}{self.title_form}{suffix}"
        if self.prefixed:
            return f"{title}の{self.name}"
        return f"{self.name}{self.sep}{title}"


@dataclass(frozen=True, slots=True)
class Spelling:
    """One written form of a name or term, for DL303."""

    start: int
    end: int
    surface: str
    keys: tuple[str, ...]
    """What makes two spellings one name: ``n:`` normalized, ``f:`` folded, ``d:`` declared."""
    person_name: bool
    """Part of a person's name (fuzzy matching applies)."""
    person: str | None
    """The pack person whose form this is."""


class _Grammar:
    """Regexes of the title grammar, compiled once per pack set."""

    def __init__(self, holders: Officeholders) -> None:
        g = holders.grammar

        def alt(words: Iterable[str]) -> str:
            items = sorted({w for w in words if w}, key=len, reverse=True)
            return "|".join(re.escape(w) for w in items) or "(?!)"

        self.words: dict[State, str] = {
            State.PREVIOUS: g.previous[0] if g.previous else "前",
            State.FORMER: g.former[0] if g.former else "元",
            State.DESIGNATE: g.designate[0] if g.designate else "次期",
        }
        self.state_of: dict[str, State] = {}
        for w in g.current:
            self.state_of[w] = State.CURRENT
        for w in g.previous:
            self.state_of[w] = State.PREVIOUS
        for w in g.former:
            self.state_of[w] = State.FORMER
        for w in g.designate:
            self.state_of[w] = State.DESIGNATE
        mods = alt(self.state_of)
        pre = alt(g.prefixes)
        titles = alt(holders.titles)
        suffix = alt(g.designate_suffix)
        self.postfix = re.compile(
            rf"(?P<sep>[・･])?(?P<c1>{pre})?(?P<mod>{mods})?(?P<c2>{pre})?"
            rf"(?P<title>{titles})(?P<suffix>{suffix})?"
        )
        self.prefix = re.compile(
            rf"(?P<mod>{mods})?(?P<c1>{pre})?(?P<title>{titles})(?P<suffix>{suffix})?の"
        )
        self.blockers = tuple(g.blockers)
        self.honorifics = tuple(sorted(g.honorifics, key=len, reverse=True))
        self.historical = re.compile(rf"^[（(]?(?:{alt(g.historical)})")
        self.not_names = set(g.not_names) | set(g.prefixes)


@lru_cache(maxsize=8)
def _grammar(extra_dirs: tuple[str, ...]) -> _Grammar:
    return _Grammar(load_officeholders(extra_dirs))


@dataclass
class _Name:
    start: int
    end: int
    text: str
    person: Person | None


class MentionIndex:
    """Mentions and spellings of one article, computed on first use per pack set.

    ``analysis.mentions.people(pack_dirs)`` → :class:`Mention` list in reading order;
    ``analysis.mentions.spellings(pack_dirs)`` → :class:`Spelling` list.
    """

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self._people: dict[tuple[str, ...], list[Mention]] = {}
        self._spellings: dict[tuple[str, ...], list[Spelling]] = {}

    def holders(self, pack_dirs: Iterable[str] = ()) -> Officeholders:
        return load_officeholders(tuple(pack_dirs))

    def grammar_words(self, pack_dirs: Iterable[str] = ()) -> dict[State, str]:
        return _grammar(tuple(pack_dirs)).words

    def people(self, pack_dirs: Iterable[str] = ()) -> list[Mention]:
        key = tuple(pack_dirs)
        if key not in self._people:
            self._people[key] = _find_mentions(self.analysis, key)
        return self._people[key]

    def spellings(self, pack_dirs: Iterable[str] = ()) -> list[Spelling]:
        key = tuple(pack_dirs)
        if key not in self._spellings:
            self._spellings[key] = _find_spellings(self.analysis, key, self.people(key))
        return self._spellings[key]


# --------------------------------------------------------------------------- finding
def _names_in(
    sentence: Sentence, holders: Officeholders, gram: _Grammar, starts: set[int], ends: set[int]
) -> list[_Name]:
    """Name occurrences of one sentence: pack forms first, then generic katakana/kanji names."""
    text, base = sentence.text, sentence.start
    taken = [False] * len(text)
    out: list[_Name] = []

    def free(s: int, e: int) -> bool:
        return not any(taken[s:e])

    for form, person in holders.name_forms():
        i = text.find(form)
        while i != -1:
            j = i + len(form)
            prev = text[i - 1] if i > 0 else ""
            kata = _is_katakana(form[0])
            ok = base + i in starts and free(i, j)
            if ok and kata and prev and _continues_name(text, i):
                ok = False  # ルビオ inside another name (メラニア・トランプ)
            if ok and j < len(text) and kata and _is_katakana(text[j]):
                ok = False
            if ok:
                out.append(_Name(base + i, base + j, form, person))
                for k in range(i, j):
                    taken[k] = True
            i = text.find(form, i + 1)
    # generic katakana names
    for m in _KATA_RUN.finditer(text):
        i, j = m.span()
        if not free(i, j) or base + i not in starts:
            continue
        name = m.group(0)
        if len(name.replace("ー", "")) < 2 or name in gram.not_names:
            continue
        if any(part in gram.not_names for part in re.split(f"[{_NAME_SEP}]", name)):
            continue
        if not _person_like(sentence, base + i, base + j):
            continue
        out.append(_Name(base + i, base + j, name, None))
    # generic kanji person names (SudachiPy 人名 tokens)
    run: list[int] = []
    toks = sentence.tokens

    def close_run() -> None:
        if run:
            s, e = toks[run[0]].start, toks[run[-1]].end
            if free(s - base, e - base):
                out.append(_Name(s, e, "".join(toks[k].surface for k in run), None))
        run.clear()

    for k, t in enumerate(toks):
        if (
            t.pos[2] == "人名"
            and _KANJI.search(t.surface)
            and not any(_is_katakana(c) for c in t.surface)
        ):
            run.append(k)
        else:
            close_run()
    close_run()
    return sorted(out, key=lambda n: n.start)


def _continues_name(text: str, i: int) -> bool:
    """Whether position ``i`` continues a katakana name (``メラニア・|トランプ``)."""
    prev = text[i - 1]
    if _is_katakana(prev):
        return True
    return prev in _NAME_SEP and i >= 2 and _is_katakana(text[i - 2])


def _person_like(sentence: Sentence, start: int, end: int) -> bool:
    """No token of the katakana run is a place, an organisation or another proper noun."""
    for t in sentence.tokens:
        if t.end <= start or t.start >= end:
            continue
        if t.pos[0] != "名詞" and t.pos[0] != "補助記号":
            return False
        if t.pos[1] == "固有名詞" and t.pos[2] != "人名":
            return False
    return True


def _find_mentions(analysis: Analysis, pack_dirs: tuple[str, ...]) -> list[Mention]:
    holders = load_officeholders(pack_dirs)
    gram = _grammar(pack_dirs)
    variants = load_variants(pack_dirs)
    out: list[Mention] = []
    for sentence in analysis.sentences:
        starts = {t.start for t in sentence.tokens}
        ends = {t.end for t in sentence.tokens}
        names = _names_in(sentence, holders, gram, starts, ends)
        if not names:
            continue
        text, base = sentence.text, sentence.start
        title_spans: list[tuple[int, int]] = []
        pending: list[tuple[_Name, re.Match[str] | None]] = []
        for n in names:
            m = gram.postfix.match(text, n.end - base)
            if m is not None and (base + m.end() not in ends or _blocked(text, m.end(), gram)):
                m = None
            if m is not None:
                title_spans.append((base + m.start(), base + m.end()))
            pending.append((n, m))
        # titles before names: 次期国務長官候補のマルコ・ルビオ氏
        prefixed: dict[int, re.Match[str]] = {}
        for m in gram.prefix.finditer(text):
            if not (m.group("mod") or m.group("suffix")):
                continue
            s = base + m.start()
            if s not in starts or base + m.end() - 1 not in ends:
                continue
            if any(a < base + m.end() and s < b for a, b in title_spans):
                continue
            if m.start() > 0 and _is_katakana(text[m.start() - 1]):
                continue
            prefixed[base + m.end()] = m
        for n, m in pending:
            after = text[n.end - base :]
            if m is None and n.start in prefixed:
                pm = prefixed[n.start]
                out.append(_mention(analysis, holders, gram, variants, n, pm, base, True))
                continue
            if m is not None:
                out.append(_mention(analysis, holders, gram, variants, n, m, base, False))
                continue
            honorific = after.startswith(gram.honorifics) if gram.honorifics else False
            if n.person is None and not honorific:
                continue  # a katakana word with neither title nor honorific: not a name
            if n.end not in ends and not honorific:
                continue  # the name runs into a longer word
            out.append(_mention(analysis, holders, gram, variants, n, None, base, False))
    return out


def _blocked(text: str, end: int, gram: _Grammar) -> bool:
    return bool(gram.blockers) and text.startswith(gram.blockers, end)


def _mention(
    analysis: Analysis,
    holders: Officeholders,
    gram: _Grammar,
    variants: Variants,
    n: _Name,
    m: re.Match[str] | None,
    base: int,
    prefixed: bool,
) -> Mention:
    if n.person is not None:
        key = f"pack:{n.person.id}"
    else:
        surname = re.split(f"[{_NAME_SEP}]", n.text)[-1]
        key = f"name:{variants.fold(surname)}"
    if m is None:
        return Mention(
            start=n.start,
            end=n.end,
            name=n.text,
            name_start=n.start,
            name_end=n.end,
            key=key,
            person=n.person,
            day=analysis.date_context(n.start),
        )
    mod = m.group("mod") or ""
    suffix = m.group("suffix") or ""
    title_form = m.group("title")
    c1 = m.group("c1") or ""
    c2 = "" if prefixed else (m.group("c2") or "")
    state = State.DESIGNATE if suffix else gram.state_of.get(mod, State.CURRENT)
    office = holders.office_of(n.person, title_form) if n.person is not None else None
    if prefixed:
        start, end = base + m.start(), n.end
        title = m.group(0)[:-1]
        tail = analysis.article.text[n.end : n.end + 8]
    else:
        start, end = n.start, base + m.end()
        title = m.group(0).lstrip("・･")
        tail = analysis.article.text[end : end + 8]
    return Mention(
        start=start,
        end=end,
        name=n.text,
        name_start=n.start,
        name_end=n.end,
        key=key,
        person=n.person,
        day=analysis.date_context(start),
        title=title,
        base=holders.core(title_form),
        state=state,
        office=office,
        historical=bool(gram.historical.search(tail.lstrip("氏さん"))),
        prefixed=prefixed,
        sep="" if prefixed else (m.group("sep") or ""),
        country1=c1,
        modifier=mod,
        country2=c2,
        title_form=title_form,
        suffix=suffix,
    )


# --------------------------------------------------------------------------- spellings
def _find_spellings(
    analysis: Analysis, pack_dirs: tuple[str, ...], mentions: list[Mention]
) -> list[Spelling]:
    variants = load_variants(pack_dirs)
    holders = load_officeholders(pack_dirs)
    person_form = {f: p.id for f, p in holders.name_forms()}
    found: dict[tuple[int, int], Spelling] = {}

    def add(start: int, end: int, surface: str, key: str, person_name: bool) -> None:
        old = found.get((start, end))
        person = person_form.get(surface)
        if old is None:
            found[(start, end)] = Spelling(start, end, surface, (key,), person_name, person)
        elif key not in old.keys:
            found[(start, end)] = Spelling(
                start, end, surface, (*old.keys, key), old.person_name or person_name, person
            )

    # name parts of person mentions
    for m in mentions:
        pos = m.name_start
        for part in re.split(f"([{_NAME_SEP}])", m.name):
            if part and part not in _NAME_SEP and _is_katakana(part[0]):
                add(pos, pos + len(part), part, "f:" + variants.fold(part), True)
            pos += len(part)
    declared = sorted(variants.declared, key=len, reverse=True)
    for sentence in analysis.sentences:
        starts = {t.start for t in sentence.tokens}
        ends = {t.end for t in sentence.tokens}
        for t in sentence.tokens:
            if t.pos[0] != "名詞":
                continue
            if variants.compares_normalized(t.pos, t.normalized):
                add(t.start, t.end, t.surface, "n:" + t.normalized, False)
            if t.pos[1] == "固有名詞" and all(_is_katakana(c) for c in t.surface):
                add(t.start, t.end, t.surface, "f:" + variants.fold(t.surface), t.pos[2] == "人名")
        text, base = sentence.text, sentence.start
        for form in declared:
            i = text.find(form)
            while i != -1:
                s, e = base + i, base + i + len(form)
                if s in starts and e in ends:
                    add(s, e, form, f"d:{variants.declared[form]}", False)
                i = text.find(form, i + 1)
    return sorted(found.values(), key=lambda s: s.start)
