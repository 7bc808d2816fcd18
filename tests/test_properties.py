"""Properties of the parsers on any text: no crash, offsets that round-trip, sane amounts.

Texts are drawn from the genre's tokens (numbers well and badly formed, scale
and currency words, 【】 and brackets, headings, abbreviations, CJK, blanks)
mixed with arbitrary characters, so the parsers meet both the yearbook's
shapes and garbage. Regression tests for what the properties found are at the
end, one per bug, named after it.
"""

import os
import time
from decimal import Decimal

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from duikou.loaders.amounts import find_amounts
from duikou.loaders.numbers import MAX_VALUE, NUMBER, parse_number
from duikou.loaders.segmenter import segment
from duikou.loaders.sentences import split_sentences
from duikou.loaders.text import BLANKS, clean_label

TOKENS = [
    "0", "1", "7", "12", "2012", "3.2", "3.2.1", "1,2345", "1,000", "480,000", "12.50", "0.5",
    "99999999999999999999999999999", ".", ",", ";", ":", " ", " ", "  ", "\n", "\n", "\r\n", "\t",
    "million", "billion", "thousand", "hundred", "trillion", "ten thousand", "hundred million",
    "yuan", "Yuan", "RMB", "CNY", "renminbi", "a", "an", "one", "twenty-five", "ten", "dozen",
    "【", "】", "【Aid】", "Labor cooperation】", "(", ")", "（", "）", "[", "]", "((", "))",
    "Beijing – Inner Mongolia Pairing-off Poverty Alleviation", "Hainan-Tibet Pairing-off",
    "– Hebei Pairing-off Poverty Alleviation", "Pairing-off", "Counterpart", "–", "-", "—",
    "Mr.", "No.2", "No. 5", "Co., Ltd.", "Guo Fa (2012) No.2", "1‰", "%", "e.g.", "J.",
    "。", "!", "?", "“", "”", '"', "'", "北京", "扶贫协作", "版权所有©中国国际扶贫中心",
    "\u3000", "\u00a0", "\ufeff", "\u200b", "In 2012,", "He", "gave", "Beijing", "to Chifeng",
    "(Office of Beijing)", "(Li Ming, (Hainan Office", "East-West Pairing-off Cooperation",
    "nan", "Infinity", "1e5", "1_000",
]  # fmt: skip

genre_text = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=4)), max_size=40).map(
    "".join
)

PROPERTY = settings(
    max_examples=int(os.environ.get("DUIKOU_PROPERTY_EXAMPLES", "200")),  # more to hunt bugs
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


# Amounts and numbers


@PROPERTY
@given(genre_text)
@example("99999999999999999999999999999999 yuan")
@example("1 million million million million million yuan")
@example("0 yuan")
def test_amounts_are_positive_finite_and_round_trip(text):
    mentions = find_amounts(text)
    previous_end = 0
    for mention in mentions:
        assert 0 <= previous_end <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
        assert mention.value.is_finite() and mention.value > 0
        previous_end = mention.end


@PROPERTY
@given(genre_text, st.integers(0, 200), st.integers(0, 200))
def test_amounts_stay_inside_their_window(text, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    for mention in find_amounts(text, start, end):
        assert start <= mention.start < mention.end <= end
        assert text[mention.start : mention.end] == mention.text


@PROPERTY
@given(st.one_of(genre_text, st.text(max_size=30)))
@example("nan")
@example("Infinity")
@example("9" * 40)
def test_parse_number_is_none_or_finite(text):
    value = parse_number(text)
    assert value is None or (isinstance(value, Decimal) and value.is_finite() and value >= 0)


@PROPERTY
@given(genre_text)
def test_every_number_match_has_a_value_unless_absurdly_large(text):
    for match in NUMBER.finditer(text):
        value = parse_number(match.group())
        if value is None:  # only past MAX_VALUE: 19 digits, or scale words multiplying up
            digits = sum(ch.isdigit() for ch in match.group())
            assert digits >= 19 or len(match.group().split()) > 1, match.group()
        else:
            assert value.is_finite() and 0 <= value < MAX_VALUE, match.group()


# Sentences


@PROPERTY
@given(genre_text, st.integers(0, 300), st.integers(0, 300))
def test_sentences_are_ordered_trimmed_and_cover_every_word(text, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    spans = split_sentences(text, start, end)
    previous_end = start
    for s, e in spans:
        assert previous_end <= s < e <= end
        assert text[s] not in BLANKS and text[e - 1] not in BLANKS
        previous_end = e
    covered = {i for s, e in spans for i in range(s, e)}
    assert all(i in covered for i in range(start, end) if text[i] not in BLANKS)


@PROPERTY
@given(genre_text)
def test_a_sentence_split_again_is_itself(text):
    for s, e in split_sentences(text, 0, len(text)):
        assert split_sentences(text, s, e) == [(s, e)]


# Segments


def _spans(doc):
    """Every (name, span) a document records, for the bound checks."""
    if doc.title_span:
        yield "title", doc.title_span
    if doc.trailer:
        yield "trailer", doc.trailer
    for section in doc.sections:
        yield "section", section.span
        for name in ("heading", "donor_span", "recipient_span"):
            if getattr(section, name) is not None:
                yield name, getattr(section, name)
        if section.attribution:
            yield "attribution", section.attribution.span
        for sub in section.subsections:
            yield "subsection", sub.span
            yield "subheading", sub.heading


@PROPERTY
@given(st.lists(genre_text, max_size=12).map("\n".join))
@example("– Hebei Pairing-off Poverty Alleviation\n【Aid】 It gave 5 million yuan to the")
@example("(Beijing – Tibet) Pairing-off Poverty Alleviation\n【【Aid】】 x. (y (z】 w.\n((Office)")
def test_segment_offsets_round_trip(text):
    doc = segment(text)
    for name, span in _spans(doc):
        assert 0 <= span.start <= span.end <= len(text), name
    for section in doc.sections:
        if section.kind == "pairing":
            assert clean_label(doc.quote(section.donor_span)) == section.donor
            assert clean_label(doc.quote(section.recipient_span)) == section.recipient
            assert section.donor and section.recipient
        for sub in section.subsections:
            assert clean_label(doc.quote(sub.heading)) == sub.title
    previous_end = 0
    for section in doc.sections:
        for paragraph in section.all_paragraphs():
            p = paragraph.span
            assert previous_end <= p.start < p.end <= len(text)
            previous_end = p.end
            inner = p.start
            for sentence in paragraph.sentences:
                s = sentence.span
                assert inner <= s.start < s.end <= p.end
                inner = s.end
            if doc.trailer:
                assert p.end <= doc.trailer.start


# Regressions: what the properties (and the hostile corpus) found, one test each


def test_zero_yuan_is_not_an_amount():  # hypothesis: "RMB0" gave a 0-yuan transfer
    assert find_amounts("RMB0") == []
    assert find_amounts("gave 0 yuan and 0.0 million yuan") == []


def test_parse_number_of_nan_or_infinity_is_none():  # hypothesis: "nan" gave Decimal('NaN')
    assert [parse_number(s) for s in ("nan", "NaN", "Infinity", "-inf", "1e5", "1_000")] == [
        None
    ] * 6


def test_a_number_longer_than_decimal_precision_does_not_crash():
    # hypothesis: 29 digits raised decimal.InvalidOperation from quantize()
    assert parse_number("9" * 29) is None
    assert find_amounts("gave " + "9" * 29 + " yuan") == []
    assert parse_number("1" * 17) == Decimal("1" * 17)  # long but below MAX_VALUE: exact


def test_repeated_scale_words_do_not_crash():  # 10**30 raised InvalidOperation from quantize()
    assert find_amounts("gave 1 million million million million million yuan") == []
    assert find_amounts("gave " + "million " * 200_000 + "yuan") == []


def test_large_real_amounts_are_still_read():
    values = [m.value for m in find_amounts("2.5 hundred million yuan and 1.2 trillion yuan")]
    assert values == [Decimal(250_000_000), Decimal(1_200_000_000_000)]


def test_bracketed_heading_names_have_no_brackets():  # donor was "(Beijing", recipient "Tibet)"
    doc = segment("(Beijing – Tibet) Pairing-off Poverty Alleviation\n【Aid】 It gave.")
    (section,) = doc.sections
    assert (section.donor, section.recipient) == ("Beijing", "Tibet")
    assert doc.quote(section.donor_span) == "Beijing"


def test_attribution_regex_does_not_backtrack_on_a_long_line():
    # "(" + ")" * n + "x" took n * 300 steps (3 s here); lines of 4 MB are let in
    started = time.monotonic()
    segment("A – B Pairing-off\n(" + ")" * 1_000_000 + "x\n")
    assert time.monotonic() - started < 1
