"""What a SPARQL text asks for, read without running it: remote fetches, updates.

``SERVICE`` (in a query or an update) and ``LOAD`` (in an update) make the
store fetch from another server, which an endpoint on a laptop must not do for
whoever can reach it. :func:`remote_access` finds them with a lexical scan
that knows SPARQL's strings, IRIs and comments, so a word inside a literal, an
IRI or a comment does not count, while a keyword always does; ``\\u`` escapes
(which SPARQL allows anywhere) are read both raw and decoded. The scan errs on
the side of refusing: a prefixed name such as ``ex:a.SERVICE`` is taken for the
keyword too.

>>> remote_access('SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }')
'SERVICE'
>>> remote_access('SELECT * { ?s ex:service "SERVICE" } # SERVICE')
>>> is_update("PREFIX ex: <http://example.org/> INSERT DATA { ex:a ex:b ex:c }")
True
>>> is_update("# INSERT\\nSELECT * { ?s ?p ?o }")
False
"""

from __future__ import annotations

import re

__all__ = ["remote_access", "is_update", "UPDATE_WORDS"]

UPDATE_WORDS = frozenset(
    ["INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"]
)
"""The words an update operation can start with (after PREFIX and BASE)."""

_OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n\r]*",
    re.DOTALL,
)
"""Strings (long ones first), IRIs (which hold no spaces, unlike ``?a < ?b``) and comments."""
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _words(text: str, wanted: str) -> list[str]:
    """The keywords of *wanted* (an alternation) outside strings, IRIs and comments."""
    bare = _OPAQUE.sub(" ", text)
    # not part of a longer name, a variable (?x $x), a prefixed name (ex:x x:), a language tag
    pattern = rf"(?<![\w:?$@-])({wanted})(?![\w:-])"
    return [m.group(1).upper() for m in re.finditer(pattern, bare, re.IGNORECASE)]


def _decoded(text: str) -> str:
    def char(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code < 0x110000 else ""

    return _ESCAPE.sub(char, text)


def remote_access(text: str, *, update: bool | None = None) -> str | None:
    """``"SERVICE"`` or ``"LOAD"`` if *text* makes the store fetch from elsewhere, else None.

    ``LOAD`` counts in an update only (*update* None: decided by :func:`is_update`).
    """
    if update is None:
        update = is_update(text)
    wanted = "SERVICE|LOAD" if update else "SERVICE"
    for variant in (text, _decoded(text)):
        found = _words(variant, wanted)
        if found:
            return found[0]
    return None


def is_update(text: str) -> bool:
    """True if *text* is a SPARQL Update (its first keyword after the prologue is one)."""
    bare = _OPAQUE.sub(" ", _decoded(text))
    tokens = re.findall(r"[^\s{}()]+", bare)
    i = 0
    while i < len(tokens):
        word = tokens[i].upper()
        if word == "PREFIX":
            i += 2  # PREFIX ex: (the IRI was blanked out)
        elif word == "BASE":
            i += 1
        else:
            return word in UPDATE_WORDS
    return False
