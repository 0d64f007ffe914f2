"""The writing pack (``rules/writing.yaml``): how a sentence's register is read from its
final predicate (DL501), and the doubled and half-width marks (DL502, DL503)."""

from __future__ import annotations

import datetime as dt

from pydantic import field_validator

from digest_lint.knowledge import packs


class ChainLink(packs.PackModel):
    """Words that continue a predicate chain: a part-of-speech prefix, optionally only
    these surfaces, never these lemmas."""

    pos: list[str]
    surfaces: list[str] = []
    not_lemmas: list[str] = []


class WritingPack(packs.PackModel):
    """Schema of ``rules/writing.yaml``: register (DL501) and punctuation (DL502, DL503)."""

    source: str
    checked: dt.date | str
    # Every list defaults to empty so that a house pack (``packs = [...]``) can add to one
    # without repeating the others; the built-in pack sets them all.
    polite_conjugation_types: list[str] = []
    polite_lemmas: list[str] = []
    skip_final: list[list[str]] = []
    predicate_chain: list[ChainLink] = []
    tense_chain: list[ChainLink] = []
    predicate_pos: list[str] = []
    final_forms: list[str] = []
    doubled_punctuation: list[str] = []
    halfwidth_marks: dict[str, str] = {}

    @field_validator("doubled_punctuation")
    @classmethod
    def _pairs(cls, value: list[str]) -> list[str]:
        for item in value:
            if len(item) != 2:
                raise ValueError(f"{item!r}: a doubled mark is two characters")
        return value

    @field_validator("halfwidth_marks")
    @classmethod
    def _marks(cls, value: dict[str, str]) -> dict[str, str]:
        for key, full in value.items():
            if len(key) != 1 or len(full) != 1:
                raise ValueError(f"{key!r}: {full!r}: one character each")
        return value
