"""The ``digest-lint`` command line: one module per command (group).

Help texts are English (for engineers); everything an editor acts on comes from the
report. Every command runs under :func:`digest_lint.cli._shared.guard`, the one error
handler: exit 2 for problems of the input or the settings, 3 for a bug, never a traceback.
"""

from __future__ import annotations

import click

from digest_lint import __version__
from digest_lint.cli.check import check
from digest_lint.cli.index import index_group
from digest_lint.cli.packs import packs_group
from digest_lint.cli.rules import explain, list_rules
from digest_lint.cli.server import server


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="digest-lint")
def main() -> None:
    """Editorial linter for Japanese news-digest articles."""


main.add_command(check)
main.add_command(list_rules)
main.add_command(explain)
main.add_command(index_group)
main.add_command(packs_group)
main.add_command(server)
