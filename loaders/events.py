"""Dated happenings: visits, agreement signings, trainings, conferences and fairs.

Each event is read from a trigger in one sentence: a delegation "headed"/"led"
or a place "visited" (a visit); "signed" with an agreement, memorandum or
contract in the same clause, or "… agreements were signed" (a signing); a
training, conference or fair noun governed by "held", "hosted", "attended",
"participated in" … or followed by "was held". The sentence then gives the
event's date (:mod:`duikou.loaders.dates`; a date without a year takes the
document's report year), its place ("visit X", "held in X"), its name (a
quoted title, or a capitalised name ending in the noun), the people named with
posts (:mod:`duikou.loaders.persons`: the first before a delegation leads it),
and for a signing its parties ("X and Y signed", "signed … with X").
"""

from __future__ import annotations

import re
from decimal import Decimal

from duikou.loaders.actors import actors_in_sentence
from duikou.loaders.dates import DateMention, find_dates
from duikou.loaders.document import Document, Sentence, Span
from duikou.loaders.facts import EventFact, Evidence, PersonFact, PlaceMention, level_from_name
from duikou.loaders.persons import persons_in_sentence
from duikou.loaders.programs import quotes
from duikou.loaders.text import may_match, tail_start
from duikou.loaders.years import report_year

__all__ = ["EventFact", "extract_events", "events_in_sentence", "EVENT_KINDS"]

EVENT_KINDS = ("visit", "agreement", "training", "conference", "fair")

_CAP = r"[A-Z][\w\u2019'-]*(?:\s+[A-Z][\w\u2019'-]*)*"
_DELEGATION = re.compile(
    r"\b(?:headed|led|leading|heading)\s+(?:a|an|the)\b[\s\w\u2019'-]{0,60}?\bdelegations?\b"
    r"|\bdelegations?\b[^;,]{0,40}?\b(?:headed|led)\s+by\b"
)
_VISIT = re.compile(
    r"\b(?:visited|paid (?:a )?visits? to|to visit|on (?:a|an) (?:[\w-]+ )?visit to"
    r"|inspection tours? (?:to|in)|(?:field research|field survey|study tours?) (?:to|in))\b"
)
_VISIT_CUES = ("visit", "inspection tour", "field research", "field survey", "study tour")
"""Words every :data:`_VISIT` match holds one of."""
_SIGNED = re.compile(r"\bsigned\b")
_AGREEMENT = re.compile(r"\b(?:agreements?|memorand(?:um|a)|MOUs?|contracts?|protocols?)\b", re.I)
_SIGNED_PASSIVE = re.compile(
    r"\b(?:agreements?|memorand(?:um|a)|MOUs?|contracts?)\b[^;]{0,40}?\b(?:was|were)\s+signed\b"
)
_NOUN = re.compile(
    r"\b(?:training (?:courses?|classes?|sessions?)|trainings?|conferences?|forums?|seminars?"
    r"|meetings?|symposi(?:um|a)|summits?|workshops?|fairs?|expos?|expositions?|exhibitions?)\b",
    re.I,
)
_NOUN_CUES = ("training", "conference", "forum", "seminar", "meeting", "symposi", "summit",
              "workshop", "fair", "expo", "exhibition")  # fmt: skip
"""Words every :data:`_NOUN` match holds one of (in any case)."""
_HOLD = re.compile(
    r"\b(?:held|hold|holds|holding|hosted|host|convened|organi[sz]ed|organi[sz]e|attended|attend"
    r"|participated in|participate in|took part in|take part in|opened|conducted|ran)\b"
)
_HELD_AFTER = re.compile(r"^[\u201d\"]?\s*(?:was|were|will be|is|are)\s+(?:\w+\s+)?held\b")
_TRAINED = re.compile(r"\btrained\s+(?=\d|a total|more than|over|nearly|about)")
_NOT_EVENT_AFTER = re.compile(r"^\s*(?:system|mechanism|room|hall|center|centre)s?\b", re.I)
_PLACE_AFTER = re.compile(rf"\b(?:visit(?:ed)?|to|in)\s+(?:the\s+)?({_CAP})")
_IN_PLACE = re.compile(rf"\bin\s+({_CAP})")
_CAP_RE = re.compile(_CAP)
_NAME_BEFORE = re.compile(r"(?:(?:[A-Z0-9][\w\u2019'.&-]*|&|and|of|for|on) +)*[A-Z][\w'-]*$")
_DELEGATES = [
    re.compile(
        r"\b(?:a|an|the) (?=[A-Z][\w\u2019'-]*(?: [A-Z][\w\u2019'-]*)* (?:[a-z]+ ){0,4}delegation)"
    ),
    re.compile(r"\bdelegations? of (?=[A-Z])"),
]
_FUNCTION = {"and", "or", "of", "to", "for", "in", "on", "with", "by", "at", "from", "as",
             "was", "were", "is", "are", "had", "has", "which", "who", "where",
             "respectively"}  # fmt: skip
_NOT_WHEN = re.compile(
    r"\b(?:[Ss]ince|[Bb]efore|[Uu]ntil|[Bb]y|[Ee]nd of|[Oo]ver|to|[Tt]han)\s+(?:the\s+)?$"
)
"""Words that make a date a bound or a comparison, not when an event happened."""
_NOT_PLACES = {"The", "This", "That", "We", "It", "They", "China's", "Chinese"}
_MONTHS = re.compile(r"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b")


def _noun_kind(noun: str) -> str:
    noun = noun.lower()
    if noun.startswith("training"):
        return "training"
    return "fair" if noun.startswith(("fair", "expo", "exhibition")) else "conference"


def _clause(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind(";", 0, pos) + 1
    end = text.find(";", pos)
    return start, len(text) if end == -1 else end


def _scan(pattern: re.Pattern, text: str, cues: tuple[str, ...]):
    """``pattern.finditer(text)``, skipped when *text* holds none of *cues* (:func:`may_match`)."""
    return pattern.finditer(text) if may_match(pattern, text, cues) else ()


def _triggers(text: str) -> list[tuple[str, int, int, str]]:
    """``(kind, start, end, rule)`` of each trigger in a sentence's text."""
    found = [
        ("visit", m.start(), m.end(), "event-delegation")
        for m in _scan(_DELEGATION, text, ("delegation",))
    ]
    for m in _scan(_VISIT, text, _VISIT_CUES):
        if not any(
            s <= m.start() <= e + 120 and ";" not in text[e : m.start()] for _, s, e, _ in found
        ):
            found.append(("visit", m.start(), m.end(), "event-visited"))
    for m in _scan(_SIGNED, text, ("signed",)):
        lo, hi = _clause(text, m.start())
        if _AGREEMENT.search(text, m.end(), min(hi, m.end() + 250)):
            found.append(("agreement", m.start(), m.end(), "event-signed-agreement"))
    found += [
        ("agreement", m.start(), m.end(), "event-agreement-signed")
        for m in _scan(_SIGNED_PASSIVE, text, ("signed",))
    ]
    quoted = quotes(text)
    for m in _scan(_NOUN, text, _NOUN_CUES):
        lo, _ = _clause(text, m.start())
        inside = next(((a, b) for a, b in quoted if a <= m.start() < b), None)
        if inside and (text[inside[0]].islower() or _AGREEMENT.search(text, *inside)):
            continue  # a slogan, or an agreement's title: not this kind of event
        before = text[max(lo, m.start() - 160) : inside[0] if inside else m.start()]
        verb = list(_HOLD.finditer(before))
        near = verb and len(before[verb[-1].end() :].split()) <= 20
        after = text[inside[1] if inside else m.end() :]
        if (near or _HELD_AFTER.match(after)) and not _NOT_EVENT_AFTER.match(text[m.end() :]):
            found.append((_noun_kind(m.group()), m.start(), m.end(), "event-held-noun"))
    found += [
        ("training", m.start(), m.end(), "event-trained")
        for m in _scan(_TRAINED, text, ("trained",))
    ]
    return sorted(found, key=lambda t: t[1])


def _name(text: str, start: int, end: int, kind: str) -> tuple[int, int] | None:
    """The event's name: the quote holding or following its trigger, or a capitalised name."""
    for a, b in quotes(text):
        if a <= start < b:
            return a, b
        if kind == "agreement" and 0 <= a - end <= 20 and _AGREEMENT.search(text, a, b):
            return a, b
    if kind in ("conference", "fair") and text[start].isupper():
        match = _NAME_BEFORE.search(text, 0, end)
        if match and match.start() < start:
            words = match.group().split()
            while words[0] in ("&", "and", "of", "for", "on"):
                words.pop(0)
            for n in range(len(words) - 2, 0, -1):  # "Culture Expo and Agricultural Fair"
                if words[n] == "and" and _NOUN.fullmatch(words[n - 1]):
                    words = words[n + 1 :]
                    break
            return end - len(" ".join(words)), end
    return None


def _in_quote(text: str, pos: int) -> bool:
    return any(a <= pos < b for a, b in quotes(text))


def _region(text: str, base: int, pos: int, name: str, alone: bool = False) -> PlaceMention | None:
    """A place named at ``text[pos:]`` unless the words are no place ("The", a month, a fair).

    With *alone*, a name followed by a noun ("in Tibetan areas") is an adjective, not a place.
    """
    name = re.sub(r"[\u2019']s$", "", name)
    following = text[pos + len(name) :].split(maxsplit=1)
    modifier = alone and following and following[0][:1].islower() and following[0] not in _FUNCTION
    if name in _NOT_PLACES or _MONTHS.match(name) or _NOUN.search(name) or modifier:
        return None  # "Tibetan areas": an adjective, not a place
    return PlaceMention(name, Span(base + pos, base + pos + len(name)), level_from_name(name))


def _mention_at(text: str, base: int, pos: int, actors: list) -> PlaceMention | None:
    """The organisation or place whose name starts at ``text[pos]``."""
    for actor in actors:
        if actor.span.start == base + pos:
            return PlaceMention(actor.name, actor.span, kind="organization")
    match = _CAP_RE.match(text, pos)
    return _region(text, base, pos, match.group()) if match else None


def _mention_ending(text: str, base: int, end: int, actors: list) -> PlaceMention | None:
    """The organisation or place whose name ends at ``text[end]``."""
    for actor in actors:
        if actor.span.end == base + end:
            return PlaceMention(actor.name, actor.span, kind="organization")
    match = re.search(rf"(?:{_CAP})$", text[:end])
    return _region(text, base, match.start(), match.group()) if match else None


def _location(text: str, base: int, start: int, kind: str, actors: list) -> PlaceMention | None:
    _, hi = _clause(text, start)
    pattern = _PLACE_AFTER if kind == "visit" else _IN_PLACE
    for match in pattern.finditer(text, start, hi):
        pos = match.start(1)
        if pos > start + 160:
            break
        if _in_quote(text, pos) or any(a.span.start <= base + pos < a.span.end for a in actors):
            continue
        place = _region(text, base, pos, match.group(1), alone=True)
        if place is not None:
            return place
    return None


def _listed(text: str, base: int, pos: int, actors: list) -> list[PlaceMention]:
    """Names listed from ``text[pos]`` on: "A, B and C"."""
    found = []
    while True:
        mention = _mention_at(text, base, pos, actors)
        if mention is None:
            return found
        found.append(mention)
        sep = re.match(
            r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?=[A-Z])", text[mention.span.end - base :]
        )
        if not sep:
            return found
        pos = mention.span.end - base + sep.end()


def _parties(text: str, base: int, start: int, end: int, actors: list) -> list[PlaceMention]:
    """Signatories: "X and Y signed", "X signed … with Y, Z and W"."""
    found, pos = [], len(text[:start].rstrip())
    while pos > 0:
        mention = _mention_ending(text, base, pos, actors)
        if mention is None:
            break
        found.insert(0, mention)
        sep = re.search(r"(?:,\s*(?:and\s+)?|\s+and)\s*$", text[: mention.span.start - base])
        if not sep:
            break
        pos = sep.start()
    _, hi = _clause(text, start)
    tail = re.compile(r"\bwith\s+(?=[A-Z])")
    match = tail.search(text, end, hi)
    if match and match.start() - end <= 120:
        found += _listed(text, base, match.end(), actors)
    return found


def _delegates(text: str, base: int, start: int, end: int, actors: list) -> list[PlaceMention]:
    """Who a delegation came from: "a X … delegation", "delegation of X"."""
    found = []
    for pattern in _DELEGATES:
        for m in pattern.finditer(text, start, min(len(text), end + 80)):
            mention = _mention_at(text, base, m.end(), actors)
            if mention is not None:
                found.append(mention)
    return found


def _not_when(text: str, pos: int) -> bool:
    """The words just before ``text[pos]`` make a date there a bound or a comparison."""
    return _NOT_WHEN.search(text, tail_start(text, pos, 3), pos) is not None


def _date(dates: list[DateMention], start: int, doc: Document) -> DateMention | None:
    """The date written last before the trigger, or else the first after it."""
    dates = [d for d in dates if not _not_when(doc.text, d.span.start)]
    before = [d for d in dates if d.span.start < start]
    return before[-1] if before else (dates[0] if dates else None)


def _people(persons: list[PersonFact], triggers: list, n: int, base: int) -> list[PersonFact]:
    """People of the n-th trigger: after the previous trigger, up to this one (or the end)."""
    lo = base + triggers[n - 1][2] if n else -1
    hi = base + triggers[n][2] if n + 1 < len(triggers) else float("inf")
    return [p for p in persons if lo <= p.span.start < hi]


def events_in_sentence(
    doc: Document, sentence: Sentence, year: int | None = None
) -> list[EventFact]:
    """Events reported in one sentence, in reading order; *year* fills dates without one."""
    text, base = doc.quote(sentence.span), sentence.span.start
    triggers = _triggers(text)
    if not triggers:
        return []
    actors = actors_in_sentence(doc, sentence)
    persons = persons_in_sentence(doc, sentence)
    dates = find_dates(text, base, year)
    facts = []
    for n, (kind, start, end, rule) in enumerate(triggers):
        confidence = (
            Decimal("0.8")
            if rule in ("event-delegation", "event-signed-agreement")
            else Decimal("0.7")
        )
        fields = {}
        name = _name(text, start, end, kind)
        if name:
            fields.update(
                name=text[name[0] : name[1]], name_span=Span(base + name[0], base + name[1])
            )
        date = _date(dates, base + start, doc)
        if date is not None:
            fields.update(start=date.start, end=date.end, datatype=date.datatype)
        people = _people(persons, triggers, n, base)
        if kind == "visit" and people and people[0].span.start < base + start:
            fields["leader"] = (people[0].name, people[0].span)
            people = people[1:]
        fields["persons"] = tuple((p.name, p.span) for p in people)
        if kind == "agreement":
            fields["parties"] = tuple(_parties(text, base, start, end, actors))
        if kind == "visit":
            fields["participants"] = tuple(_delegates(text, base, start, end, actors))
        fields["location"] = _location(text, base, start, kind, actors)
        evidence = Evidence(sentence.span, rule, confidence)
        facts.append(EventFact(kind, Span(base + start, base + end), evidence, **fields))
    return facts


def extract_events(doc: Document) -> list[EventFact]:
    """Every event in the document's sentences, in document order."""
    year = report_year(doc)
    return [fact for s in doc.sentences() for fact in events_in_sentence(doc, s, year)]
