#!/usr/bin/env python3
"""Latency of the language server: ``didChange`` → ``publishDiagnostics``.

    python benchmarks/lsp_latency.py                 # the five seeds and a 500-line article
    python benchmarks/lsp_latency.py --rounds 20 --json out.json

Starts ``digest-lint server --debounce 0`` in a subprocess (so the numbers are the
server's own work: an editor adds the configured debounce, 0.3 s by default), talks LSP
over its stdio with pygls's client, opens each article, then sends ``--rounds``
incremental changes (insert a character at the start of line 1, then delete it) and
times each one until the diagnostics of that version arrive. The 500-line article is
the seeds concatenated and cut at 500 lines.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"


def articles() -> list[tuple[str, str]]:
    """``(name, text)``: each seed, and a 500-line article made of the seeds."""
    seeds = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    lines: list[str] = []
    while len(lines) < 500:
        for _, text in seeds:
            lines += [*text.rstrip("\n").split("\n"), ""]
    long = "\n".join(lines[:500]) + "\n"
    return [*seeds, ("long-500.txt", long)]


class Client(LanguageClient):
    def __init__(self) -> None:
        super().__init__("digest-lint-latency", "1")
        self.arrived: dict[tuple[str, int | None], float] = {}
        self.counts: dict[tuple[str, int | None], int] = {}
        self.logs: list[str] = []

        @self.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def diagnostics(params: types.PublishDiagnosticsParams) -> None:
            key = (params.uri, params.version)
            self.arrived[key] = time.perf_counter()
            self.counts[key] = len(params.diagnostics)

        @self.feature(types.WINDOW_LOG_MESSAGE)
        def log(params: types.LogMessageParams) -> None:
            self.logs.append(params.message)

    async def wait(self, uri: str, version: int, timeout: float = 60) -> float:
        deadline = time.perf_counter() + timeout
        while (uri, version) not in self.arrived:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{uri} v{version}")
            await asyncio.sleep(0.001)
        return self.arrived[(uri, version)]


async def measure(rounds: int = 10) -> dict[str, dict[str, Any]]:
    """Per article: lines, diagnostics, the first check (open) and each change's latency."""
    client = Client()
    await client.start_io(sys.executable, "-m", "digest_lint", "server", "--debounce", "0")
    await client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(
                general=types.GeneralClientCapabilities(position_encodings=["utf-16"])
            ),
            root_uri=ROOT.as_uri(),
        )
    )
    client.initialized(types.InitializedParams())
    results: dict[str, dict[str, Any]] = {}
    try:
        for name, text in articles():
            uri = (ROOT / "bench-out" / name).as_uri()
            sent = time.perf_counter()
            client.text_document_did_open(
                types.DidOpenTextDocumentParams(
                    text_document=types.TextDocumentItem(
                        uri=uri, language_id="plaintext", version=1, text=text
                    )
                )
            )
            opened = await client.wait(uri, 1) - sent
            latencies: list[float] = []
            for i in range(rounds):
                version = i + 2
                at = types.Position(line=0, character=0)
                end = at if i % 2 == 0 else types.Position(line=0, character=1)
                change = types.TextDocumentContentChangePartial(
                    range=types.Range(start=at, end=end), text="あ" if i % 2 == 0 else ""
                )
                sent = time.perf_counter()
                client.text_document_did_change(
                    types.DidChangeTextDocumentParams(
                        text_document=types.VersionedTextDocumentIdentifier(
                            uri=uri, version=version
                        ),
                        content_changes=[change],
                    )
                )
                latencies.append(await client.wait(uri, version) - sent)
            results[name] = {
                "lines": text.count("\n"),
                "diagnostics": client.counts[(uri, 1)],
                "open_s": opened,
                "median_s": statistics.median(latencies),
                "max_s": max(latencies),
                "rounds": rounds,
            }
    finally:
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args()
    results = asyncio.run(measure(args.rounds))
    print(f"{'article':<28} {'lines':>5} {'diags':>5} {'open':>7} {'median':>7} {'max':>7}")
    for name, r in results.items():
        print(
            f"{name:<28} {r['lines']:>5} {r['diagnostics']:>5} {r['open_s'] * 1000:>5.0f}ms"
            f" {r['median_s'] * 1000:>5.0f}ms {r['max_s'] * 1000:>5.0f}ms"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
