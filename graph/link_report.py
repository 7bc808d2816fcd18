"""How well the places of a built graph resolved to divisions (``duikou link --report``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from duikou.graph.store import open_store, select
from duikou.queries import query_text

__all__ = ["ResolutionReport", "resolution_report", "COUNTED"]

COUNTED = ("resolved", "ambiguous", "unresolved")
"""Statuses in the resolution rate; "below-county" and "collective" are outside the gazetteer."""
_ORDER = {status: i for i, status in enumerate(("resolved", "ambiguous", "unresolved"))}


@dataclass
class ResolutionReport:
    names: dict[str, dict] = field(default_factory=dict)
    """Distinct name as written -> {"status", "codes", "evidence"} (its best status)."""

    def count(self, status: str) -> int:
        return sum(1 for item in self.names.values() if item["status"] == status)

    @property
    def rate(self) -> float:
        counted = sum(self.count(s) for s in COUNTED)
        return self.count("resolved") / counted if counted else 0.0

    def unresolved(self) -> list[tuple[str, dict]]:
        """Names counted but not resolved, with their evidence."""
        return sorted(
            (name, item) for name, item in self.names.items() if item["status"] in COUNTED[1:]
        )

    def to_dict(self) -> dict:
        return {
            "rate": round(self.rate, 4),
            "counts": {s: self.count(s) for s in (*COUNTED, "below-county", "collective")},
            "names": self.names,
        }


def resolution_report(graph_dir: str | Path) -> ResolutionReport:
    """One entry per distinct place name of the graph, with its best resolution."""
    rows = select(open_store(graph_dir), query_text("place-resolution"))
    report = ResolutionReport()
    for row in rows:
        name, status = row["name"], row["status"]
        item = report.names.setdefault(name, {"status": status, "codes": [], "evidence": ""})
        if _ORDER.get(status, 9) < _ORDER.get(item["status"], 9):
            item["status"] = status
        if row.get("code") and row["code"] not in item["codes"]:
            item["codes"].append(row["code"])
        if row.get("evidence") and not item["evidence"]:
            item["evidence"] = row["evidence"]
    return report
