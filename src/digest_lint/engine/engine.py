"""The one path every check takes: select rules, parse once, analyse once, run, stamp.

Rules yield :class:`~digest_lint.findings.Violation` objects (a span, a message, maybe a
fix); the engine stamps path, code, name, effective severity and the docs link.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from digest_lint.analysis import Analysis
from digest_lint.config import Config, ConfigError, hint, key_line
from digest_lint.engine import suppression
from digest_lint.engine.corpus import Member
from digest_lint.engine.store import FindingStore
from digest_lint.engine.suppression import Directive
from digest_lint.io.sources import InputError, SourceText
from digest_lint.knowledge import Knowledge, knowledge, validate_pack_dirs
from digest_lint.model.article import Article
from digest_lint.model.findings import Finding, Severity, Violation, docs_url
from digest_lint.model.messages import Message, Said, Voice, said, validation_problem
from digest_lint.model.text import LineIndex, Span, line_bounds
from digest_lint.parsing.parser import parse
from digest_lint.rules.base import Context, CorpusRule, Rule

#: The errors of a selection or of rule options, in each language.
MESSAGES = {
    "no-rule": Message(
        ja="{key}: {selector} に当たるルールがありません{where}{hint}"
        "（一覧は `digest-lint rules`）",
        en="{key}: {selector} matches no rule{where}{hint} (see `digest-lint rules`)",
    ),
    "not-a-rule": Message(
        ja="{key} はルールのコードでも名前でもありません{where}{hint}",
        en="{key} is not a rule code or name{where}{hint}",
    ),
    "bad-option": Message(
        ja="rules.{code}.{option}: {problem}{where}",
        en="rules.{code}.{option}: {problem}{where}",
    ),
    "unknown-option": Message(
        ja="rules.{code}.{option}: このキーは使えません{where}{hint}",
        en="rules.{code}.{option}: unknown key{where}{hint}",
    ),
}


def _matches(rule: type[Rule], selectors: Iterable[str]) -> bool:
    return any(rule.code.startswith(s.upper()) or s == rule.name for s in selectors)


def _matches_code(code: str, name: str, selectors: Iterable[str]) -> bool:
    return any(code.startswith(s.upper()) or s == name for s in selectors)


def _exact(rule: type[Rule], selectors: Iterable[str]) -> bool:
    return any(s.upper() == rule.code or s == rule.name for s in selectors)


def resolve_rule(key: str) -> type[Rule] | None:
    from digest_lint.rules import RULES

    for rule in RULES:
        if key.upper() == rule.code or key == rule.name:
            return rule
    return None


def check_selectors(
    selectors: Iterable[str], source: str | None, key: str, loc: tuple[str, ...] = ()
) -> None:
    """Every selector must name a rule, a code prefix or ``ALL``; ``loc`` is where the
    config file sets them (for the line in the message)."""
    from digest_lint.rules import RULES

    for s in selectors:
        if s.upper() == "ALL":
            continue
        if not any(r.code.startswith(s.upper()) or s == r.name for r in RULES):
            close = hint(s, [r.name for r in RULES] + [r.code for r in RULES])
            raise ConfigError(
                source,
                said(
                    MESSAGES["no-rule"],
                    key=key,
                    selector=repr(s),
                    where=key_line(source, loc or (key,)),
                    hint=close,
                ),
            )


def _option_error(
    config_path: str | None, rule: type[Rule], written: str, exc: ValidationError
) -> ConfigError:
    """A rule option that is unknown (with "did you mean") or has a bad value, with the
    line of the config file it is on."""
    err = exc.errors()[0]
    loc = tuple(str(p) for p in err["loc"])
    where = key_line(config_path, ("rules", written, *loc))
    option = ".".join(loc)
    if err["type"] == "extra_forbidden":
        known = [f.alias or n for n, f in rule.Options.model_fields.items()]
        close = hint(loc[-1], known)
        return ConfigError(
            config_path,
            said(MESSAGES["unknown-option"], code=written, option=option, where=where, hint=close),
        )
    problem = validation_problem(err)
    return ConfigError(
        config_path,
        said(MESSAGES["bad-option"], code=written, option=option, where=where, problem=problem),
    )


@dataclass
class ActiveRule:
    rule: Rule
    severity: Severity
    options: Any

    @property
    def code(self) -> str:
        return self.rule.code


@dataclass
class Engine:
    """The selected rules with their options and severities, ready to check articles."""

    config: Config
    config_path: str | None = None
    as_of: dt.date = field(default_factory=dt.date.today)
    rules: list[ActiveRule] = field(default_factory=list)
    cwd: str | None = None
    """The directory relative paths are relative to (None: this process's working
    directory); a cluster worker checks with its client's."""

    @classmethod
    def build(cls, config: Config, config_path: str | None = None) -> Engine:
        from digest_lint.rules import RULES

        select = ["DL" if s.upper() == "ALL" else s for s in config.select + config.extend_select]
        check_selectors(config.select, config_path, "select")
        check_selectors(config.extend_select, config_path, "extend-select")
        check_selectors(config.ignore, config_path, "ignore")
        for section, keys in (("severity", config.severity), ("rules", config.rules)):
            for key in keys:
                if resolve_rule(key) is None:
                    close = hint(key, [r.name for r in RULES] + [r.code for r in RULES])
                    where = key_line(config_path, (section, key))
                    raise ConfigError(
                        config_path,
                        said(MESSAGES["not-a-rule"], key=repr(key), where=where, hint=close),
                    )
        for pattern, codes in config.per_file_ignores.items():
            check_selectors(
                codes, config_path, f"per-file-ignores.{pattern!r}", ("per-file-ignores", pattern)
            )
        active: list[ActiveRule] = []
        for rule_cls in RULES:
            if not _matches(rule_cls, select):
                continue
            if not rule_cls.default_enabled and not _exact(rule_cls, select):
                continue
            if _matches(rule_cls, config.ignore) and not _exact(rule_cls, select):
                continue
            severity = rule_cls.severity
            raw: dict[str, Any] = {}
            for key, level in config.severity.items():
                if resolve_rule(key) is rule_cls:
                    severity = level
            written = rule_cls.code
            for key, table in config.rules.items():
                if resolve_rule(key) is rule_cls:
                    raw, written = table, key
            try:
                options = rule_cls.Options.model_validate(raw)
            except ValidationError as exc:
                raise _option_error(config_path, rule_cls, written, exc) from None
            active.append(ActiveRule(rule_cls(), severity, options))
        validate_pack_dirs(tuple(config.packs))
        as_of = config.as_of or dt.date.today()
        return cls(config=config, config_path=config_path, as_of=as_of, rules=active)

    # ---------------------------------------------------------------- checking
    @property
    def pack_dirs(self) -> tuple[str, ...]:
        return tuple(self.config.packs)

    @property
    def knowledge(self) -> Knowledge:
        """Every pack of this configuration (built-in and extra directories)."""
        return knowledge(self.pack_dirs)

    def ignored_for(self, path: str) -> list[str]:
        """Codes that ``[per-file-ignores]`` switches off for ``path``.

        Globs match the path relative to the config file's directory (else the working
        directory), the path as given, or the file name.
        """
        if not self.config.per_file_ignores:
            return []
        names = {path, path.rsplit("/", 1)[-1]}
        if not path.startswith("<"):
            here = self.cwd or os.getcwd()
            config = os.path.join(here, self.config_path) if self.config_path else None
            base = os.path.dirname(config) if config else here
            rel = os.path.relpath(os.path.join(here, path), base)
            names.add(rel.replace(os.sep, "/"))
        out: list[str] = []
        for pattern, codes in self.config.per_file_ignores.items():
            if any(fnmatch.fnmatch(n, pattern) for n in names):
                out.extend(codes)
        return out

    def parse(self, source: SourceText) -> Article:
        return parse(source.text, source.path, layout=self.knowledge.layout)

    def _check_parts(self, source: SourceText) -> tuple[list[Finding], dict[str, Any]]:
        """Check an article longer than :data:`PART_CHARS` in parts cut at blank lines
        (else line ends), so that time and memory stay linear in its size: whole-article
        comparisons (register, variants, titles) are then made within each part."""
        layout = self.knowledge.layout
        findings: list[Finding] = []
        summaries: dict[str, Any] = {}
        lines = LineIndex(source.text)
        for n, (start, end) in enumerate(article_parts(source.text, PART_CHARS)):
            article = parse(source.text[start:end], source.path, layout=layout, continuation=n > 0)
            found, summary = self.check_article(article)
            line_delta = lines.position(start)[0] - 1
            findings += [shift_finding(f, start, line_delta) for f in found]
            for code, value in summary.items():
                moved = shift_spans(value, start, line_delta)
                old = summaries.get(code)
                summaries[code] = moved if old is None else old + moved
        return findings, summaries

    def check_article(self, article: Article) -> tuple[list[Finding], dict[str, Any]]:
        """Every selected rule's findings on one article, and the corpus rules' summaries.

        Nothing here depends on the article's path beyond its kind (Markdown or text), so
        the result can be cached by content; ``[per-file-ignores]`` and suppression
        comments are applied afterwards by :meth:`settle`.
        """
        analysis = Analysis(article, self.as_of, self.knowledge)
        findings: list[Finding] = []
        summaries: dict[str, Any] = {}
        for active in self.rules:
            ctx = Context(
                article,
                analysis,
                active.options,
                self.as_of,
                lang=self.config.lang,
                messages=active.rule.messages,
                undated=self.config.undated,
            )
            if isinstance(active.rule, CorpusRule):
                # Collected even where ignored: the article still counts for the others
                # (finish drops the findings on ignored files).
                summaries[active.code] = active.rule.collect(ctx)
            for v in active.rule.check(ctx):
                findings.append(self.stamp(article.path, active, v, article.text))
        return findings, summaries

    def settle(
        self, path: str, findings: list[Finding], directives: list[Directive]
    ) -> list[Finding]:
        """The findings that ``[per-file-ignores]`` and suppression comments leave."""
        skip = self.ignored_for(path)
        if skip:
            findings = [f for f in findings if not _matches_code(f.code, f.name, skip)]
        return suppression.apply(findings, directives)

    def finish(
        self, summaries: list[tuple[str, dict[str, Any]]], extras: dict[str, Any] | None = None
    ) -> Iterator[Finding]:
        """Corpus rules over the summaries of every article of the run."""
        for active in self.rules:
            if not isinstance(active.rule, CorpusRule):
                continue
            per_rule = [(p, s[active.code]) for p, s in summaries if active.code in s]
            found = active.rule.finish(per_rule, active.options, extras or {}, self.config.lang)
            yield from self._corpus_findings(active, found)

    def corpus_keys(self, summaries: dict[str, Any]) -> Iterator[tuple[str, str, Any]]:
        """One article's corpus summaries as ``(code, key, record)``: what a run spread
        over many machines groups by ``(code, key)`` before :meth:`finish_group`."""
        for active in self.rules:
            if isinstance(active.rule, CorpusRule) and active.code in summaries:
                for key, record in active.rule.keys(summaries[active.code]):
                    yield active.code, key, record

    def finish_group(
        self,
        code: str,
        key: str,
        members: list[tuple[str, Any]],
        extras: dict[str, Any] | None = None,
    ) -> Iterator[Finding]:
        """The findings of corpus rule ``code`` on the records of one key (``(path,
        record)`` in run order): with every key's group, the same findings as
        :meth:`finish` over the whole run."""
        active = next(a for a in self.rules if a.code == code)
        assert isinstance(active.rule, CorpusRule)
        found = active.rule.finish_group(
            key, members, active.options, extras or {}, self.config.lang
        )
        yield from self._corpus_findings(active, found)

    def finish_groups(
        self,
        groups: Iterable[tuple[str, str, list[Member]]],
        extras: dict[str, Any] | None = None,
    ) -> Iterator[Finding]:
        """:meth:`finish_group` of every ``(code, key, members)`` of a run (members in
        run order, as :class:`~digest_lint.engine.corpus.CorpusSpool` gives them): the
        same findings as :meth:`finish` over the whole run, in another order."""
        for code, key, members in groups:
            pairs = [(path, record) for _, _, path, record in members]
            yield from self.finish_group(code, key, pairs, extras)

    def _corpus_findings(
        self, active: ActiveRule, found: Iterable[tuple[str, Violation]]
    ) -> Iterator[Finding]:
        for path, v in found:
            skip = self.ignored_for(path)
            if skip and _matches(type(active.rule), skip):
                continue
            yield self.stamp(path, active, v, None)

    def analyse_source(self, source: SourceText) -> ArticleResult:
        """Parse and check one article: every finding, before ignores and suppressions."""
        if len(source.text) > PART_CHARS * 3 // 2:
            found, summary = self._check_parts(source)
            lines = LineIndex(source.text)
        else:
            article = self.parse(source)
            found, summary = self.check_article(article)
            lines = article.lines
        directives = suppression.parse_directives(source.text, source.path)
        for d in directives:
            d.span = lines.span(d.start, d.end)
        return ArticleResult(found, summary, directives)

    def check_source(self, source: SourceText) -> ArticleResult:
        """Parse and check one article; per-file ignores and suppressions applied."""
        result = self.analyse_source(source)
        result.findings = self.settle(source.path, result.findings, result.directives)
        return result

    def unused_suppressions(self, directives: dict[str, list[Directive]]) -> Iterator[Finding]:
        """DL001 findings for the directives of the run that suppressed nothing."""
        active = next((a for a in self.rules if a.code == suppression.UNUSED_CODE), None)
        if active is None:
            return
        from digest_lint.rules import RULES

        known = {r.code: r.code for r in RULES} | {r.name: r.code for r in RULES}
        codes = {a.code for a in self.rules}
        voice = Voice(self.config.lang, active.rule.messages)
        for path, dirs in directives.items():
            skip = self.ignored_for(path)
            if skip and _matches(type(active.rule), skip):
                continue
            for d in dirs:
                unknown, stale = suppression.unused_of(d, codes, known)
                parts: list[str] = []
                if unknown:
                    parts.append(voice.say("unknown", codes=voice.join(unknown)))
                if stale == ["*"]:
                    parts.append(voice.say("nothing"))
                elif stale:
                    parts.append(voice.say("stale", codes=voice.join(stale)))
                if not parts or d.span is None:
                    continue
                what = "disable-next-line" if d.kind == "next-line" else "disable"
                problems = parts[0] if len(parts) == 1 else voice.say("and", a=parts[0], b=parts[1])
                message = voice.say("unused", comment=f"digest-lint-{what}", problems=problems)
                v = Violation(span=d.span, message=message)
                yield self.stamp(path, active, v, None).model_copy(
                    update={"snippet": " ".join(d.selectors) or "*"}
                )

    def stamp(self, path: str, active: ActiveRule, v: Violation, text: str | None) -> Finding:
        rule = active.rule
        span = v.span
        return Finding(
            path=path,
            line=span.line,
            column=span.column,
            end_line=span.end_line,
            end_column=span.end_column,
            code=rule.code,
            name=rule.name,
            severity=(
                v.cap
                if v.cap is not None and v.cap.rank < active.severity.rank
                else active.severity
            ),
            message=v.message,
            fix=v.fix,
            url=docs_url(rule.code, self.config.lang),
            start=span.start,
            end=span.end,
            snippet=text[span.start : span.end] if text is not None else (v.snippet or ""),
            context=text[slice(*line_bounds(text, span.start))] if text is not None else "",
        )


#: Articles longer than this (in characters, ×1.5) are checked in parts of about this
#: size. No digest page comes near it (they are a few thousand characters).
PART_CHARS = 200_000


def article_parts(text: str, size: int) -> list[tuple[int, int]]:
    """``[start, end)`` parts of about ``size`` characters, cut after a blank line near the
    target if there is one, else after a line end, else anywhere."""
    out: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while start < n:
        end = start + size
        if end >= n - size // 2:
            out.append((start, n))
            break
        cut = text.rfind("\n\n", start + size // 2, end)
        if cut != -1:
            end = cut + 2
        else:
            cut = text.rfind("\n", start + size // 2, end)
            end = cut + 1 if cut != -1 else end
        out.append((start, end))
        start = end
    return out


def shift_spans(value: Any, offset: int, line_delta: int) -> Any:
    """``value`` (plain data: lists, tuples, dicts, spans) with every span moved."""
    if isinstance(value, Span):
        return shift_span(value, offset, line_delta)
    if isinstance(value, list):
        return [shift_spans(v, offset, line_delta) for v in value]
    if isinstance(value, tuple):
        return tuple(shift_spans(v, offset, line_delta) for v in value)
    if isinstance(value, dict):
        return {k: shift_spans(v, offset, line_delta) for k, v in value.items()}
    return value


def shift_span(span: Span, offset: int, line_delta: int) -> Span:
    return Span(
        start=span.start + offset,
        end=span.end + offset,
        line=span.line + line_delta,
        column=span.column,
        end_line=span.end_line + line_delta,
        end_column=span.end_column,
    )


def shift_finding(f: Finding, offset: int, line_delta: int) -> Finding:
    """A finding of a part moved to its place in the whole article (parts start at a
    line start, so columns stay as they are)."""
    if not offset:
        return f
    fix = f.fix
    if fix is not None:
        fix = fix.model_copy(
            update={
                "start": fix.start + offset,
                "end": fix.end + offset,
                "line": fix.line + line_delta,
                "end_line": fix.end_line + line_delta,
            }
        )
    return f.model_copy(
        update={
            "start": f.start + offset,
            "end": f.end + offset,
            "line": f.line + line_delta,
            "end_line": f.end_line + line_delta,
            "fix": fix,
        }
    )


@dataclass
class ArticleResult:
    findings: list[Finding]
    summary: dict[str, Any]
    directives: list[Directive]


@dataclass
class Report:
    findings: FindingStore = field(default_factory=FindingStore)
    """Spooled to disk as files are checked; iterate it for the findings in report order."""
    errors: list[InputError] = field(default_factory=list)
    internal: list[tuple[str, str]] = field(default_factory=list)
    """Files digest-lint failed on (a bug): ``(path, what failed)``."""
    notes: list[tuple[str, Said]] = field(default_factory=list)
    """``(path, note)``: said once on stderr, in the run's language."""
    files: int = 0
    checked: list[str] = field(default_factory=list)
    """The paths of the articles read (as given; ``<stdin>`` for standard input)."""
