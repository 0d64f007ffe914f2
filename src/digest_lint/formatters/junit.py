"""JUnit XML: one test suite per run, one test case per article (failures = findings)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable

from digest_lint.formatters import FormatContext
from digest_lint.model.findings import Finding
from digest_lint.model.messages import Message, counted

MESSAGES = {
    "problem": Message(ja="{n}件の問題", en="{n} problem"),
    "problems": Message(ja="{n}件の問題", en="{n} problems"),
}

#: Characters XML 1.0 cannot hold at all (C0 controls but tab, LF and CR; U+FFFE, U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    """``text`` with the characters XML cannot carry written as ``\\x1b`` escapes."""
    return _NOT_XML.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def format_junit(findings: Iterable[Finding], ctx: FormatContext) -> str:
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_path[f.path].append(f)
    paths = list(dict.fromkeys([*ctx.paths, *by_path]))
    failed = sum(1 for p in paths if by_path.get(p))
    tests = len(paths) + len(ctx.failed)
    root = ET.Element("testsuites", name="digest-lint", tests=str(tests))
    root.set("failures", str(failed))
    root.set("errors", str(len(ctx.failed)))
    suite = ET.SubElement(
        root,
        "testsuite",
        name="digest-lint",
        tests=str(tests),
        failures=str(failed),
        errors=str(len(ctx.failed)),
        skipped="0",
    )
    for path, why in ctx.failed:
        name = _xml_text(path)
        case = ET.SubElement(suite, "testcase", name=name, classname="digest-lint", file=name)
        error = ET.SubElement(case, "error", message=_xml_text(why), type="not-checked")
        error.text = _xml_text(f"{path}: {why}")
    for path in paths:
        name = _xml_text(path)
        case = ET.SubElement(suite, "testcase", name=name, classname="digest-lint", file=name)
        found = by_path.get(path, [])
        if not found:
            continue
        failure = ET.SubElement(
            case,
            "failure",
            message=counted(len(found), MESSAGES["problem"], MESSAGES["problems"]).render(ctx.lang),
            type=max(found, key=lambda f: f.severity.rank).severity.value,
        )
        failure.text = _xml_text(
            "\n".join(
                f"{f.path}:{f.line}:{f.column}: {f.code} [{f.name}] ({f.severity.value}) "
                f"{f.message}"
                for f in found
            )
        )
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
