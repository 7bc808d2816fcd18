"""Write a file so that readers see the old content or the new, never half of it."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from duikou.errors import OutputError

__all__ = ["write_bytes_atomically", "write_text_atomically"]


def write_text_atomically(output: str | Path, text: str) -> Path:
    """Write *text* (UTF-8) to a temporary file beside *output*, then rename it over *output*.

    An existing file keeps its permissions; a new one gets the umask's. A
    failure leaves *output* as it was and no temporary file behind.
    """
    return write_bytes_atomically(output, [text.encode("utf-8")])


def write_bytes_atomically(output: str | Path, pieces: Iterable[bytes]) -> Path:
    """Write *pieces* one after the other to a temporary file beside *output*, then
    rename it over *output*: a large file (an RDF export) is never whole in memory,
    and an error while the pieces are made leaves *output* as it was."""
    output = Path(output)
    if output.is_dir():
        raise OutputError(f"{output}: is a folder; give a file name to --output")
    folder = output.parent
    if not folder.is_dir():
        raise OutputError(f"{output}: folder {folder} does not exist; create it first")
    mode = output.stat().st_mode & 0o777 if output.exists() else 0o666 & ~_umask()
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=f".{output.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{output}: cannot write in {folder} ({exc.strerror})") from None
    tmp = Path(name)
    try:
        with open(fd, "wb") as handle:
            for piece in pieces:
                handle.write(piece)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.chmod(mode)
        os.replace(tmp, output)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return output


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
