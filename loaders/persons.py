"""Officials named with their posts: "Vice Governor of Hainan Provincial Government Zhang Weiguo".

The yearbook names people the Chinese way, post first: a title ("Vice
Mayor", "Provincial Party Secretary", "Member of the Standing Committee"),
optionally "of" a body or place, then a romanised name of two or three
capitalised syllable tokens. Several posts may be joined by "and" ("Vice
Party Secretary and Executive Vice Chairman Wu Yingjie"); a place or body may
come before the title ("Hainan Provincial Party Secretary Luo Baoming"); the
name may also come first, with the posts after a comma, or the body after
the name ("Party Secretary Zhou Hong of Sanya City").

A name is recognised by its shape: a one-syllable surname and a given name
of one or two pinyin syllables. That excludes English words ("Mayor", "Inner")
without listing a single real name; place names are pinyin too, so a name is
only read next to a post title.
"""

from __future__ import annotations

from decimal import Decimal

from duikou.loaders.actors import POST_WORDS, org_in
from duikou.loaders.document import Document, Sentence, Span
from duikou.loaders.facts import Evidence, PersonFact, PostMention
from duikou.loaders.spacy_nlp import (
    CONNECTORS,
    Token,
    is_pinyin_name,
    is_pinyin_word,
    sentence_tokens,
)

__all__ = ["PostMention", "PersonFact", "persons_in_sentence", "extract_persons"]

RULE_TITLE_FIRST = "person-title-name"
RULE_NAME_FIRST = "person-name-title"

_MODIFIERS = {"vice", "deputy", "executive", "party", "standing", "first", "general", "acting",
              "board", "honorary", "provincial", "municipal", "regional", "prefectural",
              "county", "city", "district"}  # fmt: skip
"""Words that belong to a title when another title word follows ("County Party Secretary")."""
_TITLEISH = POST_WORDS | _MODIFIERS
_SKIP = {"in", "on", "at", "meanwhile", "also", "then", "and", "the", "from", "to", "by", "with",
         "former", "of", "when", "while", "after", "before", "later"}  # fmt: skip


def _is_title_word(token: Token, next_is_title: bool) -> bool:
    return token.lower in POST_WORDS or (token.lower in _MODIFIERS and next_is_title)


def _title_end(tokens: list[Token], i: int, j: int) -> int:
    """End of the post title starting at ``tokens[i]`` ("Vice Party Secretary", "Member of …")."""
    k = i
    while k < j and _is_title_word(tokens[k], k + 1 < j and tokens[k + 1].lower in _TITLEISH):
        k += 1
    if k > i and tokens[k - 1].lower == "member" and k + 2 < j and tokens[k].lower == "of":
        m = k + 2 if tokens[k + 1].lower == "the" else k + 1
        if m + 2 < j and [t.lower for t in tokens[m : m + 3]] == ["standing", "committee", "of"]:
            return m + 2
    return k


def _span(tokens: list[Token], i: int, j: int) -> Span:
    return Span(tokens[i].start, tokens[j - 1].end)


def _text(tokens: list[Token], i: int, j: int) -> str:
    return "".join(t.text + (" " if t.space_after else "") for t in tokens[i:j]).strip()


def _where(tokens: list[Token], i: int, j: int) -> dict:
    """The body (an organisation name) or else the place named by ``tokens[i:j]``."""
    found = org_in(tokens, i, j)
    if found:
        return {"org": _text(tokens, *found), "org_span": _span(tokens, *found)}
    if i < j and all(t.cap or t.lower in CONNECTORS for t in tokens[i:j]):
        return {"place": _text(tokens, i, j), "place_span": _span(tokens, i, j)}
    return {}


def _post(tokens: list[Token], i: int, j: int) -> PostMention | None:
    """Read one "and"-separated part of a title run as a post."""
    while i < j and tokens[i].lower in _SKIP:
        i += 1
    if i >= j:
        return None
    end = _title_end(tokens, i, j)
    if end > i and tokens[end - 1].lower in POST_WORDS | {"committee"}:  # title first
        title = (i, end)
        rest = end + 1 if end < j and tokens[end].lower == "of" else end
        rest += 1 if rest < j and tokens[rest].lower == "the" else 0
    else:  # place or body first: "Hainan Provincial Party Secretary"
        start = j
        while start > i and _is_title_word(tokens[start - 1], start < j):
            start -= 1
        if start == j:
            return None
        title, rest, j = (start, j), i, start
    return PostMention(_text(tokens, *title), _span(tokens, *title), **_where(tokens, rest, j))


def _bare(post: PostMention) -> bool:
    return post.org is None and post.place is None


def _moved(post: PostMention, source: PostMention) -> PostMention:
    return PostMention(
        post.title, post.span, source.org, source.org_span, source.place, source.place_span
    )


def _share(posts: list[PostMention]) -> list[PostMention]:
    """Give a bare post the body or place its neighbours were written with.

    "Board Director and Party Secretary of X": both posts are in X (the next
    post's "of" body); "Haikou Municipal Deputy Party Secretary and Mayor":
    both are in Haikou (the previous post's leading place).
    """
    out = list(posts)
    for n in range(len(out) - 2, -1, -1):
        if _bare(out[n]) and out[n + 1].org is not None:
            out[n] = _moved(out[n], out[n + 1])
    for n in range(1, len(out)):
        before = out[n - 1]
        where = before.org_span or before.place_span
        if _bare(out[n]) and where is not None and where.end <= before.span.start:
            out[n] = _moved(out[n], before)
    return out


def _posts(tokens: list[Token], i: int, j: int) -> tuple[PostMention, ...]:
    """Posts of a title run, split at each "and" that starts another post."""
    cuts = [i]
    for k in range(i + 1, j - 1):
        nxt = k + 2 if tokens[k + 1].lower == "the" else k + 1
        if tokens[k].lower == "and" and nxt < j and tokens[nxt].lower in _TITLEISH:
            cuts.append(k)
    bounds = zip(cuts, [*cuts[1:], j], strict=True)
    posts = [_post(tokens, a + (a > i), b) for a, b in bounds]
    return tuple(_share([p for p in posts if p is not None]))


def _pinyin_ends(tokens: list[Token]) -> list[int]:
    """For each token, where the window of pinyin-shaped words starting at it ends."""
    ends = [len(tokens)] * (len(tokens) + 1)
    for i in range(len(tokens) - 1, -1, -1):
        token = tokens[i]
        ends[i] = ends[i + 1] if token.cap and is_pinyin_word(token.text) else i
    return ends


def _name_at(tokens: list[Token], i: int, ends: list[int]) -> tuple[int, int] | None:
    """The name ending the window of pinyin-shaped words that starts at ``tokens[i]``.

    ``ends`` is :func:`_pinyin_ends` of *tokens*.
    """
    j = ends[i]
    if j == i:
        return None  # not a pinyin-shaped word
    if j < len(tokens) and tokens[j].cap:
        return None  # "Haikou Jiangdong New Area": a longer capitalised name, not a person
    for size in (3, 2):
        if j - size >= i and is_pinyin_name([t.text for t in tokens[j - size : j]]):
            return j - size, j
    return None


def _run_end(tokens: list[Token], i: int) -> int:
    while i < len(tokens) and (tokens[i].cap or tokens[i].lower in CONNECTORS):
        i += 1
    return i


def _of_after(tokens: list[Token], i: int, posts: tuple) -> tuple[PostMention, ...]:
    """Put posts without a body in the one named after the person ("… Zhou Hong of X City")."""
    where = _where(tokens, i, _run_end(tokens, i))
    if not where or tokens[i].lower in CONNECTORS:
        return posts
    return tuple(PostMention(p.title, p.span, **where) for p in posts)


def persons_in_sentence(doc: Document, sentence: Sentence) -> list[PersonFact]:
    """People named with a post in one sentence, in reading order.

    Worked out once per document and sentence: events read the same mentions.
    """
    key = ("persons", sentence.span.start, sentence.span.end)
    return list(doc.memoized(key, lambda: tuple(_persons_in_sentence(doc, sentence))))


def _persons_in_sentence(doc: Document, sentence: Sentence) -> list[PersonFact]:
    tokens = sentence_tokens(doc, sentence)
    ends = _pinyin_ends(tokens)
    facts, i, floor = [], 0, 0
    while i < len(tokens):
        found = _name_at(tokens, i, ends)
        if found is None:
            i += 1
            continue
        a, b = found
        run = a
        while run > floor and (
            tokens[run - 1].cap or tokens[run - 1].lower in CONNECTORS | _TITLEISH
        ):  # a title may be in lower case: "former vice chairman of the … Committee Chen Kai"
            run -= 1
        posts, rule = _posts(tokens, run, a), RULE_TITLE_FIRST
        if not posts and b + 1 < len(tokens) and tokens[b].text == ",":
            posts, rule = _posts(tokens, b + 1, _run_end(tokens, b + 1)), RULE_NAME_FIRST
        if posts and b + 1 < len(tokens) and tokens[b].lower == "of" and all(map(_bare, posts)):
            posts = _of_after(tokens, b + 1, posts)
        if posts:
            span = _span(tokens, a, b)
            evidence = Evidence(sentence.span, rule, Decimal("0.8"))
            facts.append(PersonFact(doc.quote(span), span, posts, evidence))
            floor = b
        i = b
    return facts


def extract_persons(doc: Document) -> list[PersonFact]:
    """Every person-with-post mention in the document's sentences, in document order."""
    return [fact for s in doc.sentences() for fact in persons_in_sentence(doc, s)]
