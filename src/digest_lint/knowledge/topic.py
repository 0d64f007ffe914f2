"""The topic packs: word weighting (``rules/topic.yaml``) and the Zipf frequency table
(``rules/word_frequencies.yaml``) that the topic rules (DL201, DL202) read."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from digest_lint.knowledge import packs


class FrequencyPack(packs.PackModel):
    source: str
    checked: dt.date | str
    min_zipf: float
    zipf: dict[float, str]
    """Zipf value → the words (normalized forms) of that band, separated by spaces."""


class Weighting(packs.PackModel):
    ceiling_zipf: float = Field(gt=0, description="Words at least this frequent weigh 0.")
    unknown_zipf: float = Field(description="Zipf assumed for words not in the table.")
    proper_noun: float = Field(ge=0)
    noun: float = Field(ge=0)
    verb: float = Field(ge=0)
    adjective: float = Field(ge=0)


class Names(packs.PackModel):
    """What counts as a name a claim can make (DL202) and which numbers are dates."""

    name_max_zipf: float = Field(description="Proper nouns this frequent (日本) are no claim.")
    katakana_max_zipf: float
    katakana_min_chars: int = Field(ge=1)
    date_counters: list[str]


class TopicPack(packs.PackModel):
    source: str
    checked: dt.date | str
    weighting: Weighting
    names: Names


class FrequencyTable:
    """The frequency pack as a map from word (normalized form) to its Zipf value."""

    def __init__(self, pack: FrequencyPack) -> None:
        table: dict[str, float] = {}
        for z, words in pack.zipf.items():
            for w in words.split():
                table[w] = max(z, table.get(w, 0.0))
        self.table = table
        self.min_zipf = pack.min_zipf
