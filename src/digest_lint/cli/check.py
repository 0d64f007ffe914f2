"""``digest-lint check``: check articles, fix them, and report in any format."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from digest_lint.cli._shared import (
    BUG_REPORT,
    DateParam,
    current_language,
    err,
    fail,
    guard,
    progress_bar,
    set_language,
    shown,
    speak_as_config,
    split_values,
    use_color,
    write_report,
)
from digest_lint.formatters import FORMAT_NAMES
from digest_lint.model.findings import ExitStatus, Severity
from digest_lint.model.messages import Message, Said, counted, said

if TYPE_CHECKING:
    from digest_lint.config import Config
    from digest_lint.engine.engine import Engine, Report
    from digest_lint.io.sources import InputError, SourceText

SEVERITIES = [s.value for s in Severity]

#: What ``check`` says on standard error, in each language.
MESSAGES = {
    "no-paths": Message(
        ja="確認するファイルがありません（例: `digest-lint check DIR`）",
        en="no paths given (try `digest-lint check DIR`)",
    ),
    "baseline-both": Message(
        ja="--baseline と --write-baseline は一緒に使えません",
        en="use either --baseline or --write-baseline, not both",
    ),
    "stdin-filename": Message(
        ja="--stdin-filename は標準入力の記事の名前です: パスに - を指定してください",
        en="--stdin-filename names the article read from standard input: give - as a path",
    ),
    "internal": Message(
        ja="{path}: 内部エラーのため確認できませんでした: {what}。digest-lint の不具合です。"
        "ファイルを添えて {url} に報告してください",
        en="{path}: internal error, file not checked: {what}. This is a bug in digest-lint; "
        "please report it with the file at {url}",
    ),
    "internal-no-diff": Message(
        ja="{path}: 内部エラーのため差分を作れませんでした: {what}。digest-lint の不具合です。"
        "ファイルを添えて {url} に報告してください",
        en="{path}: internal error, no diff: {what}. This is a bug in digest-lint; "
        "please report it with the file at {url}",
    ),
    "internal-not-fixed": Message(
        ja="{path}: 内部エラーのため修正できませんでした: {what}。digest-lint の不具合です。"
        "ファイルを添えて {url} に報告してください",
        en="{path}: internal error, not fixed: {what}. This is a bug in digest-lint; "
        "please report it with the file at {url}",
    ),
    "internal-failed": Message(ja="内部エラー: {what}", en="internal error: {what}"),
    "finding": Message(ja="{n}件の指摘", en="{n} finding"),
    "findings": Message(ja="{n}件の指摘", en="{n} findings"),
    "problem": Message(ja="{n}件の問題", en="{n} problem"),
    "problems": Message(ja="{n}件の問題", en="{n} problems"),
    "file": Message(ja="{n}ファイル", en="{n} file"),
    "files": Message(ja="{n}ファイル", en="{n} files"),
    "wrote-baseline": Message(
        ja="{findings}をベースライン {file} に書きました", en="wrote {findings} to baseline {file}"
    ),
    "hidden": Message(
        ja="ベースライン {file} にある{findings}は表示していません",
        en="{findings} hidden by baseline {file}",
    ),
    "overlap": Message(
        ja="{where}: {code} の修正が前の修正と重なるため、前の修正を当ててから確認し直しました",
        en="{where}: {code} fix overlaps an earlier fix; applied the first, re-checked after it",
    ),
    "not-settled": Message(
        ja="{path}: {passes}回修正しても収まらないため、ファイルは変えていません"
        "（ファイルを添えて報告してください）",
        en="{path}: the fixes did not settle after {passes} passes; file left unchanged "
        "(please report this with the file)",
    ),
    "would-fix": Message(
        ja="{files}で{problems}を修正できます", en="would fix {problems} in {files}"
    ),
    "fixed": Message(ja="{files}で{problems}を修正しました", en="fixed {problems} in {files}"),
    "fixes-applied": Message(ja="修正した箇所:", en="fixes applied:"),
}


def _count(n: int, one: str) -> Said:
    return counted(n, MESSAGES[one], MESSAGES[one + "s"])


def _say(key: str, **fields: object) -> str:
    """``check``'s message ``key`` in the run's language."""
    return said(MESSAGES[key], **fields).render(current_language())


#: A run of at least this many files shows a progress bar on a terminal.
PROGRESS_FROM = 50


@dataclass(frozen=True)
class CheckFlags:
    """The flags of one ``check`` run, as click parsed them."""

    select: tuple[str, ...]
    extend_select: tuple[str, ...]
    ignore: tuple[str, ...]
    fail_on: str | None
    exit_zero: bool
    as_of: dt.date | None
    fmt: str
    output: str | None
    quiet: bool
    statistics: bool
    config_file: str | None
    isolated: bool
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    color: bool | None
    fix: bool
    unsafe_fixes: bool
    diff: bool
    show_fixes: bool
    baseline_file: str | None
    write_baseline_file: str | None
    index_file: str | None
    jobs: int | None
    cache_dir: str | None
    no_cache: bool
    stdin_filename: str | None
    lang: str | None
    undated: str | None
    dask: str | None = None
    output_dir: str | None = None

    def config(self, paths: tuple[str, ...]) -> tuple[Config, str | None]:
        """The run's config: the file's (found upward or given), with the flags on top."""
        from digest_lint.config import apply_flags, resolve_config
        from digest_lint.engine.engine import check_selectors

        where = paths if self.stdin_filename is None else (self.stdin_filename, *paths)
        config, path = resolve_config(where, self.config_file, self.isolated)
        if self.lang is None:  # the config's errors from here on speak its language
            speak_as_config(config)
        select, extend_select, ignore = (
            split_values(self.select),
            split_values(self.extend_select),
            split_values(self.ignore),
        )
        # The flags' rule names are checked here, so that an error in one does not name
        # the config file (whose lines are named for its own).
        for key, values in (("select", select), ("extend-select", extend_select)):
            check_selectors(values, None, key)
        check_selectors(ignore, None, "ignore")
        config = apply_flags(
            config,
            select=select if self.select else None,
            extend_select=extend_select,
            ignore=ignore,
            fail_on=self.fail_on,
            as_of=self.as_of,
            include=split_values(self.include),
            exclude=split_values(self.exclude),
            lang=self.lang or self._env_lang(config),
            undated=self.undated,
        )
        return config, str(path) if path else None

    @staticmethod
    def _env_lang(config: Config) -> str | None:
        """``$DIGEST_LINT_LANG`` when the config does not set ``lang``."""
        import os

        from digest_lint.model.messages import LANG_ENV, LANGUAGES

        env = os.environ.get(LANG_ENV)
        return env if env in LANGUAGES and "lang" not in config.model_fields_set else None


@click.command()
@click.argument("paths", nargs=-1, type=str)
@click.option(
    "--select", multiple=True, help="Rule codes, prefixes or names to check (DL1, DL302, ALL)."
)
@click.option("--extend-select", multiple=True, help="Add to the selection (e.g. opt-in rules).")
@click.option("--ignore", multiple=True, help="Rule codes, prefixes or names to skip.")
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    help="Lowest severity that fails the run [default: warning].",
)
@click.option(
    "--exit-zero",
    is_flag=True,
    help="Exit 0 even when findings are left (input errors still exit 2, internal errors 3).",
)
@click.option(
    "--as-of",
    type=DateParam(),
    help="The day of the check [default: today]. DL405 (a 公開日 in the future) judges "
    "against it; so do DL302, DL401 and DL404 in a text with no date of its own when "
    "--undated as-of (docs/catalog.md, 'Two dates').",
)
@click.option(
    "--format",
    "--output-format",
    "fmt",
    type=click.Choice(FORMAT_NAMES),
    default="text",
    show_default=True,
    help="Output format: text shows each flagged line with the span marked; concise is "
    "one line per finding (path:line:col: CODE [name] message).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to FILE.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary.")
@click.option(
    "--statistics", is_flag=True, help="Print the number of findings per rule instead of them."
)
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Config file.")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option(
    "--include", multiple=True, help="File globs to check in directories [default: *.txt, *.md]."
)
@click.option("--exclude", multiple=True, help="File globs to skip.")
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text output [default: on a terminal; NO_COLOR, FORCE_COLOR].",
)
@click.option("--fix", is_flag=True, help="Apply safe fixes, then report what is left.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, apply unsafe fixes too.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option("--show-fixes", is_flag=True, help="With --fix, list what was fixed in each file.")
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
@click.option(
    "--stdin-filename",
    help="The name of the article read from standard input (-): for messages, config, "
    "per-file-ignores and Markdown.",
)
@click.option(
    "--lang",
    type=click.Choice(["ja", "en"]),
    default=None,
    help="Language of the messages and of the errors editors meet [default: `lang` in the "
    "config, else $DIGEST_LINT_LANG, else ja].",
)
@click.option(
    "--undated",
    type=click.Choice(["skip", "as-of"]),
    default=None,
    help="A text with no date of its own: skip date judgements (default), or judge it at "
    "--as-of (warnings that say the date is assumed).",
)
@click.option(
    "--dask",
    metavar="ADDRESS|local[:N]",
    help="Check on a Dask cluster: a scheduler address, or local:N worker processes "
    "(paths may be fsspec URLs; needs digest-lint[dask]).",
)
@click.option(
    "--output-dir",
    metavar="DIR",
    help="With --dask: write one JSONL file of findings per partition and summary.json.",
)
def check(paths: tuple[str, ...], **flags: object) -> None:
    """Check articles: files, directories (recursed) or - for standard input.

    Exit status: 0 no finding at or above --fail-on, 1 findings, 2 a usage, config, pack
    or input error (the other files are still checked and reported), 3 an internal error.
    """
    opts = CheckFlags(**flags)  # type: ignore[arg-type]
    with guard(opts.lang):
        sys.exit(run_check(paths, opts))


def run_check(paths: tuple[str, ...], opts: CheckFlags) -> int:
    from digest_lint.engine.engine import Engine
    from digest_lint.gate.baseline import Baseline
    from digest_lint.gate.index import CitationIndex
    from digest_lint.io.sources import STDIN, SourceText, discover

    if not paths:
        fail(_say("no-paths"))
    if opts.baseline_file and opts.write_baseline_file:
        fail(_say("baseline-both"))
    if opts.stdin_filename is not None and STDIN not in paths:
        fail(_say("stdin-filename"))
    if opts.dask is not None or opts.output_dir is not None:
        from digest_lint.cli.cluster import run_check_on_cluster

        return run_check_on_cluster(paths, opts)
    config, config_path = opts.config(paths)
    set_language(config.lang)
    engine = Engine.build(config, config_path)
    baseline = Baseline.load(opts.baseline_file) if opts.baseline_file else None
    files, errors = discover(list(paths), config.include, config.exclude)
    stdin = _read_stdin(opts.stdin_filename) if STDIN in files else None
    items: list[str | SourceText] = [stdin if f == STDIN and stdin else f for f in files]
    piped = False
    if opts.fix or opts.diff:
        printed: list[SourceText] = []
        status = _fix_files(engine, items, opts, errors, printed)
        if status is not None:
            return status
        if printed:
            # Standard output holds the fixed article: the findings left in it (which
            # decide the exit status, as for files) go to standard error.
            stdin, piped = printed[0], True
            items = [stdin if isinstance(i, SourceText) else i for i in items]
    index = CitationIndex.open(opts.index_file) if opts.index_file else None
    try:
        report = _run(engine, items, index, opts)
    finally:
        if index is not None:
            index.close()
    report.errors[:0] = errors
    return _report(engine, report, baseline, opts, stdin, to_stderr=piped)


def _read_stdin(name: str | None) -> SourceText:
    from digest_lint.io.sources import read_source

    source = read_source("-")
    return dataclasses.replace(source, path=name) if name else source


def _run(engine: Engine, items: list[str | SourceText], index: object, opts: CheckFlags) -> Report:
    from digest_lint.engine.runner import default_jobs, open_cache, run

    cache = open_cache(engine, opts.cache_dir, opts.no_cache)
    advance, close = progress_bar(
        len(items), "checking", enabled=len(items) >= PROGRESS_FROM and not opts.quiet
    )
    try:
        return run(
            engine,
            items,
            jobs=opts.jobs or default_jobs(),
            cache=cache,
            index=index,
            progress=advance,
        )
    finally:
        close()


def _report(
    engine: Engine,
    report: Report,
    baseline: object,
    opts: CheckFlags,
    stdin: SourceText | None = None,
    to_stderr: bool = False,
) -> int:
    from digest_lint.formatters import FormatContext, render
    from digest_lint.gate.baseline import Baseline, write_baseline

    lang = engine.config.lang
    for path, note in report.notes:
        err(f"{path}: {note.render(lang)}")
    for error in report.errors:
        err(error.render(lang))
    for path, what in report.internal:
        err(_say("internal", path=path, what=what, url=BUG_REPORT))
    if opts.write_baseline_file:
        n = write_baseline(opts.write_baseline_file, list(report.findings))
        err(_say("wrote-baseline", findings=_count(n, "finding"), file=opts.write_baseline_file))
        return _status(0, engine, report, opts)
    findings = report.findings
    if isinstance(baseline, Baseline):
        kept, hidden = baseline.filter(findings)
        if hidden and not opts.quiet:
            err(_say("hidden", findings=_count(hidden, "finding"), file=opts.baseline_file))
        findings = kept  # type: ignore[assignment]
    ctx = FormatContext(
        files=report.files,
        color=use_color(opts.color, (sys.stderr if to_stderr else sys.stdout).isatty())
        and opts.output is None,
        statistics=opts.statistics,
        quiet=opts.quiet,
        paths=report.checked,
        rules=[(type(a.rule), a.severity) for a in engine.rules],
        failed=[(e.path, e.describe(lang)) for e in report.errors]
        + [(p, _say("internal-failed", what=w)) for p, w in report.internal],
        sources={stdin.path: stdin.text} if stdin is not None else {},
        lang=engine.config.lang,
    )
    write_report(render(opts.fmt, findings, ctx), opts.output, color=ctx.color, err=to_stderr)
    worst = max((f.severity.rank for f in findings), default=0)
    return _status(worst, engine, report, opts)


def _status(worst: int, engine: Engine, report: Report, opts: CheckFlags) -> int:
    """The highest of: internal error 3, input error 2, findings 1, else 0."""
    if report.internal:
        return ExitStatus.INTERNAL
    if report.errors:
        return ExitStatus.ERROR
    if worst >= engine.config.fail_on.rank and not opts.exit_zero:
        return ExitStatus.FINDINGS
    return ExitStatus.OK


def _fix_files(
    engine: Engine,
    items: list[str | SourceText],
    opts: CheckFlags,
    errors: list[InputError],
    printed: list[SourceText],
) -> int | None:
    """``--fix``: fix the files in place. ``--diff``: print the fixes and return a status.

    Standard input is never written: ``--fix`` prints the fixed article (the article as
    read when it cannot be fixed: nothing of it is lost) and adds it to ``printed``,
    ``--diff`` prints its diff.
    """
    from digest_lint.engine.runner import internal_error
    from digest_lint.gate.fixes import WriteError, fix_source, write_fixed
    from digest_lint.io.atomic import remove_stale_temporaries
    from digest_lint.io.sources import InputError, SourceText, read_source

    diffs: list[str] = []
    internal: list[tuple[str, str]] = []
    fixed = 0
    changed_files = 0
    listed: list[str] = []

    def pipe(text: SourceText) -> None:
        """Standard input's article on standard output (fixed or as read)."""
        sys.stdout.write(text.text)
        printed.append(text)

    for item in items:
        if isinstance(item, SourceText):
            source = item
        else:
            try:
                source = read_source(item)
            except InputError as exc:  # reported by the check that follows (or here)
                if opts.diff:
                    errors.append(exc)
                continue
            if opts.fix:  # what a --fix killed while writing this file left behind
                remove_stale_temporaries(Path(item))
        if not source.text.strip():
            continue
        piped = isinstance(item, SourceText) and opts.fix
        try:
            outcome = fix_source(engine, source, opts.unsafe_fixes)
        except Exception as exc:  # a bug on this file: say so, fix and check the others
            if opts.diff or piped:
                internal.append((source.path, internal_error(exc)))
            if piped:
                pipe(source)
            continue  # (a file is reported by the check that follows --fix)
        for f in outcome.overlapping:
            err(_say("overlap", where=f"{f.path}:{f.line}:{f.column}", code=f.code))
        if not outcome.converged:
            err(_say("not-settled", path=source.path, passes=outcome.passes))
            if piped:
                pipe(source)
            continue
        if piped:
            pipe(outcome.fixed if outcome.changed else source)
            fixed += outcome.applied
            changed_files += outcome.changed
            continue
        if not outcome.changed:
            continue
        if opts.diff:
            diffs.append(outcome.diff())
        else:
            try:
                write_fixed(source, outcome.fixed)
            except WriteError as exc:
                err(shown(exc))
                continue
            if opts.show_fixes:
                counts = Counter(f.code for f in outcome.applied_findings)
                parts = ", ".join(f"{code} ×{n}" for code, n in sorted(counts.items()))
                listed.append(f"  {source.path}: {outcome.applied} ({parts})")
        fixed += outcome.applied
        changed_files += 1
    problems = _count(fixed, "problem")
    files_word = _count(changed_files, "file")
    if opts.diff:
        write_report(diffs, opts.output)
        if not opts.quiet:
            err(_say("would-fix", problems=problems, files=files_word))
        for error in errors:
            err(shown(error))
        for path, what in internal:
            err(_say("internal-no-diff", path=path, what=what, url=BUG_REPORT))
        if internal:
            return ExitStatus.INTERNAL
        if errors:
            return ExitStatus.ERROR
        return ExitStatus.FINDINGS if diffs and not opts.exit_zero else ExitStatus.OK
    if not opts.quiet and fixed:
        err(_say("fixed", problems=problems, files=files_word))
    if opts.show_fixes and listed:
        err(_say("fixes-applied"))
        for line in listed:
            err(line)
    for path, what in internal:  # standard input, whose --fix is not checked again
        err(_say("internal-not-fixed", path=path, what=what, url=BUG_REPORT))
    return ExitStatus.INTERNAL if internal else None
