"""``digest-lint index build|update``: the citation index of an archive."""

from __future__ import annotations

import contextlib
import sys
import time
from pathlib import Path

import click

from digest_lint.cli._shared import err, fail, guard, progress_bar
from digest_lint.model.findings import ExitStatus


@click.group("index")
def index_group() -> None:
    """The citation index of an archive (for `check --index`)."""


def _index_run(
    archives: tuple[str, ...],
    db: str,
    rebuild: bool,
    config_file: str | None,
    isolated: bool,
    dask: str | None = None,
) -> int:
    from digest_lint.config import resolve_config
    from digest_lint.engine.engine import Engine
    from digest_lint.gate.index import CitationIndex
    from digest_lint.io.sources import discover

    started = time.perf_counter()
    config, config_path = resolve_config(archives, config_file, isolated)
    engine = Engine.build(config, str(config_path) if config_path else None)
    index = CitationIndex.open(db, create=rebuild)
    with index:
        if not archives:
            archives = tuple(index.roots())
            if not archives:
                fail(f"{db}: the index names no archive; give ARCHIVE_DIR")
        for a in archives:
            if not Path(a).is_dir():
                fail(f"{a}: not a directory")
        files, errors = discover(list(archives), config.include, config.exclude)
        advance, close = progress_bar(len(files), "indexing")
        with contextlib.ExitStack() as stack:
            entries = None
            if dask is not None:
                from digest_lint.cli.cluster import cluster_entries

                entries = cluster_entries(stack, dask, engine, files)
            try:
                stats = index.update(
                    engine,
                    files,
                    rebuild=rebuild,
                    prune_under=list(archives),
                    roots=list(archives),
                    progress=advance,
                    entries=entries,
                )
            except Exception as exc:  # sqlite3 errors, a full disk, …: the old index stands
                close()
                fail(f"{db}: index not changed: {exc}")
        close()
        articles, citations = index.count()
    problems = [*errors, *(stats.errors or [])]
    for error in problems:
        err(str(error))
    seconds = time.perf_counter() - started
    click.echo(
        f"{db}: {articles} articles, {citations} citations "
        f"({stats.parsed} read, {stats.unchanged} unchanged, {stats.removed} removed"
        f"{f', {len(problems)} not indexed' if problems else ''}) in {seconds:.1f}s"
    )
    return ExitStatus.ERROR if problems else ExitStatus.OK


_db_option = click.option(
    "--db", required=True, type=click.Path(dir_okay=False), help="The index file (SQLite)."
)
_config_option = click.option(
    "--config", "config_file", type=click.Path(dir_okay=False), help="Config file."
)
_isolated_option = click.option("--isolated", is_flag=True, help="Ignore every config file.")


@index_group.command("build")
@click.argument("archives", nargs=-1, required=True)
@_db_option
@_config_option
@_isolated_option
@click.option(
    "--dask",
    metavar="ADDRESS|local[:N]",
    help="Read and parse the articles on a Dask cluster; the index is written here.",
)
def index_build(
    archives: tuple[str, ...], db: str, config_file: str | None, isolated: bool, dask: str | None
) -> None:
    """Index every article's citations under ARCHIVE_DIR (replaces the index's content)."""
    with guard():
        sys.exit(_index_run(archives, db, True, config_file, isolated, dask))


@index_group.command("update")
@click.argument("archives", nargs=-1)
@_db_option
@_config_option
@_isolated_option
def index_update(
    archives: tuple[str, ...], db: str, config_file: str | None, isolated: bool
) -> None:
    """Re-read changed articles (by content hash) and forget deleted ones.

    Without ARCHIVE_DIR, updates the directories the index was built from.
    """
    with guard():
        sys.exit(_index_run(archives, db, False, config_file, isolated))
