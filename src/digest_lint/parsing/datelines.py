"""Datelines: the date a text gives itself at its top or bottom.

News pages carry their own date as a line or a line's start (``2024/10/28 20:04``,
``2024年10月28日 19時05分``, ``[2021/12/08 23:15]``, ``date 2025-09-08 …``,
``最終更新:2012年10月18日(木) 18時45分``, ``更新日:2022年8月31日``, ``令和6年11月28日(木)``)
or at the end of a line in brackets (``…と述べた。(2024年10月28日)``). That date is when
the article speaks, for an article with no front matter ``date:`` and no dated card
(docs/catalog.md, "Two dates").

Only full dates count: ``【10月28日 AFP】`` and ``10/13(金) 11:50配信`` give no year, and a
guessed year is no date. A date that begins a sentence (``2025年5月18日、会談が開かれた。``)
is no dateline either: what follows it must be a time, a label, a weekday or the rest of a
page header, not the sentence's particles.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from digest_lint.model.text import fold_width

_LABEL = (
    r"(?:(?:最終)?更新(?:日時|日)?|配信(?:日時|日)?|公開(?:日時|日)?|掲載(?:日時|日)?"
    r"|投稿(?:日時|日)?|放送(?:日時|日)?|発表(?:日)?|日付|日時|date|Date|DATE|Posted|Updated)"
)
_DATE = (
    r"(?:(?P<y>\d{4})\s*[年/\-.]\s*(?P<m>\d{1,2})\s*[月/\-.]\s*(?P<d>\d{1,2})\s*日?"
    r"|(?P<era>令和|平成|昭和)\s*(?P<ey>元|\d{1,2})\s*年\s*(?P<em>\d{1,2})\s*月\s*(?P<ed>\d{1,2})\s*日)"
)
_WEEKDAY = (
    r"(?:\s*[(（][月火水木金土日](?:曜日?)?(?:[・･][^)）]{1,3})?[)）]|\s*[月火水木金土日]曜日)?"
)
_TIME = r"(?:\s*(?:午前|午後)?\s*\d{1,2}\s*[:時]\s*\d{2}\s*分?(?:\s*[:]\d{2})?)?"
#: After a dateline at a line's start: the end, a space, a closing bracket or a page word;
#: never a particle or a comma (that is a sentence that starts with a date).
_AFTER = r"(?=\s|$|[\]］)）】>|｜]|配信|更新|公開|掲載|投稿|放送|発表|現在)"
_AT_START = re.compile(
    rf"^\s*[\[［(（【<\-・*•]?\s*(?:{_LABEL}\s*[:：]?\s*)?{_DATE}{_WEEKDAY}{_TIME}{_AFTER}"
)
_AT_END = re.compile(rf"[(（]\s*{_DATE}{_WEEKDAY}{_TIME}\s*[)）]\s*$")
#: Lines read at each end of the text.
EDGE_LINES = 5
#: What may stand beside a dateline on a header line of its own.
_HEADER_WORDS = frozenset({"配信", "更新", "公開", "掲載", "投稿", "放送", "発表", "現在", "時点"})

_ERA_START = {"令和": 2019, "平成": 1989, "昭和": 1926}


@dataclass(frozen=True, slots=True)
class Dateline:
    """A date the text gives itself: its value and where it is written."""

    date: dt.date
    start: int
    """Offset of the date's text in the line (from the line's start)."""
    end: int
    whole_line: bool
    """The line is the dateline and nothing else (a page header, not article text)."""


@lru_cache(maxsize=4096)
def read_dateline(line: str) -> Dateline | None:
    """The dateline of one line of text, or None (see the module's docstring)."""
    folded = fold_width(line)
    m = _AT_START.match(folded)
    at_start = m is not None
    if m is None:
        m = _AT_END.search(folded)
        if m is None:
            return None
    day = _value(m)
    if day is None:
        return None
    rest = (folded[: m.start()] + folded[m.end() :]).strip(" 　\t|｜[]［］()（）【】<>")
    whole = not rest or (at_start and rest in _HEADER_WORDS)
    return Dateline(day, m.start(), m.end(), whole)


def _value(m: re.Match[str]) -> dt.date | None:
    try:
        if m["y"] is not None:
            return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        start = _ERA_START[m["era"]]
        year = start + (1 if m["ey"] == "元" else int(m["ey"])) - 1
        return dt.date(year, int(m["em"]), int(m["ed"]))
    except (ValueError, KeyError):
        return None
