"""Rule cases as data: the schema of ``tests/rule_cases/DLnnn.yaml`` and how they are run.

One file per rule, each case named for what it shows::

    rule: DL502
    cases:
      - name: doubled question mark and full stop
        text: "停戦は実現するのか?。"
        findings: [{line: 1, column: 10, end_line: 1, end_column: 12}]
        fixed: "停戦は実現するのか?"
      - name: an ellipsis of three marks is not doubled punctuation
        text: "そして。。。"
        findings: []

A case gives its article as ``text`` (as is: odd inputs), as ``page`` (a digest page from
the shared builder, :mod:`tests.pages`) or, for corpus rules, as ``articles`` (file name
→ text or page). ``path`` names the file of a single article (``a.md`` for Markdown).
``as_of`` defaults to :data:`AS_OF`; ``options`` are the rule's options (kebab-case, as
in the config); ``config`` other settings of the run (``undated: as-of``); ``select`` adds
rules that must run too (their findings are asserted as well: a finding names its
``code`` when it is not the file's rule, and its ``path`` in a case of several articles).
``findings`` lists every finding with its exact span (1-based lines and columns in code
points, the end exclusive) and, when the case is about it, its ``severity``; ``[]``
makes a right case. ``fixed`` is the text after the safe fixes, ``fixed_unsafe`` after the
unsafe ones too (a text, or a page when the case is one); a case without them must come
out of every fix untouched. ``xfail: "why"`` marks a case whose current output is wrong
(a known bug): a strict expected failure.

The schema is strict: an unknown key, a misspelt rule or option, a finding with a missing
position are errors naming the file and the case's line, so a typo cannot pass silently.

``python -m tests.cases [DLnnn …]`` prints what the engine finds on each case, as YAML to
compare or paste (read each span against the text before pasting it).
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from digest_lint.config import Config
from digest_lint.engine.engine import Engine, resolve_rule
from digest_lint.gate.fixes import fix_source
from digest_lint.io.sources import SourceText
from digest_lint.model.findings import Applicability, Finding, Severity
from digest_lint.rules import BY_CODE
from digest_lint.rules.base import Rule
from tests.conftest import AS_OF
from tests.pages import PageSpec

CASES_DIR = Path(__file__).resolve().parent / "rule_cases"
DEFAULT_PATH = "t.txt"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class ExpectedFinding(_Strict):
    line: int
    column: int
    end_line: int
    end_column: int
    code: str | None = None
    """Another selected rule's finding (default: the file's rule)."""
    path: str | None = None
    """The article of a case with ``articles``."""
    severity: Severity | None = Field(default=None, strict=False)
    """The finding's severity, when the case is about it (a judgement on an assumed
    date is never an error)."""


class Case(_Strict):
    name: str
    text: str | None = None
    page: PageSpec | None = None
    articles: dict[str, str | PageSpec] | None = None
    path: str | None = None
    as_of: dt.date | None = None
    options: dict[str, Any] = {}
    config: dict[str, Any] = {}
    """Other settings of the run (``undated: as-of``), as in the config file."""
    select: list[str] = []
    findings: list[ExpectedFinding]
    fixed: str | PageSpec | None = None
    fixed_unsafe: str | PageSpec | None = None
    xfail: str | None = None

    @model_validator(mode="after")
    def _shape(self) -> Case:
        given = [k for k in ("text", "page", "articles") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"give one of text, page or articles (got {given or 'none'})")
        if self.articles is not None:
            if self.path is not None:
                raise ValueError("path is for a single article; articles are named by key")
            if self.fixed is not None or self.fixed_unsafe is not None:
                raise ValueError("fixed texts are for a single article")
            for f in self.findings:
                if f.path not in self.articles:
                    raise ValueError(f"finding path {f.path!r} is none of {list(self.articles)}")
        elif any(f.path is not None for f in self.findings):
            raise ValueError("a finding names a path only in a case with articles")
        if (self.fixed is not None or self.fixed_unsafe is not None) and not self.findings:
            raise ValueError("a case with a fixed text needs its findings")
        if self.fixed is not None and self.fixed == self.fixed_unsafe:
            raise ValueError("fixed_unsafe is the same as fixed: leave it out")
        if self.text is not None and not all(
            isinstance(f, str) for f in (self.fixed, self.fixed_unsafe) if f is not None
        ):
            raise ValueError("the fixed text of a text case is a text")
        for f in self.findings:
            for a, b in ((f.line, f.column), (f.end_line, f.end_column)):
                if a < 1 or b < 1:
                    raise ValueError("lines and columns are 1-based")
        return self

    # ---------------------------------------------------------------- derived
    def sources(self) -> dict[str, str]:
        """File name → article text."""
        if self.articles is not None:
            return {
                name: a if isinstance(a, str) else a.text() for name, a in self.articles.items()
            }
        text = self.text if self.text is not None else self.page.text() if self.page else ""
        return {self.path or DEFAULT_PATH: text}

    @property
    def has_fix(self) -> bool:
        return self.fixed is not None or self.fixed_unsafe is not None

    def fixed_texts(self) -> tuple[str, str]:
        """The text after the safe fixes and after every fix (unchanged when none)."""
        ((_, text),) = self.sources().items()
        safe = _text_of(self.fixed) if self.fixed is not None else text
        unsafe = _text_of(self.fixed_unsafe) if self.fixed_unsafe is not None else safe
        return safe, unsafe


def _text_of(value: str | PageSpec) -> str:
    return value if isinstance(value, str) else value.text()


class CaseFile(_Strict):
    rule: str
    cases: list[Case]


@dataclass(frozen=True)
class LoadedCase:
    """A case with where it was read and the rule it is for."""

    rule: type[Rule]
    case: Case
    file: Path
    line: int

    @property
    def id(self) -> str:
        return f"{self.rule.code}: {self.case.name}"

    def __repr__(self) -> str:
        return f"<case {self.id} at {self.where}>"

    @property
    def where(self) -> str:
        root = CASES_DIR.parent.parent
        shown = self.file.relative_to(root) if self.file.is_relative_to(root) else self.file
        return f"{shown}:{self.line}"

    def key_of(self, f: ExpectedFinding) -> Key:
        return (
            f.path or self.case.path or DEFAULT_PATH,
            f.code or self.rule.code,
            f.line,
            f.column,
            f.end_line,
            f.end_column,
        )

    def expected(self) -> list[Key]:
        return sorted(self.key_of(f) for f in self.case.findings)

    def wrong(self) -> bool:
        """A wrong case: the file's rule finds something."""
        return any((f.code or self.rule.code) == self.rule.code for f in self.case.findings)


#: ``(path, code, line, column, end_line, end_column)`` of a finding.
Key = tuple[str, str, int, int, int, int]


class CaseFileError(Exception):
    pass


def _case_lines(text: str) -> list[int]:
    """The 1-based line of each item of the top-level ``cases`` sequence."""
    node = yaml.compose(text)
    if not isinstance(node, yaml.MappingNode):
        return []
    for key, value in node.value:
        if key.value == "cases" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def load_file(path: Path) -> list[LoadedCase]:
    """The cases of one file, validated; errors name the file and the case's line."""
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CaseFileError(f"{path}: invalid YAML: {exc}") from None
    lines = _case_lines(text)
    try:
        parsed = CaseFile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = err["loc"]
        where = str(path)
        if len(loc) > 1 and loc[0] == "cases" and isinstance(loc[1], int) and loc[1] < len(lines):
            where += f":{lines[loc[1]]}"
        dotted = ".".join(str(p) for p in loc)
        raise CaseFileError(f"{where}: {dotted}: {err['msg']}") from None
    rule = BY_CODE.get(parsed.rule)
    if rule is None:
        raise CaseFileError(f"{path}: rule {parsed.rule!r} is not a rule code")
    if path.stem != rule.code:
        raise CaseFileError(f"{path}: holds the cases of {rule.code}: name it {rule.code}.yaml")
    out: list[LoadedCase] = []
    names: set[str] = set()
    for i, case in enumerate(parsed.cases):
        where = f"{path}:{lines[i] if i < len(lines) else '?'}"
        if case.name in names:
            raise CaseFileError(f"{where}: a second case named {case.name!r}")
        names.add(case.name)
        for key in case.select:
            if resolve_rule(key) is None:
                raise CaseFileError(f"{where}: select: {key!r} is not a rule code or name")
        for f in case.findings:
            if f.code is not None and f.code != rule.code and f.code not in case.select:
                raise CaseFileError(f"{where}: a {f.code} finding, but {f.code} is not selected")
        try:
            rule.Options.model_validate(case.options)
        except ValidationError as exc:
            err = exc.errors()[0]
            raise CaseFileError(
                f"{where}: options.{'.'.join(map(str, err['loc']))}: {err['msg']}"
            ) from None
        taken = _CASE_KEYS & set(case.config)
        if taken:
            raise CaseFileError(f"{where}: config: give {sorted(taken)} as the case's own keys")
        try:
            Config.model_validate(case.config)
        except ValidationError as exc:
            err = exc.errors()[0]
            raise CaseFileError(
                f"{where}: config.{'.'.join(map(str, err['loc']))}: {err['msg']}"
            ) from None
        out.append(LoadedCase(rule, case, path, lines[i] if i < len(lines) else 0))
    return out


#: Config keys a case sets with keys of its own (``select``, ``options``, ``as_of``).
_CASE_KEYS = {"select", "extend-select", "ignore", "rules", "as-of", "as_of"}


def case_files() -> list[Path]:
    return sorted(CASES_DIR.glob("*.yaml"))


@functools.cache
def all_cases() -> tuple[LoadedCase, ...]:
    return tuple(c for path in case_files() for c in load_file(path))


def case_named(code: str, name: str) -> LoadedCase:
    """The case of ``code`` named ``name`` (for the tests that read more than spans)."""
    for case in all_cases():
        if case.rule.code == code and case.case.name == name:
            return case
    raise KeyError(f"{code} has no case named {name!r}")


# ------------------------------------------------------------------- running
@functools.cache
def _engine(select: tuple[str, ...], as_of: dt.date, settings: str) -> Engine:
    config = Config.model_validate(
        {"select": list(select), "as-of": as_of.isoformat(), **json.loads(settings)}
    )
    return Engine.build(config)


def engine_for(case: LoadedCase, every_rule: bool = False, lang: str | None = None) -> Engine:
    """The engine of a case: its rule and ``select`` (with ``every_rule``: every default
    rule too), its options, config and as-of date; messages in ``lang`` (default: the
    config's). One engine per distinct selection and settings."""
    select = (case.rule.code, *case.case.select)
    if every_rule:
        select = ("DL", *select)
    settings: dict[str, Any] = dict(case.case.config)
    if case.case.options:
        settings["rules"] = {case.rule.code: case.case.options}
    if lang is not None:
        settings["lang"] = lang
    return _engine(select, case.case.as_of or AS_OF, json.dumps(settings, sort_keys=True))


def lint(engine: Engine, sources: dict[str, str]) -> list[Finding]:
    """Every finding of ``engine`` on the articles, as ``digest-lint check`` reports them:
    suppressions applied, corpus rules run over all of them, unused suppressions last."""
    findings: list[Finding] = []
    summaries: list[tuple[str, dict[str, Any]]] = []
    directives = {}
    for path, text in sources.items():
        result = engine.check_source(SourceText(path, text))
        findings += result.findings
        if result.summary:
            summaries.append((path, result.summary))
        if result.directives:
            directives[path] = result.directives
    for f in engine.finish(summaries):
        if engine.settle(f.path, [f], directives.get(f.path, [])):
            findings.append(f)
    findings += engine.unused_suppressions(directives)
    return findings


def key(f: Finding) -> Key:
    return (f.path, f.code, f.line, f.column, f.end_line, f.end_column)


def messages(code: str, name: str, lang: str = "en") -> list[str]:
    """The messages of the findings of the case of ``code`` named ``name``, in order."""
    case = case_named(code, name)
    found = lint(engine_for(case, lang=lang), case.case.sources())
    return [f.message for f in sorted(found, key=key) if f.code == code]


def fixed_text(engine: Engine, path: str, text: str, unsafe: bool) -> str:
    outcome = fix_source(engine, SourceText(path, text), unsafe=unsafe)
    assert outcome.converged, f"the fixes of {path} never settle ({outcome.passes} passes)"
    return outcome.text


def fixable(f: Finding, unsafe: bool) -> bool:
    return f.fix is not None and (unsafe or f.fix.applicability == Applicability.SAFE)


def offset_map(old: str, new: str) -> Callable[[int, bool], int]:
    """Where an offset of ``old`` is in ``new`` (``new`` is ``old`` with fixes applied).
    An offset inside an edited stretch goes to the edit's start (``end=False``) or end."""
    ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()

    def at(offset: int, end: bool) -> int:
        for tag, i1, i2, j1, j2 in ops:
            if tag == "equal" and i1 <= offset < i2 + (1 if end else 0):
                return j1 + offset - i1
            if tag != "equal" and i1 <= offset <= i2:
                return j2 if (end or offset == i2) else j1
        return len(new)

    return at


def new_findings(
    after: Iterable[Finding], before: Iterable[Finding], old: str, new: str
) -> list[Finding]:
    """The findings of the fixed text ``new`` that none of ``old`` accounts for.

    Lines move, so a finding of ``old`` accounts for one of ``new`` of the same code with
    its span moved through the fix, or else with the same flagged text."""
    at = offset_map(old, new)
    pool = [(b, at(b.start, False), at(b.end, True)) for b in before]
    left: list[Finding] = []
    for a in after:
        hit = next((p for p in pool if p[0].code == a.code and p[1:] == (a.start, a.end)), None)
        if hit is not None:
            pool.remove(hit)
        else:
            left.append(a)
    out: list[Finding] = []
    for a in left:
        hit = next((p for p in pool if p[0].code == a.code and p[0].snippet == a.snippet), None)
        if hit is not None:
            pool.remove(hit)
        else:
            out.append(a)
    return out


# ------------------------------------------------------------------- reports
def _offsets(text: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return starts


def _offset(starts: list[int], line: int, column: int) -> int:
    return starts[min(line, len(starts)) - 1] + column - 1


def marked(text: str, spans: list[Key], path: str) -> str:
    """The lines of ``text`` the spans touch, numbered, each span between ⟦ and ⟧."""
    mine = [s for s in spans if s[0] == path]
    if not mine:
        return "    (none)"
    starts = _offsets(text)
    inserts: list[tuple[int, int, str]] = []
    for n, (_, _, line, column, end_line, end_column) in enumerate(mine):
        inserts.append((_offset(starts, line, column), 1, f"⟦{n + 1}:"))
        inserts.append((_offset(starts, end_line, end_column), 0, "⟧"))
    out = text
    for pos, _, mark in sorted(inserts, reverse=True):
        out = out[:pos] + mark + out[pos:]
    lines = out.split("\n")
    shown = sorted({ln for s in mine for ln in range(s[2], s[4] + 1)})
    return "\n".join(f"  {ln:>4} | {lines[ln - 1]}" for ln in shown if ln <= len(lines))


def as_yaml(spans: list[Key], rule: str, several: bool) -> str:
    items = []
    for path, code, line, column, end_line, end_column in spans:
        extra = (f", code: {code}" if code != rule else "") + (f", path: {path}" if several else "")
        items.append(
            f"{{line: {line}, column: {column}, end_line: {end_line}, "
            f"end_column: {end_column}{extra}}}"
        )
    if not items:
        return "findings: []"
    return "findings:\n" + "\n".join(f"  - {i}" for i in items)


def span_report(case: LoadedCase, actual: list[Finding]) -> str:
    sources = case.case.sources()
    got = sorted(key(f) for f in actual)
    want = case.expected()
    by_key = {key(f): f for f in actual}
    parts = [f"{case.where}: {case.id}: the findings differ"]
    for path, text in sources.items():
        head = f" ({path})" if len(sources) > 1 else ""
        parts += [f"expected{head}:", marked(text, want, path)]
        parts += [f"actual{head}:", marked(text, got, path)]
    parts.append("actual findings (code, span, flagged text):")
    for k in got:
        f = by_key[k]
        fix = "" if f.fix is None else f"  fix[{f.fix.applicability}] → {f.fix.replacement!r}"
        parts.append(f"  {k[1]} {k[2]}:{k[3]}-{k[4]}:{k[5]} {f.snippet!r}{fix}")
    parts.append(as_yaml(got, case.rule.code, len(sources) > 1))
    return "\n".join(parts)


def text_diff(expected: str, actual: str) -> str:
    lines = difflib.unified_diff(
        expected.split("\n"), actual.split("\n"), "expected", "actual", lineterm=""
    )
    return "\n".join(lines)


def yaml_text(text: str, indent: int = 6) -> str:
    """``text`` as a YAML scalar: a literal block when that keeps it exactly."""
    lines = text.split("\n")
    plain = text.endswith("\n") and not text.endswith("\n\n") and not text.startswith(" ")
    if plain and not any(ln != ln.rstrip() or "\t" in ln for ln in lines):
        pad = " " * indent
        return "|\n" + "\n".join(pad + ln if ln else "" for ln in lines[:-1])
    return json.dumps(text, ensure_ascii=False)


def main(argv: list[str]) -> int:
    """Print what the engine finds on the cases of the given rules (all without)."""
    wanted = {a.upper() for a in argv}
    try:
        cases = all_cases()
    except CaseFileError as exc:
        print(exc, file=sys.stderr)
        return 2
    for case in cases:
        if wanted and case.rule.code not in wanted:
            continue
        engine = engine_for(case)
        sources = case.case.sources()
        found = lint(engine, sources)
        print(f"# {case.where}: {case.case.name}")
        for f in sorted(found, key=key):
            print(f"#   {f.code} {f.line}:{f.column}-{f.end_line}:{f.end_column} {f.snippet!r}")
        print(as_yaml(sorted(key(f) for f in found), case.rule.code, len(sources) > 1))
        if case.case.articles is None:
            ((path, text),) = sources.items()
            safe = fixed_text(engine, path, text, unsafe=False)
            unsafe = fixed_text(engine, path, text, unsafe=True)
            if safe != text:
                print(f"fixed: {yaml_text(safe)}")
            if unsafe != safe:
                print(f"fixed_unsafe: {yaml_text(unsafe)}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
