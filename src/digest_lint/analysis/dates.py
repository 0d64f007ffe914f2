"""Date expressions of an article: found once, in the analysis layer, read by every rule.

What is recognised (on the block text, full-width digits folded):

- ``2025年5月18日``, ``2025年5月``, ``2025年`` (four-digit years only: ``3年`` is a count),
  ``5月18日`` and ``5月`` (year from the context, see below), kanji numerals
  (``五月十八日``, ``二〇二五年``: a kanji month needs a day or a year, so 五月雨 is no date);
- ``2025/03/19``, ``2025-03-19``, ``2025.3.19``; ``3/19`` only with a weekday (``3/19(水)``);
- eras (``令和7年3月1日``, ``令和元年``, ``平成31年``): names and start dates from japanera;
- relative years (``昨年5月``, ``今年``) and ``同年`` (the last year written in the paragraph);
- weekdays ``(月)``, ``（火）``, ``(月曜日)``, ``(月・祝)``; ranges ``3月11日から13日``,
  ``3月11〜13日`` (the end is an expression of its own, ``range_end=True``).

Not dates: durations and counts (``30日間``, ``3年``, ``2025年度``, ``1990年代``,
``3月期``), URLs (masked), citation and 公開日 blocks (the parser reads 公開日 as
``Card.date``/``Card.date_text``; :func:`read_date_text` reads such a text).

Each :class:`DateExpr` has its span, what it denotes (``first``..``last``), its precision,
whether it exists (``valid``/``problem``: 2025年2月29日 is still an expression), where the
year came from and the tense of its clause, read from the SudachiPy tokens of the
analysis layer's sentences (the auxiliary た; a non-past predicate; 予定/見通し/方針).

A date written without a year takes the year of its date context, except: in a past
clause a month after the context's month is the year before (a January article's
``12月28日に発表した``); in a future clause a month before the context's month is the year
after; with no tense, the nearest of the three years. A weekday picks the year it fits.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from digest_lint.analysis.predicate import ChainWalker, walkers
from digest_lint.knowledge.dates import DatesPack
from digest_lint.model.article import Role
from digest_lint.model.messages import Message, Said, said
from digest_lint.model.text import fold_width

if TYPE_CHECKING:
    from digest_lint.analysis import Analysis, Sentence
    from digest_lint.analysis.tokens import Token
    from digest_lint.knowledge import Knowledge
    from digest_lint.model.article import Block, Card

__all__ = [
    "DateExpr",
    "Precision",
    "Tense",
    "Weekday",
    "card_date_span",
    "clause_tense",
    "date_grammar",
    "find_dates",
    "read_date_text",
    "sentence_tense",
]


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class Tense(StrEnum):
    PAST = "past"
    FUTURE = "future"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Weekday:
    """A weekday written beside a date: the span of its one character (月 of ``(月曜日)``)."""

    start: int
    end: int
    written: int
    """0 = Monday, as :meth:`datetime.date.weekday`."""


@dataclass(frozen=True, slots=True)
class DateExpr:
    """One date expression of the article text."""

    start: int
    end: int
    text: str
    precision: Precision
    year: int | None
    month: int
    day: int | None
    valid: bool
    problem: Said | None
    """Why the date does not exist (``2月30日``, ``13月``), in either language (DL403
    renders it); ``None`` when valid."""
    year_source: str
    """explicit | era | relative | carried | weekday | context | range."""
    tense: Tense
    context: dt.date | None
    """The date context of its sentence (``None`` for a 公開日 text read alone)."""
    context_assumed: bool = False
    """The context is only the as-of date: the text gives no date of its own."""
    timestamp: bool = False
    """Followed by a time of day (``2023/11/02 19:20``): a page's time stamp, no claim."""
    block_index: int | None = None
    era: str | None = None
    weekday: Weekday | None = None
    range_end: bool = False
    until: dt.date | None = None
    """For the start of a range, the last day of the range."""

    @property
    def first(self) -> dt.date | None:
        """The first day it denotes (``None`` when invalid or without a year)."""
        if not self.valid or self.year is None:
            return None
        if self.precision is Precision.YEAR:
            return dt.date(self.year, 1, 1)
        return dt.date(self.year, self.month, self.day or 1)

    @property
    def last(self) -> dt.date | None:
        """The last day it denotes."""
        if not self.valid or self.year is None:
            return None
        if self.precision is Precision.YEAR:
            return dt.date(self.year, 12, 31)
        if self.precision is Precision.MONTH:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, self.month, self.day or 1)

    @property
    def date(self) -> dt.date | None:
        """The day, for day precision."""
        return self.first if self.precision is Precision.DAY else None

    @property
    def year_explicit(self) -> bool:
        return self.year_source in ("explicit", "era", "carried", "range")


# ------------------------------------------------------------------------ pack, regexes
_K = "〇一二三四五六七八九十"
_NUM2 = rf"(?:[0-9]{{1,2}}|[{_K}]{{1,3}})"


@dataclass(frozen=True)
class _Eras:
    names: tuple[str, ...]
    since: dict[str, dt.date]
    until: dict[str, dt.date | None]


@functools.lru_cache(maxsize=4)
def _eras(since_year: int) -> _Eras:
    from japanera import ERA_DATA_GENERAL  # imported lazily: only when dates are read

    names: list[str] = []
    since: dict[str, dt.date] = {}
    until: dict[str, dt.date | None] = {}
    for era in ERA_DATA_GENERAL:
        if era.since.year >= since_year and era.kanji not in since:
            names.append(era.kanji)
            since[era.kanji] = era.since
            until[era.kanji] = era.until
    return _Eras(tuple(names), since, until)


@dataclass(frozen=True)
class _Grammar:
    pack: DatesPack
    eras: _Eras
    main: re.Pattern[str]
    weekday: re.Pattern[str]
    range_tail: re.Pattern[str]
    walker: ChainWalker
    """The writing pack's tense chain (:mod:`.predicate`)."""


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def date_grammar(knowledge: Knowledge) -> _Grammar:
    """The date scanner of a configuration's dates pack (compiled once)."""
    return knowledge.derived(
        "date-grammar", lambda: _compile(knowledge.dates, walkers(knowledge)[1])
    )


def _compile(pack: DatesPack, walker: ChainWalker) -> _Grammar:
    eras = _eras(pack.era_since_year)
    rel = _alt([*pack.relative_years, *pack.same_year_words])
    joiner = _alt(pack.range_joiners)
    year = (
        rf"(?:(?P<era>{_alt(eras.names)})(?P<ey>元|[0-9]{{1,2}}|[{_K}]{{1,3}})"
        r"(?:\s?[(（][0-9]{4}[)）])?年"
        rf"|(?P<rel>{rel})"
        rf"|(?P<y>[0-9]{{4}}|[〇一二三四五六七八九]{{4}}|二千[{_K}百]{{0,4}})"
        rf"(?:[(（](?:{_alt(eras.names)})[0-9元]{{1,2}}[)）])?年)"
    )
    day_open = rf"(?P<dopen>{_NUM2})(?=\s?(?:{joiner})\s?{_NUM2}日)"
    # Every non-empty match starts with one of these (the lookahead only spares the
    # scanner the empty matches at the other positions).
    words = (*eras.names, *pack.relative_years, *pack.same_year_words)
    first = {*"0123456789元", *_K} | {w[0] for w in words if w}
    starts = "".join(sorted(re.escape(c) for c in first))
    main = re.compile(
        rf"(?=[{starts}])"
        rf"(?<![0-9A-Za-z.,/\-年ヶケかカ第{_K}百千])(?<![0-9]:)"
        r"(?:"
        r"(?P<iy>[0-9]{4})(?P<sep>[/\-.])(?P<im>[0-9]{1,2})(?P=sep)(?P<id>[0-9]{1,2})"
        r"(?![0-9]|[/\-.][0-9])"
        r"|(?P<sm>[0-9]{1,2})/(?P<sd>[0-9]{1,2})(?=\s?[(（])"
        rf"|(?:{year})?(?:(?P<m>[0-9]{{1,2}}|[{_K}]{{1,2}})月"
        rf"(?:(?P<d>{_NUM2})日|{day_open})?)?"
        r")"
    )
    suffix = _alt(pack.weekday_suffixes)
    english = _alt([name for names in pack.weekday_names for name in names])
    weekday = re.compile(
        rf"\s?[(（](?:(?P<w>[{''.join(pack.weekdays)}])(?:{suffix})*|(?i:(?P<we>{english}))\.?)"
        r"[)）]"
    )
    range_tail = re.compile(
        rf"\s?(?:{joiner})\s?(?:(?P<m2>[0-9]{{1,2}}|[{_K}]{{1,2}})月)?(?P<d2>{_NUM2})日"
    )
    return _Grammar(pack, eras, main, weekday, range_tail, walker)


def _num(text: str | None) -> int | None:
    if text is None:
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    if text == "元":
        return 1
    from kanjize import kanji2number

    try:
        return int(kanji2number(text))
    except (ValueError, KeyError, TypeError):
        return None


# ------------------------------------------------------------------------ raw matches
@dataclass
class _Raw:
    start: int
    end: int
    month: int
    day: int | None = None
    year: int | None = None
    year_source: str = "context"
    era: str | None = None
    era_year: int | None = None
    rel: int | None = None
    same_year: bool = False
    weekday: Weekday | None = None
    range_end: bool = False
    year_only: bool = False
    tail: list[_Raw] = field(default_factory=list)


#: Every date expression holds a digit or kanji numeral (千/百 of 二千百年, 元 of 令和元年)
#: followed by 年, 月 or a date separator; full-width forms too, so that the test can run
#: on a text before :func:`fold_width`. A text without one has no date expression.
_HINT = re.compile(r"[0-9０-９〇一二三四五六七八九十百千元][年月/.\-／－．]")


def _weekday(m: re.Match[str], base: int, pack: DatesPack) -> Weekday:
    """The weekday of a ``(火)`` / ``(Fri)`` match: its span and which day it names."""
    group = "w" if m["w"] else "we"
    start, end = m.start(group), m.end(group)
    if m["w"]:
        written = pack.weekdays.index(m["w"])
    else:
        word = m["we"].casefold()
        written = next(
            i for i, names in enumerate(pack.weekday_names) if word in map(str.casefold, names)
        )
    return Weekday(base + start, base + end, written)


def _scan(text: str, base: int, g: _Grammar) -> list[_Raw]:
    """Date expressions of ``text`` (already width-folded), offsets shifted by ``base``."""
    if not _HINT.search(text):
        return []
    pack = g.pack
    out: list[_Raw] = []
    consumed = 0  # the end of the last expression, its weekday and range end included
    for m in g.main.finditer(text):
        if m.end() == m.start() or m.start() < consumed:
            continue
        end = m.end()
        raw: _Raw | None = None
        if m["iy"]:
            raw = _Raw(m.start(), end, int(m["im"]), int(m["id"]), int(m["iy"]), "explicit")
        elif m["sm"]:
            raw = _Raw(m.start(), end, int(m["sm"]), int(m["sd"]))
            if not g.weekday.match(text, end):
                continue  # 1/3 is a fraction; 3/19 is a date only with its weekday
        else:
            month = _num(m["m"])
            day = _num(m["d"] or m["dopen"])
            kanji = any(c in _K for c in (m["m"] or "") + (m["d"] or m["dopen"] or ""))
            has_year = bool(m["era"] or m["y"])
            if m["m"] is None:
                if not has_year:
                    continue  # 昨年 alone, 同年 alone: no date
                rest = text[end:]
                if any(rest.startswith(w) for w in pack.not_after_year):
                    continue
            elif kanji and day is None and not has_year and not m["rel"]:
                continue  # 五月雨: a kanji month needs a day or a year
            if m["d"] and any(text.startswith(w, end) for w in pack.not_after_day):
                continue
            if (
                m["m"]
                and not (m["d"] or m["dopen"])
                and any(text.startswith(w, end) for w in pack.not_after_month)
            ):
                continue
            if month is None:
                if m["m"] is not None:
                    continue
                month = 1  # a year alone
            raw = _Raw(m.start(), end, month, day)
            if m["era"]:
                raw.era, raw.era_year = m["era"], _num(m["ey"])
                raw.year_source = "era"
                if raw.era_year is not None:
                    raw.year = g.eras.since[m["era"]].year + raw.era_year - 1
            elif m["y"]:
                year = _num(m["y"])
                if year is None or not pack.year_min <= year <= pack.year_max:
                    if m["m"] is None:
                        continue
                    # Not a year (a count): keep the month and day on their own.
                    raw.start = m.start("m")
                else:
                    raw.year, raw.year_source = year, "explicit"
            elif m["rel"]:
                if m["rel"] in pack.same_year_words:
                    raw.same_year = True
                else:
                    raw.rel = pack.relative_years[m["rel"]]
                raw.year_source = "relative"
            if m["m"] is None:
                raw.year_only = True
        if raw.day is not None and not raw.year_only:
            if wm := g.weekday.match(text, end):
                raw.weekday = _weekday(wm, base, pack)
                raw.end = wm.end()
            if tm := g.range_tail.match(text, raw.end):
                m2 = _num(tm["m2"]) if tm["m2"] else raw.month
                d2 = _num(tm["d2"])
                if m2 is not None and d2 is not None:
                    tail = _Raw(tm.start("m2") if tm["m2"] else tm.start("d2"), tm.end(), m2, d2)
                    tail.range_end = True
                    tail.year_source = "range"
                    if wm2 := g.weekday.match(text, tm.end()):
                        tail.weekday = _weekday(wm2, base, pack)
                        tail.end = wm2.end()
                    raw.tail.append(tail)
            if m["dopen"] is not None and not raw.tail:
                continue
        consumed = max([raw.end] + [t.end for t in raw.tail])
        raw.start += base
        raw.end += base
        for t in raw.tail:
            t.start += base
            t.end += base
        out.append(raw)
    return out


_URL = re.compile(r"https?://\S+|www\.\S+")


def _masked(text: str) -> str:
    """``text`` width-folded, with URLs blanked out (same length)."""
    folded = fold_width(text)
    return _URL.sub(lambda m: " " * len(m.group(0)), folded)


# ------------------------------------------------------------------------ validity
#: Why a date does not exist, in each language (DL403 says it).
PROBLEMS = {
    "era-year": Message(ja="{era}{year}年という年はない", en="{era}{year}年 does not exist"),
    "year": Message(ja="{year}年という年はない", en="year {year} does not exist"),
    "month": Message(ja="{month}月という月はない", en="month {month} does not exist"),
    "leap": Message(
        ja="{year}年はうるう年ではなく、2月は28日まで",
        en="{year} is not a leap year: February has 28 days",
    ),
    "days": Message(
        ja="{year}年{month}月は{last}日までで、{day}日はない",
        en="{year}-{month:02d} has {last} days, not {day}",
    ),
    "day": Message(ja="{day}日という日はない", en="day {day} does not exist"),
    "era": Message(ja="{era}は{since}から{until}まで", en="{era} ran from {since} to {until}"),
    "era-open": Message(ja="{era}は{since}から", en="{era} ran from {since}"),
}


def _problem(raw: _Raw, year: int | None, precision: Precision, eras: _Eras) -> Said | None:
    if raw.era is not None and raw.era_year is not None and raw.era_year < 1:
        return said(PROBLEMS["era-year"], era=raw.era, year=raw.era_year)
    if year is not None and not dt.MINYEAR <= year <= dt.MAXYEAR:
        return said(PROBLEMS["year"], year=year)  # 0000/01/01, or the year before 0001
    if precision is Precision.YEAR:
        return None
    if not 1 <= raw.month <= 12:
        return said(PROBLEMS["month"], month=raw.month)
    if raw.day is not None and year is not None:
        last = calendar.monthrange(year, raw.month)[1]
        if not 1 <= raw.day <= last:
            if raw.month == 2 and raw.day == 29:
                return said(PROBLEMS["leap"], year=year)
            return said(PROBLEMS["days"], year=year, month=raw.month, last=last, day=raw.day)
    elif raw.day is not None and not 1 <= raw.day <= 31:
        return said(PROBLEMS["day"], day=raw.day)
    if raw.era is not None and year is not None:
        since, until = eras.since[raw.era], eras.until[raw.era]
        lo = dt.date(year, raw.month, raw.day or 1)
        hi = dt.date(year, raw.month, raw.day or calendar.monthrange(year, raw.month)[1])
        if hi < since or (until is not None and lo >= until):
            if until is None:
                return said(PROBLEMS["era-open"], era=raw.era, since=since)
            last_day = until - dt.timedelta(days=1)
            return said(PROBLEMS["era"], era=raw.era, since=since, until=last_day)
    return None


def _valid_day(year: int, month: int, day: int | None) -> bool:
    if not 1 <= month <= 12:
        return False
    return day is None or 1 <= day <= calendar.monthrange(year, month)[1]


def _infer_year(raw: _Raw, context: dt.date, tense: Tense) -> tuple[int, str]:
    """The year of a date written without one (see the module docstring)."""
    y = context.year
    # Years a date can have (a context of 0001 or 9999 has no year before or after).
    candidates = tuple(c for c in (y - 1, y, y + 1) if dt.MINYEAR <= c <= dt.MAXYEAR)
    # A weekday never chooses the year: checking it against the year is DL404's job.
    if tense is Tense.PAST and raw.month > context.month:
        year = y - 1
    elif tense is Tense.FUTURE and raw.month < context.month:
        year = y + 1
    elif tense is Tense.NONE and 1 <= raw.month <= 12:
        day = raw.day if raw.day is not None and _valid_day(y, raw.month, raw.day) else 1
        year = min(
            candidates,
            key=lambda c: (abs((dt.date(c, raw.month, min(day, 28)) - context).days), c != y),
        )
    else:
        year = y
    if (
        raw.month == 2
        and raw.day == 29
        and not calendar.isleap(year)
        and (leap := [c for c in candidates if calendar.isleap(c)])
    ):
        year = leap[0]
    return year, "context"


# ------------------------------------------------------------------------ tense
def _is_head(t: Token) -> bool:
    return t.pos[0] in ("動詞", "形容詞")


def _chain_tense(chain: Sequence[Token], pack: DatesPack) -> Tense:
    past = set(pack.past_auxiliaries)
    if any(t.pos[0] == "助動詞" and t.dictionary in past for t in chain):
        return Tense.PAST
    if any(t.pos[0] == "動詞" and t.dictionary in pack.progressive_verbs for t in chain[1:]):
        return Tense.NONE
    return Tense.FUTURE


def _is_nominal(t: Token) -> bool:
    return t.pos[0] in ("名詞", "代名詞", "接尾辞", "形状詞")


def sentence_tense(tokens: Sequence[Token], pack: DatesPack, walker: ChainWalker) -> Tense:
    """The tense of a sentence's final predicate: た → past; 予定/見通し/方針 or a
    non-past verb → future; a noun ending (体言止め) or progressive → none."""
    toks = [t for t in tokens if t.pos[0] not in ("補助記号", "空白") and t.pos[1] != "終助詞"]
    if not toks:
        return Tense.NONE
    i = len(toks)
    while i > 0 and walker.continues(toks[i - 1]):
        i -= 1
    chain = toks[i:]
    head = toks[i - 1] if i > 0 else None
    if any(t.pos[0] == "助動詞" and t.dictionary in pack.past_auxiliaries for t in chain):
        return Tense.PAST
    nouns = set(pack.future_nouns)
    if head is not None and head.dictionary in nouns:
        return Tense.FUTURE
    if head is not None and _is_head(head):
        return _chain_tense([head, *chain], pack)
    return Tense.NONE


def clause_tense(
    tokens: Sequence[Token], after: int, pack: DatesPack, walker: ChainWalker
) -> Tense:
    """The tense of the clause a date ending at offset ``after`` belongs to.

    A date followed by ``、`` (``2025年5月18日、…を開催しました``) belongs to the main
    predicate: relative clauses are skipped. Otherwise it belongs to the nearest predicate
    (``5月18日に開かれる会合`` is future however the sentence ends). A predicate followed by
    予定/見通し/方針 is future; a conjunctive form (開き、 / して) passes on to the next one.

    A date that names the time of a noun (``7月20日投開票と決まった``, ``5月18日の開催で
    合意した``) or is a reference point (``3月11日を前に``, ``に向けて``) has no tense of
    its own: none. Times of day and parts of a month after the date (午前, 下旬) are
    read through.
    """
    # Tokens are in text order: the first one at or after ``after`` by bisection, so that
    # a sentence with many dates is not read once per date.
    toks = tokens[bisect.bisect_left(tokens, after, key=lambda t: t.start) :]
    k = 0
    while k < len(toks) and (
        toks[k].surface in pack.time_words or toks[k].pos[1] == "数詞" or toks[k].surface == "時"
    ):
        k += 1
    toks = toks[k:]
    if toks and (
        (toks[0].surface == "の" and toks[0].pos[0] == "助詞")
        or (
            len(toks) > 1
            and toks[0].pos[0] == "助詞"
            and toks[1].surface == "の"
            and toks[1].pos[0] == "助詞"
        )
        or (toks[0].pos[0] in ("名詞", "接尾辞") and toks[0].pos[1] != "数詞")
    ):
        return Tense.NONE
    if any(t.dictionary in pack.reference_markers for t in toks[:3]):
        return Tense.NONE
    commas = ("、", ",", "，")
    main = bool(toks) and (
        toks[0].surface in commas
        or (len(toks) > 1 and toks[0].pos[0] == "助詞" and toks[1].surface in commas)
    )
    nouns = set(pack.future_nouns)
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.surface in ("「", "『") and main:
            # A quotation is its own sentence: skip to its end.
            depth = 0
            while i < len(toks):
                depth += toks[i].surface in ("「", "『")
                depth -= toks[i].surface in ("」", "』")
                i += 1
                if depth <= 0:
                    break
            continue
        if not _is_head(t) or (t.pos[1] == "非自立可能" and t.dictionary != "する"):
            i += 1
            continue
        j = i + 1
        while j < len(toks) and walker.continues(toks[j]):
            j += 1
        chain = toks[i:j]
        nxt = toks[j] if j < len(toks) else None
        tense = _chain_tense(chain, pack)
        form = chain[-1].pos[5]
        if tense is not Tense.PAST and nxt is not None and nxt.dictionary in nouns:
            return Tense.FUTURE
        relative = form.startswith("連体形") and nxt is not None and _is_nominal(nxt)
        if relative:
            if not main:
                return tense
        elif (
            form.startswith("終止形")
            or nxt is None
            or (nxt.pos[0] == "補助記号" and nxt.surface in "。．!！?？」』")
        ):
            return tense
        elif tense is Tense.PAST and chain[-1].pos[0] == "助動詞":
            return tense  # したが、 / したため
        # Past the date's own predicate (入り、 / して): what follows is the main clause.
        main = True
        i = j
    return sentence_tense(tokens, pack, walker)


# ------------------------------------------------------------------------ assembly
def _sentence_of(sentences: Sequence[Sentence], offset: int) -> Sentence | None:
    for s in sentences:
        if s.start <= offset < s.end:
            return s
    return None


_SCANNED = frozenset(Role) - {Role.CARD_DATE, Role.CITATION, Role.CONCLUSION_MARKER}


def _build(
    raw: _Raw,
    text: str,
    g: _Grammar,
    tense: Tense,
    context: dt.date | None,
    block: Block | None,
    last_year: int | None,
) -> DateExpr:
    precision = Precision.YEAR if raw.year_only else Precision.DAY if raw.day else Precision.MONTH
    year, source = raw.year, raw.year_source
    if year is None and raw.era is None:
        if raw.same_year and last_year is not None:
            year, source = last_year, "carried"
        elif raw.rel is not None and context is not None:
            year = context.year + raw.rel
        elif raw.same_year and context is not None:
            year = context.year
        elif last_year is not None:
            year, source = last_year, "carried"
        elif context is not None:
            year, source = _infer_year(raw, context, tense)
    problem = _problem(raw, year, precision, g.eras)
    return DateExpr(
        start=raw.start,
        end=raw.end,
        text=text,
        precision=precision,
        year=year,
        month=raw.month,
        day=raw.day,
        valid=problem is None,
        problem=problem,
        year_source=source,
        tense=tense,
        context=context,
        block_index=block.index if block is not None else None,
        era=raw.era,
        weekday=raw.weekday,
        range_end=raw.range_end,
    )


#: A time of day right after a date: ``2023/11/02 19:20``, ``2024年10月28日 19時05分``.
_TIME_AFTER = re.compile(r"\s*(?:午前|午後)?\s*[0-9０-９]{1,2}\s*[:：時]\s*[0-9０-９]{2}")


def find_dates(analysis: Analysis) -> list[DateExpr]:
    """Every date expression of the article's text blocks, in reading order."""
    g = date_grammar(analysis.knowledge)
    article = analysis.article
    out: list[DateExpr] = []
    for block in article.blocks:
        if block.role not in _SCANNED or not _HINT.search(block.body):
            continue
        raws = _scan(_masked(block.body), block.body_start, g)
        if not raws:
            continue
        sentences = analysis.sentences_of(block)
        # The year last written in this paragraph: carried to a later date without one in
        # the same sentence, or in the paragraph when it was written with a month.
        last_year: int | None = None
        last_sentence: int | None = None
        last_with_month = False
        for raw in raws:
            sentence = _sentence_of(sentences, raw.start)
            sid = sentence.index if sentence is not None else None
            after = raw.tail[-1].end if raw.tail else raw.end
            tense = Tense.NONE
            if sentence is not None:
                tense = clause_tense(sentence.tokens, after, g.pack, g.walker)
            reference = analysis.context(raw.start)
            context = reference.date
            carry = None
            if last_year is not None and (sid == last_sentence or last_with_month or raw.same_year):
                carry = last_year
            expr = _build(raw, article.text[raw.start : raw.end], g, tense, context, block, carry)
            stamped = bool(_TIME_AFTER.match(article.text, raw.end))
            expr = replace(expr, context_assumed=reference.assumed, timestamp=stamped)
            if raw.year_source in ("explicit", "era") and expr.year is not None:
                last_year, last_sentence = expr.year, sid
                last_with_month = expr.precision is not Precision.YEAR
            for tail in raw.tail:
                tail.year = expr.year
                end_expr = replace(
                    _build(
                        tail, article.text[tail.start : tail.end], g, tense, context, block, None
                    ),
                    context_assumed=reference.assumed,
                )
                if expr.valid and end_expr.first is not None:
                    expr = replace(expr, until=end_expr.first)
                out.append(expr)
                out.append(end_expr)
                break
            else:
                out.append(expr)
    return out


def read_date_text(text: str, knowledge: Knowledge, offset: int = 0) -> DateExpr | None:
    """The date of a 公開日 value as written (``2025/02/30``, ``令和7年3月1日``), or ``None``
    when it holds no date expression. Never raises; invalid dates come back flagged."""
    g = date_grammar(knowledge)
    for raw in _scan(_masked(text), offset, g):
        if raw.year is None and raw.era is None:
            continue
        return _build(
            raw, text[raw.start - offset : raw.end - offset], g, Tense.NONE, None, None, None
        )
    return None


def card_date_span(card: Card) -> tuple[int, int] | None:
    """Offsets of a card's 公開日 value as written (``2025/03/19`` of ``公開日:2025/03/19``)."""
    block = card.date_block
    if block is None or not card.date_text:
        return None
    at = block.body.find(card.date_text)
    start = block.body_start + max(at, 0)
    return start, start + len(card.date_text)
