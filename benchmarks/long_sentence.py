"""How extraction grows with the amounts of one sentence (a table flattened into prose).

Run from the repository root::

    python -m benchmarks.long_sentence [--amounts 500 1000 2000 4000]

Each row is one synthetic chapter whose single sentence lists N amounts, in
two shapes: a bare list ("1.5 million yuan, 2.5 million yuan, …") and N
clauses each with a donor, a verb and a recipient ("Hainan allocated 1.5
million yuan to Nyingchi, …"). It prints the seconds that
:func:`duikou.loaders.extract.extract_facts` takes (spaCy loaded beforehand)
and the facts found. The target is under 1 s for 2,000 amounts, and about
twice the time for twice the amounts.
"""

from __future__ import annotations

import argparse
import hashlib
import time

from duikou.loaders.extract import extract_facts
from duikou.loaders.segmenter import segment

SHAPES = {
    "list": "{n}.5 million yuan",
    "clauses": "Hainan allocated {n}.5 million yuan to Nyingchi",
}


def chapter(amounts: int, shape: str) -> str:
    """A one-section chapter (Hainan – Tibet) whose one sentence holds *amounts* amounts."""
    body = ", ".join(SHAPES[shape].format(n=i + 1) for i in range(amounts))
    return (
        "East-West Pairing-off Cooperation for Poverty Reduction\n\n"
        "    Hainan\u2014Tibet Autonomous Region Pairing-off Poverty Alleviation\n\n"
        f"    In 2015, {body}.\n"
    )


def seconds(text: str) -> tuple[float, int]:
    doc = segment(text, doc_id=hashlib.sha256(text.encode()).hexdigest(), source="bench.txt")
    started = time.perf_counter()
    facts = extract_facts(doc)
    return time.perf_counter() - started, len(facts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.long_sentence", description=__doc__)
    parser.add_argument("--amounts", type=int, nargs="+", default=[500, 1000, 2000, 4000])
    args = parser.parse_args(argv)
    seconds(chapter(2, "clauses"))  # load spaCy and the gazetteer before timing
    print(f"{'amounts':>8} {'shape':<8} {'seconds':>8} {'facts':>6}")
    for amounts in args.amounts:
        for shape in SHAPES:
            took, facts = seconds(chapter(amounts, shape))
            print(f"{amounts:>8} {shape:<8} {took:>8.2f} {facts:>6}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
