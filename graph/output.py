"""Write a built graph to its output folder, atomically.

Everything is written into a temporary folder beside the target and swapped in
at the end, so a failed or interrupted build leaves the previous output as it
was. A folder is only ever replaced if it is empty or was written by duikou
(it holds ``manifest.json``), so ``--out ~`` cannot wipe a home directory.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rdflib import Graph
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from duikou import __version__
from duikou.errors import OutputError
from duikou.graph.dataset import add_to_dataset, bind_prefixes, new_dataset
from duikou.graph.store import STORE_DIR, load_store
from duikou.loaders.document import Document
from duikou.loaders.reading import find_text_files

__all__ = ["BuildResult", "build_to_folder", "swap_in", "MANIFEST", "SOURCES_DIR"]

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
SOURCES_DIR = "sources"


@dataclass
class BuildResult:
    out: str
    triples: int
    quads: int
    documents: list[dict] = field(default_factory=list)


def build_to_folder(paths, out, *, progress: bool = True) -> BuildResult:
    """Read *paths* (files or folders of ``.txt``), build the graph, write it to *out*.

    All inputs are read and checked before anything is written; the first
    unusable one raises :class:`~duikou.errors.InputError`.
    """
    from duikou.api import load_document  # the API module imports this one lazily

    out = Path(out)
    _check_replaceable(out)
    files = find_text_files(list(paths))
    dataset = new_dataset()
    docs: dict[str, Document] = {}
    with _progress(enabled=progress and len(files) > 1) as bar:
        task = bar.add_task("building", total=len(files))
        for path in files:
            bar.update(task, description=f"building {path.name}")
            doc = load_document(path)
            if doc.id in docs:
                log.warning("%s: same content as %s, built once", path, docs[doc.id].source)
            else:
                docs[doc.id] = doc
                add_to_dataset(dataset, doc)
            bar.advance(task)
    union = bind_prefixes(Graph())
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    result = BuildResult(
        out=str(out),
        triples=len(union),
        quads=sum(len(g) for g in dataset.graphs()),
        documents=[_summary(doc) for doc in docs.values()],
    )

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    tmp.chmod(0o777 & ~_umask())
    try:
        dataset.serialize(destination=tmp / "graph.trig", format="trig")
        union.serialize(destination=tmp / "graph.ttl", format="turtle")
        load_store(tmp / STORE_DIR, tmp / "graph.trig")
        _copy_sources(docs.values(), tmp / SOURCES_DIR)
        manifest = {"duikou": __version__, **asdict(result)}
        del manifest["out"]
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        swap_in(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return result


def _copy_sources(docs, folder: Path) -> None:
    """Keep each input's exact text beside the graph: offsets in the graph point into it."""
    folder.mkdir()
    for doc in docs:
        (folder / f"{doc.id}.txt").write_bytes(doc.text.encode("utf-8"))


def _summary(doc: Document) -> dict:
    return {
        "id": doc.id,
        "file": Path(doc.source).name,
        "title": doc.title,
        "sections": len(doc.sections),
        "pairing_sections": len(doc.pairing_sections),
        "sentences": sum(1 for _ in doc.sentences()),
    }


def _check_replaceable(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: exists and is not a folder; choose another --out")
    if out.is_dir() and any(out.iterdir()) and not (out / MANIFEST).is_file():
        raise OutputError(
            f"{out}: folder is not empty and was not written by duikou (no {MANIFEST}); "
            "refusing to replace it, choose another --out"
        )


def swap_in(tmp: Path, out: Path) -> None:
    """Replace *out* by *tmp* with renames (each atomic on one file system)."""
    if not out.exists():
        os.rename(tmp, out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    old.rmdir()
    os.rename(out, old)
    try:
        os.rename(tmp, out)
    except OSError:
        os.rename(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _progress(enabled: bool) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        disable=not enabled,
        transient=False,
    )
