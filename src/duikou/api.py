"""The library verbs that the CLI, the notebooks and the tests share."""

from __future__ import annotations

import hashlib
from importlib.resources import as_file, files
from pathlib import Path

from duikou.loaders.document import Document
from duikou.loaders.reading import read_text
from duikou.loaders.segmenter import segment

__all__ = ["load_document", "sample_path", "build", "remove"]

SAMPLE_NAME = "yearbook-2013-east-west-pairing.txt"


def sample_path() -> Path:
    """Path of the bundled sample chapter (the 2013 yearbook's East-West chapter)."""
    resource = files("duikou.corpus").joinpath(SAMPLE_NAME)
    with as_file(resource) as path:  # a real file for normal and editable installs
        return Path(path)


def load_document(path: str | Path) -> Document:
    """Read and segment one chapter file; raises ``InputError`` for unusable input."""
    data, text = read_text(path)
    return segment(text, doc_id=hashlib.sha256(data).hexdigest(), source=str(path))


def build(paths=None, out="duikou-out", **options):
    """Build the graph of *paths* (default: the bundled sample) into folder *out*.

    Options (see :func:`duikou.graph.output.build_to_folder`): ``update=True``
    to add to or replace documents in an earlier build, ``jobs`` worker
    processes, ``progress``, and ``limits`` such as ``{"max_bytes": 10**7}``.
    """
    from duikou.graph.output import build_to_folder

    return build_to_folder(paths or [sample_path()], out, **options)


def remove(out, selectors, **options):
    """Drop documents (by id prefix, file name or path) from the build in folder *out*."""
    from duikou.graph.output import remove_from_folder

    return remove_from_folder(out, list(selectors), **options)
