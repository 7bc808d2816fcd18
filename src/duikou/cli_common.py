"""Options shared by the `duikou` command modules, and the one error handler.

Kept apart from :mod:`duikou.cli` so the command modules import them without
importing the group that imports them. Like every CLI module, this one
imports nothing of duikou but :mod:`duikou.api`.
"""

from __future__ import annotations

from pathlib import Path

import click

from duikou import api

__all__ = [
    "DuikouGroup",
    "Failure",
    "graph_option",
    "endpoint_option",
    "graph_dir_option",
    "graph_source",
    "timeout_option",
    "size_value",
]

graph_option = click.option(
    "--graph",
    "graph_dir",
    default=api.DEFAULT_OUT,
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder written by `duikou build`.",
)
"""--graph DIR alone (for commands that work on the folder itself)."""


def _remember_endpoint(ctx: click.Context, _param, value: str | None) -> None:
    if value:
        ctx.meta["duikou.endpoint"] = value


endpoint_option = click.option(
    "--endpoint",
    metavar="URL",
    default=None,
    expose_value=False,
    callback=_remember_endpoint,
    help="Query this SPARQL 1.1 endpoint instead of the folder (same queries, same rows).",
)


def graph_dir_option(command):
    """--graph DIR, and --endpoint URL that replaces it (see :func:`graph_source`)."""
    return graph_option(endpoint_option(command))


def graph_source(graph_dir: Path) -> Path | str:
    """What to query: the --endpoint URL when given, else the built folder."""
    return click.get_current_context().meta.get("duikou.endpoint") or graph_dir


timeout_option = click.option(
    "--timeout",
    metavar="SECONDS",
    type=click.FloatRange(min=0),
    default=None,
    envvar=api.TIMEOUT_ENV,
    show_envvar=True,
    help=f"Stop a query that runs longer than this; default {api.DEFAULT_TIMEOUT:g}, 0 = no limit.",
)
"""--timeout SECONDS, the time limit of each query (None when not given: the library default)."""


def size_value(_ctx, param, value) -> int | None:
    """A click callback: ``64MiB``, ``500k``, ``0`` … as bytes (0 passes: "no limit")."""
    if value is None or isinstance(value, int):
        return value
    if str(value).strip() == "0":
        return 0
    try:
        return api.parse_size(value)
    except ValueError as error:
        raise click.BadParameter(str(error), param=param) from None


class Failure(click.ClickException):
    """A DuikouError on its way out: one line on stderr, the error's exit code."""

    def __init__(self, error: api.DuikouError):
        super().__init__(str(error))
        self.exit_code = error.exit_code


class DuikouGroup(click.Group):
    """A command group that turns the library's expected errors into :class:`Failure`.

    Every command runs inside its group's ``invoke``, so this is the one place
    where a :class:`~duikou.errors.DuikouError` becomes a one-line message and
    an exit code; anything else is a bug and keeps its traceback.
    """

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except api.DuikouError as error:
            raise Failure(error) from None


wait_option = click.option(
    "--wait/--no-wait",
    default=True,
    show_default=True,
    help="If another duikou command is writing the folder, wait for it (saying so on "
    "stderr) or, with --no-wait, stop at once with one line naming it.",
)


def say_waiting(line: str) -> None:
    """Tell the user, once, why a writer is not starting yet."""
    click.echo(line, err=True)
