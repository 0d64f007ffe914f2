"""What a rule is: code, name, severity, options, a self-describing docstring and a check.

A rule's class docstring has four sections, which ``digest-lint explain CODE`` prints and
the docs are generated from::

    What it flags: …
    Why it matters: …
    Example: …
    Fix: …

Per-article rules implement :meth:`Rule.check`. Corpus rules (which see every article
of one run) implement :meth:`CorpusRule.collect`, returning a small picklable summary per
article, and :meth:`CorpusRule.finish`, which sees all summaries: never whole articles, so
memory stays flat however large the run.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict

from digest_lint.model import messages
from digest_lint.model.findings import Fix, Severity, Violation
from digest_lint.model.messages import DEFAULT_LANGUAGE, Message
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


DOC_SECTIONS = ("What it flags", "Why it matters", "Example", "Fix")


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

    def say(self, key: str, **fields: object) -> str:
        """The rule's message ``key`` in the run's language, with its fields filled in."""
        return self.messages[key].render(self.lang, **fields)

    def day(self, value: dt.date) -> str:
        """A date as the run's language writes it (2025年2月19日 / 2025-02-19)."""
        return messages.day(value, self.lang)

    def join(self, items: Iterable[str]) -> str:
        return messages.join(items, self.lang)

    def lines(self, numbers: Iterable[int]) -> str:
        return messages.lines(numbers, self.lang)

    def line_range(self, first: int, last: int) -> str:
        return messages.line_range(first, last, self.lang)

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

    def check(self, ctx: Context) -> Iterable[Violation]:
        raise NotImplementedError

    # ------------------------------------------------------------------ docs
    @classmethod
    def doc(cls) -> str:
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def doc_sections(cls) -> dict[str, str]:
        """The docstring split into its named sections (and a leading summary)."""
        text = cls.doc()
        names = "|".join(re.escape(s) for s in DOC_SECTIONS)
        parts = re.split(rf"^({names}):[ \t]*", text, flags=re.M)
        out = {"summary": parts[0].strip()}
        for i in range(1, len(parts) - 1, 2):
            out[parts[i]] = parts[i + 1].strip()
        return out

    @classmethod
    def summary(cls) -> str:
        return cls.doc_sections()["summary"].splitlines()[0] if cls.__doc__ else cls.name


class CorpusRule(Rule):
    """A rule that judges each article against every other article of the run."""

    scope: ClassVar[str] = "corpus"

    def check(self, ctx: Context) -> Iterable[Violation]:
        return ()

    def collect(self, ctx: Context) -> Any:
        """A compact, picklable summary of one article for :meth:`finish`."""
        raise NotImplementedError

    def finish(
        self, summaries: list[tuple[str, Any]], options: Any, extras: dict[str, Any]
    ) -> Iterator[tuple[str, Violation]]:
        """Findings ``(path, violation)`` over every article's summary."""
        raise NotImplementedError
