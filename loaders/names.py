"""Find names of places and organisations by their shape in yearbook English.

A name is a run of capitalised words (``Huangzhong County``, ``Xing’an League``,
``Liaoning Electric Power Co., Ltd``). Its last word says what it is: an
administrative word makes it a place of that level, an organisational head
word (Office, Bureau, Foundation, Hospital, …) or a website's domain
(``XMFish.com``) an organisation; a bare name
(``Chifeng``, ``Guizhou``) is taken as a place of unknown level. Runs that
start with a sentence word (``In``, ``According``) or a month are trimmed,
and names right after a post title (``Mayor Yuan Baocheng``) are persons,
not places. No list of places: those come from the gazetteer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from duikou.loaders.document import Document, Span

__all__ = ["Name", "find_names", "names_in", "capitalised_runs", "ADMIN_HEADS", "ORG_HEADS"]

ADMIN_HEADS = {
    "autonomous region": "province", "province": "province", "municipality": "province",
    "autonomous prefecture": "prefecture", "prefecture": "prefecture", "league": "prefecture",
    "city": "prefecture", "autonomous county": "county", "county": "county",
    "district": "county", "banner": "county", "new area": "county", "special zone": "county",
    "town": "township", "township": "township", "village": "village",
}  # fmt: skip
"""Admin word -> level. "City" is prefecture by default; county-level cities exist too."""

ORG_HEADS = {
    "office", "bureau", "department", "commission", "committee", "government", "group",
    "company", "co", "ltd", "corporation", "foundation", "hospital", "school", "university",
    "college", "kindergarten", "association", "federation", "center", "centre", "institute",
    "bank", "society", "chamber", "union", "farm", "park", "base", "station", "corps",
    "cooperative", "factory", "academy", "council", "ministry", "agency", "administration",
    "team", "division", "enterprise", "enterprises", "club", "museum", "library",
}  # fmt: skip

_SENTENCE_WORDS = frozenset(
    """in on from to for the a an at by with as according since after before during under
    among through over meanwhile however also it we they this these that those its their our
    of and besides moreover furthermore first second third fourth fifth throughout based
    adhering taking giving targeting always focusing relying following guided led organized
    combining aiming with upon within while when where which who all each every both some
    such other another more most many several great further relevant related total
    january february march april may june july august september october november december
    vice deputy executive secretary governor mayor director chairman member head president
    minister party standing general manager counterpart pairing twinning poverty
    one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
    hundred thousand million governments enterprises departments people so thus hence then
    now still yet here there""".split()  # noqa: SIM905 - a word list reads best as text
)
_TITLE_WORDS = {
    "mayor", "governor", "secretary", "director", "chairman", "chairwoman", "president",
    "minister", "head", "leader", "commissioner", "member", "principal", "dean", "captain",
    "chief", "mr", "ms", "mrs", "dr", "prof", "professor", "manager",
}  # fmt: skip
_ETHNIC_ADJECTIVES = {
    "tibetan", "hui", "yi", "miao", "zhuang", "uygur", "uyghur", "mongolian", "dong", "tujia",
    "qiang", "bouyei", "buyi", "hani", "dai", "lisu", "naxi", "yao", "bai", "kazak", "han",
}  # fmt: skip
"""An ethnic adjective alone ("Tibetan areas") is not a place name."""
_NOT_PLACE_WORDS = {
    "pairing-off", "pairing", "poverty", "alleviation", "reduction", "cooperation", "project",
    "projects", "plan", "program", "programme", "class", "bases", "agreement", "conference",
    "forum", "seminar", "fair", "expo", "festival", "investment", "tour", "week", "outline",
    "circular", "opinions", "exhibition", "tourism", "caravan", "action",
}  # fmt: skip
"""Words that make a capitalised run a programme, event or document, not a place."""
_NOT_NAMES = {
    "party", "state council", "central committee", "cpc", "lgop", "east-west", "east", "west",
    "rain plan", "national", "chinese", "communist", "new year", "spring festival", "ppt", "tv",
}  # fmt: skip

_WEBSITE = r"[A-Za-z][\w\-]*(?:\.[A-Za-z][\w\-]*)*\.(?:com|net|org|gov|cn)\b(?!\.[a-z])"
"""A website's name ("XMFish.com", "www.sina.com.cn") names the organisation that runs it."""
_WORD_TOKEN = r"[A-Z][\w’'\-]*\.?|[A-Z]{2,}"
_TOKEN = rf"(?:{_WEBSITE}|{_WORD_TOKEN})"
_RUN = re.compile(rf"{_TOKEN}(?:[ \u00a0]+{_TOKEN})*")
_RUN_WITHOUT_SITES = re.compile(rf"(?:{_WORD_TOKEN})(?:[ \u00a0]+(?:{_WORD_TOKEN}))*")
_SITE_ENDS = (".com", ".net", ".org", ".gov", ".cn")
"""A website's name holds one of these; where none is, :data:`_RUN` is
:data:`_RUN_WITHOUT_SITES`, which is four times faster (the website pattern is tried,
and fails, at every letter of every word)."""


def _runs(text: str, start: int, end: int):
    """``_RUN.finditer(text, start, end)``, by the faster pattern where no website can be.

    >>> text = "Visit XMFish.com and Hainan Province, or the iPhone Store."
    >>> [m.group() for m in _runs(text, 0, len(text))]
    ['Visit XMFish.com', 'Hainan Province', 'Phone Store.']
    >>> [m.group() for m in _runs(text, 21, len(text))]
    ['Hainan Province', 'Phone Store.']
    """
    if any(text.find(site, start, end) >= 0 for site in _SITE_ENDS):
        return _RUN.finditer(text, start, end)
    return _RUN_WITHOUT_SITES.finditer(text, start, end)


_LINK = re.compile(r"[ \u00a0]+(?:of|for|and)[ \u00a0]+(?:the[ \u00a0]+)?$")
_CO_LTD = re.compile(r",?\s*(?:Co\.,?\s*Ltd\.?|Ltd\.?|Co\.)")  # matched at a run's end
_WORD = re.compile(r"[\w’'\-.]+")
_NO_LETTERS = re.compile(r"[\d\W]+")
_ADJECTIVE = re.compile(r"-(?:aided|funded|based|made)$")
_POSSESSIVE = re.compile(r"[’']s$")
_PINYIN_SHAPED = re.compile(r"[A-Z][a-z]+")


@dataclass(frozen=True, slots=True)
class Name:
    """A name with absolute offsets; ``kind`` is "region" or "organization"."""

    text: str
    start: int
    end: int
    kind: str
    level: str | None = None


def find_names(text: str, start: int = 0, end: int | None = None) -> list[Name]:
    """Names of places and organisations in ``text[start:end]``, in order.

    >>> [(n.text, n.kind, n.level) for n in find_names("In 2012, Huludao City allocated 4 yuan to "
    ...     "Datong County and Qinghai Provincial Poverty Alleviation Office.")]
    [('Huludao City', 'region', 'prefecture'), ('Datong County', 'region', 'county'), \
('Qinghai Provincial Poverty Alleviation Office', 'organization', None)]
    """
    end = len(text) if end is None else end
    names: list[Name] = []
    for match in _runs(text, start, end):
        s, e = match.start(), match.end()
        if names and s < names[-1].end:  # inside a "Co., Ltd" already absorbed
            continue
        s = _trim_leading(text, s, e)
        if s >= e:
            continue
        e = _absorb_company_suffix(text, e, end)
        if names and _joins_previous(text, names[-1], s, e):
            previous = names.pop()
            s = previous.start
        if _after_title(text, s):
            continue
        name = _classify(text, s, e)  # None too for a person: "Mr. Zhu"
        if name is not None:
            names.append(name)
    return names


def names_in(doc: Document, span: Span) -> list[Name]:
    """``find_names(doc.text, span.start, span.end)``, worked out once per document and span.

    Prose pairings and transfers read the names of the same sentences.
    """
    key = ("names", span.start, span.end)
    return list(doc.memoized(key, lambda: tuple(find_names(doc.text, span.start, span.end))))


def capitalised_runs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of every run of capitalised words in ``text[start:end]``, before
    :func:`find_names` trims, joins and classifies them (a run it rejects as a programme or
    an event, "… City Conference", is here too)."""
    end = len(text) if end is None else end
    return [m.span() for m in _runs(text, start, end)]


def _trim_leading(text: str, s: int, e: int) -> int:
    """Drop sentence words, months and titles at the start of a run."""
    return s + _lead(text[s:e])


@lru_cache(maxsize=4096)
def _lead(run: str) -> int:
    """How many characters of sentence words, months and titles *run* starts with.

    Runs recur all through a chapter ("In Hainan", "Tibet"): each is read once.
    """
    s, e = 0, len(run)
    while s < e:
        m = _WORD.match(run, s, e)
        word = m.group(0).rstrip(".").lower() if m else ""
        if word not in _SENTENCE_WORDS:
            break
        s += len(m.group(0))
        while s < e and run[s] in " \u00a0":
            s += 1
    return s


def _absorb_company_suffix(text: str, e: int, limit: int) -> int:
    m = _CO_LTD.match(text, e, limit)
    return m.end() if m else e


def _joins_previous(text: str, previous: Name, s: int, e: int) -> bool:
    """``Office of Economic Cooperation``: an organisation name continues after of/for/and.

    Across "and" only when what follows is not a complete name of its own
    (``… Co., Ltd and … Co., Ltd`` are two companies).
    """
    if previous.kind != "organization":
        return False
    gap = " " + text[previous.end : s].strip(" ") + " "
    if not _LINK.fullmatch(gap):
        return False
    if gap.strip().startswith("and"):
        last = text[s:e].split()[-1].rstrip(".,")
        website = re.fullmatch(_WEBSITE, last) is not None
        return last.lower() not in ORG_HEADS and last.lower() not in ADMIN_HEADS and not website
    return True


def _is_titled_person(run: str) -> bool:
    """``Mr. Zhu``: a run that starts with a courtesy title names a person."""
    first = run.split()[0].rstrip(".").lower()
    return first in {"mr", "mrs", "ms", "miss", "dr", "prof", "professor"}


def _after_title(text: str, s: int) -> bool:
    before = text[max(0, s - 20) : s].rstrip(" \u00a0").rsplit(" ", 1)[-1].rstrip(".").lower()
    return before in _TITLE_WORDS


def _classify(text: str, s: int, e: int) -> Name | None:
    shape = _shape(text[s:e])
    if shape is None:
        return None
    length, kind, level = shape
    return Name(text[s : s + length], s, s + length, kind, level)


@lru_cache(maxsize=4096)
def _shape(run: str) -> tuple[int, str, str | None] | None:
    """``(length, kind, level)`` of the name that the run *run* starts with, if it is one.

    A run naming a person by a courtesy title ("Mr. Zhu") is none. Runs recur all
    through a chapter: each is read once.
    """
    if _is_titled_person(run):
        return None
    words = run.rstrip(".,").split()
    if not words:
        return None
    phrase = " ".join(words)
    lowered = phrase.lower()
    if lowered in _NOT_NAMES or lowered in _ETHNIC_ADJECTIVES or _NO_LETTERS.fullmatch(phrase):
        return None
    if len(words) == 1 and (phrase.isupper() or _ADJECTIVE.search(phrase)):
        return None  # an acronym in passing ("CD") or an adjective ("Liaoning-aided")
    if re.fullmatch(_WEBSITE, words[-1]):
        return len(run.rstrip(".,")), "organization", None
    e = len(run)
    possessive = _POSSESSIVE.search(words[-1])
    if possessive:  # "Beijing’s enterprises": the name is "Beijing"
        words[-1] = words[-1][: possessive.start()]
        e = run.rindex(words[-1]) + len(words[-1])
        phrase = " ".join(words)
        lowered = phrase.lower()
    e = len(run[:e].rstrip(".,") if not lowered.endswith(("co.", "ltd.")) else run[:e])
    heads = [i for i, w in enumerate(words) if w.rstrip(".,").lower() in ORG_HEADS]
    trailing = words[heads[-1] + 1 :] if heads else []
    if 2 <= len(trailing) <= 3 and all(_PINYIN_SHAPED.fullmatch(w) for w in trailing):
        # "… Municipal Government Gou Zhongwen": a person named after the organisation
        words = words[: heads[-1] + 1]
        e = run[:e].index(words[-1]) + len(words[-1])
        lowered = " ".join(words).lower()
    if words[-1].rstrip(".").lower() not in ORG_HEADS and any(
        w.lower().strip(".,") in _NOT_PLACE_WORDS for w in words
    ):
        return None  # "… Pairing-off Poverty Alleviation", "Framework Agreement", "Hongzhi Class"
    last = words[-1].rstrip(".").lower()
    last_two = " ".join(w.lower() for w in words[-2:])
    if len(words) == 1 and last in ADMIN_HEADS:
        return None  # a bare "City", "League" (as in "League cadres")
    if last_two in ADMIN_HEADS and len(words) > 2:
        return e, "region", ADMIN_HEADS[last_two]
    if last in ORG_HEADS or lowered.endswith(("co., ltd", "co., ltd.", "co.,ltd")):
        return e, "organization", None
    if last in ADMIN_HEADS:
        return e, "region", ADMIN_HEADS[last]
    if any(w.lower().rstrip(".") in ORG_HEADS for w in words):
        return e, "organization", None
    return e, "region", None
