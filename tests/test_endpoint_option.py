"""Every command that offers --endpoint reads the endpoint; those that cannot, refuse it.

A real Oxigraph server on a loopback port serves the synthetic chapter; each
command runs with ``--graph`` naming a folder that does not exist, so its
output can only come from the endpoint, and must equal the same command run
on the synthetic chapter's folder.
"""

import pytest

from support import OxigraphServer, build_chapter, invoke, synthetic_bytes, union_file

MISSING = "no-such-folder"

SPARQL = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/duikou/ontology#Sentence> }\n"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(the synthetic chapter's built folder, the URL of an endpoint serving it)."""
    root = tmp_path_factory.mktemp("endpoint-option")
    out = build_chapter(root / "synthetic-chapter.txt", synthetic_bytes())
    server = OxigraphServer(root / "store", "--union-default-graph")
    server.load(union_file(out, "trig"))
    server.start()
    try:
        yield out, f"{server.base}/query"
    finally:
        server.stop()


def _same(served, tmp_path, *args):
    """Run ``duikou ARGS`` on the folder and at the endpoint; both outputs (stdout)."""
    out, url = served
    local = invoke(*args, "--graph", out)
    remote = invoke(*args, "--graph", tmp_path / MISSING, "--endpoint", url)
    assert local.exit_code == 0, local.output
    assert remote.exit_code == 0, remote.output
    return local.stdout, remote.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("query", "pairings", "--format", "csv"),
        ("query", "transfers-by-kind", "--format", "json"),
        ("analyze", "--json"),
        ("reconcile", "--format", "json"),
        ("export", "transfers", "--format", "json"),
        ("export", "pairings"),
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_output_comes_from_the_endpoint(args, served, tmp_path):
    local, remote = _same(served, tmp_path, *args)
    assert remote == local and remote.strip()


def test_summary_tells_the_endpoint_s_graph(served, tmp_path):
    out, url = served
    local = invoke("summary", "--graph", out)
    remote = invoke("summary", "--graph", tmp_path / MISSING, "--endpoint", url)
    assert local.exit_code == 0 and remote.exit_code == 0, remote.output
    without_paths = [line for line in local.stdout.splitlines() if not line.startswith("Graph:")]
    assert remote.stdout.splitlines() == without_paths  # a folder's paths only for a folder


def test_stats_counts_at_the_endpoint(served, tmp_path):
    out, url = served
    local = invoke("stats", "--graph", out)
    remote = invoke("stats", "--graph", tmp_path / MISSING, "--endpoint", url)
    assert local.exit_code == 0 and remote.exit_code == 0, remote.output
    rows = [line for line in remote.stdout.splitlines() if "dk:" in line]
    assert rows and rows == [line for line in local.stdout.splitlines() if "dk:" in line]
    assert "127.0.0.1" in remote.stdout  # the title names the endpoint, not the folder


def test_stats_at_an_unreachable_endpoint_fails_in_one_line(tmp_path):
    from support import free_port

    result = invoke(
        "stats", "--endpoint", f"http://127.0.0.1:{free_port()}/query", "--graph", tmp_path
    )
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert len([line for line in result.stderr.splitlines() if line.strip()]) == 1


def test_sparql_file_runs_at_the_endpoint(served, tmp_path):
    query = tmp_path / "count.rq"
    query.write_text(SPARQL, encoding="utf-8")
    local, remote = _same(served, tmp_path, "sparql", query, "--format", "csv")
    assert remote == local and int(remote.splitlines()[1]) > 0


def test_export_network_and_viz_read_the_endpoint(served, tmp_path):
    out, url = served
    for name, args in {
        "network.graphml": ("export", "network", "--output"),
        "page.html": ("viz", "--output"),
    }.items():
        local_file, remote_file = tmp_path / f"local-{name}", tmp_path / f"remote-{name}"
        local = invoke(*args, local_file, "--graph", out)
        remote = invoke(*args, remote_file, "--graph", tmp_path / MISSING, "--endpoint", url)
        assert local.exit_code == 0 and remote.exit_code == 0, remote.output
        assert remote_file.read_bytes() == local_file.read_bytes()


@pytest.mark.parametrize("args", [("validate",), ("eval", "--gold", ".")], ids=lambda a: a[0])
def test_commands_that_need_the_folder_refuse_endpoint(args, tmp_path):
    result = invoke(*args, "--graph", tmp_path, "--endpoint", "http://127.0.0.1:9/query")
    assert result.exit_code == 2
    assert "No such option '--endpoint'" in result.stderr
