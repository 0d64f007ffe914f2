#!/usr/bin/env python3
"""Score digest-lint findings against an expectation file.

    digest-lint check --format json DIR > findings.json
    python3 score.py EXPECTED.json findings.json [--quiet]

EXPECTED.json has "must" and "must_not" lists of {file, code, lines: [a, b] | null, why}
and optionally "clean": [file, ...] (files where any error or warning is a false positive).
findings.json is digest-lint's JSON output: a list of findings, or an object with a
"findings" list; a finding has at least "path", "line", "code" and "severity".
Prints one line per miss and per violation, then a summary line; exits 1 if anything
was missed or violated, else 0.
"""

import json
import sys
from pathlib import PurePath


def load_findings(path):
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    if isinstance(data, dict):
        data = data.get("findings", [])
    out = []
    for f in data:
        out.append(
            {
                "file": PurePath(f["path"]).name,
                "line": int(f["line"]),
                "code": f["code"],
                "severity": f.get("severity", "warning"),
            }
        )
    return out


def hits(entry, findings):
    lo, hi = entry["lines"] if entry.get("lines") else (1, 10**9)
    return [
        f
        for f in findings
        if f["file"] == entry["file"] and f["code"] == entry["code"] and lo <= f["line"] <= hi
    ]


def main(argv):
    quiet = "--quiet" in argv
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 2:
        print(__doc__)
        return 2
    with open(args[0], encoding="utf-8") as fh:
        expected = json.load(fh)
    findings = load_findings(args[1])
    must, must_not = expected.get("must", []), expected.get("must_not", [])
    missed = [e for e in must if not hits(e, findings)]
    violated = [(e, hits(e, findings)) for e in must_not if hits(e, findings)]
    explained = set()
    for e in must:
        for f in hits(e, findings):
            explained.add((f["file"], f["line"], f["code"]))
    clean = set(expected.get("clean", []))
    false_pos = [
        f for f in findings if f["file"] in clean and f["severity"] in ("error", "warning")
    ]
    extras = [
        f
        for f in findings
        if (f["file"], f["line"], f["code"]) not in explained and f["file"] not in clean
    ]
    if not quiet:
        for e in missed:
            print(f"MISSED   {e['file']} {e['code']} lines {e['lines']}: {e['why']}")
        for e, fs in violated:
            lines = ",".join(str(f["line"]) for f in fs)
            print(f"WRONG    {e['file']} {e['code']} at line {lines}: {e['why']}")
        for f in false_pos:
            print(f"FALSEPOS {f['file']} {f['code']} line {f['line']} (clean file)")
    caught = len(must) - len(missed)
    print(
        f"recall {caught}/{len(must)}; must_not broken {len(violated)}/{len(must_not)}; "
        f"clean-file false positives {len(false_pos)}; other findings {len(extras)}"
    )
    return 1 if (missed or violated or false_pos) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
