"""Resolve place mentions to GB/T 2260 divisions, with the document as context.

A mention is looked up in the gazetteer by its name and the level its admin
word implies, in the code list of the year the document reports on, and
inside the places the text gives around it, in this order: the parent named
right after it ("Huangping County of Qiandongnan"), the section's recipient,
the section's donor, then anywhere. The first context that gives candidates
decides; one best candidate resolves the mention, several equally good ones
leave it ambiguous. Nothing is guessed: ambiguous and unknown places keep a
node of their own, without a code, marked by ``dk:resolution``.
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from duikou.gazetteer import Division, load, parse_mention
from duikou.gazetteer.normalize import level_from_name

__all__ = ["Resolution", "PlaceResolver", "ResolvedPlaces", "resolve_places"]

_STEMS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
"""Per gazetteer, the divisions of each province with their name keys
(:meth:`PlaceResolver._province_stems`): at most one list per province."""


class _Span(Protocol):
    start: int
    end: int


class Mention(Protocol):
    """A place as the text names it (the loaders' ``Mention`` is one)."""

    name: str
    span: _Span
    level: str | None


NameFinder = Callable[[str, int, int], Sequence[Any]]
"""``find_names(text, start, end)``: the capitalised names in ``text[start:end]``, each
with ``text``, ``start``, ``kind`` ("region" or another) and ``level``."""

_RANK = {"province": 0, "prefecture": 1, "county": 2}
_LIST_THEN_OF = re.compile(r"(?:\s*,\s*[A-Z][\w’'\-]*(?:\s[A-Z][\w’'\-]*)*)*\s+of\s+")
_PEOPLE = re.compile(r"\s+(?:people|nationality|ethnic group)\b", re.I)
"""After a name: an ethnic group ("Dulong people"), not a place."""
_FACILITY_WORDS = {
    "market", "school", "primary", "zone", "valley", "project", "projects", "activity",
    "governments", "government", "textile", "park", "base", "farm", "garden", "plaza",
    "road", "street", "company", "group", "fund", "foundation", "hospital", "university",
}  # fmt: skip
_INITIAL = "zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw]"
_FINAL = (
    "iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|er|in|un|vn|"
    "ia|ie|iu|ua|uo|ui|ue|ve|a|o|e|i|u|v"
)
_PINYIN = re.compile(rf"(?:(?:{_INITIAL})(?:{_FINAL})|a|ai|an|ang|ao|e|ei|en|eng|er|o|ou)+")
"""A word made of pinyin syllables ("Wangjiatu"); "Sunshine" passes too, "Activity" does not."""


def _one_edit(a: str, b: str) -> bool:
    """Whether *a* and *b* differ by one substitution, insertion or deletion."""
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 4:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


_OF_BEFORE = re.compile(r"\s+of\s+(?:the\s+)?$")
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|)")
_MUNICIPALITIES = {"11", "12", "31", "50"}  # Beijing, Tianjin, Shanghai, Chongqing
_PARENT = re.compile(r"\s+(?:of|in)\s+(?:the\s+)?")
_COLLECTIVE = re.compile(r"^(?:the\s|[a-z\d])")


@dataclass(frozen=True)
class Resolution:
    """What a mention resolved to; ``division`` only when ``status == "resolved"``."""

    status: str
    division: Division | None = None
    confidence: float = 0.0
    rule: str = ""
    candidates: tuple[str, ...] = field(default_factory=tuple)


class PlaceResolver:
    """Resolves the place mentions of one document (results cached per mention).

    The gazetteer knows no loader: *doc* is anything with the loaders'
    ``Document`` shape (``text``, and ``sections`` with ``span``, ``kind``,
    ``donor``, ``recipient`` and ``all_paragraphs()``), *year* the year the
    document reports on, and *find_names* the loaders' name finder, which
    gives the other places of a paragraph and the parent named after a place.
    """

    def __init__(self, doc, *, year: int | None, find_names: NameFinder):
        self.doc = doc
        self.year = year
        self.find_names = find_names
        self.gazetteer = load()
        self._cache: dict[tuple[str, int], Resolution] = {}
        self._names: dict[int, list] = {}
        # The mentions resolved so far, by the key of their name (in the order resolved):
        # the first to a division, and the first to each division. "As elsewhere in the
        # document" asks these instead of reading every earlier mention again.
        self._first_resolved: dict[str, tuple[str, Resolution]] = {}
        self._first_by_code: dict[str, dict[str, tuple[int, str, Resolution]]] = {}
        self._sections = _Spans([s.span for s in doc.sections], closed=True)
        self._paragraphs = _Spans(
            [p.span for s in doc.sections for p in s.all_paragraphs()], closed=False
        )

    def resolve(self, place: Mention) -> Resolution:
        key = (place.name, place.span.start)
        if key not in self._cache:
            resolution = self._cache[key] = self._resolve(place)
            if key[1] >= 0 and resolution.division is not None:
                self._remember(place.name, resolution)
        return self._cache[key]

    def forget_paragraphs(self) -> None:
        """Drop the names kept for each paragraph read so far: a long document is
        resolved a few sections at a time, and a part's paragraphs are not read again."""
        self._names.clear()

    def _remember(self, name: str, resolution: Resolution) -> None:
        stem = parse_mention(name).key
        self._first_resolved.setdefault(stem, (name, resolution))
        by_code = self._first_by_code.setdefault(stem, {})
        by_code.setdefault(resolution.division.code, (len(self._cache), name, resolution))

    def _resolve(self, place: Mention) -> Resolution:
        name = place.name
        if _COLLECTIVE.match(name) or "," in name or " and " in name:
            return Resolution("collective")
        level = place.level or level_from_name(name)
        if level in ("township", "village") or (level is None and self._inside_a_county(place)):
            return Resolution("below-county")
        if level == "prefecture" and re.search(r"\bCity$", name):
            level = None  # "City" names prefecture-level and county-level cities alike
        if not self._looks_like_a_place(name, level) or _PEOPLE.match(
            self.doc.text, place.span.end
        ):
            return Resolution("not-a-place")
        resolution = self._checked(place, self._lookup(name, level, self._contexts(place)))
        if resolution.status == "ambiguous":
            resolution = self._by_children(place, resolution) or resolution
        if resolution.status == "unresolved" and resolution.candidates:
            resolution = self._same_division_elsewhere(name, resolution) or resolution
        if resolution.status == "unresolved" and self._own_bare_name(name, resolution):
            # a bare name the gazetteer knows, outside the section ("Tianya" of a "Tianya
            # Group"): a name of its own, not a misspelling of a place one letter away
            return self._named_elsewhere(name) or resolution
        if resolution.status == "unresolved":
            resolution = self._variant(place, level) or self._named_elsewhere(name) or resolution
        return resolution

    def _same_division_elsewhere(self, name: str, resolution: Resolution) -> Resolution | None:
        """A county of a third province, named in a section outside its provinces, is the
        division the same name resolved to elsewhere in the document, when the gazetteer
        found that very division here too."""
        by_code = self._first_by_code.get(parse_mention(name).key, {})
        found = [by_code[code] for code in resolution.candidates if code in by_code]
        if not found:
            return None
        _, other, earlier = min(found, key=lambda item: item[0])  # the first resolved
        rule = f"as {other!r} elsewhere in the document"
        return Resolution("resolved", earlier.division, earlier.confidence, rule)

    def _own_bare_name(self, name: str, resolution: Resolution) -> bool:
        """Whether *name*, without an admin word, is the own name of a division the
        section does not hold (not an alias, which may be a misspelling)."""
        if not resolution.candidates or parse_mention(name).admin:
            return False
        found = self.gazetteer.match(name, year=self.year)
        return any(
            c.division.code in resolution.candidates and c.rule.startswith("name") for c in found
        )

    def _by_children(self, place: Mention, resolution: Resolution) -> Resolution | None:
        """``Jincheng and Yuncheng of Shanxi``: of the candidates of an ambiguous name, the
        one that holds the places listed right before its "of"."""
        text = self.doc.text
        start = place.span.start
        before = _OF_BEFORE.search(text, max(0, start - 12), start)
        if before is None:
            return None
        window = max(0, before.start() - 120)
        children = []
        cursor = before.start()
        for name in reversed(self.find_names(text, window, before.start())):
            if name.kind != "region" or not _LIST_GAP.fullmatch(text, name.end, cursor):
                break
            children.append(name.text)
            cursor = name.start
        if not children:
            return None
        found = [
            code
            for code in resolution.candidates
            if all(self.gazetteer.match(c, year=self.year, within=code) for c in children)
        ]
        if len(found) != 1:
            return None
        division = self.gazetteer.get(found[0], year=self.year)
        rule = f"holds {', '.join(reversed(children))}"
        return Resolution("resolved", division, 0.9, rule)

    def _inside_a_county(self, place: Mention) -> bool:
        """``Xiaocaokulun, Aorunsumo of Aohan Banner``: bare names listed inside a county."""
        tail = _LIST_THEN_OF.match(self.doc.text, place.span.end)
        if not tail:
            return False
        names = self.find_names(self.doc.text, tail.end(), min(len(self.doc.text), tail.end() + 80))
        return bool(names) and names[0].start == tail.end() and names[0].level == "county"

    def _named_elsewhere(self, name: str) -> Resolution | None:
        """A bare "Hongsipu" is the "Hongsipu District" resolved earlier in the document."""
        stem = parse_mention(name)
        if stem.admin:
            return None
        first = self._first_resolved.get(stem.key)
        if first is None:
            return None
        other, resolution = first
        rule = f"as {other!r} elsewhere in the document"
        return Resolution("resolved", resolution.division, resolution.confidence, rule)

    def _looks_like_a_place(self, name: str, level: str | None) -> bool:
        """Facilities, markets and English words are not places (the name finder is eager)."""
        words = re.findall(r"[A-Za-z]+", name)
        admin = parse_mention(name).admin
        if admin and words[-len(admin.split()) :] and " ".join(words).lower().endswith(admin):
            words = words[: -len(admin.split())]  # "… Special Zone" is no facility
        if {w.lower() for w in words} & _FACILITY_WORDS:
            return False
        if level is not None or self.gazetteer.match(name):
            return True
        return all(_PINYIN.fullmatch(w.lower()) for w in words)

    def _variant(self, place: Mention, level: str | None) -> Resolution | None:
        """A misspelling inside the section's provinces: one letter off ("Dunhua County" for
        Xunhua, "Nanching" for Nanchong; a bare name only for a prefecture or province, as a
        bare "Dulong" is not the county Yulong), or the wrong admin word ("Yulin County" for
        Yulin City). Accepted only when exactly one division fits; recorded with a lower
        confidence."""
        provinces = self._section_provinces(place.span.start)
        if not provinces:
            return None
        mention = parse_mention(place.name)
        found: dict[str, tuple[Division, str]] = {}
        for province in provinces:
            for candidate in self.gazetteer.match(place.name, year=self.year, within=province):
                found.setdefault(candidate.division.code, (candidate.division, "admin word"))
            for division, stem in self._province_stems(province):
                if not division.valid_in(self.year or 0):
                    continue
                if not mention.admin and division.level == "county":
                    continue  # a bare "Dulong" is not the county Yulong: too many counties
                if level and division.level != level:
                    continue
                if stem != mention.key and _one_edit(stem, mention.key):
                    found.setdefault(division.code, (division, "one letter"))
        if len(found) != 1:
            return None
        division, how = next(iter(found.values()))
        return Resolution("resolved", division, 0.6, f"spelling variant ({how}) within section")

    def _province_stems(self, province: str) -> list[tuple[Division, str]]:
        """The divisions of *province*, in the gazetteer's order, each with the key of its
        English name: read once per province and process (a scan of the whole gazetteer),
        not once per misspelling nor once per document."""
        by_province = _STEMS.get(self.gazetteer)
        if by_province is None:
            by_province = _STEMS[self.gazetteer] = {}
        stems = by_province.get(province)
        if stems is None:
            stems = by_province[province] = [
                (division, parse_mention(division.name_en).key)
                for division in self.gazetteer
                if division.province_code == province
            ]
        return stems

    def _section_provinces(self, offset: int) -> list[str]:
        section = self._section_of(offset)
        if section is None or section.kind != "pairing":
            return []
        sides = (self._side(section.recipient), self._side(section.donor))
        return list(dict.fromkeys(d.province_code for d in sides if d is not None))

    def _checked(self, place: Mention, resolution: Resolution) -> Resolution:
        """A county, or a place matched only through an alias, found outside both sides of
        the section is more likely a misspelling ("Dunhua County" for Xunhua, "Nanching" for
        Nanchong) than a place of a third province: left unresolved (a variant may fit)."""
        division = resolution.division
        if division is None or "within" in resolution.rule:
            return resolution
        if division.level != "county" and not resolution.rule.startswith("alias"):
            return resolution
        section = self._section_of(place.span.start)
        if section is None or section.kind != "pairing":
            return resolution
        sides = {d.province_code for d in map(self._side, (section.donor, section.recipient)) if d}
        if sides and division.province_code not in sides:
            return Resolution("unresolved", candidates=(division.code,))
        return resolution

    def _lookup(self, name: str, level: str | None, contexts) -> Resolution:
        for within in contexts:
            itself = self._context_itself(name, level, within)
            if itself is not None:
                return itself
            found = self.gazetteer.match(name, level=level, year=self.year, within=within)
            if name.endswith(" City"):  # a city is a province only if a municipality
                found = [
                    c
                    for c in found
                    if c.division.level != "province" or c.division.code[:2] in _MUNICIPALITIES
                ]
            if not found:
                continue
            best = found[0]
            ties = [c for c in found if c.confidence >= best.confidence - 1e-9]
            top = min(_RANK[c.division.level] for c in ties)
            if level is None:  # a bare "Linxia" is the prefecture, not its seat county
                ties = [c for c in ties if _RANK[c.division.level] == top]
            if len({c.division.code for c in ties}) > 1:
                return Resolution("ambiguous", candidates=tuple(c.division.code for c in ties))
            best = ties[0]
            rule = best.rule + (f" within {within}" if within else "")
            return Resolution("resolved", best.division, best.confidence, rule)
        return Resolution("unresolved")

    def _context_itself(self, name: str, level: str | None, within: str | None):
        """A bare name of the context division itself ("Linxia" in the section of the
        prefecture Linxia) is that division, not the county or city of the same name in it."""
        if within is None or not within.isdigit() or parse_mention(name).admin:
            return None
        for candidate in self.gazetteer.match(name, level=level, year=self.year):
            if candidate.division.code == within:
                rule = f"{candidate.rule} (the context division itself)"
                return Resolution("resolved", candidate.division, candidate.confidence, rule)
        return None

    def _contexts(self, place: Mention) -> list[str | None]:
        """Where to look, nearest first: the named parent, the section's two sides, anywhere."""
        contexts: list[str | None] = []
        parent = self._parent_named_after(place)
        if parent:
            contexts.append(parent)
        contexts += self._neighbour_provinces(place)
        section = self._section_of(place.span.start)
        if section is not None and section.kind == "pairing":
            for side in (section.recipient, section.donor):
                division = self._side(side)
                if division is not None:
                    contexts += [division.code, division.province_code]
        contexts.append(None)
        return list(dict.fromkeys(contexts))

    def _neighbour_provinces(self, place: Mention) -> list[str]:
        """Provinces of the other places of the paragraph that resolve on their own names,
        most frequent first."""
        paragraph = self._paragraph_of(place.span.start)
        if paragraph is None:
            return []
        provinces = []
        for name in self._paragraph_names(paragraph):
            if name.kind != "region" or name.start == place.span.start or name.level not in _RANK:
                continue
            key = (name.text, -2)
            if key not in self._cache:
                self._cache[key] = self._lookup(name.text, name.level, [None])
            division = self._cache[key].division
            if division is not None and division.level != "province":
                provinces.append(division.province_code)
        return [code for code, _ in Counter(provinces).most_common()]

    def _paragraph_of(self, offset: int) -> _Span | None:
        found = self._paragraphs.find(offset)
        return None if found is None else self._paragraphs.spans[found]

    def _paragraph_names(self, span: _Span):
        if span.start not in self._names:
            self._names[span.start] = self.find_names(self.doc.text, span.start, span.end)
        return self._names[span.start]

    def _side(self, heading_name: str) -> Division | None:
        """A heading's donor or recipient resolved alone ("Sichuan Liangshan … Prefecture")."""
        key = (heading_name, -1)
        if key not in self._cache:
            level = level_from_name(heading_name)
            self._cache[key] = self._lookup(heading_name, level, [None])
        return self._cache[key].division

    def _parent_named_after(self, place: Mention) -> str | None:
        text = self.doc.text
        link = _PARENT.match(text, place.span.end)
        if not link:
            return None
        names = self.find_names(text, link.end(), min(len(text), link.end() + 80))
        if names and names[0].start == link.end() and names[0].kind == "region":
            return names[0].text
        return None

    def _section_of(self, offset: int) -> Any:
        found = self._sections.find(offset)
        return None if found is None else self.doc.sections[found]


class _Spans:
    """The first of *spans* (in their order) that holds an offset, found by bisection.

    Sections and paragraphs come in reading order, so their starts and ends both rise
    and the spans holding an offset are consecutive; otherwise every span is read.
    *closed* counts an offset at a span's end as inside it.

    >>> from collections import namedtuple
    >>> S = namedtuple("S", "start end")
    >>> spans = _Spans([S(0, 5), S(5, 9), S(12, 20)], closed=True)
    >>> spans.find(5), spans.find(10), spans.find(20)
    (0, None, 2)
    >>> _Spans([S(0, 5), S(5, 9)], closed=False).find(5)
    1
    """

    def __init__(self, spans: Sequence[_Span], *, closed: bool):
        self.spans = list(spans)
        self.closed = closed
        self.starts = [s.start for s in self.spans]
        self.ends = [s.end for s in self.spans]
        self.ordered = self.starts == sorted(self.starts) and self.ends == sorted(self.ends)

    def find(self, offset: int) -> int | None:
        """The index of the first span holding *offset*, or ``None``."""
        if not self.ordered:
            return next((i for i, s in enumerate(self.spans) if self._holds(s, offset)), None)
        last = bisect_right(self.starts, offset) - 1  # the last span starting at or before
        first = (bisect_left if self.closed else bisect_right)(self.ends, offset)
        return first if first <= last else None

    def _holds(self, span: _Span, offset: int) -> bool:
        return span.start <= offset and (offset <= span.end if self.closed else offset < span.end)


@dataclass
class ResolvedPlaces:
    """The resolution of each place mention of one document: the stage between
    extraction and graph writing. Looked up by mention (its name and start)."""

    year: int | None
    by_mention: dict[tuple[str, int], Resolution] = field(default_factory=dict)

    def __getitem__(self, place: Mention) -> Resolution:
        return self.by_mention[(place.name, place.span.start)]


def resolve_places(
    doc,
    mentions: Iterable[Mention],
    *,
    year: int | None,
    find_names: NameFinder,
    resolver: PlaceResolver | None = None,
) -> ResolvedPlaces:
    """Resolve *mentions* of *doc* in the order given (a bare name may be resolved
    "as elsewhere in the document", so order matters: it is the order they are written).

    A long document is resolved a few sections at a time, each part's mentions by the
    same *resolver* (of the whole document), which remembers the earlier parts."""
    resolver = resolver or PlaceResolver(doc, year=year, find_names=find_names)
    places = ResolvedPlaces(year)
    for mention in mentions:
        places.by_mention[(mention.name, mention.span.start)] = resolver.resolve(mention)
    return places
