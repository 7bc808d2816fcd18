"""The CLI's happy paths: build, stats, validate, help and version."""

import json
import re

import pytest
from click.testing import CliRunner

from duikou.cli import cli
from duikou.version import __version__

COMMANDS = sorted(cli.commands)


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


@pytest.mark.parametrize("command", [[]] + [[c] for c in COMMANDS])
def test_help_everywhere(command):
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_build_stats_validate(tmp_path):
    runner = CliRunner()
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "15 pairing sections" in result.output
    assert {p.name for p in out.iterdir()} == {
        "graphs",
        "store",
        "sources",
        "manifest.json",
    }

    result = runner.invoke(cli, ["stats", "--graph", str(out)])
    assert result.exit_code == 0, result.output
    counts = dict(re.findall(r"(dk:\w+)\s*│\s*(\d+)", result.output))
    assert int(counts["dk:Pairing"]) > 15  # the 15 headings and the prose
    assert int(counts["dk:Transfer"]) > 50
    assert counts["dk:PairingSection"] == "15"
    assert counts["dk:OverviewSection"] == "1"
    assert counts["dk:Document"] == "1"

    result = runner.invoke(cli, ["validate", "--graph", str(out)])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_rebuild_replaces_previous_output(tmp_path, synthetic_file):
    runner = CliRunner()
    out = tmp_path / "out"
    assert runner.invoke(cli, ["build", "--out", str(out)]).exit_code == 0
    result = runner.invoke(cli, ["build", str(synthetic_file), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 pairing sections" in result.output
    manifest = json.loads((out / "manifest.json").read_text())
    assert [d["file"] for d in manifest["documents"]] == ["synthetic-chapter.txt"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")] == [".out.lock"]


def test_several_files_and_a_folder(tmp_path, synthetic_file):
    from duikou import sample_path

    folder = tmp_path / "chapters"
    folder.mkdir()
    (folder / "a.txt").write_bytes(sample_path().read_bytes())
    (folder / "b.txt").write_bytes(synthetic_file.read_bytes())
    result = CliRunner().invoke(cli, ["build", str(folder), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert "built 2 document(s): 17 pairing sections" in result.output


def test_identical_files_are_built_once(tmp_path):
    from duikou import sample_path

    for name in ("a.txt", "copy-of-a.txt"):
        (tmp_path / name).write_bytes(sample_path().read_bytes())
    result = CliRunner().invoke(cli, ["build", str(tmp_path), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert "built 1 document(s)" in result.output
