"""The ``digest-lint`` command line: one module per command (group).

Help texts are English (for engineers); everything an editor acts on comes from the
report. Every command runs under :func:`digest_lint.cli._shared.guard`, the one error
handler: exit 2 for problems of the input or the settings, 3 for a bug, never a traceback.

Commands are imported when they run (``--version`` and ``--help`` load none of the
engine), as click documents for large command lines.
"""

from __future__ import annotations

import importlib

import click

from digest_lint import __version__

#: Command name → ``module:attribute`` of its click command.
COMMANDS = {
    "check": "digest_lint.cli.check:check",
    "rules": "digest_lint.cli.rules:list_rules",
    "explain": "digest_lint.cli.rules:explain",
    "index": "digest_lint.cli.index:index_group",
    "packs": "digest_lint.cli.packs:packs_group",
    "server": "digest_lint.cli.server:server",
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS:
            module, _, attr = COMMANDS[cmd_name].partition(":")
            command = getattr(importlib.import_module(module), attr)
            assert isinstance(command, click.Command)
            return command
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="digest-lint")
def main() -> None:
    """Editorial linter for Japanese news-digest articles."""
