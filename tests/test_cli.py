"""The command line, through click's CliRunner and through the installed console script.

Covers output shapes, exit statuses, selection, config discovery and config errors, and
bad input: every problem is one line naming the file, never a traceback, and the other
files are still checked.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from digest_lint.cli import main
from digest_lint.io.sources import read_source

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"
SEED_001 = next(SEEDS.glob("001_*.txt"))
SEED_003 = next(SEEDS.glob("003_*.txt"))
FINDING_LINE = re.compile(r"^(?P<path>.+?):(\d+):(\d+): (DL\d{3})( \[\*\])? \[([a-z0-9-]+)\] .+$")
JSON_KEYS = {
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "code",
    "name",
    "severity",
    "message",
    "fix",
    "url",
}
#: A short legacy-encodable article (no emoji: ✅ has no Shift_JIS/EUC-JP code).
LEGACY_TEXT = "停戦交渉の行方\nロシアとウクライナの停戦交渉が続いています。\n"


def exe() -> str:
    found = shutil.which("digest-lint")
    if found:
        return found
    local = Path(sys.executable).parent / "digest-lint"
    assert local.exists(), "the digest-lint console script is not installed"
    return str(local)


def run_cli(*args: str, cwd: Path | None = None, stdin: bytes | None = None):
    return subprocess.run(
        [exe(), *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        check=False,
        timeout=120,
    )


def invoke(
    *args: str, input: str | bytes | None = None, env: dict[str, str] | None = None
) -> Result:
    return CliRunner().invoke(main, list(args), input=input, env=env)


def clean_article(tmp_path: Path, name: str = "good.txt") -> Path:
    """Seed 003 with its generic label corrected: clean for the DL1 rules."""
    path = tmp_path / name
    path.write_text(
        SEED_003.read_text(encoding="utf-8").replace("⇒ニュースサイト出典", "⇒毎日新聞出典"),
        encoding="utf-8",
    )
    return path


def assert_no_traceback(*streams: str) -> None:
    for s in streams:
        assert "Traceback" not in s, s


# ------------------------------------------------------------------ output shapes
def test_text_output_is_one_line_per_finding_and_a_summary() -> None:
    result = invoke("check", "--isolated", str(SEEDS))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    findings = [ln for ln in lines if FINDING_LINE.match(ln)]
    assert findings, result.stdout
    assert any(" DL104 [*] [url-glued] " in ln for ln in findings)
    # Japanese by default: 「5ファイル中5ファイルで53件の問題（エラー25、警告22、情報6）」
    assert any(
        re.fullmatch(r"5ファイル中5ファイルで\d+件の問題（エラー\d+.*）", ln) for ln in lines
    )
    assert "件は --fix で修正できます" in result.stdout
    english = invoke("check", "--isolated", "--lang", "en", str(SEEDS)).stdout.splitlines()
    assert any(
        re.fullmatch(r"Found \d+ problems \(\d+ errors, .*\) in 5 of 5 files\.", ln)
        for ln in english
    )
    assert any(ln.startswith("[*] ") and "fixable with --fix" in ln for ln in english)


def test_json_output_shape() -> None:
    result = invoke("check", "--isolated", "--format", "json", str(SEEDS))
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert isinstance(data, list) and data
    for record in data:
        assert set(record) == JSON_KEYS
        assert record["severity"] in {"error", "warning", "info"}
        assert record["line"] >= 1 and record["column"] >= 1
        assert (record["end_line"], record["end_column"]) >= (record["line"], record["column"])
        if record["fix"] is not None:
            assert set(record["fix"]) == {
                "replacement",
                "line",
                "column",
                "end_line",
                "end_column",
                "applicability",
            }
    glued = [r for r in data if r["code"] == "DL104"]
    assert glued and all(r["name"] == "url-glued" and r["fix"] for r in glued)
    assert all(r["fix"]["applicability"] == "safe" for r in glued)


def test_jsonl_output_is_one_object_per_line() -> None:
    result = invoke("check", "--isolated", "--format", "jsonl", str(SEED_001))
    lines = result.stdout.splitlines()
    assert lines and all(set(json.loads(ln)) == JSON_KEYS for ln in lines)


# ------------------------------------------------------------------ exit statuses
def test_exit_0_when_clean(tmp_path: Path) -> None:
    good = clean_article(tmp_path)
    result = invoke("check", "--isolated", "--select", "DL1", str(good))
    assert result.exit_code == 0, result.output
    assert "問題は見つかりませんでした（1ファイル）" in result.stdout
    english = invoke("check", "--isolated", "--lang", "en", "--select", "DL1", str(good))
    assert "All checks passed! (1 file checked)" in english.stdout


def test_exit_1_on_findings() -> None:
    assert invoke("check", "--isolated", "--select", "DL104", str(SEED_001)).exit_code == 1


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["check", "--no-such-option", "x.txt"],
        ["check", "--fail-on", "fatal", "x.txt"],
        ["check", "--as-of", "2025-13-40", "x.txt"],
        ["check", "--format", "yaml", "x.txt"],
        ["check", "--select", "DL999", str(SEED_001)],
        ["check", "--ignore", "no-such-rule", str(SEED_001)],
        ["explain", "DL999"],
        ["explain", "no-such-rule"],
    ],
    ids=lambda a: " ".join(a)[:40],
)
def test_exit_2_on_usage_errors(args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert_no_traceback(result.output)


def test_unknown_rule_message_names_it() -> None:
    result = invoke("check", "--isolated", "--select", "DL999", str(SEED_001))
    assert result.exit_code == 2
    assert "'DL999' に当たるルールがありません" in result.stderr
    result = invoke("check", "--isolated", "--lang", "en", "--select", "DL999", str(SEED_001))
    assert "'DL999' matches no rule" in result.stderr
    result = invoke("explain", "DL999")
    assert "'DL999' というルールはありません" in result.stderr
    result = invoke("explain", "--lang", "en", "url-glue")
    assert "unknown rule 'url-glue' (did you mean 'url-glued'?)" in result.stderr
    result = invoke("explain", "url-glue")
    assert "（'url-glued' の誤りではありませんか）" in result.stderr


# ------------------------------------------------------------------ options
def test_select_prefix_and_ignore() -> None:
    result = invoke(
        "check",
        "--isolated",
        "--select",
        "DL1",
        "--ignore",
        "DL106",
        "--format",
        "json",
        str(SEEDS),
    )
    codes = {r["code"] for r in json.loads(result.stdout)}
    assert codes and all(c.startswith("DL1") for c in codes)
    assert "DL106" not in codes
    assert "DL104" in codes


def test_select_by_name() -> None:
    result = invoke("check", "--isolated", "--select", "url-glued", "--format", "json", str(SEEDS))
    assert {r["code"] for r in json.loads(result.stdout)} == {"DL104"}


def test_fail_on_error_ignores_warnings() -> None:
    # Seed 003 has DL103 (a warning) among the DL1 rules and no DL1 error.
    args = ["check", "--isolated", "--select", "DL103", str(SEED_003)]
    assert invoke(*args).exit_code == 1
    assert invoke(*args, "--fail-on", "error").exit_code == 0
    assert (
        invoke(
            "check", "--isolated", "--select", "DL104", "--fail-on", "error", str(SEED_001)
        ).exit_code
        == 1
    )


def test_quiet_prints_findings_only() -> None:
    result = invoke(
        "check", "--isolated", "--quiet", "--format", "concise", "--select", "DL1", str(SEEDS)
    )
    lines = result.stdout.splitlines()
    assert lines and all(FINDING_LINE.match(ln) for ln in lines), result.stdout


def test_quiet_clean_prints_nothing(tmp_path: Path) -> None:
    result = invoke("check", "--isolated", "-q", "--select", "DL1", str(clean_article(tmp_path)))
    assert result.exit_code == 0 and result.stdout == ""


def test_statistics_counts_per_rule() -> None:
    result = invoke("check", "--isolated", "--statistics", "--select", "DL104", str(SEEDS))
    assert result.stdout == "    9\tDL104\turl-glued [*]\n合計9件の問題。\n", result.stdout
    args = ("check", "--isolated", "--lang", "en", "--statistics", "--select", "DL104")
    result = invoke(*args, str(SEEDS))
    assert result.stdout == "    9\tDL104\turl-glued [*]\nFound 9 problems.\n", result.stdout
    as_json = invoke(
        "check", "--isolated", "--statistics", "--format", "json", "--select", "DL104", str(SEEDS)
    )
    assert json.loads(as_json.stdout) == [
        {"code": "DL104", "name": "url-glued", "count": 9, "fixable": 9}
    ]


def test_output_file(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = invoke("check", "--isolated", "--format", "json", "-o", str(out), str(SEED_001))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))


def test_output_file_unwritable_is_exit_2(tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "dir" / "report.txt"
    result = invoke("check", "--isolated", "-o", str(out), str(SEED_001))
    assert result.exit_code == 2
    assert "レポートを書けません" in result.stderr


def test_stdin() -> None:
    result = invoke("check", "--isolated", "--select", "DL104", "-", input=SEED_001.read_bytes())
    assert result.exit_code == 1
    assert result.stdout.startswith("<stdin>:12:23: DL104")


def test_rules_lists_every_rule() -> None:
    result = invoke("rules")
    assert result.exit_code == 0
    assert re.search(
        r"^DL104\s+url-glued\s+error\s+後ろの文とつながってしまった", result.stdout, re.M
    )
    assert re.search(r"^DL503 .*（既定では無効）。?$", result.stdout, re.M)
    english = invoke("rules", "--lang", "en").stdout
    assert re.search(r"^DL104\s+url-glued\s+error\s+A citation URL fused", english, re.M)
    data = json.loads(invoke("rules", "--format", "json").stdout)
    assert {"code", "name", "severity", "default_enabled", "summary"} <= set(data[0])
    assert any(r["code"] == "DL106" for r in data)
    assert next(r for r in data if r["code"] == "DL104")["summary"].startswith("後ろの文")
    data = json.loads(invoke("rules", "--format", "json", "--lang", "en").stdout)
    assert next(r for r in data if r["code"] == "DL104")["summary"].startswith("A citation URL")


@pytest.mark.parametrize("key", ["DL104", "dl104", "url-glued"])
def test_explain(key: str) -> None:
    result = invoke("explain", key)
    assert result.exit_code == 0
    assert result.stdout.startswith("DL104 url-glued（既定の重大度: エラー）")
    for section in ("何を検出するか:", "なぜ問題か:", "悪い例:", "良い例:", "修正の安全性:"):
        assert section in result.stdout
    result = invoke("explain", "--lang", "en", key)
    assert result.stdout.startswith("DL104 url-glued (default severity: error)")
    for section in ("What it flags:", "Why it matters:", "Bad:", "Good:", "Fix safety:"):
        assert section in result.stdout


def test_explain_takes_the_language_from_the_environment() -> None:
    result = invoke("explain", "DL502", env={"DIGEST_LINT_LANG": "en"})
    assert result.stdout.startswith("DL502 doubled-punctuation (default severity: warning)")
    result = invoke("explain", "--lang", "ja", "DL502", env={"DIGEST_LINT_LANG": "en"})
    assert "何を検出するか:" in result.stdout


# ------------------------------------------------------------------ config
def _seed_copy(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    target = dest / "a.txt"
    shutil.copy(SEED_001, target)
    return target


def _codes(result: Result) -> set[str]:
    return {r["code"] for r in json.loads(result.stdout)}


def test_config_digest_lint_toml_found_upward(tmp_path: Path) -> None:
    (tmp_path / "digest-lint.toml").write_text('select = ["DL1"]\nignore = ["DL104"]\n')
    article = _seed_copy(tmp_path / "archive" / "2025")
    codes = _codes(invoke("check", "--format", "json", str(article)))
    assert codes and "DL104" not in codes and all(c.startswith("DL1") for c in codes)
    # --isolated ignores it
    assert "DL104" in _codes(invoke("check", "--isolated", "--format", "json", str(article)))


def test_config_pyproject_table_found_upward(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.digest-lint]\nselect = ["DL104"]\n'
    )
    # A pyproject.toml without our table on the way up is skipped.
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text('[project]\nname = "y"\n')
    article = _seed_copy(tmp_path / "sub" / "articles")
    assert _codes(invoke("check", "--format", "json", str(article))) == {"DL104"}


def test_config_option_file(tmp_path: Path) -> None:
    cfg = tmp_path / "elsewhere.toml"
    cfg.write_text('select = ["DL102"]\n')
    article = _seed_copy(tmp_path / "x")
    result = invoke("check", "--config", str(cfg), "--format", "json", str(article))
    assert _codes(result) == {"DL102"}
    result = invoke("check", "--config", str(tmp_path / "missing.toml"), str(article))
    assert result.exit_code == 2
    assert "missing.toml: 設定ファイルがありません" in result.stderr


@pytest.mark.parametrize(
    ("toml", "expected", "japanese"),
    [
        (
            'selekt = ["DL1"]\n',
            "unknown key 'selekt' (line 1) (did you mean 'select'?)",
            "'selekt' というキーはありません（1行目）（'select' の誤りではありませんか）",
        ),
        (
            'fail-on = "fatal"\n',
            "key 'fail-on' (line 1): Input should be 'error', 'warning' or 'info'",
            "キー 'fail-on'（1行目）: 'error', 'warning' or 'info' のどれかを書いてください",
        ),
        (
            'fail_on = "error"\n',
            "key 'fail_on' is spelled 'fail-on'",
            "キー 'fail_on' は 'fail-on' と書いてください",
        ),
        (
            'select = "DL1"\n',
            "key 'select'",
            "キー 'select'（1行目）: リスト（[…]）を書いてください",
        ),
        (
            'select = ["DL9"]\n',
            "select: 'DL9' matches no rule",
            "select: 'DL9' に当たるルールがありません",
        ),
        (
            '[rules.DL107]\ntolerance-days = "three"\n',
            "rules.DL107.tolerance-days",
            "rules.DL107.tolerance-days: 整数を書いてください",
        ),
        (
            "[rules.DL107]\ntolerance = 3\n",
            "rules.DL107.tolerance",
            "rules.DL107.tolerance: このキーは使えません",
        ),
        (
            "[rules.DL999]\nx = 1\n",
            "'DL999' is not a rule code or name",
            "'DL999' はルールのコードでも名前でもありません",
        ),
        ('[severity]\nDL104 = "fatal"\n', "key 'severity.DL104'", "キー 'severity.DL104'"),
        ("select = [\n", "invalid TOML", "TOMLとして読めません"),
    ],
    ids=[
        "unknown-key",
        "bad-value",
        "renamed-key",
        "not-a-list",
        "no-such-rule",
        "bad-rule-option",
        "unknown-rule-option",
        "unknown-rule-table",
        "bad-severity",
        "bad-toml",
    ],
)
def test_config_errors_name_file_and_key(
    tmp_path: Path, toml: str, expected: str, japanese: str
) -> None:
    cfg = tmp_path / "digest-lint.toml"
    cfg.write_text(toml)
    article = _seed_copy(tmp_path / "articles")
    result = invoke("check", str(article))
    assert result.exit_code == 2, result.output
    assert f"digest-lint: 設定の誤り: {cfg}: " in result.stderr
    assert japanese in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert_no_traceback(result.output)
    result = invoke("check", "--lang", "en", str(article))
    assert result.exit_code == 2, result.output
    assert f"digest-lint: config error: {cfg}: " in result.stderr
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_config_error_language_before_the_config_is_read(tmp_path: Path) -> None:
    """A config that cannot be read has no ``lang``: --lang, else $DIGEST_LINT_LANG."""
    (tmp_path / "digest-lint.toml").write_text('lang = "en"\nselekt = []\n')
    article = _seed_copy(tmp_path / "articles")
    assert "というキーはありません" in invoke("check", str(article)).stderr
    english = invoke("check", str(article), env={"DIGEST_LINT_LANG": "en"}).stderr
    assert "unknown key 'selekt'" in english


def test_config_lang_speaks_after_the_config_is_read(tmp_path: Path) -> None:
    (tmp_path / "digest-lint.toml").write_text('lang = "en"\nselect = ["DL104"]\n')
    article = _seed_copy(tmp_path / "articles")
    result = invoke("check", "--format", "concise", str(article), str(tmp_path / "missing.txt"))
    assert "missing.txt: no such file or directory" in result.stderr
    assert "is fused with the sentence" in result.stdout
    assert "in 1 of 1 file. 1 file could not be checked (see above)." in result.stdout
    # the environment speaks only where the config says nothing
    (tmp_path / "digest-lint.toml").write_text('select = ["DL104"]\n')
    result = invoke("check", str(article), env={"DIGEST_LINT_LANG": "en"})
    assert "is fused with the sentence" in result.stdout


def test_config_error_in_pyproject_names_it(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.digest-lint]\nfail-on = "sometimes"\n')
    article = _seed_copy(tmp_path / "a")
    result = invoke("check", str(article))
    assert result.exit_code == 2
    assert str(tmp_path / "pyproject.toml") in result.stderr and "fail-on" in result.stderr


# ------------------------------------------------------------------ bad input
@pytest.fixture
def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    """One good-but-flawed article and one of each kind of bad input."""
    d = tmp_path / "in"
    d.mkdir()
    out: dict[str, Path] = {"article": d / "article.txt"}
    shutil.copy(SEED_001, out["article"])
    out["missing"] = d / "missing.txt"
    out["empty_dir"] = d / "nothing-here"
    out["empty_dir"].mkdir()
    (out["empty_dir"] / "notes.json").write_text("{}")
    out["empty"] = d / "empty.txt"
    out["empty"].write_bytes(b"")
    out["binary"] = d / "image.txt"
    out["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    out["sjis"] = d / "sjis.txt"
    out["sjis"].write_bytes(LEGACY_TEXT.encode("cp932"))
    out["eucjp"] = d / "eucjp.txt"
    out["eucjp"].write_bytes(LEGACY_TEXT.encode("euc_jp"))
    loop = d / "loop"
    loop.mkdir()
    (loop / "a.txt").symlink_to("b.txt")
    (loop / "b.txt").symlink_to("a.txt")
    out["loop"] = loop / "a.txt"
    out["undecodable"] = d / "latin1.txt"
    out["undecodable"].write_bytes("café crème\n".encode("latin-1") + b"\xff\xfe\xfd\x80")
    return out


@pytest.mark.parametrize(
    ("kind", "message", "japanese", "status"),
    [
        ("missing", "no such file or directory", "ファイルもディレクトリもありません", 2),
        (
            "empty_dir",
            "no articles found (looked for *.txt, *.md)",
            "記事が見つかりません（*.txt、*.md のファイルを探しました）",
            2,
        ),
        ("empty", "empty file, nothing to check", "空のファイルなので確認しませんでした", 1),
        (
            "binary",
            "binary file (contains NUL bytes), not checked",
            "テキストではないファイル（NULバイトを含む）なので確認しませんでした",
            2,
        ),
        (
            "sjis",
            "not UTF-8; decoded as Shift_JIS (CP932)",
            "UTF-8ではないためShift_JIS (CP932)として読みました",
            1,
        ),
        ("eucjp", "not UTF-8; decoded as EUC-JP", "UTF-8ではないためEUC-JPとして読みました", 1),
        ("loop", "symbolic link loop", "シンボリックリンクが循環しています", 2),
        (
            "undecodable",
            "not UTF-8, Shift_JIS or EUC-JP text",
            "UTF-8・Shift_JIS・EUC-JPのどれでも読めないため確認しませんでした",
            2,
        ),
    ],
    ids=["missing", "empty_dir", "empty", "binary", "sjis", "eucjp", "loop", "undecodable"],
)
def test_bad_input_is_one_line_naming_the_file(
    bad_inputs: dict[str, Path], kind: str, message: str, japanese: str, status: int
) -> None:
    bad = bad_inputs[kind]
    for lang, expected in (("ja", japanese), ("en", message)):
        result = invoke(
            "check",
            "--isolated",
            "--lang",
            lang,
            "--select",
            "DL104",
            str(bad),
            str(bad_inputs["article"]),
        )
        assert result.exit_code == status, result.output
        lines = [ln for ln in result.stderr.splitlines() if str(bad) in ln]
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith(f"digest-lint: {bad}: {expected}"), result.stderr
        # The other file is still checked.
        assert f"{bad_inputs['article']}:12:23: DL104" in result.stdout
        assert_no_traceback(result.output)


def test_legacy_encodings_are_decoded_right(bad_inputs: dict[str, Path]) -> None:
    for kind, encoding in (("sjis", "cp932"), ("eucjp", "euc_jp")):
        source = read_source(str(bad_inputs[kind]))
        assert source.text == LEGACY_TEXT
        assert source.encoding == encoding
        assert source.encode(source.text) == bad_inputs[kind].read_bytes()


def test_path_given_twice_is_checked_once(bad_inputs: dict[str, Path]) -> None:
    article = bad_inputs["article"]
    dotted = os.path.join(os.path.dirname(article), ".", article.name)
    result = invoke(
        "check", "--isolated", "--select", "DL104", str(article), dotted, str(article.parent)
    )
    assert result.stdout.count(":12:23: DL104") == 1, result.stdout
    assert "ファイル中1ファイルで" in result.stdout


def test_symlink_loop_in_a_directory_is_reported_once_per_link(
    bad_inputs: dict[str, Path],
) -> None:
    loop_dir = bad_inputs["loop"].parent
    result = invoke("check", "--isolated", str(bad_inputs["loop"]), str(loop_dir))
    assert result.exit_code == 2
    assert result.stderr.count("a.txt: シンボリックリンクが循環しています") == 1, result.stderr
    assert result.stderr.count("b.txt: シンボリックリンクが循環しています") == 1, result.stderr


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    shutil.copy(SEED_001, path)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user who can read mode-000 files (root)")
        result = invoke("check", "--isolated", str(path), str(SEED_003))
        assert result.exit_code == 2
        assert f"digest-lint: {path}: 読む権限がありません" in result.stderr
    finally:
        path.chmod(0o644)


def test_unreadable_file_simulated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The same path as above, forced: works whoever runs the tests."""
    import digest_lint.io.sources as sources

    path = tmp_path / "secret.txt"
    shutil.copy(SEED_001, path)
    real_open = open

    def fake_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(sources, "open", fake_open, raising=False)
    result = invoke("check", "--isolated", "--select", "DL103", str(path), str(SEED_003))
    assert result.exit_code == 2
    assert f"digest-lint: {path}: 読む権限がありません" in result.stderr
    args = ("check", "--isolated", "--lang", "en", "--select", "DL103")
    result = invoke(*args, str(path), str(SEED_003))
    assert f"digest-lint: {path}: permission denied" in result.stderr
    assert "DL103" in result.stdout


# ------------------------------------------------------------------ the real console script
def test_console_script_end_to_end(bad_inputs: dict[str, Path]) -> None:
    """One real process: every kind of bad input at once, the good file still checked."""
    paths = [str(p) for p in bad_inputs.values()]
    paths.append(str(bad_inputs["article"]))  # the same file twice
    proc = run_cli("check", "--isolated", "--select", "DL1", *paths)
    stderr = proc.stderr.decode("utf-8")
    stdout = proc.stdout.decode("utf-8")
    assert proc.returncode == 2
    assert_no_traceback(stdout, stderr)
    for kind in ("missing", "empty_dir", "empty", "binary", "sjis", "eucjp", "loop"):
        assert sum(str(bad_inputs[kind]) + ":" in ln for ln in stderr.splitlines()) == 1, (
            kind,
            stderr,
        )
    assert stdout.count(f"{bad_inputs['article']}:12:23: DL104") == 1


def test_console_script_exit_codes_and_stdin(tmp_path: Path) -> None:
    good = clean_article(tmp_path)
    assert run_cli("check", "--isolated", "--select", "DL1", str(good)).returncode == 0
    proc = run_cli("check", "--isolated", "--select", "DL104", "-", stdin=SEED_001.read_bytes())
    assert proc.returncode == 1
    assert proc.stdout.decode().startswith("<stdin>:12:23: DL104")
    proc = run_cli("check", "--isolated", "--select", "DL999", str(good))
    assert proc.returncode == 2
    assert proc.stderr.decode().strip() == (
        "digest-lint: 設定の誤り: select: 'DL999' に当たるルールがありません"
        "（一覧は `digest-lint rules`）"
    )
    proc = run_cli("explain", "url-glued")
    assert proc.returncode == 0 and proc.stdout.decode().startswith("DL104 url-glued（")


def test_console_script_json_to_file(tmp_path: Path) -> None:
    out = tmp_path / "f.json"
    proc = run_cli("check", "--isolated", "--format", "json", "-o", str(out), str(SEEDS))
    assert proc.returncode == 1 and proc.stdout == b""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert all(set(r) == JSON_KEYS for r in data)


def test_text_output_shows_the_flagged_text_marked_and_the_fix() -> None:
    """Like ruff's full output: the line, ^ under the span (two per full-width
    character), the proposed replacement; --format concise keeps one line per finding."""
    result = invoke(
        "check", "--isolated", "--select", "DL302", str(SEEDS / "000_16a9df6dd44b8a61.txt")
    )
    out = result.stdout.splitlines()
    head = next(i for i, ln in enumerate(out) if ln.startswith(f"{SEEDS}/000") and ":59:22:" in ln)
    assert out[head + 1].strip() == "|"
    assert out[head + 2].startswith("59 | ")
    marks = out[head + 3]
    assert marks.count("^") == 2 * len("トランプ前大統領")
    assert "= 修正案: 「トランプ大統領」" in out[head + 4] and "要確認の修正" in out[head + 4]
    en = invoke(
        "check",
        "--isolated",
        "--lang",
        "en",
        "--select",
        "DL302",
        str(SEEDS / "000_16a9df6dd44b8a61.txt"),
    )
    assert "= fix: 「トランプ大統領」  [unsafe fix" in en.stdout
    concise = invoke(
        "check",
        "--isolated",
        "--format",
        "concise",
        "--select",
        "DL302",
        str(SEEDS / "000_16a9df6dd44b8a61.txt"),
    )
    lines = [ln for ln in concise.stdout.splitlines() if ln.startswith(str(SEEDS))]
    assert len(lines) == 4 and all(FINDING_LINE.match(ln) for ln in lines), concise.stdout


def test_lang_of_the_config_speaks_in_selection_errors_rules_and_explain(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Was: ``lang = "en"`` in the config changed the findings only; a wrong --select,
    ``rules`` and ``explain`` stayed Japanese."""
    (tmp_path / "pyproject.toml").write_text('[tool.digest-lint]\nlang = "en"\n', encoding="utf-8")
    shutil.copy(SEED_001, tmp_path / "a.txt")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DIGEST_LINT_LANG", raising=False)
    runner = CliRunner()
    wrong = runner.invoke(main, ["check", "--select", "DL9999", "a.txt"])
    assert wrong.exit_code == 2 and "matches no rule" in wrong.stderr
    assert "Front matter that cannot be read." in runner.invoke(main, ["rules"]).stdout
    assert "What it flags:" in runner.invoke(main, ["explain", "DL101"]).stdout
    flag = runner.invoke(main, ["check", "--lang", "ja", "--select", "DL9999", "a.txt"])
    assert "に当たるルールがありません" in flag.stderr  # --lang beats the config


def test_usage_errors_and_unwritable_report_in_japanese_by_default(tmp_path: Path) -> None:
    runner = CliRunner(env={"DIGEST_LINT_LANG": None})
    assert "確認するファイルがありません" in runner.invoke(main, ["check"]).stderr
    both = runner.invoke(main, ["check", "--baseline", "b", "--write-baseline", "b", "x"])
    assert "一緒に使えません" in both.stderr and both.exit_code == 2
