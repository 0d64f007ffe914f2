"""What every command shares: error messages, the one error handler, report writing.

The help stays English (engineers read it); every error an editor can meet is printed in
the run's language: ``--lang`` if given, else ``DIGEST_LINT_LANG``, else Japanese until
the config is read, then the config's ``lang`` (:func:`set_language`).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator
from typing import NoReturn

import click

from digest_lint import __version__
from digest_lint.model.findings import ExitStatus
from digest_lint.model.messages import LANG_ENV, EditorError, Message, Said, start_language

BUG_REPORT = "https://github.com/digest-lint/digest-lint/issues"
LANG_OPTION_HELP = f"Language of the output [default: ${LANG_ENV}, else ja]."

#: What the command line says to editors, in each language.
MESSAGES = {
    "unknown-rule": Message(
        ja="{rule} というルールはありません{hint}（一覧は `digest-lint rules`）",
        en="unknown rule {rule}{hint} (see `digest-lint rules`)",
    ),
    "cannot-write-report": Message(
        ja="{output}: レポートを書けません: {reason}", en="{output}: cannot write report: {reason}"
    ),
    "internal-error": Message(
        ja="内部エラー: {error}{at}。digest-lint {version} の不具合です。"
        "{url} に報告してください（DIGEST_LINT_TRACEBACK=1 で詳細を表示します）",
        en="internal error: {error}{at}. This is a bug in digest-lint {version}; "
        "please report it at {url} (DIGEST_LINT_TRACEBACK=1 shows the traceback)",
    ),
}

_LANGUAGE: contextvars.ContextVar[str] = contextvars.ContextVar("language", default="")


def set_language(lang: str) -> str:
    """Make ``lang`` the language of the errors printed from now on; returns it."""
    _LANGUAGE.set(lang)
    return lang


def speak_as_config(config: object) -> str:
    """After a config is read: its ``lang`` if it sets one, else the start language."""
    lang = getattr(config, "lang", None)
    given = "lang" in getattr(config, "model_fields_set", ())
    return set_language(lang if given and isinstance(lang, str) else current_language())


def listing_language(flag: str | None) -> str:
    """The language of ``rules`` and ``explain``: ``--lang``, else ``lang`` of the config
    found upward from the working directory, else ``$DIGEST_LINT_LANG``, else Japanese
    (as ``check``'s). A config that cannot be read is left to ``check`` to report."""
    if flag:
        return start_language(flag)
    from digest_lint.config import ConfigError, resolve_config

    try:
        config, _ = resolve_config((".",), None, False)
    except (ConfigError, OSError, ValueError):
        return start_language(None)
    if "lang" in config.model_fields_set:
        return config.lang
    return start_language(None)


def current_language() -> str:
    """The language errors are printed in (:func:`set_language`, else the start one)."""
    return _LANGUAGE.get() or start_language(None)


def said(key: str, **fields: object) -> Said:
    """The command line's message ``key`` with its fields (rendered when printed)."""
    from digest_lint.model.messages import said as hold

    return hold(MESSAGES[key], **fields)


def shown(error: EditorError | Said | str) -> str:
    """An error or message in the current language."""
    return error if isinstance(error, str) else error.render(current_language())


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


def internal_error_message(where: str | None, exc: BaseException) -> str:
    """What a user sees for a bug of digest-lint: where (a file, else nothing), the
    error, where to report it; in the current language."""
    frame = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    at = f" ({os.path.basename(frame[0].filename)}:{frame[0].lineno})" if frame else ""
    text = said(
        "internal-error",
        error=f"{type(exc).__name__}: {exc}",
        at=at,
        version=__version__,
        url=BUG_REPORT,
    ).render(current_language())
    return f"{where}: {text}" if where else text


@contextlib.contextmanager
def guard(lang: str | None = None) -> Iterator[None]:
    """The one error handler of the command line.

    Problems of the input or the settings (config, packs, baseline, index) are one line
    and exit status 2; anything else is a bug of digest-lint: one line naming it and
    exit status 3, never a traceback (``DIGEST_LINT_TRACEBACK=1`` shows it). Errors are
    printed in :func:`start_language` of ``lang`` (``--lang``) until a command sets the
    config's (:func:`set_language`).
    """
    from digest_lint.config import MESSAGES as CONFIG_MESSAGES
    from digest_lint.config import ConfigError
    from digest_lint.gate.baseline import BaselineError
    from digest_lint.gate.index import CitationIndexError
    from digest_lint.io.sources import InputError
    from digest_lint.knowledge.packs import MESSAGES as PACK_MESSAGES
    from digest_lint.knowledge.packs import PackError
    from digest_lint.model.messages import said as hold

    token = _LANGUAGE.set(start_language(lang))
    try:
        yield
    except ConfigError as exc:
        fail(shown(hold(CONFIG_MESSAGES["error"], error=shown(exc))))
    except PackError as exc:
        fail(shown(hold(PACK_MESSAGES["error"], error=shown(exc))))
    except (InputError, BaselineError, CitationIndexError) as exc:
        fail(shown(exc))
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
        fail(internal_error_message(None, exc), ExitStatus.INTERNAL)
    finally:
        _LANGUAGE.reset(token)


def split_values(values: Iterable[str]) -> list[str]:
    """``--select DL1,DL302 --select DL5`` → ``[DL1, DL302, DL5]``."""
    out: list[str] = []
    for v in values:
        out.extend(p.strip() for p in v.split(",") if p.strip())
    return out


def write_report(
    chunks: Iterable[str], output: str | None, color: bool = False, err: bool = False
) -> None:
    """Write the report to ``output`` (atomically, whole), else to standard output (to
    standard error with ``err``: when standard output holds a fixed article)."""
    if output:
        from pathlib import Path

        from digest_lint.io.atomic import remove_stale_temporaries, write_atomic

        data = (chunk.encode("utf-8") for chunk in chunks)
        try:
            write_atomic(output, data, mode=_new_file_mode(output), durable=False)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            fail(
                said("cannot-write-report", output=output, reason=reason).render(current_language())
            )
        remove_stale_temporaries(Path(output))  # of a run killed while writing it
        return
    for chunk in chunks:
        click.echo(chunk, nl=False, color=color, err=err)


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
