"""What a cold `duikou` pays before doing anything: imports, spaCy, workers (issue 15).

Figures are printed by ``python -m benchmarks.startup``; these tests only pin
the choices that keep them low.
"""

from __future__ import annotations

from support import imported_after

HEAVY = ("rdflib", "pyoxigraph", "rich", "spacy", "trafilatura", "pdfminer", "networkx", "pyshacl")


def _imported(code: str) -> list[str]:
    return imported_after(code, HEAVY)


def test_the_cli_imports_nothing_heavy():
    assert _imported("import duikou.cli") == []
    assert _imported("import duikou.api") == []


def test_help_imports_nothing_heavy():
    code = (
        "import sys; sys.argv = ['duikou', '--help']\n"
        "from duikou.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    assert _imported(code) == []


def test_reading_a_document_needs_no_spacy():
    code = "from duikou import load_document, sample_path; load_document(sample_path())"
    assert "spacy" not in _imported(code)


def test_building_the_sample_imports_neither_spacy_nor_rich(tmp_path):
    """The tokens are spaCy's (tests/test_tokenizer.py), made without importing it; one
    document needs no progress bar, so no rich."""
    code = f"from duikou import build; build(out={str(tmp_path / 'out')!r}, progress=True)"
    assert not {"spacy", "rich"} & set(_imported(code))


def test_a_progress_bar_for_several_documents(tmp_path):
    from duikou.graph.output import _NoProgress, _progress

    assert isinstance(_progress(False), _NoProgress)
    with _progress(False) as bar:
        bar.update(bar.add_task("building", total=2), advance=1)
    assert type(_progress(True)).__name__ == "Progress"


def test_one_document_is_built_in_process(tmp_path, monkeypatch):
    """No worker process for a single document, whatever -j says (no second start-up)."""
    from duikou import build
    from duikou.graph import chunks

    def no_pool(*args, **kwargs):
        raise AssertionError("a worker pool was started for one document")

    monkeypatch.setattr(chunks, "ProcessPoolExecutor", no_pool)
    result = build(out=tmp_path / "out", progress=False, jobs=4)
    assert len(result.documents) == 1
