"""Unusable input through the CLI: one line naming the file, exit 2, output untouched.

The cases run in this process through click's CliRunner (``support.invoke``);
one smoke test runs the installed ``duikou`` program itself, on a bad input
and a good one, so the console script and its exit codes are checked too.
"""

import subprocess

import pytest

from support import assert_refused, assert_untouched, folder_digest, installed, invoke, nonblank


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
    result = invoke("build", tmp_path / name, "--out", existing_out)
    assert_refused(result, name, problems[name])
    assert_untouched(existing_out, before)


def test_one_bad_file_among_good_ones_fails_the_whole_build(tmp_path, existing_out):
    _bad_inputs(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text("Hainan - Tibet Pairing-off Poverty Alleviation\n【Overview】 Aid grew.\n")
    before = folder_digest(existing_out)
    result = invoke("build", good, tmp_path / "gbk.txt", "--out", existing_out)
    assert result.exit_code == 2
    assert "gbk.txt" in result.stderr
    assert folder_digest(existing_out) == before


def test_refuses_to_replace_a_foreign_folder(tmp_path):
    foreign = tmp_path / "home"
    foreign.mkdir()
    (foreign / "thesis.tex").write_text("precious")
    result = invoke("build", "--out", foreign)
    assert result.exit_code == 2
    assert "not written by duikou" in result.stderr
    assert (foreign / "thesis.tex").read_text() == "precious"


def test_commands_on_a_missing_graph_fail_clearly(tmp_path):
    for command in ("stats", "validate"):
        result = invoke(command, "--graph", tmp_path / "nothing")
        assert result.exit_code == 2
        assert "no built graph here" in result.stderr
        assert "Traceback" not in result.stderr


def test_the_installed_program_refuses_bad_input_and_builds_good_input(tmp_path):
    """The one subprocess: the ``duikou`` console script, as a user runs it."""
    duikou = installed("duikou")
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    good = tmp_path / "good.txt"
    good.write_text(
        "Beijing - Inner Mongolia Pairing-off Poverty Alleviation\n"
        "【Aid】 In 2012, Beijing gave 5 million yuan to Chifeng City.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"

    def run(source):
        command = [duikou, "build", str(source), "--out", str(out), "--no-progress"]
        return subprocess.run(command, capture_output=True, text=True, timeout=120)

    refused = run(bad)
    assert refused.returncode == 2, refused.stderr
    lines = nonblank(refused.stderr)
    assert len(lines) == 1, refused.stderr
    assert "empty.txt" in lines[0] and "empty file" in lines[0]
    assert "Traceback" not in refused.stderr + refused.stdout
    assert not out.exists()

    built = run(good)
    assert built.returncode == 0, built.stderr
    assert "Traceback" not in built.stderr + built.stdout
    assert f"-> {out} (1 built, 0 kept, 0 removed)" in built.stdout
    assert (out / "manifest.json").is_file()
