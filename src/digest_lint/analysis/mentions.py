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
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING

from pydantic import field_validator

from digest_lint.knowledge import packs
from digest_lint.knowledge.officeholders import (
    FormFinder,
    Office,
    Officeholders,
    Person,
    State,
    load_officeholders,
)

if TYPE_CHECKING:
    from digest_lint.analysis import Analysis, Sentence
    from digest_lint.analysis.tokens import Token

_KATAKANA = "ァ-ヺー"
_KATA_RUN = re.compile(rf"[{_KATAKANA}]+(?:[・･=＝][{_KATAKANA}]+)*")
_NAME_SEP = "・･=＝"
_KANJI = re.compile(r"[\u4e00-\u9fff々]")
_KATA_CHAR = re.compile(rf"[{_KATAKANA}]")
_SPLIT_NAME = re.compile(f"[{_NAME_SEP}]")
_SPLIT_NAME_KEEP = re.compile(f"([{_NAME_SEP}])")
_KATA_ONLY = re.compile(rf"[{_KATAKANA}]*")
_RANK_POS = itemgetter(0, 1)
_START = attrgetter("start")
_END = attrgetter("end")


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
        self._folded: dict[str, str] = {}
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
        #: Declared forms, longest first.
        self.declared_forms = sorted(self.declared, key=len, reverse=True)
        self.declared_finder = FormFinder(self.declared_forms)
        self._pos_compared: dict[tuple[str, ...], bool] = {}
        self._normalized_compared: dict[str, bool] = {}
        self._name_parts: dict[str, list[tuple[int, str, str]]] = {}

    def fold(self, text: str) -> str:
        """ラヴロフ → ラブロフ, ゼレンスキー → ゼレンスキ, マルコ・ルビオ → マルコルビオ."""
        folded = self._folded.get(text)
        if folded is None:
            folded = text
            for a, b in self.pack.fold:
                folded = folded.replace(a, b)
            self._folded[text] = folded
        return folded

    def loose(self, text: str) -> str:
        """The folded form without voicing marks, for fuzzy comparison."""
        nfd = unicodedata.normalize("NFD", self.fold(text))
        return "".join(c for c in nfd if c not in "\u3099\u309a")

    def never_merged(self, a: str, b: str) -> bool:
        return frozenset((self.fold(a), self.fold(b))) in self.never

    def compares_normalized(self, pos: tuple[str, ...], normalized: str) -> bool:
        return self.compared_pos(pos) or self.compared_normalized(normalized)

    def compared_pos(self, pos: tuple[str, ...]) -> bool:
        """Whether tokens of this part of speech are compared by normalized form."""
        hit = self._pos_compared.get(pos)
        if hit is None:
            hit = self._pos_compared[pos] = any(pos[: len(p)] == p for p in self.pos)
        return hit

    def compared_normalized(self, normalized: str) -> bool:
        """Whether a noun with this normalized form is compared (米露, 対露)."""
        hit = self._normalized_compared.get(normalized)
        if hit is None:
            hit = any(p.search(normalized) for p in self.patterns)
            self._normalized_compared[normalized] = hit
        return hit

    def name_parts(self, name: str) -> list[tuple[int, str, str]]:
        """The katakana parts of a person's name: (offset in the name, part, ``f:`` key)."""
        parts = self._name_parts.get(name)
        if parts is None:
            parts = []
            pos = 0
            for part in _SPLIT_NAME_KEEP.split(name):
                if part and part not in _NAME_SEP and _is_katakana(part[0]):
                    parts.append((pos, part, "f:" + self.fold(part)))
                pos += len(part)
            self._name_parts[name] = parts
        return parts


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
        #: A text without any of these words has no title that :attr:`prefix` may use.
        self.prefix_hint = re.compile(alt([*self.state_of, *g.designate_suffix]))
        self.blockers = tuple(g.blockers)
        self.honorifics = tuple(sorted(g.honorifics, key=len, reverse=True))
        self.historical = re.compile(rf"^[（(]?(?:{alt(g.historical)})")
        self.not_names = set(g.not_names) | set(g.prefixes)
        #: Katakana runs seen so far → :meth:`may_be_name`.
        self.may_be_name_cache: dict[str, bool] = {}

    def may_be_name(self, run: str) -> bool:
        """Whether a katakana run may be a name: two kana or more, no word of not_names."""
        ok = self.may_be_name_cache.get(run)
        if ok is None:
            ok = not (
                len(run.replace("ー", "")) < 2
                or run in self.not_names
                or any(part in self.not_names for part in _SPLIT_NAME.split(run))
            )
            self.may_be_name_cache[run] = ok
        return ok


@lru_cache(maxsize=8)
def _grammar(extra_dirs: tuple[str, ...]) -> _Grammar:
    return _Grammar(load_officeholders(extra_dirs))


@dataclass(slots=True)
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
def _names_in(sentence: Sentence, holders: Officeholders, gram: _Grammar) -> list[_Name]:
    """Name occurrences of one sentence: pack forms first, then generic katakana/kanji names."""
    text, base = sentence.text, sentence.start
    toks = sentence.tokens
    n = len(text)
    taken = bytearray(n)
    out: list[_Name] = []
    # Pack forms, longest first: every (form, position) at a token start, in the order of
    # ``holders.name_forms()`` and then by position.
    forms = holders.ranked_forms
    for rank, i in holders.form_finder.find(text):
        if not _starts_at(toks, base + i):
            continue
        form, person = forms[rank]
        j = i + len(form)
        if any(taken[i:j]):
            continue
        if _is_katakana(form[0]):
            if i > 0 and _continues_name(text, i):
                continue  # ルビオ inside another name (メラニア・トランプ)
            if j < n and _is_katakana(text[j]):
                continue
        out.append(_Name(base + i, base + j, form, person))
        taken[i:j] = b"\x01" * (j - i)
    # generic katakana names
    k = 0  # the first token that may overlap the next run
    may_be_name = gram.may_be_name_cache
    for m in _KATA_RUN.finditer(text):
        name = m.group(0)
        ok = may_be_name.get(name)
        if ok is None:
            ok = gram.may_be_name(name)
        if not ok:
            continue
        i, j = m.span()
        if any(taken[i:j]) or not _starts_at(toks, base + i):
            continue
        while toks[k].end <= base + i:
            k += 1
        if not _person_like(toks, k, base + j):
            continue
        out.append(_Name(base + i, base + j, name, None))
    # generic kanji person names (SudachiPy 人名 tokens)
    run: list[Token] = []
    for t in toks:
        if t.pos[2] == "人名" and _KANJI.search(t.surface) and not _KATA_CHAR.search(t.surface):
            run.append(t)
        elif run:
            _close_run(run, base, taken, out)
            run = []
    if run:
        _close_run(run, base, taken, out)
    out.sort(key=_START)
    return out


def _close_run(run: list[Token], base: int, taken: bytearray, out: list[_Name]) -> None:
    s, e = run[0].start, run[-1].end
    if not any(taken[s - base : e - base]):
        out.append(_Name(s, e, "".join(t.surface for t in run), None))


def _continues_name(text: str, i: int) -> bool:
    """Whether position ``i`` continues a katakana name (``メラニア・|トランプ``)."""
    prev = text[i - 1]
    if _is_katakana(prev):
        return True
    return prev in _NAME_SEP and i >= 2 and _is_katakana(text[i - 2])


def _person_like(toks: Sequence[Token], first: int, end: int) -> bool:
    """No token of a katakana run (its tokens: from ``toks[first]`` to ``end``) is a
    place, an organisation or another proper noun."""
    for t in toks[first:]:
        if t.start >= end:
            break
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
        names = _names_in(sentence, holders, gram)
        if not names:
            continue
        toks = sentence.tokens
        text, base = sentence.text, sentence.start
        title_spans: list[tuple[int, int]] = []
        pending: list[tuple[_Name, re.Match[str] | None]] = []
        untitled = False
        for n in names:
            m = gram.postfix.match(text, n.end - base)
            if m is not None and (
                not _ends_at(toks, base + m.end()) or _blocked(text, m.end(), gram)
            ):
                m = None
            if m is not None:
                title_spans.append((base + m.start(), base + m.end()))
            else:
                untitled = True
            pending.append((n, m))
        # titles before names: 次期国務長官候補のマルコ・ルビオ氏 (only a title with a state
        # word or a designate suffix counts, and only an untitled name can take one)
        prefixed: dict[int, re.Match[str]] = {}
        if untitled and gram.prefix_hint.search(text):
            prefixed = _prefixed(text, base, gram, toks, title_spans)
        for n, m in pending:
            if m is None and n.start in prefixed:
                pm = prefixed[n.start]
                out.append(_mention(analysis, holders, gram, variants, n, pm, base, True))
                continue
            if m is not None:
                out.append(_mention(analysis, holders, gram, variants, n, m, base, False))
                continue
            honorific = bool(gram.honorifics) and text.startswith(gram.honorifics, n.end - base)
            if n.person is None and not honorific:
                continue  # a katakana word with neither title nor honorific: not a name
            if not honorific and not _ends_at(toks, n.end):
                continue  # the name runs into a longer word
            out.append(_mention(analysis, holders, gram, variants, n, None, base, False))
    return out


def _prefixed(
    text: str,
    base: int,
    gram: _Grammar,
    toks: Sequence[Token],
    title_spans: list[tuple[int, int]],
) -> dict[int, re.Match[str]]:
    """Titles with a state word standing before a name, by the offset where the name starts."""
    prefixed: dict[int, re.Match[str]] = {}
    for m in gram.prefix.finditer(text):
        if not (m.group("mod") or m.group("suffix")):
            continue
        s = base + m.start()
        if not _starts_at(toks, s) or not _ends_at(toks, base + m.end() - 1):
            continue
        if any(a < base + m.end() and s < b for a, b in title_spans):
            continue
        if m.start() > 0 and _is_katakana(text[m.start() - 1]):
            continue
        prefixed[base + m.end()] = m
    return prefixed


def _starts_at(toks: Sequence[Token], offset: int) -> bool:
    """Whether a token starts at ``offset`` (tokens are in text order)."""
    k = bisect_left(toks, offset, key=_START)
    return k < len(toks) and toks[k].start == offset


def _ends_at(toks: Sequence[Token], offset: int) -> bool:
    """Whether a token ends at ``offset``."""
    k = bisect_left(toks, offset, key=_END)
    return k < len(toks) and toks[k].end == offset


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
        surname = _SPLIT_NAME.split(n.text)[-1]
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
    # (start, end) → [surface, keys, person_name], in order of first sight
    found: dict[tuple[int, int], tuple[str, list[str], bool]] = {}

    def add(start: int, end: int, surface: str, key: str, person_name: bool) -> None:
        old = found.get((start, end))
        if old is None:
            found[(start, end)] = (surface, [key], person_name)
        elif key not in old[1]:
            old[1].append(key)
            found[(start, end)] = (surface, old[1], old[2] or person_name)

    # name parts of person mentions
    for m in mentions:
        for offset, part, key in variants.name_parts(m.name):
            add(m.name_start + offset, m.name_start + offset + len(part), part, key, True)
    # nouns: part of speech → (compared by normalized form, proper noun, person name)
    kinds: dict[tuple[str, ...], tuple[bool, bool, bool]] = {}
    compared = variants.compared_normalized
    fold = variants.fold
    declared = variants.declared_forms
    finder = variants.declared_finder
    for sentence in analysis.sentences:
        for t in sentence.tokens:
            pos = t.pos
            if pos[0] != "名詞":
                continue
            kind = kinds.get(pos)
            if kind is None:
                kind = (variants.compared_pos(pos), pos[1] == "固有名詞", pos[2] == "人名")
                kinds[pos] = kind
            if kind[0] or compared(t.normalized):
                add(t.start, t.end, t.surface, "n:" + t.normalized, False)
            if kind[1] and _KATA_ONLY.fullmatch(t.surface):
                add(t.start, t.end, t.surface, "f:" + fold(t.surface), kind[2])
        text, base, toks = sentence.text, sentence.start, sentence.tokens
        for rank, i in finder.find(text):
            form = declared[rank]
            s, e = base + i, base + i + len(form)
            if _starts_at(toks, s) and _ends_at(toks, e):
                add(s, e, form, f"d:{variants.declared[form]}", False)
    person_form = holders.form_person
    out = [
        Spelling(s, e, surface, tuple(keys), person_name, person_form.get(surface))
        for (s, e), (surface, keys, person_name) in found.items()
    ]
    out.sort(key=_START)
    return out
