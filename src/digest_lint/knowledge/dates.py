"""The dates pack (``rules/dates.yaml``): how dates are read (weekday names, counters and
durations, relative years, tense markers); era names and start dates come from japanera."""

from __future__ import annotations

import datetime as dt

from digest_lint.knowledge import packs


class DatesPack(packs.PackModel):
    """Schema of ``rules/dates.yaml``."""

    source: str
    checked: dt.date | str
    weekdays: list[str]
    weekday_suffixes: list[str]
    weekday_names: list[list[str]] = []
    """Weekday names in Latin letters, Monday first: ``[[Mon, Monday], …]``."""
    era_since_year: int
    year_min: int
    year_max: int
    not_after_year: list[str]
    not_after_month: list[str]
    not_after_day: list[str]
    relative_years: dict[str, int]
    same_year_words: list[str]
    range_joiners: list[str]
    past_auxiliaries: list[str]
    future_nouns: list[str]
    progressive_verbs: list[str]
    time_words: list[str]
    reference_markers: list[str]

    def model_post_init(self, _context: object) -> None:
        if len(self.weekdays) != 7 or any(len(w) != 1 for w in self.weekdays):
            raise ValueError("weekdays: seven single characters, Monday first")
