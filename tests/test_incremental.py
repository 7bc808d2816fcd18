"""`build --update` and `remove`: any sequence of them leaves what one clean build would.

The documents are small chapters made up here (donors and recipients from a
short list, amounts from the version number), so that dozens of builds run in
seconds. Folders are compared with ``support.build_snapshot``.
"""

import json

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duikou.api import build, remove
from duikou.cli import cli
from duikou.errors import OutputError

from support import build_snapshot as snapshot
from support import chunk_ids

PAIRS = [
    ("Hainan", "Tibet Autonomous Region", "Nyingchi"),
    ("Anhui", "Xinjiang Uygur Autonomous Region", "Hotan"),
    ("Jiangsu", "Shaanxi", "Yan'an"),
    ("Zhejiang", "Sichuan", "Guangyuan"),
]
NAMES = ["a.txt", "b.txt", "c.txt"]


def chapter(name: str, version: int) -> str:
    """Version *version* of the chapter called *name*: its pairs and amounts depend on both."""
    first = NAMES.index(name)
    lines = ["East-West Pairing-off Cooperation for Poverty Reduction", ""]
    for offset in range(2):
        donor, region, city = PAIRS[(first + offset + version) % len(PAIRS)]
        amount = 1.5 + version + offset
        lines += [
            f"{donor} - {region} Pairing-off Poverty Alleviation",
            f"【Overview】 In {2010 + version}, {donor} allocated {amount} million yuan to {city}.",
            f"{donor} trained {10 * (version + 1)} teachers from {city}.",
            "",
        ]
    return "\n".join(lines)


def write(folder, name, version):
    path = folder / name
    path.write_text(chapter(name, version), encoding="utf-8")
    return path


def test_update_skips_unchanged_replaces_changed_and_adds_new(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    a, b = write(corpus, "a.txt", 0), write(corpus, "b.txt", 0)
    first = build([a, b], out, progress=False, jobs=1)
    assert len(first.built) == 2 and not first.kept

    again = build([a, b], out, update=True, progress=False, jobs=1)
    assert again.built == [] and sorted(again.kept) == sorted(first.built)

    write(corpus, "b.txt", 1)  # b changes, c is new
    c = write(corpus, "c.txt", 0)
    result = build([corpus / "b.txt", c], out, update=True, progress=False, jobs=1)
    assert len(result.built) == 2 and len(result.kept) == 1 and len(result.removed) == 1
    manifest = json.loads((out / "manifest.json").read_text())
    assert sorted(d["file"] for d in manifest["documents"]) == NAMES
    assert chunk_ids(out) == {d["id"] for d in manifest["documents"]}

    clean = tmp_path / "clean"
    build([corpus], clean, progress=False, jobs=1)
    assert snapshot(out) == snapshot(clean)


def test_remove_drops_a_document_and_names_what_it_cannot_find(tmp_path):
    a, b = write(tmp_path, "a.txt", 0), write(tmp_path, "b.txt", 0)
    out = tmp_path / "out"
    build([a, b], out, progress=False, jobs=1)
    result = remove(out, ["a.txt"], progress=False)
    assert [d["file"] for d in result.documents] == ["b.txt"] and len(result.removed) == 1
    clean = tmp_path / "clean"
    build([b], clean, progress=False, jobs=1)
    assert snapshot(out) == snapshot(clean)
    with pytest.raises(OutputError, match="no document matches 'zzz'"):
        remove(out, ["zzz"], progress=False)


def test_remove_command_exits_2_on_an_unknown_document(tmp_path):
    a = write(tmp_path, "a.txt", 0)
    out = tmp_path / "out"
    build([a], out, progress=False, jobs=1)
    result = CliRunner().invoke(cli, ["remove", "--graph", str(out), "nothing.txt"])
    assert result.exit_code == 2
    assert "no document matches 'nothing.txt'" in result.output
    result = CliRunner().invoke(cli, ["remove", "--graph", str(out), "a.txt"])
    assert result.exit_code == 0, result.output
    assert "now holds 0 document(s)" in result.output


def test_update_of_a_folder_built_by_other_code_rebuilds_from_sources(tmp_path):
    a = write(tmp_path, "a.txt", 0)
    out = tmp_path / "out"
    build([a], out, progress=False, jobs=1)
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["code"] = "older"
    (out / "manifest.json").write_text(json.dumps(manifest))
    b = write(tmp_path, "b.txt", 0)
    result = build([b], out, update=True, progress=False, jobs=1)
    assert len(result.built) == 2 and result.kept == []
    clean = tmp_path / "clean"
    build([a, b], clean, progress=False, jobs=1)
    assert snapshot(out) == snapshot(clean)


operations = st.lists(
    st.one_of(
        st.tuples(
            st.just("update"),
            st.lists(
                st.tuples(st.sampled_from(NAMES), st.integers(0, 2)),
                min_size=1,
                max_size=3,
                unique_by=lambda item: item[0],
            ),
        ),
        st.tuples(st.just("remove"), st.sampled_from(NAMES)),
    ),
    min_size=1,
    max_size=4,
)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=operations)
def test_any_sequence_of_updates_equals_one_clean_build(tmp_path_factory, steps):
    work = tmp_path_factory.mktemp("seq")
    out = work / "out"
    final: dict[str, int] = {}  # name -> version of the documents the folder should hold
    for step, (kind, arg) in enumerate(steps):
        if kind == "update":
            folder = work / f"step{step}"
            folder.mkdir()
            paths = [write(folder, name, version) for name, version in arg]
            build(paths, out, update=True, progress=False, jobs=1)
            final.update(dict(arg))
        elif arg in final:
            remove(out, [arg], progress=False)
            del final[arg]
    if not final:  # nothing built yet, or everything removed
        if out.exists():
            assert json.loads((out / "manifest.json").read_text())["documents"] == []
        return
    folder = work / "final"
    folder.mkdir()
    clean = work / "clean"
    build([write(folder, n, v) for n, v in final.items()], clean, progress=False, jobs=1)
    assert snapshot(out) == snapshot(clean)
