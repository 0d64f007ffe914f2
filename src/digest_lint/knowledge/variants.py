"""The name-variants pack (``rules/name_variants.yaml``) and its compiled view: how two
spellings of one name or term are recognised (the katakana fold key, Sudachi normalized
forms, declared variants with a preferred form, interchangeable head nouns of institution
names, never-merge pairs), read by the analysis layer's spellings for DL303 and DL304.

The fold key (:meth:`Variants.fold`) is the one place where the variations Japanese
transliteration allows are folded: width (NFKC), then the pack's ``fold`` rules in order
(ヴ row, small vowels, イア/イヤ, エイ/エー, ッ and ー, separators)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from pydantic import field_validator, model_validator

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


class FoldRule(packs.PackModel):
    """One class of the fold key: a regular expression and its replacement (``\\1`` for a
    group). A pair ``[ヴ, ブ]`` is a literal replacement, as in earlier packs."""

    name: str
    pattern: str
    replace: str = ""

    @model_validator(mode="before")
    @classmethod
    def _pair(cls, value: Any) -> Any:
        if isinstance(value, list | tuple) and len(value) == 2:
            a, b = (str(x) for x in value)
            return {"name": f"{a}→{b}", "pattern": re.escape(a), "replace": b.replace("\\", "\\\\")}
        return value

    @field_validator("pattern")
    @classmethod
    def _regex(cls, value: str) -> str:
        return packs.checked_regex(value)


class InstitutionSpec(packs.PackModel):
    """Institution names that differ only in their head noun (国際原子力機関/国際原子力機構)."""

    heads: list[list[str]] = []
    """Classes of head nouns that name one institution either way."""
    min_prefix: int = 3
    """Characters the rest of the name needs (気象庁/気象局 are two offices)."""

    @field_validator("heads")
    @classmethod
    def _classes(cls, value: list[list[str]]) -> list[list[str]]:
        for heads in value:
            if len(set(heads)) < 2:
                raise ValueError("a head-noun class needs at least two different nouns")
        return value


class VariantsPack(packs.PackModel):
    """Schema of ``rules/name_variants.yaml``."""

    source: str
    checked: dt.date | str
    fold: list[FoldRule] = []
    institutions: InstitutionSpec = InstitutionSpec()
    normalized: NormalizedSpec = NormalizedSpec()
    fuzzy: FuzzySpec = FuzzySpec()
    variants: list[DeclaredVariant] = []
    never_merge: list[tuple[str, str]] = []


class Variants:
    """The compiled name-variants pack."""

    def __init__(self, pack: VariantsPack) -> None:
        self.pack = pack
        self._folded: dict[str, str] = {}
        self._fold_rules = [(re.compile(r.pattern), r.replace) for r in pack.fold]
        #: Head noun → its class index, longest nouns first (for :meth:`head`).
        self.heads: dict[str, int] = {}
        for i, heads in enumerate(pack.institutions.heads):
            for h in heads:
                self.heads[h] = i
        self._head_order = sorted(self.heads, key=len, reverse=True)
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
        """The fold key: ラヴロフ → ラブロフ, ゼレンスキー → ゼレンスキ, マルコ・ルビオ →
        マルコルビオ, ｳｨﾘｱﾑ → ウイリアム, インデックス → インデクス."""
        folded = self._folded.get(text)
        if folded is None:
            folded = unicodedata.normalize("NFKC", text)
            for regex, replacement in self._fold_rules:
                folded = regex.sub(replacement, folded)
            self._folded[text] = folded
        return folded

    def head(self, compound: str) -> tuple[str, int] | None:
        """``(the name without its head noun, the head's class)`` of an institution name
        that ends in a head noun of the pack with enough before it, else None."""
        for h in self._head_order:
            if compound.endswith(h) and len(compound) - len(h) >= self.pack.institutions.min_prefix:
                return compound[: -len(h)], self.heads[h]
        return None

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
