"""CLI commands of the query part of the query layer (registered by `duikou.cli`).

``duikou query list`` lists the named queries; ``duikou query NAME …`` (or
``duikou query run NAME …``) runs one; ``duikou sparql FILE|-`` runs any query
text. All three are thin layers over :mod:`duikou.queries`.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import click

from duikou.cli_common import Failure, graph_dir_option, graph_source, timeout_option

__all__ = ["register", "render"]

FORMATS = ("table", "csv", "json")


def _options(command):
    """--param, --graph, --timeout and --format, shared by `query NAME` and `sparql`."""
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
    from duikou.queries import ParameterError

    values: dict[str, str] = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ParameterError(f"--param {item!r}: write it as KEY=VALUE")
        if key.strip() == "timeout":
            raise ParameterError("--param timeout=…: the name is reserved; use --timeout SECONDS")
        values[key.strip()] = value
    return values


def _plain(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def render(columns: list[str], rows: list[dict], fmt: str, title: str = "") -> str | None:
    """Rows as CSV or JSON text; for ``table``, print a rich table and return None."""
    if fmt == "json":
        data = [{k: _plain(v) for k, v in row.items()} for row in rows]
        return json.dumps(data, ensure_ascii=False, indent=2)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
        return out.getvalue().rstrip("\n")
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title or None, caption=f"{len(rows)} row(s)")
    for column in columns:
        numeric = any(isinstance(row.get(column), (int, Decimal, float)) for row in rows)
        table.add_column(column, justify="right" if numeric else "left", overflow="fold")
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    Console(width=max(Console().width, 160)).print(table)
    return None


def _emit(columns, rows, fmt, title="") -> None:
    text = render(columns, rows, fmt, title)
    if text is not None:
        click.echo(text)


def _run_named(
    name: str, params: tuple[str, ...], graph_dir: Path, fmt: str, timeout: float | None
) -> None:
    from duikou.errors import DuikouError
    from duikou.queries import describe, run_columns

    try:
        info = describe(name)
        source = graph_source(graph_dir)
        columns, rows = run_columns(name, source, timeout=timeout, **_parse_params(params))
    except DuikouError as error:
        raise Failure(error) from None
    _emit(columns, rows, fmt, info.title)


def _run_command(name: str) -> click.Command:
    """The command `duikou query NAME`, with the query's header as its help."""
    from duikou.queries import describe

    info = describe(name)
    lines = [info.question, ""]
    lines += [f"--param {p.name}=… ({p.type}): {p.description}" for p in info.parameters]

    @click.command(
        name=name, help="\n\n".join(line for line in lines if line), short_help=info.title
    )
    @_options
    def command(params, graph_dir, fmt, timeout):
        _run_named(name, params, graph_dir, fmt, timeout)

    return command


class _QueryGroup(click.Group):
    """`query list`, `query run NAME`, and any query name as a command of its own."""

    def get_command(self, ctx, cmd_name):
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            return command
        from duikou.queries import query_names

        if cmd_name in query_names():
            return _run_command(cmd_name)
        return None

    def list_commands(self, ctx):
        from duikou.queries import query_names

        return super().list_commands(ctx) + query_names()

    def resolve_command(self, ctx, args):
        from duikou.queries import QueryError, describe

        name = args[0] if args else None
        if name and not name.startswith("-") and super().get_command(ctx, name) is None:
            try:
                describe(name)  # an unknown name is a one-line error naming the known ones
            except QueryError as error:
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
    """List the named queries with their titles, questions and parameters."""
    from duikou.queries import describe, query_names

    infos = [describe(n) for n in query_names()]
    if as_json:
        data = [
            {
                "name": i.name,
                "title": i.title,
                "question": i.question,
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
    from rich.table import Table

    table = Table(title="Named queries (duikou query NAME --param KEY=VALUE)")
    table.add_column("name", no_wrap=True)
    table.add_column("title")
    table.add_column("parameters")
    for info in infos:
        params = "\n".join(
            f"{p.name} ({p.type}{'' if p.required else ', default ' + p.default})"
            for p in info.parameters
        )
        table.add_row(info.name, info.title, params or "none")
    Console().print(table)


@query.command("run")
@click.argument("name")
@_options
def run_query(name: str, params, graph_dir: Path, fmt: str, timeout: float | None) -> None:
    """Run the named query NAME (the same as `duikou query NAME`)."""
    _run_named(name, params, graph_dir, fmt, timeout)


@click.command("sparql")
@click.argument("source", metavar="FILE|-", type=click.File("r", encoding="utf-8"))
@_options
def sparql(source, params, graph_dir: Path, fmt: str, timeout: float | None) -> None:
    """Run the SELECT query in FILE (`-` reads standard input) on a built graph.

    Queries run over the union of the named graphs. --param KEY=VALUE binds the
    variable ?KEY to the string VALUE; Oxigraph needs ?KEY in the SELECT clause.
    A query that runs past --timeout is a one-line error with exit code 2.
    """
    from duikou.errors import DuikouError
    from duikou.queries import run_columns

    text = source.read()
    try:
        values = _parse_params(params)
        columns, rows = run_columns(None, graph_source(graph_dir), text, timeout=timeout, **values)
    except DuikouError as error:
        raise Failure(error) from None
    _emit(columns, rows, fmt)


def register(cli: click.Group) -> None:
    """Add this module's commands to the `duikou` group."""
    cli.add_command(query)
    cli.add_command(sparql)
