"""Rule documentation generated from the rules themselves (``docs/rules.md``).

The same text serves ``digest-lint explain CODE``, the SARIF rule metadata and the
Markdown reference, so the docs cannot drift from the code.
"""

from __future__ import annotations

import json

from digest_lint.rules.base import DOC_SECTIONS, FixAvailability, Rule

#: How the reference words each :class:`FixAvailability`.
FIX_WORDS = {
    FixAvailability.ALWAYS: "always (every finding carries a fix)",
    FixAvailability.SOMETIMES: "sometimes (some findings carry a fix)",
    FixAvailability.NEVER: "never (no automatic fix)",
}


def options_lines(rule: type[Rule]) -> list[str]:
    """``key = default  # description`` (TOML) for each option of the rule."""
    out = []
    for name, field in rule.Options.model_fields.items():
        key = name.replace("_", "-")
        value = json.dumps(field.default, ensure_ascii=False)
        note = f"  # {field.description}" if field.description else ""
        out.append(f"{key} = {value}{note}")
    return out


def explain_text(rule: type[Rule]) -> str:
    opt_in = "" if rule.default_enabled else ", opt-in"
    head = f"{rule.code} {rule.name} (default severity: {rule.severity.value}{opt_in})\n\n"
    body = rule.doc()
    body += f"\n\nFix availability: {FIX_WORDS[rule.fix_availability]}."
    opts = options_lines(rule)
    if opts:
        body += "\n\nOptions:\n" + "\n".join(f"  {line}" for line in opts)
    return head + body + "\n"


def markdown(rules: tuple[type[Rule], ...]) -> str:
    """The rule reference as Markdown, one anchored section per rule."""
    out = [
        "# Rule reference",
        "",
        "Generated from the rules' docstrings by `digest-lint rules --format markdown`;",
        "do not edit by hand. Anchors are the lower-case codes (`#dl302`).",
        "",
        "| code | name | default severity | on by default | fix | summary |",
        "|---|---|---|---|---|---|",
    ]
    for r in rules:
        on = "yes" if r.default_enabled else "opt-in"
        out.append(
            f"| [{r.code}](#{r.code.lower()}) | {r.name} | {r.severity.value} | {on} | "
            f"{r.fix_availability.value} | {r.summary()} |"
        )
    for r in rules:
        sections = r.doc_sections()
        out += ["", f'<a id="{r.code.lower()}"></a>', f"## {r.code} {r.name}", ""]
        out.append(f"{sections['summary']}")
        out.append("")
        out.append(
            f"Default severity: **{r.severity.value}**; scope: {r.scope}; "
            f"{'on by default' if r.default_enabled else 'opt-in (select it by code)'}; "
            f"fix: {FIX_WORDS[r.fix_availability]}."
        )
        for name in DOC_SECTIONS:
            if sections.get(name):
                out += ["", f"### {name}", "", sections[name]]
        opts = options_lines(r)
        if opts:
            out += ["", "### Options", "", "```toml", f"[rules.{r.code}]", *opts, "```"]
    return "\n".join(out) + "\n"
