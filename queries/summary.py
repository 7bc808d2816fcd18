"""The story of a built graph in a screenful: what `make demo` ends with.

At most 40 lines of at most 80 characters: the pairings found, the year's aid
and what is counted apart from it, the top recipients of that aid, the
recipients with several donors, how the text's own totals reconcile with the
facts, where the page and the graph are, and the commands to try next. Every
figure comes from a named query or from :mod:`duikou.queries.reconcile`, with
their defaults (disbursed aid read in the pairing sections, no parts or
covered items), so the summary says nothing the queries would not.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from duikou.queries.export import export_rows
from duikou.queries.reconcile import VERDICTS, reconcile
from duikou.queries.runner import run

__all__ = ["summary_lines", "WIDTH", "MAX_LINES"]

WIDTH = 80
MAX_LINES = 40
_AID = ("fiscal_aid", "social_donation")


def summary_lines(graph, *, year: str | None = None, timeout: float | None = None) -> list[str]:
    """The summary of *graph* (a built folder, a store or an endpoint) as lines of text.

    *year* is the year whose aid is told ("2012"); by default the single year with
    the most flows of disbursed aid.
    """
    by_kind = run("transfers-by-kind", graph, timeout=timeout)
    year = year or _busiest_year(by_kind)
    lines: list[str] = []
    lines += _pairings(graph, timeout)
    lines += _money(graph, year, timeout)
    lines += _top(graph, year, timeout)
    lines += _several(graph, timeout)
    lines += _reconciled(graph, year, timeout)
    lines += _where(graph)
    lines += [
        "Next: duikou query list · duikou reconcile --format json ·",
        "      duikou export transfers --output transfers.csv · duikou serve",
    ]
    return [line[:WIDTH] for line in lines][:MAX_LINES]


def _busiest_year(rows: list[dict]) -> str:
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        period = row.get("period") or ""
        if row.get("kind") in _AID and len(period) == 4:
            counts[period] += int(row.get("transfers") or 0)
    return max(counts, key=lambda y: (counts[y], y)) if counts else ""


def _pairings(graph, timeout) -> list[str]:
    rows = export_rows("pairings", graph, timeout=timeout)
    pairs = {(r["donor"].lower(), r["recipient"].lower()) for r in rows}
    headings = sum(1 for r in rows if _is_heading(r))
    return [
        f"Pairings: {len(rows)} statements of {len(pairs)} donor → recipient pairs "
        f"({headings} section headings)."
    ]


def _money(graph, year: str, timeout) -> list[str]:
    aid = run("transfers-by-kind", graph, timeout=timeout, year=year)
    every = run("transfers-by-kind", graph, timeout=timeout, year=year, status="all")
    total = sum((_yuan(r) for r in aid if r.get("kind") in _AID), Decimal(0))
    flows = sum(int(r.get("transfers") or 0) for r in aid if r.get("kind") in _AID)
    invested = sum((_yuan(r) for r in aid if r.get("kind") == "investment"), Decimal(0))
    deals = sum((_yuan(r) for r in every if r.get("kind") == "trade"), Decimal(0))
    return [
        f"Aid in {year}: {_money_words(total)} in {flows} flows (fiscal aid and donations that",
        "  moved that year, read in the pairing sections; no part counted twice).",
        f"  Counted apart: {_money_words(invested)} invested by enterprises,",
        f"  {_money_words(deals)} of deals signed (any status).",
    ]


def _top(graph, year: str, timeout) -> list[str]:
    rows = run("top-recipients", graph, timeout=timeout, year=year, limit=5)
    lines = [f"Top recipients of {year} aid:"]
    for row in rows[:5]:
        name = str(row.get("recipientName") or row.get("recipient") or "?")
        lines.append(
            f"  {row.get('rank')}. {name[:34]:<34} {_money_words(_yuan(row)):>16}"
            f"  {row.get('transfers')} flow(s), {row.get('donors')} donor(s)"
        )
    return lines


def _several(graph, timeout) -> list[str]:
    """Provinces that several pairing sections' donors support ("Guizhou: Dalian, Ningbo,
    Qingdao, Shenzhen"), from the multi-donor query, its donors kept to the sections'."""
    headings = [
        r["donor"] for r in export_rows("pairings", graph, timeout=timeout) if _is_heading(r)
    ]
    rows = run("multi-donor-recipients", graph, timeout=timeout)
    donors: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        name = str(row.get("donorName") or "")
        heading = next((h for h in headings if _same(name, h)), None)
        province = str(row.get("recipientName"))
        if row.get("level") == "province" and heading and heading not in donors[province]:
            donors[province].append(heading)
    several = sorted(
        ((p, d) for p, d in donors.items() if len(d) > 1), key=lambda i: (-len(i[1]), i[0])
    )
    if not several:
        return ["No province has several donors among the pairing sections."]
    lines = ["Provinces with several donors (as the pairing sections pair them):"]
    for province, names in several[:4]:
        text = f"{province}: {', '.join(names)}"
        lines += textwrap.wrap(text, WIDTH - 4, initial_indent="  ", subsequent_indent="    ")[:2]
    return lines


def _is_heading(row: dict) -> bool:
    return row["evidence"].rstrip().endswith("Poverty Alleviation") and len(row["evidence"]) < 120


def _same(name: str, heading: str) -> bool:
    """ "Ningbo City" is the heading's "Ningbo"."""
    name, heading = name.lower(), heading.lower()
    return name == heading or name.startswith(heading + " ")


def _reconciled(graph, year: str, timeout) -> list[str]:
    claims = reconcile(graph, timeout=timeout)
    counts = ", ".join(f"{sum(c.verdict == v for c in claims)} {v}" for v in VERDICTS)
    lines = [f"The text's totals against the facts: {counts}."]
    shown = [c for c in claims if c.type in ("national", "overview") and c.period == year]
    lines.append(f"  {'claim (million yuan)':<38} {'stated':>8}   {'found':>8}  verdict")
    for claim in shown[:6]:
        stated, found = (f"{value / 10**6:,.1f}" for value in (claim.stated, claim.found))
        donor, recipient = (_cut(claim.evidence[side], 15) for side in ("donor", "recipient"))
        what = f"{donor} → {recipient}, {_KIND_WORDS.get(claim.kind, claim.kind)}"
        lines.append(f"  {what[:38]:<38} {stated:>8} → {found:>8}  {claim.verdict}")
    return lines


_KIND_WORDS = {"fiscal_aid": "aid", "social_donation": "donations"}


def _cut(name: str, size: int) -> str:
    """*name* cut to *size* characters at a word ("the eastern…")."""
    if len(name) <= size:
        return name or "?"
    return name[:size].rsplit(" ", 1)[0].rstrip(",") + "…"


def _where(graph) -> list[str]:
    if not isinstance(graph, (str, Path)) or str(graph).startswith(("http://", "https://")):
        return []
    folder = Path(graph)
    page = folder / "pairings.html"
    lines = [f"Graph: {folder}/store/ (Oxigraph; as a file: duikou export rdf)"]
    if page.exists():
        lines.append(f"Page: {page} (a browser opens it offline)")
    return lines


def _yuan(row: dict) -> Decimal:
    value = row.get("yuan")
    return Decimal(str(value)) if value not in (None, "") else Decimal(0)


def _money_words(value: Decimal) -> str:
    """``1.30 bn yuan``, ``257.0 M yuan``, ``500,000 yuan``."""
    if abs(value) >= 10**9:
        return f"{value / 10**9:,.2f} bn yuan"
    if abs(value) >= 10**6:
        return f"{value / 10**6:,.1f} M yuan"
    return f"{value:,.0f} yuan"
