"""``digest-lint index build|update``: the citation index of an archive."""

from __future__ import annotations

import contextlib
import sys
import time
from pathlib import Path

import click

from digest_lint.cli._shared import current_language, err, fail, guard, progress_bar, shown
from digest_lint.model.findings import ExitStatus
from digest_lint.model.messages import Message, said

#: What ``index`` says, in each language.
MESSAGES = {
    "no-archive": Message(
        ja="{db}: 索引に記事の置き場所が記録されていません。ARCHIVE_DIR を指定してください",
        en="{db}: the index names no archive; give ARCHIVE_DIR",
    ),
    "not-dir": Message(ja="{path}: ディレクトリではありません", en="{path}: not a directory"),
    "unchanged": Message(
        ja="{db}: 索引は変更していません: {reason}", en="{db}: index not changed: {reason}"
    ),
    "done": Message(
        ja="{db}: 記事{articles}件、引用{citations}件（読んだもの{parsed}件、"
        "変更なし{unchanged}件、削除{removed}件{problems}）{seconds}秒",
        en="{db}: {articles} articles, {citations} citations "
        "({parsed} read, {unchanged} unchanged, {removed} removed{problems}) in {seconds}s",
    ),
    "not-indexed": Message(ja="、索引に入れられなかったもの{n}件", en=", {n} not indexed"),
}


def _say(key: str, **fields: object) -> str:
    return said(MESSAGES[key], **fields).render(current_language())


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
                fail(_say("no-archive", db=db))
        for a in archives:
            if not Path(a).is_dir():
                fail(_say("not-dir", path=a))
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
                fail(_say("unchanged", db=db, reason=exc))
        close()
        articles, citations = index.count()
    problems = [*errors, *(stats.errors or [])]
    for error in problems:
        err(shown(error))
    seconds = time.perf_counter() - started
    click.echo(
        _say(
            "done",
            db=db,
            articles=articles,
            citations=citations,
            parsed=stats.parsed,
            unchanged=stats.unchanged,
            removed=stats.removed,
            problems=_say("not-indexed", n=len(problems)) if problems else "",
            seconds=f"{seconds:.1f}",
        )
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
