"""CLI commands of the viz part of the query layer (registered by `duikou.cli`)."""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["register"]


def register(cli: click.Group) -> None:
    """Add this module's commands to the `duikou` group."""
    from duikou.cli_common import Failure, graph_dir_option, graph_source

    @cli.command()
    @graph_dir_option
    @click.option(
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="HTML file to write (replaced atomically). Default: DIR/pairings.html.",
    )
    @click.option(
        "--layout",
        type=click.Choice(["force", "geo"]),
        default="force",
        show_default=True,
        help="force: a force-directed layout that settles; geo: places by longitude/latitude.",
    )
    def viz(graph_dir: Path, output: Path | None, layout: str) -> None:
        """Write an interactive network page of donors and recipients (works offline).

        Nodes are coloured east/central/west and sized by yuan given or
        received; edges are as wide as the yuan they carry and their tooltip
        quotes the sentence they were read from. The page is one HTML file
        that makes no network request when opened.
        """
        from duikou.errors import DuikouError
        from duikou.graph.viz import network_page

        target = output if output is not None else graph_dir / "pairings.html"
        try:
            written = network_page(graph_source(graph_dir), target, layout=layout)
        except DuikouError as error:
            raise Failure(error) from None
        click.echo(f"wrote {written} ({layout} layout)", err=True)
