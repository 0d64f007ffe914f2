"""SARIF 2.1.0: one run, the rules of the run with their docs, one result per finding.

Regions use 1-based lines and columns counted in Unicode code points
(``run.columnKind = "unicodeCodePoints"``); ``endColumn`` is exclusive, as in SARIF.
Rule metadata comes from each rule's doc sections (:meth:`Rule.doc_sections`) in the
run's language, like the messages.
Fixes travel as SARIF ``fixes`` (a replacement of the flagged region's fix span).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

from digest_lint import __version__
from digest_lint.formatters import FormatContext
from digest_lint.model.findings import Finding, Severity, docs_url
from digest_lint.model.messages import DEFAULT_LANGUAGE, Message
from digest_lint.rules.base import DOC_SECTIONS, Rule, section_title

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> tuple[str, str | None]:
    """``(uri, uriBaseId)`` of a finding's path."""
    if os.path.isabs(path):
        return Path(path).as_uri(), None
    return quote(Path(path).as_posix(), safe="/"), "%SRCROOT%"


def rule_descriptor(
    rule: type[Rule], severity: Severity, lang: str = DEFAULT_LANGUAGE
) -> dict[str, object]:
    sections = rule.doc_sections(lang)
    summary = rule.summary(lang)
    shown = [(section_title(key, lang), sections[key]) for key in DOC_SECTIONS if sections.get(key)]
    body = [f"{title}: {text}" for title, text in shown]
    markdown = [f"**{title}:** {text}" for title, text in shown]
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": sections.get("flags") or summary},
        "help": {
            "text": "\n\n".join(body) or summary,
            "markdown": "\n\n".join(markdown) or summary,
        },
        "helpUri": docs_url(rule.code, lang),
        "defaultConfiguration": {"level": _LEVEL[severity], "enabled": rule.default_enabled},
        "properties": {"scope": rule.scope, "stability": rule.stability},
    }


def _fingerprint(f: Finding) -> str:
    key = "\0".join((Path(f.path).as_posix(), f.code, f.snippet or f.message))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


#: What a fix is called, in each language.
FIX_KINDS = {
    "safe": Message(ja="安全な修正", en="safe fix"),
    "unsafe": Message(ja="要確認の修正", en="unsafe fix"),
}


def _result(f: Finding, index: int | None, lang: str) -> dict[str, object]:
    uri, base = _uri(f.path)
    location: dict[str, object] = {"uri": uri}
    if base:
        location["uriBaseId"] = base
    region: dict[str, object] = {
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
    }
    if f.snippet:
        region["snippet"] = {"text": f.snippet}
    result: dict[str, object] = {
        "ruleId": f.code,
        "level": _LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
        "partialFingerprints": {"digestLint/v1": _fingerprint(f)},
        "properties": {"name": f.name},
    }
    if index is not None:
        result["ruleIndex"] = index
    if f.fix is not None:
        result["fixes"] = [
            {
                "description": {"text": FIX_KINDS[f.fix.applicability.value].render(lang)},
                "artifactChanges": [
                    {
                        "artifactLocation": location,
                        "replacements": [
                            {
                                "deletedRegion": {
                                    "startLine": f.fix.line,
                                    "startColumn": f.fix.column,
                                    "endLine": f.fix.end_line,
                                    "endColumn": f.fix.end_column,
                                },
                                "insertedContent": {"text": f.fix.replacement},
                            }
                        ],
                    }
                ],
            }
        ]
    return result


def format_sarif(found: Iterable[Finding], ctx: FormatContext) -> str:
    findings = list(found)
    rules = list(ctx.rules)
    listed = {r.code for r, _ in rules}
    missing = {f.code for f in findings} - listed
    if missing:
        from digest_lint.rules import RULES

        rules += [(r, r.severity) for r in RULES if r.code in missing]
    index = {r.code: i for i, (r, _) in enumerate(rules)}
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "digest-lint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": "https://github.com/digest-lint/digest-lint",
                        "rules": [rule_descriptor(r, sev, ctx.lang) for r, sev in rules],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "language": ctx.lang,
                "results": [_result(f, index.get(f.code), ctx.lang) for f in findings],
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
