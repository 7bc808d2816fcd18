"""Extraction quality on the bundled chapter: floors under the measured figures, and metamorphic checks.

The floors sit a little under what `duikou eval` measured when they were set
(see the README), so a regression fails the suite. The metamorphic tests
change the chapter — other real place names, other amounts — rebuild, and
check that the exports change exactly as the change implies: a rule that
knew the sample's answers would not follow.
"""

import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from duikou import sample_path
from duikou.evaluation import evaluate
from duikou.loaders.amounts import find_amounts
from duikou.queries.export import export_rows

from support import build_chapter

GOLD = Path(__file__).parent / "data" / "gold"

# Places of the sample (left) swapped for real Chinese places absent from it (right).
SWAPS = {
    "Liaoning": "Heilongjiang",
    "Qinghai": "Xizang",
    "Huangzhong": "Maqin",
    "Panjin": "Sanya",
    "Liaoyang": "Haikou",
    "Hedong": "Licang",
    "Shunyi": "Fangshan",
    "Taicang": "Golmud",
}


@pytest.fixture(scope="module")
def report(sample_build):
    return evaluate(GOLD, sample_build)


def test_pair_transfers_floor(report):
    score = report.transfers.pair_score
    assert score.precision >= 0.92
    assert score.recall >= 0.93


def test_all_transfers_floor(report):
    assert report.transfers.score.f1 >= 0.80
    assert report.transfers.kind_accuracy >= 0.90
    assert report.transfers.year_accuracy >= 0.95


def test_pairings_floor(report):
    assert report.pairings.score.precision >= 0.95
    assert report.pairings.score.f1 >= 0.88


def _rows(folder):
    keys = ("donor", "recipient", "amount_cny", "year", "kind", "purpose")
    return Counter(tuple(row[k] for k in keys) for row in export_rows("transfers", folder))


def _swap(text: str) -> str:
    for old, new in SWAPS.items():
        text = re.sub(rf"\b{old}\b", new, text)
    return text


def test_swapped_place_names_follow_into_the_export(tmp_path, sample_build):
    original = sample_path().read_text(encoding="utf-8")
    assert not any(re.search(rf"\b{new}\b", original) for new in SWAPS.values())
    out = build_chapter(tmp_path / "swapped.txt", _swap(original))

    before, after = _rows(sample_build), _rows(out)
    expected = Counter({(_swap(d), _swap(r), *rest): n for (d, r, *rest), n in before.items()})
    assert after == expected
    assert any("Maqin" in donor + recipient for donor, recipient, *_ in after)


def test_doubled_amounts_follow_into_the_export(tmp_path, sample_build):
    original = sample_path().read_text(encoding="utf-8")
    pieces, last = [], 0
    for amount in find_amounts(original):
        pieces += [original[last : amount.start], f"{amount.value * 2} yuan"]
        last = amount.end
    out = build_chapter(tmp_path / "doubled.txt", "".join(pieces) + original[last:])

    def doubled(row):
        donor, recipient, amount, *rest = row
        value = Decimal(amount) * 2
        return (donor, recipient, f"{value.normalize():f}", *rest)

    before, after = _rows(sample_build), _rows(out)
    assert sum(after.values()) == sum(before.values())
    assert after == Counter({doubled(row): n for row, n in before.items()})


def test_every_transfer_quotes_its_source(sample_build):
    sources = {
        p.stem: p.read_text(encoding="utf-8") for p in (sample_build / "sources").glob("*.txt")
    }
    rows = export_rows("transfers", sample_build)
    assert len(rows) > 50
    for row in rows:
        sha, offsets = row["source"].split(":")
        start, end = map(int, offsets.split("-"))
        assert sources[sha][start:end] == row["evidence"]
