"""`duikou eval`: name normalisation, matching and scores, and the command on real builds.

Expected counts and scores are worked out by hand in the comments next to
them, from the hand-made lists and chapters written here and from the dev gold
copy in tests/data/gold (read with the csv module, not with the code under test).
"""

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from duikou import build, sample_path
from duikou.cli import cli
from duikou.evaluation import evaluate
from duikou.evaluation.coverage import scored_lines
from duikou.evaluation.match import match_pairings, match_transfers
from duikou.evaluation.normalize import is_collective, names_match, normalize_name
from duikou.loaders import extract
from duikou.loaders.document import Span
from duikou.loaders.facts import Evidence, PlaceMention, TransferFact
from duikou.loaders.heading_pairings import pairings_from_headings

from support import build_chapter

GOLD = Path(__file__).parent / "data" / "gold"


def _eval(*args):
    return CliRunner().invoke(cli, ["eval", *args])


# --- names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, other",
    [
        ("Liaoning Province", "Liaoning"),
        ("Ping’an County", "Ping'an"),
        ("Xing’an League", "Xing'an"),
        ("Gansu Linxia Hui Autonomous Prefecture", "Linxia"),
        ("Wenshan Prefecture (disabled veterans)", "Wenshan"),
        ("Inner Mongolia Autonomous Region", "Inner Mongolia"),
        ("Xinjiang Uygur Autonomous Region", "Xinjiang"),
        ("Shanghai municipal government", "Shanghai"),
        ("Binhai New Area", "Binhai"),
        ("ＬＩＡＯＮＩＮＧ Province", "liaoning"),  # full-width letters, NFKC
    ],
)
def test_names_that_match(written, other):
    assert names_match(written, other)
    assert names_match(other, written)


@pytest.mark.parametrize(
    "a, b",
    [
        ("Dalian", "Guizhou"),
        ("Nantong City", "Xianyang City"),
        ("Tibetan areas of Gansu Province", "Qinghai"),
        ("", "Guizhou"),
        ("Province", "Guizhou"),  # nothing left after the admin word: matches nothing
    ],
)
def test_names_that_do_not_match(a, b):
    assert not names_match(a, b)


def test_hebei_district_and_hebei_province_are_one_name():
    # A known, accepted confusion (documented in normalize.py and the README):
    # without admin words both are "hebei".
    assert normalize_name("Hebei District") == normalize_name("Hebei Province") == "hebei"
    assert names_match("Hebei District", "Hebei Province")


def test_ethnic_words_only_leave_autonomous_names():
    assert normalize_name("Ningxia Hui Autonomous Region") == "ningxia"
    assert normalize_name("Tibetan areas of Gansu") == "tibetan areas of gansu"
    assert normalize_name("Dongli District") == "dongli"


@pytest.mark.parametrize(
    "name, collective",
    [
        ("the eastern provinces and municipalities", True),
        ("13 prefecture-level cities and Liaoning Electric Power Corporation", True),
        ("nine cities in the province (Hubei)", True),
        ("enterprises of Shanghai", True),
        ("the charitable organizations in Beijing", True),
        ("the twinned poor county", False),
        ("Liaoning Electric Power Co., Ltd", False),
        ("Shanghai", False),
    ],
)
def test_collective_names(name, collective):
    assert is_collective(name) is collective


# --- matching and scores on hand-made lists --------------------------------------------


def _pair(donor, recipient, line, evidence=""):
    return {"donor": donor, "recipient": recipient, "line": line, "evidence": evidence}


def test_pairing_scores_by_hand():
    gold = [
        _pair("Beijing", "Inner Mongolia", 9),
        _pair("Beijing", "Inner Mongolia Autonomous Region", 21),  # same pair as above
        _pair("Beijing", "Chifeng", 9),
        _pair("Tianjin", "Gansu", 43),
        _pair("Dalian", "Guizhou", 9),
    ]  # 4 distinct gold pairs
    predicted = [
        _pair("Beijing", "Inner Mongolia Autonomous Region", 21),  # matches
        _pair("Tianjin", "Gansu Province", 43),  # matches
        _pair("Tianjin", "Gansu", 50),  # the same pair again: not counted twice
        _pair("Fujian", "Ningxia", 183),  # not in gold
    ]  # 3 distinct predicted pairs
    result = match_pairings(gold, predicted)
    assert (result.score.tp, result.score.fp, result.score.fn) == (2, 1, 2)
    assert result.score.precision == pytest.approx(2 / 3)
    assert result.score.recall == pytest.approx(2 / 4)
    assert result.score.f1 == pytest.approx(2 * (2 / 3) * (1 / 2) / (2 / 3 + 1 / 2))  # 4/7
    assert [(m["donor"], m["recipient"]) for m in result.misses] == [
        ("Beijing", "Chifeng"),
        ("Dalian", "Guizhou"),
    ]
    assert [(p["donor"], p["recipient"]) for p in result.false_positives] == [("Fujian", "Ningxia")]
    assert result.gold_pairs[0]["lines"] == [9, 21]


def test_pairing_matching_is_one_to_one_and_prefers_exact_names():
    gold = [_pair("Xiamen", "Linxia", 325), _pair("Xiamen", "Gansu Linxia Prefecture", 329)]
    predicted = [_pair("Xiamen", "Gansu Linxia Hui Autonomous Prefecture", 325)]
    # The prediction matches both gold pairs ("linxia" is a subset of "gansu linxia"),
    # but only one of them, the exact one.
    result = match_pairings(gold, predicted)
    assert (result.score.tp, result.score.fp, result.score.fn) == (1, 0, 1)
    assert [(m["donor"], m["recipient"]) for m in result.misses] == [("Xiamen", "Linxia")]


def _transfer(donor, recipient, amount, line, kind="fiscal_aid", year="2012", granularity=None):
    row = {
        "donor": donor,
        "recipient": recipient,
        "amount": Decimal(amount),
        "line": line,
        "kind": kind,
        "year": year,
        "evidence": f"{amount} on line {line}",
    }
    if granularity:
        row["granularity"] = granularity
    return row


def test_transfer_scores_by_hand():
    gold = [
        _transfer("Beijing", "Inner Mongolia", "86400000", 23, granularity="pair"),  # g1
        _transfer("Beijing", "Inner Mongolia", "5000000", 27, granularity="pair"),  # g2
        _transfer("Beijing", "Inner Mongolia", "5000000", 27, "loan_subsidy", granularity="pair"),  # g3
        _transfer("the eastern provinces and municipalities", "western poverty-stricken areas", "872200000", 7, granularity="aggregate"),  # g4
        _transfer("Liaoyang City", "Ping’an County", "660000", 87, "loan_subsidy", granularity="pair"),  # g5
    ]  # fmt: skip
    predicted = [
        _transfer("Beijing", "Inner Mongolia Autonomous Region", "86400000", 23),  # p1 -> g1
        _transfer("Beijing", "Inner Mongolia", "5000000", 27, "loan_subsidy", year=""),  # p2 -> g3 (same kind wins)
        _transfer("the eastern provinces and municipalities", "western poverty-stricken areas", "872000000", 7),  # p3 -> g4 (0.02 % off)
        _transfer("Liaoyang City", "", "660000", 87),  # p4: no recipient, matches nothing
        _transfer("Panjin City", "Ping'an County", "550000", 87),  # p5: not in gold
        _transfer("the eastern provinces", "western areas", "1000", 7),  # p6: not in gold, collective
        _transfer("Beijing", "Inner Mongolia", "86400000", 24),  # p7: wrong line
    ]  # fmt: skip
    result = match_transfers(gold, predicted)
    # tp = g1, g3, g4; fp = p4, p5, p6, p7; fn = g2, g5
    assert (result.score.tp, result.score.fp, result.score.fn) == (3, 4, 2)
    assert result.score.precision == pytest.approx(3 / 7)
    assert result.score.recall == pytest.approx(3 / 5)
    assert result.score.f1 == pytest.approx(0.5)  # 2 * 3/7 * 3/5 / (3/7 + 3/5)
    # pair rows g1, g2, g3, g5; matched g1, g3; pair-like unmatched predictions p5, p7
    # (p4 has no recipient, p6 is collective)
    pair = result.pair_score
    assert (pair.tp, pair.fp, pair.fn) == (2, 2, 2)
    assert (pair.precision, pair.recall, pair.f1) == (0.5, 0.5, 0.5)
    assert [g["amount"] for g, _ in result.matches] == [
        Decimal("86400000"),
        Decimal("5000000"),
        Decimal("872200000"),
    ]
    assert result.matches[1][0]["kind"] == "loan_subsidy"  # p2 took g3, not g2
    assert result.kind_accuracy == 1.0
    assert result.year_accuracy == pytest.approx(2 / 3)  # p2 has no year


def test_amount_tolerance_is_half_a_percent_of_gold():
    gold = [_transfer("Beijing", "Chifeng", "100000", 5)]
    inside = match_transfers(gold, [_transfer("Beijing", "Chifeng", "100500", 5)])
    outside = match_transfers(gold, [_transfer("Beijing", "Chifeng", "100501", 5)])
    assert inside.score.tp == 1
    assert outside.score.tp == 0


def test_no_predictions_scores_zero_without_crashing():
    result = match_transfers([_transfer("Beijing", "Chifeng", "1", 5, granularity="pair")], [])
    assert (result.score.tp, result.score.fp, result.score.fn) == (0, 0, 1)
    assert (result.score.precision, result.score.recall, result.score.f1) == (0.0, 0.0, 0.0)
    assert result.kind_accuracy is None


# --- coverage -------------------------------------------------------------------------


def test_scored_lines_extend_to_the_next_section():
    text = "\n".join(
        [
            "Title",  # 1
            "A - B Pairing-off Poverty Alleviation",  # 2
            "A gave.",  # 3
            "A gave more.",  # 4
            "    C – D Pairing-off Poverty Alleviation",  # 5
            "C gave.",  # 6
        ]
    )
    assert scored_lines(text, 3) == (1, 4)
    assert scored_lines(text, 5) == (1, 6)  # no heading after line 5: to the end


def test_scored_lines_start_at_the_section_of_the_first_gold_line():
    text = "\n".join(
        [
            "Title",  # 1
            "A - B Pairing-off Poverty Alleviation",  # 2
            "A gave.",  # 3
            "    C – D Pairing-off Poverty Alleviation",  # 4
            "C gave.",  # 5
            "C gave more.",  # 6
        ]
    )
    assert scored_lines(text, 6, first_gold_line=5) == (4, 6)  # from C – D's heading
    assert scored_lines(text, 6, first_gold_line=1) == (1, 6)  # the overview: from line 1


def test_sample_gold_covers_lines_1_to_146():
    text = sample_path().read_text(encoding="utf-8")
    # the dev gold's last line is 141 (Jiangsu section); Zhejiang's heading is line 147
    assert text.split("\n")[146].strip().startswith("Zhejiang – Sichuan Pairing-off")
    assert scored_lines(text, 141) == (1, 146)


# --- end to end: a synthetic chapter with transfers -------------------------------------

CHAPTER = "\n".join(
    [
        "East-West Pairing-off Cooperation for Poverty Reduction",  # 1
        "",  # 2
        "    In 2012, the eastern provinces gave 100 million yuan to the west.",  # 3
        "",  # 4
        "    Jiangsu - Shaanxi Pairing-off Poverty Alleviation",  # 5
        "    【Funds】 Jiangsu Province allocated 86.4 million yuan to Yulin City. "
        "Suzhou City donated 1.6 million yuan to Mizhi County.",  # 6
        "    (Jiangsu Provincial Office)",  # 7
        "",  # 8
        "    Fujian - Ningxia Pairing-off Poverty Alleviation",  # 9
        "    【Funds】 Fujian Province allocated 20 million yuan to Ningxia.",  # 10
        "    (Fujian Provincial Office)",  # 11
        "",
    ]
)
GOLD_PAIRINGS = """donor,recipient,donor_level,recipient_level,scope,line,evidence,note
Jiangsu,Shaanxi,province,province,east-west,5,Jiangsu - Shaanxi Pairing-off,
Suzhou City,Mizhi County,prefecture,county,east-west,6,Suzhou City donated 1.6 million yuan to Mizhi County,
"""
GOLD_TRANSFERS = """donor,recipient,amount_yuan,kind,purpose,year,granularity,line,evidence,note
the eastern provinces,western areas,100000000,fiscal_aid,,2012,aggregate,3,100 million yuan,
Jiangsu Province,Yulin City,86400000,fiscal_aid,,2012,pair,6,86.4 million yuan,
Suzhou City,Mizhi County,1500000,social_donation,,2012,pair,6,1.6 million yuan,"the text says 1.6; a deliberate disagreement"
"""
# (amounts written so that 1.6 million does not agree with the gold's 1.5 million)
TRANSFERS = [
    # sentence, donor, recipient, amount text, amount, kind
    ("In 2012, the eastern provinces gave 100 million yuan to the west.", "the eastern provinces", "the west", "100 million yuan", "100000000", "fiscal_aid"),
    ("Jiangsu Province allocated 86.4 million yuan to Yulin City.", "Jiangsu Province", "Yulin City", "86.4 million yuan", "86400000", "fiscal_aid"),
    ("Suzhou City donated 1.6 million yuan to Mizhi County.", "Suzhou City", "Mizhi County", "1.6 million yuan", "1600000", "social_donation"),
    ("Fujian Province allocated 20 million yuan to Ningxia.", "Fujian Province", "Ningxia", "20 million yuan", "20000000", "fiscal_aid"),
]  # fmt: skip


def chapter_transfers(doc):
    facts = []
    for quote, donor, recipient, amount_text, amount, kind in TRANSFERS:
        (span,) = [s.span for s in doc.sentences() if doc.quote(s.span) == quote]
        start = doc.text.index(amount_text, span.start)

        def place(name, span=span):
            at = doc.text.index(name, span.start)
            return PlaceMention(name, Span(at, at + len(name)))

        facts.append(
            TransferFact(
                donor=place(donor),
                recipient=place(recipient),
                amount=Decimal(amount),
                amount_span=Span(start, start + len(amount_text)),
                kind=kind,
                evidence=Evidence(span, "test", Decimal("0.9")),
                years=(2012, 2012),
            )
        )
    return facts


@pytest.fixture(scope="module")
def chapter_case(tmp_path_factory):
    folder = tmp_path_factory.mktemp("eval")
    gold = folder / "gold"
    gold.mkdir()
    (gold / "chapter_pairings.csv").write_text(GOLD_PAIRINGS, encoding="utf-8")
    (gold / "chapter_transfers.csv").write_text(GOLD_TRANSFERS, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(extract, "EXTRACTORS", [pairings_from_headings, chapter_transfers])
        out = build_chapter(folder / "chapter.txt", CHAPTER)
    return gold, out


def test_eval_synthetic_chapter_by_hand(chapter_case):
    gold, out = chapter_case
    report = evaluate(gold, out)
    # gold's last line is 6; the next heading is line 9, so lines 1-8 are scored
    assert (report.first_line, report.last_line, report.last_gold_line) == (1, 8, 6)
    # pairings: gold Jiangsu->Shaanxi, Suzhou->Mizhi; predicted in scope: Jiangsu->Shaanxi
    # (Fujian->Ningxia is on line 9, outside)
    pairings = report.pairings.score
    assert (pairings.tp, pairings.fp, pairings.fn) == (1, 0, 1)
    # transfers: Jiangsu 86.4M matches; the eastern 100M names "the west" (no match) and
    # Suzhou 1.6M is not within 0.5 % of 1.5M: fp 2, fn 2; Fujian (line 10) is not scored
    score = report.transfers.score
    assert (score.tp, score.fp, score.fn) == (1, 2, 2)
    # pair rows: Jiangsu (matched), Suzhou (missed); the Suzhou prediction is pair-like,
    # the eastern one is collective
    pair = report.transfers.pair_score
    assert (pair.tp, pair.fp, pair.fn) == (1, 1, 1)
    assert report.transfers.kind_accuracy == 1.0
    assert report.transfers.year_accuracy == 1.0
    misses = report.transfer_misses()
    assert [(m["line"], m["amount_cny"]) for m in misses] == [(3, "100000000"), (6, "1500000")]
    assert misses[0]["hint"] == "predicted as the eastern provinces -> the west"
    assert misses[1]["hint"] == ""
    assert report.warnings == []


def test_eval_cli_json_on_synthetic_chapter(chapter_case):
    gold, out = chapter_case
    result = _eval("--gold", str(gold), "--graph", str(out), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["scores"]["transfers"] == {
        "tp": 1, "fp": 2, "fn": 2,
        "precision": round(1 / 3, 6), "recall": round(1 / 3, 6), "f1": round(1 / 3, 6),
    }  # fmt: skip
    assert data["scored_lines"]["last"] == 8
    fps = data["false_positives"]["transfers"]
    assert [(f["line"], f["donor"], f["amount_cny"]) for f in fps] == [
        (3, "the eastern provinces", "100000000"),
        (6, "Suzhou City", "1600000"),
    ]
    assert fps[1]["evidence"] == "Suzhou City donated 1.6 million yuan to Mizhi County."
    assert [f["counts_against_pair"] for f in fps] == [False, True]  # the eastern ... is collective


GOLD_BOTH_PAIRINGS = """donor,recipient,donor_level,recipient_level,scope,line,evidence,note
Jiangsu,Shaanxi,province,province,east-west,5,Jiangsu - Shaanxi Pairing-off,
Suzhou City,Mizhi County,prefecture,county,east-west,6,Suzhou City donated,
Fujian,Ningxia,province,province,east-west,9,Fujian - Ningxia Pairing-off,
"""
GOLD_BOTH_TRANSFERS = """donor,recipient,amount_yuan,kind,purpose,year,granularity,line,evidence,note
Jiangsu Province,Yulin City,86400000,fiscal_aid,,2012,pair,6,86.4 million yuan,
Suzhou City,Mizhi County,1500000,social_donation,,2012,pair,6,1.6 million yuan,
Fujian Province,Ningxia,20000000,fiscal_aid,,2012,pair,10,20 million yuan,
"""


def _gold_folder(folder, pairings, transfers):
    folder.mkdir()
    (folder / "x_pairings.csv").write_text(pairings, encoding="utf-8")
    (folder / "x_transfers.csv").write_text(transfers, encoding="utf-8")
    return folder


def test_eval_scores_each_pairing_section(chapter_case, tmp_path):
    _, out = chapter_case
    gold = _gold_folder(tmp_path / "both", GOLD_BOTH_PAIRINGS, GOLD_BOTH_TRANSFERS)
    report = evaluate(gold, out)
    # the gold's first line (5) is a heading; lines 5 to the end (12) are scored
    assert (report.first_line, report.last_line) == (5, 12)
    jiangsu, fujian = report.sections
    assert (jiangsu.donor, jiangsu.recipient, jiangsu.first_line, jiangsu.last_line) == (
        "Jiangsu", "Shaanxi", 5, 8,
    )  # fmt: skip
    assert (fujian.donor, fujian.recipient, fujian.first_line, fujian.last_line) == (
        "Fujian", "Ningxia", 9, 12,
    )  # fmt: skip
    # Jiangsu: heading pair found, Suzhou -> Mizhi missed; 86.4M matched, 1.6M against 1.5M not
    score = jiangsu.pairings.score
    assert (score.tp, score.fp, score.fn) == (1, 0, 1)
    score = jiangsu.transfers.score
    assert (score.tp, score.fp, score.fn) == (1, 1, 1)
    # Fujian: everything found
    assert (fujian.pairings.score.tp, fujian.pairings.score.fp, fujian.pairings.score.fn) == (
        1,
        0,
        0,
    )
    assert fujian.transfers.pair_score.f1 == 1.0
    # the overall scores are the sums of the sections' here (no overview line is scored)
    assert report.pairings.score.tp == 2 and report.transfers.score.tp == 2


def test_a_section_is_not_charged_with_a_pair_the_gold_states_elsewhere(chapter_case, tmp_path):
    _, out = chapter_case
    # the gold states Fujian -> Ningxia on line 3 (the overview), not in the Fujian section
    pairings = GOLD_BOTH_PAIRINGS.replace(",east-west,9,", ",east-west,3,")
    gold = _gold_folder(tmp_path / "elsewhere", pairings, GOLD_BOTH_TRANSFERS)
    report = evaluate(gold, out)
    fujian = report.sections[-1]
    score = fujian.pairings.score
    assert (score.tp, score.fp, score.fn) == (0, 0, 0)  # left out, neither true nor false
    assert report.pairings.score.tp == 2  # overall it is found


def test_eval_sections_in_json_and_table(chapter_case, tmp_path):
    _, out = chapter_case
    gold = _gold_folder(tmp_path / "fujian", GOLD_BOTH_PAIRINGS.split("\n")[0] + "\n"
                        "Fujian,Ningxia,province,province,east-west,9,Fujian - Ningxia,\n",
                        GOLD_BOTH_TRANSFERS.split("\n")[0] + "\n")  # fmt: skip
    result = _eval("--gold", str(gold), "--graph", str(out), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["scored_lines"]["first"] == 9  # the gold covers the Fujian section only
    (section,) = data["sections"]
    assert section["donor"] == "Fujian" and section["lines"] == {"first": 9, "last": 12}
    assert section["scores"]["pairings"]["f1"] == 1.0
    assert data["scores"]["pairings"]["fp"] == 0  # Jiangsu's heading is not scored
    text = _eval("--gold", str(gold), "--graph", str(out))
    assert text.exit_code == 0
    assert "per section" in text.output and "1.00/1.00/1.00" in text.output


# --- the sample chapter against the dev gold --------------------------------------------


def _gold_rows(name):
    with open(GOLD / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def headings_only_build(tmp_path_factory):
    """The sample built with only the heading extractor, so the counts below stay fixed."""
    out = tmp_path_factory.mktemp("headings") / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(extract, "EXTRACTORS", [pairings_from_headings])
        build(out=out, progress=False)
    return out


def test_dev_gold_copy_has_the_documented_rows():
    assert len(_gold_rows("dev_pairings.csv")) == 75
    assert len(_gold_rows("dev_transfers.csv")) == 101


def test_eval_sample_headings_only(headings_only_build):
    result = _eval("--gold", str(GOLD), "--graph", str(headings_only_build), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # 63 distinct (donor, recipient) strings in dev_pairings.csv; after normalisation 7 merge:
    # Beijing->Inner Mongolia [Autonomous Region], Beijing->Chifeng [City],
    # Tianjin->Gansu [Province], Liaoning->Qinghai [Province], Jiangsu [Province]->Shaanxi,
    # Nantong City->Xianyang City / Xianyang and Nantong->Xianyang (2 merges): 56 pairs.
    raw = {(r["donor"], r["recipient"]) for r in _gold_rows("dev_pairings.csv")}
    assert len(raw) == 63
    # The headings of lines 21, 43, 63, 95, 125 (Beijing, Tianjin, Liaoning, Shanghai,
    # Jiangsu) are in lines 1-146 and all in the gold.
    assert data["scores"]["pairings"] == {
        "tp": 5, "fp": 0, "fn": 51,
        "precision": 1.0, "recall": round(5 / 56, 6), "f1": round(2 * 5 / 56 / (1 + 5 / 56), 6),
    }  # fmt: skip
    gold_transfers = _gold_rows("dev_transfers.csv")
    pair_rows = sum(r["granularity"] == "pair" for r in gold_transfers)
    assert data["scores"]["transfers"]["fn"] == len(gold_transfers) == 101
    assert data["scores"]["transfers_pair"]["fn"] == pair_rows
    assert data["scored_lines"]["first"] == 1 and data["scored_lines"]["last"] == 146
    assert data["kind_accuracy"] is None
    assert data["warnings"] == []
    assert len(data["misses"]["pairings"]) == 51


def test_eval_sample_text_output(headings_only_build):
    result = _eval("--gold", str(GOLD), "--graph", str(headings_only_build))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "pairings (distinct pairs)" in out
    row = next(line for line in out.splitlines() if "pairings (distinct pairs)" in line)
    cells = [cell.strip() for cell in row.split("│")[2:8]]
    assert cells == ["5", "0", "51", "1.000", "0.089", "0.164"]  # 5/56 = 0.0893
    assert "transfers (pair)" in out
    assert "lines 1-146 scored" in out
    assert "Missed pairings (gold pairs not predicted): 51" in out
    assert "line 87: Liaoyang City -> Ping’an County" in out


def test_eval_sample_with_current_extractors_runs(sample_build):
    """Whatever the extractors find, the gold side of the counts is fixed."""
    result = _eval("--gold", str(GOLD), "--graph", str(sample_build), "--json")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)["scores"]
    assert scores["pairings"]["tp"] + scores["pairings"]["fn"] == 56
    assert scores["transfers"]["tp"] + scores["transfers"]["fn"] == 101


# --- errors ---------------------------------------------------------------------------


def _one_line_exit_2(result, *fragments):
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    for fragment in fragments:
        assert fragment in lines[0]


def test_missing_gold_folder(headings_only_build, tmp_path):
    result = _eval("--gold", str(tmp_path / "nope"), "--graph", str(headings_only_build))
    _one_line_exit_2(result, "no such gold folder")


def test_gold_folder_without_gold_files(headings_only_build, tmp_path):
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n")
    result = _eval("--gold", str(tmp_path), "--graph", str(headings_only_build))
    _one_line_exit_2(result, "no gold files here", "*pairings*.csv")


def test_gold_file_missing_a_column(headings_only_build, tmp_path):
    (tmp_path / "my_transfers.csv").write_text("donor,recipient,line\nA,B,3\n")
    result = _eval("--gold", str(tmp_path), "--graph", str(headings_only_build))
    _one_line_exit_2(result, "my_transfers.csv", "missing column(s) amount_yuan")


def test_gold_bad_line_number(headings_only_build, tmp_path):
    (tmp_path / "x_pairings.csv").write_text("donor,recipient,line,evidence\nA,B,three,e\n")
    result = _eval("--gold", str(tmp_path), "--graph", str(headings_only_build))
    _one_line_exit_2(result, "x_pairings.csv", "row 2", "not a positive whole number")


def test_missing_graph(tmp_path):
    result = _eval("--gold", str(GOLD), "--graph", str(tmp_path / "nothing"))
    _one_line_exit_2(result, "no built graph here")


def test_several_documents_need_document(chapter_case, tmp_path):
    gold, _ = chapter_case
    chapter = tmp_path / "chapter.txt"
    chapter.write_text(CHAPTER, encoding="utf-8")
    out = tmp_path / "two"
    build([sample_path(), chapter], out=out, progress=False)
    result = _eval("--gold", str(gold), "--graph", str(out))
    _one_line_exit_2(result, "holds 2 documents", "--document")

    (source,) = [
        p for p in (out / "sources").glob("*.txt") if "Suzhou City donated 1.6" in p.read_text()
    ]
    result = _eval("--gold", str(gold), "--graph", str(out), "--document", source.stem[:10])
    assert result.exit_code == 0, result.output

    result = _eval("--gold", str(gold), "--graph", str(out), "--document", "0000zz")
    _one_line_exit_2(result, "matches no document")


def test_gold_for_another_text_warns(chapter_case, headings_only_build):
    gold, _ = chapter_case
    report = evaluate(gold, headings_only_build)
    assert report.warnings and "not on their line" in report.warnings[0]


def test_eval_help_states_the_rules():
    result = CliRunner().invoke(cli, ["eval", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "line before the next pairing-section heading" in text
    assert "collective" in text and "plural admin word" in text


def test_a_prediction_restating_an_aggregate_amount_is_not_a_pair_false_positive():
    from decimal import Decimal

    from duikou.evaluation.match import match_transfers

    gold = [
        {"donor": "all circles of society", "recipient": "Tibet", "amount": Decimal(5000000),
         "line": 3, "kind": "social_donation", "granularity": "aggregate", "year": "2015"},
        {"donor": "Sanya City", "recipient": "Nang County", "amount": Decimal(100000),
         "line": 4, "kind": "fiscal_aid", "granularity": "pair", "year": "2015"},
    ]  # fmt: skip
    predicted = [
        {"donor": "Hainan", "recipient": "Tibet", "amount": Decimal(5000000), "line": 3,
         "kind": "social_donation", "year": "2015"},
        {"donor": "Sanya City", "recipient": "Nang County", "amount": Decimal(100000), "line": 4,
         "kind": "fiscal_aid", "year": "2015"},
        {"donor": "Haikou City", "recipient": "Bayi County", "amount": Decimal(700000), "line": 4,
         "kind": "fiscal_aid", "year": "2015"},
    ]  # fmt: skip
    result = match_transfers(gold, predicted)
    assert (result.score.tp, result.score.fp, result.score.fn) == (1, 2, 1)
    # the Hainan row restates the aggregate's amount: only Haikou counts against pair precision
    assert (result.pair_score.tp, result.pair_score.fp, result.pair_score.fn) == (1, 1, 0)
    assert result.against_pair == [False, True]
