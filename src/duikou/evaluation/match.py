"""Match predicted facts to gold rows and score them: pure functions over plain dicts.

Pairings are compared as distinct (donor, recipient) pairs of normalised
names, whatever line states them. A transfer matches a gold row when it is on
the same source line, its amount is within 0.5 % of the gold amount, and its
donor and recipient names match (:func:`~duikou.evaluation.normalize.names_match`);
a predicted transfer without a recipient matches no row. Matching is
one-to-one and greedy: the best candidates are taken first.

Precision, recall and F1 are 0 when their denominator is 0.

>>> s = Score(tp=3, fp=1, fn=2)
>>> (s.precision, s.recall, round(s.f1, 4))
(0.75, 0.6, 0.6667)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from duikou.evaluation.normalize import is_collective, names_match, normalize_name

__all__ = [
    "AMOUNT_TOLERANCE",
    "PairingResult",
    "Score",
    "TransferResult",
    "amounts_agree",
    "distinct_pairs",
    "is_pair_like",
    "about_aggregate",
    "counts_against_pair",
    "match_pairings",
    "match_transfers",
    "same_year",
]

AMOUNT_TOLERANCE = Decimal("0.005")
"""Largest relative difference (to the gold amount) at which two amounts agree."""


@dataclass(frozen=True)
class Score:
    """Counts of true positives, false positives and false negatives, and their ratios."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 6),
            "recall": round(self.recall, 6),
            "f1": round(self.f1, 6),
        }


@dataclass
class PairingResult:
    """Distinct pairs on each side, which matched, which were missed and which were extra."""

    score: Score
    gold_pairs: list[dict]
    predicted_pairs: list[dict]
    matches: list[tuple[dict, dict]] = field(default_factory=list)
    misses: list[dict] = field(default_factory=list)
    false_positives: list[dict] = field(default_factory=list)


@dataclass
class TransferResult:
    """Scores over all gold transfers and over those of granularity ``pair``."""

    score: Score
    pair_score: Score
    matches: list[tuple[dict, dict]] = field(default_factory=list)
    misses: list[dict] = field(default_factory=list)
    false_positives: list[dict] = field(default_factory=list)
    against_pair: list[bool] = field(default_factory=list)
    """For each false positive: does it count against pair precision?"""

    @property
    def kind_accuracy(self) -> float | None:
        """Share of matched transfers whose kind is the gold kind (None if none matched);
        a predicted "trade" (a signed deal's value) is the gold's "investment"."""
        if not self.matches:
            return None
        return sum(same_kind(g, p) for g, p in self.matches) / len(self.matches)

    @property
    def family_accuracy(self) -> float | None:
        """Share of matched transfers on the right side of investment against aid: the
        gold's and the prediction's kinds both aid (fiscal aid, social donation, loan
        subsidy), both investment (investment, trade), or both other."""
        if not self.matches:
            return None
        same = sum(
            kind_family(g.get("kind", "")) == kind_family(p.get("kind", ""))
            for g, p in self.matches
        )
        return same / len(self.matches)

    @property
    def year_accuracy(self) -> float | None:
        """Share of matched transfers whose year (or range) equals the gold year."""
        if not self.matches:
            return None
        same = sum(same_year(g.get("year", ""), p.get("year", "")) for g, p in self.matches)
        return same / len(self.matches)


def distinct_pairs(rows: list[dict]) -> list[dict]:
    """One entry per distinct (normalised donor, normalised recipient), in first-seen order.

    Each entry keeps the first row's names, line and evidence, and ``lines``,
    every line that states the pair.

    >>> rows = [{"donor": "Beijing", "recipient": "Inner Mongolia", "line": 9, "evidence": "a"},
    ...         {"donor": "Beijing", "recipient": "Inner Mongolia Autonomous Region",
    ...          "line": 21, "evidence": "b"}]
    >>> [(p["key"], p["lines"]) for p in distinct_pairs(rows)]
    [(('beijing', 'inner mongolia'), [9, 21])]
    """
    pairs: dict[tuple[str, str], dict] = {}
    for row in rows:
        key = (normalize_name(row.get("donor", "")), normalize_name(row.get("recipient", "")))
        if key in pairs:
            pairs[key]["lines"].append(row["line"])
            continue
        pairs[key] = {
            "key": key,
            "donor": row.get("donor", ""),
            "recipient": row.get("recipient", ""),
            "line": row["line"],
            "lines": [row["line"]],
            "evidence": row.get("evidence", ""),
        }
    return list(pairs.values())


def match_pairings(gold_rows: list[dict], predicted_rows: list[dict]) -> PairingResult:
    """Greedy one-to-one matching of distinct pairs; exact normalised keys are taken first."""
    gold, predicted = distinct_pairs(gold_rows), distinct_pairs(predicted_rows)
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if names_match(g["donor"], p["donor"]) and names_match(g["recipient"], p["recipient"]):
                candidates.append((g["key"] != p["key"], gi, pi))
    pairs = _greedy(sorted(candidates))
    matched_gold = {gi for gi, _ in pairs}
    matched_pred = {pi for _, pi in pairs}
    return PairingResult(
        score=Score(tp=len(pairs), fp=len(predicted) - len(pairs), fn=len(gold) - len(pairs)),
        gold_pairs=gold,
        predicted_pairs=predicted,
        matches=[(gold[gi], predicted[pi]) for gi, pi in sorted(pairs)],
        misses=[g for gi, g in enumerate(gold) if gi not in matched_gold],
        false_positives=[p for pi, p in enumerate(predicted) if pi not in matched_pred],
    )


def amounts_agree(predicted: Decimal, gold: Decimal) -> bool:
    """Whether *predicted* is within 0.5 % of *gold*.

    >>> amounts_agree(Decimal("73200000"), Decimal("73.2E6"))
    True
    >>> gold = Decimal("100000")
    >>> amounts_agree(Decimal("100500"), gold), amounts_agree(Decimal("100501"), gold)
    (True, False)
    """
    return abs(predicted - gold) <= AMOUNT_TOLERANCE * abs(gold)


def same_year(gold: str, predicted: str) -> bool:
    """Equal years or ranges, whatever the dash and spacing.

    >>> same_year("2011–2012", "2011-2012"), same_year("2012", "")
    (True, False)
    """
    return _year(gold) == _year(predicted)


_FAMILIES = {
    "fiscal_aid": "aid", "social_donation": "aid", "loan_subsidy": "aid",
    "investment": "investment", "trade": "investment",
}  # fmt: skip


def kind_family(kind: str) -> str:
    """``"aid"``, ``"investment"`` or the kind itself ("other").

    >>> kind_family("trade"), kind_family("social_donation"), kind_family("other")
    ('investment', 'aid', 'other')
    """
    return _FAMILIES.get(kind, kind)


def same_kind(gold: dict, predicted: dict) -> bool:
    """Whether a prediction has the gold row's kind; the gold, which has no "trade", files
    signed deals under "investment"."""
    g, p = gold.get("kind", ""), predicted.get("kind", "")
    return g == p or (g == "investment" and p == "trade")


def match_transfers(gold_rows: list[dict], predicted_rows: list[dict]) -> TransferResult:
    """Greedy one-to-one matching of transfers; exact amounts first, then the same kind.

    Gold rows need ``donor``, ``recipient``, ``amount`` (Decimal), ``line``,
    ``kind`` and ``granularity``; predictions ``donor``, ``recipient``,
    ``amount``, ``line`` and ``kind``.
    """
    candidates = []
    for gi, g in enumerate(gold_rows):
        for pi, p in enumerate(predicted_rows):
            if _transfer_matches(g, p):
                exact = p["amount"] == g["amount"]
                candidates.append((not exact, not same_kind(g, p), gi, pi))
    pairs = _greedy(sorted(candidates))
    matched_gold = {gi for gi, _ in pairs}
    matched_pred = {pi for _, pi in pairs}
    misses = [g for gi, g in enumerate(gold_rows) if gi not in matched_gold]
    false_positives = [p for pi, p in enumerate(predicted_rows) if pi not in matched_pred]
    matches = [(gold_rows[gi], predicted_rows[pi]) for gi, pi in sorted(pairs)]

    gold_pair_rows = sum(g.get("granularity") == "pair" for g in gold_rows)
    pair_tp = sum(g.get("granularity") == "pair" for g, _ in matches)
    against_pair = [counts_against_pair(p, gold_rows) for p in false_positives]
    pair_fp = sum(against_pair)
    return TransferResult(
        score=Score(tp=len(pairs), fp=len(false_positives), fn=len(misses)),
        pair_score=Score(tp=pair_tp, fp=pair_fp, fn=gold_pair_rows - pair_tp),
        matches=matches,
        misses=misses,
        false_positives=false_positives,
        against_pair=against_pair,
    )


def _transfer_matches(gold: dict, predicted: dict) -> bool:
    return (
        predicted["line"] == gold["line"]
        and bool(predicted.get("recipient"))
        and predicted.get("amount") is not None
        and amounts_agree(predicted["amount"], gold["amount"])
        and names_match(gold["donor"], predicted["donor"])
        and names_match(gold["recipient"], predicted["recipient"])
    )


def is_pair_like(predicted: dict) -> bool:
    """Whether an unmatched prediction counts against pair precision.

    It does if it names a donor and a recipient and neither is collective.

    >>> is_pair_like({"donor": "Panjin City", "recipient": "Ping'an County"})
    True
    >>> is_pair_like({"donor": "the eastern provinces", "recipient": "the west"})
    False
    >>> is_pair_like({"donor": "Suzhou City", "recipient": ""})
    False
    """
    donor, recipient = predicted.get("donor", ""), predicted.get("recipient", "")
    return bool(donor and recipient) and not is_collective(donor) and not is_collective(recipient)


def about_aggregate(predicted: dict, gold_rows: list[dict]) -> bool:
    """Whether a prediction restates an aggregate gold row (same line, same amount).

    "All circles of society donated 55 million yuan" is gold with a collective
    donor; a prediction that finds the amount but names the section's donor
    is not a false *pair* transfer: it is about an aggregate fact.
    """
    return predicted.get("amount") is not None and any(
        g.get("granularity") == "aggregate"
        and g["line"] == predicted["line"]
        and amounts_agree(predicted["amount"], g["amount"])
        for g in gold_rows
    )


def counts_against_pair(predicted: dict, gold_rows: list[dict]) -> bool:
    """An unmatched prediction lowers pair precision unless collective or about an aggregate."""
    return is_pair_like(predicted) and not about_aggregate(predicted, gold_rows)


def _greedy(candidates) -> list[tuple[int, int]]:
    """Take candidates in order, each gold index and predicted index at most once."""
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for *_, gi, pi in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gi, pi))
    return pairs


def _year(text: str) -> str:
    return re.sub(r"\s*[-\u2010-\u2015\u2212]\s*", "-", (text or "").strip())
