"""Child processes that die with their parent, however the parent ends.

On Linux a child can ask the kernel for a signal when its parent dies
(``prctl(PR_SET_PDEATHSIG)``), which also covers a parent killed with
``SIGKILL`` that could run no clean-up of its own. The signal is sent when the
*thread* that started the child ends, so start children from a thread that
lives as long as the process (the main thread). Elsewhere these are no-ops.
"""

from __future__ import annotations

import os
import signal
import sys

__all__ = ["die_with_parent", "preexec_die_with_parent"]

_PR_SET_PDEATHSIG = 1


def _prctl():
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


def die_with_parent(parent: int | None = None, signum: int = signal.SIGKILL) -> None:
    """Ask for *signum* when this process's parent dies (Linux; else nothing).

    *parent* is the pid the caller expects as its parent: if it is already
    gone (the parent died before the request was made), exit at once.
    """
    prctl = _prctl()
    if prctl is None:
        return
    prctl(_PR_SET_PDEATHSIG, int(signum), 0, 0, 0)
    if parent is not None and os.getppid() != parent:
        os._exit(1)


def preexec_die_with_parent(signum: int = signal.SIGKILL):
    """A ``preexec_fn`` for :class:`subprocess.Popen` doing :func:`die_with_parent`.

    The libc function is looked up here, in the parent, so the child after the
    fork only calls it.
    """
    prctl = _prctl()
    parent = os.getpid()
    if prctl is None:
        return None

    def preexec() -> None:
        prctl(_PR_SET_PDEATHSIG, int(signum), 0, 0, 0)
        if os.getppid() != parent:
            os._exit(1)

    return preexec
