"""The language server's parts without a client: the command, the linter, the edits."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("lsprotocol")

from digest_lint.cli import main
from digest_lint.server import actions
from digest_lint.server.linting import Linter, forget_packs
from digest_lint.server.positions import UTF8, UTF16, LineMap
from tests.conftest import SEEDS
from tests.lsp_client import offset_of

ARTICLE = "トランプ氏の会談\n\n💡 ロシアは停戦を急ぐのでしょうか?。\n"


def test_the_server_command_passes_its_flags(monkeypatch: pytest.MonkeyPatch) -> None:
    import digest_lint.server.app as app

    seen: dict[str, object] = {}
    monkeypatch.setattr(app, "serve", lambda **kwargs: seen.update(kwargs))
    args = ["server", "--index", "i.db", "--config", "c.toml", "--debounce", "0.5"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert seen == {"config_file": "c.toml", "index_file": "i.db", "debounce": 0.5}
    assert CliRunner().invoke(main, ["server", "--debounce", "-1"]).exit_code == 2


def test_the_server_command_without_pygls_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delitem(sys.modules, "digest_lint.server.app", raising=False)
    for name in [m for m in sys.modules if m == "pygls" or m.startswith("pygls.")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "pygls", None)
    result = CliRunner().invoke(main, ["server"])
    assert result.exit_code == 2
    assert "pip install 'digest-lint[lsp]'" in result.output


def test_forget_packs_clears_what_was_read_from_the_packs() -> None:
    from digest_lint import knowledge
    from digest_lint.analysis import tokens
    from digest_lint.knowledge import packs

    Linter().lint(str(SEEDS / "001_9df63d4f55690bb9.txt"), ARTICLE)
    assert knowledge.knowledge.cache_info().currsize > 0
    assert packs._load.cache_info().currsize > 0
    tokenizers = tokens.tokenizer.cache_info().currsize
    assert tokenizers == 1
    forget_packs()
    assert knowledge.knowledge.cache_info().currsize == 0
    assert packs._load.cache_info().currsize == 0
    assert tokens.tokenizer.cache_info().currsize == tokenizers  # not reloaded: slow


@pytest.mark.parametrize("encoding", [UTF8, UTF16])
def test_positions_and_fixes_on_a_crlf_document_with_a_bom(encoding: str) -> None:
    seed = SEEDS / "001_9df63d4f55690bb9.txt"
    lf = seed.read_text(encoding="utf-8")
    client = "\ufeff" + lf.replace("\n", "\r\n")
    result = Linter().lint(str(seed), client)
    plain = Linter().lint(str(seed), lf)
    assert [f.code for f in result.findings] == [f.code for f in plain.findings]
    lines = LineMap(client, encoding)
    for f in result.findings:  # the client's text under each diagnostic is the flagged text
        r = actions.finding_range(lines, f)
        start = offset_of(client, r.start.line, r.start.character, encoding)
        end = offset_of(client, r.end.line, r.end.character, encoding)
        assert client[start:end].replace("\r\n", "\n") == f.snippet, f
    glued = next(f for f in result.findings if f.code == "DL104")
    assert glued.fix is not None and glued.fix.replacement == "\n"
    edits = actions.fix_edits(result, lines, glued)
    assert [e.new_text for e in edits] == ["\r\n"]  # the document's own line break
    e = edits[0]
    start = offset_of(client, e.range.start.line, e.range.start.character, encoding)
    end = offset_of(client, e.range.end.line, e.range.end.character, encoding)
    fixed = client[:start] + e.new_text + client[end:]
    want = lf[: glued.fix.start] + "\n" + lf[glued.fix.end :]
    assert fixed == "\ufeff" + want.replace("\n", "\r\n")


def test_config_per_file_exclude_and_per_file_ignores(tmp_path: Path) -> None:
    (tmp_path / "digest-lint.toml").write_text(
        'exclude = ["drafts/*"]\n[per-file-ignores]\n"quiet.txt" = ["DL502"]\n',
        encoding="utf-8",
    )
    (tmp_path / "drafts").mkdir()
    linter = Linter()
    assert "DL502" in [f.code for f in linter.lint(str(tmp_path / "a.txt"), ARTICLE).findings]
    excluded = linter.lint(str(tmp_path / "drafts" / "a.txt"), ARTICLE)
    assert not excluded.checked and excluded.findings == []
    quiet = linter.lint(str(tmp_path / "quiet.txt"), ARTICLE)
    assert quiet.checked and "DL502" not in [f.code for f in quiet.findings]


def test_a_document_not_on_disk_takes_its_workspace_folders_config(tmp_path: Path) -> None:
    (tmp_path / "digest-lint.toml").write_text('ignore = ["DL502"]\n', encoding="utf-8")
    untitled = "/nonexistent-folder/Untitled-1.txt"
    assert "DL502" in [f.code for f in Linter().lint(untitled, ARTICLE).findings]
    found = Linter().lint(untitled, ARTICLE, folder=str(tmp_path)).findings
    assert "DL502" not in [f.code for f in found]
    # --config FILE wins over both.
    other = tmp_path / "other.toml"
    other.write_text('select = ["DL5"]\n', encoding="utf-8")
    chosen = Linter(config_file=str(other)).lint(str(tmp_path / "a.txt"), ARTICLE)
    assert {f.code for f in chosen.findings} == {"DL502"}


def test_without_an_index_dl106_suppressions_are_not_unused() -> None:
    dl106 = "<!-- digest-lint-disable-next-line DL106 -->\n" + ARTICLE
    assert Linter().lint("/tmp/a.md", dl106).findings[0].code == "DL502"
    assert "DL001" not in [f.code for f in Linter().lint("/tmp/a.md", dl106).findings]
    stale = "<!-- digest-lint-disable-next-line DL303 -->\n" + ARTICLE
    assert "DL001" in [f.code for f in Linter().lint("/tmp/a.md", stale).findings]


def test_a_missing_index_is_reported_and_the_rest_still_checked(tmp_path: Path) -> None:
    result = Linter(index_file=str(tmp_path / "missing.db")).lint(str(tmp_path / "a.txt"), ARTICLE)
    assert [p.kind for p in result.problems] == ["index-error"]
    assert "DL502" in [f.code for f in result.findings]
