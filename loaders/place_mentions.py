"""Every place the prose names, whether or not a relation uses it.

The other extractors turn a place into a party of a fact (a donor, a
recipient, an event's location); a city named only in a sentence about a
visit, or the province an organisation is named after ("Sanya Municipal
Government"), would never reach the graph. This extractor reads every
capitalised run of every sentence (:func:`duikou.loaders.names.names_in`, and the
runs it rejects as programmes or events: "… City Conference") and
keeps the parts of it that are division names, each as a
:class:`~duikou.loaders.facts.PlaceMentionFact` that the resolution stage
resolves in context like any other place.

A run is cut at "of", "for" and "and" ("Tongshi Town Central School of Baisha
County") and read from the left: at each word, the longest stretch of words
that names a place is taken:

* a name ending in an admin word ("Baisha County", "Alxa League"), when the
  gazetteer knows it or its stem is one or two pinyin words (a misspelling
  with its admin word is left to the resolver); towns and villages by
  their pinyin stem (they have no code, but they are places);
* a bare name the gazetteer knows ("Sanya", "Inner Mongolia") of more than
  one syllable: a single syllable ("Yuan", "You") is an ordinary word or a
  surname far more often than a county.

No new stretch starts right after a one-syllable pinyin word: that is a
surname, and what follows it a given name ("Li Wenchang" names a person, not
the city Wenchang). A plural admin word after a list ("Linzhou, Dazi
and Mozhugongka Counties") gives the level to each member of the list.
Organisations, facilities and persons are never mentions themselves; only the
place an organisation is named after is. No place is listed here: the
gazetteer decides what is a division name.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from decimal import Decimal
from functools import lru_cache
from itertools import accumulate

from duikou.gazetteer import load
from duikou.gazetteer.normalize import ETHNIC_WORDS, pinyin_syllables
from duikou.loaders.document import Document, Span
from duikou.loaders.facts import Evidence, PlaceMention, PlaceMentionFact
from duikou.loaders.names import ADMIN_HEADS, capitalised_runs, names_in

__all__ = ["extract_place_mentions", "places_in_run", "places_in_sentence", "RULE"]

RULE = "place-mention"
_CONFIDENCE = Decimal("0.9")
_LEVELS_WITH_CODES = ("province", "prefecture", "county")
_PLURAL_HEADS = {
    "provinces": "province", "municipalities": "province", "prefectures": "prefecture",
    "cities": "prefecture", "leagues": "prefecture", "counties": "county",
    "districts": "county", "banners": "county", "towns": "township",
    "townships": "township", "villages": "village",
}  # fmt: skip
_SPLIT = re.compile(r"[ \u00a0]+(?:of|for|and)[ \u00a0]+(?:the[ \u00a0]+)?|,[ \u00a0]*")
_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][\w’'.]*")
_LIST_GAP = re.compile(r"[ \u00a0]*(?:,[ \u00a0]*(?:and[ \u00a0]+)?|[ \u00a0]+and[ \u00a0]+)")
_MAX_WORDS = 6
_POSSESSIVE = re.compile(r"[’']s$")
_LOWER_ADMIN = re.compile(r"[ \u00a0]+(town|township|village|county|prefecture|province)\b")
_QUALIFIERS = {"new", "old"}
"""Words a town's or village's stem may hold besides pinyin ("Shuiwei New Village")."""


def extract_place_mentions(doc: Document) -> list[PlaceMentionFact]:
    """One fact per place named in a sentence of *doc*, in document order."""
    facts: list[PlaceMentionFact] = []
    for sentence in doc.sentences():
        evidence = Evidence(sentence.span, RULE, _CONFIDENCE)
        seen: set[tuple[int, int]] = set()
        for place in places_in_sentence(doc, sentence.span):
            if (place.span.start, place.span.end) not in seen:
                seen.add((place.span.start, place.span.end))
                facts.append(PlaceMentionFact(place, evidence))
    return _provinces_listed(doc.text, listed_before(doc.text, facts))


def places_in_sentence(doc: Document, span: Span) -> list[PlaceMention]:
    """The places the sentence *span* names, left to right, worked out once per sentence.

    Relations read them too: a place named only inside a programme's title
    ("the “Mainling · Sanya Activity of …”") is still a place of the sentence.
    """

    def find() -> tuple[PlaceMention, ...]:
        return tuple(p for s, e in _runs(doc, span) for p in places_in_run(doc.text, s, e))

    return list(doc.memoized(("places", span.start, span.end), find))


def _runs(doc: Document, span: Span) -> list[tuple[int, int]]:
    """The names of the sentence (:func:`names_in`) and, where it found none, the bare
    capitalised runs: a place named inside a programme or event ("… City Conference")."""
    names = sorted(names_in(doc, span), key=lambda n: n.start)
    starts = [n.start for n in names]
    reach = list(accumulate((n.end for n in names), max))  # the furthest end so far
    runs = [(n.start, n.end) for n in names]
    for start, end in capitalised_runs(doc.text, span.start, span.end):
        index = bisect_left(starts, end) - 1  # the names that start before the run ends
        if index < 0 or reach[index] <= start:  # … all end before it starts
            runs.append((start, end))
    return sorted(runs)


def places_in_run(text: str, start: int, end: int) -> list[PlaceMention]:
    """The places named inside the capitalised run ``text[start:end]``, left to right."""
    places: list[PlaceMention] = []
    part_start = start
    for gap in [*_SPLIT.finditer(text, start, end), None]:
        part_end = gap.start() if gap else end
        places += _places_in_part(text, part_start, part_end)
        if gap:
            part_start = gap.end()
    if places:
        places = _listed_levels(text, places, end)
        places[-1] = _lowercase_admin_word(text, places[-1], end)
    return places


def _lowercase_admin_word(text: str, place: PlaceMention, end: int) -> PlaceMention:
    """ "Tongshi town": an admin word written in lower case after the run gives its level."""
    if place.level is not None or place.span.end != end:
        return place
    word = _LOWER_ADMIN.match(text, end)
    if word is None:
        return place
    return PlaceMention(place.name, place.span, ADMIN_HEADS[word.group(1)])


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Word spans of ``text[start:end]``; a hyphen between names parts them ("Hainan-Tibet")."""
    spans = []
    for match in _WORD.finditer(text, start, end):
        s, e = match.start(), match.end()
        word = _POSSESSIVE.sub("", text[s:e].rstrip("."))  # "Tongshi Town’s": the town
        e = s + len(word)
        if e > s:
            spans.append((s, e))
    out = []
    for s, e in spans:
        piece_start = s
        for m in re.finditer(r"-(?=[A-Z])", text[s:e]):
            out.append((piece_start, s + m.start()))
            piece_start = s + m.end()
        out.append((piece_start, e))
    return out


def _places_in_part(text: str, start: int, end: int) -> list[PlaceMention]:
    words = _words(text, start, end)
    places: list[PlaceMention] = []
    i = 0
    while i < len(words):
        found = None
        if i == 0 or not _blocks(text, words[i - 1], places):
            for j in range(min(len(words), i + _MAX_WORDS), i, -1):
                name = text[words[i][0] : words[j - 1][1]]
                level = _place_level(name)
                if level is not False and _follows(places, words[i][0], text, name, level):
                    found = (j, PlaceMention(name, Span(words[i][0], words[j - 1][1]), level))
                    break
        if found is None:
            i += 1
            continue
        i, place = found
        places.append(place)
    return places


def _blocks(text: str, previous: tuple[int, int], places: list[PlaceMention]) -> bool:
    """Whether the word *previous* keeps a place from starting right after it.

    A pinyin word of one to three syllables that is not itself part of a place is a
    surname or a brand ("Li Wenchang", "Hengda Xinhua Textile Company"): what
    follows it is a given name or the rest of the brand, not a place.
    """
    if places and places[-1].span.end == previous[1]:
        return False
    return 1 <= pinyin_syllables(text[previous[0] : previous[1]]) <= 3


def _follows(places: list[PlaceMention], start: int, text: str, name: str, level) -> bool:
    """A bare name right after a bare place is inside it ("Tibet Lhasa") or a brand
    ("Haikou Tianya Group"): taken only when the gazetteer has it inside that place."""
    if not places or level is not None or places[-1].level is not None:
        return True
    if text[places[-1].span.end : start].strip():
        return True
    return _inside(name, places[-1].name)


def _place_level(name: str) -> str | None | bool:
    """The level of the place *name* names (``None``: unknown), or ``False`` if it is none."""
    return _level_of(" ".join(name.split()))


@lru_cache(maxsize=8192)
def _level_of(name: str) -> str | None | bool:
    words = name.split()
    admin, level = _admin_word(words)
    stem = words[: len(words) - admin]
    if not stem or any(not w[:1].isupper() for w in stem):
        return False
    if any(w.lower() in ADMIN_HEADS or w.lower() in _PLURAL_HEADS for w in stem):
        return False  # "Lhasa City Dazi County" is two places
    if all(w.lower() in ETHNIC_WORDS for w in stem) and not _known(name):
        return False  # "Dong Autonomous Prefecture", the tail of "… Miao and Dong …"
    if level is not None:
        if _known(name):
            return level
        pinyin_stem = (
            len(stem) <= 2
            and all(pinyin_syllables(w) or w.lower() in _QUALIFIERS for w in stem)
            and bool(pinyin_syllables(stem[0]))
        )
        if level in _LEVELS_WITH_CODES:
            return level if pinyin_stem and len(stem) == 1 else False
        return level if pinyin_stem else False
    if all(pinyin_syllables(w) == 1 for w in stem) and not _spelled_so(name):
        return False  # "Yuan", "You": a word or a surname; "Li Ming": a person
    return None if _known(name) else False


def _admin_word(words: list[str]) -> tuple[int, str | None]:
    """How many of the last *words* are an admin word, and the level it gives."""
    for n in (2, 1):
        if len(words) > n:
            phrase = " ".join(words[-n:]).lower()
            if phrase in ADMIN_HEADS:
                return n, ADMIN_HEADS[phrase]
    return 0, None


@lru_cache(maxsize=4096)
def _inside(name: str, parent: str) -> bool:
    return bool(load().match(name, within=parent))


@lru_cache(maxsize=4096)
def _spelled_so(name: str) -> bool:
    """Whether a division is spelled with these very words ("Hong Kong", not "Li Ming")."""
    if len(name.split()) < 2:
        return False
    words = name.lower()
    return any(
        (c.division.name_en or "").lower().startswith(words)
        or any(alt.lower() == words for alt in c.division.alt_names)
        for c in load().match(name)
    )


@lru_cache(maxsize=16384)
def _known(name: str) -> bool:
    """Whether the gazetteer has a division of this name (any level, any year)."""
    return bool(load().match(name))


def _listed_levels(text: str, places: list[PlaceMention], end: int) -> list[PlaceMention]:
    """ "Linzhou, Dazi and Mozhugongka Counties": the plural admin word after the last
    member gives the level to each bare member of the list before it."""
    last = places[-1]
    word = re.match(r"[ \u00a0]+([A-Za-z]+)", text[last.span.end : end + 20])
    level = _PLURAL_HEADS.get(word.group(1).lower()) if word else None
    if level is None or last.level is not None:
        return places
    return [*places[:-1], PlaceMention(last.name, last.span, level)]


def listed_before(text: str, facts: list[PlaceMentionFact]) -> list[PlaceMentionFact]:
    """Give a list's plural level ("… and Mozhugongka Counties") to the bare members before it."""
    out = list(facts)
    carry: str | None = None
    for k in range(len(out) - 1, -1, -1):
        place = out[k].place
        if carry is None and place.level is not None and _plural_after(text, place):
            carry = place.level
            continue
        if carry is None:
            continue
        after = out[k + 1]
        gap = text[place.span.end : after.place.span.start]
        if (
            place.level is None
            and after.evidence.span == out[k].evidence.span
            and (_LIST_GAP.fullmatch(gap))
        ):
            out[k] = PlaceMentionFact(PlaceMention(place.name, place.span, carry), out[k].evidence)
        else:
            carry = None
    return out


def _plural_after(text: str, place: PlaceMention) -> bool:
    word = re.match(r"[ \u00a0]+([A-Za-z]+)", text[place.span.end : place.span.end + 20])
    return bool(word) and word.group(1).lower() in _PLURAL_HEADS


def _provinces_listed(text: str, facts: list[PlaceMentionFact]) -> list[PlaceMentionFact]:
    """ "Jilin, Anhui and Hainan": a list of three or more bare names that
    can each be a province is a list of provinces (not a district of the same name)."""
    out = list(facts)
    k = 0
    while k < len(out):
        end = k + 1
        while end < len(out) and _listed_with(text, out[end - 1], out[end]):
            end += 1
        members = out[k:end]
        if len(members) >= 3 and all(
            f.place.level is None and _can_be_province(f.place.name) for f in members
        ):
            for n, fact in enumerate(members, start=k):
                place = PlaceMention(fact.place.name, fact.place.span, "province")
                out[n] = PlaceMentionFact(place, fact.evidence)
        k = end
    return out


def _listed_with(text: str, before: PlaceMentionFact, after: PlaceMentionFact) -> bool:
    gap = text[before.place.span.end : after.place.span.start]
    return before.evidence.span == after.evidence.span and bool(_LIST_GAP.fullmatch(gap))


@lru_cache(maxsize=4096)
def _can_be_province(name: str) -> bool:
    return bool(load().match(name, level="province"))
