"""Build, update and prune an output folder of graphs, atomically.

The folder holds the Oxigraph store (``store/``), the graph of each document
as a gzipped Turtle chunk (``graphs/``, with the ontology's graph and any
other graph beside them; :mod:`duikou.graph.chunk_files`), the texts the
offsets point into (``sources/``) and ``manifest.json``. The store is loaded
straight from the chunks; each graph is on disk once as a chunk and once in
the store, and the union files (TriG, Turtle, N-Quads) are made on demand
from the chunks (:mod:`duikou.graph.union`, ``duikou export rdf``).
Everything is written into a work folder beside the target and swapped in
at the end (:mod:`duikou.graph.swap`), so a failed, interrupted or killed
build leaves the previous output as it was.

An update reuses the chunks of documents whose bytes did not change and then
assembles the folder exactly as a clean build of the same documents would:
same chunks (same bytes), same store contents, same manifest.

What duikou owns and what it keeps:

- A folder is only ever replaced if it is empty or carries duikou's mark: a
  ``manifest.json`` whose ``format`` is :data:`FORMAT` (or, from builds before
  the mark, one with duikou's ``duikou``, ``code`` and ``documents`` keys).
  Any other ``manifest.json`` (a web app's, say) is not ours, so ``--out
  app`` or ``--out ~`` stops with one line instead of deleting files.
- Inside a folder of ours, duikou replaces only what it writes (:data:`OWN`,
  and chunks and sources named by a document id). Everything else — a page
  ``duikou viz`` wrote there, a user's notes — is carried into the new folder
  (hard-linked) before the swap, so a rebuild keeps it. ``graph.trig`` and
  ``graph.ttl``, which earlier builds wrote, are duikou's too: a rebuild or
  update of such a folder drops them.
- One writer at a time (:mod:`duikou.graph.lock`): the lock is taken before the
  manifest is read, so two updates never both build on the same old manifest.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from duikou.errors import GraphError, OutputError
from duikou.graph.chunk_files import ONTOLOGY_CHUNK, chunk_name, extra_name, pack, read_chunk
from duikou.graph.chunks import HEADER, Job, make_chunks, ontology_body
from duikou.graph.fingerprint import code_fingerprint
from duikou.graph.iris import doc_iri
from duikou.graph.lock import writer_lock
from duikou.graph.store import STORE_DIR, GraphStore
from duikou.graph.store_loading import StoreLoading
from duikou.graph.swap import clean_leftovers, make_work_folder, recover, swap_in
from duikou.graph.timing import stage
from duikou.loaders.reading import find_text_files, read_text
from duikou.ontology import ONTOLOGY_GRAPH
from duikou.version import __version__

__all__ = [
    "BuildResult",
    "build_to_folder",
    "remove_from_folder",
    "replace_extra_graph",
    "read_manifest",
    "swap_in",
    "MANIFEST",
    "SOURCES_DIR",
    "GRAPHS_DIR",
]

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
SOURCES_DIR = "sources"
GRAPHS_DIR = "graphs"
FORMAT = "duikou-build"
"""The ``format`` key of a manifest: the mark of a folder duikou wrote and may replace."""
OWN = (GRAPHS_DIR, SOURCES_DIR, STORE_DIR, MANIFEST, "graph.trig", "graph.ttl")
"""The top-level names a build writes, and the union files earlier builds wrote; anything
else in the folder is carried over."""
_OWN_FILE = re.compile(
    r"[0-9a-f]{64}\.(?:ttl(?:\.gz)?|txt)|graph-[0-9a-f]{16}\.ttl(?:\.gz)?|ontology\.ttl\.gz"
)


@dataclass
class BuildResult:
    """What a build wrote, what it reused, and where its time went."""

    out: str
    quads: int
    documents: list[dict] = field(default_factory=list)
    built: list[str] = field(default_factory=list)  # ids of documents (re)built now
    kept: list[str] = field(default_factory=list)  # ids reused unchanged
    removed: list[str] = field(default_factory=list)  # ids dropped from the folder
    stages: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0
    bytes_in: int = 0  # bytes of text read and built now

    @property
    def triples(self) -> int:
        """Quads of all named graphs (kept for callers of the first layout)."""
        return self.quads


def build_to_folder(
    paths,
    out,
    *,
    update: bool = False,
    jobs: int | None = None,
    progress: bool = True,
    limits: dict | None = None,
    wait: bool = True,
    on_wait=None,
) -> BuildResult:
    """Build the graph of *paths* (files or folders of ``.txt``) into folder *out*.

    With ``update=True`` the documents already in *out* stay: a file whose
    bytes are already there is skipped, a file with new bytes at the path of
    an earlier one replaces that document, and other files are added.
    *jobs* worker processes build the documents (default: one per CPU core).
    All inputs are read and checked before anything is written; the first
    unusable one raises :class:`~duikou.errors.InputError`. *limits* are
    passed to :func:`~duikou.loaders.reading.read_text` (``max_bytes`` …).
    The folder's writer lock is held throughout; if another writer holds it,
    *wait* for it (telling *on_wait*) or raise :class:`OutputError`.
    """
    started = time.perf_counter()
    out = Path(out)
    with _writing(out):
        _prepare(out)  # refuse a folder that is not ours before waiting for anyone
    with _writing(out), writer_lock(out, wait=wait, on_wait=on_wait):
        _prepare(out)
        with stage("checking inputs"):
            checked = _check_inputs(_named_files(paths), limits or {})
        previous = read_manifest(out) if update and (out / MANIFEST).is_file() else None
        keep, todo, removed = _plan(previous, checked, out)
        extras = (previous or {}).get("graphs", [])
        return _write(out, keep, todo, removed, extras, jobs, progress, limits, started)


def remove_from_folder(
    out, selectors: list[str], *, progress: bool = True, wait: bool = True, on_wait=None
) -> BuildResult:
    """Drop the documents matching *selectors* (id or id prefix, file name, or path) from *out*."""
    started = time.perf_counter()
    out = Path(out)
    with _writing(out), writer_lock(_existing_folder(out), wait=wait, on_wait=on_wait):
        return _remove(out, selectors, started, progress)


def _remove(out: Path, selectors: list[str], started: float, progress: bool) -> BuildResult:
    previous = _existing_build(out)
    entries = previous["documents"]
    removed: set[str] = set()
    for selector in selectors:
        matches = [e["id"] for e in entries if _selects(selector, e)]
        if not matches:
            raise OutputError(f"{out}: no document matches {selector!r} (see {out}/{MANIFEST})")
        if len(set(matches)) > 1 and not any(e["id"] == selector for e in entries):
            raise OutputError(f"{selector!r} matches {len(matches)} documents; give more of the id")
        removed.update(matches)
    keep = [e for e in entries if e["id"] not in removed]
    keep, todo, _ = _plan({**previous, "documents": keep}, [], out)
    extras = previous.get("graphs", [])
    return _write(out, keep, todo, sorted(removed), extras, 1, progress, None, started)


def replace_extra_graph(
    out, iri: str, turtle_body: str, triples: int, *, wait: bool = True, on_wait=None
) -> None:
    """Put a graph that is not a document's (links, say) into *out*, replacing its old version.

    Such graphs are kept by ``build --update`` and ``remove`` and dropped by a
    clean build. The rest of the folder is reused as it is.
    """
    out = Path(out)
    with _writing(out), writer_lock(_existing_folder(out), wait=wait, on_wait=on_wait):
        _replace_extra(out, iri, turtle_body, triples)


def _replace_extra(out: Path, iri: str, turtle_body: str, triples: int) -> None:
    started = time.perf_counter()
    previous = _existing_build(out)
    keep, todo, _ = _plan(previous, [], out)
    name = extra_name(iri)
    extras = [g for g in previous.get("graphs", []) if g["iri"] != iri]
    extras.append({"iri": iri, "file": name, "triples": triples})
    new = {name: pack(HEADER + turtle_body.encode("utf-8"))}
    _write(out, keep, todo, [], extras, 1, False, None, started, new_extras=new)


def read_manifest(out) -> dict:
    """The parsed ``manifest.json`` of a built folder."""
    path = Path(out) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise OutputError(f"{path}: cannot be read ({exc}); rebuild without --update") from None
    if not _is_ours(manifest):
        raise OutputError(f"{path}: not a duikou manifest; rebuild without --update")
    return manifest


def is_duikou_folder(out) -> bool:
    """True if *out* carries duikou's mark (see the module docstring)."""
    try:
        manifest = json.loads((Path(out) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return _is_ours(manifest)


def _is_ours(manifest) -> bool:
    if not isinstance(manifest, dict) or not isinstance(manifest.get("documents"), list):
        return False
    if manifest.get("format") == FORMAT:
        return True
    return "format" not in manifest and {"duikou", "code"} <= manifest.keys()


# ------------------------------------------------------------------ planning


@contextmanager
def _writing(out: Path):
    """Turn a failure of the file system under *out* (a parent that is a file, no
    permission, a full disk) into one line naming the folder, not a traceback."""
    try:
        yield
    except OSError as exc:
        where = exc.filename or out
        why = exc.strerror or exc
        raise OutputError(f"{where}: cannot write the output there ({why})") from None


def _prepare(out: Path) -> None:
    recover(out)
    clean_leftovers(out)
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: exists and is not a folder; choose another --out")
    if out.is_dir() and any(out.iterdir()) and not is_duikou_folder(out):
        why = f"its {MANIFEST} is not duikou's" if (out / MANIFEST).exists() else f"no {MANIFEST}"
        raise OutputError(
            f"{out}: folder is not empty and was not written by duikou ({why}); "
            "refusing to replace it, choose another --out"
        )


def _existing_folder(out: Path) -> Path:
    """*out*, checked to be a built folder before its lock is taken."""
    _existing_build(out)
    return out


def _named_files(paths) -> list[tuple[Path, str]]:
    """Each input file with the name it is known by: its path inside the folder given, or its name.

    The name, not the location, says which document a file is: building
    ``corpus/`` from anywhere names its files ``2013/chapter.txt`` and so on.
    """
    named: dict[Path, tuple[Path, str]] = {}
    for raw in paths:
        root = Path(raw)
        for path in find_text_files([root]):
            name = path.relative_to(root).as_posix() if root.is_dir() else path.name
            named.setdefault(path.resolve(), (path, name))
    return list(named.values())


def _existing_build(out: Path) -> dict:
    """The manifest of the build in *out*, which must exist."""
    _prepare(out)
    if not (out / MANIFEST).is_file():
        raise OutputError(f"{out}: no built graph here (missing {MANIFEST}); run `duikou build`")
    return read_manifest(out)


def _check_inputs(files: list[tuple[Path, str]], limits: dict) -> list[tuple[Path, str, str]]:
    """Each usable file with its name and document id; the same bytes twice are built once."""
    seen: dict[str, tuple[Path, str]] = {}
    for path, name in files:
        data, _ = read_text(path, **limits)
        doc_id = hashlib.sha256(data).hexdigest()
        if doc_id in seen:
            log.warning("%s: same content as %s, built once", path, seen[doc_id][0])
            continue
        seen[doc_id] = (path, name)
    return [(path, name, doc_id) for doc_id, (path, name) in seen.items()]


def _plan(previous: dict | None, checked: list[tuple[Path, str]], out: Path):
    """Which earlier documents to keep as they are, which to build, which are dropped."""
    old = {e["id"]: e for e in (previous or {}).get("documents", [])}
    by_name = {e["file"]: e["id"] for e in old.values()}
    removed = set()
    todo: list[Job] = []
    for path, name, doc_id in checked:
        replaced = by_name.get(name)
        if replaced and replaced != doc_id:
            removed.add(replaced)
        if doc_id in old:
            old[doc_id] = {**old[doc_id], "file": name}
        else:
            todo.append(Job(str(path), doc_id, name))
    reusable = previous is not None and previous.get("code") == code_fingerprint()
    keep = []
    for doc_id, entry in old.items():
        if doc_id in removed:
            continue
        if reusable and (out / GRAPHS_DIR / chunk_name(doc_id)).is_file():
            keep.append(entry)
        else:  # built by other code: rebuild it from the text kept in sources/
            source = out / SOURCES_DIR / f"{doc_id}.txt"
            if not source.is_file():
                raise OutputError(f"{out}: {source.name} is missing; rebuild without --update")
            todo.append(Job(str(source), doc_id, entry["file"]))
    if previous is not None and not reusable and old:
        log.info("%s was built by other code: rebuilding its documents from sources/", out)
    return keep, todo, sorted(removed)


def _selects(selector: str, entry: dict) -> bool:
    return (
        entry["id"].startswith(selector.lower())
        or selector == entry["file"]
        or Path(selector).name == entry["file"]
    )


# ------------------------------------------------------------------ writing


def _write(
    out, keep, todo, removed, extras, jobs, progress, limits, started, new_extras=None
) -> BuildResult:
    stages: dict[str, float] = defaultdict(float)
    entries: dict[str, dict] = {}
    bytes_in = 0
    tmp = make_work_folder(out)
    store = None
    try:
        (tmp / GRAPHS_DIR).mkdir()
        (tmp / SOURCES_DIR).mkdir()
        store = StoreLoading(GraphStore(tmp / STORE_DIR))  # loads while the workers go on
        text, ontology_triples = ontology_body()
        ontology = HEADER + text.encode("utf-8")
        store.add(ONTOLOGY_GRAPH, ontology)
        (tmp / GRAPHS_DIR / ONTOLOGY_CHUNK).write_bytes(pack(ontology))
        for entry in keep:
            name = chunk_name(entry["id"])
            _link(out / GRAPHS_DIR / name, tmp / GRAPHS_DIR / name)
            _link(
                out / SOURCES_DIR / f"{entry['id']}.txt", tmp / SOURCES_DIR / f"{entry['id']}.txt"
            )
            entries[entry["id"]] = entry
            store.add(doc_iri(entry["id"]), _kept_chunk(tmp / GRAPHS_DIR / name))
        extras = sorted(extras, key=lambda g: g["iri"])
        for extra in extras:
            target = tmp / GRAPHS_DIR / extra["file"]
            if new_extras and extra["file"] in new_extras:
                target.write_bytes(new_extras[extra["file"]])
            else:
                _link(out / GRAPHS_DIR / extra["file"], target)
            store.add(URIRef(extra["iri"]), _kept_chunk(target))
        workers = _workers(jobs, len(todo))
        with _progress(progress and len(todo) > 1) as bar:
            task = bar.add_task("building", total=len(todo))
            for chunk in make_chunks(todo, workers=workers, limits=limits):
                (tmp / GRAPHS_DIR / chunk_name(chunk.id)).write_bytes(chunk.packed)
                (tmp / SOURCES_DIR / f"{chunk.id}.txt").write_bytes(chunk.text.encode("utf-8"))
                entries[chunk.id] = _entry(chunk)
                store.add(doc_iri(chunk.id), chunk.turtle)
                bytes_in += chunk.bytes_in
                for name, seconds in chunk.stages.items():
                    stages[name] += seconds
                bar.update(task, advance=1, description=f"built {chunk.name}")
        quads = ontology_triples + sum(e["triples"] for e in entries.values())
        quads += sum(g["triples"] for g in extras)
        stages["store loading"] += store.close()
        store = None
        documents = [entries[i] for i in sorted(entries)]
        manifest = {"format": FORMAT, "duikou": __version__, "code": code_fingerprint()}
        manifest["quads"] = quads
        manifest["documents"] = documents
        if extras:
            manifest["graphs"] = extras
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        _carry_over(out, tmp)
        swap_in(tmp, out)
    except BaseException:
        if store is not None:
            store.abandon()
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return BuildResult(
        out=str(out),
        quads=quads,
        documents=documents,
        built=sorted(c for c in entries if c not in {e["id"] for e in keep}),
        kept=sorted(e["id"] for e in keep),
        removed=list(removed),
        stages=dict(stages),
        seconds=time.perf_counter() - started,
        bytes_in=bytes_in,
    )


def _entry(chunk) -> dict:
    return {
        "id": chunk.id,
        "file": chunk.name,
        **chunk.summary,
        "triples": chunk.triples,
    }


def _kept_chunk(path: Path) -> bytes:
    """The Turtle of a chunk an update reuses (an unreadable one means: build again)."""
    try:
        return read_chunk(path)
    except GraphError:
        raise OutputError(
            f"{GRAPHS_DIR}/{path.name}: not a readable duikou chunk; rebuild without --update"
        ) from None


def _carry_over(out: Path, tmp: Path) -> None:
    """Hard-link into *tmp* every file of *out* that a build did not write (see the docstring)."""
    if not out.is_dir():
        return
    for entry in out.iterdir():
        if entry.name not in OWN:
            _keep(entry, tmp / entry.name)
    for folder in (GRAPHS_DIR, SOURCES_DIR):
        if (out / folder).is_dir():
            for entry in (out / folder).iterdir():
                if not _OWN_FILE.fullmatch(entry.name) and not (tmp / folder / entry.name).exists():
                    _keep(entry, tmp / folder / entry.name)


def _keep(source: Path, target: Path) -> None:
    if source.is_symlink():
        os.symlink(os.readlink(source), target)
    elif source.is_dir():
        shutil.copytree(source, target, symlinks=True, copy_function=_link)
    else:
        _link(source, target)


def _link(source: Path, target: Path) -> None:
    """Reuse an unchanged file: a hard link (files are never changed in place), else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _workers(jobs: int | None, todo: int) -> int:
    available = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(jobs or available or 1, todo))


def _progress(enabled: bool):
    """rich's progress bar, or one that shows nothing without importing rich (a build of
    one document, ``--no-progress``: rich is a tenth of a cold build's imports)."""
    if not enabled:
        return _NoProgress()
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=False,
    )


class _NoProgress:
    """The part of rich's ``Progress`` a build uses, doing nothing."""

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None

    def add_task(self, *args, **kwargs) -> int:
        return 0

    def update(self, *args, **kwargs) -> None:
        return None
