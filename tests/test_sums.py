"""What the money sums add up: by default disbursed aid, each flow once, read in the sections.

A made-up Hainan – Tibet chapter (no names or amounts from the bundled sample)
states, for 2015, two flows of disbursed aid and, beside them, one of each kind
of figure that the sums must not add by default: a signed trade deal
(committed), an investment, a plan, a pledge (committed aid), a cumulative
total, an "of which" part, an item that the section's own total covers, and
the overview's national figure that restates the section. Every named query
that adds money up, the network of `duikou analyze` and the page of `duikou
viz` must give the two flows by default, and each of the others when its
option brings it in; the part and the covered item never.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from duikou import api
from duikou.page import network_data
from duikou.queries import ParameterError, run
from duikou.queries.network import analyze, pairing_network

from support import CHAPTER_TITLE, build_chapter, invoke, union_dataset

CHAPTER = f"""\
{CHAPTER_TITLE}

    Overview

    In 2015, Hainan Province provided 41.5 million yuan of financial aid to Tibet Autonomous Region.

    Hainan - Tibet Autonomous Region Pairing-off Poverty Alleviation

    【Overview】 In 2015, Hainan Province allocated 41 million yuan of aid funds to Tibet \
Autonomous Region.
    【Roads】 In 2015, Sanya City allocated 7.3 million yuan of aid funds to Nang County.
    【Gifts】 In 2015, Haikou Qiongyuan Trading Co., Ltd donated 3.65 million yuan to Mainling \
County, of which 1.45 million yuan was for schools.
    【Trade】 In 2015, Sanya City signed 11 projects worth 5.3 billion yuan with Nang County. \
In 2015, Sanya enterprises actually invested 260 million yuan in Nang County.
    【Plans】 In 2015, Sanya City planned to invest 1.7 billion yuan in Nang County. \
In 2015, Haikou City pledged 9.6 million yuan of aid funds to Mainling County.
    【Totals】 As of the end of 2015, Sanya City had provided 66 million yuan of aid funds to Nang \
County.
    (Hainan Provincial Office of Cooperation)
"""

M = 1_000_000
SECTION_TOTAL = 41 * M  # fiscal aid, disbursed: Hainan's own total for Tibet
GIFT = Decimal("3.65") * M  # social donation, disbursed
OVERVIEW = Decimal("41.5") * M  # the overview's national figure
DEAL = 5300 * M  # trade, committed
INVESTED = 260 * M  # investment, disbursed
PLAN = 1700 * M  # fiscal aid, planned
PLEDGE = Decimal("9.6") * M  # fiscal aid, committed
CUMULATIVE = 66 * M  # fiscal aid, cumulative
PART = Decimal("1.45") * M  # "of which": never added
COVERED = Decimal("7.3") * M  # inside the section's total: never added

# (parameters, yuan, how many transfers): the default and what each option brings in
SELECTIONS = [
    ({}, SECTION_TOTAL + GIFT, 2),
    ({"scope": "all"}, SECTION_TOTAL + GIFT + OVERVIEW, 3),
    ({"kind": "trade", "status": "committed"}, DEAL, 1),
    ({"kind": "investment"}, INVESTED, 1),
    ({"status": "planned"}, PLAN, 1),
    ({"status": "committed"}, PLEDGE, 1),
    ({"status": "cumulative"}, CUMULATIVE, 1),
    ({"kind": "social_donation"}, GIFT, 1),
    (
        {"kind": "all", "status": "all", "scope": "all"},
        SECTION_TOTAL + GIFT + OVERVIEW + DEAL + INVESTED + PLAN + PLEDGE + CUMULATIVE,
        8,
    ),
]
IDS = ["default"] + ["-".join(f"{k}={v}" for k, v in s.items()) for s, _, _ in SELECTIONS[1:]]


@pytest.fixture(scope="module")
def graph_dir(tmp_path_factory):
    return build_chapter(tmp_path_factory.mktemp("sums") / "made-up-chapter.txt", CHAPTER)


def _totals(rows, yuan="yuan", transfers="transfers") -> tuple[Decimal, int]:
    rows = list(rows)
    return sum((Decimal(r[yuan] or 0) for r in rows), Decimal(0)), sum(
        r[transfers] or 0 for r in rows
    )


def test_the_chapter_states_what_the_tests_expect(graph_dir):
    """Each figure is read as the kind and status the other tests rely on."""
    facts = {
        (r["amount"], r["kind"], r["status"], bool(r["partOf"]), bool(r["coveredBy"]))
        for r in run("export-transfers", graph_dir)
    }
    assert facts == {
        (SECTION_TOTAL, "fiscal_aid", "disbursed", False, False),
        (GIFT, "social_donation", "disbursed", False, False),
        (OVERVIEW, "fiscal_aid", "disbursed", False, False),
        (DEAL, "trade", "committed", False, False),
        (INVESTED, "investment", "disbursed", False, False),
        (PLAN, "fiscal_aid", "planned", False, False),
        (PLEDGE, "fiscal_aid", "committed", False, False),
        (CUMULATIVE, "fiscal_aid", "cumulative", False, False),
        (PART, "social_donation", "disbursed", True, False),
        (COVERED, "fiscal_aid", "disbursed", False, True),
    }
    sections = {
        Decimal(r["yuan"]): r["sectionType"]
        for r in run("network-edges", graph_dir)
        if r["kind"] == "transfer"
    }
    assert sections[OVERVIEW] == "overview" and sections[GIFT] == "pairing"


# --- the named queries ------------------------------------------------------------------


@pytest.mark.parametrize(("params", "yuan", "count"), SELECTIONS, ids=IDS)
@pytest.mark.parametrize("name", ["transfers-by-donor", "transfers-by-recipient", "top-recipients"])
def test_named_sums(name, params, yuan, count, graph_dir):
    assert _totals(run(name, graph_dir, **params)) == (yuan, count)


@pytest.mark.parametrize(("params", "yuan", "count"), SELECTIONS, ids=IDS)
def test_multi_donor_recipients_sums(params, yuan, count, graph_dir):
    rows = run("multi-donor-recipients", graph_dir, min_donors=1, **params)
    assert _totals(r for r in rows if r["level"] == "recipient") == (yuan, count)


@pytest.mark.parametrize(("params", "yuan", "count"), SELECTIONS, ids=IDS)
def test_purposes_add_up_to_the_same_and_show_the_breakdown_beside(params, yuan, count, graph_dir):
    rows = run("transfers-by-purpose", graph_dir, **params)
    assert _totals(rows) == (yuan, count)
    # the covered item (fiscal aid) and the part (a gift) are the finest breakdown
    kind, status = params.get("kind", "aid"), params.get("status", "disbursed")
    pieces = [
        (COVERED, "", "fiscal_aid"),
        (PART, "education", "social_donation"),
    ]
    expected = {
        purpose: (amount, 1)
        for amount, purpose, code in pieces
        if kind in ("all", "aid", code) and status in ("all", "disbursed")
    }
    shown = {r["purpose"]: (r["breakdownYuan"], r["breakdownTransfers"]) for r in rows}
    assert {p: v for p, v in shown.items() if v[1]} == expected


def test_by_kind_each_kind_is_a_row_and_status_brings_in_more(graph_dir):
    def kinds(**params):
        return {
            r["kind"]: (r["yuan"], r["transfers"])
            for r in run("transfers-by-kind", graph_dir, **params)
        }

    assert kinds() == {
        "fiscal_aid": (SECTION_TOTAL, 1),
        "social_donation": (GIFT, 1),
        "investment": (INVESTED, 1),
    }
    assert kinds(status="committed") == {"fiscal_aid": (PLEDGE, 1), "trade": (DEAL, 1)}
    assert kinds(status="all", scope="all") == {
        "fiscal_aid": (SECTION_TOTAL + OVERVIEW + PLAN + PLEDGE + CUMULATIVE, 5),
        "social_donation": (GIFT, 1),
        "investment": (INVESTED, 1),
        "trade": (DEAL, 1),
    }


def test_investment_and_pledges_are_shown_beside_aid(graph_dir):
    donors = {r["donorName"]: r for r in run("transfers-by-donor", graph_dir, year="2015")}
    sanya = donors["Sanya City"]
    assert (sanya["yuan"], sanya["transfers"]) == (0, 0)
    assert (sanya["investmentYuan"], sanya["investmentTransfers"]) == (DEAL + INVESTED, 2)
    assert (sanya["pledgedYuan"], sanya["pledgedTransfers"]) == (PLAN, 1)
    assert (donors["Haikou City"]["pledgedYuan"], donors["Haikou City"]["pledgedTransfers"]) == (
        PLEDGE,
        1,
    )
    recipients = {r["recipientName"]: r for r in run("transfers-by-recipient", graph_dir)}
    tibet = recipients["Tibet Autonomous Region"]
    assert (tibet["yuan"], tibet["transfers"]) == (SECTION_TOTAL, 1)
    assert (tibet["provinceYuan"], tibet["provinceTransfers"]) == (SECTION_TOTAL, 1)
    assert (tibet["investmentYuan"], tibet["investmentTransfers"]) == (DEAL, 1)
    nang = recipients["Nang County"]
    assert (nang["yuan"], nang["investmentYuan"], nang["pledgedYuan"]) == (0, INVESTED, PLAN)
    # the side columns do not move with kind and status
    everything = run("transfers-by-donor", graph_dir, kind="all", status="all")
    assert {r["donorName"]: r["investmentYuan"] for r in everything}[
        "Sanya City"
    ] == DEAL + INVESTED


@pytest.mark.parametrize(("params", "yuan", "count"), SELECTIONS[:4], ids=IDS[:4])
def test_rdflib_adds_up_the_same(params, yuan, count, graph_dir):
    dataset = union_dataset(graph_dir)
    for name in ("transfers-by-donor", "transfers-by-recipient", "transfers-by-purpose"):
        assert run(name, dataset, **params) == run(name, graph_dir, **params)
    assert _totals(run("transfers-by-donor", dataset, **params)) == (yuan, count)


# --- the network (`duikou analyze`) and the page (`duikou viz`) --------------------------


@pytest.mark.parametrize(("params", "yuan", "count"), SELECTIONS, ids=IDS)
def test_network_sums(params, yuan, count, graph_dir):
    summary = analyze(pairing_network(graph_dir, **params))["summary"]
    assert (Decimal(str(summary["yuan"])), summary["yuan_transfers"]) == (yuan, count)
    assert summary["sums"]["kind"] == params.get("kind", "aid")


@pytest.mark.parametrize(("params", "yuan", "count"), SELECTIONS, ids=IDS)
def test_page_sums(params, yuan, count, graph_dir):
    network = network_data(graph_dir, **params)
    assert (Decimal(str(network.yuan)), network.transfers) == (yuan, count)
    assert sum(edge["transfersSummed"] for edge in network.edges) == count
    received = sum((Decimal(str(n["yuanReceived"])) for n in network.nodes), Decimal(0))
    assert received == yuan


def test_the_page_says_what_it_adds_up(graph_dir, tmp_path):
    page = tmp_path / "page.html"
    result = invoke("viz", "--graph", graph_dir, "--output", page)
    assert result.exit_code == 0, result.output
    text = page.read_text(encoding="utf-8")
    assert (
        "Yuan: disbursed aid (fiscal aid and social donations), read in the pairing sections"
        in text
    )
    assert "44.65 million yuan in 2 transfer(s)" in text
    result = invoke(
        "viz", "--graph", graph_dir, "--output", page, "--kind", "all", "--status", "all"
    )
    assert result.exit_code == 0, result.output
    assert "Yuan: transfers of any kind of any status, read in the pairing sections" in (
        page.read_text(encoding="utf-8")
    )


def test_analyze_says_what_it_adds_up(graph_dir):
    result = invoke("analyze", "--graph", graph_dir)
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "yuan figures add up disbursed aid" in text
    assert "44,650,000 yuan in 2 transfer(s)" in text
    more = " ".join(invoke("analyze", "--graph", graph_dir, "--scope", "all").output.split())
    assert "86,150,000 yuan in 3 transfer(s)" in more


@pytest.mark.parametrize(
    "call",
    [
        lambda g: pairing_network(g, kind="gifts"),
        lambda g: network_data(g, status="spent"),
        lambda g: api.query("transfers-by-donor", g, scope="everything"),
    ],
    ids=["network", "page", "query"],
)
def test_unknown_choices_are_refused(call, graph_dir):
    with pytest.raises(ParameterError, match="must be one of"):
        call(graph_dir)
