"""JUnit XML: one test suite per run, one test case per article (failures = findings)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from digest_lint.formatters import FormatContext
from digest_lint.model.findings import Finding


def format_junit(findings: list[Finding], ctx: FormatContext) -> str:
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_path[f.path].append(f)
    paths = list(dict.fromkeys([*ctx.paths, *by_path]))
    failed = sum(1 for p in paths if by_path.get(p))
    root = ET.Element("testsuites", name="digest-lint", tests=str(len(paths)))
    root.set("failures", str(failed))
    suite = ET.SubElement(
        root,
        "testsuite",
        name="digest-lint",
        tests=str(len(paths)),
        failures=str(failed),
        errors="0",
        skipped="0",
    )
    for path in paths:
        case = ET.SubElement(suite, "testcase", name=path, classname="digest-lint", file=path)
        found = by_path.get(path, [])
        if not found:
            continue
        failure = ET.SubElement(
            case,
            "failure",
            message=f"{len(found)} problem{'s' if len(found) != 1 else ''}",
            type=found[0].severity.value,
        )
        failure.text = "\n".join(
            f"{f.path}:{f.line}:{f.column}: {f.code} [{f.name}] ({f.severity.value}) {f.message}"
            for f in found
        )
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
