"""Runs of brackets, quotes and dashes cost time in proportion to their length.

spaCy's tokenizer split one mark off a run of ``【`` (or ``(``, ``"`` …) at a
time and searched the rest again, so a run of n marks cost n² steps: 12,000
``【`` in a 36 KB file took 12 s of extraction. Speed targets live in
benchmarks; here growth is checked instead: the CPU time of a 100 KB run
against a 25 KB one (best of five, ``time.process_time``) stays under
:data:`LIMIT`. Linear work grows 4× (measured: 4–5.5×), quadratic 16×; the
limit sits between them with room for a busy machine, whose noise weighs most
on the small run (about 40 ms). Each run sits inside an otherwise
ordinary made-up sentence, in the places a run could reach a rule: mid
sentence, between the letters of a name, opening a line (a sub-heading's
bracket), closing the section (an attribution's bracket) and in a heading.
"""

import time

import pytest

from duikou.loaders.extract import extract_facts
from duikou.loaders.segmenter import segment
from duikou.loaders.spacy_nlp import LONGEST_CHUNK, tokens_of

MARKS = ["【", "】", "(", "（", "[", "“", '"', "’", "—", "-", "《"]
HEAD = (
    "East-West Pairing-off Cooperation for Poverty Reduction\n\n"
    "    Fujian\u2014Gansu Pairing-off Poverty Alleviation\n\n"
)
SHAPES = {
    "mid-sentence": "    In 2015, Fujian Province allocated 3.5 million yuan {run} to Dingxi City.\n",
    "spaced": "    In 2015, Fujian Province allocated 3.5 million yuan {spaced} to Dingxi City.\n",
    "inside a name": "    In 2015, Fujian{run}Province gave 2 million yuan to Dingxi City.\n",
    "line start": "    {run}Aid】 In 2015, Fujian gave 2 million yuan to Dingxi City.\n",
    "attribution": "    Fujian gave 2 million yuan to Dingxi.\n    {run}Wang Hua, Fujian Office)\n",
    "heading": "    Hainan{run}Tibet Pairing-off Poverty Alleviation\n    Hainan gave 2 million yuan.\n",
}
ALL_MARKS = ["(", "【", '"']
LIMIT = 11
"""Most a 4× longer run may cost, as a factor (linear 4×, quadratic 16×)."""
"""The marks tried in every shape (mid-sentence tries them all, a heading dashes too)."""


def chapter(shape: str, mark: str, size: int) -> str:
    run = mark * (size // len(mark.encode("utf-8")))
    return HEAD + SHAPES[shape].format(run=run, spaced=" ".join(run[: len(run) // 2]))


def cpu_seconds(text: str) -> float:
    """Best of five: segmenting and extracting *text*, in CPU seconds."""
    best = float("inf")
    for _ in range(5):
        started = time.process_time()
        extract_facts(segment(text))
        best = min(best, time.process_time() - started)
    return best


def growth(shape: str, mark: str) -> float:
    small = cpu_seconds(chapter(shape, mark, 25_000))
    large = cpu_seconds(chapter(shape, mark, 100_000))
    return large / max(small, 0.01)  # a floor: tiny times are mostly noise


@pytest.fixture(scope="module", autouse=True)
def warm():
    """Load spaCy and the gazetteer before anything is timed."""
    extract_facts(segment(chapter("mid-sentence", "(", 100)))


@pytest.mark.parametrize("mark", MARKS)
def test_a_run_mid_sentence_grows_linearly(mark):
    assert growth("mid-sentence", mark) < LIMIT


@pytest.mark.parametrize("shape", [s for s in SHAPES if s != "mid-sentence"])
@pytest.mark.parametrize("mark", ALL_MARKS)
def test_a_run_anywhere_grows_linearly(shape, mark):
    assert growth(shape, mark) < LIMIT


def test_a_run_of_dashes_in_a_heading_grows_linearly():
    assert growth("heading", "\u2014") < LIMIT


def test_a_long_run_is_tokenised_in_pieces_with_offsets_into_the_text():
    text = "Hainan gave " + "【" * (3 * LONGEST_CHUNK + 7) + " to Tibet."
    tokens = tokens_of(text, 100)
    assert [t.text for t in tokens[:2]] == ["Hainan", "gave"]
    assert [t.text for t in tokens[-3:]] == ["to", "Tibet", "."]
    brackets = tokens[2:-3]
    assert len(brackets) == 3 * LONGEST_CHUNK + 7
    assert all(text[t.start - 100 : t.end - 100] == t.text == "【" for t in brackets)
    assert not any(t.space_after for t in brackets[:-1]) and brackets[-1].space_after


def test_text_without_long_runs_is_tokenised_as_before():
    from duikou.loaders.spacy_nlp import get_tokenizer

    text = "Anhui’s Secretary-General gave 1.5 million yuan (RMB) to Xinjiang’s “poor” areas."
    ours = [(t.text, t.start) for t in tokens_of(text, 0)]
    assert [w for w, _ in ours][:3] == ["Anhui’s", "Secretary-General", "gave"]
    assert len(ours) < len(get_tokenizer()(text))  # the glued pieces only
