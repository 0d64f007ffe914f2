"""``digest-lint packs status|import-wikidata``: the packs' provenance and freshness, and
office holders imported from Wikidata data (offline)."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from digest_lint.cli._shared import DateParam, _new_file_mode, err, fail, guard, speak_as_config
from digest_lint.model.findings import ExitStatus

#: Default of ``packs status --max-age-days``: older office-holder packs are stale.
MAX_AGE_DAYS = 90

_config_option = click.option(
    "--config", "config_file", type=click.Path(dir_okay=False), help="Config file."
)
_isolated_option = click.option("--isolated", is_flag=True, help="Ignore every config file.")


@click.group("packs")
def packs_group() -> None:
    """The editorial packs: provenance, freshness, office holders from Wikidata."""


# --------------------------------------------------------------------------- status
@dataclass(frozen=True)
class PackStatus:
    name: str
    path: Path
    source: str
    checked: dt.date | None
    checked_text: str
    entries: dict[str, int]
    """Items of each top-level list (people, offices …)."""
    age_days: int | None
    stale: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "path": str(self.path),
            "source": self.source,
            "checked": self.checked_text,
            "age_days": self.age_days,
            "entries": self.entries,
            "stale": self.stale,
        }


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive
        return str(path)


def _checked(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def pack_status(path: Path, as_of: dt.date, max_age_days: int) -> PackStatus:
    from digest_lint.knowledge import packs
    from digest_lint.knowledge.officeholders_merge import PACK_NAME

    data, _ = packs.read_data(path)
    data = data or {}
    entries = {k: len(v) for k, v in data.items() if isinstance(v, list)}
    checked = _checked(data.get("checked"))
    age = (as_of - checked).days if checked else None
    stale = path.stem == PACK_NAME and (age is None or age > max_age_days)
    return PackStatus(
        path.stem,
        path,
        str(data.get("source", "")),
        checked,
        str(data.get("checked", "")),
        entries,
        age,
        stale,
    )


def _entries_text(entries: dict[str, int]) -> str:
    """``380 entries (people 295, offices 85)``: the items of the pack's lists."""
    if not entries:
        return "no list entries"
    top = sorted(entries.items(), key=lambda kv: -kv[1])[:2]
    detail = ", ".join(f"{k} {n}" for k, n in top)
    more = ", …" if len(entries) > 2 else ""
    return f"{sum(entries.values())} entries ({detail}{more})"


@packs_group.command("status")
@click.option(
    "--max-age-days",
    type=click.IntRange(min=0),
    default=MAX_AGE_DAYS,
    show_default=True,
    help="An office-holder pack checked longer ago than this is stale (exit status 1).",
)
@click.option(
    "--as-of", type=DateParam(), help="The day of the check (default: config as-of, else today)."
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@_config_option
@_isolated_option
def status(
    max_age_days: int,
    as_of: dt.date | None,
    fmt: str,
    config_file: str | None,
    isolated: bool,
) -> None:
    """Every pack file: name, path, source, checked date, entries.

    Warns when an office-holder pack was checked more than --max-age-days before the
    as-of date: DL302 then silently trusts terms that may have ended. Exit status 1 when
    one is stale, 2 when a pack is broken or the office-holder packs conflict.
    """
    with guard():
        from digest_lint.config import resolve_config
        from digest_lint.knowledge import packs
        from digest_lint.knowledge.officeholders_merge import load_merged

        config, _ = resolve_config((".",), config_file, isolated)
        speak_as_config(config)
        day = as_of or config.as_of or dt.date.today()
        load_merged(config.packs)  # conflicts between the office-holder packs: exit 2
        rows = [pack_status(p, day, max_age_days) for p in packs.pack_files(config.packs)]
        if fmt == "json":
            click.echo(
                json.dumps(
                    {
                        "as_of": day.isoformat(),
                        "max_age_days": max_age_days,
                        "packs": [r.as_json() for r in rows],
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
        else:
            for r in rows:
                age = f", {r.age_days} days before {day}" if r.age_days is not None else ""
                click.echo(
                    f"{_shown(r.path)}: {r.name}, checked {r.checked_text or '(none)'}{age}, "
                    f"{_entries_text(r.entries)}"
                )
                click.echo(f"    source: {r.source or '(none)'}")
            for r in rows:
                if not r.stale:
                    continue
                if r.checked is None:
                    why = f"has no checked date ({r.checked_text or 'missing'})"
                else:
                    why = (
                        f"was checked {r.checked}, {r.age_days} days before {day} "
                        f"(more than --max-age-days {max_age_days})"
                    )
                click.echo(
                    f"warning: {_shown(r.path)}: the office-holder pack {why}: DL302 may be "
                    "silently wrong about who holds an office; re-check the terms and update "
                    "`checked:`"
                )
        sys.exit(ExitStatus.FINDINGS if any(r.stale for r in rows) else ExitStatus.OK)


# --------------------------------------------------------------------------- import
@packs_group.command("import-wikidata")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False),
    help="Pack directory to write officeholders.yaml into (created if missing).",
)
@click.option(
    "--mapping",
    "mappings",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Extra office mapping file(s) (wikidata_offices.yaml schema), after the packs'.",
)
@click.option(
    "--checked",
    type=DateParam(),
    help="When the data was retrieved (default: the input file's modification date).",
)
@click.option("--source", "source_text", help="Provenance text (default: names the input).")
@click.option("--force", is_flag=True, help="Replace an officeholders.yaml written by hand.")
@_config_option
@_isolated_option
def import_wikidata(
    file: str,
    out_dir: str,
    mappings: tuple[str, ...],
    checked: dt.date | None,
    source_text: str | None,
    force: bool,
    config_file: str | None,
    isolated: bool,
) -> None:
    """Write an office-holder pack from Wikidata data in FILE (no network).

    FILE is the JSON result of the SPARQL query of docs/packs.md, or entity JSON (a
    dump's entities, Special:EntityData). Offices come from the office mapping
    (rules/wikidata_offices.yaml, the config's pack directories, --mapping). Entries
    that cannot be imported as they are (dates known only to the month or year, unknown
    ends, no Japanese label, overlapping terms, conflicts with the packs the result
    extends) are skipped and listed; exit status 1 when any was skipped.
    """
    with guard():
        from digest_lint.config import resolve_config
        from digest_lint.io.atomic import write_atomic
        from digest_lint.knowledge import wikidata
        from digest_lint.knowledge.officeholders_merge import PACK_NAME, read_sources

        config, _ = resolve_config((".",), config_file, isolated)
        speak_as_config(config)
        out = Path(out_dir)
        target = out / f"{PACK_NAME}.yaml"
        if target.exists() and not force:
            try:
                first = target.read_text(encoding="utf-8").split("\n", 1)[0]
            except (OSError, UnicodeDecodeError) as exc:
                fail(f"{target}: cannot read: {exc}")
            if first != wikidata.GENERATED_MARK:
                fail(
                    f"{target}: exists and was not written by import-wikidata; "
                    "give another --out or --force to replace it"
                )
        # The packs the result extends: built-in and extra ones, not the file it replaces.
        dirs = [d for d in config.packs if Path(d).resolve() != out.resolve()]
        base = read_sources(dirs)
        mapping = wikidata.load_mapping(dirs, [Path(m) for m in mappings])
        path = Path(file)
        try:
            data = wikidata.read(path)
        except wikidata.WikidataFormatError as exc:
            fail(str(exc))
        day = checked or dt.date.fromtimestamp(path.stat().st_mtime)
        kind = "SPARQL query result" if data.format == "sparql" else "entity JSON"
        files = ", ".join(p.name for p in wikidata.mapping_files(dirs, map(Path, mappings)))
        source = source_text or (
            f"Wikidata (CC0), {kind} {path.name}, imported with digest-lint packs "
            f"import-wikidata; offices mapped by {files}"
        )
        result = wikidata.build(data, mapping, base, source=source, checked=day)
        for line in wikidata.iter_report(result):
            click.echo(line)
        terms = sum(len(p.terms) for p in result.pack.people)
        if not result.pack.people:
            err(f"{file}: nothing to import ({len(result.skipped)} skipped); {target} not written")
            sys.exit(ExitStatus.FINDINGS)
        header = [
            f"from {path.name} ({kind}), data of {day}.",
            f'Use the directory as an extra pack directory: packs = ["{out_dir}"] in',
            "digest-lint.toml. Re-run the import to update it; do not edit it by hand.",
        ]
        if result.skipped:
            header += ["", "Skipped (not in this file):"]
            header += [f"  {s}" for s in result.skipped]
        out.mkdir(parents=True, exist_ok=True)
        text = wikidata.render(result.pack, header)
        write_atomic(target, text.encode("utf-8"), mode=_new_file_mode(str(target)), durable=False)
        click.echo(
            f"{target}: {len(result.pack.people)} people, {terms} terms in "
            f"{len(result.offices)} offices from {file}; {len(result.skipped)} skipped"
        )
        sys.exit(ExitStatus.FINDINGS if result.skipped else ExitStatus.OK)
