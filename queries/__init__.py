"""The read side: named SPARQL queries, one runner, and the analyses built on them.

- :mod:`~duikou.queries.named`: the ``.rq`` files and their headers;
- :mod:`~duikou.queries.runner`: runs a query on a built folder, a pyoxigraph
  Store, an rdflib Graph or a SPARQL endpoint, binding parameters as terms and
  within a time limit;
- :mod:`~duikou.queries.endpoint`: the SPARQL 1.1 protocol client;
- :mod:`~duikou.queries.to_oxigraph`: an rdflib graph copied into an in-memory
  Oxigraph store (the runner queries rdflib graphs there);
- the analyses, each reading only through the runner: :mod:`~duikou.queries.export`,
  :mod:`~duikou.queries.network`, :mod:`~duikou.queries.stats` and
  :mod:`~duikou.queries.resolution_report` (the page, :mod:`duikou.page`, reads
  its rows through the runner too);
- :mod:`~duikou.queries.read`: a built folder's union graph parsed into rdflib
  (for SHACL validation).

Nothing here writes files: the faces (:mod:`duikou.api`) write what these return.

>>> [p.name for p in describe("transfers-by-recipient").parameters]
['year', 'province', 'kind', 'status', 'scope']
"""

from duikou.errors import ParameterError, QueryError, QueryTimeout
from duikou.queries.named import Parameter, QueryInfo, describe, query_names, query_text
from duikou.queries.runner import DEFAULT_TIMEOUT, TIMEOUT_ENV, run, run_columns, run_text

__all__ = [
    "Parameter",
    "QueryInfo",
    "QueryError",
    "ParameterError",
    "QueryTimeout",
    "DEFAULT_TIMEOUT",
    "TIMEOUT_ENV",
    "query_text",
    "query_names",
    "describe",
    "run",
    "run_text",
    "run_columns",
]
