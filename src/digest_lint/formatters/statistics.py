"""``--statistics``: the number of findings per rule, in place of the findings."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator

from digest_lint.formatters import FormatContext
from digest_lint.model.findings import Applicability, Finding
from digest_lint.model.messages import Message, counted, said

MESSAGES = {
    "problem": Message(ja="{n}件の問題", en="{n} problem"),
    "problems": Message(ja="{n}件の問題", en="{n} problems"),
    "total": Message(ja="合計{problems}。", en="Found {problems}."),
}


def iter_statistics(fmt: str, findings: Iterable[Finding], ctx: FormatContext) -> Iterator[str]:
    """A table (``count  code  name  fixable``), or JSON records for ``json``/``jsonl``."""
    counts: Counter[tuple[str, str]] = Counter()
    fixable: Counter[str] = Counter()
    for f in findings:
        counts[(f.code, f.name)] += 1
        if f.fix is not None and f.fix.applicability == Applicability.SAFE:
            fixable[f.code] += 1
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    records = [
        {"code": code, "name": name, "count": n, "fixable": fixable[code]}
        for (code, name), n in rows
    ]
    if fmt == "json":
        yield json.dumps(records, ensure_ascii=False, indent=2) + "\n"
        return
    if fmt == "jsonl":
        for record in records:
            yield json.dumps(record, ensure_ascii=False) + "\n"
        return
    for (code, name), n in rows:
        mark = " [*]" if fixable[code] else ""
        yield f"{n:5d}\t{code}\t{name}{mark}\n"
    if not ctx.quiet:
        total = sum(counts.values())
        if total:
            problems = counted(total, MESSAGES["problem"], MESSAGES["problems"])
            yield said(MESSAGES["total"], problems=problems).render(ctx.lang) + "\n"
