"""Every rule case of ``tests/rule_cases/*.yaml`` through the real engine.

For each case: the exact spans of every finding of the selected rules (no extra, none
missing); the findings agree with the rule's :class:`FixAvailability`; the safe fixes
(and the unsafe ones) give the case's ``fixed`` (``fixed_unsafe``) text, or leave the
text untouched when it gives none; a fixed text clears the findings that were fixed and
re-lints with every default rule without a finding that was not there before (compared
by code and flagged text, since lines move). The schema is in :mod:`tests.cases`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from digest_lint.model.findings import Finding
from digest_lint.rules.base import FixAvailability
from tests.cases import (
    CaseFileError,
    LoadedCase,
    all_cases,
    engine_for,
    fixable,
    fixed_text,
    key,
    lint,
    load_file,
    marked,
    new_findings,
    span_report,
    text_diff,
)
from tests.cases import (
    main as cases_main,
)


def _params() -> list[Any]:
    out = []
    for case in all_cases():
        marks = []
        if case.case.xfail:
            marks.append(pytest.mark.xfail(strict=True, reason=case.case.xfail))
        out.append(pytest.param(case, id=case.id, marks=marks))
    return out


@pytest.mark.parametrize("case", _params())
def test_rule_case(case: LoadedCase) -> None:
    engine = engine_for(case)
    sources = case.case.sources()
    found = lint(engine, sources)
    if sorted(key(f) for f in found) != case.expected():
        pytest.fail(span_report(case, found), pytrace=False)
    by_key = {key(f): f for f in found}
    for want in case.case.findings:
        actual = by_key[case.key_of(want)]
        if want.severity is not None and actual.severity != want.severity:
            where = f"{actual.code} at {actual.line}:{actual.column}"
            pytest.fail(f"{case.id}: {where} is {actual.severity}, not {want.severity}")

    own = [f for f in found if f.code == case.rule.code]
    availability = case.rule.fix_availability
    if availability is FixAvailability.NEVER:
        assert all(f.fix is None for f in own), f"{case.id}: a fix from a rule that never fixes"
    if availability is FixAvailability.ALWAYS:
        assert all(f.fix is not None for f in own), f"{case.id}: a finding without a fix"

    if case.case.articles is not None:
        for path, text in sources.items():
            assert fixed_text(engine, path, text, unsafe=True) == text, f"{path} was changed"
        return
    ((path, text),) = sources.items()
    safe, unsafe = case.case.fixed_texts()
    for is_unsafe, expected in ((False, safe), (True, unsafe)):
        got = fixed_text(engine, path, text, unsafe=is_unsafe)
        label = "fixed_unsafe" if is_unsafe else "fixed"
        if got != expected:
            what = "left untouched" if expected == text else f"its {label} text"
            pytest.fail(
                f"{case.where}: {case.id}: the {'unsafe' if is_unsafe else 'safe'} fixes do "
                f"not give {what}:\n{text_diff(expected, got)}",
                pytrace=False,
            )
        if got != text:
            _round_trip(case, path, text, got, found, is_unsafe)


def _round_trip(
    case: LoadedCase, path: str, text: str, fixed: str, found: list[Finding], unsafe: bool
) -> None:
    """The fixed text: the fixed findings are gone and no rule finds anything new."""
    every = engine_for(case, every_rule=True)
    after = lint(every, {path: fixed})
    new = new_findings(after, lint(every, {path: text}), text, fixed)
    if new:
        lines = [f"  {f.code} {f.line}:{f.column} {f.snippet!r}: {f.message}" for f in new]
        pytest.fail(
            f"{case.where}: {case.id}: the fixed text has findings the text had not:\n"
            + "\n".join(lines)
            + f"\nfixed text:\n{fixed}",
            pytrace=False,
        )
    unfixed = [f for f in found if f.code == case.rule.code and not fixable(f, unsafe)]
    mine = [f for f in after if f.code == case.rule.code]
    left = new_findings(mine, unfixed, text, fixed)
    if left:
        shown = ", ".join(f"{f.line}:{f.column} {f.snippet!r}" for f in left)
        pytest.fail(f"{case.where}: {case.id}: the fix did not clear: {shown}", pytrace=False)


# ---------------------------------------------------------------- the schema
def _write(tmp_path: Path, body: str, name: str = "DL502.yaml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


GOOD = """rule: DL502
cases:
  - name: doubled
    text: "停戦は実現するのか?。"
    findings: [{line: 1, column: 10, end_line: 1, end_column: 12}]
    fixed: "停戦は実現するのか?"
"""


def test_a_good_file_loads(tmp_path: Path) -> None:
    (case,) = load_file(_write(tmp_path, GOOD))
    assert case.line == 3 and case.id == "DL502: doubled"
    assert case.expected() == [("t.txt", "DL502", 1, 10, 1, 12)]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("fixed:", "fix:"), ":3: cases.0.fix: Extra inputs are not permitted"),
        (("end_column: 12", "end_col: 12"), "cases.0.findings.0.end_column: Field required"),
        (("    findings:", "    finding:"), "cases.0.findings: Field required"),
        (("text:", "txt:"), "cases.0.txt: Extra inputs are not permitted"),
        (("    text:", "    page: {}\n    text:"), "give one of text, page or articles"),
        (("rule: DL502", "rule: DL999"), "rule 'DL999' is not a rule code"),
        (("line: 1,", "line: '1',"), "cases.0.findings.0.line: Input should be a valid integer"),
        (("  - name: doubled\n", "  - name: doubled\n    options: {tolerance: 1}\n"), "options"),
        (("  - name: doubled\n", "  - name: doubled\n    select: [DL9]\n"), "'DL9' is not a rule"),
        (
            ("  - name: doubled\n", "  - name: doubled\n    config: {undatd: as-of}\n"),
            "config.undatd",
        ),
        (
            ("  - name: doubled\n", "  - name: doubled\n    config: {select: [DL1]}\n"),
            "config: give ['select'] as the case's own keys",
        ),
        (("line: 1, column: 10,", "line: 1, column: 10, severity: fatal,"), "severity"),
    ],
)
def test_a_typo_in_a_case_is_an_error(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    path = _write(tmp_path, GOOD.replace(*change))
    with pytest.raises(CaseFileError, match=re.escape(message)):
        load_file(path)


def test_a_file_is_named_after_its_rule(tmp_path: Path) -> None:
    with pytest.raises(CaseFileError, match=r"name it DL502\.yaml"):
        load_file(_write(tmp_path, GOOD, "DL503.yaml"))


def test_a_case_name_is_given_once(tmp_path: Path) -> None:
    body = GOOD + '  - name: doubled\n    text: "x"\n    findings: []\n'
    with pytest.raises(CaseFileError, match=":7: a second case named 'doubled'"):
        load_file(_write(tmp_path, body))


def test_failure_report_marks_expected_and_actual_spans() -> None:
    text = "一行目\n停戦は実現するのか?。\n"
    shown = marked(text, [("t.txt", "DL502", 2, 10, 2, 12)], "t.txt")
    assert shown == "     2 | 停戦は実現するのか⟦1:?。⟧"
    assert marked(text, [], "t.txt") == "    (none)"


# ---------------------------------------------------------------- the runner
def _failure(tmp_path: Path, body: str, name: str = "DL502.yaml") -> str:
    (case,) = load_file(_write(tmp_path, body, name))
    with pytest.raises(pytest.fail.Exception) as exc:
        test_rule_case(case)
    return str(exc.value)


def test_the_runner_fails_on_a_wrong_span_and_marks_both(tmp_path: Path) -> None:
    message = _failure(tmp_path, GOOD.replace("column: 10,", "column: 9,"))
    assert "the findings differ" in message
    assert "停戦は実現するの⟦1:か?。⟧" in message and "停戦は実現するのか⟦1:?。⟧" in message
    assert "- {line: 1, column: 10, end_line: 1, end_column: 12}" in message


def test_the_runner_fails_on_a_wrong_fixed_text(tmp_path: Path) -> None:
    message = _failure(tmp_path, GOOD.replace('fixed: "停戦は実現するのか?"', 'fixed: "停戦"'))
    assert "the safe fixes do not give its fixed text" in message
    assert "\n-停戦" in message and "\n+停戦は実現するのか?" in message


def test_the_runner_fails_on_a_fix_the_case_does_not_expect(tmp_path: Path) -> None:
    message = _failure(tmp_path, GOOD.replace('    fixed: "停戦は実現するのか?"\n', ""))
    assert "the safe fixes do not give left untouched" in message


def test_the_runner_fails_on_a_finding_that_a_fix_brings(tmp_path: Path) -> None:
    """A house pack where ``？ま`` is a doubled mark: DL503's fix of ``?ま`` brings DL502."""
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "writing.yaml").write_text(
        "source: test\nchecked: 2026-01-01\ndoubled_punctuation: ['？ま']\n", encoding="utf-8"
    )
    body = (
        "rule: DL503\ncases:\n  - name: brings\n"
        f"    config: {{packs: ['{packs}']}}\n"
        '    text: "交渉はまとまるのか?まだ分からない。\\n"\n'
        "    findings: [{line: 1, column: 10, end_line: 1, end_column: 11}]\n"
        '    fixed: "交渉はまとまるのか？まだ分からない。\\n"\n'
    )
    message = _failure(tmp_path, body, "DL503.yaml")
    assert "the fixed text has findings the text had not" in message
    assert "DL502 1:10 '？ま'" in message


def test_the_case_printer_gives_yaml_to_paste(capsys: pytest.CaptureFixture[str]) -> None:
    assert cases_main(["DL502"]) == 0
    out = capsys.readouterr().out
    assert "# tests/rule_cases/DL502.yaml:3: doubled question mark and full stop\n" in out
    assert "findings:\n  - {line: 1, column: 10, end_line: 1, end_column: 12}\n" in out
    assert 'fixed: "停戦は実現するのか?"\n' in out
