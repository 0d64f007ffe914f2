"""What every command shares: error messages, the one error handler, report writing."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator
from typing import NoReturn

import click

from digest_lint import __version__
from digest_lint.model.findings import ExitStatus

BUG_REPORT = "https://github.com/digest-lint/digest-lint/issues"


class DateParam(click.ParamType):  # type: ignore[type-arg]
    name = "YYYY-MM-DD"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a date (YYYY-MM-DD)", param, ctx)


def err(message: str) -> None:
    """One line on standard error, prefixed with the program's name."""
    click.echo(f"digest-lint: {message}", err=True)


def fail(message: str, status: ExitStatus = ExitStatus.ERROR) -> NoReturn:
    err(message)
    sys.exit(status)


def internal_error_message(where: str, exc: BaseException) -> str:
    """What a user sees for a bug of digest-lint: the file, the error, where to report it."""
    frame = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    at = f" at {os.path.basename(frame[0].filename)}:{frame[0].lineno}" if frame else ""
    return (
        f"{where}: internal error: {type(exc).__name__}: {exc}{at}. "
        f"This is a bug in digest-lint {__version__}; please report it with the file "
        f"at {BUG_REPORT}"
    )


@contextlib.contextmanager
def guard() -> Iterator[None]:
    """The one error handler of the command line.

    Problems of the input or the settings (config, packs, baseline, index) are one line
    and exit status 2; anything else is a bug of digest-lint: one line naming it and
    exit status 3, never a traceback (``DIGEST_LINT_TRACEBACK=1`` shows it).
    """
    from digest_lint.config import ConfigError
    from digest_lint.gate.baseline import BaselineError
    from digest_lint.gate.index import CitationIndexError
    from digest_lint.io.sources import InputError
    from digest_lint.knowledge.packs import PackError

    try:
        yield
    except ConfigError as exc:
        fail(f"config error: {exc}")
    except PackError as exc:
        fail(f"pack error: {exc}")
    except (BaselineError, CitationIndexError, InputError) as exc:
        fail(str(exc))
    except BrokenPipeError:
        # The reader went away (``digest-lint check … | head``): stop quietly, as a
        # pipeline expects, with the status a shell gives for SIGPIPE.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(128 + 13)
    except (SystemExit, KeyboardInterrupt, click.exceptions.Exit, click.ClickException):
        raise
    except Exception as exc:
        if os.environ.get("DIGEST_LINT_TRACEBACK"):
            traceback.print_exc()
        fail(internal_error_message("digest-lint", exc), ExitStatus.INTERNAL)


def split_values(values: Iterable[str]) -> list[str]:
    """``--select DL1,DL302 --select DL5`` → ``[DL1, DL302, DL5]``."""
    out: list[str] = []
    for v in values:
        out.extend(p.strip() for p in v.split(",") if p.strip())
    return out


def write_report(chunks: Iterable[str], output: str | None, color: bool = False) -> None:
    """Write the report to ``output`` (atomically, whole) or to standard output."""
    if output:
        from digest_lint.io.atomic import write_atomic

        data = "".join(chunks).encode("utf-8")
        try:
            write_atomic(output, data, mode=_new_file_mode(output), durable=False)
        except OSError as exc:
            fail(f"{output}: cannot write report: {exc.strerror or exc}")
        return
    for chunk in chunks:
        click.echo(chunk, nl=False, color=color)


def _new_file_mode(path: str) -> int:
    """The mode of an existing report, else what ``open()`` would give a new file."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def use_color(flag: bool | None, stream_is_tty: bool) -> bool:
    """``--color``/``--no-color``, else ``NO_COLOR`` / ``FORCE_COLOR``, else a terminal."""
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream_is_tty


def progress_bar(
    total: int, description: str, enabled: bool = True
) -> tuple[Callable[[int], object], Callable[[], None]]:
    """A progress bar on stderr when it is a terminal, else nothing: ``(advance, close)``."""
    from tqdm import tqdm

    bar = tqdm(
        total=total,
        desc=description,
        unit="article",
        file=sys.stderr,
        disable=not (enabled and sys.stderr.isatty()),
        leave=False,
    )
    return bar.update, bar.close
