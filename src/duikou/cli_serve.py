"""CLI commands to serve a built graph and push it to other SPARQL stores.

``duikou serve`` runs the Oxigraph server over ``DIR/store``
(:func:`duikou.api.serve`); ``duikou push`` sends each named graph to any
SPARQL 1.1 store (:func:`duikou.api.push`).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from duikou import api
from duikou.cli_common import graph_option, say_waiting, size_value, wait_option

__all__ = ["serve_command", "push_command"]


@click.command("serve")
@graph_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option(
    "--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="0: any free."
)
@click.option(
    "--allow-update",
    is_flag=True,
    help="Accept SPARQL Update and Graph Store writes (to DIR/store).",
)
@click.option(
    "--union-default-graph/--no-union-default-graph",
    default=True,
    show_default=True,
    help="Queries without GRAPH see the union of all named graphs.",
)
@click.option(
    "--timeout",
    metavar="SECONDS",
    type=click.FloatRange(min=0),
    default=api.SERVE_TIMEOUT,
    show_default=True,
    help="Answer 503 to a request still running after SECONDS, and restart the store "
    "server to stop it (0: no limit).",
)
@click.option(
    "--allow-service",
    is_flag=True,
    help="Let queries use SERVICE (and updates LOAD), which fetch from other servers.",
)
@click.option(
    "--max-body",
    metavar="SIZE",
    default="64MiB",
    show_default=True,
    callback=size_value,
    help="Refuse request bodies larger than SIZE (413).",
)
@wait_option
def serve_command(
    graph_dir: Path,
    host: str,
    port: int,
    allow_update: bool,
    union_default_graph: bool,
    timeout: float,
    allow_service: bool,
    max_body: int,
    wait: bool,
) -> None:
    """Serve DIR/store as a SPARQL 1.1 endpoint (the Oxigraph server) until Ctrl-C.

    Read-only unless --allow-update: SPARQL Update and Graph Store writes are
    refused. Prints the endpoint URLs (/query, /store and, with
    --allow-update, /update). Binds 127.0.0.1 by default; another address
    prints a warning, as the endpoint has no authentication. No other process
    may have DIR/store open for writing (a writable server needs it alone);
    with --allow-update, changes go into DIR/store only, not into the chunks
    of DIR/graphs/ (what `duikou export rdf` and `push` read), and the server
    holds DIR's writer lock while it runs (a build of DIR waits for it to
    stop; --no-wait here stops at once if a build is writing).

    Every request is checked first: a Host header other than this address or
    localhost gets 403 (against DNS rebinding), a body over --max-body 413, a
    SERVICE clause 400 unless --allow-service. A request past --timeout gets
    503 and the store server is restarted, which stops the query. The store
    server stops with this command, however it ends (on Linux, even kill -9).
    """
    code = api.serve(
        graph_dir,
        host,
        port,
        allow_update,
        union_default_graph=union_default_graph,
        timeout=timeout,
        allow_service=allow_service,
        max_body=max_body or 2**62,
        echo=lambda line: click.echo(line),
        wait=wait,
        on_wait=say_waiting,
    )
    sys.exit(code)


@click.command("push")
@click.option(
    "--endpoint", required=True, help="The store's SPARQL query URL (e.g. http://host:7878/query)."
)
@graph_option
@click.option("--store-url", default=None, help="Graph Store URL (default: sibling /store).")
@click.option("--update-url", default=None, help="SPARQL Update URL (default: sibling /update).")
@click.option("--user", default=None, help="User for HTTP Basic auth (password: --password-env).")
@click.option(
    "--password-env",
    default="DUIKOU_PASSWORD",
    show_default=True,
    metavar="NAME",
    help="Environment variable holding the --user password.",
)
@click.option(
    "--token-env", default=None, metavar="NAME", help="Environment variable holding a Bearer token."
)
@click.option(
    "--timeout",
    default=60.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds to wait per request.",
)
@click.option(
    "--batch",
    default=5000,
    show_default=True,
    type=click.IntRange(min=1),
    help="Triples per INSERT DATA (Update fallback).",
)
@click.option(
    "--graph-store/--no-graph-store",
    default=True,
    show_default=True,
    help="Try the Graph Store protocol first (else SPARQL Update only).",
)
def push_command(
    endpoint: str,
    graph_dir: Path,
    store_url: str | None,
    update_url: str | None,
    user: str | None,
    password_env: str,
    token_env: str | None,
    timeout: float,
    batch: int,
    graph_store: bool,
) -> None:
    """Load each named graph of DIR (from its chunks) into a SPARQL 1.1 store.

    Uses the Graph Store HTTP Protocol (PUT, so pushing twice replaces
    rather than duplicates); where the store lacks it (404/405/501) falls
    back to SPARQL Update (DROP SILENT GRAPH, then INSERT DATA in batches).
    For an endpoint ending in /query the defaults are the sibling /store and
    /update; for /sparql, /store and the endpoint itself; otherwise the
    endpoint for both. Credentials come from environment variables and are
    never printed. Unreachable stores, timeouts, 401, 403 and 404 exit 2.
    """
    with _Reporter() as reporter:
        result = api.push(
            graph_dir,
            endpoint,
            store_url=store_url,
            update_url=update_url,
            authorization=api.push_authorization(user, password_env, token_env),
            timeout=timeout,
            batch=batch,
            graph_store=graph_store,
            progress=reporter,
        )
    methods = sorted({method for _, _, method in result.graphs})
    via = {"gsp": "Graph Store protocol", "update": "SPARQL Update"}
    click.echo(
        f"pushed {len(result.graphs)} graph(s), {result.triples} triples to "
        f"{api.display_url(endpoint)} (via {', '.join(via[m] for m in methods) or 'nothing'})"
    )


class _Reporter:
    """Per-graph progress on stderr: a rich bar for several graphs, lines otherwise."""

    def __init__(self):
        self.bar = None
        self.task = None

    def __enter__(self):
        return self

    def __exit__(self, *_exc):
        if self.bar is not None:
            self.bar.stop()

    def __call__(self, done: int, total: int, iri: str | None, triples: int, method: str):
        if iri is None:
            if total > 1 and sys.stderr.isatty():
                from rich.console import Console
                from rich.progress import Progress

                self.bar = Progress(console=Console(stderr=True), transient=True)
                self.task = self.bar.add_task("pushing graphs", total=total)
                self.bar.start()
            return
        line = f"{done}/{total} {iri}: {triples} triples ({method})"
        if self.bar is not None:
            self.bar.console.print(line)
            self.bar.advance(self.task)
        else:
            click.echo(line, err=True)
