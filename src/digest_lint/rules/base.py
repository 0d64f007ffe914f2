"""What a rule is: code, name, severity, options, its docs in two languages, a check.

A rule documents itself twice, in the same shape: the class docstring in English and
:attr:`Rule.doc_ja` in Japanese. Each starts with a one-line summary, then five sections,
which ``digest-lint explain CODE`` prints and docs/rules.md is generated from::

    What it flags: …          何を検出するか: …
    Why it matters: …         なぜ問題か: …
    Bad: …                    悪い例: …
    Good: …                   良い例: …
    Fix safety: …             修正の安全性: …

The options section is generated from the rule's :class:`RuleOptions` model: each field
has ``description`` (English) and ``json_schema_extra={"ja": …}`` (Japanese).

Per-article rules implement :meth:`Rule.check`. Corpus rules (which see every article
of one run) implement :meth:`CorpusRule.collect`, returning a small picklable summary per
article, :meth:`CorpusRule.keys`, which turns a summary into ``(key, record)`` pairs, and
:meth:`CorpusRule.finish_group`, which judges the records of one key: never whole
articles, so memory stays flat however large the run, and the group-by can run on a
cluster (``check --dask``) as well as in one process.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict

from digest_lint.model.findings import Fix, Severity, Violation
from digest_lint.model.messages import DEFAULT_LANGUAGE, Message, Voice
from digest_lint.model.text import Span

if TYPE_CHECKING:
    from digest_lint.analysis import Analysis
    from digest_lint.knowledge import Knowledge
    from digest_lint.model.article import Article


class RuleOptions(BaseModel):
    """Base of a rule's options (``[tool.digest-lint.rules.DL107]``): strict, kebab-case keys."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        alias_generator=lambda s: s.replace("_", "-"),
    )


#: The sections of a rule's doc, by key, with their titles in each language.
DOC_SECTIONS: dict[str, dict[str, str]] = {
    "flags": {"en": "What it flags", "ja": "何を検出するか"},
    "why": {"en": "Why it matters", "ja": "なぜ問題か"},
    "bad": {"en": "Bad", "ja": "悪い例"},
    "good": {"en": "Good", "ja": "良い例"},
    "safety": {"en": "Fix safety", "ja": "修正の安全性"},
}
#: Section titles of docstrings written before the five sections (read as the new ones).
_LEGACY_SECTIONS = {"Example": "bad", "Fix": "safety"}


def section_title(key: str, lang: str) -> str:
    """The title of doc section ``key`` (``flags``…) in ``lang``."""
    return DOC_SECTIONS[key]["en" if lang == "en" else "ja"]


def option_description(field: Any, lang: str) -> str:
    """An option's description in ``lang``: pydantic's ``description`` is the English one,
    ``json_schema_extra={"ja": …}`` the Japanese one."""
    if lang == "en":
        return str(field.description or "")
    extra = field.json_schema_extra
    return str(extra.get("ja", "")) if isinstance(extra, dict) else ""


class FixAvailability(StrEnum):
    """Whether a rule's findings carry a fix (ruff's ``FixAvailability``).

    The rule cases (``tests/rule_cases/DLnnn.yaml``) are checked against it: a rule that
    never fixes has no case with a fixed text, one that always fixes has one for every
    wrong case, one that sometimes fixes has a wrong case of each kind.
    """

    ALWAYS = "always"
    """Every finding has a fix (safe or unsafe)."""
    SOMETIMES = "sometimes"
    """Some findings have a fix: when the packs know the right text, for instance."""
    NEVER = "never"
    """No finding has a fix: the right text needs an editor or the source."""


@dataclass
class Context:
    """What a rule's check reads: the article, its analysis, the rule's options, packs."""

    article: Article
    analysis: Analysis
    options: Any
    as_of: dt.date
    lang: str = DEFAULT_LANGUAGE
    """The language of the run's messages: ``ja`` (default) or ``en``."""
    messages: Mapping[str, Message] = field(default_factory=dict)
    """The rule's message catalog (:attr:`Rule.messages`)."""
    undated: str = "skip"
    """What a rule does with a text that gives no date (config ``undated``): ``skip`` it,
    or judge it at the ``as-of`` date, saying so and never as an error."""

    @property
    def knowledge(self) -> Knowledge:
        """The packs of the configuration (``ctx.knowledge.publishers``)."""
        return self.analysis.knowledge

    @property
    def voice(self) -> Voice:
        """The rule's catalog in the run's language."""
        return Voice(self.lang, self.messages)

    def say(self, key: str, **fields: object) -> str:
        """The rule's message ``key`` in the run's language, with its fields filled in."""
        return self.messages[key].render(self.lang, **fields)

    def day(self, value: dt.date) -> str:
        """A date as the run's language writes it (2025年2月19日 / 2025-02-19)."""
        return self.voice.day(value)

    def join(self, items: Iterable[str]) -> str:
        """A list as the run's language writes it (A、B / A, B)."""
        return self.voice.join(items)

    def lines(self, numbers: Iterable[int]) -> str:
        """Line numbers (12・15行目 / lines 12, 15)."""
        return self.voice.lines(numbers)

    def line_range(self, first: int, last: int) -> str:
        """A run of lines (13〜17行目 / lines 13-17)."""
        return self.voice.line_range(first, last)

    def span(self, start: int, end: int) -> Span:
        return self.article.span(start, end)

    def violation(
        self,
        start: int,
        end: int,
        message: str,
        fix: Fix | None = None,
        cap: Severity | None = None,
    ) -> Violation:
        return Violation(span=self.span(start, end), message=message, fix=fix, cap=cap)


class Rule:
    """Base class of every rule. Subclasses set the class attributes and :meth:`check`."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    Options: ClassVar[type[RuleOptions]] = RuleOptions
    #: Off unless selected by its exact code or name (opt-in rules).
    default_enabled: ClassVar[bool] = True
    #: "stable" or "preview".
    stability: ClassVar[str] = "stable"
    #: Which part of the article the rule inspects (article, card, sentence, mention…).
    scope: ClassVar[str] = "article"
    #: Whether its findings carry a fix; every rule declares it (no default).
    fix_availability: ClassVar[FixAvailability]

    #: The rule's messages, by situation, in every language (:mod:`.messages`).
    messages: ClassVar[dict[str, Message]] = {}
    #: The rule's doc in Japanese, in the shape of the (English) docstring.
    doc_ja: ClassVar[str] = ""

    def check(self, ctx: Context) -> Iterable[Violation]:
        raise NotImplementedError

    # ------------------------------------------------------------------ docs
    @classmethod
    def has_doc(cls, lang: str) -> bool:
        """Whether the rule is documented in ``lang`` (else :meth:`doc` falls back to
        English)."""
        return bool(cls.__doc__ if lang == "en" else cls.doc_ja)

    @classmethod
    def doc(cls, lang: str = DEFAULT_LANGUAGE) -> str:
        """The rule's doc in ``lang`` (English where no Japanese doc is written yet)."""
        import inspect

        text = cls.doc_ja if lang != "en" and cls.doc_ja else cls.__doc__
        return inspect.cleandoc(text or "")

    @classmethod
    def doc_sections(cls, lang: str = DEFAULT_LANGUAGE) -> dict[str, str]:
        """The doc split into its sections by key (``flags``, ``why``, ``bad``, ``good``,
        ``safety``), and the leading ``summary``."""
        titles: dict[str, str] = {}
        for key, by_lang in DOC_SECTIONS.items():
            for title in by_lang.values():
                titles[title] = key
        titles.update(_LEGACY_SECTIONS)
        pattern = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
        parts = re.split(rf"^({pattern})[:：][ \t]*", cls.doc(lang), flags=re.M)
        out = {"summary": parts[0].strip()}
        for i in range(1, len(parts) - 1, 2):
            out[titles[parts[i]]] = parts[i + 1].strip()
        return out

    @classmethod
    def summary(cls, lang: str = DEFAULT_LANGUAGE) -> str:
        """The first line of the doc in ``lang``."""
        head = cls.doc_sections(lang)["summary"]
        return head.splitlines()[0] if head else cls.name


class CorpusRule(Rule):
    """A rule that judges each article against every other article of the run."""

    scope: ClassVar[str] = "corpus"

    def check(self, ctx: Context) -> Iterable[Violation]:
        return ()

    def collect(self, ctx: Context) -> Any:
        """A compact, picklable summary of one article for :meth:`finish`."""
        raise NotImplementedError

    def keys(self, summary: Any) -> Iterable[tuple[str, Any]]:
        """The summary of one article as ``(key, record)`` pairs: what :meth:`finish`
        groups by key. Articles meet only through equal keys, so a run over many machines
        can group the records by key anywhere and call :meth:`finish_group` per key."""
        raise NotImplementedError

    def finish_group(
        self,
        key: str,
        members: list[tuple[str, Any]],
        options: Any,
        extras: dict[str, Any],
        lang: str = DEFAULT_LANGUAGE,
    ) -> Iterator[tuple[str, Violation]]:
        """Findings ``(path, violation)`` of one key, with messages in ``lang``:
        ``members`` are the ``(path, record)`` pairs of every article of the run with that
        key, in run order (articles in input order, each article's records in the order
        :meth:`keys` gave them)."""
        raise NotImplementedError

    def finish(
        self,
        summaries: list[tuple[str, Any]],
        options: Any,
        extras: dict[str, Any],
        lang: str = DEFAULT_LANGUAGE,
    ) -> Iterator[tuple[str, Violation]]:
        """Findings ``(path, violation)`` over every article's summary, with messages in
        ``lang``: the records grouped by key (in one process), then :meth:`finish_group`
        per key."""
        groups: dict[str, list[tuple[str, Any]]] = {}
        for path, summary in summaries:
            for key, record in self.keys(summary):
                groups.setdefault(key, []).append((path, record))
        for key, members in groups.items():
            yield from self.finish_group(key, members, options, extras, lang)
