"""`duikou summary`, the end of `make demo`: at most 40 lines of 80 characters, its figures
those of the named queries and of `duikou reconcile` (the bundled chapter's build)."""

from decimal import Decimal

from duikou import api

from support import invoke


def test_the_summary_fits_a_screen_and_says_what_it_counts(sample_build):
    result = invoke("summary", "--graph", str(sample_build), env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert 10 <= len(lines) <= 40
    assert max(map(len, lines)) <= 80
    text = result.stdout
    for needle in ("Pairings:", "Aid in 2012:", "Top recipients of 2012 aid:",
                   "several donors", "The text's totals against the facts:", "Next:"):  # fmt: skip
        assert needle in text


def test_the_summary_s_aid_is_the_default_sum_of_the_queries(sample_build):
    _, rows = api.query("transfers-by-kind", sample_build, year="2012")
    aid = sum(
        Decimal(str(r["yuan"])) for r in rows if r["kind"] in ("fiscal_aid", "social_donation")
    )
    line = next(x for x in api.summary(sample_build) if x.startswith("Aid in 2012:"))
    assert f"{aid / 10**9:,.2f} bn yuan" in line
    assert Decimal("0.3") * 10**9 <= aid <= Decimal("1.5") * 10**9


def test_a_year_can_be_chosen_and_a_missing_graph_is_one_line(sample_build, tmp_path):
    lines = api.summary(sample_build, year="2011")
    assert any(x.startswith("Aid in 2011:") for x in lines)
    result = invoke("summary", "--graph", str(tmp_path / "none"))
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1
