"""Organisations named in the prose, found by the genre's naming shape.

Chinese organisation names in English are a run of capitalised words ending in
a head word that says what the body is: "… Municipal People's Government",
"… Provincial Bureau of Poverty Alleviation and Immigration", "… Trading
Co., Ltd", "… Middle School". So a name is read as: a capitalised run (small
words "of", "and", "for", "the", "&" allowed inside) that contains a head word;
it ends at the last head word or at the "of …" tail after it ("Office of
Poverty Alleviation and Development"). What comes before an "of" that has no
head word is a post or a part, not the body ("Vice Mayor of …", "Science Park
of … University"), so the name starts after it. Two bodies joined by "and"
("Sanya University and Haikou Normal College") are split; "Party Committee and
Government" is one. The head word gives the class.

No names are listed here: only head words, post titles and function words.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from duikou.loaders.document import Document, Sentence, Span
from duikou.loaders.facts import ActorFact, Evidence
from duikou.loaders.spacy_nlp import CONNECTORS, Token, is_pinyin_name, sentence_tokens

__all__ = [
    "ActorFact",
    "extract_actors",
    "actors_in_sentence",
    "org_in",
    "ACTOR_KINDS",
    "RULE",
    "POST_WORDS",
    "HEADS",
]

RULE = "actor-head-word"
ACTOR_KINDS = ("government", "office", "enterprise", "foundation", "hospital", "school", "other")

HEADS = {
    **dict.fromkeys(["government", "council", "congress", "court", "procuratorate"], "government"),
    **dict.fromkeys(
        ["office", "bureau", "department", "commission", "committee", "ministry", "administration"],
        "office",
    ),
    **dict.fromkeys(
        [
            "company",
            "co.",
            "corporation",
            "corp.",
            "group",
            "ltd",
            "ltd.",
            "limited",
            "bank",
            "chamber",
        ],
        "enterprise",
    ),
    "foundation": "foundation",
    **dict.fromkeys(["hospital", "clinic"], "hospital"),
    **dict.fromkeys(
        ["school", "university", "college", "kindergarten", "institute", "academy"], "school"
    ),
    **dict.fromkeys(["association", "federation", "society", "corps", "center", "centre"], "other"),
}
"""Head words and the class they give (refined by :func:`_kind`)."""

_TAILS = ("of", "for")
_NO_TAIL = {"co.", "ltd", "ltd.", "limited"}
POST_WORDS = {"vice", "deputy", "executive", "mayor", "governor", "secretary", "secretary-general",
              "director", "director-general", "chairman", "chairwoman", "member", "head",
              "president", "minister", "leader", "commissioner", "chief", "principal", "dean",
              "manager", "counsel", "inspector"}  # fmt: skip
"""Words of post titles: a name part starting with one is a post, not a body."""
_GOV_COMMITTEE = {"party", "cpc", "standing", "municipal", "provincial", "prefectural",
                  "county", "district", "village", "central", "city", "people's",
                  "people\u2019s"}  # fmt: skip
_GENERIC = {
    "municipal",
    "provincial",
    "prefectural",
    "county",
    "city",
    "town",
    "township",
    "village",
    "district",
    "central",
    "primary",
    "middle",
    "secondary",
    "experimental",
    "leading",
    "standing",
    "party",
    "people's",
    "people\u2019s",
    "ltd",
    "ltd.",
    "co.",
}
_CHARITY = {"charity", "charitable", "poverty", "red", "welfare"}
_MEDICAL = {"health", "medical"}
_LEADING = {"the", "a", "an", "in", "on", "at", "by", "to", "from", "with", "under", "as", "among",
            "for", "according", "since", "during", "after", "through", "also", "meanwhile", "both",
            "all", "relevant", "former", "some", "many", "each", "every", "this", "that", "these",
            "those", "its", "their", "our", "we", "it", "they", "he", "she", "besides", "and",
            "of", *POST_WORDS}  # fmt: skip


def _word(token: Token) -> str:
    """Lower-case word without a possessive ending."""
    return _without_possessive(token.lower)


@lru_cache(maxsize=4096)
def _without_possessive(lower: str) -> str:
    for ending in ("'s", "\u2019s"):
        if lower.endswith(ending) and lower not in ("people's", "people\u2019s"):
            return lower[: -len(ending)]
    return lower


def _is_head(token: Token) -> bool:
    return token.cap and _without_possessive(token.lower) in HEADS


def _runs(tokens: list[Token]) -> list[tuple[int, int]]:
    """``[i, j)`` index ranges of capitalised runs, small words allowed inside."""
    runs, i = [], 0
    while i < len(tokens):
        if not tokens[i].cap:
            i += 1
            continue
        j = i + 1
        while j < len(tokens):
            tok = tokens[j]
            if (
                tok.cap
                or tok.lower in CONNECTORS
                or tok.text == ","
                and tokens[j - 1].lower == "co."
                and j + 1 < len(tokens)
                and tokens[j + 1].lower.rstrip(".") == "ltd"
            ):
                j += 1
            else:
                break
        while j > i and tokens[j - 1].lower in CONNECTORS:
            j -= 1
        runs.append((i, j))
        i = max(j, i + 1)
    return runs


def _ends_as_org(tokens: list[Token], i: int, j: int) -> bool:
    """``tokens[i:j]`` ends in a head word, or a head word and an "of …"/"for …" tail."""
    heads = [k for k in range(i, j) if _is_head(tokens[k])]
    return bool(heads) and (heads[-1] == j - 1 or tokens[heads[-1] + 1].lower in _TAILS)


def _split(tokens: list[Token], i: int, j: int) -> list[tuple[int, int]]:
    """Cut a run at each "and" that joins two complete names, or a name and a post."""
    parts, start = [], i
    for k in range(i + 1, j - 1):
        if tokens[k].lower not in ("and", "&"):
            continue
        r = k + 2 if tokens[k + 1].lower == "the" else k + 1
        if r >= j or not tokens[r].cap:
            continue
        if _word(tokens[r]) in POST_WORDS:
            parts.append((start, k))
            start = r
            continue
        head = next((n for n in range(r, j) if _is_head(tokens[n])), None)
        words = [t for t in tokens[r:j] if t.lower not in CONNECTORS]
        if (head is not None and len(words) >= 2 and _ends_as_org(tokens, start, k)
                and all(t.lower not in ("and", "&") for t in tokens[r:head])):  # fmt: skip
            parts.append((start, k))
            start = r
    parts.append((start, j))
    return parts


def org_in(tokens: list[Token], i: int, j: int) -> tuple[int, int] | None:
    """The organisation name inside ``tokens[i:j]`` as an index range, if there is one."""
    heads = [k for k in range(i, j) if _is_head(tokens[k])]
    if not heads:
        return None
    for k in range(heads[0] - 1, i - 1, -1):  # a post or a part "of" the body: start after it
        if tokens[k].lower in _TAILS:
            i = k + 1
            break
    for k in range(heads[0] - 1, i, -1):  # "Haikou and the City ... Commission"
        if tokens[k].lower == "the" and tokens[k - 1].lower == "and":
            i = k + 1
            break
    if i == 0 and heads[0] > 0 and tokens[0].lower.endswith("ed"):
        i = 1  # a sentence-initial verb ("Supported Hainan Provincial ...")
    while i < heads[0] and (tokens[i].lower in _LEADING or tokens[i].lower in CONNECTORS):
        i += 1
    end = heads[-1] + 1
    if end < j and tokens[end].text == "," and tokens[end - 1].lower == "co.":
        end += 2  # "Co., Ltd"
    elif end + 1 < j and tokens[end].lower in _TAILS and tokens[end - 1].lower not in _NO_TAIL:
        end = j
        for size in (3, 2):  # "Bureau of Commerce Lin Hai": a person named after the body
            names = [t.text for t in tokens[end - size : end]]
            if end - size > heads[-1] + 2 and is_pinyin_name(names):
                end -= size
                break
    words = [_word(t) for t in tokens[i:end] if t.lower not in CONNECTORS and t.text[0].isalnum()]
    if len(words) < 2 or all(w in HEADS or w in _GENERIC for w in words):
        return None  # "the Leading Group", "Central Hospital": a reference, not a name
    return i, end


def _kind(tokens: list[Token]) -> str:
    words = [_word(t) for t in tokens]
    k = max(n for n, t in enumerate(tokens) if _is_head(t))
    head, before = words[k], set(words[:k])
    if head == "group":
        return "office" if k and words[k - 1] == "leading" else "enterprise"
    if head == "committee" and (before & _GOV_COMMITTEE):
        return "government"
    if head in ("association", "federation", "society") and before & _CHARITY:
        return "foundation"
    if head in ("center", "centre") and before & _MEDICAL:
        return "hospital"
    return HEADS[head]


def actors_in_sentence(doc: Document, sentence: Sentence) -> list[ActorFact]:
    """Organisations named in one sentence, in reading order.

    Worked out once per document and sentence: events read the same mentions.
    """
    key = ("actors", sentence.span.start, sentence.span.end)
    return list(doc.memoized(key, lambda: tuple(_actors_in_sentence(doc, sentence))))


def _actors_in_sentence(doc: Document, sentence: Sentence) -> list[ActorFact]:
    tokens = sentence_tokens(doc, sentence)
    evidence = Evidence(sentence.span, RULE, Decimal("0.8"))
    facts = []
    for run in _runs(tokens):
        for i, j in _split(tokens, *run):
            found = org_in(tokens, i, j)
            if found is None:
                continue
            a, b = found
            start, end = tokens[a].start, tokens[b - 1].end
            last = tokens[b - 1].lower
            if last.endswith(("'s", "\u2019s")) and _word(tokens[b - 1]) != last:
                end -= 2
            span = Span(start, end)
            facts.append(ActorFact(doc.quote(span), span, _kind(tokens[a:b]), evidence))
    return facts


def extract_actors(doc: Document) -> list[ActorFact]:
    """Every organisation mention in the document's sentences, in document order."""
    return [fact for s in doc.sentences() for fact in actors_in_sentence(doc, s)]
