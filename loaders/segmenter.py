"""Cut a chapter's text into sections, sub-sections, paragraphs and sentences.

The chapter is read line by line. Each non-blank line is one of: the title,
a pairing heading (opens a section), a sub-heading (opens a sub-section and
may carry the first paragraph after its closing bracket), an attribution
(closes a section), or a paragraph. Lines before the first pairing heading
form the national overview. Trailing lines that are mostly Chinese (the web
edition's site footer) are not part of the chapter: they are recorded as the
document's trailer and logged, and nothing downstream reads them.

Damaged text is read as far as it goes, with a warning: a line shaped like a
pairing heading that names no donor (or no recipient) opens a section without
a pairing, so its paragraphs are not credited to the section before; a text
whose last paragraph stops mid-sentence is reported as probably truncated.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from duikou.loaders.document import (
    Attribution,
    Document,
    Paragraph,
    Section,
    Sentence,
    Span,
    SubSection,
)
from duikou.loaders.headings import (
    looks_like_title,
    match_attribution,
    match_broken_heading,
    match_pairing_heading,
    match_subheading,
)
from duikou.loaders.sentences import split_sentences
from duikou.loaders.text import cjk_ratio, clean_label, strip_span

__all__ = ["segment", "content_lines"]

log = logging.getLogger(__name__)

TRAILER_CJK_RATIO = 0.5
"""A trailing line whose non-blank characters are over half CJK is site chrome, not chapter."""

_SENTENCE_ENDS = ".!?。！？…"
_CLOSERS = "\"')]】」』）”’"


def content_lines(text: str) -> list[tuple[int, int]]:
    """Offsets of every non-blank line, trimmed of blanks (handles ``\\n`` and ``\\r\\n``)."""
    lines = []
    start = 0
    length = len(text)
    while start <= length:
        newline = text.find("\n", start)
        end = length if newline == -1 else newline
        s, e = strip_span(text, start, end)
        if e > s:
            lines.append((s, e))
        if newline == -1:
            break
        start = newline + 1
    return lines


def segment(text: str, *, doc_id: str | None = None, source: str = "") -> Document:
    """Build a :class:`Document` from decoded chapter text.

    >>> text = "\\n".join(["Title", "", "A – B Pairing-off Poverty Alleviation",
    ...                   "【Aid】 A gave. B got.", "(Office of A)"])
    >>> doc = segment(text)
    >>> [(s.kind, s.donor, s.recipient) for s in doc.sections]
    [('pairing', 'A', 'B')]
    >>> [doc.quote(x.span) for x in doc.sections[0].sentences()]
    ['A gave.', 'B got.']
    """
    if doc_id is None:
        doc_id = hashlib.sha256(text.encode("utf-8")).hexdigest()
    lines = content_lines(text)
    lines, trailer = _split_trailer(text, lines)
    label = source or doc_id[:12]
    builder = _Builder(text, label)
    title, title_span = "", None
    if lines:
        first = text[lines[0][0] : lines[0][1]]
        if looks_like_title(first) and not match_pairing_heading(first):
            title, title_span = clean_label(first), Span(*lines[0])
            lines = lines[1:]
    for start, end in lines:
        builder.feed(start, end)
    sections = builder.finish()
    if builder.tail is not None and _ends_mid_sentence(text, builder.tail.span):
        end = builder.tail.span.end
        log.warning(
            "%s: the text ends mid-sentence (%r at offset %d); the file may be truncated",
            label,
            "…" + text[max(builder.tail.span.start, end - 40) : end],
            end,
        )
    doc = Document(
        id=doc_id,
        title=title or (Path(source).stem if source else "untitled"),
        source=source,
        text=text,
        sections=sections,
        title_span=title_span,
        trailer=trailer,
    )
    if trailer is not None:
        log.info(
            "%s: left out %d characters of non-chapter text at the end (offsets %d-%d)",
            label,
            len(trailer),
            trailer.start,
            trailer.end,
        )
    return doc


def _split_trailer(
    text: str, lines: list[tuple[int, int]]
) -> tuple[list[tuple[int, int]], Span | None]:
    cut = len(lines)
    while cut > 0 and cjk_ratio(text[lines[cut - 1][0] : lines[cut - 1][1]]) > TRAILER_CJK_RATIO:
        cut -= 1
    if cut == len(lines):
        return lines, None
    return lines[:cut], Span(lines[cut][0], lines[-1][1])


class _Builder:
    """Accumulates lines into sections; one instance per document."""

    def __init__(self, text: str, label: str = ""):
        self.text = text
        self.label = label
        self.sections: list[Section] = []
        self.section: Section | None = None
        self.sub: SubSection | None = None
        self.tail: Paragraph | None = None  # the paragraph of the last line fed, if it was one

    def feed(self, start: int, end: int) -> None:
        line = self.text[start:end]
        self.tail = None
        heading = match_pairing_heading(line)
        if heading is not None:
            self._open_section(
                Section(
                    kind="pairing",
                    span=Span(start, end),
                    title=clean_label(line),
                    heading=Span(start, end),
                    donor=heading.donor,
                    donor_span=Span(*_shift(self.text, start, heading.donor_span)),
                    recipient=heading.recipient,
                    recipient_span=Span(*_shift(self.text, start, heading.recipient_span)),
                )
            )
            return
        parts = match_attribution(line)
        if parts is not None:
            section = self._current_section(start)
            if section.attribution is not None:
                log.warning("second attribution line at offset %d replaces the first", start)
            section.attribution = Attribution(Span(start, end), parts.organization, parts.author)
            self._extend(end)
            return
        sub = match_subheading(line)
        if sub is not None:
            section = self._current_section(start)
            title_start, title_end = _shift(self.text, start, sub.title_span)
            self.sub = SubSection(
                span=Span(start, end),
                title=sub.title,
                heading=Span(title_start, title_end),
            )
            section.subsections.append(self.sub)
            rest_start, rest_end = strip_span(self.text, start + sub.end, end)
            if rest_end > rest_start:
                self._add_paragraph(rest_start, rest_end)
            self._extend(end)
            return
        problem = match_broken_heading(line)
        if problem is not None:
            log.warning(
                "%s: %r at offset %d looks like a pairing heading with %s; "
                "its section is read without a pairing",
                self.label,
                clean_label(line)[:80],
                start,
                problem,
            )
            self._open_overview(line, start, end)
            return
        if self.section is None and looks_like_title(line):
            self._open_overview(line, start, end)
            return
        self._current_section(start)
        self._add_paragraph(start, end)
        self._extend(end)

    def _open_overview(self, line: str, start: int, end: int) -> None:
        """A section without a pairing, headed by *line*."""
        heading = Span(start, end)
        self._open_section(
            Section(kind="overview", span=heading, title=clean_label(line), heading=heading)
        )

    def finish(self) -> list[Section]:
        return self.sections

    def _open_section(self, section: Section) -> None:
        self.sections.append(section)
        self.section = section
        self.sub = None

    def _current_section(self, start: int) -> Section:
        if self.section is None:
            self._open_section(Section(kind="overview", span=Span(start, start), title="Overview"))
        return self.section

    def _add_paragraph(self, start: int, end: int) -> None:
        paragraph = Paragraph(
            span=Span(start, end),
            sentences=[Sentence(Span(s, e)) for s, e in split_sentences(self.text, start, end)],
        )
        if self.sub is not None:
            self.sub.paragraphs.append(paragraph)
        else:
            self.section.paragraphs.append(paragraph)
        self.tail = paragraph

    def _extend(self, end: int) -> None:
        """Stretch the open section (and sub-section) to cover text up to *end*."""
        self.section.span = Span(self.section.span.start, end)
        if self.sub is not None and self.section.attribution is None:
            self.sub.span = Span(self.sub.span.start, end)


def _ends_mid_sentence(text: str, span: Span) -> bool:
    """True when *span* stops without closing punctuation (closing quotes and brackets aside)."""
    words = text[span.start : span.end].rstrip(_CLOSERS + " ")
    return bool(words) and not words.endswith(tuple(_SENTENCE_ENDS))


def _shift(text: str, line_start: int, span: tuple[int, int]) -> tuple[int, int]:
    return strip_span(text, line_start + span[0], line_start + span[1])
