"""From statements of money to flows: one fact per flow, and what a section's total covers.

A yearbook states one flow several times: in the national overview and in its
section, in a sub-section on funds and again in one on a county, as a total and
then item by item. Added up as they stand, the statements count a flow twice or
more. Two rules make each flow count once:

1. **Restatements.** A later sentence that states the same flow (same donor,
   recipient, amount, years and kind) is more evidence for the first fact
   (``restated``), not a new fact.
2. **A section's total covers its items.** A pairing section that states its
   donor's aid to its recipient for the year ("In 2015, Hainan allocated 120
   million yuan of aid funds for Tibet") reports the details of that
   money in its other paragraphs. The largest such statement of each kind is the
   section's total; the section's other disbursed flows of that kind and year, no
   larger than it and not already an "of which" part of something, are
   ``covered_by`` it: they stay in the graph, with their evidence, but sums leave
   them out, and ``duikou reconcile`` sets them against the total.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import replace

from duikou.loaders.document import Document, Section
from duikou.loaders.facts import TransferFact
from duikou.loaders.names import ADMIN_HEADS
from duikou.loaders.text import clean_label
from duikou.loaders.years import report_year

__all__ = ["flows", "AID_KINDS"]

AID_KINDS = ("fiscal_aid", "social_donation")
"""The kinds a year's aid adds up: budget money and gifts (not investment, deals or loans)."""


def flows(doc: Document, facts: list[TransferFact]) -> list[TransferFact]:
    """*facts* (statements in reading order) as flows: restatements merged, section totals
    covering their items."""

    def reported(fact: TransferFact) -> bool:
        """Whether *fact* is stated in a pairing section (not the national overview)."""
        return _section_of(doc, fact) is not None

    return _section_totals(doc, _one_per_flow(facts, reported))


def _one_per_flow(facts: list[TransferFact], reported=lambda fact: True) -> list[TransferFact]:
    """One fact per flow: a flow restated in a later sentence (same donor, recipient,
    amount, years and kind) keeps its first statement and gains the later one as
    ``restated`` evidence; an "of which" part of a restatement points at the kept fact.

    The statement in the pairing section that reports the flow (*reported*) is the
    fact, and one in the overview that sums it up is a restatement, whichever comes
    first: a section's figures are its own. Two equal amounts in one sentence are
    two flows ("1 million yuan for roads and 1 million yuan for schools").
    """
    kept: dict[tuple, int] = {}
    merged: dict[tuple[int, int, int], tuple[int, int, int]] = {}
    out: list[TransferFact] = []
    for fact in facts:
        key = _flow_key(fact)
        first = kept.get(key)
        if first is not None and out[first].evidence.span != fact.evidence.span:
            old = out[first]
            if reported(fact) and not reported(old):  # the section's statement is the fact
                again = tuple(e for e in old.restated if e.span != fact.evidence.span)
                out[first] = replace(fact, restated=(old.evidence, *again))
                merged[_reference(old)] = _reference(fact)  # parts of *old* follow it
            else:
                if fact.evidence.span not in {e.span for e in old.restated}:
                    out[first] = replace(old, restated=(*old.restated, fact.evidence))
                merged[_reference(fact)] = _reference(old)
            continue
        kept.setdefault(key, len(out))
        out.append(fact)
    return [replace(f, part_of=_kept(merged, f.part_of)) if f.part_of in merged else f for f in out]


def _kept(merged: dict[tuple, tuple], reference: tuple) -> tuple:
    """Where a part of the fact at *reference* points now: along *merged* (a restatement
    to the fact kept, a fact to the section's statement that replaced it) to its end.

    Followed once per part at the end, instead of redirecting every earlier pointer
    each time a fact is replaced (quadratic in a long document)."""
    seen = {reference}
    while reference in merged and merged[reference] not in seen:
        reference = merged[reference]
        seen.add(reference)
    return reference


def _flow_key(fact: TransferFact) -> tuple:
    recipient = _bare_name(fact.recipient.name) if fact.recipient else ""
    return (_bare_name(fact.donor.name), recipient, fact.amount, fact.years, fact.kind)


def _bare_name(name: str) -> str:
    """A party's name without case and a trailing admin word ("Sanya City" is "sanya")."""
    words = clean_label(name).lower().split()
    while len(words) > 1 and " ".join(words[-2:]) in ADMIN_HEADS:
        words = words[:-2]
    while len(words) > 1 and words[-1] in ADMIN_HEADS:
        words = words[:-1]
    return " ".join(words)


def _reference(fact: TransferFact) -> tuple[int, int, int]:
    """How a part names its whole: ``(sentence start, sentence end, amount start)``."""
    return (fact.evidence.span.start, fact.evidence.span.end, fact.amount_span.start)


def _section_totals(doc: Document, facts: list[TransferFact]) -> list[TransferFact]:
    year = report_year(doc)
    covered: dict[int, tuple[int, int, int]] = {}
    by_section: dict[int, list[int]] = defaultdict(list)  # facts read in each pairing section
    for i, f in enumerate(facts):
        section = _section_of(doc, f)
        if section is not None and f.status == "disbursed" and f.part_of is None:
            by_section[section].append(i)
    for number, section in enumerate(doc.pairing_sections):
        inside = [i for i in by_section[number] if facts[i].years == (year, year)]
        for kind in AID_KINDS:
            of_kind = [i for i in inside if facts[i].kind == kind]
            totals = [i for i in of_kind if _states_the_sections_flow(section, facts[i])]
            if not totals:
                continue
            total = max(totals, key=lambda i: (facts[i].amount, -i))
            for i in of_kind:
                if i != total and facts[i].amount <= facts[total].amount:
                    covered[i] = _reference(facts[total])
    return [replace(f, covered_by=covered[i]) if i in covered else f for i, f in enumerate(facts)]


def _section_of(doc: Document, fact: TransferFact) -> int | None:
    """The number of the pairing section *fact* is stated in, or ``None`` (the overview);
    found by bisection, so that a long document is not scanned once per fact."""
    sections = doc.memoized("pairing-sections", lambda: doc.pairing_sections)
    starts = doc.memoized("pairing-starts", lambda: [s.span.start for s in sections])
    number = bisect_right(starts, fact.evidence.span.start) - 1
    if number < 0 or fact.evidence.span.start >= sections[number].span.end:
        return None
    return number


def _states_the_sections_flow(section: Section, fact: TransferFact) -> bool:
    """Whether *fact* goes from the section's donor to its recipient, as its heading names
    them ("Hainan" to "Tibet Autonomous Region"): a statement of the section's whole flow."""
    if not _same(fact.donor.name, section.donor or ""):
        return False
    return fact.recipient is None or _same(fact.recipient.name, section.recipient or "")


def _same(a: str, b: str) -> bool:
    """ "Hainan Province" and "Hainan", "Tibet" and "Tibet Autonomous Region"."""
    a, b = _bare_name(a), _bare_name(b)
    return bool(a) and (a == b or a.startswith(b + " ") or b.startswith(a + " "))
