"""Child processes that die with their parent, however the parent ends.

On Linux a child can ask the kernel for a signal when its parent dies
(``prctl(PR_SET_PDEATHSIG)``), which also covers a parent killed with
``SIGKILL`` that could run no clean-up of its own. The signal is sent when the
*thread* that started the child ends, so start children from a thread that
lives as long as the process (the main thread). A process that is not the
child of the one it must die with (a build's worker, forked by multiprocessing's
fork server) watches that process instead (:func:`die_with`). Elsewhere these
are no-ops.
"""

from __future__ import annotations

import os
import select
import signal
import sys
import threading

__all__ = ["die_with", "die_with_parent", "preexec_die_with_parent"]

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


def die_with(pid: int, signum: int = signal.SIGKILL) -> None:
    """Get *signum* as soon as the process *pid* ends, whether or not it is the parent.

    A thread of this process waits on a pidfd of *pid* (Linux 5.3 and later; elsewhere
    nothing happens). If *pid* is gone already, exit at once. A worker forked by the
    fork server is the server's child, and the server waits for its children to end
    before it does: with only :func:`die_with_parent`, a killed build's workers would
    wait for more work for ever.
    """
    pidfd_open = getattr(os, "pidfd_open", None)
    if pidfd_open is None:
        return
    try:
        fd = pidfd_open(pid)
    except ProcessLookupError:
        os._exit(1)
    except OSError:  # a kernel without pidfds
        return

    def watch() -> None:
        select.select([fd], [], [])  # readable once the process has ended
        os.kill(os.getpid(), signum)

    threading.Thread(target=watch, name="duikou-die-with", daemon=True).start()
