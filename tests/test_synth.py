"""The synthetic corpus for benchmarks: deterministic, to scale, in the genre, not the sample."""

import doctest
import re
import sys
from pathlib import Path

import pytest

from duikou import load_document, sample_path
from duikou.gazetteer import load
from duikou.loaders.extract import extract_facts
from duikou.loaders.facts import PairingFact, TransferFact
from duikou.loaders.heading_pairings import RULE as HEADING_RULE
from duikou.loaders.years import report_year

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks/ is not installed
from benchmarks import synth  # noqa: E402

SAMPLE_BYTES = sample_path().stat().st_size


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return synth.generate(tmp_path_factory.mktemp("corpus"), 2, seed=11)


@pytest.fixture(scope="module")
def sample_facts():
    return extract_facts(load_document(sample_path()))


@pytest.fixture(scope="module")
def chapter_facts(corpus):
    doc = load_document(corpus[0])
    return doc, extract_facts(doc)


def heading_pairs(facts):
    return [
        (f.donor.name, f.recipient.name)
        for f in facts
        if isinstance(f, PairingFact) and f.evidence.rule == HEADING_RULE
    ]


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    first = synth.generate(tmp_path / "a", 0.5, seed=5)
    again = synth.generate(tmp_path / "b", 0.5, seed=5)
    other = synth.generate(tmp_path / "c", 0.5, seed=6)
    assert [p.name for p in first] == [p.name for p in again]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    assert first[0].read_bytes() != other[0].read_bytes()


@pytest.mark.parametrize(("scale", "files"), [(0.3, 1), (1, 1), (3.4, 3)])
def test_total_size_follows_scale(tmp_path, scale, files):
    paths = synth.generate(tmp_path, scale, seed=1)
    assert len(paths) == files
    total = sum(p.stat().st_size for p in paths)
    assert 0.8 * scale * SAMPLE_BYTES <= total <= 1.2 * scale * SAMPLE_BYTES


def test_chapters_segment_into_pairing_sections_of_their_year(corpus):
    for path in corpus:
        assert re.fullmatch(r"chapter-\d{4}-\d{4}\.txt", path.name)
        year = int(path.stem[-4:])
        assert synth.FIRST_YEAR <= year <= synth.LAST_YEAR
        doc = load_document(path)
        assert len(doc.pairing_sections) >= 10
        assert doc.title.startswith(f"{synth.TITLE} in {year} ")
        assert report_year(doc) == year
        assert doc.trailer is not None  # the Chinese footer is kept


def test_no_chapter_is_the_sample_or_another_chapter(corpus):
    texts = [p.read_bytes() for p in corpus]
    assert len(set(texts)) == len(texts)
    assert sample_path().read_bytes() not in texts


def test_heading_pairings_are_new_real_east_west_pairs(chapter_facts, sample_facts):
    _, facts = chapter_facts
    pairs = heading_pairs(facts)
    sample_pairs = set(heading_pairs(sample_facts))
    assert len(pairs) >= 10
    assert sum(pair not in sample_pairs for pair in pairs) >= len(pairs) / 2
    gazetteer = load()
    for donor, recipient in pairs:
        assert gazetteer.lookup(donor)[0].macro_region == "east", donor
        assert gazetteer.lookup(recipient)[0].macro_region == "west", recipient


def test_extraction_works_as_hard_as_on_the_sample(chapter_facts, sample_facts):
    _, facts = chapter_facts
    for kind in (PairingFact, TransferFact):
        got = sum(isinstance(f, kind) for f in facts)
        want = sum(isinstance(f, kind) for f in sample_facts)
        assert 0.7 * want <= got <= 1.3 * want, kind.__name__


def test_transfers_name_the_new_places(chapter_facts, sample_facts):
    _, facts = chapter_facts
    donors = {f.donor.name for f in facts if isinstance(f, TransferFact)}
    sample_donors = {f.donor.name for f in sample_facts if isinstance(f, TransferFact)}
    assert len(donors - sample_donors) >= len(donors) / 2


def test_officials_get_other_names(chapter_facts):
    doc, _ = chapter_facts
    original = ["Gou Zhongwen", "Hu Chunhua", "Wang Sanyun", "Sun Chunlan", "Wang Jing", "Jin Dan"]
    assert not [name for name in original if name in doc.text]


def test_refuses_a_folder_that_holds_chapters(tmp_path):
    synth.generate(tmp_path, 0.2)
    with pytest.raises(FileExistsError, match="already holds 1 chapter files"):
        synth.generate(tmp_path, 0.2)


def test_cli_prints_one_summary_line(tmp_path, capsys):
    assert synth.main(["--scale", "0.2", "--out", str(tmp_path), "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert re.fullmatch(r"1 files, 0\.\d MB in \d+\.\d\d s -> .+\n", out)


def test_doctests():
    assert doctest.testmod(synth, optionflags=doctest.NORMALIZE_WHITESPACE).failed == 0
