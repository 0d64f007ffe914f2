"""The language server survives what a real editor sends it, and uses the citation index.

Over stdio with pytest-lsp's client: a pack that breaks and is repaired while the server
runs, a broken config, binary text, a line too long for the tokenizer, a lone surrogate,
a malformed JSON-RPC message and requests about unknown documents. The server must
answer each with a diagnostic or a window message and keep serving; ``shutdown`` and
``exit`` must still end it with status 0. With a citation index (given in the client's
``initializationOptions``) DL106 must be what ``check --index`` reports.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

pytest.importorskip("pygls")
pytest.importorskip("pytest_lsp")

import pytest_lsp
from click.testing import CliRunner
from lsprotocol import types
from pytest_lsp import ClientServerConfig

from digest_lint.cli import main
from tests.conftest import SEEDS
from tests.lsp_client import (
    SERVER_DEFAULTS,
    Client,
    change_document,
    check_json,
    expected_diagnostics,
    got_diagnostics,
    initialize,
    make_client,
    open_document,
    published,
)

# A second server (about 7 s of CPU): with the latency test, run by `pytest -m slow`
# (.ci/run does); the default run keeps test_server_lsp.py, one server per encoding.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.filterwarnings("error::pytest_lsp.LspSpecificationWarning"),
]

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "トランプ氏の会談\n\n💡 ロシアは停戦を急ぐのでしょうか?。\n"
BROKEN_YAML = "source: [unclosed\n"
DEBOUNCE = 0.2


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lsp-workspace")
    (root / "packs").mkdir()
    shutil.copy(ROOT / "rules" / "writing.yaml", root / "packs" / "writing.yaml")
    (root / "digest-lint.toml").write_text('packs = ["packs"]\n', encoding="utf-8")
    (root / "bad").mkdir()
    (root / "bad" / "digest-lint.toml").write_text("select = 3\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def index_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("lsp-index") / "citations.db"
    result = CliRunner().invoke(main, ["index", "build", str(SEEDS), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=SERVER_DEFAULTS, client_factory=make_client),
    scope="module",
)
async def client(lsp_client: Client, workspace: Path, index_db: Path) -> AsyncIterator[None]:
    # No positionEncodings offered: the server must fall back to UTF-16. The citation
    # index and the debounce come with the client's initializationOptions.
    options = {"index": str(index_db), "debounce": DEBOUNCE}
    result = await initialize(lsp_client, None, workspace, options)
    lsp_client.init_result = result  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()
    server = lsp_client._server
    assert server is not None and server.returncode == 0


def save(client: Client, uri: str) -> None:
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )


async def next_published(client: Client, uri: str, count: int) -> list[types.Diagnostic]:
    """The diagnostics of the ``count``-th publication for ``uri`` (1-based)."""
    for _ in range(6000):
        if len(client.published.get(uri, [])) >= count:
            return list(client.published[uri][count - 1].diagnostics)
        await asyncio.sleep(0.01)
    raise TimeoutError(uri)


async def alive(client: Client) -> None:
    """The server still answers a request (hover on an unknown document: nothing)."""
    answer = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri="file:///nowhere/x.txt"),
            position=types.Position(line=0, character=0),
        )
    )
    assert answer is None
    server = client._server
    assert server is not None and server.returncode is None


async def test_utf16_without_an_offer(client: Client) -> None:
    result: types.InitializeResult = client.init_result  # type: ignore[attr-defined]
    assert result.capabilities.position_encoding == "utf-16"


async def test_changes_are_debounced(client: Client, workspace: Path) -> None:
    for _ in range(1000):  # the server says its settings once initialized
        if any(f"debounce {DEBOUNCE:g}s" in m.message for m in client.log_messages):
            break
        await asyncio.sleep(0.01)
    else:
        raise AssertionError(f"no settings in the log: {client.log_messages}")
    uri = (workspace / "d.txt").as_uri()
    open_document(client, uri, ARTICLE)
    await published(client, uri, 1)
    for version in range(2, 7):  # typing: five changes well within the debounce
        change_document(client, uri, version, ARTICLE + "米ロ" * version)
    await published(client, uri, 6)
    await asyncio.sleep(DEBOUNCE * 2)
    assert [p.version for p in client.published[uri]] == [1, 6]


async def test_a_pack_broken_and_repaired_while_the_server_runs(
    client: Client, workspace: Path
) -> None:
    uri = (workspace / "a.txt").as_uri()
    pack = workspace / "packs" / "writing.yaml"
    good = pack.read_text(encoding="utf-8")
    open_document(client, uri, ARTICLE)
    first = await next_published(client, uri, 1)
    assert "DL502" in [d.code for d in first]

    pack.write_text(BROKEN_YAML, encoding="utf-8")
    save(client, uri)
    broken = await next_published(client, uri, 2)
    assert [d.code for d in broken] == ["pack-error"]
    assert broken[0].range.start == types.Position(line=0, character=0)
    assert broken[0].severity == types.DiagnosticSeverity.Error
    assert "writing.yaml" in broken[0].message
    for _ in range(500):
        if client.messages:
            break
        await asyncio.sleep(0.01)
    assert [m.type for m in client.messages] == [types.MessageType.Error]
    assert "パックの誤り" in client.messages[0].message
    await alive(client)

    save(client, uri)  # the same problem again: a diagnostic, but no second message
    assert [d.code for d in await next_published(client, uri, 3)] == ["pack-error"]
    assert len(client.messages) == 1

    pack.write_text(good, encoding="utf-8")
    save(client, uri)
    repaired = await next_published(client, uri, 4)
    assert got_diagnostics(repaired) == got_diagnostics(first)


async def test_a_broken_config_is_a_diagnostic(client: Client, workspace: Path) -> None:
    uri = (workspace / "bad" / "b.txt").as_uri()
    open_document(client, uri, ARTICLE)
    got = await next_published(client, uri, 1)
    assert [d.code for d in got] == ["config-error"]
    assert "digest-lint.toml" in got[0].message and "select" in got[0].message
    await alive(client)


@pytest.mark.parametrize(
    ("name", "text", "codes"),
    [
        ("binary.txt", "abc\x00\x01\x02def\n", ["input-error"]),
        ("long-line.txt", "あ" * 60_000 + "\n", None),
        ("surrogate.txt", "トランプ氏\ud800の会談\n", None),
        ("empty.txt", "", []),
        ("controls.md", "".join(chr(c) for c in range(1, 0x2FFF)) + "\n", None),
    ],
)
async def test_malformed_documents_never_kill_the_server(
    client: Client, workspace: Path, name: str, text: str, codes: list[str] | None
) -> None:
    uri = (workspace / name).as_uri()
    open_document(client, uri, text)
    got = await next_published(client, uri, 1)
    if codes is not None:
        assert [d.code for d in got] == codes
    for d in got:
        if str(d.code).endswith("-error"):
            assert d.range.start.line == 0 and d.severity == types.DiagnosticSeverity.Error
    await alive(client)
    if "internal-error" in [d.code for d in got]:  # a bug of digest-lint: its traceback
        assert any("Traceback" in m.message for m in client.log_messages)


async def test_malformed_messages_never_kill_the_server(client: Client, workspace: Path) -> None:
    server = client._server
    assert server is not None and server.stdin is not None
    server.stdin.write(b'Content-Length: 8\r\n\r\n{"broken')
    await server.stdin.drain()
    # Changes and requests about documents the server never saw.
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri="file:///x/y.txt", version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text="x")],
        )
    )
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri="file:///x/y.txt"),
            range=types.Range(
                start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)
            ),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    assert not actions
    # A change whose range is far outside the document is clamped, not fatal.
    uri = (workspace / "c.txt").as_uri()
    open_document(client, uri, ARTICLE)
    await next_published(client, uri, 1)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(
                        start=types.Position(line=99, character=5),
                        end=types.Position(line=120, character=0),
                    ),
                    text="米ロの首脳は、米露の対話を続ける。\n",
                )
            ],
        )
    )
    await published(client, uri, 2)
    await alive(client)


# ---------------------------------------------------------------------- the citation index
async def test_dl106_uses_the_index_like_check(client: Client, index_db: Path) -> None:
    seed = SEEDS / "000_16a9df6dd44b8a61.txt"
    text = seed.read_text(encoding="utf-8")
    open_document(client, seed.as_uri(), text)
    got = await published(client, seed.as_uri(), 1)
    want = check_json(seed, "--index", str(index_db))
    assert "DL106" in [f["code"] for f in want]
    assert got_diagnostics(got) == expected_diagnostics(want, text, "utf-16")
    dl106 = next(d for d in got if d.code == "DL106")
    assert "002_69feb8ec74a0a1a3.txt" in dl106.message
