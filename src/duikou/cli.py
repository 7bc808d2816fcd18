"""The ``duikou`` command line: a thin layer over the library API.

Commands parse options, call one library function and print its result.
Expected failures (:class:`duikou.errors.DuikouError`) become one line on
stderr and the error's exit code (2 for unusable input); nothing else is
caught, so a real bug still shows its traceback.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from duikou import __version__
from duikou.errors import DuikouError

DEFAULT_OUT = "duikou-out"

graph_dir_option = click.option(
    "--graph",
    "graph_dir",
    default=DEFAULT_OUT,
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder written by `duikou build`.",
)


class _Failure(click.ClickException):
    """A DuikouError on its way out, keeping the error's exit code."""

    def __init__(self, error: DuikouError):
        super().__init__(str(error))
        self.exit_code = error.exit_code


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        label = "note" if record.levelno < logging.WARNING else record.levelname.lower()
        return f"{label}: {record.getMessage()}"


class _StderrHandler(logging.StreamHandler):
    """Writes to the current ``sys.stderr``, so notes print above a live progress bar."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


def _setup_logging(verbosity: int) -> None:
    handler = _StderrHandler()
    handler.setFormatter(_Formatter())
    logger = logging.getLogger("duikou")
    logger.handlers[:] = [handler]
    logger.propagate = False
    logger.setLevel({-1: logging.WARNING, 0: logging.INFO}.get(verbosity, logging.DEBUG))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="duikou")
@click.option("-v", "--verbose", count=True, help="More detail on stderr (repeatable).")
@click.option("-q", "--quiet", is_flag=True, help="Only warnings and errors on stderr.")
def cli(verbose: int, quiet: bool) -> None:
    """duikou: a knowledge graph of China's East-West pairing assistance.

    Turns yearbook chapters into an RDF graph (every fact linked to the
    sentence it came from) that you can validate, count and query.
    """
    _setup_logging(-1 if quiet else verbose)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--out",
    default=DEFAULT_OUT,
    show_default=True,
    type=click.Path(path_type=Path),
    help="Output folder (replaced atomically; only an empty or duikou-written folder is replaced).",
)
@click.option(
    "--progress/--no-progress", default=True, help="Show a progress bar for several files."
)
def build(paths: tuple[Path, ...], out: Path, progress: bool) -> None:
    """Build the graph of PATHS (.txt files or folders; default: the bundled sample).

    Writes OUT/graph.trig (one named graph per document, plus the ontology),
    OUT/graph.ttl (their union), OUT/store/ (an Oxigraph store),
    OUT/sources/ (the input texts the offsets point into) and OUT/manifest.json.
    """
    from duikou.api import build as build_graph

    try:
        result = build_graph(list(paths) or None, out, progress=progress)
    except DuikouError as error:
        raise _Failure(error) from None
    sections = sum(d["pairing_sections"] for d in result.documents)
    sentences = sum(d["sentences"] for d in result.documents)
    click.echo(
        f"built {len(result.documents)} document(s): {sections} pairing sections, "
        f"{sentences} sentences, {result.triples} triples -> {result.out}"
    )


@cli.command()
@graph_dir_option
def validate(graph_dir: Path) -> None:
    """Check a built graph against the SHACL shapes; exit 1 if it does not conform."""
    from duikou.graph.read import read_union
    from duikou.graph.validate import validate_graph

    try:
        result = validate_graph(read_union(graph_dir))
    except DuikouError as error:
        raise _Failure(error) from None
    if result.conforms:
        click.echo(f"{graph_dir}: conforms to the SHACL shapes")
        return
    for line in result.lines():
        click.echo(line)
    click.echo(f"{graph_dir}: {len(result.violations)} violation(s)", err=True)
    sys.exit(1)


@cli.command()
@graph_dir_option
def stats(graph_dir: Path) -> None:
    """Print the number of instances of each class in a built graph."""
    from rich.console import Console
    from rich.table import Table

    from duikou.graph.stats import class_counts

    try:
        counts = class_counts(graph_dir)
    except DuikouError as error:
        raise _Failure(error) from None
    table = Table(title=f"Classes in {graph_dir}")
    table.add_column("class")
    table.add_column("instances", justify="right")
    for iri, count in counts:
        table.add_row(_prefixed(iri), str(count))
    Console().print(table)


def _prefixed(iri: str) -> str:
    for base, prefix in (
        ("https://w3id.org/duikou/ontology#", "dk:"),
        ("http://www.w3.org/ns/org#", "org:"),
        ("http://www.w3.org/ns/prov#", "prov:"),
    ):
        if iri.startswith(base):
            return prefix + iri[len(base) :]
    return iri


def main() -> None:
    cli(prog_name="duikou")
