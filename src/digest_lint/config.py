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
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from digest_lint.findings import Severity

CONFIG_NAMES = ("digest-lint.toml", ".digest-lint.toml")

#: Keys that were renamed: old → (new, message).
RENAMED_KEYS: dict[str, str] = {
    "fail_on": "fail-on",
    "as_of": "as-of",
    "per_file_ignores": "per-file-ignores",
}


class ConfigError(Exception):
    def __init__(self, path: str | Path | None, message: str) -> None:
        self.path = str(path) if path else None
        self.message = message
        super().__init__(f"{self.path}: {message}" if self.path else message)


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

    @field_validator("as_of", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        if isinstance(value, dt.datetime):
            return value.date()
        return value


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


def _key_line(text: str, key: str) -> int | None:
    for i, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith((f"{key} ", f"{key}=", f'"{key}"', f"[{key}]")) or stripped.endswith(
            f".{key}]"
        ):
            return i
    return None


def load_config(path: Path) -> Config:
    """Read and validate a config file; pack directories become absolute."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot read config: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, f"invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("digest-lint", {})
    for old, new in RENAMED_KEYS.items():
        if old in data:
            raise ConfigError(path, f"key {old!r} is spelled {new!r}")
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"])
        line = _key_line(text, str(err["loc"][0])) if err["loc"] else None
        where = f" (line {line})" if line else ""
        if err["type"] == "extra_forbidden":
            msg = f"unknown key {key!r}{where}"
        else:
            msg = f"key {key!r}{where}: {err['msg']}"
        raise ConfigError(path, msg) from None
    base = path.parent
    config.packs = [str((base / p).resolve()) for p in config.packs]
    for d in config.packs:
        if not Path(d).is_dir():
            raise ConfigError(path, f"key 'packs': no such directory {d}")
    return config
