"""What editors maintain: the ``rules/*.yaml`` packs, one module per pack (its schema and
its compiled view), and :class:`Knowledge`, every pack of one configuration.

:func:`knowledge` gives the packs of a set of extra pack directories (the config's
``packs = [...]``), each loaded, validated and compiled once per process on first use.
The analysis layer and the rules read them from there (``ctx.knowledge.publishers``);
nothing else loads a pack.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from digest_lint.knowledge import packs
from digest_lint.model.messages import said

T = TypeVar("T")

if TYPE_CHECKING:
    from digest_lint.knowledge.aliases import Aliases
    from digest_lint.knowledge.dates import DatesPack
    from digest_lint.knowledge.layout import Layout
    from digest_lint.knowledge.officeholders import Officeholders
    from digest_lint.knowledge.publishers import PublishersPack
    from digest_lint.knowledge.style import Style
    from digest_lint.knowledge.topic import FrequencyTable, TopicPack
    from digest_lint.knowledge.variants import Variants
    from digest_lint.knowledge.writing import WritingPack


def pack_schemas() -> dict[str, type[packs.PackModel]]:
    """Every pack the tool reads, by file name (``rules/{name}.yaml``), with its schema."""
    from digest_lint.knowledge.aliases import AliasPack
    from digest_lint.knowledge.dates import DatesPack
    from digest_lint.knowledge.layout import LayoutPack
    from digest_lint.knowledge.officeholders import OfficeholdersPack
    from digest_lint.knowledge.publishers import PublishersPack
    from digest_lint.knowledge.style import StylePack
    from digest_lint.knowledge.topic import FrequencyPack, TopicPack
    from digest_lint.knowledge.variants import VariantsPack
    from digest_lint.knowledge.wikidata import WikidataOfficesPack
    from digest_lint.knowledge.writing import WritingPack

    return {
        "layout": LayoutPack,
        "publishers": PublishersPack,
        "officeholders": OfficeholdersPack,
        "name_variants": VariantsPack,
        "style": StylePack,
        "aliases": AliasPack,
        "topic": TopicPack,
        "word_frequencies": FrequencyPack,
        "dates": DatesPack,
        "writing": WritingPack,
        "wikidata_offices": WikidataOfficesPack,  # read by `packs import-wikidata` only
    }


def validate_pack_dirs(dirs: tuple[str, ...]) -> None:
    """Validate every pack file of the extra directories now, whatever the run reads.

    A broken or misnamed pack is a :class:`~digest_lint.knowledge.packs.PackError` at the
    start of the run (naming the file, line and entry), not a surprise later or never.
    """
    from digest_lint.config import hint
    from digest_lint.knowledge.officeholders_merge import load_merged
    from digest_lint.knowledge.wikidata import MAPPING_PACK, load_mapping

    schemas = pack_schemas()
    for d in dirs:
        for file in sorted(Path(d).glob("*.yaml")):
            name = file.stem
            if name not in schemas:
                raise packs.PackError(
                    file,
                    said(
                        packs.MESSAGES["unknown-pack"],
                        name=repr(name),
                        hint=hint(name, schemas),
                        packs=tuple(schemas),
                    ),
                )
            if name not in ("officeholders", MAPPING_PACK):  # merged by id, below
                packs.load(name, schemas[name], (d,))
    load_merged(dirs)
    load_mapping(dirs)


class Knowledge:
    """Every pack of one configuration, compiled on first use."""

    def __init__(self, pack_dirs: tuple[str, ...] = ()) -> None:
        self.pack_dirs = pack_dirs
        """Extra pack directories of the configuration (after the built-in packs)."""
        self._derived: dict[str, Any] = {}

    def derived(self, name: str, build: Callable[[], T]) -> T:
        """A view that a later layer compiles from these packs (the analysis layer's
        title grammar, word weights), built once per configuration."""
        if name not in self._derived:
            self._derived[name] = build()
        return cast(T, self._derived[name])

    @cached_property
    def layout(self) -> Layout:
        from digest_lint.knowledge.layout import Layout as _Layout
        from digest_lint.knowledge.layout import LayoutPack

        return _Layout(packs.load("layout", LayoutPack, self.pack_dirs))

    @cached_property
    def publishers(self) -> PublishersPack:
        from digest_lint.knowledge.publishers import PublishersPack as _Pack

        return packs.load("publishers", _Pack, self.pack_dirs)

    @cached_property
    def officeholders(self) -> Officeholders:
        from digest_lint.knowledge.officeholders import Officeholders as _Officeholders
        from digest_lint.knowledge.officeholders_merge import load_merged

        # Merged by person id and office id; conflicts are pack errors.
        return _Officeholders(load_merged(self.pack_dirs))

    @cached_property
    def variants(self) -> Variants:
        from digest_lint.knowledge.variants import Variants as _Variants
        from digest_lint.knowledge.variants import VariantsPack

        return _Variants(packs.load("name_variants", VariantsPack, self.pack_dirs))

    @cached_property
    def style(self) -> Style:
        from digest_lint.knowledge.style import Style as _Style
        from digest_lint.knowledge.style import StylePack

        return _Style(packs.load("style", StylePack, self.pack_dirs))

    @cached_property
    def aliases(self) -> Aliases:
        from digest_lint.knowledge.aliases import Aliases as _Aliases
        from digest_lint.knowledge.aliases import AliasPack

        return _Aliases(packs.load("aliases", AliasPack, self.pack_dirs))

    @cached_property
    def topic(self) -> TopicPack:
        from digest_lint.knowledge.topic import TopicPack as _Pack

        return packs.load("topic", _Pack, self.pack_dirs)

    @cached_property
    def frequencies(self) -> FrequencyTable:
        from digest_lint.knowledge.topic import FrequencyPack
        from digest_lint.knowledge.topic import FrequencyTable as _Table

        return _Table(packs.load("word_frequencies", FrequencyPack, self.pack_dirs))

    @cached_property
    def dates(self) -> DatesPack:
        from digest_lint.knowledge.dates import DatesPack as _Pack

        return packs.load("dates", _Pack, self.pack_dirs)

    @cached_property
    def writing(self) -> WritingPack:
        from digest_lint.knowledge.writing import WritingPack as _Pack

        return packs.load("writing", _Pack, self.pack_dirs)


@lru_cache(maxsize=8)
def knowledge(pack_dirs: tuple[str, ...] = ()) -> Knowledge:
    """The packs of the built-in directory plus ``pack_dirs``, shared by the process."""
    return Knowledge(tuple(pack_dirs))
