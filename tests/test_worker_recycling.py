"""A build's workers are replaced by fresh ones every few documents, with the same chunks.

A worker's memory grew with the documents it had built, so a build hands each
worker at most ``JOBS_PER_WORKER`` documents (:mod:`duikou.graph.chunks`).
These tests make it replace them after one or two items and check that every
item was still done once, by workers that each did no more than their share,
and that the chunks are the bytes an in-process build makes.
"""

from __future__ import annotations

import os
import sys
from collections import Counter

import pytest

from duikou import api
from duikou.graph import chunks
from duikou.graph.chunks import Job, make_chunk, make_chunks

from support import whose


def test_each_worker_does_at_most_its_share():
    done = list(chunks.in_workers(whose, list(range(9)), workers=2, per_worker=2))
    assert sorted(item for item, _, _ in done) == list(range(9))
    per_worker = Counter(pid for _, pid, _ in done)
    # batches of four items, each by two workers of its own: no worker does more
    # than a batch, and there are at least as many workers as batches
    assert max(per_worker.values()) <= 4
    assert len(per_worker) >= 3
    batches = [{pid for item, pid, _ in done if item // 4 == batch} for batch in range(3)]
    assert not (batches[0] & batches[1]) and not (batches[1] & batches[2])
    assert os.getpid() not in per_worker


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux has a fork server")
def test_workers_are_not_forks_of_the_build():
    """They come from the fork server, so they hold nothing the build process held."""
    done = list(chunks.in_workers(whose, [1, 2, 3], workers=2, per_worker=1))
    assert {parent for _, _, parent in done} != {os.getpid()}
    assert all(parent != 1 for _, _, parent in done)


def test_replaced_workers_make_the_same_chunks(tmp_path):
    text = api.sample_path().read_text(encoding="utf-8")
    jobs = []
    for i in range(3):
        path = tmp_path / f"chapter-{i}.txt"
        path.write_text(f"{text}\n    Note {i}.\n", encoding="utf-8")
        jobs.append(Job(str(path)))
    alone = {c.id: (c.turtle, c.packed, c.summary) for c in map(make_chunk, jobs)}
    pooled = make_chunks(jobs, workers=2, jobs_per_worker=1)
    assert {c.id: (c.turtle, c.packed, c.summary) for c in pooled} == alone


SCRIPT = """\
import sys
from duikou import api

with open(sys.argv[1], "a") as runs:  # one line each time this file runs
    runs.write("ran\\n")
result = api.build(sys.argv[3:], sys.argv[2], jobs=2, progress=False)
print(len(result.documents))
"""


@pytest.mark.parametrize("how", ["file", "module"])
def test_a_script_without_a_main_guard_builds_once(tmp_path, synthetic_file, how):
    """Workers do not run the caller's script again (no ``if __name__ == "__main__":``)."""
    import subprocess

    (tmp_path / "unguarded.py").write_text(SCRIPT, encoding="utf-8")
    inputs = []
    for i in range(3):
        copy = tmp_path / f"chapter-{i}.txt"
        copy.write_bytes(synthetic_file.read_bytes() + f"\n    Note {i}.\n".encode())
        inputs.append(str(copy))
    runs, out = tmp_path / "runs.txt", tmp_path / "out"
    command = [str(tmp_path / "unguarded.py")] if how == "file" else ["-m", "unguarded"]
    done = subprocess.run(
        [sys.executable, *command, str(runs), str(out), *inputs],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["3"]
    assert runs.read_text() == "ran\n"
