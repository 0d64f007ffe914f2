"""The spellings of names and terms that DL303 compares: one written form each, with the
keys that make two forms one name (Sudachi normalized form, katakana folding, a declared
variant of the ``name_variants`` pack)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING

from digest_lint.analysis.mentions import ends_at, starts_at

if TYPE_CHECKING:
    from digest_lint.analysis import Analysis

_KATA_ONLY = re.compile(r"[ァ-ヺー]*")
_START = attrgetter("start")


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


def find_spellings(analysis: Analysis) -> list[Spelling]:
    """Every compared spelling of the article (``analysis.spellings``)."""
    variants = analysis.knowledge.variants
    holders = analysis.knowledge.officeholders
    mentions = analysis.mentions
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
            if starts_at(toks, s) and ends_at(toks, e):
                add(s, e, form, f"d:{variants.declared[form]}", False)
    person_form = holders.form_person
    out = [
        Spelling(s, e, surface, tuple(keys), person_name, person_form.get(surface))
        for (s, e), (surface, keys, person_name) in found.items()
    ]
    out.sort(key=_START)
    return out
