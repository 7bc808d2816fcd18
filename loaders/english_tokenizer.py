"""spaCy's English tokenizer, run in pure Python from its rules, without importing spaCy.

Importing spaCy costs half a second (numpy, thinc, pydantic, its CLI …), more
than the rest of a build's start-up; the extractors use only its tokenizer, and
only the tokens' offsets and whether each is punctuation. This module is the
algorithm of spaCy's ``Tokenizer`` (``spacy/tokenizer.pyx``: the split on
whitespace, special cases, prefixes and suffixes peeled off in turn, infixes,
the URL match, and the final pass that applies special cases containing
affixes) applied to the rules of ``spacy.blank("en")``, which are read from
``english_tokenizer.json``: the prefix, suffix, infix and URL patterns and the
tokenizer exceptions, written by ``scripts/build_tokenizer_rules.py``
(:func:`spacy_rules`) from the installed spaCy. ``tests/test_tokenizer.py``
checks that the packaged rules are the installed spaCy's and that the tokens
are spaCy's, offset for offset, on the sample, a synthetic chapter, hostile
text and generated text.

>>> tokenizer = EnglishTokenizer.packaged()
>>> [text for text, _, _ in tokenizer("Dr. Li can't (U.S.) e-mail")]
['Dr.', 'Li', 'ca', "n't", '(', 'U.S.', ')', 'e', '-', 'mail']
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources

__all__ = ["EnglishTokenizer", "RULES_FILE", "is_punct", "spacy_rules"]

RULES_FILE = "english_tokenizer.json"
"""The packaged rules (in ``duikou.loaders``)."""

_WORDS = re.compile(r"\S+")  # \s is str.isspace(), as spaCy splits
_CACHE_SIZE = 10_000  # chunks remembered, as spaCy's Tokenizer.max_cache_size


@lru_cache(maxsize=65536)
def is_punct(text: str) -> bool:
    """spaCy's ``IS_PUNCT``: every character is Unicode punctuation (category P*).

    >>> is_punct("..."), is_punct("“"), is_punct("$"), is_punct("a.")
    (True, True, False, False)
    """
    return all(unicodedata.category(char).startswith("P") for char in text)


def _compiled(rule):
    return None if rule is None else re.compile(rule[0], rule[1])


class EnglishTokenizer:
    """The tokens of a text: ``(text, start, end)`` per token, as spaCy's tokenizer cuts it."""

    def __init__(self, rules: dict) -> None:
        self._prefix = _compiled(rules["prefix"])
        self._suffix = _compiled(rules["suffix"])
        self._infix = _compiled(rules["infix"])
        token_match, url_match = _compiled(rules["token_match"]), _compiled(rules["url_match"])
        self._token_match = token_match.match if token_match else None
        self._url_match = url_match.match if url_match else None
        self._specials: dict[str, tuple[str, ...]] = {
            key: tuple(orths) for key, orths in rules["specials"].items()
        }
        self._cache: dict[str, tuple[str, ...]] = {}
        # The special cases the first pass can miss (they hold an affix or a space),
        # as token sequences, by their first token: spaCy's PhraseMatcher pass.
        self._patterns: dict[str, set[tuple[str, ...]]] = {}
        for key in sorted(self._specials):
            if self._has_affix(key) or " " in key:
                pattern = tuple(text for text, _, _ in self._cut(key, specials=False))
                self._patterns.setdefault(pattern[0], set()).add(pattern)

    @classmethod
    @lru_cache(maxsize=1)
    def packaged(cls) -> EnglishTokenizer:
        """The tokenizer of the rules packaged with duikou (made once per process)."""
        text = resources.files("duikou.loaders").joinpath(RULES_FILE).read_text("utf-8")
        return cls(json.loads(text))

    def __call__(self, text: str) -> list[tuple[str, int, int]]:
        tokens = self._cut(text, specials=True)
        if any(token[0] in self._patterns for token in tokens):
            tokens = self._apply_special_patterns(text, tokens)
        return tokens

    # --- the first pass: chunks between spaces --------------------------------------------

    def _cut(self, text: str, *, specials: bool) -> list[tuple[str, int, int]]:
        """Tokens of *text*: each run of non-space characters cut into tokens; a run of
        spaces is a token of its own, less the one space that may follow a token."""
        tokens: list[tuple[str, int, int]] = []
        append = tokens.append
        known = self._specials if specials else {}
        cache = self._cache if specials else {}
        done = 0  # where the last run of non-space characters ended
        for run in [*_WORDS.finditer(text), None]:
            start = len(text) if run is None else run.start()
            if start > done:  # spaces before: a token, less the space after a token
                if tokens and text[done] == " ":
                    done += 1
                if start > done:
                    self._add(text[done:start], done, known, cache, append)
            if run is None:
                break
            done = run.end()
            self._add(run.group(), start, known, cache, append)
        return tokens

    def _add(self, chunk: str, start: int, known: dict, cache: dict, append) -> None:
        """Append the tokens of *chunk* (at *start*): a special case, remembered or cut."""
        pieces = known.get(chunk) or cache.get(chunk)
        if pieces is None:
            pieces = self._split(chunk, known is self._specials)
            if known and len(cache) < _CACHE_SIZE:
                cache[chunk] = pieces
        if len(pieces) == 1:
            append((chunk, start, start + len(chunk)))
            return
        for piece in pieces:
            end = start + len(piece)
            append((piece, start, end))
            start = end

    def _split(self, string: str, specials: bool) -> tuple[str, ...]:
        """spaCy's ``_split_affixes`` then ``_attach_tokens``, on one chunk."""
        known = self._specials if specials else {}
        prefixes: list[str] = []
        suffixes: list[str] = []
        last_size = 0
        while string and len(string) != last_size:
            if self._token_match and self._token_match(string):
                break
            if string in known:
                break
            last_size = len(string)
            pre_len = self._prefix_length(string)
            if pre_len:
                prefix, minus_pre = string[:pre_len], string[pre_len:]
                if minus_pre and minus_pre in known:
                    string = minus_pre
                    prefixes.append(prefix)
                    break
            suf_len = self._suffix_length(string[pre_len:])
            if suf_len:
                suffix, minus_suf = string[-suf_len:], string[:-suf_len]
                if minus_suf and minus_suf in known:
                    string = minus_suf
                    suffixes.append(suffix)
                    break
            if pre_len and suf_len and pre_len + suf_len <= len(string):
                string = string[pre_len:-suf_len]
                prefixes.append(prefix)
                suffixes.append(suffix)
            elif pre_len:
                string = minus_pre
                prefixes.append(prefix)
            elif suf_len:
                string = minus_suf
                suffixes.append(suffix)
        pieces = prefixes
        if string:
            if string in known:
                pieces += known[string]
            elif (self._token_match and self._token_match(string)) or (
                self._url_match and self._url_match(string)
            ):
                pieces.append(string)
            else:
                pieces += self._infixed(string)
        pieces += reversed(suffixes)
        return tuple(pieces)

    def _infixed(self, string: str) -> list[str]:
        pieces: list[str] = []
        start = 0
        for match in self._infix.finditer(string) if self._infix else ():
            infix_start, infix_end = match.span()
            if infix_start == 0:  # an infix at the very start is not split off
                continue
            if infix_start != start:
                pieces.append(string[start:infix_start])
            if infix_start != infix_end:
                pieces.append(string[infix_start:infix_end])
            start = infix_end
        if start < len(string):
            pieces.append(string[start:])
        return pieces

    def _prefix_length(self, string: str) -> int:
        match = self._prefix.search(string) if self._prefix else None
        return match.end() - match.start() if match else 0

    def _suffix_length(self, string: str) -> int:
        match = self._suffix.search(string) if self._suffix else None
        return match.end() - match.start() if match else 0

    def _has_affix(self, string: str) -> bool:
        infix = self._infix is not None and self._infix.search(string) is not None
        return bool(self._prefix_length(string) or infix or self._suffix_length(string))

    # --- the second pass: special cases that span tokens ----------------------------------

    def _apply_special_patterns(self, text: str, tokens: list) -> list[tuple[str, int, int]]:
        """spaCy's ``_apply_special_cases``: find every run of tokens spelling a pattern,
        keep the longest first (then the earliest) of overlapping runs, and put a kept
        run's special-case tokens in its place where its text is a special case."""
        texts = [token[0] for token in tokens]
        runs = []
        for i, first in enumerate(texts):
            for pattern in self._patterns.get(first, ()):
                if tuple(texts[i : i + len(pattern)]) == pattern:
                    runs.append((i, i + len(pattern)))
        runs.sort(key=lambda run: (run[1] - run[0], -run[0]), reverse=True)
        seen: set[int] = set()
        kept = []
        for start, end in runs:
            if start not in seen and end - 1 not in seen:
                kept.append((start, end))
            seen.update(range(start, end))
        out: list[tuple[str, int, int]] = []
        position = 0
        for start, end in sorted(kept):
            out += tokens[position:start]
            first, last = tokens[start][1], tokens[end - 1][2]
            pieces = self._specials.get(text[first:last])
            if pieces is None:
                out += tokens[start:end]
            else:
                for piece in pieces:
                    out.append((piece, first, first + len(piece)))
                    first += len(piece)
            position = end
        out += tokens[position:]
        return out


def spacy_rules() -> dict:
    """The rules of ``spacy.blank("en")``'s tokenizer, from the installed spaCy
    (what ``english_tokenizer.json`` holds). Imports spaCy, which only the
    ``test`` extra installs: a build never needs it."""
    import spacy
    from spacy.attrs import ORTH
    from spacy.lang.en import English
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    defaults = English.Defaults

    def rule(pattern):
        return None if pattern is None else [pattern.pattern, pattern.flags]

    def bound(method):
        return None if method is None else rule(method.__self__)

    return {
        "spacy": spacy.__version__,
        "prefix": rule(compile_prefix_regex(defaults.prefixes)),
        "suffix": rule(compile_suffix_regex(defaults.suffixes)),
        "infix": rule(compile_infix_regex(defaults.infixes)),
        "token_match": bound(defaults.token_match),
        "url_match": bound(defaults.url_match),
        "specials": {
            key: [piece[ORTH] for piece in pieces]
            for key, pieces in sorted(defaults.tokenizer_exceptions.items())
        },
    }
