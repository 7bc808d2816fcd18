"""CLI commands for the network (added to the group by `duikou.cli`).

`duikou analyze` prints the network analyses of :func:`duikou.api.analyze` as
tables (or JSON); `duikou export network` writes the network as GraphML or
GEXF for Gephi (:func:`duikou.api.export_network`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import click

from duikou import api
from duikou.cli_common import graph_dir_option, graph_source, timeout_option

__all__ = ["analyze", "export_network", "sums_options"]

_NUMBER = re.compile(r"[0-9][0-9,.]*")
_yuan = api.yuan


def sums_options(command):
    """--kind, --status and --scope: what the yuan figures add up (checked by the library)."""
    command = click.option(
        "--scope",
        default="sections",
        show_default=True,
        metavar="[sections|all]",
        help="sections: leave out the chapter's overview, which restates the pairing "
        "sections' figures; all: keep it.",
    )(command)
    command = click.option(
        "--status",
        default="disbursed",
        show_default=True,
        metavar="STATUS",
        help="Add up transfers of this status: disbursed, planned, committed, cumulative, or all.",
    )(command)
    return click.option(
        "--kind",
        default="aid",
        show_default=True,
        metavar="KIND",
        help="Add up transfers of this kind: aid (fiscal_aid and social_donation), "
        "fiscal_aid, social_donation, investment, loan_subsidy, trade, other, or all.",
    )(command)


def _where(item: dict) -> str:
    return " ".join(part for part in (item.get("code"), item.get("level")) if part)


def _members(labels: list[str], shown: int = 6) -> str:
    more = len(labels) - shown
    return ", ".join(labels[:shown]) + (f" … and {more} more" if more > 0 else "")


def _print_report(report: dict, graph_dir: Path) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    summary = report["summary"]
    console.print(
        f"{graph_dir}: {summary['nodes']} nodes, "
        f"{summary['donor_recipient_pairs']} donor→recipient pairs "
        f"({summary['edges']} edges by kind), {summary['donors']} donors, "
        f"{summary['recipients']} recipients, {summary['components']} weakly connected "
        f"components"
    )
    console.print(
        f"yuan figures add up {summary['sums']['text']}, leaving out 'of which' parts "
        f"and items a section's total covers: {_yuan(summary['yuan'])} yuan in "
        f"{summary['yuan_transfers']} transfer(s) (other kinds and statuses: --kind, "
        "--status, --scope)"
    )

    def table(title: str, columns: list[str], rows: list[list[str]]) -> None:
        grid = Table(title=title, title_justify="left")
        for index, column in enumerate(columns):
            numeric = rows and all(_NUMBER.fullmatch(row[index]) for row in rows)
            grid.add_column(column, justify="right" if numeric else "left")
        for row in rows:
            grid.add_row(*row)
        console.print(grid)

    table(
        "Recipients with several donors",
        ["recipient", "code level", "donors", "who"],
        [
            [r["label"], _where(r), str(r["count"]), "; ".join(r["donors"])]
            for r in report["multi_donor_recipients"]
        ],
    )
    table(
        "Donors by yuan given",
        ["donor", "code level", "yuan", "transfers"],
        [
            [d["label"], _where(d), _yuan(d["yuan"]), str(d["transfers"])]
            for d in report["donors_by_yuan"]
        ],
    )
    table(
        "Donors by number of recipients",
        ["donor", "code level", "recipients"],
        [[d["label"], _where(d), str(d["recipients"])] for d in report["donors_by_recipients"]],
    )
    table(
        "Recipients by yuan received (in-strength)",
        ["recipient", "code level", "yuan", "transfers", "donors"],
        [
            [r["label"], _where(r), _yuan(r["yuan"]), str(r["transfers"]), str(r["donors"])]
            for r in report["in_strength"]
        ],
    )
    for key, title in (("pagerank", "PageRank"), ("betweenness", "Betweenness (undirected)")):
        table(
            title,
            ["node", "code level", "score"],
            [[n["label"], _where(n), f"{n['score']:.4f}"] for n in report[key]],
        )
    table(
        "Weakly connected components",
        ["size", "donors", "members"],
        [[str(c["size"]), str(c["donors"]), _members(c["labels"])] for c in report["components"]],
    )
    table(
        "Donors sharing recipients",
        ["donors", "shared", "recipients"],
        [
            [p["label"], str(p["shared"]), "; ".join(p["recipients"])]
            for p in report["donor_projection"]
        ],
    )
    rollup = report["rollup"]
    for level in ("province", "prefecture", "county"):
        table(
            f"Yuan received per {level}",
            [level, "code", "yuan", "transfers", "recipients"],
            [
                [a["label"], a["code"], _yuan(a["yuan"]), str(a["transfers"]), str(a["recipients"])]
                for a in rollup[level]
            ],
        )
    unplaced = rollup["unplaced"]
    console.print(
        f"not placed in a province: {_yuan(unplaced['yuan'])} yuan in "
        f"{unplaced['transfers']} transfer(s) to {unplaced['recipients']} recipient(s)"
    )


@click.command()
@graph_dir_option
@timeout_option
@sums_options
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of tables.")
@click.option(
    "--top",
    default=10,
    show_default=True,
    type=click.IntRange(min=1),
    help="Rows per ranking (and components listed).",
)
def analyze(
    graph_dir: Path,
    as_json: bool,
    top: int,
    kind: str,
    status: str,
    scope: str,
    timeout: float | None,
) -> None:
    """Analyse the donor → recipient network of a built graph.

    Nodes are the regions and organisations that pairings and transfers
    link; each donor → recipient pair is one link. Prints: recipients with
    several donors; donors by yuan given and by number of recipients;
    recipients by yuan received (in-strength); PageRank (directed,
    unweighted) and betweenness (undirected); weakly connected
    components; pairs of donors that share recipients; and yuan received
    rolled up per county, prefecture and province along geo:sfWithin.

    Every yuan figure adds up, by default, disbursed aid (fiscal aid and
    social donations) read in the pairing sections, and says in how many
    transfers; never "of which" parts of a total or items that a section's
    own total covers. --kind, --status and --scope add up other transfers
    (investment, trade deals, commitments, plans, the overview's figures).
    """
    report = api.analyze(
        graph_source(graph_dir), top=top, kind=kind, status=status, scope=scope, timeout=timeout
    )
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        _print_report(report, graph_dir)


@click.command("network")
@graph_dir_option
@timeout_option
@click.option(
    "--format",
    "fmt",
    default="graphml",
    show_default=True,
    metavar="[graphml|gexf]",
    help="GraphML or GEXF (both open in Gephi).",
)
@click.option(
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE (replaced atomically).",
)
def export_network(graph_dir: Path, fmt: str, output: Path, timeout: float | None) -> None:
    """The donor → recipient network as GraphML or GEXF, for Gephi.

    Nodes are region/organisation IRIs with label, code, level, macro,
    lon/lat, prefecture and province (when known). Each donor → recipient
    pair has an edge per kind (key "pairing" or "transfer") with level,
    yuan, yuan_parts, transfers, pairings and evidence (fact IRIs).
    """
    network = api.export_network(output, graph_source(graph_dir), fmt=fmt, timeout=timeout)
    click.echo(
        f"wrote {network.number_of_nodes()} nodes and {network.number_of_edges()} edges "
        f"to {output}",
        err=True,
    )
