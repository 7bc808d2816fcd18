"""duikou: a knowledge graph of China's East-West pairing assistance.

The library API (also used by the CLI and the notebooks):

>>> from duikou import load_document, sample_path
>>> doc = load_document(sample_path())
>>> len(doc.pairing_sections) > 0
True
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("duikou")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

from duikou.api import build, load_document, sample_path  # noqa: E402

__all__ = ["__version__", "build", "load_document", "sample_path"]
