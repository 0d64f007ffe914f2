"""DL303 name-variant."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from rapidfuzz import fuzz

from digest_lint.analysis.spellings import Spelling
from digest_lint.knowledge.variants import Variants
from digest_lint.model.findings import Applicability, Fix, Severity, Violation
from digest_lint.rules.base import Context, FixAvailability, Rule


class NameVariant(Rule):
    """One name or term written two ways in one article.

    What it flags: every occurrence of the minority spelling of a name or term that the
    article also writes another way: ``ラヴロフ`` once against ``ラブロフ`` twice, ``米露``
    against ``米ロ``. Two spellings are one name when SudachiPy gives them the same
    normalized form (proper nouns, and compounds of country abbreviations such as
    米ロ/米露), when they fold to the same katakana (ヴ/ブ, long vowels, ・), when the
    name-variants pack declares them one, or, for katakana person names only, when they are
    very close (rapidfuzz, voicing marks ignored). Pairs in the pack's ``never_merge`` list
    (メルツ/メルケル, イラン/イラク, オーストリア/オーストラリア) and forms of two different
    people in the office-holder pack are never one name. Common words that Sudachi
    normalises (okurigana, kana/kanji) are not compared. In a tie the pack's preferred
    form is kept; without one the form that appears later is flagged.

    Why it matters: two spellings make a reader wonder whether two people or things are
    meant, and search and indexing miss half of the mentions.

    Example: ``ラブロフ外相は…`` (twice) and later ``ラヴロフ・ロシア外相は…``.

    Fix: the majority spelling (``ラブロフ``); safe when the spellings are declared in
    the pack or share a SudachiPy normalized form, unsafe for folded or fuzzy matches.
    """

    code = "DL303"
    name = "name-variant"
    severity = Severity.WARNING
    scope = "mention"
    fix_availability = FixAvailability.ALWAYS

    def check(self, ctx: Context) -> Iterator[Violation]:
        variants = ctx.knowledge.variants
        spellings = ctx.analysis.spellings
        if not spellings:
            return
        by_surface: dict[str, list[Spelling]] = {}
        for s in spellings:
            by_surface.setdefault(s.surface, []).append(s)
        surfaces = list(by_surface)
        parent = {s: s for s in surfaces}
        how: dict[frozenset[str], str] = {}
        people = {surf: {o.person for o in occ} - {None} for surf, occ in by_surface.items()}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        def mergeable(a: str, b: str) -> bool:
            if variants.never_merged(a, b):
                return False
            pa, pb = people[a], people[b]
            return not (pa and pb and not (pa & pb))

        keys: dict[str, list[str]] = {}
        for surf, occ in by_surface.items():
            for k in {k for s in occ for k in s.keys}:
                keys.setdefault(k, []).append(surf)
        for k, group in keys.items():
            if len(group) < 2:
                continue
            for i, a in enumerate(group):
                for other in group[i + 1 :]:
                    if k.startswith("n:") and not _same_script(a, other):
                        continue
                    if mergeable(a, other):
                        parent[find(other)] = find(a)
                        pair = frozenset((a, other))
                        if how.get(pair) not in ("n", "d"):
                            how[pair] = k[0]
        persons = [s for s in surfaces if any(o.person_name for o in by_surface[s])]
        fz = variants.pack.fuzzy
        loose = {a: variants.loose(a) for a in persons}
        for i, a in enumerate(persons):
            la = loose[a]
            for b in persons[i + 1 :]:
                if find(a) == find(b):
                    continue
                lb = loose[b]
                if min(len(la), len(lb)) < fz.min_length:
                    continue
                if fuzz.ratio(la, lb) >= fz.min_ratio and mergeable(a, b):
                    parent[find(b)] = find(a)
                    how[frozenset((a, b))] = "z"
        clusters: dict[str, list[str]] = {}
        for surface in surfaces:
            clusters.setdefault(find(surface), []).append(surface)
        text = ctx.article.text
        line_of = ctx.article.lines.position
        for members in clusters.values():
            if len(members) < 2:
                continue
            keep = _keeper(members, by_surface, variants)
            kept = by_surface[keep]
            lines = sorted({line_of(o.start)[0] for o in kept})
            where = ", ".join(map(str, lines[:5])) + (" …" if len(lines) > 5 else "")
            for surf in members:
                if surf == keep:
                    continue
                kind = how.get(frozenset((keep, surf)), "f")
                safe = kind in ("n", "d")
                for o in by_surface[surf]:
                    if text[o.start : o.end] != surf:
                        continue
                    fix = Fix.replace(
                        ctx.span(o.start, o.end),
                        keep,
                        Applicability.SAFE if safe else Applicability.UNSAFE,
                    )
                    yield ctx.violation(
                        o.start,
                        o.end,
                        f"「{surf}」 is written 「{keep}」 {len(kept)} time"
                        f"{'s' if len(kept) > 1 else ''} elsewhere in this article "
                        f"(line{'s' if len(lines) > 1 else ''} {where}); write one form",
                        fix,
                    )


def _same_script(a: str, b: str) -> bool:
    """Sudachi also normalises across scripts (グーグル → Google, ニッポン → 日本): those
    are renderings, not spelling variants. Compare only forms of one length and script."""
    la = any(c.isascii() and c.isalpha() for c in unicodedata.normalize("NFKC", a))
    lb = any(c.isascii() and c.isalpha() for c in unicodedata.normalize("NFKC", b))
    return la == lb and len(a) == len(b)


def _keeper(members: list[str], by_surface: dict[str, list[Spelling]], variants: Variants) -> str:
    """The majority spelling; in a tie the pack's preferred form, else the earliest."""
    top = max(len(by_surface[m]) for m in members)
    tied = [m for m in members if len(by_surface[m]) == top]
    if len(tied) == 1:
        return tied[0]
    preferred = [m for m in tied if variants.preferred.get(m) == m]
    if len(preferred) == 1:
        return preferred[0]
    return min(tied, key=lambda m: by_surface[m][0].start)
