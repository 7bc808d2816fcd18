"""Writers that must not lose anything: the folder's mark, files that are not ours, one writer.

Issue 16's probes, each as a test that failed before: a folder with someone
else's ``manifest.json`` was replaced (its other files deleted); a rebuild
deleted every file duikou had not written (``pairings.html``, notes); two
``build --update`` runs, or an update and a ``remove``, at the same time each
exited 0 while the later swap dropped the other's change. The concurrent
writers here are real processes (forked from this warm one, so twenty rounds
stay quick); the lock they share is the kernel's.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from duikou.api import build, remove
from duikou.errors import DuikouError
from duikou.graph.links import write_wikidata_links
from duikou.graph.lock import holder, writer_lock

from support import chunk_ids, folder_digest, hainan_tibet_chapter, invoke, writer_worker

ROUNDS = 20


def _chapter(tmp_path: Path, name: str, year: int) -> Path:
    path = tmp_path / name
    path.write_text(
        hainan_tibet_chapter(f"In {year}, Hainan Province allocated 3 million yuan to Lhasa City."),
        encoding="utf-8",
    )
    return path


def _files(out: Path) -> list[str]:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return sorted(d["file"] for d in manifest["documents"])


# --- the mark ---------------------------------------------------------------------------------


def test_a_folder_with_someone_elses_manifest_is_not_replaced(tmp_path):
    app = tmp_path / "app"
    app.mkdir()
    (app / "manifest.json").write_text('{"name": "my web app"}\n')
    (app / "index.html").write_text("important\n")
    before = folder_digest(app)
    result = invoke("build", _chapter(tmp_path, "a.txt", 2015), "--out", app)
    assert result.exit_code == 2
    assert (
        "not written by duikou" in result.stderr
        and "manifest.json is not duikou's" in result.stderr
    )
    assert len(result.stderr.strip().splitlines()) == 1
    assert folder_digest(app) == before


def test_a_manifest_that_only_looks_like_ours_is_not_ours(tmp_path):
    app = tmp_path / "app"
    app.mkdir()
    (app / "manifest.json").write_text('{"documents": [], "format": "something-else"}\n')
    (app / "notes.txt").write_text("mine\n")
    result = invoke("build", _chapter(tmp_path, "a.txt", 2015), "--out", app)
    assert result.exit_code == 2
    assert (app / "notes.txt").read_text() == "mine\n"


def test_the_manifest_carries_the_mark(tmp_path):
    out = tmp_path / "out"
    build([_chapter(tmp_path, "a.txt", 2015)], out, progress=False)
    assert json.loads((out / "manifest.json").read_text())["format"] == "duikou-build"


# --- files that are not ours --------------------------------------------------------------


def test_rebuild_update_and_remove_keep_files_duikou_did_not_write(tmp_path):
    out = tmp_path / "out"
    a, b = _chapter(tmp_path, "a.txt", 2015), _chapter(tmp_path, "b.txt", 2016)
    build([a], out, progress=False)
    (out / "notes.md").write_text("my notes\n")
    (out / "pages").mkdir()
    (out / "pages" / "pairings.html").write_text("<p>a page</p>\n")
    (out / "graphs" / "README").write_text("what these are\n")
    os.symlink("notes.md", out / "latest-notes")
    result = invoke("viz", "--graph", out, "--output", out / "pairings.html")
    assert result.exit_code == 0, result.output
    page = (out / "pairings.html").read_bytes()

    build([a, b], out, progress=False)  # a clean rebuild
    build([_chapter(tmp_path, "c.txt", 2017)], out, update=True, progress=False)
    remove(out, ["b.txt"], progress=False)

    assert _files(out) == ["a.txt", "c.txt"]
    assert (out / "notes.md").read_text() == "my notes\n"
    assert (out / "pages" / "pairings.html").read_text() == "<p>a page</p>\n"
    assert (out / "graphs" / "README").read_text() == "what these are\n"
    assert os.readlink(out / "latest-notes") == "notes.md"
    assert (out / "pairings.html").read_bytes() == page


def test_stale_chunks_of_removed_documents_are_not_kept(tmp_path):
    out = tmp_path / "out"
    a, b = _chapter(tmp_path, "a.txt", 2015), _chapter(tmp_path, "b.txt", 2016)
    build([a, b], out, progress=False)
    remove(out, ["b.txt"], progress=False)
    ids = {d["id"] for d in json.loads((out / "manifest.json").read_text())["documents"]}
    assert chunk_ids(out) == ids
    assert {p.stem for p in (out / "sources").glob("*.txt")} == ids


# --- one writer at a time ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def writers():
    """Two warm writer processes (see :func:`support.writer_worker`) and a way to race them."""
    context = multiprocessing.get_context("spawn")
    manager = context.Manager()
    pairs = [(context.Queue(), context.Queue()) for _ in range(2)]
    workers = [context.Process(target=writer_worker, args=pair, daemon=True) for pair in pairs]
    for worker in workers:
        worker.start()

    def race(first: tuple, second: tuple) -> list[int]:
        barrier = manager.Barrier(2)
        for (inbox, _), order in zip(pairs, (first, second), strict=True):
            inbox.put((barrier, *order))
        return [outbox.get(timeout=180) for _, outbox in pairs]

    yield race
    for inbox, _ in pairs:
        inbox.put(None)
    for worker in workers:
        worker.join(30)
        if worker.is_alive():
            worker.kill()
    manager.shutdown()


def test_two_updates_at_once_both_land(tmp_path, writers):
    out = tmp_path / "out"
    base = _chapter(tmp_path, "base.txt", 2014)
    build([base], out, progress=False)
    for round_ in range(ROUNDS):
        a = _chapter(tmp_path, f"a{round_}.txt", 1990 + round_)
        b = _chapter(tmp_path, f"b{round_}.txt", 1960 + round_)
        assert writers(("build", str(out), str(a)), ("build", str(out), str(b))) == [0, 0]
        assert {a.name, b.name} <= set(_files(out)), f"round {round_}: a change was lost"
    assert len(_files(out)) == 1 + 2 * ROUNDS


def test_an_update_and_a_remove_at_once_both_land(tmp_path, writers):
    out = tmp_path / "out"
    paths = [_chapter(tmp_path, f"d{i}.txt", 1970 + i) for i in range(ROUNDS)]
    build(paths, out, progress=False)
    for round_ in range(ROUNDS):
        new = _chapter(tmp_path, f"n{round_}.txt", 1930 + round_)
        gone = paths[round_].name
        assert writers(("build", str(out), str(new)), ("remove", str(out), gone)) == [0, 0]
        files = set(_files(out))
        assert new.name in files and gone not in files, f"round {round_}: a change was lost"


def test_no_wait_names_the_holder_and_wait_waits(tmp_path):
    out = tmp_path / "out"
    chapter = _chapter(tmp_path, "a.txt", 2015)
    build([chapter], out, progress=False)
    before = folder_digest(out)
    command = [sys.executable, "-m", "duikou", "build", str(chapter), "--out", str(out)]
    with writer_lock(out):
        assert f"pid {os.getpid()}" in holder(out)
        refused = subprocess.run(
            [*command, "--no-wait"], capture_output=True, text=True, timeout=120
        )
        assert refused.returncode == 2
        assert f"another writer holds it (pid {os.getpid()}" in refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1
        assert folder_digest(out) == before
        waiting = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
        line = waiting.stderr.readline()
        assert "waiting for the writer that holds it" in line
        time.sleep(0.5)
        assert waiting.poll() is None, "the second writer went ahead while the lock was held"
    assert waiting.wait(timeout=120) == 0
    assert holder(out) is None


def test_remove_and_link_take_the_lock_too(tmp_path):
    out = tmp_path / "out"
    build([_chapter(tmp_path, "a.txt", 2015)], out, progress=False)
    before = folder_digest(out)
    with writer_lock(out):
        result = invoke("remove", "--graph", out, "a.txt", "--no-wait")
        assert result.exit_code == 2 and "another writer holds it" in result.stderr
        with pytest.raises(DuikouError, match="another writer holds it"):
            write_wikidata_links(out, [], wait=False)
    assert folder_digest(out) == before
