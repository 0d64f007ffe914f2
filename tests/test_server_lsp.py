"""The language server through a real LSP client over stdio, in every position encoding.

One server per encoding (UTF-8, UTF-16, UTF-32) is started as ``digest-lint server`` in
a subprocess and driven by pytest-lsp's client: diagnostics must be what
``check --format json`` reports on the same text (positions converted by the test's own
arithmetic), code actions' edits must make their finding go away, hover must show the
rule's ``explain``, and ``shutdown``/``exit`` must end the process with status 0.
"""

from __future__ import annotations

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
    ENCODINGS,
    SERVER,
    Client,
    apply_edits,
    change_document,
    check_fix,
    check_json,
    edits_of,
    expected_diagnostics,
    got_diagnostics,
    initialize,
    make_client,
    open_document,
    published,
)

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.filterwarnings("error::pytest_lsp.LspSpecificationWarning"),
]

ROOT = Path(__file__).resolve().parent.parent
SEED_FILES = sorted(SEEDS.glob("*.txt"))
# 「?。」 after 💡🚩 (outside the BMP) and Japanese text: columns 19-21 in code points.
EMOJI_LINE = "💡🚩 ロシアは停戦を急ぐのでしょうか?。"
EMOJI_DOC = f"トランプ氏の会談\r\n\r\n{EMOJI_LINE}\r\n"
# What each client offers: the UTF-32 client lists an unknown encoding first and UTF-8
# after UTF-32, so the server must take the first it knows, in the client's order.
OFFERS = {"utf-8": ["utf-8"], "utf-16": ["utf-16"], "utf-32": ["x-unknown", "utf-32", "utf-8"]}
EMOJI_RANGE = {"utf-8": (54, 58), "utf-16": (20, 22), "utf-32": (18, 20)}
MD_DOC = (
    "# トランプ氏の会談\n\n💡 ロシアは停戦を急ぐのでしょうか?。\n\n"
    "米ロの首脳は、米露の対話を続ける。\n"
)


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=SERVER, client_factory=make_client),
    scope="module",
    params=ENCODINGS,
)
async def client(lsp_client: Client, request: pytest.FixtureRequest) -> AsyncIterator[None]:
    encoding: str = request.param
    result = await initialize(lsp_client, OFFERS[encoding], ROOT)
    lsp_client.init_result = result  # type: ignore[attr-defined]
    lsp_client.encoding = encoding  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()
    server = lsp_client._server
    assert server is not None and server.returncode == 0


def enc(client: Client) -> str:
    value: str = client.encoding  # type: ignore[attr-defined]
    return value


def doc_uri(client: Client, name: str) -> str:
    """A document of its own per test and encoding (in the repository: no config)."""
    return (ROOT / "tests" / f"lsp-{enc(client)}-{name}").as_uri()


async def test_initialize_takes_the_offered_encoding(client: Client) -> None:
    result: types.InitializeResult = client.init_result  # type: ignore[attr-defined]
    caps = result.capabilities
    assert caps.position_encoding == enc(client)
    assert result.server_info is not None and result.server_info.name == "digest-lint"
    assert isinstance(caps.code_action_provider, types.CodeActionOptions)
    assert "source.fixAll.digest-lint" in (caps.code_action_provider.code_action_kinds or [])
    assert caps.hover_provider
    assert isinstance(caps.text_document_sync, types.TextDocumentSyncOptions)
    assert caps.text_document_sync.change == types.TextDocumentSyncKind.Incremental


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name[:3])
async def test_seed_diagnostics_are_check_json_in_the_encoding(client: Client, seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    uri = seed.as_uri()
    open_document(client, uri, text)
    got = await published(client, uri, 1)
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    want = expected_diagnostics(check_json(seed), text, enc(client))
    assert want, "the seeds have findings"
    assert got_diagnostics(got) == want
    for d in got:
        assert d.source == "digest-lint"
        assert d.code_description is not None
        assert d.code_description.href.endswith(f"rules.md#{str(d.code).lower()}")


async def test_a_finding_after_astral_emoji_is_on_its_character(client: Client) -> None:
    uri = doc_uri(client, "emoji.txt")
    open_document(client, uri, EMOJI_DOC)
    got = [d for d in await published(client, uri, 1) if d.code == "DL502"]
    start, end = EMOJI_RANGE[enc(client)]
    assert [(d.range.start.line, d.range.start.character, d.range.end.character) for d in got] == [
        (2, start, end)
    ]
    assert (
        got_diagnostics(got)[0][1:3]
        == expected_diagnostics(
            [f for f in check_json("emoji.txt", text=EMOJI_DOC) if f["code"] == "DL502"],
            EMOJI_DOC,
            enc(client),
        )[0][1:3]
    )


async def code_actions(
    client: Client, uri: str, diagnostic: types.Diagnostic | None, only: list[str] | None = None
) -> list[types.CodeAction]:
    where = (
        diagnostic.range
        if diagnostic is not None
        else types.Range(
            start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)
        )
    )
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=where,
            context=types.CodeActionContext(
                diagnostics=[diagnostic] if diagnostic is not None else [], only=only
            ),
        )
    )
    return [a for a in result or [] if isinstance(a, types.CodeAction)]


async def test_a_quick_fix_makes_its_finding_go_away(client: Client) -> None:
    seed = SEEDS / "001_9df63d4f55690bb9.txt"
    text = seed.read_text(encoding="utf-8")
    uri = doc_uri(client, "quickfix.txt")
    open_document(client, uri, text)
    before = await published(client, uri, 1)
    target = next(d for d in before if d.code == "DL502" and d.range.start.line == 38)
    found = await code_actions(client, uri, target)
    fixes = [a for a in found if a.title.startswith("DL502")]
    assert len(fixes) == 1 and fixes[0].is_preferred and fixes[0].kind == "quickfix"
    assert fixes[0].diagnostics and fixes[0].diagnostics[0].code == "DL502"
    assert not [a for a in found if "suppress" in a.title]  # plain text has no comments
    # An unsafe fix is offered too, labelled and not preferred.
    label = next(d for d in before if d.code == "DL103")
    unsafe = [a for a in await code_actions(client, uri, label) if a.title.startswith("DL103")]
    assert len(unsafe) == 1 and "unsafe" in unsafe[0].title and not unsafe[0].is_preferred

    edits = edits_of(fixes[0].edit, uri)
    fixed = apply_edits(text, edits, enc(client))
    lines = text.split("\n")
    assert fixed.split("\n")[38] == lines[38][:-1]  # the doubled 。 is gone, nothing else
    change_document(client, uri, 2, edits)
    after = await published(client, uri, 2)
    assert got_diagnostics(after) == expected_diagnostics(
        check_json("quickfix.txt", text=fixed), fixed, enc(client)
    )
    assert not [d for d in after if d.code == "DL502" and d.range.start.line == 38]
    assert len(after) == len(before) - 1


async def test_fix_all_safe_is_check_fix(client: Client) -> None:
    seed = SEEDS / "004_a39cba072775fd7f.txt"
    text = seed.read_text(encoding="utf-8")
    uri = doc_uri(client, "fixall.txt")
    open_document(client, uri, text)
    await published(client, uri, 1)
    found = await code_actions(client, uri, None, only=[types.CodeActionKind.SourceFixAll])
    assert [a.kind for a in found] == ["source.fixAll.digest-lint"]
    assert found[0].edit is None  # computed on codeAction/resolve
    resolved = await client.code_action_resolve_async(found[0])
    fixed = apply_edits(text, edits_of(resolved.edit, uri), enc(client))
    assert fixed != text
    assert fixed == check_fix("fixall.txt", text)
    change_document(client, uri, 2, edits_of(resolved.edit, uri))
    after = await published(client, uri, 2)
    safe = [
        f
        for f in check_json("fixall.txt", text=fixed)
        if f["fix"] and f["fix"]["applicability"] == "safe"
    ]
    assert safe == []
    assert got_diagnostics(after) == expected_diagnostics(
        check_json("fixall.txt", text=fixed), fixed, enc(client)
    )


async def test_markdown_findings_can_be_suppressed(client: Client) -> None:
    uri = doc_uri(client, "suppress.md")
    open_document(client, uri, MD_DOC, language="markdown")
    before = await published(client, uri, 1)
    target = next(d for d in before if d.code == "DL502")
    found = await code_actions(client, uri, target)
    suppress = [a for a in found if "suppress" in a.title and a.title.startswith("DL502")]
    assert len(suppress) == 1
    edits = edits_of(suppress[0].edit, uri)
    new = apply_edits(MD_DOC, edits, enc(client))
    assert "<!-- digest-lint-disable-next-line DL502 -->\n💡 ロシア" in new
    change_document(client, uri, 2, edits)
    after = await published(client, uri, 2)
    assert not [d for d in after if d.code in ("DL502", "DL001")]
    assert len(after) == len(before) - 1


async def test_hover_on_a_finding_shows_explain(client: Client) -> None:
    seed = SEEDS / "001_9df63d4f55690bb9.txt"
    uri = doc_uri(client, "hover.txt")
    open_document(client, uri, seed.read_text(encoding="utf-8"))
    target = next(d for d in await published(client, uri, 1) if d.code == "DL303")
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=target.range.start
        )
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.kind == types.MarkupKind.Markdown
    explain = CliRunner().invoke(main, ["explain", "DL303"]).output
    assert explain.strip() in hover.contents.value
    assert target.message.split("] ", 1)[1] in hover.contents.value
    assert hover.range == target.range
    nothing = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=2, character=0),
        )
    )
    assert nothing is None
