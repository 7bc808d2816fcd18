"""Named SPARQL queries, one per ``.rq`` file, read as package data.

Each file starts with comment lines ``# title:``, ``# question:`` and
``# parameters:`` that ``duikou query list`` shows.
"""

from __future__ import annotations

from importlib.resources import files

__all__ = ["query_text", "query_names"]


def query_names() -> list[str]:
    return sorted(p.name[:-3] for p in files(__name__).iterdir() if p.name.endswith(".rq"))


def query_text(name: str) -> str:
    """Text of the named query; ``KeyError`` naming the known ones if there is none."""
    resource = files(__name__).joinpath(f"{name}.rq")
    if not resource.is_file():
        raise KeyError(f"no query named {name!r}; known: {', '.join(query_names())}")
    return resource.read_text(encoding="utf-8")
