"""Running a check over many files: one process or a pool, with the result cache.

Articles are streamed: each worker reads, parses, analyses and checks one file at a
time and sends back only its findings and the corpus rules' compact summaries. Results
are collected in input order, so the report is identical whatever ``jobs`` is. Each
worker builds its engine (and, on first use, its tokenizer) once.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from digest_lint import suppression
from digest_lint.cache import Cache
from digest_lint.config import Config
from digest_lint.engine import Engine, Report
from digest_lint.findings import Finding
from digest_lint.sources import InputError, read_source
from digest_lint.suppression import Directive


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    summaries: dict[str, Any] = field(default_factory=dict)
    directives: list[Directive] = field(default_factory=list)
    note: str | None = None
    error: InputError | None = None
    empty: bool = False


def check_file(engine: Engine, path: str, cache: Cache | None) -> FileResult:
    """Read, parse and check one file (or take its result from the cache)."""
    try:
        source = read_source(path)
    except InputError as exc:
        return FileResult(path, error=exc)
    result = FileResult(source.path, note=source.note)
    if not source.text.strip():
        result.empty = True
        return result
    key = cache.content_key(source.raw, source.path) if cache is not None else ""
    if cache is not None:
        hit = cache.get(key, source.path)
        if hit is not None:
            result.findings, result.summaries, result.directives = hit
            return result
    checked = engine.check_source(source)
    result.findings, result.summaries, result.directives = (
        checked.findings,
        checked.summary,
        checked.directives,
    )
    if cache is not None:
        cache.put(key, result.findings, result.summaries, result.directives)
    return result


# ------------------------------------------------------------------ worker side
_WORKER: dict[str, Any] = {}


def _init_worker(config: Config, config_path: str | None, cache_dir: str | None, key: str) -> None:
    _WORKER["engine"] = Engine.build(config, config_path)
    _WORKER["cache"] = Cache(cache_dir, key) if cache_dir else None


def _work(path: str) -> FileResult:
    return check_file(_WORKER["engine"], path, _WORKER["cache"])


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def iter_results(
    engine: Engine,
    files: list[str],
    jobs: int,
    cache: Cache | None,
    cache_dir: str | None = None,
    settings_key: str = "",
) -> Iterator[FileResult]:
    """Per-file results in input order."""
    # A pool pays for itself only when there is enough to share out.
    if jobs <= 1 or len(files) < max(8, 4 * jobs):
        for path in files:
            yield check_file(engine, path, cache)
        return
    chunk = max(1, min(32, len(files) // (jobs * 8)))
    with ProcessPoolExecutor(
        max_workers=jobs,
        initializer=_init_worker,
        initargs=(engine.config, engine.config_path, cache_dir, settings_key),
    ) as pool:
        yield from pool.map(_work, files, chunksize=chunk)


def run(
    engine: Engine,
    files: list[str],
    jobs: int = 1,
    cache: Cache | None = None,
    cache_dir: str | None = None,
    settings_key: str = "",
    index: Any = None,
) -> Report:
    """Check every file, then run the corpus rules once over the summaries.

    ``index`` is a :class:`digest_lint.index.CitationIndex` (or anything with
    ``view(paths)``) whose articles the corpus rules compare with too.
    """
    report = Report()
    summaries: list[tuple[str, dict[str, Any]]] = []
    directives: dict[str, list[Directive]] = {}
    for result in iter_results(engine, files, jobs, cache, cache_dir, settings_key):
        if result.error is not None:
            report.errors.append(result.error)
            continue
        report.files += 1
        report.checked.append(result.path)
        if result.note:
            report.notes.append(f"{result.path}: {result.note}")
        if result.empty:
            report.notes.append(f"{result.path}: empty file, nothing to check")
            continue
        report.findings.add(result.path, result.findings)
        if result.summaries:
            summaries.append((result.path, result.summaries))
        if result.directives:
            directives[result.path] = result.directives
    extras: dict[str, Any] = {}
    if index is not None:
        extras["index"] = index.view(report.checked)
    for f in engine.finish(summaries, extras):
        if suppression.apply([f], directives.get(f.path, [])):
            report.findings.append(f)
    report.findings.extend(engine.unused_suppressions(directives))
    return report
