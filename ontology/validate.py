"""Check a graph against the SHACL shapes (the contract of the graph).

pySHACL gets the ontology as ``ont_graph`` so the subclass axioms are there
when shapes target a class, and results come back as plain dicts that the CLI
prints one per line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyshacl
from rdflib import Graph
from rdflib.namespace import SH

from duikou.ontology import ontology_graph, shapes_graph
from duikou.ontology.namespace import compact

__all__ = ["ValidationResult", "validate_graph"]


@dataclass
class ValidationResult:
    conforms: bool
    violations: list[dict[str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        """One readable line per violation: severity, focus node, path, message."""
        return [
            f"{v['severity']}: {v['focus']} {v['path']}: {v['message']}".replace("  ", " ")
            for v in self.violations
        ]


def validate_graph(data: Graph) -> ValidationResult:
    """Validate *data* with ``ontology/shapes.ttl``; never raises on a non-conforming graph."""
    conforms, report, _ = pyshacl.validate(
        data,
        shacl_graph=shapes_graph(),
        ont_graph=ontology_graph(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    violations = []
    for result in report.subjects(SH.resultSeverity, None):
        severity = report.value(result, SH.resultSeverity)
        violations.append(
            {
                "severity": severity.split("#")[-1] if severity else "Violation",
                "focus": _short(report.value(result, SH.focusNode)),
                "path": _short(report.value(result, SH.resultPath)),
                "message": str(report.value(result, SH.resultMessage) or ""),
            }
        )
    violations.sort(key=lambda v: (v["focus"], v["path"], v["message"]))
    return ValidationResult(conforms=bool(conforms), violations=violations)


def _short(term) -> str:
    return "" if term is None else compact(str(term))
