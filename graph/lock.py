"""One writer at a time per output folder: an advisory lock on a file beside it.

Every command that replaces or changes a built folder (``build``, ``build
--update``, ``remove``, ``link --wikidata``, ``serve --allow-update``) holds
the lock for as long as it writes. Without it two updates each read the same
manifest, each swap in their own folder, and the later swap silently drops the
other's document. Readers (``query``, ``serve`` without ``--allow-update``)
never take it: they see the old folder or the new one, never a half.

The lock is ``flock`` on ``.NAME.lock`` beside the folder ``NAME`` (the folder
itself is swapped out by every build, so it cannot carry the lock). The kernel
drops it when the holder exits, however it exits, so a killed build never
leaves a stale lock. The file holds the holder's process id and command line,
so a writer that must wait can say whom it waits for. It is left in place
afterwards: deleting a lock file races with a writer that has just opened it.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "out"
>>> with writer_lock(out):
...     holder(out) is not None
True
>>> holder(out) is None
True
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from duikou.errors import OutputError

__all__ = ["lock_path", "writer_lock", "holder"]


def lock_path(out: str | Path) -> Path:
    """The lock file of folder *out*: ``.NAME.lock`` in its parent folder."""
    out = Path(out).absolute()
    return out.parent / f".{out.name}.lock"


@contextmanager
def writer_lock(
    out: str | Path,
    *,
    wait: bool = True,
    on_wait: Callable[[str], None] | None = None,
    poll: float = 0.2,
) -> Iterator[None]:
    """Hold the writer lock of *out* for the ``with`` block.

    If another process holds it: with *wait*, call *on_wait* once with a line
    naming the holder and block until it is free; without, raise
    :class:`~duikou.errors.OutputError` naming the holder.
    """
    path = lock_path(out)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        why = exc.strerror
        if any(p.exists() and not p.is_dir() for p in path.parents):
            why = "a folder on its path is a file"
        raise OutputError(f"{path}: cannot create the writer lock ({why})") from None
    try:
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                who = _read(fd) or "another duikou process"
                if not wait:
                    raise OutputError(
                        f"{out}: another writer holds it ({who}); try again when it is done"
                    ) from None
                if not told and on_wait is not None:
                    on_wait(f"{out}: waiting for the writer that holds it ({who})")
                    told = True
                time.sleep(poll)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}: {_command()}\n".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def holder(out: str | Path) -> str | None:
    """Who holds the writer lock of *out* (``"pid N: command"``), or None if it is free."""
    path = lock_path(out)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _read(fd) or "another duikou process"
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def _read(fd: int) -> str:
    return os.pread(fd, 4096, 0).decode("utf-8", "replace").strip()


def _command() -> str:
    words = [Path(sys.argv[0]).name, *sys.argv[1:]] if sys.argv and sys.argv[0] else ["python"]
    return " ".join(words)[:300]
