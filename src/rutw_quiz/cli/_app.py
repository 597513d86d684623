"""The click group and the edge where library errors become messages and exit statuses."""

from __future__ import annotations

import sys
from typing import Any

import click

from rutw_quiz.errors import RutwQuizError

EXIT_INVALID = 1


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

    \b
    Examples:
      rutw-quiz facts --topic tuapse
      rutw-quiz validate my_deck.yaml --sources texts/
    """


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="rutw-quiz")
