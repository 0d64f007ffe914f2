"""The name-variants pack (``rules/name_variants.yaml``) and its compiled view: how two
spellings of one name or term are recognised (katakana folding, Sudachi normalized forms,
declared variants with a preferred form, never-merge pairs), read by DL303."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from pydantic import field_validator

from digest_lint.knowledge import packs
from digest_lint.knowledge.officeholders import FormFinder
from digest_lint.model.text import NAME_SEPARATORS, is_katakana

_SPLIT_NAME_KEEP = re.compile(f"([{NAME_SEPARATORS}])")


# --------------------------------------------------------------------------- variants pack
class NormalizedSpec(packs.PackModel):
    pos: list[str] = []
    patterns: list[str] = []

    @field_validator("patterns")
    @classmethod
    def _regexes(cls, value: list[str]) -> list[str]:
        return [packs.checked_regex(item) for item in value]


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
                if part and part not in NAME_SEPARATORS and is_katakana(part[0]):
                    parts.append((pos, part, "f:" + self.fold(part)))
                pos += len(part)
            self._name_parts[name] = parts
        return parts
