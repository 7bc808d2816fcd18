"""duikou's version, read from the installed package's metadata.

A module of its own, with no duikou imports, so that every layer can name the
version (in IRIs of extraction runs and in User-Agent headers) without
importing the library API.
"""

from importlib.metadata import PackageNotFoundError, version

__all__ = ["__version__"]

try:
    __version__ = version("duikou")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
