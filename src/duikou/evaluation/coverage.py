"""Which lines of a source text a gold set covers, and the line of an offset.

Gold annotators work through whole sections, so the gold covers the sections
from the one holding its first annotated line to the one holding its last.
The rule, stated in :data:`COVERAGE_RULE`: from the pairing-section heading at
or before the smallest gold ``line`` (line 1 if none comes before it) to the
largest gold ``line``, extended to the line before the next pairing-section
heading (or to the end of the text if no heading follows). Only predictions on
those lines are scored. A gold set that starts in the overview starts at line 1.

>>> text = "Title\\n\\nA – B Pairing-off Poverty Alleviation\\nA gave.\\nA gave more.\\n" \\
...        "C – D Pairing-off Poverty Alleviation\\nC gave."
>>> scored_lines(text, last_gold_line=4)
(1, 5)
>>> scored_lines(text, last_gold_line=6)
(1, 7)
>>> scored_lines(text, last_gold_line=7, first_gold_line=7)
(6, 7)
>>> line_of(text, text.index("A gave more"))
5
"""

from __future__ import annotations

from duikou.loaders.headings import match_pairing_heading

__all__ = ["COVERAGE_RULE", "line_of", "pairing_heading_lines", "scored_lines"]

COVERAGE_RULE = (
    "scored lines: from the pairing-section heading at or before the gold's first line "
    "(line 1 if none) to the gold's last line, extended to the line before the next "
    "pairing-section heading (the gold covers whole sections)"
)


def line_of(text: str, offset: int) -> int:
    """The 1-based line holding character *offset* of *text*."""
    return text.count("\n", 0, offset) + 1


def pairing_heading_lines(text: str) -> list[int]:
    """The 1-based lines that are pairing-section headings (``A – B Pairing-off …``)."""
    return [
        number
        for number, line in enumerate(text.split("\n"), start=1)
        if match_pairing_heading(line.strip().lstrip("\ufeff"))
    ]


def scored_lines(text: str, last_gold_line: int, first_gold_line: int = 1) -> tuple[int, int]:
    """``(first, last)``: the lines the gold covers, by :data:`COVERAGE_RULE`."""
    total = text.count("\n") + 1
    headings = pairing_heading_lines(text)
    following = [n for n in headings if n > last_gold_line]
    last = following[0] - 1 if following else total
    preceding = [n for n in headings if n <= max(first_gold_line, 1)]
    first = preceding[-1] if preceding else 1
    return first, max(last, last_gold_line)
