"""Messages in the editors' language: per-rule catalogs of templates with named fields.

Each rule keeps its messages next to its check, one :class:`Message` per situation, in
Japanese (the default) and English::

    messages = {
        "stale": Message(
            ja="「{written}」は{day}時点では誤りです（{fact}）。「{right}」と書いてください。",
            en="「{written}」 is wrong on {day} ({fact}); write 「{right}」",
        ),
    }

and renders one with ``ctx.say("stale", written=…, day=ctx.day(d), …)``. Field values are
already in the run's language (``ctx.day`` writes 2025年2月19日 or 2025-02-19). A
translator edits the strings without reading the code; a meta-test proves that every
message has both languages and the same fields in each.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Iterable
from dataclasses import dataclass

LANGUAGES = ("ja", "en")
DEFAULT_LANGUAGE = "ja"


@dataclass(frozen=True, slots=True)
class Message:
    """One message template in every language."""

    ja: str
    en: str

    def template(self, lang: str) -> str:
        return self.en if lang == "en" else self.ja

    def render(self, lang: str, **fields: object) -> str:
        return self.template(lang).format(**fields)


def fields_of(template: str) -> set[str]:
    """The named fields of a template (``{written}`` → ``written``)."""
    return {
        name.split(".")[0].split("[")[0]
        for _, name, _, _ in string.Formatter().parse(template)
        if name
    }


def day(value: dt.date, lang: str) -> str:
    """A date as the language writes it: ``2025年2月19日`` or ``2025-02-19``."""
    if lang == "en":
        return value.isoformat()
    return f"{value.year}年{value.month}月{value.day}日"


def join(items: Iterable[str], lang: str) -> str:
    """A list as the language writes it: ``A、B、C`` or ``A, B, C``."""
    return ("、" if lang != "en" else ", ").join(items)


def lines(numbers: Iterable[int], lang: str, limit: int = 5) -> str:
    """Line numbers: ``12行目``, ``12・15・20行目…`` or ``line 12``, ``lines 12, 15, 20 …``."""
    nums = list(numbers)
    shown = nums[:limit]
    more = len(nums) > limit
    if lang == "en":
        head = "line" if len(nums) == 1 else "lines"
        return f"{head} {', '.join(map(str, shown))}{' …' if more else ''}"
    return f"{'・'.join(map(str, shown))}{'…' if more else ''}行目"


def line_range(first: int, last: int, lang: str) -> str:
    """``13〜17行目`` / ``lines 13-17`` (one line: ``13行目`` / ``line 13``)."""
    if first == last:
        return lines([first], lang)
    return f"lines {first}-{last}" if lang == "en" else f"{first}〜{last}行目"
