"""`duikou export`: exact rows of a synthetic graph with transfers, and of the sample's pairings.

The synthetic chapter below is written for these tests; its transfers are made
by a test extractor (the real ones do not produce transfers yet), built with
`duikou.build` and checked against the SHACL shapes. Every expected row is
written out by hand from the chapter text.
"""

import csv
import hashlib
import io
import json
import os
from decimal import Decimal

import pytest
from click.testing import CliRunner

from duikou.atomic import write_text_atomically
from duikou.cli import cli
from duikou.loaders import extract
from duikou.loaders.document import Span
from duikou.loaders.facts import Evidence, PlaceMention, TransferFact
from duikou.loaders.heading_pairings import pairings_from_headings
from duikou.ontology.validate import validate_graph
from duikou.queries import query_text
from duikou.queries.export import PAIRING_COLUMNS, TRANSFER_COLUMNS, export_rows
from duikou.queries.read import read_union
from duikou.render import rows_text

from support import build_chapter

S0 = "In 2012, the eastern provinces gave 100 million yuan to the west."
S1 = (
    "In 2012, Jiangsu Province allocated 86.4 million yuan to Yulin City, "
    "of which 45.6282 million yuan was used for roads and schools."
)
S2 = "From 2011 to 2012, Suzhou City donated 1.5 million yuan."
HEADING = "Jiangsu - Shaanxi Pairing-off Poverty Alleviation"
CHAPTER = "\n".join(
    [
        "East-West Pairing-off Cooperation for Poverty Reduction",
        "",
        f"    {S0} Cadres were sent.",
        "",
        f"    {HEADING}",
        f"    【Funds】 {S1} {S2}",
        "    (Jiangsu Provincial Office of Cooperation)",
        "",
    ]
)
CHAPTER_BYTES = CHAPTER.encode("utf-8")
SHA = hashlib.sha256(CHAPTER_BYTES).hexdigest()


def _source(sentence: str) -> str:
    start = CHAPTER.index(sentence)
    return f"{SHA}:{start}-{start + len(sentence)}"


# Written by hand from the chapter: document order, then amount within a sentence.
EXPECTED_TRANSFERS = [
    {
        "donor": "the eastern provinces",
        "recipient": "the west",
        "amount_cny": "100000000",
        "year": "",
        "kind": "fiscal_aid",
        "purpose": "",
        "evidence": S0,
        "source": _source(S0),
        "status": "disbursed",
        "in_kind": "false",
        "period": "",
        "mentions": "1",
        "part_of": "",
        "covered_by": "",
        "restated_in": "",
    },
    {
        "donor": "Jiangsu Province",
        "recipient": "Yulin City",
        "amount_cny": "45628200",
        "year": "2012",
        "kind": "fiscal_aid",
        "purpose": "education;roads",
        "evidence": S1,
        "source": _source(S1),
        "status": "disbursed",
        "in_kind": "false",
        "period": "2012",
        "mentions": "1",
        "part_of": _source(S1),
        "covered_by": "",
        "restated_in": "",
    },
    {
        "donor": "Jiangsu Province",
        "recipient": "Yulin City",
        "amount_cny": "86400000",
        "year": "2012",
        "kind": "fiscal_aid",
        "purpose": "",
        "evidence": S1,
        "source": _source(S1),
        "status": "disbursed",
        "in_kind": "false",
        "period": "2012",
        "mentions": "1",
        "part_of": "",
        "covered_by": "",
        "restated_in": "",
    },
    {
        "donor": "Suzhou City",
        "recipient": "",
        "amount_cny": "1500000",
        "year": "2011-2012",
        "kind": "social_donation",
        "purpose": "",
        "evidence": S2,
        "source": _source(S2),
        "status": "cumulative",
        "in_kind": "true",
        "period": "2011/2012",
        "mentions": "2",
        "part_of": "",
        "covered_by": "",
        "restated_in": _source(S0),
    },
]


def synthetic_transfers(doc):
    """The four transfers of the chapter, as an extractor would report them."""

    def sentence(quote):
        for s in doc.sentences():
            if doc.quote(s.span) == quote:
                return s.span
        raise AssertionError(f"the segmenter did not make the sentence {quote!r}")

    def at(text, after=0):
        start = doc.text.index(text, after)
        return Span(start, start + len(text))

    def place(name, level=None):
        return PlaceMention(name, at(name), level)

    s0, s1, s2 = sentence(S0), sentence(S1), sentence(S2)
    total_span = at("86.4 million yuan")
    return [
        TransferFact(
            donor=place("the eastern provinces"),
            recipient=place("the west"),
            amount=Decimal("100") * 10**6,
            amount_span=at("100 million yuan"),
            kind="fiscal_aid",
            evidence=Evidence(s0, "test", Decimal("0.9")),
        ),
        TransferFact(
            donor=place("Jiangsu Province", "province"),
            recipient=place("Yulin City"),
            amount=Decimal("86.4") * 10**6,
            amount_span=total_span,
            kind="fiscal_aid",
            evidence=Evidence(s1, "test", Decimal("0.9")),
            years=(2012, 2012),
        ),
        TransferFact(
            donor=place("Jiangsu Province", "province"),
            recipient=place("Yulin City"),
            amount=Decimal("45.6282") * Decimal(10**6),  # 45628200.0000: no trailing zeros out
            amount_span=at("45.6282 million yuan"),
            kind="fiscal_aid",
            evidence=Evidence(s1, "test", Decimal("0.9")),
            purposes=("roads", "education"),
            years=(2012, 2012),
            part_of=(s1.start, s1.end, total_span.start),
        ),
        TransferFact(
            donor=place("Suzhou City"),
            recipient=None,
            amount=Decimal("1.5") * 10**6,
            amount_span=at("1.5 million yuan"),
            kind="social_donation",
            evidence=Evidence(s2, "test", Decimal("0.9")),
            years=(2011, 2012),
            status="cumulative",
            in_kind=True,
            restated=(Evidence(s0, "test", Decimal("0.9")),),
        ),
    ]


@pytest.fixture(scope="module")
def transfer_graph(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(extract, "EXTRACTORS", [pairings_from_headings, synthetic_transfers])
        return build_chapter(tmp_path_factory.mktemp("export") / "chapter.txt", CHAPTER_BYTES)


def _export(*args):
    return CliRunner().invoke(cli, ["export", *args])


def test_synthetic_graph_conforms(transfer_graph):
    result = validate_graph(read_union(transfer_graph))
    assert result.conforms, result.lines()


def test_export_transfer_rows(transfer_graph):
    assert export_rows("transfers", transfer_graph) == EXPECTED_TRANSFERS


def test_export_transfers_csv_text(transfer_graph):
    result = _export("transfers", "--graph", str(transfer_graph))
    assert result.exit_code == 0, result.output
    header = ",".join(TRANSFER_COLUMNS)
    expected = (
        f"{header}\n"
        f'the eastern provinces,the west,100000000,,fiscal_aid,,"{S0}",{_source(S0)},'
        "disbursed,false,,1,,,\n"
        f'Jiangsu Province,Yulin City,45628200,2012,fiscal_aid,education;roads,"{S1}",{_source(S1)},'
        f"disbursed,false,2012,1,{_source(S1)},,\n"
        f'Jiangsu Province,Yulin City,86400000,2012,fiscal_aid,,"{S1}",{_source(S1)},'
        "disbursed,false,2012,1,,,\n"
        f'Suzhou City,,1500000,2011-2012,social_donation,,"{S2}",{_source(S2)},'
        f"cumulative,true,2011/2012,2,,,{_source(S0)}\n"
    )
    assert result.stdout == expected
    assert header.startswith("donor,recipient,amount_cny,year,kind,purpose,evidence,source,")


def test_export_transfers_json(transfer_graph):
    result = _export("transfers", "--graph", str(transfer_graph), "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows == EXPECTED_TRANSFERS
    assert all(list(row) == list(TRANSFER_COLUMNS) for row in rows)


def test_export_synthetic_pairing(transfer_graph):
    start = CHAPTER.index(HEADING)
    assert export_rows("pairings", transfer_graph) == [
        {
            "donor": "Jiangsu",
            "recipient": "Shaanxi",
            # levels come from the gazetteer: Jiangsu and Shaanxi are provinces
            "donor_level": "province",
            "recipient_level": "province",
            "scope": "east-west",
            "evidence": HEADING,
            "source": f"{SHA}:{start}-{start + len(HEADING)}",
        }
    ]


def test_output_file_matches_stdout(transfer_graph, tmp_path):
    target = tmp_path / "transfers.csv"
    result = _export("transfers", "--graph", str(transfer_graph), "--output", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "wrote 4 transfers" in result.stderr
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows == EXPECTED_TRANSFERS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["transfers.csv"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--graph", "no-such-folder"], "no built graph here"),
        (["--format", "xml"], "unknown format 'xml'; choose csv or json"),
    ],
)
def test_failed_export_keeps_existing_file(transfer_graph, tmp_path, args, message):
    target = tmp_path / "keep.csv"
    target.write_text("old content\n")
    if "--graph" not in args:
        args = [*args, "--graph", str(transfer_graph)]
    result = _export("transfers", *args, "--output", str(target))
    assert result.exit_code == 2
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert target.read_text() == "old content\n"


def test_output_into_missing_folder_is_one_line(transfer_graph, tmp_path):
    target = tmp_path / "missing" / "rows.csv"
    result = _export("pairings", "--graph", str(transfer_graph), "--output", str(target))
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"Error: {target}: folder {target.parent} does not exist; create it first"
    ]


def test_write_failure_mid_rows_leaves_file_whole(tmp_path):
    target = tmp_path / "rows.csv"
    target.write_text("old content\n")

    def rows():
        yield dict.fromkeys(TRANSFER_COLUMNS, "x")
        raise RuntimeError("extraction broke half-way")

    with pytest.raises(RuntimeError):
        write_text_atomically(target, rows_text(TRANSFER_COLUMNS, rows(), "csv"))
    assert target.read_text() == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["rows.csv"]


def test_failed_replace_leaves_file_whole_and_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "rows.json"
    target.write_text("old content\n")

    def broken_replace(src, dst):
        raise OSError("disk full")

    import duikou.atomic as atomic  # where the export's atomic write lives

    monkeypatch.setattr(atomic.os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_text_atomically(
            target, rows_text(PAIRING_COLUMNS, [dict.fromkeys(PAIRING_COLUMNS, "y")], "json")
        )
    assert target.read_text() == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["rows.json"]


def test_replacing_a_file_keeps_its_mode(tmp_path):
    target = tmp_path / "rows.csv"
    target.write_text("old\n")
    target.chmod(0o640)
    write_text_atomically(target, rows_text(PAIRING_COLUMNS, [], "csv"))
    assert target.read_text() == ",".join(PAIRING_COLUMNS) + "\n"
    assert os.stat(target).st_mode & 0o777 == 0o640


# The 15 section headings of the sample chapter, in file order (read off the file by hand).
SAMPLE_HEADING_DONORS = [
    "Beijing", "Tianjin", "Liaoning", "Shanghai", "Jiangsu", "Zhejiang", "Fujian", "Shandong",
    "Guangdong", "Dalian", "Ningbo", "Qingdao", "Shenzhen", "Xiamen", "Zhuhai",
]  # fmt: skip


def test_export_sample_pairings(sample_build):
    result = CliRunner().invoke(cli, ["export", "pairings", "--graph", str(sample_build)])
    assert result.exit_code == 0, result.output
    reader = csv.reader(io.StringIO(result.stdout))
    assert next(reader) == list(PAIRING_COLUMNS)
    rows = [dict(zip(PAIRING_COLUMNS, r, strict=True)) for r in reader]
    heading_rows = [r for r in rows if r["evidence"].endswith("Pairing-off Poverty Alleviation")]
    assert [r["donor"] for r in heading_rows] == SAMPLE_HEADING_DONORS

    (text_file,) = (sample_build / "sources").glob("*.txt")
    text = text_file.read_text(encoding="utf-8")
    first = heading_rows[0]
    heading = "Beijing - Inner Mongolia Autonomous Region Pairing-off Poverty Alleviation"
    start = text.index(heading)
    assert first == {
        "donor": "Beijing",
        "recipient": "Inner Mongolia Autonomous Region",
        "donor_level": "province",  # a municipality, province level (gazetteer)
        "recipient_level": "province",
        "scope": "east-west",
        "evidence": heading,
        "source": f"{text_file.stem}:{start}-{start + len(heading)}",
    }
    dalian = heading_rows[9]
    # Dalian is a sub-provincial city: prefecture level; Guizhou a province (gazetteer)
    assert [dalian[c] for c in PAIRING_COLUMNS[:5]] == [
        "Dalian",
        "Guizhou",
        "prefecture",
        "province",
        "east-west",
    ]
    xiamen = heading_rows[13]
    assert xiamen["recipient"] == "Gansu Linxia Hui Autonomous Prefecture"
    assert xiamen["recipient_level"] == "prefecture"
    for row in rows:  # every source points at its evidence in the kept text
        span = row["source"].split(":")[1]
        start, end = (int(n) for n in span.split("-"))
        assert text[start:end] == row["evidence"]


def test_export_sample_pairings_json_has_same_rows(sample_build):
    as_csv = export_rows("pairings", sample_build)
    result = CliRunner().invoke(
        cli, ["export", "pairings", "--graph", str(sample_build), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == as_csv


@pytest.mark.parametrize("name", ["export-transfers", "export-pairings"])
def test_export_queries_have_headers(name):
    head = query_text(name).splitlines()[:3]
    assert [line.split(":")[0] for line in head] == ["# title", "# question", "# parameters"]


@pytest.mark.parametrize("command", [["export"], ["export", "transfers"], ["export", "pairings"]])
def test_export_help(command):
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output
