"""Print an :class:`~duikou.evaluation.EvalReport` as readable text (``duikou eval``)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from duikou.evaluation import COVERAGE_RULE, EvalReport
from duikou.evaluation.match import Score

__all__ = ["print_report"]


def print_report(report: EvalReport, console: Console | None = None) -> None:
    """A score table, then the lines scored, then every miss and false positive."""
    console = console or Console()
    say = _plain(console)
    table = Table(title=f"duikou eval: document {report.document[:12]}")
    table.add_column("facts")
    for name in ("tp", "fp", "fn"):
        table.add_column(name, justify="right")
    for name in ("precision", "recall", "F1"):
        table.add_column(name, justify="right")
    for label, score in (
        ("pairings (distinct pairs)", report.pairings.score),
        ("transfers (all)", report.transfers.score),
        ("transfers (pair)", report.transfers.pair_score),
    ):
        table.add_row(
            label,
            str(score.tp),
            str(score.fp),
            str(score.fn),
            f"{score.precision:.3f}",
            f"{score.recall:.3f}",
            f"{score.f1:.3f}",
        )
    console.print(table)
    if report.sections:
        console.print(_section_table(report))
    matched = len(report.transfers.matches)
    say(
        f"kind accuracy {_share(report.transfers.kind_accuracy)} "
        f"(investment against aid {_share(report.transfers.family_accuracy)}), "
        f"year accuracy {_share(report.transfers.year_accuracy)} "
        f"(over {matched} matched transfer(s))"
    )
    say(
        f"lines {report.first_line}-{report.last_line} scored "
        f"(gold's last line {report.last_gold_line}; {COVERAGE_RULE}); "
        f"gold: {', '.join(report.gold_files)}"
    )
    for warning in report.warnings:
        say(f"warning: {warning}")

    data = report.to_dict()
    misses, extra = data["misses"], data["false_positives"]
    _pairs(say, "Missed pairings (gold pairs not predicted)", misses["pairings"])
    _pairs(say, "False-positive pairings (predicted pairs not in gold)", extra["pairings"])
    _transfers(say, "Missed transfers (gold rows not predicted)", misses["transfers"])
    _transfers(say, "False-positive transfers (predicted, not in gold)", extra["transfers"])


def _section_table(report: EvalReport) -> Table:
    """One row per pairing section: its lines, then P/R/F1 of pairings and of transfers."""
    table = Table(title="per section: P/R/F1 on the section's lines")
    table.add_column("section")
    table.add_column("lines", justify="right")
    for facts in ("pairings", "transfers", "transfers (pair)"):
        table.add_column(facts, justify="right")
    for section in report.sections:
        table.add_row(
            f"{section.donor} – {section.recipient}",
            f"{section.first_line}-{section.last_line}",
            _ratios(section.pairings.score),
            _ratios(section.transfers.score),
            _ratios(section.transfers.pair_score),
        )
    return table


def _ratios(score: Score) -> str:
    """``P/R/F1`` to two places; "-" where there is nothing to score (no gold, no prediction)."""
    if score.tp + score.fp + score.fn == 0:
        return "-"
    return f"{score.precision:.2f}/{score.recall:.2f}/{score.f1:.2f}"


def _plain(console: Console):
    def say(text: str = "") -> None:
        console.print(text, markup=False, highlight=False, emoji=False, soft_wrap=True)

    return say


def _share(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _pairs(say, title: str, items: list[dict]) -> None:
    say()
    say(f"{title}: {len(items)}")
    for item in items:
        where = "lines " if len(item["lines"]) > 1 else "line "
        where += ", ".join(str(n) for n in item["lines"])
        say(f"  {where}: {item['donor']} -> {item['recipient']} | {item['evidence']}")


def _transfers(say, title: str, items: list[dict]) -> None:
    say()
    say(f"{title}: {len(items)}")
    for item in items:
        extra = f" [{item['granularity']}]" if item.get("granularity") else ""
        if item.get("counts_against_pair") is False:
            extra += " [not counted in pair: collective, no recipient, or an aggregate's amount]"
        say(
            f"  line {item['line']}: {item['donor'] or '?'} -> {item['recipient'] or '(none)'} "
            f"{item['amount_cny']} yuan {item['kind']} {item['year']}{extra} | {item['evidence']}"
        )
        if item.get("hint"):
            say(f"    hint: {item['hint']}")
