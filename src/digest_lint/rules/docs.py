"""Rule documentation generated from the rules themselves (``docs/rules.md``), in Japanese
(the default) or English.

The same text serves ``digest-lint explain CODE``, ``digest-lint rules``, the SARIF rule
metadata, the language server's hover and the Markdown reference, so the docs cannot
drift from the code. The words the pages add around the rules' own docs are the
catalog :data:`PAGE` below.
"""

from __future__ import annotations

import json
import re
import unicodedata

from digest_lint.model.messages import DEFAULT_LANGUAGE, SEVERITY_NAMES, Message
from digest_lint.rules.base import (
    DOC_SECTIONS,
    FixAvailability,
    Rule,
    option_description,
    section_title,
)

PAGE = {
    "head": Message(
        ja="{code} {name}（既定の重大度: {severity}{opt_in}）",
        en="{code} {name} (default severity: {severity}{opt_in})",
    ),
    "opt-in": Message(ja="、既定では無効", en=", opt-in"),
    "options": Message(ja="オプション", en="Options"),
    "fix": Message(ja="自動修正: {fix}。", en="Fix availability: {fix}."),
    "title": Message(ja="# ルール一覧", en="# Rule reference"),
    "intro": Message(
        ja="`digest-lint rules --format markdown` が各ルールの説明から生成したページです。"
        "手で編集しないでください。\nアンカーはコードの小文字です（`#dl302`）。"
        "English: [rules.en.md](rules.en.md)。",
        en="Generated from the rules' docs by `digest-lint rules --format markdown --lang en`;"
        "\ndo not edit by hand. Anchors are the lower-case codes (`#dl302`). "
        "日本語: [rules.md](rules.md).",
    ),
    "table": Message(
        ja="| コード | 名前 | 既定の重大度 | 既定で有効 | 自動修正 | 概要 |",
        en="| code | name | default severity | on by default | fix | summary |",
    ),
    "on": Message(ja="有効", en="yes"),
    "off": Message(ja="無効（コードを指定して有効に）", en="opt-in"),
    "facts": Message(
        ja="既定の重大度: **{severity}**。対象: {scope}。{enabled}。自動修正: {fix}。",
        en="Default severity: **{severity}**; scope: {scope}; {enabled}; fix: {fix}.",
    ),
    "enabled": Message(ja="既定で有効", en="on by default"),
    "disabled": Message(
        ja="既定では無効（コードを指定すると有効）", en="opt-in (select it by code)"
    ),
}

#: How the docs word each :class:`FixAvailability`.
FIX_WORDS = {
    FixAvailability.ALWAYS: Message(
        ja="常にあり（どの指摘にも修正があります）", en="always (every finding carries a fix)"
    ),
    FixAvailability.SOMETIMES: Message(
        ja="場合による（修正のある指摘とない指摘があります）",
        en="sometimes (some findings carry a fix)",
    ),
    FixAvailability.NEVER: Message(
        ja="なし（自動修正はありません）", en="never (no automatic fix)"
    ),
}
#: Short forms for the table of rules.
FIX_SHORT = {
    FixAvailability.ALWAYS: Message(ja="常に", en="always"),
    FixAvailability.SOMETIMES: Message(ja="場合による", en="sometimes"),
    FixAvailability.NEVER: Message(ja="なし", en="never"),
}

#: What each scope is called in the docs.
SCOPES = {
    "article": Message(ja="記事", en="article"),
    "card": Message(ja="カード", en="card"),
    "sentence": Message(ja="文", en="sentence"),
    "mention": Message(ja="人物の言及", en="mention"),
    "date": Message(ja="日付", en="date"),
    "corpus": Message(ja="記事群（一度に確認する記事すべて）", en="corpus"),
}


def unwrap(text: str, lang: str) -> str:
    """Paragraphs on one line each, for Markdown: a line break inside a paragraph renders
    as a space, which Japanese text must not get next to its characters (English text
    keeps it, except between two Japanese characters)."""
    paragraphs = []
    for para in re.split(r"\n\s*\n", text):
        out = ""
        for line in para.splitlines():
            line = line.strip()
            if out and line:
                wide = [unicodedata.east_asian_width(c) in "WF" for c in (out[-1], line[0])]
                joins = any(wide) if lang != "en" else all(wide)
                out += line if joins else " " + line
            else:
                out += line
        paragraphs.append(out)
    return "\n\n".join(paragraphs)


def _say(key: str, lang: str, **fields: object) -> str:
    return PAGE[key].render(lang, **fields)


def severity_name(value: str, lang: str) -> str:
    """``error`` / エラー, ``warning`` / 警告, ``info`` / 情報."""
    return SEVERITY_NAMES[value].render(lang)


def options_lines(rule: type[Rule], lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """``key = default  # description`` (TOML) for each option of the rule."""
    out = []
    for name, field in rule.Options.model_fields.items():
        key = name.replace("_", "-")
        value = json.dumps(field.default, ensure_ascii=False)
        description = option_description(field, lang)
        note = f"  # {description}" if description else ""
        out.append(f"{key} = {value}{note}")
    return out


def explain_text(rule: type[Rule], lang: str = DEFAULT_LANGUAGE) -> str:
    """``digest-lint explain CODE``: the rule's doc and options in ``lang``."""
    opt_in = "" if rule.default_enabled else _say("opt-in", lang)
    head = _say(
        "head",
        lang,
        code=rule.code,
        name=rule.name,
        severity=severity_name(rule.severity.value, lang),
        opt_in=opt_in,
    )
    body = rule.doc(lang)
    body += "\n\n" + _say("fix", lang, fix=FIX_WORDS[rule.fix_availability].render(lang))
    opts = options_lines(rule, lang)
    if opts:
        body += f"\n\n{_say('options', lang)}:\n" + "\n".join(f"  {line}" for line in opts)
    return f"{head}\n\n{body}\n"


def markdown(rules: tuple[type[Rule], ...], lang: str = DEFAULT_LANGUAGE) -> str:
    """The rule reference as Markdown in ``lang``, one anchored section per rule."""
    out = [_say("title", lang), "", _say("intro", lang), "", _say("table", lang)]
    out.append("|---|---|---|---|---|---|")
    for r in rules:
        on = _say("on" if r.default_enabled else "off", lang)
        severity = severity_name(r.severity.value, lang)
        fix = FIX_SHORT[r.fix_availability].render(lang)
        out.append(
            f"| [{r.code}](#{r.code.lower()}) | {r.name} | {severity} | {on} | {fix} | "
            f"{r.summary(lang)} |"
        )
    for r in rules:
        sections = r.doc_sections(lang)
        out += ["", f'<a id="{r.code.lower()}"></a>', f"## {r.code} {r.name}", ""]
        out.append(unwrap(sections["summary"], lang))
        out.append("")
        scope = SCOPES[r.scope].render(lang) if r.scope in SCOPES else r.scope
        out.append(
            _say(
                "facts",
                lang,
                severity=severity_name(r.severity.value, lang),
                scope=scope,
                enabled=_say("enabled" if r.default_enabled else "disabled", lang),
                fix=FIX_WORDS[r.fix_availability].render(lang),
            )
        )
        for key in DOC_SECTIONS:
            if sections.get(key):
                out += ["", f"### {section_title(key, lang)}", "", unwrap(sections[key], lang)]
        opts = options_lines(r, lang)
        if opts:
            out += ["", f"### {_say('options', lang)}", "", "```toml", f"[rules.{r.code}]"]
            out += [*opts, "```"]
    return "\n".join(out) + "\n"
