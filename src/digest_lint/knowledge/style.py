"""The house style pack (``rules/style.yaml``): which common words DL304
orthographic-variant compares, and the house's preferred forms, as in a newsroom handbook.

A *house form* is the spelling the house writes (``できる``, ``サーバー``). A variant of it in
an article that also writes it is fixed toward it; an entry with ``always: true`` also
flags the variant in an article that never writes the house form. Which spellings are
variants of a house form comes from the same mechanisms DL304 uses (SudachiPy's normalized
form, the fold key of ``rules/name_variants.yaml``) plus the entry's own ``variants``; the
analysis layer compiles those keys (``analysis.spellings.house_style``).
"""

from __future__ import annotations

import datetime as dt

from pydantic import field_validator, model_validator

from digest_lint.knowledge import packs


class HouseForm(packs.PackModel):
    """One house form and, optionally, variants no mechanism relates to it."""

    form: str
    variants: list[str] = []
    always: bool = False
    """Flag a variant even in an article that never writes the house form."""
    note: str = ""

    @model_validator(mode="after")
    def _distinct(self) -> HouseForm:
        if self.form in self.variants:
            raise ValueError(f"{self.form!r} is its own variant")
        return self


class StylePack(packs.PackModel):
    """Schema of ``rules/style.yaml``."""

    source: str
    checked: dt.date | str
    compared_pos: list[str] = []
    """Part-of-speech prefixes (levels joined by ``-``) of the words DL304 compares."""
    auxiliary_pos: list[str] = []
    """Parts of speech of words that are written in kana on purpose where they follow
    ``after_auxiliary`` (〜てみる, 〜という, 〜てもよい): not compared there."""
    after_auxiliary: list[str] = []
    not_compared: list[str] = []
    """Normalized forms never compared: formal nouns and words whose kana and kanji
    spellings newspapers use for different senses (こと/事, とき/時, ところ/所)."""
    house: list[HouseForm] = []

    @field_validator("compared_pos", "auxiliary_pos")
    @classmethod
    def _pos(cls, value: list[str]) -> list[str]:
        for p in value:
            if not p or any(not part for part in p.split("-")):
                raise ValueError(f"{p!r}: a part of speech is levels joined by '-'")
        return value

    @model_validator(mode="after")
    def _one_house_form(self) -> StylePack:
        seen: dict[str, str] = {}
        for h in self.house:
            for f in (h.form, *h.variants):
                if f in seen and seen[f] != h.form:
                    raise ValueError(f"{f!r} belongs to two house forms ({seen[f]}, {h.form})")
                seen[f] = h.form
        return self


class Style:
    """The compiled house style pack."""

    def __init__(self, pack: StylePack) -> None:
        self.pack = pack
        self.compared_pos = [tuple(p.split("-")) for p in pack.compared_pos]
        self.auxiliary_pos = [tuple(p.split("-")) for p in pack.auxiliary_pos]
        self.after_auxiliary = frozenset(pack.after_auxiliary)
        self.not_compared = frozenset(pack.not_compared)
        self.house: dict[str, HouseForm] = {h.form: h for h in pack.house}
        #: Whether a house form is asked for even where the article never writes it.
        self.always = any(h.always for h in self.house.values())
        #: A declared variant → its house form.
        self.declared: dict[str, str] = {v: h.form for h in pack.house for v in h.variants}
        self._compared: dict[tuple[str, ...], bool] = {}
        self._auxiliary: dict[tuple[str, ...], bool] = {}

    def compares(self, pos: tuple[str, ...]) -> bool:
        hit = self._compared.get(pos)
        if hit is None:
            hit = self._compared[pos] = any(pos[: len(p)] == p for p in self.compared_pos)
        return hit

    def auxiliary(self, pos: tuple[str, ...]) -> bool:
        hit = self._auxiliary.get(pos)
        if hit is None:
            hit = self._auxiliary[pos] = any(pos[: len(p)] == p for p in self.auxiliary_pos)
        return hit
