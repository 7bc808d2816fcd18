"""The gazetteer index kept in the cache folder answers exactly as one built afresh.

A damaged, stale or foreign cache file is ignored and written again; a cache
folder that cannot be written leaves the index in memory; concurrent writers
leave one whole file.
"""

from __future__ import annotations

import hashlib
import pickle
import subprocess
import sys

import pytest

from duikou.gazetteer import index_cache
from duikou.gazetteer.index_cache import CACHE_NAME, index_key, load_index
from duikou.gazetteer.lookup import Gazetteer
from duikou.gazetteer.model import read_divisions


@pytest.fixture(scope="module")
def fresh():
    return Gazetteer(read_divisions())


@pytest.fixture(scope="module")
def good_file(tmp_path_factory) -> bytes:
    folder = tmp_path_factory.mktemp("cache")
    load_index(folder)  # builds and writes the file
    return (folder / CACHE_NAME).read_bytes()


@pytest.fixture(scope="module")
def cached(tmp_path_factory, good_file):
    path = tmp_path_factory.mktemp("cached") / CACHE_NAME
    path.write_bytes(good_file)
    index = index_cache._read(path, index_key())
    assert index is not None, "the file just written must be read back"
    return index


def _names(gaz: Gazetteer) -> list[str]:
    """Many names the index knows, in every script and form, and some it does not."""
    names: list[str] = []
    for i, row in enumerate(gaz):
        if i % 5:
            continue
        names += [row.name_en, row.pinyin, row.name_zh, *row.alt_names[:2]]
        names.append(row.name_en.split()[0])  # the bare stem: often ambiguous
        names.append(row.name_en.upper())
    return names + ["", "  ", "Atlantis", "Huangping County of Qiandongnan", "Xi'an", "西安"]


def test_cached_index_is_the_fresh_index(fresh, cached):
    assert cached is not fresh
    assert cached.__dict__.keys() == fresh.__dict__.keys()
    for name, value in fresh.__dict__.items():
        assert getattr(cached, name) == value, name
    assert list(cached) == list(fresh)


def test_cached_index_answers_as_the_fresh_one(fresh, cached):
    names = _names(fresh)
    assert len(names) > 8000
    for name in names:
        assert cached.match(name) == fresh.match(name), name
    for name in names[::7]:
        for options in ({"year": 2005}, {"level": "county"}, {"within": "Sichuan"}):
            assert cached.match(name, **options) == fresh.match(name, **options), (name, options)
    for row in list(fresh)[::50]:
        assert cached.history(row.code) == fresh.history(row.code)
        assert cached.parents(row.code) == fresh.parents(row.code)
        assert cached.successor(row.code) == fresh.successor(row.code)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: data[:-100] + bytes(100), id="payload-zeroed"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: b"not a cache file at all\n" * 10, id="garbage"),
        pytest.param(lambda data: data.replace(index_key(), b"0" * 64, 1), id="stale-key"),
    ],
)
def test_a_damaged_or_stale_file_is_ignored_and_rebuilt(tmp_path, fresh, good_file, damage):
    path = tmp_path / CACHE_NAME
    path.write_bytes(damage(good_file))
    assert index_cache._read(path, index_key()) is None
    index = load_index(tmp_path)
    assert index.lookup("Liangshan Prefecture") == fresh.lookup("Liangshan Prefecture")
    assert index_cache._read(path, index_key()) is not None  # written again, whole
    assert not [p for p in tmp_path.iterdir() if p.name != CACHE_NAME]  # no temporary files


def test_the_key_follows_the_sources(monkeypatch):
    key = index_key()
    assert len(key) == 64 and key == index_key()
    sources = [*index_cache._SOURCES[:-1], "lookup.py"]  # lookup.py twice: another digest
    monkeypatch.setattr(index_cache, "_SOURCES", tuple(sources))
    assert index_key() != key


def test_a_file_naming_other_classes_is_not_unpickled(tmp_path):
    class Boom:
        def __reduce__(self):
            return (subprocess.call, (["false"],))

    payload = pickle.dumps(Boom())
    digest = hashlib.sha256(payload).hexdigest().encode()
    path = tmp_path / CACHE_NAME
    path.write_bytes(index_cache._MAGIC + index_key() + b"\n" + digest + b"\n" + payload)
    assert index_cache._read(path, index_key()) is None
    payload = pickle.dumps({"not": "a gazetteer"})
    digest = hashlib.sha256(payload).hexdigest().encode()
    path.write_bytes(index_cache._MAGIC + index_key() + b"\n" + digest + b"\n" + payload)
    assert index_cache._read(path, index_key()) is None


def test_an_unwritable_cache_folder_leaves_the_index_in_memory(tmp_path, fresh):
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    index = load_index(blocker / "duikou")  # its parent is a file: nothing can be made there
    assert index.__dict__ == fresh.__dict__
    assert blocker.read_text() == "in the way"
    assert load_index(cached=False).__dict__ == fresh.__dict__


def test_the_cache_folder_follows_xdg_cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert index_cache.cache_file() == tmp_path / "duikou" / CACHE_NAME
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # not absolute: ignored, per XDG
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert index_cache.cache_file() == tmp_path / "home" / ".cache" / "duikou" / CACHE_NAME


def test_concurrent_writers_leave_one_whole_file(tmp_path):
    code = (
        "import sys; from duikou.gazetteer.index_cache import load_index; "
        "print(len(load_index(sys.argv[1])))"
    )
    processes = [
        subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE)
        for _ in range(3)
    ]
    outputs = [p.communicate(timeout=120)[0] for p in processes]
    assert [p.returncode for p in processes] == [0, 0, 0]
    assert len(set(outputs)) == 1
    assert [p.name for p in tmp_path.iterdir()] == [CACHE_NAME]
    assert index_cache._read(tmp_path / CACHE_NAME, index_key()) is not None
