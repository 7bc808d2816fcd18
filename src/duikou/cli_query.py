"""CLI commands that run queries (added to the group by `duikou.cli`).

``duikou query list`` lists the named queries; ``duikou query NAME …`` (or
``duikou query run NAME …``) runs one; ``duikou sparql FILE|-`` runs any query
text. All three are thin layers over :func:`duikou.api.query`,
:func:`duikou.api.list_queries` and :func:`duikou.api.sparql`.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from duikou import api
from duikou.cli_common import (
    Failure,
    graph_dir_option,
    graph_source,
    size_value,
    timeout_option,
)

__all__ = ["query", "sparql"]

FORMATS = ("table", "csv", "json")
TABLE_ROWS = 40  # rows a table shows unless --limit says otherwise; CSV and JSON show all


def _options(command):
    """--param, --graph, --timeout, --format, --limit and --iris, shared by `query NAME`
    and `sparql`."""
    command = click.option(
        "--iris",
        is_flag=True,
        help="Keep IRIs in the table (tables show names; CSV and JSON always keep IRIs).",
    )(command)
    command = click.option(
        "--limit",
        type=click.IntRange(min=0),
        default=TABLE_ROWS,
        show_default=True,
        metavar="N",
        help="Show at most N rows in a table (0: all); CSV and JSON are always complete.",
    )(command)
    command = timeout_option(command)
    command = click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="table (for reading), csv (header row, UTF-8) or json (a list of objects).",
    )(command)
    command = graph_dir_option(command)
    return click.option(
        "--param",
        "params",
        multiple=True,
        metavar="KEY=VALUE",
        help="A query parameter (repeatable); see `duikou query list`.",
    )(command)


def _parse_params(params: tuple[str, ...]) -> dict[str, str]:
    values: dict[str, str] = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise api.ParameterError(f"--param {item!r}: write it as KEY=VALUE")
        if key.strip() == "timeout":
            raise api.ParameterError(
                "--param timeout=…: the name is reserved; use --timeout SECONDS"
            )
        values[key.strip()] = value
    return values


def _emit(columns, rows, fmt, title="", *, limit=TABLE_ROWS, iris=False) -> None:
    if fmt != "table":
        click.echo(api.rows_text(columns, rows, fmt), nl=False)
        return
    from rich.console import Console

    console = Console(width=max(Console().width, 80))
    console.print(api.rows_table(columns, rows, title, width=console.width, iris=iris, limit=limit))


def _run_named(name: str, params, graph_dir: Path, fmt: str, timeout, limit, iris) -> None:
    info = api.describe_query(name)
    columns, rows = api.query(
        name, graph_source(graph_dir), timeout=timeout, **_parse_params(params)
    )
    _emit(columns, rows, fmt, info.title, limit=limit, iris=iris)


def _run_command(name: str) -> click.Command:
    """The command `duikou query NAME`, with the query's header as its help."""
    info = api.describe_query(name)
    lines = [info.question, ""]
    lines += [f"--param {p.name}=… ({p.type}): {p.description}" for p in info.parameters]

    @click.command(
        name=name, help="\n\n".join(line for line in lines if line), short_help=info.title
    )
    @_options
    def command(params, graph_dir, fmt, timeout, limit, iris):
        _run_named(name, params, graph_dir, fmt, timeout, limit, iris)

    return command


def _query_names() -> list[str]:
    return [info.name for info in api.list_queries()]


class _QueryGroup(click.Group):
    """`query list`, `query run NAME`, and any query name as a command of its own."""

    def get_command(self, ctx, cmd_name):
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            return command
        if cmd_name in _query_names():
            return _run_command(cmd_name)
        return None

    def list_commands(self, ctx):
        return super().list_commands(ctx) + _query_names()

    def resolve_command(self, ctx, args):
        name = args[0] if args else None
        if name and not name.startswith("-") and super().get_command(ctx, name) is None:
            try:
                api.describe_query(name)  # an unknown name: one line naming the known ones
            except api.QueryError as error:
                raise Failure(error) from None
        return super().resolve_command(ctx, args)


@click.group(cls=_QueryGroup)
def query() -> None:
    """Run the named SPARQL queries of queries/*.rq on a built graph.

    `duikou query list` shows them; `duikou query NAME [--param KEY=VALUE …]`
    runs one (`duikou query run NAME …` is the same). Parameters are bound as
    RDF terms of their declared type, never pasted into the query text.
    """


@query.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON list instead of a table.")
def list_queries(as_json: bool) -> None:
    """List the named queries: the question each answers and its parameters.

    The queries the commands run for themselves (`duikou export`, `analyze`,
    `viz` …; `# internal: yes` in the file) come in a second table.
    """
    infos = api.list_queries()
    if as_json:
        data = [
            {
                "name": i.name,
                "title": i.title,
                "question": i.question,
                "internal": i.internal,
                "parameters": [
                    {
                        "name": p.name,
                        "type": p.type,
                        "default": p.default,
                        "description": p.description,
                    }
                    for p in i.parameters
                ],
            }
            for i in infos
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    from rich.console import Console

    console = Console(width=max(Console().width, 80))
    console.print(_queries_table("Named queries (duikou query NAME --param KEY=VALUE)", infos))
    console.print(_queries_table("Queries the commands use", infos, internal=True))


def _queries_table(title: str, infos, *, internal: bool = False):
    from rich.table import Table

    table = Table(
        title=title, expand=True, caption="parameters and their defaults: duikou query NAME --help"
    )
    table.add_column("name", no_wrap=True)
    table.add_column("question", ratio=3)
    table.add_column("parameters", ratio=1, overflow="fold")
    for info in infos:
        if info.internal != internal:
            continue
        params = "\n".join(p.name + (" (required)" if p.required else "") for p in info.parameters)
        table.add_row(info.name, info.question or info.title, params or "none")
    return table


@query.command("run")
@click.argument("name")
@_options
def run_query(name: str, params, graph_dir: Path, fmt: str, timeout, limit, iris) -> None:
    """Run the named query NAME (the same as `duikou query NAME`)."""
    _run_named(name, params, graph_dir, fmt, timeout, limit, iris)


@click.command("sparql")
@click.argument("source", metavar="FILE|-", type=click.File("r", encoding="utf-8"))
@_options
@click.option(
    "--allow-service",
    is_flag=True,
    help="Let the query use SERVICE, which fetches from other servers.",
)
@click.option(
    "--max-memory",
    metavar="SIZE",
    default="2GiB",
    show_default=True,
    callback=size_value,
    help="Stop a query on a built folder that needs more memory than SIZE (0: no limit).",
)
def sparql(
    source, params, graph_dir: Path, fmt: str, timeout, limit, iris, allow_service, max_memory
) -> None:
    """Run the SELECT query in FILE (`-` reads standard input) on a built graph.

    Queries run over the union of the named graphs. --param KEY=VALUE binds the
    variable ?KEY to the string VALUE; Oxigraph needs ?KEY in the SELECT clause.
    A query that runs past --timeout or needs more than --max-memory is stopped
    with a one-line error and exit code 2; so are updates, and SERVICE unless
    --allow-service.
    """
    text = source.read()
    values = _parse_params(params)
    columns, rows = api.sparql(
        text,
        graph_source(graph_dir),
        timeout=timeout,
        allow_service=allow_service,
        max_memory=max_memory,
        **values,
    )
    _emit(columns, rows, fmt, limit=limit, iris=iris)
