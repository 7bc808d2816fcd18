"""A fingerprint of the code and data that decide what a build writes.

``build --update`` reuses a document's chunk only if the folder was written
by code with the same fingerprint; after an upgrade or a rule change the
documents are rebuilt from the texts kept in ``sources/``.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib.resources import files

__all__ = ["code_fingerprint"]

_PACKAGES = (
    "duikou",
    "duikou.loaders",
    "duikou.graph",
    "duikou.gazetteer",
    "duikou.ontology",
)
_SUFFIXES = (".py", ".ttl", ".csv", ".gz")


@cache
def code_fingerprint() -> str:
    """sha256 (first 16 hex digits) of the source files of the building packages."""
    digest = hashlib.sha256()
    for package in _PACKAGES:
        for item in sorted(files(package).iterdir(), key=lambda p: p.name):
            if item.is_file() and item.name.endswith(_SUFFIXES):
                digest.update(f"{package}/{item.name}\0".encode())
                digest.update(item.read_bytes())
    return digest.hexdigest()[:16]
