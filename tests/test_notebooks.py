"""The notebooks in notebooks/: each runs top to bottom on the bundled chapter and shows
tables and charts, and each is committed with the outputs it gives (a reader on GitHub
sees results without running anything).

The runs execute a copy in a temporary folder (the notebook builds its graph in its
working folder), never the saved notebooks; ``python scripts/run_notebooks.py``
refreshes those.
"""

import importlib.util
import tomllib
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
MAX_BYTES = 1_000_000  # outputs included; charts are PNG


def run_notebooks():
    """scripts/run_notebooks.py, imported from its path (scripts/ is not a package)."""
    path = ROOT / "scripts" / "run_notebooks.py"
    spec = importlib.util.spec_from_file_location("run_notebooks", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def code_cells(notebook):
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def outputs(notebook):
    return [output for cell in code_cells(notebook) for output in cell.outputs]


def shows(cell, mime):
    return any(mime in output.get("data", {}) for output in cell.outputs)


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 3


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_and_shows_tables_and_charts(path, tmp_path):
    notebook = run_notebooks().execute(nbformat.read(path, as_version=4), tmp_path)
    done = outputs(notebook)
    errors = [f"{o.ename}: {o.evalue}" for o in done if o.output_type == "error"]
    assert not errors
    assert not [o for o in done if o.output_type == "stream" and o.name == "stderr"], (
        "the notebook wrote to stderr (a warning?)"
    )
    # results are DataFrames and charts, not printed dicts
    tables = [c for c in code_cells(notebook) if shows(c, "text/html") and "<table" in str(c)]
    charts = [c for c in code_cells(notebook) if shows(c, "image/png")]
    assert len(tables) >= 3, "fewer than three DataFrames shown"
    assert charts, "no chart shown"
    assert not [o for o in done if o.get("text", "").lstrip().startswith("{")]
    # the graph was built where the notebook says: in its working folder, not in notebooks/
    assert list(tmp_path.glob("duikou-out/*/store"))


def largest_table_rows(notebook) -> int:
    """Rows of the largest DataFrame the notebook shows (its HTML ``<tr>`` in ``<tbody>``)."""
    rows = [
        output.data["text/html"].split("<tbody>", 1)[-1].count("<tr")
        for output in outputs(notebook)
        if "<tbody>" in output.get("data", {}).get("text/html", "")
    ]
    return max(rows, default=0)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_saved_notebook_carries_its_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    cells = code_cells(notebook)
    assert cells
    # run in order, top to bottom, every cell (none of them is silent)
    assert [c.execution_count for c in cells] == list(range(1, len(cells) + 1)), (
        f"{path.name} is not saved fully executed; run `python scripts/run_notebooks.py`"
    )
    silent = [c.source.splitlines()[0] for c in cells if not c.outputs]
    assert not silent, f"{path.name}: cells saved without outputs: {silent}"
    assert not [o for o in outputs(notebook) if o.output_type == "error"]
    assert any(shows(c, "image/png") for c in cells), f"{path.name}: no chart saved"
    assert largest_table_rows(notebook) >= 5, f"{path.name}: no DataFrame of 5 rows or more"
    assert not [c for c in cells if "execution" in c.metadata], "timing metadata saved"
    assert path.stat().st_size < MAX_BYTES


def test_saved_notebooks_show_no_machine_paths():
    for path in NOTEBOOKS:
        text = path.read_text(encoding="utf-8")
        for local in ("/tmp/", "/home/", "/root/", str(ROOT)):
            assert local not in text, f"{path.name} shows a path of the machine it ran on"


def test_notebooks_extra_installs_what_they_import():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]

    def names(extra):
        return {
            req.split(">")[0].split("=")[0].split("<")[0].split("[")[0].strip().lower()
            for req in extras[extra]
        }

    assert {"jupyterlab", "matplotlib", "pandas", "ipykernel"} <= names("notebooks")
    # the test extra runs the notebooks too
    assert {"nbclient", "nbformat", "ipykernel", "matplotlib", "pandas"} <= names("test")
