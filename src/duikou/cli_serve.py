"""CLI commands to serve a built graph and push it to other SPARQL stores."""

from __future__ import annotations

import click

__all__ = ["register"]


def register(cli: click.Group) -> None:
    """Add this module's commands to the `duikou` group."""
