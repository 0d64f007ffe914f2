"""Person mentions with their title state (DL301, DL302; names for DL303).

Read from the analysis layer's tokens and sentences; knowledge comes from the
``officeholders`` pack (people, offices, title grammar) and, for the key of a person
who is not in it, the ``name_variants`` pack's folding.

A *mention* is a name with what stands around it:

- name + title: ``トランプ前米大統領``, ``ラヴロフ・ロシア外相``, ``ルビオ長官``;
- title + の + name, when the title carries a state word: ``次期国務長官候補のマルコ・ルビオ氏``;
- name alone or with an honorific (``トランプ氏``): a mention without a title state.

Names are the pack's name forms matched at token boundaries, plus, for people not in
the pack, katakana names (or SudachiPy person-name tokens) followed by a title or an
honorific.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from operator import attrgetter
from typing import TYPE_CHECKING

from digest_lint.knowledge.officeholders import (
    Anchor,
    Office,
    Officeholders,
    Person,
    State,
    Verdict,
)
from digest_lint.knowledge.variants import Variants
from digest_lint.model.text import NAME_SEPARATORS, fold_width, is_katakana

if TYPE_CHECKING:
    from digest_lint.analysis import Analysis, Sentence
    from digest_lint.analysis.tokens import Token
    from digest_lint.knowledge import Knowledge

_KATAKANA = "ァ-ヺー"
_KATA_RUN = re.compile(rf"[{_KATAKANA}]+(?:[{NAME_SEPARATORS}][{_KATAKANA}]+)*")
_KANJI = re.compile(r"[\u4e00-\u9fff々]")
_KATA_CHAR = re.compile(rf"[{_KATAKANA}]")
SPLIT_NAME = re.compile(f"[{NAME_SEPARATORS}]")
_START = attrgetter("start")
_END = attrgetter("end")
#: Characters no name starts with.
_NO_NAME_START = frozenset("ーァィゥェォッャュョヮヵヶ")


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
    """Marked as past on purpose (``(当時)``, ``当時の…``): never judged."""
    assumed: bool = False
    """:attr:`day` is only the as-of date: the text gives no date of its own."""
    windows: tuple[tuple[dt.date, dt.date], ...] = ()
    """The periods of the dates written in the mention's sentence (``2019年、…``)."""
    anchor: Anchor | None = None
    """A time the words after the name place the title at (``就任を前に``)."""
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

    def verdict(self, holders: Officeholders) -> Verdict | None:
        """Whether the office-holder pack finds the title right at the mention's time
        (None: no title, or a person or office the pack does not know)."""
        if self.person is None or self.office is None or self.state is None:
            return None
        return holders.judge(
            self.person,
            self.office,
            self.state,
            self.day,
            candidate=self.candidate,
            windows=self.windows,
            anchor=self.anchor,
        )

    def title_for(self, state: State, grammar_words: dict[State, str]) -> str:
        """The mention's title with ``state`` instead of its own: 前米大統領 for 米大統領."""
        mod = grammar_words.get(state, "")
        suffix = self.suffix if state is State.DESIGNATE else ""
        if state is State.DESIGNATE and not suffix and not mod:
            mod = grammar_words[State.DESIGNATE]
        # News style puts the state word before a country prefix: 前米大統領, 元独首相
        # (not 米前大統領); 次期 keeps its place (次期米大統領 either way).
        return f"{mod}{self.country1}{self.country2}{self.title_form}{suffix}"

    def rewrite(self, state: State, grammar_words: dict[State, str]) -> str:
        """The mention's text with ``state`` instead of its own (for fixes)."""
        title = self.title_for(state, grammar_words)
        if self.prefixed:
            return f"{title}の{self.name}"
        return f"{self.name}{self.sep}{title}"


class TitleGrammar:
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
        self._historical_before = re.compile(rf"(?:{alt(g.historical_before)})[、,]?\s*$")
        self._anchors = [
            (Anchor(kind), re.compile(alt(getattr(g.anchors, kind))))
            for kind in ("before_term", "in_term", "after_term", "term_ended")
            if getattr(g.anchors, kind)
        ]
        self.not_names = set(g.not_names) | set(g.prefixes)
        #: Katakana runs seen so far → :meth:`may_be_name`.
        self.may_be_name_cache: dict[str, bool] = {}

    def is_historical_before(self, head: str) -> bool:
        """Whether the text before a mention marks it as past (``当時の``)."""
        return bool(self._historical_before.search(head[-12:]))

    def anchor_in(self, head: str, tail: str) -> Anchor | None:
        """The time anchor of a mention: in the words after it (the first kind that
        occurs), or a term's end reported anywhere in its sentence (死去した…教皇)."""
        for kind, pattern in self._anchors:
            if pattern.search(tail) or (kind is Anchor.TERM_ENDED and pattern.search(head)):
                return kind
        return None

    def may_be_name(self, run: str) -> bool:
        """Whether a katakana run may be a name: two kana or more, not starting with ー or
        a small kana (ーチン of 動向をーチン大統領 is a typo, not a name), no word of
        not_names."""
        ok = self.may_be_name_cache.get(run)
        if ok is None:
            ok = not (
                len(run.replace("ー", "")) < 2
                or run[0] in _NO_NAME_START
                or run in self.not_names
                or any(part in self.not_names for part in SPLIT_NAME.split(run))
            )
            self.may_be_name_cache[run] = ok
        return ok


def title_grammar(knowledge: Knowledge) -> TitleGrammar:
    """The compiled title grammar of the office-holder pack (built once per pack set)."""
    return knowledge.derived("title-grammar", lambda: TitleGrammar(knowledge.officeholders))


@dataclass(slots=True)
class _Name:
    start: int
    end: int
    text: str
    person: Person | None


# --------------------------------------------------------------------------- finding
def _names_in(sentence: Sentence, holders: Officeholders, gram: TitleGrammar) -> list[_Name]:
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
        if not starts_at(toks, base + i):
            continue
        form, person = forms[rank]
        j = i + len(form)
        if any(taken[i:j]):
            continue
        if is_katakana(form[0]):
            if i > 0 and _continues_name(text, i):
                continue  # ルビオ inside another name (メラニア・トランプ)
            if j < n and is_katakana(text[j]):
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
        if any(taken[i:j]) or not starts_at(toks, base + i):
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
    if is_katakana(prev):
        return True
    return prev in NAME_SEPARATORS and i >= 2 and is_katakana(text[i - 2])


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


def find_mentions(analysis: Analysis) -> list[Mention]:
    """Every person mention of the article in reading order (``analysis.mentions``)."""
    holders = analysis.knowledge.officeholders
    gram = title_grammar(analysis.knowledge)
    variants = analysis.knowledge.variants
    out: list[Mention] = []
    for sentence in analysis.sentences:
        names = _names_in(sentence, holders, gram)
        if not names:
            continue
        first = len(out)
        toks = sentence.tokens
        text, base = sentence.text, sentence.start
        title_spans: list[tuple[int, int]] = []
        pending: list[tuple[_Name, re.Match[str] | None]] = []
        untitled = False
        for n in names:
            m = gram.postfix.match(text, n.end - base)
            if m is not None and (
                not ends_at(toks, base + m.end()) or _blocked(text, m.end(), gram)
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
            if not honorific and not ends_at(toks, n.end):
                continue  # the name runs into a longer word
            out.append(_mention(analysis, holders, gram, variants, n, None, base, False))
        if len(out) > first:
            out[first:] = _timed(analysis, sentence, out[first:], gram)
    return out


def _timed(
    analysis: Analysis, sentence: Sentence, mentions: list[Mention], gram: TitleGrammar
) -> list[Mention]:
    """The sentence's mentions with the time their words give them (docs/catalog.md):
    the dates written in the sentence, a time anchor after the name (就任を前に, 在任中),
    当時の before it, and whether the date context is only assumed."""
    reference = analysis.context(sentence.start)
    windows = _windows(analysis, sentence, reference.assumed)
    text, base = sentence.text, sentence.start
    out: list[Mention] = []
    for i, m in enumerate(mentions):
        stop = mentions[i + 1].start if i + 1 < len(mentions) else sentence.end
        tail = text[m.end - base : max(m.end, stop) - base]
        head = text[: m.start - base]
        out.append(
            replace(
                m,
                assumed=reference.assumed,
                windows=windows,
                anchor=gram.anchor_in(head, tail),
                historical=m.historical or gram.is_historical_before(head),
            )
        )
    return out


def _windows(
    analysis: Analysis, sentence: Sentence, assumed: bool
) -> tuple[tuple[dt.date, dt.date], ...]:
    """The periods the dates written in a sentence denote (a year: the whole year). A
    relative year (昨年) counts only when the date it is relative to is known."""
    dates = analysis.dates
    k = bisect_left(dates, sentence.start, key=_START)
    out: list[tuple[dt.date, dt.date]] = []
    while k < len(dates) and dates[k].start < sentence.end:
        d = dates[k]
        k += 1
        explicit = d.year_explicit or (d.year_source == "relative" and not assumed)
        if explicit and d.first is not None and d.last is not None:
            out.append((d.first, d.until or d.last))
    if not assumed:
        # A day of the month alone (首相は21日、…), news style for the week of the report:
        # the latest such day not after the sentence's date context.
        context = analysis.date_context(sentence.start)
        for m in _DAY_ONLY.finditer(fold_width(sentence.text)):
            day = int(m.group(1))
            when = _day_before(context, day)
            if when is not None:
                out.append((when, when))
    return tuple(dict.fromkeys(out))


#: ``21日`` not after a month, a digit or a counter (3月21日 and 21日間 are not it).
_DAY_ONLY = re.compile(
    r"(?<![0-9月〜~ー－\-/.年])([0-9]{1,2})日(?!間|目|付|以上|程度|分|前|後|連続)"
)


def _day_before(context: dt.date, day: int) -> dt.date | None:
    """The latest date with this day of the month, not after ``context`` (a day after the
    context's day is in the month before)."""
    year, month = context.year, context.month
    if day > context.day:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _prefixed(
    text: str,
    base: int,
    gram: TitleGrammar,
    toks: Sequence[Token],
    title_spans: list[tuple[int, int]],
) -> dict[int, re.Match[str]]:
    """Titles with a state word standing before a name, by the offset where the name starts."""
    prefixed: dict[int, re.Match[str]] = {}
    for m in gram.prefix.finditer(text):
        if not (m.group("mod") or m.group("suffix")):
            continue
        s = base + m.start()
        if not starts_at(toks, s) or not ends_at(toks, base + m.end() - 1):
            continue
        if any(a < base + m.end() and s < b for a, b in title_spans):
            continue
        if m.start() > 0 and is_katakana(text[m.start() - 1]):
            continue
        prefixed[base + m.end()] = m
    return prefixed


def starts_at(toks: Sequence[Token], offset: int) -> bool:
    """Whether a token starts at ``offset`` (tokens are in text order)."""
    k = bisect_left(toks, offset, key=_START)
    return k < len(toks) and toks[k].start == offset


def ends_at(toks: Sequence[Token], offset: int) -> bool:
    """Whether a token ends at ``offset``."""
    k = bisect_left(toks, offset, key=_END)
    return k < len(toks) and toks[k].end == offset


def _blocked(text: str, end: int, gram: TitleGrammar) -> bool:
    return bool(gram.blockers) and text.startswith(gram.blockers, end)


def _mention(
    analysis: Analysis,
    holders: Officeholders,
    gram: TitleGrammar,
    variants: Variants,
    n: _Name,
    m: re.Match[str] | None,
    base: int,
    prefixed: bool,
) -> Mention:
    if n.person is not None:
        key = f"pack:{n.person.id}"
    else:
        surname = SPLIT_NAME.split(n.text)[-1]
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
