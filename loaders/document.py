"""The document model: a chapter cut into units that remember where they came from.

Every unit is a :class:`Span` of character offsets into :attr:`Document.text`,
the file decoded exactly as read, so ``doc.text[unit.start:unit.end]`` gives
back the unit's own words. Facts extracted later point at these spans; that is
what makes every fact in the graph traceable to its sentence.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

__all__ = [
    "Span",
    "Sentence",
    "Paragraph",
    "SubSection",
    "Attribution",
    "Section",
    "Document",
]

T = TypeVar("T")
_UNSET = object()


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range ``[start, end)`` into the document text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}-{self.end}")

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Sentence:
    span: Span


@dataclass(slots=True)
class Paragraph:
    span: Span
    sentences: list[Sentence] = field(default_factory=list)


@dataclass(slots=True)
class SubSection:
    """A ``【Heading】`` and the paragraphs that follow it."""

    span: Span
    title: str
    heading: Span
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Attribution:
    """The closing ``(Author, Office)`` line of a section."""

    span: Span
    organization: str | None
    author: str | None


@dataclass(slots=True)
class Section:
    """The national overview or one ``Donor – Recipient Pairing-off …`` section.

    ``paragraphs`` holds the paragraphs before the first sub-heading;
    :meth:`all_paragraphs` walks every paragraph in reading order.
    """

    kind: str  # "overview" or "pairing"
    span: Span
    title: str
    heading: Span | None = None
    donor: str | None = None
    donor_span: Span | None = None
    recipient: str | None = None
    recipient_span: Span | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    subsections: list[SubSection] = field(default_factory=list)
    attribution: Attribution | None = None

    def all_paragraphs(self) -> Iterator[Paragraph]:
        yield from self.paragraphs
        for sub in self.subsections:
            yield from sub.paragraphs

    def sentences(self) -> Iterator[Sentence]:
        for paragraph in self.all_paragraphs():
            yield from paragraph.sentences


@dataclass(slots=True)
class Document:
    """One input file. ``id`` is the SHA-256 of its bytes, so it names the content."""

    id: str
    title: str
    source: str
    text: str
    sections: list[Section] = field(default_factory=list)
    title_span: Span | None = None
    trailer: Span | None = None
    memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    """Work on this document that several extractors share (tokens, names …), by key.

    Kept as long as the document: a document is not changed once segmented.
    """

    def quote(self, span: Span) -> str:
        """The exact words of *span*."""
        return self.text[span.start : span.end]

    def memoized(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, done once per document and *key* (the key names the work and its unit).

        Several extractors read the same sentence; this lets them share its tokens,
        names and mentions instead of each redoing them.
        """
        value = self.memo.get(key, _UNSET)
        if value is _UNSET:
            value = self.memo[key] = compute()
        return value

    def section_at(self, offset: int) -> Section | None:
        """The first section whose span holds *offset* (its end included), or ``None``.

        Found by bisection over the sections' bounds, so that a long document is not
        scanned once per fact.

        >>> doc = Document("id", "t", "", "ab cd", [Section("overview", Span(0, 2), "A"),
        ...                                        Section("overview", Span(3, 5), "B")])
        >>> doc.section_at(2).title, doc.section_at(3).title, doc.section_at(6)
        ('A', 'B', None)
        """
        starts, ends = self.memoized("section-bounds", self._section_bounds)
        if starts is None:  # sections out of reading order: read them all
            return next((s for s in self.sections if s.span.start <= offset <= s.span.end), None)
        last = bisect_right(starts, offset) - 1  # the last section starting at or before
        first = bisect_left(ends, offset)  # the first ending at or after
        return self.sections[first] if first <= last else None

    def _section_bounds(self) -> tuple[list[int] | None, list[int] | None]:
        starts = [s.span.start for s in self.sections]
        ends = [s.span.end for s in self.sections]
        if starts != sorted(starts) or ends != sorted(ends):
            return None, None
        return starts, ends

    @property
    def pairing_sections(self) -> list[Section]:
        return [s for s in self.sections if s.kind == "pairing"]

    def sentences(self) -> Iterator[Sentence]:
        for section in self.sections:
            yield from section.sentences()
