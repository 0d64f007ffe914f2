"""``check --dask``: the articles of an archive checked by Dask workers.

Partitions
    The run's files (local paths or fsspec URLs, as :func:`~digest_lint.io.sources.discover`
    lists them) are cut into contiguous partitions (:mod:`~digest_lint.cluster.plan`: at
    most 250 articles, about eight per worker). One task per partition reads each file where it is
    (:func:`~digest_lint.engine.runner.check_file`: the same read, decode, cache and check
    as ``--jobs``) and returns its :class:`~digest_lint.engine.runner.FileResult` list
    without the corpus summaries. At most a few partitions per worker are in flight, and
    the client takes their results in input order and lets them go, so neither the
    client nor a worker holds more than a window of partitions.

Corpus rules (DL106)
    Each partition also turns its articles' corpus summaries into ``(code, key, record)``
    (:meth:`~digest_lint.engine.engine.Engine.corpus_keys`) and hashes every record into
    one of G buckets by key (G grows with the archive: 10,000 articles a group), kept
    compressed on the worker. Group task g gathers bucket g of every
    partition, so it holds every record of its keys, orders each key's members as a
    single-machine run would (input order, then record order) and calls
    :meth:`~digest_lint.engine.engine.Engine.finish_group`: the same findings as one
    process's ``finish``, and only the findings come back. With ``--index`` the index is
    a file on the client, so the client judges each group in turn (one at a time).

Failures
    A worker lost mid-run is Dask's to handle: its running tasks are retried elsewhere
    and lost results (buckets included) are recomputed from the partition they came from,
    so the report is complete and the same.

Two ways out: :func:`check_on_cluster` returns a :class:`~digest_lint.engine.engine.Report`
(findings spooled to disk as usual, for every output format), and
:func:`audit_on_cluster` writes one JSONL file per partition plus ``summary.json``
(``--output-dir``), so the client never holds the archive's findings.
"""

from __future__ import annotations

import json
import math
import os
import uuid
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import fsspec
from distributed import Client, Future

from digest_lint.cluster.client import Settings, engines, worker_engine, workers_of
from digest_lint.cluster.plan import (
    WINDOW_PER_WORKER,
    Checked,
    Member,
    group_count,
    group_members,
    pack,
    partition_size,
)
from digest_lint.engine.cache import Cache
from digest_lint.engine.engine import Engine, Report
from digest_lint.engine.runner import FileResult, check_file, collect, conclude
from digest_lint.engine.store import FindingStore
from digest_lint.engine.suppression import Directive
from digest_lint.formatters import FormatContext
from digest_lint.formatters.json_format import iter_jsonl
from digest_lint.gate.index import CitationIndex, IndexView
from digest_lint.io.sources import InputError, is_url
from digest_lint.model.findings import Finding
from digest_lint.rules.base import CorpusRule


def locate(path: str) -> str:
    """Where a worker reads ``path``: a URL as it is, a local path made absolute."""
    return path if is_url(path) else os.path.abspath(path)


# ------------------------------------------------------------------ worker side
def check_partition(
    settings: Settings, first: int, items: list[tuple[str, str]], groups: int
) -> Checked:
    """Check ``items`` (``(path, location)``; the first is article ``first`` of the run)."""
    engine = worker_engine(settings)
    results = [check_file(engine, path, settings.cache, location) for path, location in items]
    return pack(engine, first, results, groups)


def results_of(checked: Checked) -> list[FileResult]:
    return checked.results


def bucket(checked: Checked, group: int) -> bytes:
    return checked.buckets[group]


def judge(
    engine: Engine,
    groups: Iterable[tuple[str, str, list[Member]]],
    extras: dict[str, Any] | None = None,
) -> Iterator[tuple[int, Finding]]:
    """The corpus findings of some groups, each with its article's index in the run."""
    for group in groups:
        order = {path: o for o, _, path, _ in group[2]}
        for f in engine.finish_groups([group], extras):
            yield order[f.path], f


def group_findings(settings: Settings, *buckets: bytes) -> list[tuple[int, Finding]]:
    """A group task: the corpus findings of every key of one group."""
    return list(judge(worker_engine(settings), group_members(*buckets)))


# ------------------------------------------------------------------ client side
def windowed(
    count: int, window: int, submit: Callable[[int], Future[Any]], done: Callable[[], None]
) -> Iterator[Any]:
    """The results of tasks ``0..count-1`` in order, at most ``window`` in flight;
    ``done`` runs once the last task has been submitted."""
    pending: deque[Future[Any]] = deque()
    submitted = 0

    def more() -> None:
        nonlocal submitted
        pending.append(submit(submitted))
        submitted += 1
        if submitted == count:
            done()

    while submitted < min(count, window):
        more()
    if count == 0:
        done()
    while pending:
        future = pending.popleft()
        result = future.result()
        future.release()
        if submitted < count:
            more()
        yield result


class ClusterCheck:
    """One run's tasks: partitions checked in order, then the corpus groups."""

    def __init__(
        self,
        client: Client,
        settings: Settings,
        engine: Engine,
        files: list[str],
        *,
        size: int | None = None,
        groups: int | None = None,
        judge_on_client: bool = False,
    ) -> None:
        self.client = client
        self.settings = settings
        self.engine = engine
        self.items = [(f, locate(f)) for f in files]
        self.workers = workers_of(client)
        self.size = size or partition_size(len(files), self.workers)
        self.count = math.ceil(len(files) / self.size)
        corpus = any(isinstance(a.rule, CorpusRule) for a in engine.rules)
        self.groups = (groups or group_count(len(files))) if corpus else 0
        self.judge_on_client = judge_on_client
        self.run = uuid.uuid4().hex[:12]
        self._buckets: list[list[Future[Any]]] = []
        self._groups: list[Future[Any]] = []

    def partitions(self) -> Iterator[list[FileResult]]:
        """Each partition's results, in input order."""
        return windowed(
            self.count, self.workers * WINDOW_PER_WORKER, self._submit, self._submit_groups
        )

    def _submit(self, p: int) -> Future[Any]:
        first = p * self.size
        checked = self.client.submit(
            check_partition,
            self.settings,
            first,
            self.items[first : first + self.size],
            self.groups,
            key=f"digest-lint-check-{self.run}-{p}",
        )
        self._buckets.append(
            [
                self.client.submit(bucket, checked, g, key=f"digest-lint-bucket-{self.run}-{p}-{g}")
                for g in range(self.groups)
            ]
        )
        return self.client.submit(results_of, checked, key=f"digest-lint-results-{self.run}-{p}")

    def _submit_groups(self) -> None:
        task = group_members if self.judge_on_client else group_findings
        for g in range(self.groups):
            args: list[Any] = [] if self.judge_on_client else [self.settings]
            args += [per_partition[g] for per_partition in self._buckets]
            self._groups.append(
                self.client.submit(task, *args, key=f"digest-lint-group-{self.run}-{g}")
            )
        self._buckets = []  # the group tasks hold them now

    def corpus_findings(self, index: IndexView | None = None) -> Iterator[tuple[int, Finding]]:
        """The corpus rules' findings (after :meth:`partitions`), with their article's
        index in the run. ``index`` (with ``judge_on_client``) is ``check --index``'s."""
        extras = {"index": index} if index is not None else {}
        while self._groups:
            future = self._groups.pop(0)
            result = future.result()
            future.release()
            if self.judge_on_client:
                yield from judge(self.engine, result, extras)
            else:
                yield from result


def check_on_cluster(
    client: Client,
    engine: Engine,
    files: list[str],
    *,
    cache: Cache | None = None,
    index: CitationIndex | None = None,
    progress: Callable[[int], object] | None = None,
    size: int | None = None,
    groups: int | None = None,
) -> Report:
    """:func:`digest_lint.engine.runner.run` on a cluster: the same report."""
    job = ClusterCheck(
        client,
        Settings.of(engine, cache),
        engine,
        files,
        size=size,
        groups=groups,
        judge_on_client=index is not None,
    )
    report = Report()
    directives: dict[str, list[Directive]] = {}
    with engines(client, job.settings):
        for results in job.partitions():
            for result in results:
                if progress is not None:
                    progress(1)
                collect(report, result, None, directives)  # summaries stay on the cluster
        view = index.view(report.checked) if index is not None else None
        conclude(engine, report, (f for _, f in job.corpus_findings(view)), directives)
    return report


# ------------------------------------------------------------------ --output-dir
SUMMARY = "summary.json"


def part_name(p: int) -> str:
    return f"part-{p:05d}.jsonl"


@dataclass
class Audit:
    """What ``--output-dir`` keeps on the client: counts, not findings."""

    articles: int = 0
    files: int = 0
    findings: int = 0
    worst: int = 0
    severities: Counter[str] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)
    partitions: list[dict[str, Any]] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    internal: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def count(self, p: int, findings: Iterable[Finding]) -> None:
        for f in findings:
            self.findings += 1
            self.partitions[p]["findings"] += 1
            self.severities[f.severity.value] += 1
            self.codes[f.code] += 1
            self.worst = max(self.worst, f.severity.rank)

    def as_json(self, status: int) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "files": self.files,
            "findings": self.findings,
            "severities": dict(sorted(self.severities.items())),
            "codes": dict(sorted(self.codes.items())),
            "exit_status": status,
            "partitions": self.partitions,
            "errors": [{"path": e.path, "message": e.message} for e in self.errors],
            "internal": [{"path": p, "error": w} for p, w in self.internal],
            "notes": self.notes,
        }


def _jsonl(findings: Iterable[Finding]) -> Iterator[str]:
    return iter_jsonl(findings, FormatContext())


def _sort_key(line: str) -> tuple[str, int, int, str]:
    r = json.loads(line)
    return (r["path"], r["line"], r["column"], r["code"])


class OutputDir:
    """The partitioned JSONL files of a run, on any fsspec filesystem."""

    def __init__(self, url: str) -> None:
        self.fs, self.root = fsspec.core.url_to_fs(url)
        self.fs.makedirs(self.root, exist_ok=True)
        for old in self.fs.glob(f"{self.root.rstrip('/')}/part-*.jsonl"):
            self.fs.rm_file(old)
        summary = self._path(SUMMARY)
        if self.fs.exists(summary):
            self.fs.rm_file(summary)

    def _path(self, name: str) -> str:
        return f"{self.root.rstrip('/')}/{name}"

    def write(self, name: str, chunks: Iterable[str]) -> None:
        with self.fs.open(self._path(name), "w", encoding="utf-8") as fh:
            for chunk in chunks:
                fh.write(chunk)

    def merge(self, name: str, findings: list[Finding]) -> None:
        """Add ``findings`` to a written part, keeping it in report order."""
        with self.fs.open(self._path(name), "r", encoding="utf-8") as fh:
            lines = fh.readlines()
        lines += list(_jsonl(findings))
        lines.sort(key=_sort_key)  # stable: the order of a run's report
        self.write(name, lines)


def audit_on_cluster(
    client: Client,
    engine: Engine,
    files: list[str],
    output_dir: str,
    *,
    cache: Cache | None = None,
    index: CitationIndex | None = None,
    progress: Callable[[int], object] | None = None,
    size: int | None = None,
    groups: int | None = None,
) -> tuple[Audit, OutputDir]:
    """Check on the cluster and write one JSONL file per partition (every finding of its
    articles, in report order) to ``output_dir``; the caller writes the summary."""
    out = OutputDir(output_dir)
    job = ClusterCheck(
        client,
        Settings.of(engine, cache),
        engine,
        files,
        size=size,
        groups=groups,
        judge_on_client=index is not None,
    )
    with engines(client, job.settings):
        audit = _audit(job, engine, out, index, progress)
    return audit, out


def _audit(
    job: ClusterCheck,
    engine: Engine,
    out: OutputDir,
    index: CitationIndex | None,
    progress: Callable[[int], object] | None,
) -> Audit:
    audit = Audit(articles=len(job.items))
    directives: dict[int, dict[str, list[Directive]]] = {}
    failed: set[str] = set()
    for p, results in enumerate(job.partitions()):
        audit.partitions.append({"file": part_name(p), "articles": len(results), "findings": 0})
        findings: list[Finding] = []
        for result in results:
            if progress is not None:
                progress(1)
            if result.error is not None:
                audit.errors.append(result.error)
                failed.add(result.path)
                continue
            if result.internal is not None:
                audit.internal.append((result.path, result.internal))
                failed.add(result.path)
                continue
            audit.files += 1
            if result.note:
                audit.notes.append(f"{result.path}: {result.note}")
            if result.empty:
                audit.notes.append(f"{result.path}: empty file, nothing to check")
                continue
            findings.extend(result.findings)
            if result.directives:
                directives.setdefault(p, {})[result.path] = result.directives
        findings.sort(key=lambda f: f.sort_key)
        out.write(part_name(p), _jsonl(findings))
        audit.count(p, findings)
    view = None
    if index is not None:
        view = index.view(f for f, _ in job.items if f not in failed)
    corpus = FindingStore()  # spooled to disk by partition until each part is completed
    for order, f in job.corpus_findings(view):
        corpus.add(part_name(order // job.size), [f])
    touched = {part_name(p) for p in directives} | set(corpus.paths())
    for p in range(job.count):
        name = part_name(p)
        if name not in touched:
            continue
        dirs = directives.get(p, {})
        extra = [f for f in corpus.of(name) if engine.settle(f.path, [f], dirs.get(f.path, []))]
        extra += engine.unused_suppressions(dirs)
        if extra:
            out.merge(name, extra)
            audit.count(p, extra)
    corpus.close()
    return audit


def write_summary(out: OutputDir, audit: Audit, status: int) -> None:
    """``summary.json``, written last: its presence means the run completed."""
    text = json.dumps(audit.as_json(status), ensure_ascii=False, indent=2) + "\n"
    out.write(SUMMARY, [text])
