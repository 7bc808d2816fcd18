"""The named queries: one SPARQL SELECT per ``.rq`` file, read as package data.

Each file starts with comment lines ``# title:``, ``# question:`` and one
``# parameters:`` line per parameter (or ``# parameters: none``)::

    # parameters: year (string, default ""): keep this year only; "" keeps all
    # parameters: fact (iri): the IRI of the fact

A query that the commands run for themselves rather than one that answers a
researcher's question (``export-transfers`` for ``duikou export``) says so
with ``# internal: yes`` (``no``, the default, may be written too).

A query whose many rows come back in the order of some of its columns may say
so with ``# order: COLUMN ...`` instead of an ``ORDER BY`` (and then has none):
:func:`duikou.queries.runner.run` sorts its rows by those columns, ascending,
unbound first (what ``ORDER BY ?a ?b`` gives for IRIs, strings and numbers).
``COLUMN=""`` sorts the rows whose COLUMN is not ``""`` first (what
``ORDER BY (?a = "")`` gives), so that empty values can come last, and
``DESC(COLUMN)`` sorts by COLUMN descending (unbound last), as in SPARQL.
Oxigraph's on-disk store compares IRIs and long strings by reading their text
from disk at every comparison, so ``ORDER BY ?fact`` over 45,000 rows took
about 2 s; Python sorts the same rows in a few hundredths of a second.

A parameter is declared with its type (``iri``, ``string``, ``integer``,
``decimal``, or ``count``, ``year`` and ``province``, which
:mod:`duikou.queries.values` checks and binds as an integer or a string) so
that :mod:`duikou.queries.runner` can bind it as an RDF term of that type,
never pasted into the query text. A province may be given by name. ``timeout`` is reserved (it is
the runner's time limit), so no parameter may be called that.

Three parameter names mean the same in every query that adds money up, and
take only the values of :data:`CHOICES` (:func:`check_choices`): ``kind``
(``"aid"``, the default, is fiscal aid and social donations), ``status``
(``"disbursed"`` by default) and ``scope`` (``"sections"``, the default, leaves
out the chapter's overview, which restates the pairing sections' figures).

>>> [p.name for p in describe("transfers-by-recipient").parameters]
['year', 'province', 'kind', 'status', 'scope']
>>> describe("evidence-of").parameters[0].required
True
>>> describe("export-transfers").internal, describe("pairs").internal
(True, False)
>>> describe("network-nodes").order
('node',)
>>> check_choices("transfers-by-donor", {"kind": "gifts"})
Traceback (most recent call last):
...
duikou.errors.ParameterError: query 'transfers-by-donor': parameter 'kind' must be one of aid, all,
fiscal_aid, social_donation, investment, loan_subsidy, trade, other, not 'gifts'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from duikou.errors import ParameterError, QueryError

__all__ = [
    "Parameter",
    "QueryInfo",
    "query_names",
    "query_text",
    "parse_header",
    "describe",
    "named_text",
    "TYPES",
    "AID_KINDS",
    "CHOICES",
    "check_choices",
]

RESERVED = ("timeout",)  # keywords of run() that cannot be parameter names
TYPES = ("iri", "string", "integer", "decimal", "count", "year", "province")
_PARAMETER = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*) \((?P<type>\w+)(?:, default (?P<default>.*?))?\): "
    r"(?P<description>.+)$"
)
_PACKAGE = "duikou.queries"
_ORDER_KEY = re.compile(r'[A-Za-z_]\w*(?:="")?|DESC\([A-Za-z_]\w*\)')

AID_KINDS = ("fiscal_aid", "social_donation")
"""The transfer kinds that ``kind="aid"`` adds up."""
CHOICES = {
    "kind": ("aid", "all", *AID_KINDS, "investment", "loan_subsidy", "trade", "other"),
    "status": ("disbursed", "all", "planned", "committed", "cumulative"),
    "scope": ("sections", "all"),
}
"""The values of the parameters that choose what a money sum adds up (the default first)."""


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
    internal: bool = False  # run by the commands (``# internal: yes``), not for researchers
    order: tuple[str, ...] = ()  # what the runner sorts the rows by (``# order:``)


def query_names() -> list[str]:
    return sorted(p.name[:-3] for p in files(_PACKAGE).iterdir() if p.name.endswith(".rq"))


def query_text(name: str) -> str:
    """Text of the named query; ``KeyError`` naming the known ones if there is none."""
    resource = files(_PACKAGE).joinpath(f"{name}.rq")
    if not resource.is_file():
        raise KeyError(f"no query named {name!r}; known: {', '.join(query_names())}")
    return resource.read_text(encoding="utf-8")


def parse_header(name: str, text: str) -> QueryInfo:
    """Read the ``# title:``, ``# question:``, ``# parameters:``, ``# internal:``
    and ``# order:`` lines of *text*."""
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
        elif key == "internal":
            if value not in ("yes", "no"):
                raise QueryError(f"query {name!r}: write '# internal: yes' or 'no', not {value!r}")
            fields[key] = value
        elif key == "order":
            if not all(map(_ORDER_KEY.fullmatch, value.split(" "))):
                raise QueryError(
                    f"query {name!r}: write '# order: COLUMN ...' (column names, "
                    f'COLUMN="" to put empty values last, DESC(COLUMN)), not {value!r}'
                )
            fields[key] = value
    return QueryInfo(
        name,
        fields.get("title", name),
        fields.get("question", ""),
        tuple(parameters),
        internal=fields.get("internal") == "yes",
        order=tuple(fields.get("order", "").split()),
    )


@cache
def describe(name: str) -> QueryInfo:
    """The header of the named query (``QueryError`` if there is no such query)."""
    return parse_header(name, named_text(name))


def check_choices(name: str | None, params: dict) -> None:
    """Raise :class:`ParameterError` if a ``kind``, ``status`` or ``scope`` in *params*
    is not one of :data:`CHOICES`: those that the query *name* declares, or all
    three when *name* is None (the network and the page, which add up in Python).

    >>> check_choices(None, {"status": "paid"})
    Traceback (most recent call last):
    ...
    duikou.errors.ParameterError: status must be one of disbursed, all, planned, committed,
    cumulative, not 'paid'
    """
    declared = set(CHOICES) if name is None else {p.name for p in describe(name).parameters}
    for key, allowed in CHOICES.items():
        if key in declared and key in params and str(params[key]) not in allowed:
            what = key if name is None else f"query {name!r}: parameter {key!r}"
            raise ParameterError(f"{what} must be one of {', '.join(allowed)}, not {params[key]!r}")


def named_text(name: str) -> str:
    """Text of the named query; ``QueryError`` (for users) if there is none."""
    try:
        return query_text(name)
    except KeyError as exc:
        raise QueryError(exc.args[0] + "; see `duikou query list`") from None
