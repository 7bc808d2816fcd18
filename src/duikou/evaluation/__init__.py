"""Measure a built graph against hand-made gold annotations (what ``duikou eval`` prints).

Usage, on a folder written by ``duikou build``::

    from duikou.evaluation import evaluate
    report = evaluate("tests/data/gold", "duikou-out")
    report.pairings.score.recall, report.transfers.pair_score.f1
    report.to_dict()  # what `duikou eval --json` prints

The predictions are the rows of :func:`duikou.queries.export.export_rows` — what
users get from ``duikou export`` — mapped to source lines through their
offsets and ``DIR/sources/{sha256}.txt``. Only lines the gold covers are
scored (:data:`~duikou.evaluation.coverage.COVERAGE_RULE`). How names are
compared is in :mod:`duikou.evaluation.normalize`, how facts are matched and
scored in :mod:`duikou.evaluation.match`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from duikou.errors import GraphError, InputError
from duikou.evaluation.coverage import COVERAGE_RULE, line_of, scored_lines
from duikou.evaluation.gold import GoldSet, read_gold
from duikou.evaluation.match import (
    PairingResult,
    TransferResult,
    amounts_agree,
    match_pairings,
    match_transfers,
)
from duikou.evaluation.normalize import names_match
from duikou.graph.output import SOURCES_DIR
from duikou.loaders.segmenter import segment
from duikou.queries.export import export_rows, format_amount

__all__ = ["EvalReport", "SectionReport", "evaluate", "section_reports", "COVERAGE_RULE"]


@dataclass
class SectionReport:
    """The scores of one pairing section: gold rows and predictions on its lines only.

    The lines run from the section's heading to the line before the next
    pairing-section heading (or the end of the text).
    """

    title: str
    donor: str
    recipient: str
    first_line: int
    last_line: int
    pairings: PairingResult
    transfers: TransferResult

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "donor": self.donor,
            "recipient": self.recipient,
            "lines": {"first": self.first_line, "last": self.last_line},
            "scores": {
                "pairings": self.pairings.score.to_dict(),
                "transfers": self.transfers.score.to_dict(),
                "transfers_pair": self.transfers.pair_score.to_dict(),
            },
        }


@dataclass
class EvalReport:
    """Scores, the lines they cover, and the misses and false positives behind them."""

    document: str
    gold_files: list[str]
    first_line: int
    last_line: int
    last_gold_line: int
    pairings: PairingResult
    transfers: TransferResult
    warnings: list[str] = field(default_factory=list)
    sections: list[SectionReport] = field(default_factory=list)
    """One report per pairing section inside the scored lines, in document order."""

    def transfer_misses(self) -> list[dict]:
        """Missed gold transfers, each with a ``hint`` naming a near prediction, if any."""
        predicted = [p for _, p in self.transfers.matches] + self.transfers.false_positives
        out = []
        for gold in self.transfers.misses:
            item = _transfer_item(gold)
            item.update(granularity=gold.get("granularity", ""), gold=_gold_ref(gold))
            near = [
                p
                for p in predicted
                if p["line"] == gold["line"]
                and p["amount"] is not None
                and amounts_agree(p["amount"], gold["amount"])
            ]
            item["hint"] = "; ".join(
                f"predicted as {p['donor'] or '?'} -> {p['recipient'] or '(no recipient)'}"
                for p in near
            )
            out.append(item)
        return out

    def to_dict(self) -> dict:
        """Everything as plain JSON-ready values (what ``duikou eval --json`` prints)."""
        return {
            "document": self.document,
            "gold_files": self.gold_files,
            "scored_lines": {
                "first": self.first_line,
                "last": self.last_line,
                "last_gold_line": self.last_gold_line,
                "rule": COVERAGE_RULE,
            },
            "scores": {
                "pairings": self.pairings.score.to_dict(),
                "transfers": self.transfers.score.to_dict(),
                "transfers_pair": self.transfers.pair_score.to_dict(),
            },
            "kind_accuracy": _round(self.transfers.kind_accuracy),
            "kind_family_accuracy": _round(self.transfers.family_accuracy),
            "year_accuracy": _round(self.transfers.year_accuracy),
            "matched_transfers": len(self.transfers.matches),
            "misses": {
                "pairings": [_pair_item(p) for p in self.pairings.misses],
                "transfers": self.transfer_misses(),
            },
            "false_positives": {
                "pairings": [_pair_item(p) for p in self.pairings.false_positives],
                "transfers": [
                    {**_transfer_item(p), "counts_against_pair": against}
                    for p, against in zip(
                        self.transfers.false_positives, self.transfers.against_pair, strict=True
                    )
                ],
            },
            "sections": [section.to_dict() for section in self.sections],
            "warnings": self.warnings,
        }


def evaluate(
    gold_dir: str | Path, graph_dir: str | Path, document: str | None = None
) -> EvalReport:
    """Score the facts of a built folder against the gold CSVs in *gold_dir*.

    *document* is a SHA-256 prefix choosing the document the gold annotates;
    it is required when the graph holds several documents. Raises
    :class:`~duikou.errors.InputError` for unusable gold or an unknown or
    ambiguous document, :class:`~duikou.errors.GraphError` for a missing graph.
    """
    gold = read_gold(gold_dir)
    sha, text = _document(Path(graph_dir), document)
    first, last = scored_lines(text, gold.last_line, gold.first_line)

    def in_scope(row: dict) -> dict | None:
        source = row["source"]
        doc, _, span = source.partition(":")
        if doc != sha or not span:
            return None
        line = line_of(text, int(span.split("-")[0]))
        return {**row, "line": line} if first <= line <= last else None

    predicted_pairings = [r for r in map(in_scope, export_rows("pairings", graph_dir)) if r]
    flows = [stated for row in export_rows("transfers", graph_dir) for stated in _statements(row)]
    predicted_transfers = [r for r in map(in_scope, flows) if r]
    for row in predicted_transfers:
        row["amount"] = Decimal(row["amount_cny"]) if row["amount_cny"] else None

    return EvalReport(
        document=sha,
        gold_files=gold.files,
        first_line=first,
        last_line=last,
        last_gold_line=gold.last_line,
        pairings=match_pairings(gold.pairings, predicted_pairings),
        transfers=match_transfers(gold.transfers, predicted_transfers),
        warnings=_check_gold(gold, text, sha),
        sections=section_reports(
            text, gold, predicted_pairings, predicted_transfers, first=first, last=last
        ),
    )


def _statements(row: dict) -> list[dict]:
    """A flow once per sentence that states it: the gold has a row for each statement
    ("same as line 99"), and one fact restated on two lines may match both."""
    again = [source for source in row.get("restated_in", "").split(";") if source]
    return [row, *({**row, "source": source} for source in again)]


def section_reports(
    text: str,
    gold: GoldSet,
    predicted_pairings: list[dict],
    predicted_transfers: list[dict],
    *,
    first: int = 1,
    last: int | None = None,
) -> list[SectionReport]:
    """Pairings and transfers scored section by section, for every pairing section of *text*
    (as :func:`~duikou.loaders.segmenter.segment` cuts it) inside lines *first*–*last*.

    Gold rows and predictions (each with a ``line``) count in the section holding their line.
    The gold need not repeat a pair on every line that states it, so a predicted pair that
    the section's gold lacks but the gold states on another line is left out of the
    section's pairings (neither true nor false).
    """
    total = text.count("\n") + 1
    last = total if last is None else last
    sections = [s for s in segment(text).sections if s.kind == "pairing" and s.heading]
    starts = [line_of(text, s.heading.start) for s in sections]
    reports = []
    for index, section in enumerate(sections):
        begin = starts[index]
        end = starts[index + 1] - 1 if index + 1 < len(starts) else total
        if end < first or begin > last:
            continue

        def inside(rows: list[dict], begin=begin, end=end) -> list[dict]:
            return [r for r in rows if begin <= r["line"] <= end]

        reports.append(
            SectionReport(
                title=section.title,
                donor=section.donor or "",
                recipient=section.recipient or "",
                first_line=begin,
                last_line=end,
                pairings=match_pairings(
                    inside(gold.pairings),
                    _not_stated_elsewhere(inside(predicted_pairings), gold.pairings, begin, end),
                ),
                transfers=match_transfers(inside(gold.transfers), inside(predicted_transfers)),
            )
        )
    return reports


def _not_stated_elsewhere(rows: list[dict], gold: list[dict], begin: int, end: int) -> list[dict]:
    """*rows* less those whose pair the gold states only outside lines *begin*–*end*."""
    here = [g for g in gold if begin <= g["line"] <= end]
    there = [g for g in gold if not begin <= g["line"] <= end]

    def stated(row: dict, rows: list[dict]) -> bool:
        return any(
            names_match(g["donor"], row["donor"]) and names_match(g["recipient"], row["recipient"])
            for g in rows
        )

    return [r for r in rows if stated(r, here) or not stated(r, there)]


def _document(graph_dir: Path, prefix: str | None) -> tuple[str, str]:
    """The SHA-256 and text of the document to score."""
    if not (graph_dir / "store").is_dir():
        raise GraphError(
            f"{graph_dir}: no built graph here (missing store/); "
            f"run `duikou build --out {graph_dir}` first"
        )
    sources = graph_dir / SOURCES_DIR
    shas = sorted(p.stem for p in sources.glob("*.txt"))
    if not shas:
        raise GraphError(f"{graph_dir}: no source texts in {SOURCES_DIR}/; rebuild the graph")
    if prefix is not None:
        chosen = [s for s in shas if s.startswith(prefix.lower())]
        if len(chosen) != 1:
            problem = "matches no document" if not chosen else "matches several documents"
            raise InputError(
                prefix, f"{problem} of {graph_dir}; known: {', '.join(s[:12] for s in shas)}"
            )
        shas = chosen
    elif len(shas) > 1:
        raise InputError(
            graph_dir,
            f"holds {len(shas)} documents; choose the one the gold annotates with "
            f"--document SHA_PREFIX (known: {', '.join(s[:12] for s in shas)})",
        )
    sha = shas[0]
    return sha, (sources / f"{sha}.txt").read_bytes().decode("utf-8")


def _check_gold(gold: GoldSet, text: str, sha: str) -> list[str]:
    """Warnings when the gold does not seem to annotate this text."""
    lines = text.split("\n")
    warnings = []
    if gold.last_line > len(lines):
        warnings.append(
            f"the gold points at line {gold.last_line} but document {sha[:12]} has "
            f"{len(lines)} lines: is the gold for another text?"
        )
    rows = gold.pairings + gold.transfers
    off = [
        r
        for r in rows
        if r.get("evidence")
        and (r["line"] > len(lines) or r["evidence"] not in lines[r["line"] - 1])
    ]
    if off:
        first = off[0]
        warnings.append(
            f"{len(off)} of {len(rows)} gold rows have evidence that is not on their line of "
            f"document {sha[:12]} (first: {first['file']} row {first['row']}, line {first['line']})"
        )
    return warnings


def _gold_ref(row: dict) -> str:
    return f"{row.get('file', '')}:{row.get('row', '')}"


def _pair_item(pair: dict) -> dict:
    return {
        "line": pair["line"],
        "lines": pair["lines"],
        "donor": pair["donor"],
        "recipient": pair["recipient"],
        "evidence": pair["evidence"],
    }


def _transfer_item(row: dict) -> dict:
    item = {
        "line": row["line"],
        "donor": row.get("donor", ""),
        "recipient": row.get("recipient", ""),
        "amount_cny": format_amount(row["amount"]),
        "kind": row.get("kind", ""),
        "year": row.get("year", ""),
        "evidence": row.get("evidence", ""),
    }
    if row.get("source"):
        item["source"] = row["source"]
    return item


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 6)
