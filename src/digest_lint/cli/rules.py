"""``digest-lint rules`` and ``digest-lint explain``: the rule catalog, in Japanese by
default (``--lang en``)."""

from __future__ import annotations

import json
import re

import click

from digest_lint.cli._shared import LANG_OPTION_HELP, fail, listing_language


@click.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text")
@click.option("--lang", type=click.Choice(["ja", "en"]), default=None, help=LANG_OPTION_HELP)
def list_rules(fmt: str, lang: str | None) -> None:
    """List every rule: code, name, default severity, and whether it is on by default.

    ``--format markdown`` prints the full reference (docs/rules.md; docs/rules.en.md with
    ``--lang en``)."""
    from digest_lint.rules import RULES

    language = listing_language(lang)
    if fmt == "markdown":
        from digest_lint.rules.docs import markdown

        click.echo(markdown(RULES, language), nl=False)
        return
    if fmt == "json":
        data = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.value,
                "default_enabled": r.default_enabled,
                "stability": r.stability,
                "fix_availability": r.fix_availability.value,
                "summary": r.summary(language),
            }
            for r in RULES
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    opt_in = "opt-in" if language == "en" else "既定では無効"
    for r in RULES:
        # The docs' ``literals`` as text: 「…」 in Japanese, bare in English.
        summary = re.sub(
            r"``(.+?)``", r"\1" if language == "en" else r"「\1」", r.summary(language)
        )
        flags = "" if r.default_enabled or opt_in in summary else f"  ({opt_in})"
        if flags and language != "en":
            flags = f"  （{opt_in}）"
        click.echo(f"{r.code}  {r.name:<28} {r.severity.value:<8} {summary}{flags}")


@click.command()
@click.argument("rule")
@click.option("--lang", type=click.Choice(["ja", "en"]), default=None, help=LANG_OPTION_HELP)
def explain(rule: str, lang: str | None) -> None:
    """Print a rule's documentation (by code or name)."""
    from digest_lint.cli._shared import said
    from digest_lint.engine.engine import resolve_rule
    from digest_lint.rules.docs import explain_text

    language = listing_language(lang)
    cls = resolve_rule(rule)
    if cls is None:
        from digest_lint.config import hint
        from digest_lint.rules import RULES

        suggestion = hint(rule, [r.name for r in RULES] + [r.code for r in RULES])
        fail(said("unknown-rule", rule=repr(rule), hint=suggestion).render(language))
    click.echo(explain_text(cls, language), nl=False)
