"""Shared fixtures: the bundled sample, a synthetic chapter, one build of the sample and a copy."""

from __future__ import annotations

import shutil

import pytest

from duikou import build, load_document, sample_path

from support import synthetic_bytes


@pytest.fixture(scope="session")
def sample_doc():
    return load_document(sample_path())


@pytest.fixture(scope="session")
def sample_text() -> str:
    return sample_path().read_bytes().decode("utf-8")


@pytest.fixture
def synthetic_file(tmp_path):
    path = tmp_path / "synthetic-chapter.txt"
    path.write_bytes(synthetic_bytes())
    return path


@pytest.fixture(scope="session")
def synthetic_doc(tmp_path_factory):
    path = tmp_path_factory.mktemp("synthetic") / "synthetic-chapter.txt"
    path.write_bytes(synthetic_bytes())
    return load_document(path)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """The bundled sample built once into a folder (the same as `duikou build`)."""
    out = tmp_path_factory.mktemp("build") / "duikou-out"
    build(out=out, progress=False)
    return out


@pytest.fixture(scope="session")
def existing_out(sample_build, tmp_path_factory):
    """A copy of the sample's build that every refused build must leave as it was."""
    return shutil.copytree(sample_build, tmp_path_factory.mktemp("keep") / "out")
