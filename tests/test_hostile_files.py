"""Inputs that are not plain files, line endings of old systems, outputs that cannot be written.

Each case was reported by a probe of issue 16: a FIFO named ``.txt`` hung the
build, link loops and devices inside a folder were skipped without a word, a
file with ``\\r``-only line endings built with 0 pairing sections and exit 0,
and an output folder under a file gave a traceback.
"""

from __future__ import annotations

import json
import os

import pytest

from duikou.loaders.reading import one_line_ending, read_text

from support import folder_digest, hainan_tibet_chapter, invoke, synthetic_bytes


def _sections(out) -> int:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return sum(d["pairing_sections"] for d in manifest["documents"])


def _refused(result, *needles: str) -> None:
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    for needle in needles:
        assert needle in result.stderr


@pytest.fixture
def odd_files(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "chapter.txt").write_text(
        hainan_tibet_chapter("In 2015, Hainan gave 1 million yuan.")
    )
    os.mkfifo(folder / "pipe.txt")
    os.symlink("loop-b.txt", folder / "loop-a.txt")
    os.symlink("loop-a.txt", folder / "loop-b.txt")
    os.symlink("/dev/zero", folder / "zero.txt")
    os.symlink("gone.txt", folder / "dangling.txt")
    return folder


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("pipe.txt", "is a FIFO"),
        ("loop-a.txt", "loop of symbolic links"),
        ("zero.txt", "is a device"),
        ("dangling.txt", "link to nothing"),
    ],
)
def test_odd_files_are_refused_with_one_line(odd_files, tmp_path, name, said):
    result = invoke("build", odd_files / name, "--out", tmp_path / "out")
    _refused(result, name, said)
    assert not (tmp_path / "out").exists()


def test_a_folder_holding_an_odd_file_is_refused_not_skipped(odd_files, tmp_path):
    result = invoke("build", odd_files, "--out", tmp_path / "out")
    _refused(result, "dangling.txt", "link to nothing")  # the first odd one, in name order
    (odd_files / "dangling.txt").unlink()
    _refused(invoke("build", odd_files, "--out", tmp_path / "out"), "loop-a.txt", "loop")
    (odd_files / "loop-a.txt").unlink()
    (odd_files / "loop-b.txt").unlink()
    _refused(invoke("build", odd_files, "--out", tmp_path / "out"), "pipe.txt", "FIFO")


def test_odd_files_do_not_touch_an_existing_build(odd_files, tmp_path):
    out = tmp_path / "out"
    assert invoke("build", odd_files / "chapter.txt", "--out", out).exit_code == 0
    before = folder_digest(out)
    _refused(invoke("build", odd_files / "pipe.txt", "--out", out, "--update"), "FIFO")
    assert folder_digest(out) == before


@pytest.mark.parametrize("ending", [b"\r", b"\r\n"])
def test_old_line_endings_build_like_lf(tmp_path, ending):
    lf = synthetic_bytes().replace(b"\r\n", b"\n")
    (tmp_path / "lf.txt").write_bytes(lf)
    (tmp_path / "other.txt").write_bytes(lf.replace(b"\n", ending))
    assert invoke("build", tmp_path / "lf.txt", "--out", tmp_path / "a").exit_code == 0
    result = invoke("build", tmp_path / "other.txt", "--out", tmp_path / "b")
    assert result.exit_code == 0, result.output
    assert _sections(tmp_path / "b") == _sections(tmp_path / "a") > 0


def test_lone_carriage_returns_keep_offsets():
    text = "Heading\r\rIn 2015, Hainan gave.\r\nNext.\r"
    assert len(one_line_ending(text)) == len(text)
    assert one_line_ending(text) == "Heading\n\nIn 2015, Hainan gave.\r\nNext.\n"


def test_the_text_kept_is_the_normalised_one(tmp_path):
    path = tmp_path / "cr.txt"
    path.write_bytes(synthetic_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r"))
    data, text = read_text(path)
    assert b"\n" not in data and "\r" not in text


def test_an_output_under_a_file_is_one_line(tmp_path):
    (tmp_path / "file").write_text("not a folder\n")
    chapter = tmp_path / "c.txt"
    chapter.write_text(hainan_tibet_chapter("In 2015, Hainan gave 1 million yuan."))
    result = invoke("build", chapter, "--out", tmp_path / "file" / "out")
    _refused(result, "a folder on its path is a file")
