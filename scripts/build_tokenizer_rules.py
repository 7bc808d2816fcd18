#!/usr/bin/env python3
"""Write ``loaders/english_tokenizer.json``: the rules of spaCy's English tokenizer.

Rerun after a spaCy upgrade (``tests/test_tokenizer.py`` fails until then)::

    python scripts/build_tokenizer_rules.py

The runtime tokenizer (:mod:`duikou.loaders.english_tokenizer`) reads the file
and needs no spaCy; spaCy is needed here only.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from duikou.loaders.english_tokenizer import RULES_FILE, spacy_rules

TARGET = Path(__file__).resolve().parent.parent / "loaders" / RULES_FILE


def main() -> None:
    text = json.dumps(spacy_rules(), ensure_ascii=False, indent=0, sort_keys=True) + "\n"
    fd, tmp = tempfile.mkstemp(dir=TARGET.parent, prefix=".rules-")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, TARGET)
    print(f"wrote {TARGET} ({len(text):,} characters)")


if __name__ == "__main__":
    main()
