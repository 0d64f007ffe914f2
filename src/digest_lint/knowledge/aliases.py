"""The aliases pack (``rules/aliases.yaml``): names that mean one thing (米国/アメリカ/米,
日本銀行/日銀), folded into one key by the topic rules (DL201, DL202)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from digest_lint.knowledge import packs
from digest_lint.model.text import nfkc


class AliasGroup(packs.PackModel):
    canonical: str
    forms: list[str] = []
    short: list[str] = Field(default=[], description="One-character abbreviations (露, 米).")


class AliasPack(packs.PackModel):
    source: str
    checked: dt.date | str
    groups: list[AliasGroup]


class Aliases:
    """Folds equivalent forms of a term into one canonical key."""

    def __init__(self, pack: AliasPack) -> None:
        self.full: dict[str, str] = {}
        self.short: dict[str, str] = {}
        self.forms: dict[str, list[str]] = {}
        for g in pack.groups:
            names = [g.canonical, *g.forms]
            for name in names:
                self.full[nfkc(name).casefold()] = g.canonical
            for s in g.short:
                self.short[s] = g.canonical
            self.forms[g.canonical] = names
        self._shorts: dict[str, list[str]] = {}
        for s, canon in self.short.items():
            self._shorts.setdefault(canon, []).append(s)

    def keys(self, normalized: str, surface: str, proper_noun: bool) -> list[str]:
        """Canonical keys for one word (usually one; 米露 gives two)."""
        key = nfkc(normalized)
        canon = self.full.get(key.casefold()) or self.full.get(nfkc(surface).casefold())
        if canon is not None:
            return [canon]
        if key in self.short and proper_noun:
            return [self.short[key]]
        if len(key) >= 2 and all(ch in self.short for ch in key):
            return list(dict.fromkeys(self.short[ch] for ch in key))
        if len(key) >= 2 and key[0] in self.short and proper_noun:
            return [self.short[key[0]], key]
        return [key]

    def variants(self, term: str) -> tuple[list[str], list[str]]:
        """``(full forms, one-character abbreviations)`` of ``term``'s group."""
        canon = self.full.get(nfkc(term).casefold(), term)
        return self.forms.get(canon, [term]), list(self._shorts.get(canon, ()))
