"""Set the totals the text states against the facts that should make them up.

A yearbook states its money several ways at once: a national total with its
parts by sector, per-province figures in the overview ("Tibet and Xinjiang
received …, respectively 120 million yuan (from Hainan) …"), a
section's own total and then its items, "of which" breakdowns. Each is a
*claim* that other facts can check. :func:`reconcile` reads the facts once
(the named query ``reconcile``) and makes four sorts of claim:

* ``parts``: a whole and its "of which" parts (``dcterms:isPartOf``);
* ``section``: a pairing section's own total and the items it covers
  (``dk:coveredBy``, see :mod:`duikou.loaders.flows`);
* ``overview``: a figure the overview gives for a donor (or a list of donors)
  and a recipient (or restates from a section: one flow is one fact, read in its
  section), against what the pairing sections of those donors and that
  recipient give: each section's disbursed flows of that kind and year that are
  neither parts nor covered items (so a section's total stands for its items);
* ``national``: an overview figure of a group of places ("the eastern provinces
  and municipalities"), against what all pairing sections give.

Each claim gets the amount stated, the amount found, their difference (found
minus stated), how many facts were found, a verdict — ``agrees`` (within 1 %,
the rounding of "255 million"), ``parts missing`` (less found than stated) or
``conflict`` (more found than stated) — and the evidence of both sides. A
verdict shows an extraction error and an inconsistency of the source alike;
the evidence tells which.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from duikou.queries.runner import run

__all__ = ["Claim", "reconcile", "CLAIM_COLUMNS", "VERDICTS", "TOLERANCE"]

VERDICTS = ("agrees", "parts missing", "conflict")
TOLERANCE = Decimal("0.01")
"""A found amount within 1 % of the stated one agrees: the text rounds ("255 million")."""
CLAIM_COLUMNS = (
    "claim", "type", "kind", "period", "stated", "found", "difference", "facts", "verdict",
    "evidence", "found_in",
)  # fmt: skip
"""Columns of a claim as a row (CSV and table): ``evidence`` is the claim's own source,
``found_in`` the sources of the facts found, joined with ";"."""

_AID = ("fiscal_aid", "social_donation")
_MEMBERS = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


@dataclass
class Claim:
    """A stated total, what the facts give, and the verdict."""

    claim: str
    type: str
    kind: str
    period: str
    stated: Decimal
    found: Decimal
    facts: int
    evidence: dict
    found_in: list[dict] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The claim in a few words, for tables: "Hainan → Tibet, fiscal aid 2015"."""
        donor, recipient = (_short(self.evidence[side]) for side in ("donor", "recipient"))
        return f"{donor} → {recipient}, {self.kind.replace('_', ' ')} {self.period}".strip()

    @property
    def difference(self) -> Decimal:
        return self.found - self.stated

    @property
    def verdict(self) -> str:
        if abs(self.difference) <= self.stated * TOLERANCE:
            return "agrees"
        return "parts missing" if self.difference < 0 else "conflict"

    def to_dict(self) -> dict:
        """The claim as JSON: amounts as plain numbers in yuan, evidence with quotes."""
        return {
            "claim": self.claim,
            "type": self.type,
            "kind": self.kind,
            "period": self.period,
            "stated": _number(self.stated),
            "found": _number(self.found),
            "difference": _number(self.difference),
            "facts": self.facts,
            "verdict": self.verdict,
            "evidence": {"stated": self.evidence, "found": self.found_in},
        }

    def to_row(self) -> dict[str, str]:
        """The claim as a flat row of strings (CSV, table): the evidence as sources."""
        row = {k: str(v) for k, v in self.to_dict().items() if k != "evidence"}
        row["evidence"] = self.evidence["source"]
        row["found_in"] = ";".join(f["source"] for f in self.found_in)
        return row


def reconcile(graph, *, timeout: float | None = None) -> list[Claim]:
    """Every claim the facts of *graph* (a built folder, a store or an rdflib graph) allow.

    In reading order of the claims' sentences; ``overview`` and ``national`` claims
    only where some pairing section gives facts to check them against.
    """
    facts = [_fact(row) for row in run("reconcile", graph, timeout=timeout)]
    facts = [f for f in facts if f["amount"] is not None]
    by_iri = {f["iri"]: f for f in facts}
    parts: dict[str, list[dict]] = defaultdict(list)
    items: dict[str, list[dict]] = defaultdict(list)
    for fact in facts:
        if fact["part_of"] in by_iri:
            parts[fact["part_of"]].append(fact)
        if fact["covered_by"] in by_iri:
            items[fact["covered_by"]].append(fact)
    in_section: dict[str, list[dict]] = defaultdict(list)  # pairing section -> its facts
    sections: dict[str, dict[str, dict]] = defaultdict(dict)  # document -> section -> a fact
    for fact in facts:
        if fact["section_kind"] == "pairing":
            in_section[fact["section"]].append(fact)
            sections[_document(fact)].setdefault(fact["section"], fact)
    claims: list[Claim] = []
    for fact in facts:
        if fact["iri"] in parts:
            claims.append(_claim(fact, "parts", parts[fact["iri"]], 'its "of which" parts'))
        if fact["iri"] in items:
            claims.append(_claim(fact, "section", items[fact["iri"]], "the section's items"))
        summed_up = fact["overview_source"] and fact["section_kind"] == "pairing"
        if (fact["section_kind"] == "overview" or summed_up) and _checkable(fact):
            if summed_up:  # the overview restates a section's figure: its claim, its words
                fact = fact | {"source": fact["overview_source"], "quote": fact["overview_quote"]}
            checked = _sections_for(fact, sections[_document(fact)])
            if checked:
                found = [f for c in checked for f in in_section[c] if _adds_to(f, fact)]
                national = not fact["donor_code"] and fact["donor"].lower().startswith("the ")
                what = "what all pairing sections give" if national else "what its sections give"
                claims.append(_claim(fact, "national" if national else "overview", found, what))
    return sorted(claims, key=_place_in_text)


def _place_in_text(claim: Claim) -> tuple[str, int]:
    """Claims in the order their sentences come in the text (an overview's first)."""
    sha, _, span = claim.evidence["source"].partition(":")
    return (sha, int(span.split("-")[0]) if span else 0)


def _claim(fact: dict, kind: str, found: list[dict], against: str) -> Claim:
    text = (
        f"{fact['donor'] or '?'} → {fact['recipient'] or '?'}, {_words(fact['amount'])} "
        f"of {fact['kind'].replace('_', ' ')} in {fact['period'] or 'no stated year'}, "
        f"against {against}"
    )
    return Claim(
        claim=text,
        type=kind,
        kind=fact["kind"],
        period=fact["period"],
        stated=fact["amount"],
        found=sum((f["amount"] for f in found), Decimal(0)),
        facts=len(found),
        evidence=_evidence(fact),
        found_in=[_evidence(f) for f in found],
    )


def _checkable(fact: dict) -> bool:
    """An overview figure of aid that moved in one year, not a part of another figure."""
    return (
        fact["kind"] in _AID
        and fact["status"] == "disbursed"
        and not fact["part_of"]
        and bool(fact["year"])
    )


def _document(fact: dict) -> str:
    """The document a fact was read in (the SHA-256 of its source)."""
    return fact["source"].partition(":")[0]


def _sections_for(claim: dict, pairing: dict[str, dict]) -> list[str]:
    """Of the pairing sections of the claim's document (*pairing*: section -> one of its
    facts), those whose donor is the claim's donor (or one of a list of donors) and whose
    recipient lies in the claim's recipient; all of them for a group of places ("the
    eastern provinces …"). Another document, another edition: never mixed in."""
    if not claim["donor_code"] and claim["donor"].lower().startswith("the "):
        return list(pairing)
    members = [m for m in _MEMBERS.split(claim["donor"]) if m]
    found = []
    for section, any_fact in pairing.items():
        donor_fits = any(_same(m, any_fact["section_donor"]) for m in members) or (
            claim["donor_code"] and claim["donor_code"] == any_fact["section_donor_code"]
        )
        if donor_fits and _within(claim, any_fact):
            found.append(section)
    return found


def _within(claim: dict, section_fact: dict) -> bool:
    """Whether the section's recipient is the claim's recipient or lies inside it."""
    code, inner = claim["recipient_code"], section_fact["section_recipient_code"]
    if code and inner:
        prefix = code.rstrip("0")
        prefix = prefix + "0" * (len(prefix) % 2)  # "520000" -> "52", "152200" -> "1522"
        return inner.startswith(prefix)
    return _same(claim["recipient"], section_fact["section_recipient"])


def _adds_to(fact: dict, claim: dict) -> bool:
    """Whether a section fact adds to what its section gives towards *claim*."""
    return (
        fact["section_kind"] == "pairing"
        and fact["kind"] == claim["kind"]
        and fact["status"] == "disbursed"
        and fact["year"] == claim["year"]
        and not fact["part_of"]
        and not fact["covered_by"]
    )


def _same(a: str, b: str) -> bool:
    a, b = _bare(a), _bare(b)
    return bool(a) and (a == b or a.startswith(b + " ") or b.startswith(a + " "))


_ADMIN = re.compile(
    r"\s+(?:city|province|municipality|autonomous region|autonomous prefecture|prefecture|"
    r"county|district|league)$",
    re.I,
)


def _bare(name: str | None) -> str:
    return _ADMIN.sub("", (name or "").strip()).lower()


def _fact(row: dict) -> dict:
    year = row.get("year") or ""
    first, last = row.get("startYear"), row.get("endYear")
    period = year or (f"{first}-{last}" if first and last else "")
    source = ""
    if row.get("sha256") is not None and row.get("start") is not None:
        source = f"{row['sha256']}:{row['start']}-{row['end']}"
    amount = row.get("amount")
    fact = {key: row.get(column) or "" for key, column in _COLUMNS.items()}
    return fact | {
        "iri": row["transfer"],
        "amount": Decimal(str(amount)) if amount is not None else None,
        "year": year,
        "period": period,
        "source": source,
    }


_COLUMNS = {
    "kind": "kind", "status": "status", "donor": "donor", "donor_code": "donorCode",
    "recipient": "recipient", "recipient_code": "recipientCode", "section": "section",
    "section_kind": "sectionKind", "section_donor": "sectionDonor",
    "section_donor_code": "sectionDonorCode", "section_recipient": "sectionRecipient",
    "section_recipient_code": "sectionRecipientCode", "part_of": "partOf",
    "covered_by": "coveredBy", "quote": "evidence", "overview_quote": "overviewEvidence",
    "overview_source": "overviewSource",
}  # fmt: skip
"""A fact's key -> the column of the ``reconcile`` query it is read from (text, "" if unbound)."""


def _evidence(fact: dict) -> dict:
    return {
        "source": fact["source"],
        "amount": _number(fact["amount"]),
        "donor": fact["donor"],
        "recipient": fact["recipient"],
        "quote": fact["quote"],
    }


def _short(name: str, size: int = 22) -> str:
    """A party's name cut to *size* characters at a word ("the eastern provinces…")."""
    if not name:
        return "?"
    if len(name) <= size:
        return name
    return name[:size].rsplit(" ", 1)[0].rstrip(",") + "…"


def _number(value: Decimal) -> str:
    """A plain decimal number of yuan: no exponent, no trailing zeros."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def _words(value: Decimal) -> str:
    """``120.5 million yuan``, ``1.5 billion yuan``, ``500,000 yuan``."""
    if value >= 10**9:
        return f"{_number(value / 10**9)} billion yuan"
    if value >= 10**6:
        return f"{_number(value / 10**6)} million yuan"
    return f"{int(value):,} yuan"
