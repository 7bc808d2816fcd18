"""Unusable input through the real CLI: one line naming the file, exit 2, output untouched."""

import subprocess
import sys

import pytest

from support import folder_digest


def run_cli(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "duikou", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture(scope="module")
def existing_out(tmp_path_factory, request):
    """A good build whose folder must survive every failed build below."""
    out = tmp_path_factory.mktemp("keep") / "out"
    result = run_cli("build", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def _bad_inputs(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    # Latin-1, not GBK: GBK text is decoded now (tests/test_hostile_input.py)
    (tmp_path / "gbk.txt").write_bytes("Ürümqi café: Beijing gave aid.".encode("latin-1"))
    (tmp_path / "blank.txt").write_bytes(b" \r\n\t\n")
    # without a byte-order mark: with one it is decoded (tests/test_hostile_input.py)
    (tmp_path / "utf16.txt").write_bytes("Beijing - Hebei Pairing-off".encode("utf-16-le"))
    (tmp_path / "no-text-here").mkdir()
    (tmp_path / "no-text-here" / "notes.md").write_text("not a chapter")
    return {
        "empty.txt": "empty file",
        "binary.txt": "binary file",
        "gbk.txt": "not UTF-8",
        "blank.txt": "no text",
        "utf16.txt": "UTF-16",
        "no-text-here": "no .txt files",
        "does-not-exist.txt": "no such file",
    }


@pytest.mark.parametrize(
    "name",
    [
        "empty.txt",
        "binary.txt",
        "gbk.txt",
        "blank.txt",
        "utf16.txt",
        "no-text-here",
        "does-not-exist.txt",
    ],
)
def test_bad_input(tmp_path, existing_out, name):
    problems = _bad_inputs(tmp_path)
    before = folder_digest(existing_out)
    result = run_cli("build", str(tmp_path / name), "--out", str(existing_out))
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert name in lines[0] and problems[name] in lines[0]
    assert "Traceback" not in result.stderr
    assert folder_digest(existing_out) == before
    assert not [p for p in existing_out.parent.iterdir() if p.name.startswith(".out.")]


def test_one_bad_file_among_good_ones_fails_the_whole_build(tmp_path, existing_out):
    _bad_inputs(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text("Hainan - Tibet Pairing-off Poverty Alleviation\n【Overview】 Aid grew.\n")
    before = folder_digest(existing_out)
    result = run_cli("build", str(good), str(tmp_path / "gbk.txt"), "--out", str(existing_out))
    assert result.returncode == 2
    assert "gbk.txt" in result.stderr
    assert folder_digest(existing_out) == before


def test_refuses_to_replace_a_foreign_folder(tmp_path):
    foreign = tmp_path / "home"
    foreign.mkdir()
    (foreign / "thesis.tex").write_text("precious")
    result = run_cli("build", "--out", str(foreign))
    assert result.returncode == 2
    assert "not written by duikou" in result.stderr
    assert (foreign / "thesis.tex").read_text() == "precious"


def test_commands_on_a_missing_graph_fail_clearly(tmp_path):
    for command in ("stats", "validate"):
        result = run_cli(command, "--graph", str(tmp_path / "nothing"))
        assert result.returncode == 2
        assert "no built graph here" in result.stderr
        assert "Traceback" not in result.stderr
