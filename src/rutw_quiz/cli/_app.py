"""The click group and the edge where library errors become messages and exit statuses."""

from __future__ import annotations

import errno
import io
import os
import sys
from typing import Any

import click

from rutw_quiz.errors import RutwQuizError, SelectionError

EXIT_INVALID = 1


class _Group(click.Group):
    """Turns domain errors into a message on stderr and exit status 1, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SelectionError as error:  # the options ask for nothing the decks hold
            click.echo(f"Error: {error}", err=True)
            ctx.exit(EXIT_INVALID)
        except RutwQuizError as error:  # messages that start with the file and line they are about
            click.echo(str(error), err=True)
            ctx.exit(EXIT_INVALID)
        except BrokenPipeError:  # e.g. `rutw-quiz facts | head`
            sys.stderr.close()
            ctx.exit(0)
        except OSError as error:  # a file system refusal no command foresaw: say what and where
            where = f" ({error.filename})" if error.filename else ""
            click.echo(f"error: {error.strerror or error}{where}", err=True)
            ctx.exit(EXIT_INVALID)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
# The version is looked up from the package metadata only when --version is given.
@click.version_option(None, "--version", package_name="rutw-quiz", prog_name="rutw-quiz")
def cli() -> None:
    """Quiz questions, terminal quizzes, worksheets and Anki decks from sourced fact records.

    Without --deck, every command uses the bundled deck on Russia–Taiwan relations.
    Every command has --help, with examples.

    \b
    Examples:
      rutw-quiz quiz                   # students: a quiz in the terminal
      rutw-quiz quiz --review          # students: the facts that are due again
      rutw-quiz practice -o quiz.html  # students: the quiz as a web page
      rutw-quiz worksheet -n 20 --versions 2 -o unit3.html
                                       # teachers: a test to print, with keys
      rutw-quiz anki                   # Anki users: a deck (.apkg) to import
      rutw-quiz validate my_deck.yaml  # deck authors: check your own deck
    """


class _ClosedOutput(io.RawIOBase):
    """Standard output when the program was started with it closed (`rutw-quiz facts >&-`)."""

    discard = False

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self.discard:
            return len(data)
        raise OSError(errno.EBADF, "standard output is closed; nothing can be printed")


_closed_output = _ClosedOutput()
_closed_buffer = io.BufferedWriter(_closed_output)


def stdout_closed() -> bool:
    """True when the program was started with standard output closed (`>&-`)."""
    return sys.stdout is None or getattr(sys.stdout, "buffer", None) is _closed_buffer


def main() -> None:
    """Console-script entry point.

    Output that cannot be printed (standard output closed, a full disk behind it) is an
    error with a message and exit status 1, never a silent success.
    """
    if sys.stdout is None:
        sys.stdout = io.TextIOWrapper(_closed_buffer, encoding="utf-8", line_buffering=True)
    try:
        cli(prog_name="rutw-quiz")
    except SystemExit as done:
        _flush_stdout(reported=done.code not in (None, 0))
        raise
    _flush_stdout(reported=False)


def _flush_stdout(*, reported: bool) -> None:
    """Flush what is left for standard output; a failure fails the command, with one message."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _discard_stdout()
    except OSError as error:
        _discard_stdout()
        if not reported:
            click.echo(f"error: cannot print: {error.strerror or error}", err=True)
        raise SystemExit(EXIT_INVALID) from None


def _discard_stdout() -> None:
    """Throw away what could not be printed, so that Python does not fail on it again at exit."""
    _closed_output.discard = True
    if sys.__stdout__ is not None:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno())
        os.close(devnull)
