"""Replace an output folder by a new one so that a reader sees the old or the new, never neither.

On Linux the two folders are exchanged in one step (``renameat2`` with
``RENAME_EXCHANGE``), so a build killed at any moment leaves a complete
folder at the target path. Elsewhere the folder is renamed aside and the new
one renamed in; if the process dies between the two renames, the next build
puts the old folder back (:func:`recover`). Work folders of builds that died
are removed by :func:`clean_leftovers`.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
import tempfile
from pathlib import Path

__all__ = ["make_work_folder", "swap_in", "recover", "clean_leftovers"]

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def make_work_folder(out: Path) -> Path:
    """A new empty folder beside *out*, named after this process (see :func:`clean_leftovers`)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-{os.getpid()}-", dir=out.parent))
    tmp.chmod(0o777 & ~_umask())
    return tmp


def swap_in(tmp: Path, out: Path) -> None:
    """Put *tmp* at *out*; the previous *out*, if any, is deleted afterwards."""
    if not out.exists():
        os.rename(tmp, out)
        return
    if _exchange(tmp, out):
        shutil.rmtree(tmp, ignore_errors=True)  # tmp now holds the old folder
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-{os.getpid()}-", dir=out.parent))
    old.rmdir()
    os.rename(out, old)
    try:
        os.rename(tmp, out)
    except OSError:
        os.rename(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def recover(out: Path) -> None:
    """Put back the old folder if a build died between its two renames."""
    if out.exists():
        return
    for old in sorted(out.parent.glob(f".{out.name}.old-*")):
        if (old / "manifest.json").is_file():
            os.rename(old, out)
            return


def clean_leftovers(out: Path) -> None:
    """Delete the work folders of builds of *out* whose process is gone."""
    if not out.parent.is_dir():
        return
    for path in out.parent.glob(f".{out.name}.*-*-*"):
        kind, _, rest = path.name[len(out.name) + 2 :].partition("-")
        pid = rest.partition("-")[0]
        if kind in ("tmp", "old") and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False where the system cannot (then nothing changed)."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EPERM, errno.ENOTSUP):
        return False  # a file system or kernel without RENAME_EXCHANGE
    raise OSError(code, os.strerror(code), str(b))


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
