"""The ``duikou`` command line: a thin layer over the library API (:mod:`duikou.api`).

Commands parse options, call one library function and print its result.
Expected failures (:class:`duikou.errors.DuikouError`) become one line on
stderr and the error's exit code (2 for unusable input) in one place,
:class:`~duikou.cli_common.DuikouGroup`; nothing else is caught, so a real bug
still shows its traceback. The commands of the other ``cli_*`` modules are
added to the group at the end of this module, in one list.
"""

from __future__ import annotations

import gc
import logging
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from duikou import api
from duikou.cli_analyze import analyze, export_network
from duikou.cli_common import (
    DuikouGroup,
    graph_dir_option,
    graph_option,
    graph_source,
    say_waiting,
    timeout_option,
    wait_option,
)
from duikou.cli_query import query, sparql
from duikou.cli_reconcile import reconcile
from duikou.cli_serve import push_command, serve_command
from duikou.cli_summary import summary
from duikou.cli_viz import viz


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


@click.group(cls=DuikouGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(api.__version__, prog_name="duikou")
@click.option("-v", "--verbose", count=True, help="More detail on stderr (repeatable).")
@click.option("-q", "--quiet", is_flag=True, help="Only warnings and errors on stderr.")
def cli(verbose: int, quiet: bool) -> None:
    """duikou: a knowledge graph of China's East-West pairing assistance.

    Turns yearbook chapters into an RDF graph (every fact linked to the
    sentence it came from) that you can validate, count and query.
    """
    _setup_logging(-1 if quiet else verbose)


def _size(value) -> int | None:
    if value is None or isinstance(value, int):
        return value
    try:
        return api.parse_size(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--out",
    default=api.DEFAULT_OUT,
    show_default=True,
    type=click.Path(path_type=Path),
    help="Output folder (replaced atomically; only an empty or duikou-written folder is replaced).",
)
@click.option(
    "--update",
    is_flag=True,
    help="Keep the documents already in OUT: skip unchanged files, replace changed ones, add new.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes that build documents in parallel [default: one per CPU core].",
)
@click.option(
    "--max-bytes",
    metavar="SIZE",
    default=None,
    help="Refuse input files larger than SIZE (e.g. 64MiB, 500k) "
    "[default: $DUIKOU_MAX_BYTES or 32MiB, a whole yearbook as one file].",
)
@click.option("--timings", is_flag=True, help="Print the seconds spent in each stage.")
@click.option(
    "--progress/--no-progress", default=True, help="Show a progress bar for several files."
)
@wait_option
def build(
    paths: tuple[Path, ...],
    out: Path,
    update: bool,
    jobs: int | None,
    max_bytes: str | None,
    timings: bool,
    progress: bool,
    wait: bool,
) -> None:
    """Build the graph of PATHS (.txt, .html/.htm or .pdf files, or folders of them;
    default: the bundled sample).

    A file is read by what its bytes are before its name: a web page's article
    text (menus and footer dropped), a PDF's text layer; archives, images and
    PDFs without text are refused with one line.

    Writes OUT/store/ (an Oxigraph store: one named graph per document, plus
    the ontology's), OUT/graphs/ (each of those graphs as gzipped Turtle, which
    the store is loaded from and --update reuses), OUT/sources/ (the input
    texts the offsets point into) and OUT/manifest.json. `duikou export rdf`
    writes the whole graph as one TriG, Turtle or N-Quads file.
    With --update, PATHS are added to the build already in OUT (a clean build
    of the same final set of documents gives the same files). Other files in
    OUT (a page `duikou viz` wrote there, notes) are kept. One command writes
    a folder at a time; the others wait for it (or stop, with --no-wait).
    """
    limits = {} if max_bytes is None else {"max_bytes": _size(max_bytes)}
    result = api.build(
        list(paths) or None,
        out,
        update=update,
        jobs=jobs,
        progress=progress,
        limits=limits,
        wait=wait,
        on_wait=say_waiting,
    )
    _report_build(result, f"built {len(result.documents)} document(s)", timings)


@cli.command()
@graph_option
@click.argument("documents", nargs=-1, required=True)
@click.option("--timings", is_flag=True, help="Print the seconds spent in each stage.")
@wait_option
def remove(graph_dir: Path, documents: tuple[str, ...], timings: bool, wait: bool) -> None:
    """Drop DOCUMENTS (id or id prefix, file name, or path) from the build in DIR."""
    result = api.remove(graph_dir, documents, progress=False, wait=wait, on_wait=say_waiting)
    _report_build(result, f"{graph_dir} now holds {len(result.documents)} document(s)", timings)


def _report_build(result, lead: str, timings: bool) -> None:
    sections = sum(d["pairing_sections"] for d in result.documents)
    sentences = sum(d["sentences"] for d in result.documents)
    changes = f"{len(result.built)} built, {len(result.kept)} kept, {len(result.removed)} removed"
    click.echo(
        f"{lead}: {sections} pairing sections, {sentences} sentences, "
        f"{result.quads} quads -> {result.out} ({changes})"
    )
    if timings:
        for name, seconds in sorted(result.stages.items(), key=lambda item: -item[1]):
            click.echo(f"  {name:<24}{seconds:8.2f} s", err=True)
        click.echo(f"  {'wall time':<24}{result.seconds:8.2f} s", err=True)


@cli.command()
@graph_option
def validate(graph_dir: Path) -> None:
    """Check a built graph against the SHACL shapes; exit 1 if it does not conform.

    Reads the graphs of DIR/graphs/ (what the store was loaded from); there is
    no --endpoint: SHACL needs every triple of the graph, and fetching a whole
    store over HTTP would be slow and bounded only by guesses, so validate the
    folder the store was loaded from (`duikou serve` and `duikou push` both
    start from one). Shows its stages on stderr when stderr is a terminal.
    """
    with _stages() as stage:
        result = api.validate(graph_dir, progress=stage)
    if result.conforms:
        click.echo(f"{graph_dir}: conforms to the SHACL shapes")
        return
    for line in result.lines():
        click.echo(line)
    click.echo(f"{graph_dir}: {len(result.violations)} violation(s)", err=True)
    sys.exit(1)


@contextmanager
def _stages():
    """A callable that shows each stage it is given as a live line on stderr (a terminal only)."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("starting", total=None)
        yield lambda description: bar.update(task, description=description)


@cli.command()
@graph_dir_option
@timeout_option
def stats(graph_dir: Path, timeout: float | None) -> None:
    """Print the number of instances of each class in a built graph (or at --endpoint)."""
    from rich.console import Console
    from rich.table import Table

    source = graph_source(graph_dir)
    counts = api.stats(source, timeout=timeout)
    table = Table(
        title=f"Classes in {api.display_url(source) if isinstance(source, str) else source}"
    )
    table.add_column("class")
    table.add_column("instances", justify="right")
    for iri, count in counts:
        table.add_row(api.compact(iri), str(count))
    Console().print(table)


@cli.group()
def export() -> None:
    """Write the facts of a built graph as CSV or JSON rows (one row per fact), its
    network for Gephi, or the whole graph as one RDF file.

    Rows are in document order; `source` is SHA256:START-END, the evidence's
    character offsets in DIR/sources/SHA256.txt.
    """


def _export_options(command):
    """--graph, --format and --output, listed in that order in --help."""
    command = click.option(
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Write to FILE (replaced atomically) instead of stdout.",
    )(command)
    command = click.option(
        "--format",
        "fmt",
        default="csv",
        show_default=True,
        metavar="[csv|json]",
        help="csv (header row, UTF-8) or json (a list of objects with the same keys).",
    )(command)
    return graph_dir_option(command)


def _export(kind: str, graph_dir: Path, fmt: str, output: Path | None) -> None:
    result = api.export(kind, graph_source(graph_dir), fmt=fmt, output=output)
    if output is None:
        click.echo(result.text, nl=False)
    else:
        click.echo(f"wrote {len(result.rows)} {kind} to {output}", err=True)


@export.command("transfers")
@_export_options
def export_transfers(graph_dir: Path, fmt: str, output: Path | None) -> None:
    """One row per flow of money (a flow stated in several sentences is one row).

    Columns: donor, recipient, amount_cny (yuan, a plain number), year ("2012",
    "2011-2012" or ""), kind (fiscal_aid, social_donation, investment,
    loan_subsidy, trade, other), purpose (codes joined with ";"), evidence (the
    sentence first stating the flow), source; then status (planned, committed,
    disbursed, cumulative), in_kind (true/false), period ("2012" or
    "1996/2011"), mentions (how many sentences state the flow), part_of (the
    source of the whole of an "of which" part), covered_by (the source of the
    section total it is an item of), restated_in (the sources of the other
    statements, joined with ";").
    """
    _export("transfers", graph_dir, fmt, output)


@export.command("pairings")
@_export_options
def export_pairings(graph_dir: Path, fmt: str, output: Path | None) -> None:
    """One row per pairing.

    Columns: donor, recipient, donor_level, recipient_level (province,
    prefecture, county, township, village or ""), scope (east-west,
    intra-provincial, other), evidence (the heading or sentence), source.
    """
    _export("pairings", graph_dir, fmt, output)


@export.command("rdf")
@graph_option
@click.option(
    "--format",
    "fmt",
    default="trig",
    show_default=True,
    metavar="[trig|ttl|nq]",
    help="trig (one named graph per document, plus the ontology's), ttl (their union "
    "as one graph) or nq (N-Quads, named graphs).",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to FILE (replaced atomically) instead of stdout.",
)
def export_rdf(graph_dir: Path, fmt: str, output: Path | None) -> None:
    """The whole graph of DIR as one RDF file, to load into another store or tool.

    Assembled from DIR/graphs/ (the chunks the store was loaded from): the
    ontology's graph, the documents' graphs by id, then the others (Wikidata
    links). The same folder gives the same bytes, and so do a clean build and
    an update of the same documents; trig and ttl are the bytes of the
    graph.trig and graph.ttl that builds used to write. There is no
    --endpoint: a store's own dump does that.
    """
    if output is None:
        api.export_rdf(sys.stdout.buffer, graph_dir, fmt=fmt)
        return
    size = api.export_rdf(output, graph_dir, fmt=fmt)
    click.echo(f"wrote {size} bytes of {fmt} to {output}", err=True)


@cli.command("eval")
@click.option(
    "--gold",
    "gold_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder of gold CSVs: any *pairings*.csv and *transfers*.csv.",
)
@graph_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of tables.")
@click.option(
    "--document",
    metavar="SHA_PREFIX",
    default=None,
    help="The document the gold annotates (required if the graph holds several).",
)
def eval_command(gold_dir: Path, graph_dir: Path, as_json: bool, document: str | None) -> None:
    """Score a built graph against gold annotations: precision, recall, F1.

    Pairings are compared as distinct (donor, recipient) pairs. A transfer
    matches a gold row on the same source line whose amount is within 0.5 %
    and whose donor and recipient names match (NFKC, straight quotes, lower
    case, without parenthesised parts, a leading "the", admin words such as
    Province/City/County/Autonomous Region, the nationality words of
    autonomous names, apostrophes and hyphens; equal, or one's words a subset
    of the other's). Matching is one-to-one, greedy.

    Only predictions on lines the gold covers are scored: from the
    pairing-section heading at or before the gold's first line (line 1 if
    none) to the gold's last line, extended to the line before the next
    pairing-section heading. A second table scores each pairing section on
    its own lines (`--json`: "sections").

    "transfers (pair)" scores gold rows of granularity `pair`: recall over
    them; precision counts predictions matched to them against unmatched
    predictions that name both parties, neither collective, and that do not
    restate an aggregate gold row's amount on its line. A name is
    collective if it starts with "the" and has a plural word, starts with a
    number, or contains a plural admin word (provinces, regions,
    municipalities, cities, counties, districts, areas, villages,
    enterprises, departments, prefectures, banners, towns, townships,
    leagues).

    Then lists the misses and the false positives with line and evidence.
    Exit 0 whenever it ran; the scores are not a pass/fail test. There is no
    --endpoint: scoring needs the folder's DIR/sources/ texts for line numbers.
    """
    import json

    report = api.evaluate(gold_dir, graph_dir, document=document)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        api.print_eval_report(report)


@cli.command()
@graph_option  # its --endpoint is the Wikidata endpoint, not a graph to query
@click.option("--report", is_flag=True, help="Print how the places resolved to official divisions.")
@click.option("--wikidata", is_flag=True, help="Link divisions to Wikidata items by code (P442).")
@click.option(
    "--endpoint",
    default=None,
    help="SPARQL endpoint for --wikidata (default: the Wikidata Query Service).",
)
@click.option(
    "--cache",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Cache file of Wikidata answers (default: ~/.cache/duikou/wikidata-p442.json).",
)
@click.option("--json", "as_json", is_flag=True, help="With --report: one JSON object.")
@wait_option
def link(
    graph_dir: Path, report: bool, wikidata: bool, endpoint, cache, as_json: bool, wait: bool
) -> None:
    """Report place resolution (--report) and link divisions to Wikidata (--wikidata).

    Places are resolved to GB/T 2260 divisions by `duikou build`, offline, from
    the shipped gazetteer; this command shows the outcome. With --wikidata it
    asks a SPARQL endpoint for the Wikidata items with each division code and
    writes owl:sameAs links into the named graph <https://w3id.org/duikou/id/graph/wikidata>
    of GRAPH (running it again replaces them). An unreachable endpoint is an
    error (exit 2) that leaves GRAPH as it was.
    """
    import json

    if not (report or wikidata):
        raise click.UsageError("say what to do: --report and/or --wikidata")
    if wikidata:
        linked = api.link(
            graph_dir,
            endpoint=endpoint or api.WIKIDATA_ENDPOINT,
            cache=cache or api.default_wikidata_cache(),
            wait=wait,
            on_wait=say_waiting,
        )
        click.echo(f"{graph_dir}: {linked} region(s) linked to Wikidata")
    if report:
        result = api.resolution_report(graph_dir)
    if not report:
        return
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return
    counts = result.to_dict()["counts"]
    counted = sum(counts[s] for s in ("resolved", "variant", "ambiguous", "unresolved"))
    click.echo(
        f"places resolved: {counts['resolved'] + counts['variant']} of {counted} distinct names "
        f"({result.rate:.1%}; {counts['variant']} as spelling variants); "
        f"ambiguous {counts['ambiguous']}, unresolved {counts['unresolved']}; "
        f"not counted: {counts['below-county']} below county level, "
        f"{counts['collective']} collective, {counts['not-a-place']} not places"
    )
    for name, item in result.unresolved():
        codes = f" ({', '.join(item['codes'])})" if item["codes"] else ""
        click.echo(f"  {item['status']}: {name}{codes} | {item['evidence']}")


for _command in (query, sparql, analyze, viz, reconcile, summary, serve_command, push_command):
    cli.add_command(_command)
export.add_command(export_network)


def main() -> None:
    # A command keeps nearly all it allocates (modules, the gazetteer, the graph) until
    # it exits; at Python's default of a young-generation collection per 700 new
    # objects, re-examining them took a tenth of a build's CPU (issue 15). Only the
    # program sets this: a notebook importing duikou keeps its own settings.
    gc.set_threshold(50_000, 20, 20)
    cli(prog_name="duikou")
