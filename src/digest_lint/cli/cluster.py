"""``check --dask`` and ``check --dask --output-dir``: the command line of cluster runs.

The same check as ``check --jobs``: the same config, discovery (plus fsspec URLs), report
and exit status; only where the articles are checked differs (:mod:`digest_lint.cluster`).
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, NoReturn

import click

from digest_lint.cli._shared import BUG_REPORT, err, fail, progress_bar
from digest_lint.model.findings import ExitStatus

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from distributed import Client

    from digest_lint.cli.check import CheckFlags
    from digest_lint.engine.cache import Cache
    from digest_lint.engine.engine import Engine
    from digest_lint.gate.index import CitationIndex, IndexEntry
    from digest_lint.io.sources import InputError

NEEDS_EXTRA = "--dask needs Dask and fsspec: pip install 'digest-lint[dask]'"
#: ``--format`` values that ``--output-dir`` can honour (it always writes JSONL).
OUTPUT_DIR_FORMATS = ("text", "jsonl")


def _usage(message: str) -> NoReturn:
    fail(message, ExitStatus.ERROR)


def _check_usage(paths: tuple[str, ...], opts: CheckFlags) -> None:
    if opts.dask is None:
        _usage("--output-dir writes the findings of a cluster run: give --dask too")
    if opts.fix or opts.diff:
        flag = "--fix" if opts.fix else "--diff"
        _usage(f"{flag} cannot run on a cluster (--dask): fix the files without --dask")
    if "-" in paths or opts.stdin_filename is not None:
        _usage("--dask checks files and URLs, not standard input (-)")
    if opts.output_dir is not None:
        clash = [
            flag
            for flag, given in (
                ("-o/--output", opts.output),
                ("--baseline", opts.baseline_file),
                ("--write-baseline", opts.write_baseline_file),
                ("--statistics", opts.statistics),
            )
            if given
        ]
        if opts.fmt not in OUTPUT_DIR_FORMATS:
            clash.append(f"--format {opts.fmt}")
        if clash:
            _usage(f"--output-dir writes partitioned JSONL; it does not go with {', '.join(clash)}")


def run_check_on_cluster(paths: tuple[str, ...], opts: CheckFlags) -> int:
    """``check`` with ``--dask`` (and maybe ``--output-dir``): the exit status."""
    _check_usage(paths, opts)
    assert opts.dask is not None
    try:
        from digest_lint.cluster.client import ClusterError, connect, parse_spec
    except ImportError:
        _usage(NEEDS_EXTRA)
    try:
        parse_spec(opts.dask)
    except ValueError as exc:
        _usage(str(exc))

    from distributed.client import FutureCancelledError
    from distributed.scheduler import KilledWorker

    from digest_lint.cli.check import _report
    from digest_lint.engine.engine import Engine, Report
    from digest_lint.engine.runner import default_jobs, open_cache
    from digest_lint.gate.baseline import Baseline
    from digest_lint.gate.index import CitationIndex
    from digest_lint.io.sources import discover

    config, config_path = opts.config(paths)
    engine = Engine.build(config, config_path)
    baseline = Baseline.load(opts.baseline_file) if opts.baseline_file else None
    files, errors = discover(list(paths), config.include, config.exclude, urls=True)
    cache = open_cache(engine, opts.cache_dir, opts.no_cache)
    index = CitationIndex.open(opts.index_file) if opts.index_file else None
    advance, close = progress_bar(len(files), "checking", enabled=not opts.quiet)
    try:
        with connect(opts.dask, opts.jobs or default_jobs()) as client:
            if opts.output_dir is not None:
                return _audit(client, engine, files, errors, cache, index, advance, opts)
            from digest_lint.cluster.check import check_on_cluster

            report: Report = check_on_cluster(
                client, engine, files, cache=cache, index=index, progress=advance
            )
    except ClusterError as exc:
        _usage(str(exc))
    except (KilledWorker, FutureCancelledError) as exc:
        fail(f"the cluster lost the run: {type(exc).__name__}: {exc}", ExitStatus.ERROR)
    finally:
        close()
        if index is not None:
            index.close()
    report.errors[:0] = errors
    return _report(engine, report, baseline, opts)


def _audit(
    client: Client,
    engine: Engine,
    files: list[str],
    errors: list[InputError],
    cache: Cache | None,
    index: CitationIndex | None,
    advance: Callable[[int], object],
    opts: CheckFlags,
) -> int:
    """``--output-dir``: partitioned JSONL and ``summary.json``; a one-line summary."""
    from digest_lint.cli.check import _status
    from digest_lint.cluster.check import audit_on_cluster, write_summary
    from digest_lint.engine.engine import Report

    assert opts.output_dir is not None
    audit, out = audit_on_cluster(
        client, engine, files, opts.output_dir, cache=cache, index=index, progress=advance
    )
    audit.errors[:0] = errors
    for note in audit.notes:
        err(note)
    for error in audit.errors:
        err(str(error))
    for path, what in audit.internal:
        err(
            f"{path}: internal error, file not checked: {what}. This is a bug in "
            f"digest-lint; please report it with the file at {BUG_REPORT}"
        )
    outcome = Report(errors=audit.errors, internal=audit.internal, files=audit.files)
    status = _status(audit.worst, engine, outcome, opts)
    write_summary(out, audit, status)
    if not opts.quiet:
        plural = "s" if audit.findings != 1 else ""
        click.echo(
            f"{audit.findings} finding{plural} in {audit.files} files; "
            f"{len(audit.partitions)} partitions written to {opts.output_dir}"
        )
    return int(status)


def cluster_entries(
    stack: contextlib.ExitStack, spec: str, engine: Engine, files: list[str]
) -> Iterator[IndexEntry]:
    """``index build --dask``: the entries read on the cluster (connected for ``stack``)."""
    try:
        from digest_lint.cluster.client import ClusterError, connect, parse_spec
        from digest_lint.cluster.index import entries_on_cluster
        from digest_lint.engine.runner import default_jobs
    except ImportError:
        _usage(NEEDS_EXTRA)
    try:
        parse_spec(spec)
        client = stack.enter_context(connect(spec, default_jobs()))
    except (ValueError, ClusterError) as exc:
        _usage(str(exc))
    return entries_on_cluster(client, engine, files)
