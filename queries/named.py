"""The named queries: one SPARQL SELECT per ``.rq`` file, read as package data.

Each file starts with comment lines ``# title:``, ``# question:`` and one
``# parameters:`` line per parameter (or ``# parameters: none``)::

    # parameters: year (string, default ""): keep this year only; "" keeps all
    # parameters: fact (iri): the IRI of the fact

A parameter is declared with its type (``iri``, ``string``, ``integer``,
``decimal``) so that :mod:`duikou.queries.runner` can bind it as an RDF term of
that type, never pasted into the query text. ``timeout`` is reserved (it is
the runner's time limit), so no parameter may be called that.

>>> [p.name for p in describe("transfers-by-recipient").parameters]
['year', 'province']
>>> describe("evidence-of").parameters[0].required
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from duikou.errors import QueryError

__all__ = [
    "Parameter",
    "QueryInfo",
    "query_names",
    "query_text",
    "parse_header",
    "describe",
    "named_text",
    "TYPES",
]

RESERVED = ("timeout",)  # keywords of run() that cannot be parameter names
TYPES = ("iri", "string", "integer", "decimal")
_PARAMETER = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*) \((?P<type>\w+)(?:, default (?P<default>.*?))?\): "
    r"(?P<description>.+)$"
)
_PACKAGE = "duikou.queries"


@dataclass(frozen=True)
class Parameter:
    """One declared parameter of a named query."""

    name: str
    type: str
    description: str
    default: str | None = None  # as written in the header (a string default is quoted)

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass(frozen=True)
class QueryInfo:
    """What a named query's header says about it."""

    name: str
    title: str
    question: str
    parameters: tuple[Parameter, ...]


def query_names() -> list[str]:
    return sorted(p.name[:-3] for p in files(_PACKAGE).iterdir() if p.name.endswith(".rq"))


def query_text(name: str) -> str:
    """Text of the named query; ``KeyError`` naming the known ones if there is none."""
    resource = files(_PACKAGE).joinpath(f"{name}.rq")
    if not resource.is_file():
        raise KeyError(f"no query named {name!r}; known: {', '.join(query_names())}")
    return resource.read_text(encoding="utf-8")


def parse_header(name: str, text: str) -> QueryInfo:
    """Read the ``# title:``, ``# question:`` and ``# parameters:`` lines of *text*."""
    fields: dict[str, str] = {}
    parameters: list[Parameter] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line.lstrip("# ").partition(":")
        value = value.strip()
        if key == "parameters":
            if value == "none":
                continue
            match = _PARAMETER.match(value)
            if match is None or match["type"] not in TYPES:
                raise QueryError(
                    f"query {name!r}: cannot read the parameter line {value!r}; write "
                    f"'name ({'|'.join(TYPES)}[, default VALUE]): description'"
                )
            if match["name"] in RESERVED:
                raise QueryError(
                    f"query {name!r}: no parameter may be called {match['name']!r} "
                    "(run() takes the time limit under that name); rename it"
                )
            parameters.append(
                Parameter(match["name"], match["type"], match["description"], match["default"])
            )
        elif key in ("title", "question"):
            fields[key] = value
    return QueryInfo(name, fields.get("title", name), fields.get("question", ""), tuple(parameters))


@cache
def describe(name: str) -> QueryInfo:
    """The header of the named query (``QueryError`` if there is no such query)."""
    return parse_header(name, named_text(name))


def named_text(name: str) -> str:
    """Text of the named query; ``QueryError`` (for users) if there is none."""
    try:
        return query_text(name)
    except KeyError as exc:
        raise QueryError(exc.args[0] + "; see `duikou query list`") from None
