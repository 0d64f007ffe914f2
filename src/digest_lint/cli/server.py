"""``digest-lint server``: the language server for editors (LSP over stdio)."""

from __future__ import annotations

import click

from digest_lint.cli._shared import fail

LSP_MODULES = {"pygls", "lsprotocol", "cattrs", "attrs"}


@click.command("server")
@click.option(
    "--index",
    "index_file",
    type=click.Path(dir_okay=False),
    help="Citation index (digest-lint index build): DL106 compares each document with it. "
    "Without one, DL106 is not run.",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    help="Config file for every document [default: found upward from each document].",
)
@click.option(
    "--debounce",
    type=click.FloatRange(min=0),
    default=0.3,
    show_default=True,
    help="Seconds without changes before a changed document is checked again.",
)
def server(index_file: str | None, config_file: str | None, debounce: float) -> None:
    """Run the language server on standard input and output (for editors).

    Diagnostics on open, change and save of .txt and .md articles, quick fixes, fix all
    safe, suppressions (Markdown) and rule docs on hover. See the README, "Editor setup".
    """
    try:
        from digest_lint.server.app import serve
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] not in LSP_MODULES:
            raise
        fail(
            f"the language server needs {exc.name}: install it with pip install 'digest-lint[lsp]'"
        )
    serve(config_file=config_file, index_file=index_file, debounce=debounce)
