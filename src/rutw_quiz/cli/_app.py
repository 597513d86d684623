"""The click group and the edge where library errors become messages and exit statuses."""

from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import click

from rutw_quiz.errors import RutwQuizError

EXIT_INVALID = 1


def _package_version() -> str:
    try:
        return version("rutw-quiz")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


class _Group(click.Group):
    """Turns domain errors into a message on stderr and exit status 1, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RutwQuizError as error:
            click.echo(str(error), err=True)
            ctx.exit(EXIT_INVALID)
        except BrokenPipeError:  # e.g. `rutw-quiz facts | head`
            sys.stderr.close()
            ctx.exit(0)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(_package_version(), "--version", prog_name="rutw-quiz")
def cli() -> None:
    """Quiz questions, terminal quizzes, worksheets and Anki decks from sourced fact records.

    Without --deck, every command uses the bundled deck on Russia–Taiwan relations.

    \b
    Examples:
      rutw-quiz facts --topic tuapse
      rutw-quiz validate my_deck.yaml --sources texts/
    """


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="rutw-quiz")
