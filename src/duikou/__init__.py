"""duikou: a knowledge graph of China's East-West pairing assistance.

The library API lives in :mod:`duikou.api` (the CLI, the notebooks and the
tests use it); its most used verbs are importable from here, loaded on first
use so that importing a part of duikou (``duikou.loaders`` …) does not import
all of it:

>>> from duikou import load_document, sample_path
>>> doc = load_document(sample_path())
>>> len(doc.pairing_sections) > 0
True
"""

from duikou.version import __version__

__all__ = ["__version__", "build", "load_document", "sample_path"]


def __getattr__(name: str):
    if name in ("build", "load_document", "sample_path"):
        from duikou import api

        return getattr(api, name)
    raise AttributeError(f"module 'duikou' has no attribute {name!r}")
