"""Running a check over many files: one process or a pool, with the result cache.

Articles are streamed: each worker reads, parses, analyses and checks one file at a
time and sends back only its findings and the corpus rules' compact summaries. Results
are collected in input order, so the report is identical whatever ``jobs`` is. Each
worker builds its engine (and, on first use, its tokenizer) once.

One bad file never sinks a run: a file that cannot be read is an input error, and a
file that makes digest-lint itself fail is an internal error of that file; both are
reported with the file's name while every other file is still checked.
"""

from __future__ import annotations

import contextlib
import os
import signal
import traceback
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from digest_lint.config import Config
from digest_lint.engine.cache import DEFAULT_DIR, Cache
from digest_lint.engine.corpus import CorpusSpool
from digest_lint.engine.engine import Engine, Report
from digest_lint.engine.suppression import Directive
from digest_lint.io.sources import InputError, SourceText, read_source
from digest_lint.knowledge.packs import pack_files
from digest_lint.model.findings import Finding
from digest_lint.model.messages import Message, Said, said

#: What the run says about a file, in each language.
MESSAGES = {
    "empty": Message(ja="空のファイルなので確認しませんでした", en="empty file, nothing to check"),
}


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    summaries: dict[str, Any] = field(default_factory=dict)
    directives: list[Directive] = field(default_factory=list)
    note: Said | None = None
    error: InputError | None = None
    internal: str | None = None
    """A failure of digest-lint on this file (a bug), described in one line."""
    empty: bool = False


def internal_error(exc: BaseException) -> str:
    """One line for a failure of digest-lint on ``path``: what and where in the code."""
    frames = traceback.extract_tb(exc.__traceback__) if exc.__traceback__ else []
    at = f" ({os.path.basename(frames[-1].filename)}:{frames[-1].lineno})" if frames else ""
    return f"{type(exc).__name__}: {exc}{at}"


def check_source(engine: Engine, source: SourceText, cache: Cache | None) -> FileResult:
    """Check one decoded article (or take its result from the cache)."""
    result = FileResult(source.path, note=source.note)
    if not source.text.strip():
        result.empty = True
        return result
    try:
        key = cache.content_key(source.raw, source.path) if cache is not None else ""
        hit = cache.get(key, source.path) if cache is not None else None
        if hit is not None:
            findings, result.summaries, result.directives = hit
        else:
            analysed = engine.analyse_source(source)
            findings, result.summaries, result.directives = (
                analysed.findings,
                analysed.summary,
                analysed.directives,
            )
            if cache is not None:
                cache.put(key, findings, result.summaries, result.directives)
        result.findings = engine.settle(source.path, findings, result.directives)
    except Exception as exc:  # a bug of digest-lint on this file: report it, go on
        result = FileResult(source.path, internal=internal_error(exc))
    return result


def check_file(
    engine: Engine, path: str, cache: Cache | None, location: str | None = None
) -> FileResult:
    """Read, parse and check one file (or take its result from the cache).

    ``location`` is where to read it when that is not ``path`` (an absolute path or an
    fsspec URL, as a cluster worker reads it); findings name ``path``.
    """
    try:
        source = read_source(path, location)
    except InputError as exc:
        return FileResult(path, error=exc)
    return check_source(engine, source, cache)


# ------------------------------------------------------------------ the result cache
def open_cache(engine: Engine, cache_dir: str | None, no_cache: bool) -> Cache | None:
    """The result cache of this configuration (None when ``--no-cache``)."""
    if no_cache:
        return None
    key = Cache.settings_key(
        engine.config.model_dump_json() + engine.as_of.isoformat(),
        pack_files(engine.pack_dirs),
    )
    return Cache(cache_dir or DEFAULT_DIR, key)


# ------------------------------------------------------------------ worker side
_WORKER: dict[str, Any] = {}


def _die_with_parent() -> None:
    """Ask Linux to stop this worker when the parent process dies (even by SIGKILL)."""
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)


def _init_worker(config: Config, config_path: str | None, cache: Cache | None) -> None:
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what an interrupt does
    # Forked after the parent set its SIGTERM handler: a worker stopped by the parent
    # (terminate) must die, not raise in the middle of an article and carry on.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _WORKER["engine"] = Engine.build(config, config_path)
    _WORKER["cache"] = cache


def check_item(engine: Engine, item: str | SourceText, cache: Cache | None) -> FileResult:
    """A file by path, or an article already read (standard input)."""
    if isinstance(item, SourceText):
        return check_source(engine, item, cache)
    return check_file(engine, item, cache)


def _work(item: str | SourceText) -> FileResult:
    return check_item(_WORKER["engine"], item, _WORKER["cache"])


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _pool_results(
    engine: Engine, files: list[str | SourceText], jobs: int, cache: Cache | None
) -> Iterator[FileResult]:
    chunk = max(1, min(32, len(files) // (jobs * 8)))
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        initializer=_init_worker,
        initargs=(engine.config, engine.config_path, cache),
    )

    def on_term(signum: int, frame: object) -> None:
        # Stop the workers and leave at once: nothing has been written yet (reports are
        # written after the run), and unwinding through the pool would race its manager
        # thread over the futures of the dead workers (a traceback on the way out).
        for process in list(getattr(pool, "_processes", {}).values()):
            with contextlib.suppress(Exception):
                process.terminate()
        os._exit(128 + signal.SIGTERM)

    previous = signal.getsignal(signal.SIGTERM)
    with contextlib.suppress(ValueError):  # not the main thread: leave signals alone
        signal.signal(signal.SIGTERM, on_term)
    try:
        yield from pool.map(_work, files, chunksize=chunk)
    except BaseException:
        # Stop the workers now: a SIGTERM, an interrupt or an error must not leave them
        # running (or waiting for work) after the parent is gone.
        for process in list(getattr(pool, "_processes", {}).values()):
            with contextlib.suppress(Exception):
                process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    else:
        pool.shutdown()
    finally:
        with contextlib.suppress(ValueError, TypeError):
            signal.signal(signal.SIGTERM, previous)


def iter_results(
    engine: Engine, files: list[str | SourceText], jobs: int, cache: Cache | None
) -> Generator[FileResult, None, None]:
    """Per-file results in input order."""
    # A pool pays for itself only when there is enough to share out.
    if jobs <= 1 or len(files) < max(8, 4 * jobs):
        for item in files:
            yield check_item(engine, item, cache)
        return
    yield from _pool_results(engine, files, jobs, cache)


def run(
    engine: Engine,
    files: list[str | SourceText],
    jobs: int = 1,
    cache: Cache | None = None,
    index: Any = None,
    progress: Callable[[int], object] | None = None,
) -> Report:
    """Check every file, then run the corpus rules once over the summaries.

    ``index`` is a :class:`digest_lint.gate.index.CitationIndex` (or anything with
    ``view(paths)``) whose articles the corpus rules compare with too.
    """
    report = Report()
    spool = CorpusSpool(engine.corpus_keys, len(files))
    directives: dict[str, list[Directive]] = {}
    # closing(): an error (or an interrupt) while a result is being taken stops the
    # pool's workers at once, not when the generator is collected.
    try:
        with contextlib.closing(iter_results(engine, files, jobs, cache)) as results:
            for result in results:
                if progress is not None:
                    progress(1)
                collect(report, result, spool, directives)
        finish(engine, report, spool, directives, index)
    finally:
        spool.close()
    return report


def collect(
    report: Report,
    result: FileResult,
    spool: CorpusSpool | None,
    directives: dict[str, list[Directive]],
) -> None:
    """Add one file's result to the report (corpus summaries to ``spool``, directives
    aside)."""
    if result.error is not None:
        report.errors.append(result.error)
        return
    if result.internal is not None:
        report.internal.append((result.path, result.internal))
        return
    report.files += 1
    report.checked.append(result.path)
    if result.note:
        report.notes.append((result.path, result.note))
    if result.empty:
        report.notes.append((result.path, said(MESSAGES["empty"])))
        return
    report.findings.add(result.path, result.findings)
    if result.summaries and spool is not None:
        spool.add(result.path, result.summaries)
    if result.directives:
        directives[result.path] = result.directives


def finish(
    engine: Engine,
    report: Report,
    spool: CorpusSpool,
    directives: dict[str, list[Directive]],
    index: Any = None,
) -> None:
    """The corpus rules over every article's records, and the unused suppressions."""
    extras: dict[str, Any] = {}
    if index is not None:
        extras["index"] = index.view(report.checked)
    conclude(engine, report, engine.finish_groups(spool.groups(), extras), directives)


def conclude(
    engine: Engine,
    report: Report,
    corpus_findings: Iterable[Finding],
    directives: dict[str, list[Directive]],
) -> None:
    """Add the corpus rules' findings that suppressions leave, then the unused
    suppressions: the end of every run, wherever the corpus findings were computed."""
    for f in corpus_findings:
        if engine.settle(f.path, [f], directives.get(f.path, [])):
            report.findings.append(f)
    report.findings.extend(engine.unused_suppressions(directives))
