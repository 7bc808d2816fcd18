"""Execute the notebooks in notebooks/ and save them with their outputs.

The notebooks are committed with the outputs they give on the bundled chapter,
so that a reader sees tables and charts without running anything. Each runs in
a fresh kernel whose working folder is a temporary one; the saved copy keeps
no timing metadata, so a rerun changes only what the chapter's results change.

    python scripts/run_notebooks.py                  # every notebook, saved in place
    python scripts/run_notebooks.py notebooks/02-*.ipynb

tests/test_notebooks.py imports :func:`execute` from here and runs it on a copy.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

__all__ = ["NOTEBOOKS", "execute", "main"]

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
TIMEOUT = 600  # seconds per cell; a build of the bundled chapter takes well under one


def execute(notebook: nbformat.NotebookNode, cwd: str | Path) -> nbformat.NotebookNode:
    """Run *notebook* in a fresh ``python3`` kernel working in *cwd*; the same node, with
    its outputs and without timing metadata (raises ``CellExecutionError`` on an error)."""
    client = NotebookClient(
        notebook,
        timeout=TIMEOUT,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(cwd)}},
    )
    client.execute()
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    return notebook


def main(argv: list[str] | None = None) -> int:
    paths = [Path(a) for a in (argv or [])] or sorted(NOTEBOOKS.glob("*.ipynb"))
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        with tempfile.TemporaryDirectory(prefix="duikou-notebook-run-") as cwd:
            execute(notebook, cwd)
        nbformat.write(notebook, path)
        print(f"{path}: {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
