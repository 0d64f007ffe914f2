"""The ``digest-lint`` command line."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from digest_lint import __version__
from digest_lint.findings import ExitStatus, Finding, Severity

if TYPE_CHECKING:
    from digest_lint.config import Config
    from digest_lint.engine import Engine, Report
    from digest_lint.sources import InputError

SEVERITIES = [s.value for s in Severity]


class _Date(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None):
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a date (YYYY-MM-DD)", param, ctx)


def _err(message: str) -> None:
    click.echo(f"digest-lint: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="digest-lint")
def main() -> None:
    """Editorial linter for Japanese news-digest articles."""


def _split(values: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for v in values:
        out.extend(p.strip() for p in v.split(",") if p.strip())
    return out


def _load_config(
    paths: tuple[str, ...], config_file: str | None, isolated: bool
) -> tuple[Config, Path | None]:
    """The config for a run (``--config``, else found upward from the first path)."""
    from digest_lint.config import Config, ConfigError, find_config, load_config

    config_path: Path | None = None
    if config_file:
        config_path = Path(config_file)
        if not config_path.is_file():
            raise ConfigError(config_file, "no such config file")
    elif not isolated:
        first = next((p for p in paths if p != "-"), ".")
        config_path = find_config(Path(first) if Path(first).exists() else Path("."))
    return (load_config(config_path) if config_path else Config()), config_path


@main.command()
@click.argument("paths", nargs=-1, type=str)
@click.option(
    "--select",
    multiple=True,
    help="Rule codes, prefixes or names to check (DL1, DL302, stale-title).",
)
@click.option("--extend-select", multiple=True, help="Add to the selection (e.g. opt-in rules).")
@click.option("--ignore", multiple=True, help="Rule codes, prefixes or names to skip.")
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    help="Lowest severity that fails the run [default: warning].",
)
@click.option(
    "--as-of", type=_Date(), help="The day of the check (default: today). Only DL405 uses it."
)
@click.option(
    "--format",
    "fmt",
    default="text",
    show_default=True,
    help="Output format: text, json, jsonl, github, sarif, junit.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the report to FILE.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary.")
@click.option("--statistics", is_flag=True, help="Count findings per rule.")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    help="Config file (default: found upward).",
)
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option(
    "--include", multiple=True, help="File globs to check in directories [default: *.txt, *.md]."
)
@click.option("--exclude", multiple=True, help="File globs to skip.")
@click.option(
    "--color/--no-color", default=None, help="Colour the text output [default: on a terminal]."
)
@click.option("--fix", is_flag=True, help="Apply safe fixes, then report what is left.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, apply unsafe fixes too.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(dir_okay=False),
    help="Hide the findings recorded in this baseline file; report only new ones.",
)
@click.option(
    "--write-baseline",
    "write_baseline_file",
    type=click.Path(dir_okay=False),
    help="Record today's findings in FILE (for --baseline) and exit 0.",
)
@click.option(
    "--index",
    "index_file",
    type=click.Path(dir_okay=False),
    help="Citation index (digest-lint index build): DL106 also compares with its articles.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes [default: every core].",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Result cache directory [default: .digest-lint-cache].",
)
@click.option(
    "--no-cache",
    is_flag=True,
    envvar="DIGEST_LINT_NO_CACHE",
    help="Neither read nor write the result cache (env DIGEST_LINT_NO_CACHE=1).",
)
def check(
    paths: tuple[str, ...],
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    as_of: dt.date | None,
    fmt: str,
    output: str | None,
    quiet: bool,
    statistics: bool,
    config_file: str | None,
    isolated: bool,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    color: bool | None,
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
    baseline_file: str | None,
    write_baseline_file: str | None,
    index_file: str | None,
    jobs: int | None,
    cache_dir: str | None,
    no_cache: bool,
) -> None:
    """Check articles: files, directories (recursed) or - for standard input."""
    from digest_lint.baseline import Baseline, BaselineError, write_baseline
    from digest_lint.config import ConfigError
    from digest_lint.engine import Engine
    from digest_lint.formatters import FORMATTERS, FormatContext, render
    from digest_lint.index import CitationIndex, CitationIndexError
    from digest_lint.packs import PackError
    from digest_lint.sources import STDIN, discover

    if fmt not in FORMATTERS:
        _err(f"unknown format {fmt!r} (choose from {', '.join(FORMATTERS)})")
        sys.exit(ExitStatus.ERROR)
    if not paths:
        _err("no paths given (try `digest-lint check DIR`)")
        sys.exit(ExitStatus.ERROR)
    if (fix or diff) and STDIN in paths:
        _err("--fix and --diff need files; standard input (-) cannot be fixed in place")
        sys.exit(ExitStatus.ERROR)
    if baseline_file and write_baseline_file:
        _err("use either --baseline or --write-baseline, not both")
        sys.exit(ExitStatus.ERROR)
    index = None
    try:
        config, config_path = _load_config(paths, config_file, isolated)
        updates: dict[str, object] = {}
        if select:
            updates["select"] = _split(select)
        if extend_select:
            updates["extend_select"] = config.extend_select + _split(extend_select)
        if ignore:
            updates["ignore"] = config.ignore + _split(ignore)
        if fail_on:
            updates["fail_on"] = Severity(fail_on)
        if as_of:
            updates["as_of"] = as_of
        if include:
            updates["include"] = _split(include)
        if exclude:
            updates["exclude"] = config.exclude + _split(exclude)
        config = config.model_copy(update=updates)
        engine = Engine.build(config, str(config_path) if config_path else None)
        baseline = Baseline.load(baseline_file) if baseline_file else None
        index = CitationIndex.open(index_file) if index_file else None
        files, errors = discover(list(paths), config.include, config.exclude)
        if fix or diff:
            _fix_files(engine, files, unsafe_fixes, diff, output, quiet, errors)
        report = _run(engine, files, index, jobs, cache_dir, no_cache)
    except ConfigError as exc:
        _err(f"config error: {exc}")
        sys.exit(ExitStatus.ERROR)
    except PackError as exc:
        _err(f"pack error: {exc}")
        sys.exit(ExitStatus.ERROR)
    except (BaselineError, CitationIndexError) as exc:
        _err(str(exc))
        sys.exit(ExitStatus.ERROR)
    finally:
        if index is not None:
            index.close()
    report.errors[:0] = errors
    for note in report.notes:
        _err(note)
    for error in report.errors:
        _err(str(error))
    if write_baseline_file:
        try:
            n = write_baseline(write_baseline_file, report.findings)
        except BaselineError as exc:
            _err(str(exc))
            sys.exit(ExitStatus.ERROR)
        _err(f"wrote {n} finding{'s' if n != 1 else ''} to baseline {write_baseline_file}")
        sys.exit(ExitStatus.ERROR if report.errors else ExitStatus.OK)
    findings = report.findings
    if baseline is not None:
        findings, hidden = baseline.filter(findings)
        if hidden and not quiet:
            _err(f"{hidden} finding{'s' if hidden != 1 else ''} hidden by baseline {baseline_file}")
    ctx = FormatContext(
        files=report.files,
        color=(sys.stdout.isatty() if color is None else color) and output is None,
        statistics=statistics,
        quiet=quiet,
        paths=report.checked,
        rules=[(type(a.rule), a.severity) for a in engine.rules],
    )
    _write(render(fmt, findings, ctx), output)
    sys.exit(exit_status(findings, config.fail_on, bool(report.errors)))


def _run(
    engine: Engine,
    files: list[str],
    index: object,
    jobs: int | None,
    cache_dir: str | None,
    no_cache: bool,
) -> Report:
    """Check ``files`` with a worker pool and the result cache."""
    from digest_lint.cache import DEFAULT_DIR, Cache
    from digest_lint.packs import pack_files
    from digest_lint.runner import default_jobs, run

    cache = None
    directory = None
    key = ""
    if not no_cache:
        directory = cache_dir or DEFAULT_DIR
        key = Cache.settings_key(
            engine.config.model_dump_json() + engine.as_of.isoformat(),
            pack_files(engine.pack_dirs),
        )
        cache = Cache(directory, key)
    return run(
        engine,
        files,
        jobs=jobs or default_jobs(),
        cache=cache,
        cache_dir=directory,
        settings_key=key,
        index=index,
    )


def _write(text: str | Iterable[str], output: str | None) -> None:
    """Write the report (a string, or pieces of one) to ``output`` or standard output."""
    chunks = [text] if isinstance(text, str) else text
    if output:
        try:
            with open(output, "w", encoding="utf-8") as fh:
                for chunk in chunks:
                    fh.write(chunk)
        except OSError as exc:
            _err(f"{output}: cannot write report: {exc.strerror}")
            sys.exit(ExitStatus.ERROR)
    else:
        for chunk in chunks:
            click.echo(chunk, nl=False)


def _fix_files(
    engine: Engine,
    files: list[str],
    unsafe: bool,
    diff: bool,
    output: str | None,
    quiet: bool,
    errors: list[InputError],
) -> None:
    """``--fix``: fix the files in place. ``--diff``: print the fixes and exit."""
    from digest_lint.fixes import WriteError, fix_source, write_fixed
    from digest_lint.sources import InputError, read_source

    diffs: list[str] = []
    fixed = 0
    changed_files = 0
    for path in files:
        try:
            source = read_source(path)
        except InputError as exc:  # reported by the check that follows (or here, with --diff)
            if diff:
                errors.append(exc)
            continue
        if not source.text.strip():
            continue
        outcome = fix_source(engine, source, unsafe)
        for f in outcome.overlapping:
            _err(
                f"{f.path}:{f.line}:{f.column}: {f.code} fix overlaps an earlier fix;"
                " applied the first, re-checked after it"
            )
        if not outcome.converged:
            _err(f"{path}: fixes did not settle after several passes; check the result")
        if not outcome.changed:
            continue
        if diff:
            diffs.append(outcome.diff())
        else:
            try:
                write_fixed(source, outcome.text)
            except WriteError as exc:
                _err(str(exc))
                continue
        fixed += outcome.applied
        changed_files += 1
    plural = "s" if fixed != 1 else ""
    files_word = f"{changed_files} file{'s' if changed_files != 1 else ''}"
    if diff:
        _write("".join(diffs), output)
        if not quiet:
            _err(f"would fix {fixed} problem{plural} in {files_word}")
        for error in errors:
            _err(str(error))
        if errors:
            sys.exit(ExitStatus.ERROR)
        sys.exit(ExitStatus.FINDINGS if diffs else ExitStatus.OK)
    if not quiet and fixed:
        _err(f"fixed {fixed} problem{plural} in {files_word}")


def exit_status(findings: Iterable[Finding], fail_on: Severity, input_errors: bool) -> int:
    from digest_lint.store import FindingStore

    if input_errors:
        return ExitStatus.ERROR
    worst = (
        findings.worst
        if isinstance(findings, FindingStore)
        else max((f.severity.rank for f in findings), default=0)
    )
    if worst >= fail_on.rank:
        return ExitStatus.FINDINGS
    return ExitStatus.OK


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text")
def list_rules(fmt: str) -> None:
    """List every rule: code, name, default severity, and whether it is on by default.

    ``--format markdown`` prints the full reference (docs/rules.md)."""
    import json

    from digest_lint.rules import RULES

    if fmt == "markdown":
        from digest_lint.docs import markdown

        click.echo(markdown(RULES), nl=False)
        return
    if fmt == "json":
        data = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.value,
                "default_enabled": r.default_enabled,
                "stability": r.stability,
                "summary": r.summary(),
            }
            for r in RULES
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for r in RULES:
        flags = "" if r.default_enabled else "  (opt-in)"
        click.echo(f"{r.code}  {r.name:<28} {r.severity.value:<8} {r.summary()}{flags}")


@main.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Print a rule's documentation (by code or name)."""
    from digest_lint.engine import resolve_rule

    cls = resolve_rule(rule)
    if cls is None:
        _err(f"unknown rule {rule!r} (see `digest-lint rules`)")
        sys.exit(ExitStatus.ERROR)
    from digest_lint.docs import explain_text

    click.echo(explain_text(cls), nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()


@main.group("index")
def index_group() -> None:
    """The citation index of an archive (for `check --index`)."""


def _index_run(
    archives: tuple[str, ...], db: str, rebuild: bool, config_file: str | None, isolated: bool
) -> None:
    import time

    from digest_lint.config import ConfigError
    from digest_lint.engine import Engine
    from digest_lint.index import CitationIndex, CitationIndexError, progress_bar
    from digest_lint.packs import PackError
    from digest_lint.sources import discover

    started = time.perf_counter()
    try:
        config, config_path = _load_config(archives, config_file, isolated)
        engine = Engine.build(config, str(config_path) if config_path else None)
        index = CitationIndex.open(db, create=rebuild)
    except ConfigError as exc:
        _err(f"config error: {exc}")
        sys.exit(ExitStatus.ERROR)
    except (PackError, CitationIndexError) as exc:
        _err(str(exc))
        sys.exit(ExitStatus.ERROR)
    with index:
        if not archives:
            archives = tuple(index.roots())
            if not archives:
                _err(f"{db}: the index names no archive; give ARCHIVE_DIR")
                sys.exit(ExitStatus.ERROR)
        for a in archives:
            if not Path(a).is_dir():
                _err(f"{a}: not a directory")
                sys.exit(ExitStatus.ERROR)
        files, errors = discover(list(archives), config.include, config.exclude)
        advance, close = progress_bar(len(files), "indexing")
        try:
            stats = index.update(
                engine,
                files,
                rebuild=rebuild,
                prune_under=list(archives),
                roots=list(archives),
                progress=advance,
            )
        except Exception as exc:  # sqlite3 errors, a full disk, …: the old index stands
            close()
            _err(f"{db}: index not changed: {exc}")
            sys.exit(ExitStatus.ERROR)
        close()
        articles, citations = index.count()
    for error in [*errors, *(stats.errors or [])]:
        _err(str(error))
    seconds = time.perf_counter() - started
    click.echo(
        f"{db}: {articles} articles, {citations} citations "
        f"({stats.parsed} read, {stats.unchanged} unchanged, {stats.removed} removed) "
        f"in {seconds:.1f}s"
    )
    sys.exit(ExitStatus.ERROR if errors or stats.errors else ExitStatus.OK)


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
def index_build(
    archives: tuple[str, ...], db: str, config_file: str | None, isolated: bool
) -> None:
    """Index every article's citations under ARCHIVE_DIR (replaces the index's content)."""
    _index_run(archives, db, True, config_file, isolated)


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
    _index_run(archives, db, False, config_file, isolated)
