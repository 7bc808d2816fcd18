"""Link divisions to Wikidata items through the GB/T 2260 code (Wikidata property P442).

The codes go to a SPARQL endpoint in batches (``VALUES``), with retries and
back-off; answers are cached in a JSON file so a second run asks nothing.
Codes are checked to be six digits and written as escaped RDF literals:
nothing else from the graph reaches the query text.

The gazetteer speaks no HTTP itself: the caller passes *select*, a function
that runs a SELECT on the endpoint and returns its rows as dicts of strings
(``duikou.api`` gives one backed by the SPARQL client of
:mod:`duikou.queries.endpoint`, with :data:`USER_AGENT`).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from rdflib import Literal

from duikou.atomic import write_text_atomically
from duikou.errors import EndpointTimeout
from duikou.version import __version__

__all__ = ["USER_AGENT", "Select", "lookup_codes"]

USER_AGENT = (
    f"duikou/{__version__} (knowledge graph of China's East-West pairing assistance; "
    "links GB/T 2260 division codes to Wikidata items via P442)"
)
BATCH = 200
_CODE = re.compile(r"^\d{6}$")
_QUERY = """PREFIX wdt: <http://www.wikidata.org/prop/direct/>
SELECT ?code ?item WHERE {{
  VALUES ?code {{ {values} }}
  ?item wdt:P442 ?code .
}}"""


Select = Callable[[str], list[dict[str, str]]]
"""Runs a SELECT on the endpoint; one dict per row, variable name -> value."""


def lookup_codes(
    codes: Iterable[str],
    *,
    select: Select,
    cache: Path | None = None,
    retries: int = 3,
    backoff: float = 1.0,
) -> dict[str, str | None]:
    """Wikidata item IRI for each code (``None`` when Wikidata has none).

    Codes already in *cache* are not asked again; new answers are added to it.
    A batch that times out is asked again up to *retries* times, after
    *backoff* seconds, then twice as long each time; other failures (refused,
    unreachable, a bad answer) and the last time-out are raised at once
    (:class:`~duikou.errors.EndpointError`).
    """
    codes = sorted({c for c in codes if _CODE.match(c)})
    known: dict[str, str | None] = _read_cache(cache)
    missing = [c for c in codes if c not in known]
    for start in range(0, len(missing), BATCH):
        batch = missing[start : start + BATCH]
        answers = _ask(select, batch, retries, backoff)
        for code in batch:
            known[code] = answers.get(code)
        _write_cache(cache, known)
    return {c: known.get(c) for c in codes}


def _ask(select: Select, codes: list[str], retries: int, backoff: float) -> dict[str, str]:
    query = _QUERY.format(values=" ".join(Literal(c).n3() for c in codes))
    for attempt in range(retries + 1):
        try:
            rows = select(query)
            break
        except EndpointTimeout:
            if attempt == retries:
                raise
            time.sleep(backoff * 2**attempt)
    answers: dict[str, str] = {}
    for row in rows:
        if row.get("code") and row.get("item"):
            answers.setdefault(row["code"], row["item"])
    return answers


def _read_cache(cache: Path | None) -> dict[str, str | None]:
    if cache is None or not cache.is_file():
        return {}
    try:
        return json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_cache(cache: Path | None, known: dict[str, str | None]) -> None:
    if cache is None:
        return
    cache.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomically(cache, json.dumps(dict(sorted(known.items())), indent=1))
