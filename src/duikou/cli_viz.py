"""CLI commands of the viz part of the query layer (registered by `duikou.cli`)."""

from __future__ import annotations

import click

__all__ = ["register"]


def register(cli: click.Group) -> None:
    """Add this module's commands to the `duikou` group."""
