"""Topic vocabulary: the frequency and alias packs, bags of words, the seeds' scores.

The right and wrong texts of DL201 and DL202 are rule cases (``tests/rule_cases``).
"""

from __future__ import annotations

import datetime as dt

from digest_lint.analysis import Analysis
from digest_lint.analysis.topic import Bag, coverage, vocabulary
from digest_lint.config import Config
from digest_lint.engine.engine import Engine
from digest_lint.io.sources import read_source
from digest_lint.knowledge import knowledge
from digest_lint.knowledge.aliases import Aliases, AliasPack
from digest_lint.parsing.parser import parse
from digest_lint.rules.dl201_off_topic_summary import Options as OffTopicOptions
from tests.conftest import SEEDS, lint


def test_dl201_seed_alone_same_as_in_a_batch() -> None:
    """Weights come from a shipped frequency table, never from the other checked files."""
    path = next(SEEDS.glob("001_*.txt"))
    alone = lint(read_source(str(path)).text, "DL201", dedent=False)
    assert [f.line for f in alone] == [24]
    assert "児童相談所" in alone[0].message


def _seed_scores() -> dict[tuple[str, int], float]:
    vocab = vocabulary(knowledge())
    out: dict[tuple[str, int], float] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        art = parse(read_source(str(path)).text, str(path))
        an = Analysis(art, dt.date(2026, 11, 22))
        for card in art.cards:
            own = {b.index for b in [*card.summary_blocks(), *card.headline_repeats]}
            bag = vocab.bag(t for b in card.summary_blocks() for t in an.tokens(b))
            rest = vocab.bag(t for b in art.blocks if b.index not in own for t in an.tokens(b))
            out[(path.name[:3], card.index)] = coverage(bag, rest, OffTopicOptions().partial_credit)
    return out


def test_dl201_seed_margin() -> None:
    scores = _seed_scores()
    aum = scores.pop(("001", 1))
    threshold = OffTopicOptions().threshold
    assert aum < threshold / 2
    assert min(scores.values()) > threshold * 1.5


def test_topic_packs_load_and_aliases_fold() -> None:
    vocab = vocabulary(knowledge())
    assert vocab.zipf("こと") > vocab.zipf("停戦") > vocab.zipf("児童相談所")
    from digest_lint.knowledge import packs

    aliases = Aliases(packs.load("aliases", AliasPack))
    full, short = aliases.variants("アメリカ")
    assert "米国" in full and "米" in short


def test_bags_of_shared_token_infos_match_token_by_token_bags() -> None:
    """``Analysis.topic`` bags (counted per distinct token form) equal ``Bag.add`` per token."""
    vocab = vocabulary(knowledge())
    for path in sorted(SEEDS.glob("*.txt")):
        art = parse(read_source(str(path)).text, str(path))
        an = Analysis(art, dt.date(2026, 11, 22))
        terms = an.terms
        assert an.terms is terms and terms.vocab is vocab
        groups = [art.blocks] + [card.summary_blocks() for card in art.cards]
        for blocks in groups:
            slow = Bag()
            for t in (t for b in blocks for t in an.tokens(b)):
                for key in vocab.terms(t):
                    weight = vocab.weight(key, t)
                    if weight > 0:
                        slow.add(key, weight, key if key != t.normalized else t.surface)
            fast = terms.bag(blocks)
            assert list(fast.counts.items()) == list(slow.counts.items())
            assert fast.weights == slow.weights and fast.shown == slow.shown
        assert [len(terms.infos(b)) for b in art.blocks] == [len(an.tokens(b)) for b in art.blocks]


def test_seeds_dl2_findings_are_what_we_expect() -> None:
    config = Config(select=["DL2"], as_of=dt.date(2026, 11, 22))
    engine = Engine.build(config)
    got: list[tuple[str, str, int]] = []
    for path in sorted(SEEDS.glob("*.txt")):
        art = parse(read_source(str(path)).text, str(path))
        found, _ = engine.check_article(art)
        got += [(path.name[:3], f.code, f.line) for f in found]
    assert ("001", "DL201", 24) in got
    assert [g for g in got if g[1] == "DL201"] == [("001", "DL201", 24)]
    dl202 = {g[0] for g in got if g[1] == "DL202"}
    assert dl202 == {"003"}
