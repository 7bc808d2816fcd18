"""Every unit's offsets give back its exact words from the file as read from disk."""

from pathlib import Path

import pytest

from duikou.loaders.text import BLANKS


def _units(doc):
    for section in doc.sections:
        yield "section", section.span
        if section.heading:
            yield "heading", section.heading
        for sub in section.subsections:
            yield "subsection", sub.span
            yield "heading", sub.heading
        for paragraph in section.all_paragraphs():
            yield "paragraph", paragraph.span
            for sentence in paragraph.sentences:
                yield "sentence", sentence.span


@pytest.fixture(params=["sample", "synthetic"])
def doc_and_raw(request, sample_doc, synthetic_doc):
    doc = sample_doc if request.param == "sample" else synthetic_doc
    raw = Path(doc.source).read_bytes().decode("utf-8")  # independent of duikou's reader
    return doc, raw


def test_offsets_round_trip(doc_and_raw):
    doc, raw = doc_and_raw
    assert doc.text == raw
    count = 0
    for kind, span in _units(doc):
        words = raw[span.start : span.end]
        assert words, kind
        assert words[0] not in BLANKS and words[-1] not in BLANKS, (kind, words[:40])
        count += 1
    assert count > 10


def test_sentences_tile_their_paragraph(doc_and_raw):
    doc, raw = doc_and_raw
    for section in doc.sections:
        for paragraph in section.all_paragraphs():
            spans = [s.span for s in paragraph.sentences]
            assert spans[0].start == paragraph.span.start
            assert spans[-1].end == paragraph.span.end
            for left, right in zip(spans, spans[1:], strict=False):
                assert left.end <= right.start
                assert raw[left.end : right.start].strip(BLANKS) == ""


def test_paragraphs_lie_inside_their_section(doc_and_raw):
    doc, _ = doc_and_raw
    for section in doc.sections:
        for paragraph in section.all_paragraphs():
            assert (
                section.span.start <= paragraph.span.start <= paragraph.span.end <= section.span.end
            )
        for sub in section.subsections:
            assert section.span.start <= sub.span.start <= sub.span.end <= section.span.end
