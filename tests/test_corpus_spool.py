"""The corpus rules' records spooled in buckets by key (engine/corpus.py): the same
findings as one group over the whole run, whatever the buckets and chunks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from digest_lint.config import Config
from digest_lint.engine import corpus
from digest_lint.engine.corpus import CorpusSpool, group_count
from digest_lint.engine.engine import Engine, Report
from digest_lint.engine.runner import check_file, run
from tests.pages import page

URLS = [f"https://www.asahi.com/articles/spool-{i}" for i in range(7)]


def _articles(tmp_path: Path, n: int = 23) -> list[str]:
    """``n`` pages, each citing two of seven sources: every source by several pages."""
    paths = []
    for i in range(n):
        cards = [
            {"date": "2025/03/04", "url": URLS[i % 7]},
            {"date": "2025/03/05", "url": URLS[(i * 3 + 1) % 7]},
        ]
        path = tmp_path / f"a{i:03d}.txt"
        path.write_text(page(cards=cards, prose=["本文の段落。"]), encoding="utf-8")
        paths.append(str(path))
    return paths


def _dump(report: Report) -> list[str]:
    return [json.dumps(f.model_dump(mode="json"), sort_keys=True) for f in report.findings]


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.build(Config(select=["DL106"]))


def test_many_buckets_and_chunks_on_disk_give_the_findings_of_one(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _articles(tmp_path)
    one = run(engine, files)
    assert sum(f.code == "DL106" for f in one.findings) >= 20
    monkeypatch.setattr(corpus, "GROUP_ARTICLES", 4)  # 6 buckets
    monkeypatch.setattr(corpus, "CHUNK_ROWS", 2)  # every bucket written out in chunks
    assert group_count(len(files)) == 6
    assert _dump(run(engine, files)) == _dump(one)
    assert _dump(run(engine, files, jobs=2)) == _dump(one)


def test_spool_groups_equal_finish_over_all_summaries(engine: Engine, tmp_path: Path) -> None:
    files = _articles(tmp_path)
    results = [check_file(engine, f, None) for f in files]
    summaries = [(r.path, r.summaries) for r in results if r.summaries]
    spool = CorpusSpool(engine.corpus_keys, 40_000, chunk_rows=3)  # buckets of a big run
    assert spool.buckets == 4
    for path, s in summaries:
        spool.add(path, s)
    spooled = sorted((*f.sort_key, f.message) for f in engine.finish_groups(spool.groups()))
    whole = sorted((*f.sort_key, f.message) for f in engine.finish(summaries))
    assert spooled == whole and len(whole) >= 20
    spool.close()


def test_members_of_a_key_are_in_run_order_across_chunks(engine: Engine) -> None:
    rows = {f"p{i}": {"DL106": [(f"k{i % 2}", f"u{i}", None)]} for i in range(9)}
    spool = CorpusSpool(engine.corpus_keys, 9, chunk_rows=2)
    for path, s in rows.items():
        spool.add(path, s)
    groups = {key: [m[2] for m in members] for _, key, members in spool.groups()}
    assert groups == {"k0": ["p0", "p2", "p4", "p6", "p8"], "k1": ["p1", "p3", "p5", "p7"]}
    spool.close()
