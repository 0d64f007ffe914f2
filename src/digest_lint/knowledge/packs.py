"""Editorial data packs: the YAML files under ``rules/`` that editors maintain.

Each pack is validated by a strict pydantic model (unknown keys are errors). A broken pack
is a :class:`PackError` naming the pack file, the line and the entry, never a traceback.

Packs are found in the built-in pack directory (``rules/`` of the checkout, shipped inside
the wheel as ``digest_lint/_packs``) and then in every extra directory from the config
(``packs = ["my-packs"]``): a pack of the same name in an extra directory extends the
built-in one (lists are appended, mappings updated, single values replaced).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar, cast

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from digest_lint.model.messages import EditorError, Message, Said, said, validation_problem

M = TypeVar("M", bound=BaseModel)

#: What pack errors say, in each language (rendered where they are printed).
MESSAGES = {
    "error": Message(ja="パックの誤り: {error}", en="pack error: {error}"),
    "cannot-read": Message(ja="パックを読めません（{reason}）", en="cannot read pack: {reason}"),
    "too-deep": Message(
        ja="YAMLとして読めません: 入れ子が深すぎます", en="invalid YAML: nested too deeply"
    ),
    "invalid-yaml": Message(
        ja="YAMLとして読めません（{problem}）。書式を直してください",
        en="invalid YAML: {problem}",
    ),
    "not-mapping": Message(
        ja="パックの一番上はキーと値の組（マッピング）にしてください",
        en="a pack must be a mapping at the top level",
    ),
    "entry": Message(ja="{where}{entry}: {problem}{more}", en="{where}{entry}: {problem}{more}"),
    "entry-label": Message(ja="（項目 {label}）", en=" (entry {label})"),
    "more": Message(ja="（ほかに{n}件の誤り）", en=" (and {n} more problems)"),
    "top-level": Message(ja="（一番上）", en="(top level)"),
    "none": Message(ja="", en=""),
    "not-found": Message(ja="パック {name} がありません", en="pack {name} not found"),
    "unknown-pack": Message(
        ja="{name} という名前のパックはありません{hint}（パック: {packs}）",
        en="no pack is named {name}{hint} (packs: {packs})",
    ),
}


class PackError(EditorError):
    """A pack that cannot be read or does not match its schema: the file, the line, and
    what is wrong (rendered in the run's language where it is printed)."""

    def __init__(self, path: Path | str, message: str | Said, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        super().__init__(f"{self.path}:{line}" if line else self.path, message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.path, self.what, self.line))

    @property
    def message(self) -> str:
        """What is wrong, in English."""
        return self.describe("en")


class PackModel(BaseModel):
    """Base of every pack schema: strict, no unknown keys, with provenance."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _repeats(items: Any) -> Iterator[tuple[int, int, Any]]:
    """``(min, max, body)`` of every repetition in a parsed pattern, outermost first."""
    for op, av in items:
        name = str(op)
        if name in ("MAX_REPEAT", "MIN_REPEAT"):
            yield av[0], av[1], av[2]
            yield from _repeats(av[2])
        elif name == "SUBPATTERN":
            yield from _repeats(av[-1])
        elif name == "BRANCH":
            for branch in av[1]:
                yield from _repeats(branch)
        elif name in ("ASSERT", "ASSERT_NOT"):
            yield from _repeats(av[1])
        elif name == "ATOMIC_GROUP":
            continue  # backtracking into it is impossible
        elif name == "GROUPREF_EXISTS":
            for branch in av[1:]:
                if branch is not None:
                    yield from _repeats(branch)


def checked_regex(pattern: str) -> str:
    """``pattern`` if it is a regular expression that runs in reasonable time on any text.

    Pack patterns run on every line an editor writes, and Python's backtracking engine
    takes exponential time on a repetition inside a repetition (``^(a+)+$`` on a long
    run of ``a``): such patterns are refused with the reason. Possessive repetitions and
    atomic groups (``(?>…)``) do not backtrack and are fine.
    """
    import re._parser as sre_parse  # type: ignore[import-not-found]

    try:
        parsed = sre_parse.parse(pattern)
    except re.error as exc:
        raise ValueError(f"invalid regular expression {pattern!r}: {exc}") from None
    maxrepeat = sre_parse.MAXREPEAT
    for _, high, body in _repeats(parsed):
        if high <= 1:
            continue
        for _, inner_high, _ in _repeats(body):
            if inner_high > 1 and (high == maxrepeat or inner_high == maxrepeat):
                raise ValueError(
                    f"regular expression {pattern!r} repeats a repetition, which can take "
                    "exponential time on some text; rewrite it without the nested "
                    "repetition (or make it possessive: ``a++``)"
                )
    return pattern


def builtin_pack_dir() -> Path:
    """``digest_lint/_packs`` in an installed wheel, else ``rules/`` of the checkout."""
    package = Path(__file__).resolve().parent.parent
    shipped = package / "_packs"
    if shipped.is_dir():
        return shipped
    return package.parent.parent / "rules"


def _line_map(node: yaml.Node, path: tuple[Any, ...], out: dict[tuple[Any, ...], int]) -> None:
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            out[(*path, key)] = key_node.start_mark.line + 1
            _line_map(value_node, (*path, key), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _line_map(item, (*path, i), out)


_BASE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataLoader(_BASE_LOADER):  # type: ignore[misc]
    """A safe YAML loader (libyaml when available) that leaves dates as strings.

    PyYAML builds ``2025-13-01`` into a date while it parses, and an impossible one then
    raises a bare ``ValueError`` with no line. Left as text, dates are validated by the
    schema instead, whose error names the file, the line and the entry.
    """


DataLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BASE_LOADER.yaml_implicit_resolvers.items()
}
_LOADER = DataLoader


def load_data(text: str) -> Any:
    """Plain data from YAML text (dates as strings); raises :class:`yaml.YAMLError`,
    or :class:`RecursionError` for absurdly deep nesting."""
    return yaml.load(text, Loader=_LOADER)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(path, said(MESSAGES["cannot-read"], reason=str(exc))) from None


def _parse(path: Path, text: str) -> Any:
    try:
        return load_data(text)
    except RecursionError:
        raise PackError(path, said(MESSAGES["too-deep"])) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise PackError(path, said(MESSAGES["invalid-yaml"], problem=problem), line) from None


def read_data(path: Path) -> tuple[Any, str]:
    """A pack file's YAML data and its text (for :func:`line_map` on error)."""
    text = _read_text(path)
    data = _parse(path, text)
    if data is not None and not isinstance(data, dict):
        raise PackError(path, said(MESSAGES["not-mapping"]), 1)
    return data, text


def line_map(text: str) -> dict[tuple[Any, ...], int]:
    """A map from each key path of a YAML document to its 1-based line."""
    lines: dict[tuple[Any, ...], int] = {}
    try:
        node = yaml.compose(text, Loader=_LOADER)
        if node is not None:
            _line_map(node, (), lines)
    except (yaml.YAMLError, RecursionError):
        pass  # the error is reported without a line
    return lines


def read_yaml(path: Path) -> tuple[Any, dict[tuple[Any, ...], int]]:
    """Load a YAML file and a map from each key path to its 1-based line."""
    text = _read_text(path)
    data = _parse(path, text)
    return data, line_map(text)


def _entry_label(data: Any, loc: tuple[Any, ...]) -> Said:
    """A readable name for the entry an error is in (its ``name``/``id`` if it has one)."""
    cur = data
    label = said(MESSAGES["none"])
    for part in loc:
        try:
            cur = cur[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(cur, dict):
            for key in ("id", "name", "domain", "label"):
                if isinstance(cur.get(key), str):
                    label = said(MESSAGES["entry-label"], label=repr(cur[key]))
                    break
    return label


def validate(
    path: Path, model: type[M], data: Any, lines: dict[tuple[Any, ...], int] | None = None
) -> M:
    """Validate ``data``; on error name the file, the line (mapped lazily) and the entry."""
    try:
        return model.model_validate(data if data is not None else {})
    except ValidationError as exc:
        if lines is None:
            lines = line_map(_read_text(path))
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        line = None
        for n in range(len(loc), -1, -1):
            if loc[:n] in lines:
                line = lines[loc[:n]]
                break
        where: str | Said = ".".join(str(p) for p in loc) or said(MESSAGES["top-level"])
        n = exc.error_count() - 1
        more = said(MESSAGES["more"], n=n) if n else said(MESSAGES["none"])
        msg = said(
            MESSAGES["entry"],
            where=where,
            entry=_entry_label(data, loc),
            problem=validation_problem(err),
            more=more,
        )
        raise PackError(path, msg, line) from None


def merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = out[key] + value
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
        else:
            out[key] = value
    return out


@functools.lru_cache(maxsize=64)
def _load(name: str, model: type[M], extra_dirs: tuple[str, ...]) -> M:
    files = [builtin_pack_dir() / f"{name}.yaml"]
    files += [Path(d) / f"{name}.yaml" for d in extra_dirs]
    merged: dict[str, Any] = {}
    found = False
    for file in files:
        if not file.is_file():
            continue
        found = True
        data = _parse(file, _read_text(file))
        if data is not None and not isinstance(data, dict):
            raise PackError(file, said(MESSAGES["not-mapping"]), 1)
        # Validate each file on its own so that errors name the file they are in.
        validate(file, model, data)
        merged = merge(merged, data or {})
    if not found:
        raise PackError(files[0], said(MESSAGES["not-found"], name=repr(name)))
    return model.model_validate(merged)


def load(name: str, model: type[M], extra_dirs: Iterable[str | Path] = ()) -> M:
    """The pack ``name`` (``rules/{name}.yaml`` plus extra directories), validated."""
    return cast(M, _load(name, model, tuple(str(d) for d in extra_dirs)))


def pack_files(extra_dirs: Iterable[str | Path] = ()) -> list[Path]:
    """Every pack file that would be read, for the cache key and ``digest-lint packs``."""
    dirs = [builtin_pack_dir(), *(Path(d) for d in extra_dirs)]
    out: list[Path] = []
    for d in dirs:
        if d.is_dir():
            out.extend(sorted(d.glob("*.yaml")))
    return out
