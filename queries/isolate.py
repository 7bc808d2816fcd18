"""Run a query in a child process with a memory ceiling and a deadline that really stops it.

A thread cannot stop an Oxigraph query, nor bound its memory; a forked child
can be given an address-space limit (``RLIMIT_AS``: what it has at the fork,
plus the budget) and can be killed. An allocation past the limit ends the
child (Rust aborts, Python raises :class:`MemoryError`); the deadline kills it.
Either way the caller gets one :class:`~duikou.errors.QueryError`, and the
CPU and memory are free again. The child dies with its parent (on Linux).

Only where ``fork`` and ``resource`` exist (Linux, macOS); :func:`available`
says so, and elsewhere the caller runs the query as before.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from duikou.errors import DuikouError, QueryError
from duikou.lifetime import die_with_parent

__all__ = ["available", "call"]


def available() -> bool:
    """True where a query can run in a forked, memory-limited child."""
    try:
        import resource  # noqa: F401
    except ImportError:
        return False
    return hasattr(os, "fork") and sys.platform != "win32"


def call(
    work: Callable[[object], object],
    *,
    prepare: Callable[[], object] = lambda: None,
    seconds: float | None,
    memory: int,
    timeout_error: Callable[[], Exception],
) -> object:
    """``work(prepare())`` in a forked child limited to *memory* more bytes of address space.

    The limit is set after *prepare* (opening the store, whose threads reserve
    much address space they never use), so it counts what the query takes.
    Returns what *work* returns (it must pickle); re-raises what it raises;
    raises ``timeout_error()`` after *seconds* (None: no limit), and a
    :class:`QueryError` if the child ran out of memory or died.
    """
    import multiprocessing

    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    child = context.Process(
        target=_child,
        args=(prepare, work, writer, memory, os.getpid()),
        name="duikou-query",
        daemon=True,
    )
    child.start()
    writer.close()
    try:
        if not reader.poll(seconds):
            raise timeout_error()
        try:
            kind, value = reader.recv()
        except (EOFError, OSError):
            child.join(timeout=5)
            raise _died(child.exitcode, memory) from None
    finally:
        reader.close()
        if child.is_alive():
            child.kill()
        child.join(timeout=5)
    if kind == "error":
        raise value
    return value


def _died(code: int | None, memory: int) -> QueryError:
    if code in (None, 0) or (code is not None and code < 0):  # a signal: abort, kill, segv
        return QueryError(
            f"the query needed more than its {_size(memory)} of memory and was stopped "
            "(raise it with --max-memory SIZE, or narrow the query)"
        )
    return QueryError(f"the query's process ended with code {code}")


def _size(count: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if count < 1024 or unit == "GiB":
            return f"{count:g} {unit}" if unit == "B" else f"{count:.3g} {unit}"
        count /= 1024
    return str(count)


def _child(prepare, work, writer, memory: int, parent: int) -> None:
    import resource

    die_with_parent(parent)
    import faulthandler

    faulthandler.disable()  # an abort at the limit is expected: no dump of the stack
    devnull = os.open(os.devnull, os.O_WRONLY)  # Rust's "memory allocation failed" line
    os.dup2(devnull, 2)
    try:
        prepared = prepare()
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        ceiling = _address_space() + memory
        if hard != resource.RLIM_INFINITY:
            ceiling = min(ceiling, hard)
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
        outcome = ("value", work(prepared))
    except MemoryError:
        outcome = ("error", _died(None, memory))
    except BaseException as exc:  # handed to the parent, which raises it
        error = exc if isinstance(exc, DuikouError) else QueryError(f"the query failed: {exc}")
        outcome = ("error", error)
    try:
        writer.send(outcome)
    except MemoryError:
        writer.send(("error", _died(None, memory)))
    writer.close()
    os._exit(0)


def _address_space() -> int:
    """This process's virtual memory size in bytes (0 where /proc is missing)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
