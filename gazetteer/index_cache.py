"""The gazetteer's name index, built once and then read from the user's cache folder.

Building :class:`~duikou.gazetteer.lookup.Gazetteer` from ``divisions.csv.gz``
(parsing every name and variant of 6,889 rows) takes a quarter of a second;
reading the finished index back takes a tenth of that. :func:`load_index`
keeps it in ``$XDG_CACHE_HOME/duikou/gazetteer-index.pickle``
(``~/.cache/duikou/…``), tagged with a key: the sha256 of the packaged data
(``divisions.csv.gz``, ``aliases.csv``) and of the code that builds the index
(``lookup.py``, ``model.py``, ``normalize.py``, ``zh_names.py`` and this
module). A file with another key (an upgrade, an edited data file, a changed
rule), a damaged one (its payload has a sha256 of its own) or one that does
not unpickle into a gazetteer is ignored, and the index is built afresh and
written again.

The file is written to a temporary name beside it and renamed over it, so
concurrent builds read an old file or a whole new one, never half of one.
Where the cache folder cannot be made or written (read-only, no home), the
index is built in memory, as before the cache existed. Only the classes of the
index are unpickled (:class:`_IndexUnpickler`); the cache is as trusted as the
rest of the user's home.
"""

from __future__ import annotations

import gc
import hashlib
import io
import os
import pickle
import tempfile
from importlib import resources
from pathlib import Path

from duikou.gazetteer.lookup import Gazetteer
from duikou.gazetteer.model import DATA_FILE, read_divisions

__all__ = ["load_index", "index_key", "cache_file", "CACHE_NAME"]

CACHE_NAME = "gazetteer-index.pickle"
_MAGIC = b"duikou gazetteer index 1\n"
_SOURCES = (
    DATA_FILE,
    "aliases.csv",
    "lookup.py",
    "model.py",
    "normalize.py",
    "zh_names.py",
    "index_cache.py",
)
"""What the index is made from: the packaged data and the code that reads it."""

_CLASSES = {
    ("duikou.gazetteer.lookup", "Gazetteer"),
    ("duikou.gazetteer.model", "Division"),
    ("collections", "defaultdict"),
    ("builtins", "dict"),
    ("builtins", "list"),
}
"""The only classes an index file may name."""


def load_index(folder: str | Path | None = None, *, cached: bool = True) -> Gazetteer:
    """The gazetteer index: from the cache file if it is current, else built (and cached).

    *folder* is the cache folder (default ``$XDG_CACHE_HOME/duikou``);
    ``cached=False`` builds the index in memory and neither reads nor writes a file.
    """
    folder = (folder or _default_folder()) if cached else None
    try:
        key = index_key()
    except OSError:  # the package's files cannot be read as files: no key, no cache
        key, folder = b"", None
    path = Path(folder) / CACHE_NAME if folder else None
    if path is not None:
        index = _read(path, key)
        if index is not None:
            return index
    index = Gazetteer(read_divisions())
    if path is not None:
        _write(path, key, index)
    return index


def index_key() -> bytes:
    """sha256 (hex, as bytes) of the data and code the index is built from."""
    digest = hashlib.sha256(_MAGIC)
    package = resources.files(__package__)
    for name in _SOURCES:
        data = package.joinpath(name).read_bytes()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest().encode("ascii")


def cache_file() -> Path | None:
    """Where :func:`load_index` keeps the index (None: no cache folder can be named)."""
    folder = _default_folder()
    return folder / CACHE_NAME if folder else None


def _default_folder() -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # unset, empty or relative: the XDG default
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError):  # no home directory to be found
            return None
    return Path(base) / "duikou"


def _read(path: Path, key: bytes) -> Gazetteer | None:
    """The index in *path* if it has *key* and is whole; None otherwise."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(_MAGIC)
    payload = data[head + 130 :]
    if (
        data[:head] != _MAGIC
        or data[head : head + 65] != key + b"\n"
        or data[head + 65 : head + 130] != hashlib.sha256(payload).hexdigest().encode() + b"\n"
    ):
        return None
    enabled = gc.isenabled()
    gc.disable()  # a quarter of a million new objects, none of them garbage
    try:
        index = _IndexUnpickler(io.BytesIO(payload)).load()
    except Exception:  # a file the checks let through but pickle cannot read
        return None
    finally:
        if enabled:
            gc.enable()
    return index if type(index) is Gazetteer else None


def _write(path: Path, key: bytes, index: Gazetteer) -> None:
    """Write the index under a temporary name, then rename it into place; never raise OSError."""
    payload = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)
    digest = hashlib.sha256(payload).hexdigest().encode()
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with open(fd, "wb") as handle:
            handle.write(_MAGIC + key + b"\n" + digest + b"\n" + payload)
        os.replace(tmp, path)
    except OSError:  # read-only, full or missing: the index stays in memory
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


class _IndexUnpickler(pickle.Unpickler):
    """Unpickles the index's own classes and nothing else."""

    def find_class(self, module: str, name: str):
        if (module, name) not in _CLASSES:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a gazetteer index")
        return super().find_class(module, name)
