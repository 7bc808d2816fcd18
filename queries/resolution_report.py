"""How well the places of a built graph resolved to divisions (``duikou link --report``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from duikou.queries.runner import run

__all__ = ["ResolutionReport", "resolution_report", "COUNTED", "NOT_COUNTED"]

COUNTED = ("resolved", "variant", "ambiguous", "unresolved")
"""Statuses in the resolution rate ("variant": a misspelling resolved at lower confidence)."""
NOT_COUNTED = ("below-county", "collective", "not-a-place")
"""Outside the gazetteer (towns, villages, groups) or not places at all (facilities, words)."""
_ORDER = {status: i for i, status in enumerate(COUNTED)}


@dataclass
class ResolutionReport:
    names: dict[str, dict] = field(default_factory=dict)
    """Distinct name as written -> {"status", "codes", "evidence"} (its best status)."""

    def count(self, status: str) -> int:
        return sum(1 for item in self.names.values() if item["status"] == status)

    @property
    def rate(self) -> float:
        """Share of the counted names that resolved (spelling variants included)."""
        counted = sum(self.count(s) for s in COUNTED)
        resolved = self.count("resolved") + self.count("variant")
        return resolved / counted if counted else 0.0

    def unresolved(self) -> list[tuple[str, dict]]:
        """Names counted but not plainly resolved (variants, ambiguous, unresolved)."""
        return sorted(
            (name, item) for name, item in self.names.items() if item["status"] in COUNTED[1:]
        )

    def to_dict(self) -> dict:
        return {
            "rate": round(self.rate, 4),
            "counts": {s: self.count(s) for s in (*COUNTED, *NOT_COUNTED)},
            "names": self.names,
        }


def resolution_report(graph, *, timeout: float | None = None) -> ResolutionReport:
    """One entry per distinct place name of *graph*, with its best resolution."""
    rows = run("place-resolution", graph, timeout=timeout)
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
