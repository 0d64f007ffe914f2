"""The ``digest-lint`` command line."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from digest_lint import __version__
from digest_lint.findings import ExitStatus, Finding, Severity

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
@click.option("--format", "fmt", default="text", show_default=True, help="Output format.")
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
) -> None:
    """Check articles: files, directories (recursed) or - for standard input."""
    from digest_lint.config import Config, ConfigError, find_config, load_config
    from digest_lint.engine import Engine, check_paths
    from digest_lint.formatters import FORMATTERS, FormatContext
    from digest_lint.packs import PackError
    from digest_lint.sources import discover

    if fmt not in FORMATTERS:
        _err(f"unknown format {fmt!r} (choose from {', '.join(FORMATTERS)})")
        sys.exit(ExitStatus.ERROR)
    if not paths:
        _err("no paths given (try `digest-lint check DIR`)")
        sys.exit(ExitStatus.ERROR)
    try:
        config_path: Path | None = None
        if config_file:
            config_path = Path(config_file)
            if not config_path.is_file():
                raise ConfigError(config_file, "no such config file")
        elif not isolated:
            first = next((p for p in paths if p != "-"), ".")
            config_path = find_config(Path(first) if Path(first).exists() else Path("."))
        config = load_config(config_path) if config_path else Config()
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
        files, errors = discover(list(paths), config.include, config.exclude)
        report = check_paths(engine, files)
    except ConfigError as exc:
        _err(f"config error: {exc}")
        sys.exit(ExitStatus.ERROR)
    except PackError as exc:
        _err(f"pack error: {exc}")
        sys.exit(ExitStatus.ERROR)
    report.errors[:0] = errors
    for note in report.notes:
        _err(note)
    for error in report.errors:
        _err(str(error))
    ctx = FormatContext(
        files=report.files,
        color=(sys.stdout.isatty() if color is None else color) and output is None,
        statistics=statistics,
    )
    text = FORMATTERS[fmt](report.findings, ctx)
    if quiet and fmt == "text":
        text = "".join(
            line + "\n" for line in text.splitlines() if _is_finding_line(line, report.findings)
        )
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            _err(f"{output}: cannot write report: {exc.strerror}")
            sys.exit(ExitStatus.ERROR)
    else:
        click.echo(text, nl=False)
    sys.exit(exit_status(report.findings, config.fail_on, bool(report.errors)))


def _is_finding_line(line: str, findings: list[Finding]) -> bool:
    return any(line.startswith(f"{f.path}:") for f in findings[:1]) or ": DL" in line


def exit_status(findings: list[Finding], fail_on: Severity, input_errors: bool) -> int:
    if input_errors:
        return ExitStatus.ERROR
    if any(f.severity.rank >= fail_on.rank for f in findings):
        return ExitStatus.FINDINGS
    return ExitStatus.OK


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def list_rules(fmt: str) -> None:
    """List every rule: code, name, default severity, and whether it is on by default."""
    import json

    from digest_lint.rules import RULES

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
    click.echo(
        f"{cls.code} {cls.name} (default severity: {cls.severity.value}"
        f"{'' if cls.default_enabled else ', opt-in'})\n"
    )
    click.echo(cls.doc())
    fields = cls.Options.model_fields
    if fields:
        click.echo("\nOptions:")
        for name, field in fields.items():
            key = name.replace("_", "-")
            click.echo(f"  {key} = {field.default!r}  {field.description or ''}".rstrip())


if __name__ == "__main__":  # pragma: no cover
    main()
