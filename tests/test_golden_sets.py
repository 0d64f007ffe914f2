"""Golden sets beyond the seeds: unseen-topic digest pages with planted defects
(fixtures/qa) and clean professional text (fixtures/clean, fixtures/qa/clean_*).

`must` entries need a finding of their code in their lines; `must_not` entries none;
files listed as `clean` must have no finding at all (info included). Known misses are
strict expected failures: fixing one turns the test red until its marker goes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from digest_lint.cli import main
from tests.conftest import expectation_hits

ROOT = Path(__file__).resolve().parent.parent
SETS = {"qa": ROOT / "fixtures" / "qa", "clean": ROOT / "fixtures" / "clean"}

#: (file, code, first line) of planted defects the rules do not catch yet, and why.
KNOWN_MISSES = {
    ("qa_d2_korea.txt", "DL303", 16): "ユン・ソギョル: a spelling no pack or fold relates",
    ("qa_d3_tariff.txt", "DL401", 99): "date tied to the verb of a relative clause",
    ("qa_d4_germany.txt", "DL303", 30): "ワイデル/ヴァイデル: ヴァ→ワ is not folded",
    ("qa_d6_ai.txt", "DL303", 47): "オルトマン/アルトマン: one vowel apart, below the threshold",
}


def _expected(name: str) -> dict:
    return json.loads((SETS[name] / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for name, directory in SETS.items():
        report = tmp_path_factory.mktemp(name) / "f.json"
        result = CliRunner().invoke(
            main,
            [
                "check",
                "--as-of",
                "2026-11-22",
                "--format",
                "json",
                "-o",
                str(report),
                str(directory),
            ],
        )
        assert result.exit_code in (0, 1), result.output
        out[name] = json.loads(report.read_text(encoding="utf-8"))
    return out


_hits = expectation_hits


def _params(kind: str) -> list:
    out = []
    for name in SETS:
        for e in _expected(name)[kind]:
            key = (e["file"], e["code"], e["lines"][0] if e.get("lines") else 0)
            marks = []
            if kind == "must" and key in KNOWN_MISSES:
                marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[key]))
            out.append(
                pytest.param(
                    name, e, id=f"{name}-{e['file'][:14]}-{e['code']}-{e['lines']}", marks=marks
                )
            )
    return out


@pytest.mark.parametrize(("name", "entry"), _params("must"))
def test_must(name: str, entry: dict, findings: dict[str, list[dict]]) -> None:
    assert _hits(entry, findings[name]), f"missed: {entry['why']}"


@pytest.mark.parametrize(("name", "entry"), _params("must_not"))
def test_must_not(name: str, entry: dict, findings: dict[str, list[dict]]) -> None:
    hits = _hits(entry, findings[name])
    assert not hits, f"{entry['why']}: {[h['message'] for h in hits]}"


@pytest.mark.parametrize(
    ("name", "file"),
    [pytest.param(n, f, id=f"{n}-{f}") for n in SETS for f in _expected(n).get("clean", [])],
)
def test_clean_file_has_no_finding(name: str, file: str, findings: dict[str, list[dict]]) -> None:
    assert (SETS[name] / file).exists()
    noise = [
        f"{f['line']}: {f['code']} {f['message']}"
        for f in findings[name]
        if Path(f["path"]).name == file
    ]
    assert not noise, noise
