"""A build killed with SIGKILL at any moment leaves the previous output intact and usable.

The build runs in its own process group (its workers too) and is killed at
moments spread over the length of an uninterrupted build, seeded so a
failure can be replayed. After every kill the output folder must hold exactly
the previous build (files and store), the store must answer a query, and the
next build must succeed and clean up the dead builds' work folders.
"""

import os
import random
import signal
import subprocess
import sys
import time

import pyoxigraph as ox

from duikou.api import build, sample_path

from support import build_snapshot as snapshot

KILLS = 6


def _variant(tmp_path, n):
    """The sample with its years moved: other bytes, the same amount of work."""
    text = sample_path().read_text(encoding="utf-8").replace("2012", str(2000 + n))
    path = tmp_path / f"variant-{n}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _start_build(inputs, out):
    command = [sys.executable, "-m", "duikou", "build", *map(str, inputs)]
    command += ["--out", str(out), "--jobs", "2", "--no-progress"]
    return subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: the workers die with it
    )


def test_sigkill_at_any_moment_leaves_the_previous_output(tmp_path):
    out = tmp_path / "out"
    build([_variant(tmp_path, 1)], out, progress=False, jobs=1)
    before = snapshot(out)
    inputs = [sample_path(), _variant(tmp_path, 2)]

    started = time.monotonic()
    process = _start_build(inputs, tmp_path / "timing-run")
    assert process.wait(timeout=120) == 0, process.stderr.read().decode()
    length = time.monotonic() - started

    complete = snapshot(tmp_path / "timing-run")  # what the interrupted build would write
    moments = random.Random(7).sample(range(1, 100), KILLS)
    for percent in sorted(moments):
        process = _start_build(inputs, out)
        time.sleep(length * percent / 100)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        current = snapshot(out)
        assert current in (before, complete), f"killed at {percent}% of a build"
        before = current  # a kill after the swap leaves the complete new build
        store = ox.Store.read_only(str(out / "store"))
        assert bool(store.query("ASK { GRAPH ?g { ?s ?p ?o } }"))
        del store

    result = build(inputs, out, progress=False, jobs=2)
    assert len(result.documents) == 2
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")]
    assert leftovers == [
        ".out.lock"
    ]  # the writer lock stays (see duikou.graph.lock); no work folder
    assert (tmp_path / ".out.lock").read_text() == ""  # and says no one holds it
