"""The runner (one process or a pool) and the result cache."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from digest_lint.config import Config
from digest_lint.engine.cache import Cache
from digest_lint.engine.engine import Engine
from digest_lint.engine.runner import run
from digest_lint.knowledge.packs import pack_files
from tests.conftest import AS_OF, SEEDS

MAKE_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "tools" / "make_corpus.py"


def _dump(report) -> list[dict]:  # type: ignore[no-untyped-def]
    return [f.model_dump(mode="json") for f in report.findings]


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.build(Config(as_of=AS_OF))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    out = tmp_path_factory.mktemp("corpus")
    if MAKE_CORPUS.exists():
        subprocess.run(
            [sys.executable, str(MAKE_CORPUS), "40", str(out), "--reuse", "0.3"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    else:  # the shared tools are beside CI's clone; fall back to copies of the seeds
        for i in range(8):
            for seed in SEEDS.glob("*.txt"):
                shutil.copy(seed, out / f"{i}-{seed.name}")
    return sorted(str(p) for p in out.glob("*.txt"))


def test_pool_output_is_identical_to_one_process_on_seeds(engine: Engine) -> None:
    files = sorted(str(p) for p in SEEDS.glob("*.txt"))
    one = run(engine, files, jobs=1)
    pool = run(engine, files * 1, jobs=2)
    assert _dump(one) == _dump(pool)
    assert one.files == pool.files == 5


def test_pool_output_is_identical_on_generated_corpus(engine: Engine, corpus: list[str]) -> None:
    one = run(engine, corpus, jobs=1)
    pool = run(engine, corpus, jobs=2)
    assert one.findings, "the corpus should have findings"
    assert _dump(one) == _dump(pool)
    assert any(f.code == "DL106" for f in pool.findings)


def test_cache_hit_gives_identical_findings(engine: Engine, tmp_path: Path) -> None:
    files = sorted(str(p) for p in SEEDS.glob("*.txt"))
    key = Cache.settings_key(engine.config.model_dump_json(), pack_files())
    cold = Cache(tmp_path, key)
    first = run(engine, files, cache=cold)
    assert (cold.hits, cold.misses) == (0, 5)
    warm = Cache(tmp_path, key)
    second = run(engine, files, cache=warm)
    assert (warm.hits, warm.misses) == (5, 0)
    assert _dump(first) == _dump(second)
    assert [(f.start, f.end, f.snippet) for f in first.findings] == [
        (f.start, f.end, f.snippet) for f in second.findings
    ]
    fixes = [(f.fix.start, f.fix.end) for f in first.findings if f.fix]
    assert fixes == [(f.fix.start, f.fix.end) for f in second.findings if f.fix]


def test_cache_key_changes_with_config_and_packs(tmp_path: Path) -> None:
    a = Cache.settings_key(Config().model_dump_json(), pack_files())
    b = Cache.settings_key(Config(ignore=["DL106"]).model_dump_json(), pack_files())
    extra = tmp_path / "publishers.yaml"
    extra.write_text("source: x\nchecked: 2026-01-01\npublishers: []\ngeneric_labels: []\n")
    c = Cache.settings_key(Config().model_dump_json(), pack_files([tmp_path]))
    assert len({a, b, c}) == 3


def test_cache_key_is_content_not_path() -> None:
    assert Cache.content_key(b"x", "a.txt") == Cache.content_key(b"x", "dir/b.txt")
    assert Cache.content_key(b"x", "a.txt") != Cache.content_key(b"y", "a.txt")
    assert Cache.content_key(b"x", "a.txt") != Cache.content_key(b"x", "a.md")


def test_copied_file_hits_with_its_own_path(engine: Engine, tmp_path: Path) -> None:
    seed = next(SEEDS.glob("001_*.txt"))
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copy(seed, a)
    shutil.copy(seed, b)
    key = Cache.settings_key(engine.config.model_dump_json(), pack_files())
    cache = Cache(tmp_path / "cache", key)
    run(engine, [str(a)], cache=cache)
    report = run(engine, [str(b)], cache=cache)
    assert cache.hits == 1
    assert {f.path for f in report.findings} == {str(b)}


def test_corrupt_entry_is_a_miss(engine: Engine, tmp_path: Path) -> None:
    files = [str(next(SEEDS.glob("000_*.txt")))]
    key = Cache.settings_key(engine.config.model_dump_json(), pack_files())
    run(engine, files, cache=Cache(tmp_path, key))
    for entry in tmp_path.rglob("*.json"):
        entry.write_bytes(b"not a pickle")
    cache = Cache(tmp_path, key)
    again = run(engine, files, cache=cache)
    assert (cache.hits, cache.misses) == (0, 1)
    assert again.findings == run(engine, files).findings


def test_two_runs_sharing_a_cache_directory(
    engine: Engine, corpus: list[str], tmp_path: Path
) -> None:
    """Two pools writing the same entries at once: no error, no torn entry."""
    key = Cache.settings_key(engine.config.model_dump_json(), pack_files())
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as ex:
        a, b = ex.map(
            lambda _: run(
                engine,
                corpus,
                jobs=2,
                cache=Cache(tmp_path, key),
            ),
            range(2),
        )
    assert _dump(a) == _dump(b)
    assert not list(tmp_path.rglob(".tmp*"))
    warm = Cache(tmp_path, key)
    assert _dump(run(engine, corpus, cache=warm)) == _dump(a)
    assert warm.misses == 0


def test_cli_jobs_and_cache_give_identical_reports(tmp_path: Path, corpus: list[str]) -> None:
    """--jobs 1, the default pool, and a warm cache print the same report."""
    from click.testing import CliRunner

    from digest_lint.cli import main

    corpus_dir = str(Path(corpus[0]).parent)
    base = ["check", "--format", "json", "--as-of", "2026-11-22", corpus_dir]
    runner = CliRunner()
    one = runner.invoke(main, [*base, "--jobs", "1", "--no-cache"])
    pool = runner.invoke(main, [*base, "--jobs", "2", "--no-cache"])
    env = {"DIGEST_LINT_NO_CACHE": ""}
    cold = runner.invoke(main, [*base, "--cache-dir", str(tmp_path)], env=env)
    warm = runner.invoke(main, [*base, "--cache-dir", str(tmp_path)], env=env)
    assert one.exit_code == 1, one.output
    assert one.output == pool.output == cold.output == warm.output
    assert list(tmp_path.rglob("*.json"))


def test_finding_store_orders_reiterates_and_tracks_worst(engine: Engine) -> None:
    from digest_lint.engine.store import FindingStore
    from digest_lint.model.findings import Severity

    files = sorted(str(p) for p in SEEDS.glob("*.txt"))
    found = list(run(engine, files).findings)
    store = FindingStore()
    for path in reversed(files):  # added out of order, in several batches
        mine = [f for f in found if f.path == path]
        store.add(path, mine[::2])
        store.add(path, mine[1::2])
    assert len(store) == len(found) and bool(store)
    assert list(store) == found == list(store)  # report order, any number of passes
    assert store.worst == Severity.ERROR.rank
    empty = FindingStore()
    assert not empty and list(empty) == [] and empty.worst == 0


def test_pool_reports_unreadable_files(engine: Engine, tmp_path: Path) -> None:
    """Input errors cross the pool's process boundary (they pickle with both arguments)."""
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, tmp_path / seed.name)
    for i in range(4):
        (tmp_path / f"binary-{i}.txt").write_bytes(b"\x00\x01")
    files = sorted(str(p) for p in tmp_path.glob("*.txt"))
    one = run(engine, files, jobs=1)
    pool = run(engine, files, jobs=2)
    assert [str(e) for e in pool.errors] == [str(e) for e in one.errors]
    assert len(pool.errors) == 4 and "binary file" in pool.errors[0].message
    assert _dump(pool) == _dump(one)
