"""``digest-lint rules`` and ``digest-lint explain``: the rule catalog."""

from __future__ import annotations

import json

import click

from digest_lint.cli._shared import fail


@click.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text")
def list_rules(fmt: str) -> None:
    """List every rule: code, name, default severity, and whether it is on by default.

    ``--format markdown`` prints the full reference (docs/rules.md)."""
    from digest_lint.rules import RULES

    if fmt == "markdown":
        from digest_lint.rules.docs import markdown

        click.echo(markdown(RULES), nl=False)
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
                "summary": r.summary(),
            }
            for r in RULES
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for r in RULES:
        flags = "" if r.default_enabled else "  (opt-in)"
        click.echo(f"{r.code}  {r.name:<28} {r.severity.value:<8} {r.summary()}{flags}")


@click.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Print a rule's documentation (by code or name)."""
    from digest_lint.engine.engine import resolve_rule
    from digest_lint.rules.docs import explain_text

    cls = resolve_rule(rule)
    if cls is None:
        from digest_lint.config import close_match
        from digest_lint.rules import RULES

        hint = close_match(rule, [r.name for r in RULES] + [r.code for r in RULES])
        fail(f"unknown rule {rule!r}{hint} (see `digest-lint rules`)")
    click.echo(explain_text(cls), nl=False)
