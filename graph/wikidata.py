"""Link divisions to Wikidata items through the GB/T 2260 code (Wikidata property P442).

The codes go to a SPARQL endpoint in batches (``VALUES``), with a descriptive
User-Agent and retries with back-off; answers are cached in a JSON file so a
second run asks nothing. Codes are checked to be six digits and written as
escaped RDF literals: nothing else from the graph reaches the query text.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from urllib.error import URLError

from rdflib import Literal
from SPARQLWrapper import JSON, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from duikou import __version__
from duikou.errors import DuikouError

__all__ = ["WIKIDATA_ENDPOINT", "USER_AGENT", "EndpointError", "lookup_codes"]

WIKIDATA_ENDPOINT = "https://query.wikidata.org/sparql"
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


class EndpointError(DuikouError):
    """The SPARQL endpoint could not be reached or refused the query."""

    exit_code = 2


def lookup_codes(
    codes: Iterable[str],
    *,
    endpoint: str = WIKIDATA_ENDPOINT,
    cache: Path | None = None,
    retries: int = 3,
    timeout: int = 30,
) -> dict[str, str | None]:
    """Wikidata item IRI for each code (``None`` when Wikidata has none).

    Codes already in *cache* are not asked again; new answers are added to it.
    """
    codes = sorted({c for c in codes if _CODE.match(c)})
    known: dict[str, str | None] = _read_cache(cache)
    missing = [c for c in codes if c not in known]
    for start in range(0, len(missing), BATCH):
        batch = missing[start : start + BATCH]
        answers = _ask(endpoint, batch, retries, timeout)
        for code in batch:
            known[code] = answers.get(code)
        _write_cache(cache, known)
    return {c: known.get(c) for c in codes}


def _ask(endpoint: str, codes: list[str], retries: int, timeout: int) -> dict[str, str]:
    client = SPARQLWrapper(endpoint, agent=USER_AGENT)
    client.setReturnFormat(JSON)
    client.setTimeout(timeout)
    client.setQuery(_QUERY.format(values=" ".join(Literal(c).n3() for c in codes)))
    delay = 1.0
    for attempt in range(retries + 1):
        try:
            result = client.queryAndConvert()
            break
        except (URLError, OSError, SPARQLWrapperException) as exc:
            if attempt == retries:
                raise EndpointError(
                    f"{endpoint}: unreachable or refused the query ({exc})"
                ) from None
            time.sleep(delay)
            delay *= 2
    answers = {}
    for row in result["results"]["bindings"]:
        answers.setdefault(row["code"]["value"], row["item"]["value"])
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
    fd, tmp = tempfile.mkstemp(prefix=f".{cache.name}.", dir=cache.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(dict(sorted(known.items())), handle, indent=1)
    os.replace(tmp, cache)
