"""``check --dask`` and ``index build --dask``: the same results as one process.

The cluster tests run a real ``LocalCluster`` (two worker processes, one thread each) and
are marked ``slow`` (``.ci/run`` runs them with ``-m slow``); the group-by, discovery of
fsspec URLs and the usage errors are tested without a cluster.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

pytest.importorskip("distributed")
fsspec = pytest.importorskip("fsspec")

from distributed import Client, LocalCluster  # noqa: E402

from digest_lint.cli import main  # noqa: E402
from digest_lint.cluster.check import check_on_cluster, group_findings  # noqa: E402
from digest_lint.cluster.client import Settings, parse_spec  # noqa: E402
from digest_lint.cluster.plan import bucket_of, pack  # noqa: E402
from digest_lint.config import Config  # noqa: E402
from digest_lint.engine.engine import Engine, Report  # noqa: E402
from digest_lint.engine.runner import check_file, run  # noqa: E402
from digest_lint.io.sources import discover  # noqa: E402
from tests.conftest import AS_OF, ROOT, SEEDS  # noqa: E402

FIXTURES = ROOT / "fixtures"
AS_OF_FLAG = ["--as-of", AS_OF.isoformat()]
#: ``shared/`` beside the clone (CI) or beside the worktrees' parent directory.
MAKE_CORPUS = next(
    (
        d / "tools" / "make_corpus.py"
        for d in (ROOT.parent / "shared", ROOT.parent.parent / "shared")
        if (d / "tools" / "make_corpus.py").exists()
    ),
    None,
)
URL = re.compile(r"https?://[^\s　]+")


def articles() -> list[str]:
    """Seeds and every fixture set: 22 articles, text and Markdown, with DL106 pairs."""
    return [
        str(p)
        for d in ("seeds", "clean", "qa")
        for p in sorted((FIXTURES / d).iterdir())
        if p.suffix in (".txt", ".md")
    ]


def dump(report: Report) -> list[dict[str, Any]]:
    return [f.model_dump(mode="json") for f in report.findings]


def same_report(one: Report, other: Report) -> None:
    assert dump(other) == dump(one)
    assert other.checked == one.checked
    assert other.files == one.files
    assert [str(e) for e in other.errors] == [str(e) for e in one.errors]
    assert other.internal == one.internal
    assert other.notes == one.notes


def crossing_pairs(report: Report, files: list[str], size: int) -> int:
    """DL106 findings whose other article is in another partition of ``size``."""
    part = {f: i // size for i, f in enumerate(files)}
    n = 0
    for f in report.findings:
        if f.code == "DL106":
            others = [p for p in part if p != f.path and p in f.message]
            n += any(part[p] != part[f.path] for p in others)
    return n


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.build(Config(as_of=AS_OF))


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=40,
        ) as cluster,
        Client(cluster) as c,
    ):
        yield c


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """2,000 generated articles (``make_corpus.py --distinct``; about 1% reuse a URL of
    an earlier article, so DL106 pairs cross partitions)."""
    if MAKE_CORPUS is None:
        pytest.skip("shared/tools/make_corpus.py is not beside the clone")
    out = tmp_path_factory.mktemp("corpus")
    subprocess.run(
        [sys.executable, str(MAKE_CORPUS), "2000", str(out), "--distinct"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return sorted(str(p) for p in out.glob("*.txt"))


def small_corpus(out: Path, n: int, reuse: float = 0.2, seed: int = 3) -> list[str]:
    """``n`` articles from the seeds, each citing its own URLs, a fraction ``reuse``
    keeping a URL of an earlier article (a generator of our own: no shared/ needed)."""
    rnd = random.Random(seed)
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    out.mkdir(parents=True, exist_ok=True)
    earlier: list[str] = []
    files = []
    for i in range(n):
        urls: list[str] = []

        def own(m: re.Match[str], i: int = i, urls: list[str] = urls) -> str:
            urls.append(f"{m.group(0).rstrip('/')}-{i:05d}")
            return urls[-1]

        body = URL.sub(own, seeds[i % len(seeds)])
        if earlier and urls and rnd.random() < reuse:
            body = body.replace(urls[0], rnd.choice(earlier), 1)
        earlier.extend(urls[:1])
        path = out / f"a-{i:05d}.txt"
        path.write_text(body, encoding="utf-8")
        files.append(str(path))
    return files


# ---------------------------------------------------------------- without a cluster
def test_group_by_key_equals_one_process_finish(engine: Engine, tmp_path: Path) -> None:
    """The cluster's group-by run in this process: partitions of any size, any number of
    groups, buckets gathered in any order: the corpus findings of one process's finish."""
    files = small_corpus(tmp_path, 30, reuse=0.4)
    results = [check_file(engine, f, None) for f in files]
    expected = sorted(
        (
            f.model_dump(mode="json")
            for f in engine.finish([(r.path, r.summaries) for r in results])
        ),
        key=json.dumps,
    )
    assert len([e for e in expected if e["code"] == "DL106"]) >= 10
    settings = Settings.of(engine)
    for size, groups in ((1, 1), (7, 3), (30, 5), (4, 16)):
        parts = [
            pack(engine, first, results[first : first + size], groups)
            for first in range(0, len(results), size)
        ]
        found = []
        for g in range(groups):
            buckets = [p.buckets[g] for p in parts]
            random.Random(g).shuffle(buckets)
            found += [f.model_dump(mode="json") for _, f in group_findings(settings, *buckets)]
        assert sorted(found, key=json.dumps) == expected, (size, groups)
        assert all(not r.summaries for p in parts for r in p.results)
    assert all(r.summaries for r in results)  # packing copies, never empties, the results


def test_buckets_are_stable_across_processes() -> None:
    script = "from digest_lint.cluster.plan import bucket_of; print(bucket_of('x.jp/a', 7))"
    outs = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        ).stdout
        for seed in (1, 2)
    }
    assert outs == {f"{bucket_of('x.jp/a', 7)}\n"}


def test_fsspec_directory_lists_like_a_local_directory(tmp_path: Path) -> None:
    fs = fsspec.filesystem("memory")
    tree = ["b.txt", "a/z.txt", "a/y/x.md", "c.md", "a/.hidden/h.txt", "d.json", "a0.txt"]
    for rel in tree:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
        fs.pipe_file(f"/listing/{rel}", b"x")
    include, exclude = ["*.txt", "*.md"], ["c.md"]
    local, _ = discover([str(tmp_path)], include, exclude)
    remote, errors = discover(["memory://listing"], include, exclude, urls=True)
    assert not errors
    assert [os.path.relpath(p, tmp_path) for p in local] == [
        p.removeprefix("memory://listing/") for p in remote
    ]
    globbed, _ = discover(["memory://listing/**/*.txt"], include, [], urls=True)
    assert [p.removeprefix("memory:///listing/") for p in globbed] == ["a0.txt", "b.txt", "a/z.txt"]
    _, missing = discover(["memory://nowhere", "memory://listing/*.rst"], include, [], urls=True)
    assert [e.message for e in missing] == ["no such file or directory", "no files match"]


def test_urls_need_dask() -> None:
    result = invoke("check", "--isolated", "--lang", "en", "memory://archive")
    assert result.exit_code == 2
    assert "only `digest-lint check --dask` reads fsspec URLs" in result.stderr
    result = invoke("check", "--isolated", "--lang", "ja", "memory://archive")
    assert "`digest-lint check --dask` だけです" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--dask", "local:2", "--fix"], "--fix cannot run on a cluster (--dask)"),
        (["--dask", "local:2", "--diff"], "--diff cannot run on a cluster (--dask)"),
        (["--output-dir", "out"], "--output-dir writes the findings of a cluster run"),
        (["--dask", "local:0"], "local:N needs a number of workers N ≥ 1"),
        (["--dask", "local:x"], "local:N needs a number of workers N ≥ 1"),
        (["--dask", "local", "--output-dir", "o", "--format", "sarif"], "--format sarif"),
        (["--dask", "local", "--output-dir", "o", "-o", "r.json"], "-o/--output"),
    ],
)
def test_usage_errors(args: list[str], message: str) -> None:
    result = invoke("check", "--isolated", *args, str(SEEDS))
    assert result.exit_code == 2
    assert message in result.stderr


def test_dask_reads_no_stdin() -> None:
    result = CliRunner().invoke(main, ["check", "--isolated", "--dask", "local:1", "-"], input="x")
    assert result.exit_code == 2
    assert "not standard input" in result.stderr


def test_parse_spec() -> None:
    assert parse_spec("local") == (None, None)
    assert parse_spec("local:3") == (None, 3)
    assert parse_spec("tcp://10.0.0.5:8786") == ("tcp://10.0.0.5:8786", None)


# ---------------------------------------------------------------- on a LocalCluster
@pytest.mark.slow
def test_parity_on_seeds_and_fixtures(client: Client, engine: Engine) -> None:
    files = articles()
    one = run(engine, files, jobs=1)
    for size, groups in ((2, 3), (None, None)):
        cluster = check_on_cluster(client, engine, files, size=size, groups=groups)
        same_report(one, cluster)
    assert any(f.code == "DL106" for f in one.findings)
    assert crossing_pairs(one, files, 2) > 0
    empty = check_on_cluster(client, engine, [])
    assert (dump(empty), empty.files, empty.checked) == ([], 0, [])
    # Each run registers its engine plugin and takes it away after.
    plugins = client.run_on_scheduler(lambda dask_scheduler: list(dask_scheduler.worker_plugins))
    assert not [name for name in plugins if name.startswith("digest-lint")]


@pytest.mark.slow
def test_parity_on_generated_corpus(client: Client, engine: Engine, corpus: list[str]) -> None:
    one = run(engine, corpus, jobs=1)
    cluster = check_on_cluster(client, engine, corpus, groups=4)
    same_report(one, cluster)
    size = 2000 // 16  # the default partition of 2,000 articles on two workers
    assert crossing_pairs(one, corpus, size) >= 5


@pytest.mark.slow
def test_cli_parity_through_a_scheduler_address(client: Client) -> None:
    paths = [str(FIXTURES / d) for d in ("seeds", "clean", "qa")]
    for fmt in ("text", "json", "sarif"):
        local = invoke("check", "--isolated", *AS_OF_FLAG, "--jobs", "1", "--format", fmt, *paths)
        on_cluster = invoke(
            "check", "--isolated", *AS_OF_FLAG, "--dask", client.scheduler.address,
            "--format", fmt, *paths,
        )  # fmt: skip
        assert local.exit_code == on_cluster.exit_code == 1
        assert on_cluster.stdout == local.stdout
        assert on_cluster.stderr == local.stderr


@pytest.mark.slow
def test_cli_local_cluster_and_an_unreadable_file(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(SEEDS, archive, ignore=shutil.ignore_patterns("*.json"))
    (archive / "binary.txt").write_bytes(b"\x00\x01")
    local = invoke("check", "--isolated", *AS_OF_FLAG, "--jobs", "1", str(archive))
    on_cluster = invoke("check", "--isolated", *AS_OF_FLAG, "--dask", "local:2", str(archive))
    assert local.exit_code == on_cluster.exit_code == 2
    assert on_cluster.stdout == local.stdout
    assert on_cluster.stderr == local.stderr  # the error crossed the cluster in its language
    assert "binary.txt: テキストではないファイル" in on_cluster.stderr


def suppression_archive(root: Path) -> Path:
    """Two Markdown copies of seed 001 (so DL106 both ways): a.md disables DL106, b.md
    has a directive that suppresses nothing (DL001); c.txt is ignored by config."""
    archive = root / "archive"
    archive.mkdir()
    seed = next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8")
    (archive / "a.md").write_text("<!-- digest-lint-disable DL106 -->\n" + seed, "utf-8")
    (archive / "b.md").write_text("<!-- digest-lint-disable-next-line DL405 -->\n" + seed, "utf-8")
    (archive / "c.txt").write_text(seed, "utf-8")
    (root / "digest-lint.toml").write_text(
        '[per-file-ignores]\n"archive/c.txt" = ["DL106"]\n', encoding="utf-8"
    )
    return archive


@pytest.mark.slow
def test_suppressions_and_per_file_ignores_on_workers_elsewhere(
    client: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Relative paths from another working directory than the workers': the same
    suppressions, unused suppressions and per-file ignores."""
    suppression_archive(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert str(tmp_path) not in client.run(os.getcwd).values()
    local = invoke("check", *AS_OF_FLAG, "--jobs", "1", "--format", "json", "archive")
    on_cluster = invoke(
        "check", *AS_OF_FLAG, "--dask", client.scheduler.address, "--format", "json", "archive"
    )
    assert on_cluster.stdout == local.stdout
    found = json.loads(local.stdout)
    by_file = {p: {f["code"] for f in found if f["path"] == p} for p in {f["path"] for f in found}}
    assert "DL106" in by_file["archive/b.md"]
    assert "DL106" not in by_file["archive/a.md"] | by_file["archive/c.txt"]
    assert "DL001" in by_file["archive/b.md"]
    assert "DL001" not in by_file["archive/a.md"]  # its DL106 directive was used


@pytest.mark.slow
def test_memory_filesystem(client: Client, engine: Engine) -> None:
    """Articles on ``memory://`` (each process has its own: the test writes them on the
    client and on every worker); findings name the URLs."""
    files = articles()
    contents = {
        f"/archive/{Path(f).parent.name}/{Path(f).name}": Path(f).read_bytes() for f in files
    }

    def put(contents: dict[str, bytes]) -> None:
        memory = fsspec.filesystem("memory")
        for name, data in contents.items():
            memory.pipe_file(name, data)

    put(contents)
    client.run(put, contents)
    urls, errors = discover(
        ["memory://archive/seeds", "memory://archive/clean", "memory://archive/qa"],
        ["*.txt", "*.md"],
        [],
        urls=True,
    )
    assert not errors and len(urls) == len(files)
    cluster = check_on_cluster(client, engine, urls, size=3, groups=2)
    one = run(engine, files, jobs=1)
    rename = {u: f for u, f in zip(urls, files, strict=True)}

    def local_names(report: Report) -> list[dict[str, Any]]:
        out = []
        for f in dump(report):
            f["path"] = rename[f["path"]]
            for u, p in rename.items():
                f["message"] = f["message"].replace(u, p)
            out.append(f)
        return sorted(out, key=lambda r: (r["path"], r["line"], r["column"], r["code"]))

    assert local_names(cluster) == dump(one)
    assert cluster.checked == urls
    flags = ["check", "--isolated", *AS_OF_FLAG, "--format", "json"]
    globbed = invoke(*flags, "--dask", client.scheduler.address, "memory://archive/qa/*.txt")
    local = invoke(*flags, "--jobs", "1", *sorted(str(p) for p in (FIXTURES / "qa").glob("*.txt")))
    assert globbed.exit_code == local.exit_code == 1, globbed.output

    def names(result: Result) -> list[tuple[str, int, int, str]]:
        return [
            (Path(f["path"]).name, f["line"], f["column"], f["code"])
            for f in json.loads(result.stdout)
        ]

    assert names(globbed) == names(local)
    assert all(f["path"].startswith("memory://") for f in json.loads(globbed.stdout))


@pytest.mark.slow
def test_output_dir(client: Client, tmp_path: Path) -> None:
    """One sorted JSONL file per partition, every finding of the report, and a summary."""
    archive = suppression_archive(tmp_path)
    paths = [str(archive), *(str(FIXTURES / d) for d in ("seeds", "clean", "qa"))]
    out = tmp_path / "out"
    out.mkdir()
    (out / "part-99999.jsonl").write_text("stale\n", encoding="utf-8")
    (out / "notes.txt").write_text("kept\n", encoding="utf-8")
    config = ["--config", str(tmp_path / "digest-lint.toml")]
    local = invoke("check", *config, *AS_OF_FLAG, "--jobs", "1", "--format", "jsonl", *paths)
    result = invoke(
        "check", *config, *AS_OF_FLAG, "--dask", client.scheduler.address,
        "--output-dir", str(out), *paths,
    )  # fmt: skip
    assert result.exit_code == local.exit_code == 1, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    parts = sorted(out.glob("part-*.jsonl"))
    assert [p.name for p in parts] == [e["file"] for e in summary["partitions"]]
    assert len(parts) > 1 and (out / "notes.txt").exists()
    lines: list[str] = []
    for part, entry in zip(parts, summary["partitions"], strict=True):
        mine = part.read_text(encoding="utf-8").splitlines()
        keys = [(r["path"], r["line"], r["column"], r["code"]) for r in map(json.loads, mine)]
        assert keys == sorted(keys)
        assert len(mine) == entry["findings"]
        lines += mine
    expected = local.stdout.splitlines()
    assert sorted(lines) == sorted(expected)
    assert summary["findings"] == len(expected)
    assert (
        summary["articles"] == summary["files"] == sum(e["articles"] for e in summary["partitions"])
    )
    assert summary["exit_status"] == 1
    assert summary["codes"]["DL106"] == sum('"DL106"' in line for line in expected)
    assert any('"DL001"' in line for line in lines)
    assert f"{len(expected)} findings in {summary['files']} files" in result.stdout


@pytest.mark.slow
def test_index_build_on_the_cluster(client: Client, tmp_path: Path) -> None:
    archives = [str(FIXTURES / d) for d in ("seeds", "qa")]
    local, cluster = tmp_path / "local.db", tmp_path / "cluster.db"
    assert invoke("index", "build", *archives, "--db", str(local), "--isolated").exit_code == 0
    result = invoke(
        "index", "build", *archives, "--db", str(cluster), "--isolated",
        "--dask", client.scheduler.address,
    )  # fmt: skip
    assert result.exit_code == 0, result.output

    def rows(db: Path) -> list[list[tuple[Any, ...]]]:
        conn = sqlite3.connect(db)
        try:
            return [
                list(conn.execute(q))
                for q in (
                    "SELECT * FROM articles ORDER BY path",
                    "SELECT * FROM citations ORDER BY path, line, url_key",
                    "SELECT * FROM meta ORDER BY key",
                )
            ]
        finally:
            conn.close()

    assert rows(cluster) == rows(local)
    assert len(rows(local)[1]) > 10


@pytest.mark.slow
def test_check_index_on_the_cluster(client: Client, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert invoke("index", "build", str(SEEDS), "--db", str(db), "--isolated").exit_code == 0
    paths = [str(FIXTURES / "qa"), str(next(SEEDS.glob("004_*.txt")))]
    flags = ["check", "--isolated", *AS_OF_FLAG, "--index", str(db), "--format", "json"]
    local = invoke(*flags, "--jobs", "1", *paths)
    on_cluster = invoke(*flags, "--dask", client.scheduler.address, *paths)
    assert on_cluster.stdout == local.stdout
    assert any(f["code"] == "DL106" for f in json.loads(local.stdout))


@pytest.mark.slow
def test_killed_worker(client: Client, engine: Engine, tmp_path: Path) -> None:
    """A worker process killed mid-run (SIGKILL, while it holds results and corpus
    buckets): Dask retries and recomputes; the report is complete and identical."""
    files = small_corpus(tmp_path / "kill", 160)
    one = run(engine, files, jobs=1)
    before = set(client.scheduler_info()["workers"])
    killed: list[tuple[str, int]] = []
    seen = 0

    def progress(n: int) -> None:
        nonlocal seen
        seen += n
        if seen == 40 and not killed:
            held = client.has_what()
            victim = max(held, key=lambda a: len(held[a]))
            assert held[victim], "the victim holds results"
            killed.append((victim, seen))
            pid = client.run(os.getpid, workers=[victim])[victim]
            os.kill(pid, signal.SIGKILL)

    cluster = check_on_cluster(client, engine, files, size=5, groups=3, progress=progress)
    assert killed and killed[0][1] < len(files)
    same_report(one, cluster)
    assert crossing_pairs(one, files, 5) > 5
    client.wait_for_workers(2, timeout=60)
    after = set(client.scheduler_info()["workers"])
    assert killed[0][0] in before and killed[0][0] not in after
