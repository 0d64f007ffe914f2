"""Configuration: ``[tool.digest-lint]`` in ``pyproject.toml``, or ``digest-lint.toml``.

Found upward from the first checked path, or given with ``--config FILE``. Validated by a
strict pydantic model: an unknown key or a bad value is a :class:`ConfigError` naming the
file and the key (exit status 2). Keys are kebab-case TOML, lists are real TOML lists.

Example ``digest-lint.toml``::

    select = ["DL"]
    ignore = ["DL106"]
    fail-on = "warning"
    as-of = 2025-03-20
    packs = ["editorial-packs"]        # extra pack directories, relative to this file

    [severity]
    DL302 = "error"

    [rules.DL107]
    tolerance-days = 3

    [per-file-ignores]
    "archive/**" = ["DL405"]
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from digest_lint.model.findings import Severity
from digest_lint.model.messages import EditorError, Message, Said, said, validation_problem

if TYPE_CHECKING:
    from collections.abc import Sequence

CONFIG_NAMES = ("digest-lint.toml", ".digest-lint.toml")

#: Keys that were renamed: old → (new, message).
RENAMED_KEYS: dict[str, str] = {
    "fail_on": "fail-on",
    "as_of": "as-of",
    "per_file_ignores": "per-file-ignores",
}


#: What the config's errors say, in each language (rendered where they are printed).
MESSAGES = {
    "error": Message(ja="設定の誤り: {error}", en="config error: {error}"),
    "cannot-read": Message(
        ja="設定ファイルを読めません（{reason}）", en="cannot read config: {reason}"
    ),
    "invalid-toml": Message(
        ja="TOMLとして読めません（{reason}）。書式を直してください", en="invalid TOML: {reason}"
    ),
    "renamed": Message(ja="キー {old} は {new} と書いてください", en="key {old} is spelled {new}"),
    "unknown-key": Message(
        ja="{key} というキーはありません{where}{hint}", en="unknown key {key}{where}{hint}"
    ),
    "bad-value": Message(ja="キー {key}{where}: {problem}", en="key {key}{where}: {problem}"),
    "line": Message(ja="（{line}行目）", en=" (line {line})"),
    "no-dir": Message(
        ja="キー 'packs': ディレクトリ {dir} がありません",
        en="key 'packs': no such directory {dir}",
    ),
    "no-config": Message(ja="設定ファイルがありません", en="no such config file"),
    "empty-select": Message(
        ja="--select にルールがありません（コード、コードの頭の部分か ALL を書いてください）",
        en="--select names no rule (give a code, a prefix or ALL)",
    ),
    "hint": Message(ja="（{match} の誤りではありませんか）", en=" (did you mean {match}?)"),
    "no-hint": Message(ja="", en=""),
}


class ConfigError(EditorError):
    """A config that cannot be used: the file (None for the command line's flags) and
    what is wrong, rendered in the run's language where it is printed."""

    def __init__(self, path: str | Path | None, message: str | Said) -> None:
        self.path = str(path) if path else None
        super().__init__(self.path, message)

    @property
    def message(self) -> str:
        """What is wrong, in English."""
        return self.describe("en")


class Config(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
        alias_generator=lambda s: s.replace("_", "-"),
    )

    select: list[str] = ["DL"]
    extend_select: list[str] = []
    ignore: list[str] = []
    fail_on: Severity = Severity.WARNING
    as_of: dt.date | None = None
    include: list[str] = ["*.txt", "*.md"]
    exclude: list[str] = []
    packs: list[str] = []
    severity: dict[str, Severity] = {}
    rules: dict[str, dict[str, Any]] = {}
    per_file_ignores: dict[str, list[str]] = {}
    lang: Literal["ja", "en"] = "ja"
    """The language of messages, explanations and the errors an editor can meet."""
    undated: Literal["skip", "as-of"] = "skip"
    """A text with no date of its own (no front matter ``date:``, no 公開日, no dateline):
    ``skip`` judges none of its titles and year-less dates against a guessed day;
    ``as-of`` judges them at the as-of date (warnings that say so, never errors)."""

    @field_validator("as_of", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        if isinstance(value, dt.datetime):
            return value.date()
        return value


def close_match(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'fail-on'?)`` for a misspelt key or rule name, else ``""``."""
    return hint(word, choices).render("en")


def hint(word: str, choices: Iterable[str]) -> Said:
    """`` (did you mean 'fail-on'?)`` / ``（'fail-on' の誤りではありませんか）`` for a
    misspelt key or rule name; empty when nothing is close."""
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not found:
        return said(MESSAGES["no-hint"])
    return said(MESSAGES["hint"], match=repr(found[0]))


def find_config(start: Path) -> Path | None:
    """The nearest ``digest-lint.toml`` or ``pyproject.toml`` with our table, upward."""
    start = start.resolve()
    here = start if start.is_dir() else start.parent
    for d in (here, *here.parents):
        for name in CONFIG_NAMES:
            if (d / name).is_file():
                return d / name
        pyproject = d / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
            if "digest-lint" in data.get("tool", {}):
                return pyproject
    return None


_TOML_NAME = r"""(?:"[^"]*"|'[^']*'|[A-Za-z0-9_\-]+)"""
_TOML_KEY = re.compile(rf"^\s*({_TOML_NAME}(?:\s*\.\s*{_TOML_NAME})*)\s*=")
_TOML_TABLE = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")


def _toml_path(dotted: str) -> tuple[str, ...]:
    parts = re.findall(r""""([^"]*)"|'([^']*)'|([A-Za-z0-9_\-]+)""", dotted)
    return tuple(a or b or c for a, b, c in parts)


def _key_line(text: str, loc: tuple[str, ...]) -> int | None:
    """The 1-based line where the key at ``loc`` (or its nearest parent) is written."""
    best: tuple[int, int] | None = None  # (matched depth, line)
    table: tuple[str, ...] = ()
    for i, line in enumerate(text.splitlines(), 1):
        if m := _TOML_TABLE.match(line):
            table = _toml_path(m.group(1))
            path = table
        elif m := _TOML_KEY.match(line):
            path = table + _toml_path(m.group(1))
        else:
            continue
        depth = 0
        while depth < min(len(path), len(loc)) and path[depth] == loc[depth]:
            depth += 1
        if depth == len(path) and depth and (best is None or depth > best[0]):
            best = (depth, i)
    return best[1] if best else None


def key_line(config_path: str | Path | None, loc: Sequence[str]) -> Said:
    """`` (line N)``: where the key at ``loc`` is written in the config file (empty when
    there is no file or the key is not found in it)."""
    text = None
    if config_path:
        path = Path(config_path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = None
    if text is None:
        return said(MESSAGES["no-hint"])
    prefix = ("tool", "digest-lint") if Path(config_path or "").name == "pyproject.toml" else ()
    line = _key_line(text, prefix + tuple(loc))
    return said(MESSAGES["line"], line=line) if line else said(MESSAGES["no-hint"])


def load_config(path: Path) -> Config:
    """Read and validate a config file; pack directories become absolute."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, said(MESSAGES["cannot-read"], reason=str(exc))) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, said(MESSAGES["invalid-toml"], reason=str(exc))) from None
    prefix: tuple[str, ...] = ()
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("digest-lint", {})
        prefix = ("tool", "digest-lint")
    for old, new in RENAMED_KEYS.items():
        if old in data:
            raise ConfigError(path, said(MESSAGES["renamed"], old=repr(old), new=repr(new)))
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"])
        line = _key_line(text, prefix + tuple(str(p) for p in err["loc"]))
        where = said(MESSAGES["line"], line=line) if line else said(MESSAGES["no-hint"])
        if err["type"] == "extra_forbidden":
            keys = [f.alias or n for n, f in Config.model_fields.items()]
            msg = said(
                MESSAGES["unknown-key"],
                key=repr(key),
                where=where,
                hint=hint(str(err["loc"][-1]), keys),
            )
        else:
            problem = validation_problem(err)
            msg = said(MESSAGES["bad-value"], key=repr(key), where=where, problem=problem)
        raise ConfigError(path, msg) from None
    base = path.parent
    config.packs = [str((base / p).resolve()) for p in config.packs]
    for d in config.packs:
        if not Path(d).is_dir():
            raise ConfigError(path, said(MESSAGES["no-dir"], dir=d))
    return config


def resolve_config(
    paths: Sequence[str], config_file: str | None, isolated: bool
) -> tuple[Config, Path | None]:
    """The config of a run: ``--config FILE``, else the one found upward from the first
    path (``.`` for standard input), else the defaults; ``--isolated`` reads none."""
    config_path: Path | None = None
    if config_file:
        config_path = Path(config_file)
        if not config_path.is_file():
            raise ConfigError(config_file, said(MESSAGES["no-config"]))
    elif not isolated:
        first = Path(next((p for p in paths if p != "-"), "."))
        # A path that is not on disk (--stdin-filename) is looked up from where it would be.
        while not first.exists() and first != first.parent:
            first = first.parent
        config_path = find_config(first if first.exists() else Path("."))
    return (load_config(config_path) if config_path else Config()), config_path


def apply_flags(
    config: Config,
    *,
    select: list[str] | None = None,
    extend_select: list[str] | None = None,
    ignore: list[str] | None = None,
    fail_on: str | None = None,
    as_of: dt.date | None = None,
    include: list[str] | None = None,
    exclude: list[str] | None = None,
    lang: str | None = None,
    undated: str | None = None,
) -> Config:
    """The config with the command line's flags on top (``None``: flag not given).

    ``--select`` replaces the config's selection; ``--extend-select``, ``--ignore`` and
    ``--exclude`` add to it; an empty ``--select ''`` is an error, not a silent pass.
    """
    updates: dict[str, object] = {}
    if select is not None:
        if not select:
            raise ConfigError(None, said(MESSAGES["empty-select"]))
        updates["select"] = select
    if extend_select:
        updates["extend_select"] = config.extend_select + extend_select
    if ignore:
        updates["ignore"] = config.ignore + ignore
    if fail_on:
        updates["fail_on"] = Severity(fail_on)
    if as_of:
        updates["as_of"] = as_of
    if include:
        updates["include"] = include
    if exclude:
        updates["exclude"] = config.exclude + exclude
    if lang:
        updates["lang"] = lang
    if undated:
        updates["undated"] = undated
    return config.model_copy(update=updates)
