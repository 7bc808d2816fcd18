"""What a cold `duikou` pays before doing anything: imports, spaCy, workers (issue 15).

Figures are printed by ``python -m benchmarks.startup``; these tests only pin
the choices that keep them low.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from duikou.loaders.spacy_nlp import get_tokenizer

HEAVY = ("rdflib", "pyoxigraph", "rich", "spacy", "trafilatura", "pdfminer", "networkx", "pyshacl")


def _imported(code: str) -> list[str]:
    probe = f"{code}\nimport sys; print(sorted({{m.split('.')[0] for m in sys.modules}}))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded = set(eval(out.stdout.strip().splitlines()[-1]))
    return sorted(loaded & set(HEAVY))


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


def test_the_tokenizer_is_spacy_blank_english(sample_doc, synthetic_doc):
    """Made without its ``Language``, it gives spacy.blank("en")'s tokens, lexeme for lexeme."""
    spacy = pytest.importorskip("spacy")
    from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, ORTH

    blank = spacy.blank("en").tokenizer
    mine = get_tokenizer()
    assert mine is get_tokenizer()  # one per process
    attrs = [IDX, LENGTH, IS_PUNCT, IS_SPACE]
    texts = [sample_doc.text, synthetic_doc.text, "Dr. Li's U.S.-made e-mail (http://x.cn) 3.5%…"]
    for text in texts:
        for line in text.splitlines():
            assert mine(line).to_array(attrs).tolist() == blank(line).to_array(attrs).tolist()
    assert [t.orth_ for t in mine("can't won't")] == [t.orth_ for t in blank("can't won't")]
    assert mine("don't").to_array([ORTH]).tolist() == blank("don't").to_array([ORTH]).tolist()


def test_one_document_is_built_in_process(tmp_path, monkeypatch):
    """No worker process for a single document, whatever -j says (no second start-up)."""
    from duikou import build
    from duikou.graph import chunks

    def no_pool(*args, **kwargs):
        raise AssertionError("a worker pool was started for one document")

    monkeypatch.setattr(chunks, "ProcessPoolExecutor", no_pool)
    result = build(out=tmp_path / "out", progress=False, jobs=4)
    assert len(result.documents) == 1
