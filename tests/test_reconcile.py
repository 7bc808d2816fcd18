"""`duikou reconcile` on a made-up chapter (Hainan – Tibet, Anhui – Xinjiang: names and
amounts not from the sample) with one claim of each verdict, and on the bundled chapter."""

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from duikou import api
from duikou.queries.reconcile import CLAIM_COLUMNS

from support import build_chapter, invoke

CHAPTER = Path(__file__).parent / "data" / "reconcile-chapter.txt"


@pytest.fixture(scope="module")
def claims_graph(tmp_path_factory):
    return build_chapter(tmp_path_factory.mktemp("reconcile") / "chapter.txt", CHAPTER.read_text())


def _claims(graph):
    return {(c.type, c.evidence["donor"], c.stated): c for c in api.reconcile(graph)}


def test_each_claim_and_its_verdict(claims_graph):
    claims = _claims(claims_graph)
    m = Decimal(10**6)
    eastern = "the eastern provinces and municipalities"
    expected = {
        ("parts", eastern, 300 * m): (150 * m, "parts missing"),  # 100 + 50 of which
        ("national", eastern, 300 * m): (215 * m, "parts missing"),  # 120 + 95: the sections
        ("overview", "Anhui", 80 * m): (95 * m, "conflict"),  # its section says 95
        ("overview", "Hainan", 120 * m): (120 * m, "agrees"),  # restated: one flow, one fact
        ("parts", "Hainan", 120 * m): (120 * m, "agrees"),  # 70 + 50
        ("section", "Hainan", 120 * m): (30 * m, "parts missing"),  # Sanya City's 30 only
    }
    assert {key: (c.found, c.verdict) for key, c in claims.items()} == expected


def test_what_the_sections_give_leaves_out_covered_items(claims_graph):
    national = _claims(claims_graph)[
        ("national", "the eastern provinces and municipalities", Decimal(300 * 10**6))
    ]
    amounts = sorted(Decimal(f["amount"]) for f in national.found_in)
    assert amounts == [
        95 * 10**6,
        120 * 10**6,
    ]  # not Sanya City's 30 million: Hainan's total covers it


def test_json_has_claim_stated_found_difference_verdict_and_evidence(claims_graph):
    result = invoke("reconcile", "--graph", str(claims_graph), "--format", "json")
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    assert len(items) == 6
    for item in items:
        assert {"claim", "stated", "found", "difference", "verdict", "evidence"} <= set(item)
        assert Decimal(item["difference"]) == Decimal(item["found"]) - Decimal(item["stated"])
        assert item["evidence"]["stated"]["quote"] and item["evidence"]["stated"]["source"]
    overview = next(i for i in items if i["type"] == "overview" and i["verdict"] == "agrees")
    assert overview["evidence"]["stated"]["quote"].startswith("Among the western provinces")


def test_csv_and_table(claims_graph):
    result = invoke("reconcile", "--graph", str(claims_graph), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == CLAIM_COLUMNS and len(rows) == 6
    table = invoke("reconcile", "--graph", str(claims_graph), env={"COLUMNS": "80"})
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    assert max(map(len, lines)) <= 80
    assert "1 agrees" not in lines[0] and "2 agrees, 3 parts missing, 1 conflict" in lines[0]


def test_a_missing_graph_is_one_line_and_exit_2(tmp_path):
    result = invoke("reconcile", "--graph", str(tmp_path / "nothing"))
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1


def test_the_bundled_chapter_lists_the_overviews_claims_with_what_the_sections_give(sample_build):
    claims = api.reconcile(sample_build)
    overview = {c.evidence["donor"]: c for c in claims if c.type == "overview"}
    for donor in ("Shanghai", "Dalian, Ningbo, Qingdao and Shenzhen", "Tianjin and Xiamen"):
        assert donor in overview and overview[donor].facts >= 1
    national = [c for c in claims if c.type == "national" and c.kind == "fiscal_aid"]
    assert [c.stated for c in national] == [Decimal("872200000")]
    assert national[0].facts >= 15  # what the fifteen pairing sections give


def test_a_claim_is_checked_against_its_own_documents_sections(tmp_path):
    from duikou import build

    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(CHAPTER.read_text(), encoding="utf-8")
    second.write_text(CHAPTER.read_text().replace("95 million", "75 million"), encoding="utf-8")
    out = tmp_path / "out"
    build([first, second], out=out, progress=False)
    national = sorted(
        c.found for c in api.reconcile(out) if c.type == "national" and c.kind == "fiscal_aid"
    )
    assert national == [195 * 10**6, 215 * 10**6]  # 120 + 75 and 120 + 95, never both added
