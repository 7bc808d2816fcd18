"""The house's arrows run one way: each layer imports only the layers before it.

text → Document → facts (``loaders/``) → resolved places (``gazetteer/``) →
RDF and the built folder (``graph/``) → queries and analyses (``queries/``) →
the faces (``src/duikou/``). Every import of every module is read with
``ast`` — imports inside functions too, since a lazy import hides a loop but
does not remove it — and checked against :data:`ALLOWED`.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = {
    "loaders": "duikou.loaders",
    "gazetteer": "duikou.gazetteer",
    "graph": "duikou.graph",
    "queries": "duikou.queries",
    "ontology": "duikou.ontology",
    "src/duikou": "duikou",
}
BASE = {"duikou.errors", "duikou.version", "duikou.atomic", "duikou.lifetime"}
"""Modules with no duikou imports of their own, which any layer may use."""

ALLOWED = {
    "loaders": {"loaders", "gazetteer"},
    "gazetteer": {"gazetteer"},
    "graph": {"graph", "loaders", "gazetteer", "ontology"},
    "queries": {"queries", "gazetteer", "ontology", "duikou.graph.store"},
    "ontology": {"ontology"},
}
"""Layer -> what it may import besides :data:`BASE` (a layer, or one module by name)."""


def layer_of(module: str) -> str:
    """``loaders``, ``gazetteer``, ``graph``, ``queries``, ``ontology``, ``base``, ``cli`` or
    ``faces`` (the rest of ``src/duikou``)."""
    if module in BASE:
        return "base"
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in ALLOWED:
        return parts[1]
    if len(parts) > 1 and (parts[1] == "cli" or parts[1].startswith("cli_")):
        return "cli"
    return "faces"


def modules() -> dict[str, Path]:
    """Every module of the installed package, by dotted name."""
    found = {}
    for folder, package in FOLDERS.items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            parts = list(path.relative_to(ROOT / folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join([package, *parts])] = path
    return found


def imports(module: str, source: str, known: set[str]) -> list[tuple[int, str]]:
    """``(line, imported duikou module)`` for every import in *source*, however nested."""
    package = module if module in known and _is_package(module, known) else module
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("duikou")]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            if not base.startswith("duikou"):
                continue
            for alias in node.names:  # `from duikou import api` imports the module duikou.api
                name = f"{base}.{alias.name}"
                found.append((node.lineno, name if name in known else base))
    return found


def _is_package(module: str, known: set[str]) -> bool:
    return any(other.startswith(module + ".") for other in known)


def violations(module: str, imported: list[tuple[int, str]]) -> list[str]:
    layer = layer_of(module)
    problems = []
    for line, target in imported:
        if target in BASE or target == module:
            continue
        if layer == "base":
            problems.append(f"{module}:{line} base module imports {target}")
        elif layer == "cli":
            if target != "duikou.api" and layer_of(target) != "cli":
                problems.append(f"{module}:{line} a CLI module imports {target}, not duikou.api")
        elif layer in ALLOWED:
            allowed = ALLOWED[layer]
            if layer_of(target) not in allowed and target not in allowed:
                problems.append(f"{module}:{line} {layer}/ imports {target}")
    return problems


def test_the_layers_import_only_the_layers_before_them():
    found = modules()
    known = set(found)
    problems = []
    for module, path in found.items():
        problems += violations(module, imports(module, path.read_text(encoding="utf-8"), known))
    assert not problems, "imports against the order:\n" + "\n".join(problems)


def test_every_layer_has_modules():
    layers = {layer_of(m) for m in modules()}
    assert {
        "loaders",
        "gazetteer",
        "graph",
        "queries",
        "ontology",
        "base",
        "cli",
        "faces",
    } <= layers


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("duikou.graph.x", "def f():\n    from duikou.queries import run\n", "graph/ imports"),
        ("duikou.gazetteer.x", "import duikou.loaders.names\n", "gazetteer/ imports"),
        ("duikou.loaders.x", "from duikou.graph import store\n", "loaders/ imports"),
        ("duikou.queries.x", "from duikou.graph.output import build_to_folder\n", "queries/"),
        ("duikou.cli_x", "from duikou.queries import run\n", "not duikou.api"),
        ("duikou.errors", "from duikou.loaders import text\n", "base module imports"),
    ],
)
def test_the_checker_catches_an_import_against_the_order(module, source, expected):
    known = set(modules()) | {module}
    problems = violations(module, imports(module, source, known))
    assert problems and expected in problems[0]


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("duikou.graph.x", "from duikou.loaders.facts import PlaceMention\n"),
        ("duikou.queries.x", "from duikou.graph.store import open_store\n"),
        ("duikou.cli_x", "from duikou import api\n"),
        ("duikou.api", "from duikou.queries import run\n"),
        ("duikou.loaders.x", "from duikou.gazetteer.normalize import level_from_name\n"),
    ],
)
def test_the_checker_lets_imports_along_the_order_pass(module, source):
    known = set(modules()) | {module}
    assert violations(module, imports(module, source, known)) == []


@pytest.mark.parametrize(
    "read",
    [
        lambda api, graph, tmp: api.stats(graph, timeout=1e-6),
        lambda api, graph, tmp: api.export("transfers", graph, timeout=1e-6),
        lambda api, graph, tmp: api.analyze(graph, timeout=1e-6),
        lambda api, graph, tmp: api.export_network(tmp / "n.graphml", graph, timeout=1e-6),
        lambda api, graph, tmp: api.viz(graph, tmp / "p.html", timeout=1e-6),
        lambda api, graph, tmp: api.resolution_report(graph, timeout=1e-6),
    ],
    ids=["stats", "export", "analyze", "export-network", "viz", "resolution-report"],
)
def test_every_analysis_reads_through_the_runner_and_its_time_limit(read, sample_build, tmp_path):
    """A microsecond is too short for any query: each analysis must stop with QueryTimeout
    (so none reads the store around the runner) and write nothing."""
    from duikou import api
    from duikou.errors import QueryTimeout

    with pytest.raises(QueryTimeout):
        read(api, sample_build, tmp_path)
    assert list(tmp_path.iterdir()) == []
