"""Counts and rates the yearbook reports: "trained 3150 farmers", "1,250 person-times", "up 12.5%".

A count is a number (digits or words, with any "million") followed, within
three modifier words, by a unit noun from a generic list (people, cadres,
households, projects, person-times, mu, square meters …); what it measures
is the modifiers and the noun ("poor rural households"), with the verb that
governs it when there is one ("poor people trained", "temporary cadres
sent"). A rate is a percentage with what it is a rate of: "up 12.5% over
2014" (an increase), "accounting for 35% of the total funds" (a share). A
bare percentage is skipped, and so are money ("one million yuan" is a
transfer), years, dates, ordinals ("the 16th") and numbers like "No.2".

``about`` is the section's donor or recipient when the sentence says so
plainly: "… people from X" right after the count, or X is the sentence's
subject. ``year`` is the sentence's own "In 20XX" or else the report year.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from duikou.loaders.document import Document, Section, Sentence, Span
from duikou.loaders.facts import Evidence, IndicatorFact, PlaceMention, level_from_name
from duikou.loaders.numbers import NUMBER, parse_number
from duikou.loaders.text import tail_start
from duikou.loaders.years import report_year

__all__ = ["IndicatorFact", "extract_indicators", "indicators_in_sentence", "UNITS"]

RULE_COUNT = "indicator-count"
RULE_RATE = "indicator-rate"

UNITS = {
    "people", "person", "persons", "person-times", "person-time", "man-times", "times-person",
    "cadre", "teacher", "doctor", "volunteer", "student", "household", "family", "project",
    "enterprise", "company", "village", "county", "city", "township", "town", "school",
    "hospital", "course", "class", "training", "session", "visit", "agreement", "contract",
    "leader", "expert", "labor", "labour", "laborer", "labourer", "worker", "farmer", "herdsman",
    "herdsmen", "trainee", "graduate", "principal", "member", "delegation", "team", "vehicle",
    "book", "copy", "set", "piece", "unit", "ton", "mu", "hectare", "meter", "metre",
    "kilometer", "kilometre", "km", "shop", "greenhouse", "park", "base", "center", "centre",
    "station", "house", "room", "building", "bridge", "road", "well", "computer", "machine",
    "item", "clothes", "quilt", "box", "woman", "women", "child", "children", "patient",
    "reporter", "visitor", "negotiator", "district", "banner", "prefecture", "province",
    "cooperative", "organization", "organisation", "department", "branch", "office", "case",
    "activity", "batch", "job", "bed", "entrepreneur", "teachers", "staff", "official",
    "technician", "division", "clinic", "kindergarten", "library", "sheep", "cattle", "seminar",
    "forum", "conference", "fair", "exhibition",
}  # fmt: skip
"""Unit nouns in the singular (plurals are folded to these), plus a few invariable ones."""
_INVARIABLE = {"people", "person-times", "man-times", "mu", "km", "clothes", "staff", "sheep",
               "cattle", "herdsmen", "women", "children"}  # fmt: skip
_MEASURE_UNITS = {"ton", "mu", "hectare", "meter", "metre", "kilometer", "kilometre", "km"}
_STOP = {"of", "in", "for", "to", "and", "or", "with", "from", "by", "at", "on", "the", "a",
         "an", "was", "were", "is", "are", "yuan", "than", "per", "each", "times", "years",
         "year", "months", "month", "days", "day", "hours", "weeks", "percent"}  # fmt: skip
_PAST = {"sent", "built", "held", "set", "made", "gave", "brought", "taught", "paid", "took"}
_MONEY_AFTER = re.compile(
    r"^[\s-]*(?:(?:hundred|thousand|million|billion|ten thousand)\s+)*"
    r"(?:yuan|rmb|cny|us\s*dollars?|dollars?|usd)\b",
    re.I,
)
_SKIP_BEFORE = re.compile(
    r"(?:\bNo\.?\s*|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+|"
    r"RMB\s*|[$\u00a5\uffe5]\s*|\b(?:[Ii]n|[Ss]ince|[Bb]y|[Ff]rom|[Tt]o|[Oo]f|[Bb]efore|[Aa]fter|"
    r"[Uu]ntil|[Oo]ver|[Tt]han|[Ee]nd)\s+(?=(?:19|20)\d\d\b))$"
)
_RATE = re.compile(
    r"(?P<ctx>\bup|\bdown|\b(?:increas|decreas|grew|grow|rose|risen|fell|dropp)\w*\s+by"
    r"|\bgrowth(?:\s+rate)?\s+of|\baccounting\s+for|\baccounted\s+for)?\s*"
    r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>%|\u2030|percent\b|per cent\b)"
    r"(?P<of>\s+of\s+(?:the\s+)?(?P<what>[a-z][\w-]*(?:\s+(?!of\b|in\b|for\b|to\b|was\b)[a-z][\w-]*){0,3}))?"
    r"(?:\s+(?:over|compared\s+(?:with|to))\s+(?P<base>(?:19|20)\d\d))?"
)
_NEXT_WORD = re.compile(r" +(square |cubic )?([A-Za-z][\w-]*)")
_PERCENT = re.compile(r"%|\u2030|percent\b|per cent\b")
"""What every :data:`_RATE` holds: a sentence without it has no rate to look for."""
_VERB_BEFORE = re.compile(
    r"\b([a-z]+ed|sent|built|held)\s+(?:(?:a total of|more than|over|nearly|about|some)\s+)?$"
)
_VERBISH = {"shall", "will", "would", "can", "could", "may", "must", "be", "is", "are", "was",
            "were", "has", "have", "had", "and", "or", "which", "that"}  # fmt: skip
_YEAR_IN = re.compile(r"\b[Ii]n\s+((?:19|20)\d\d)\b")
_ADMIN_TAIL = re.compile(
    r"\s+(?:Autonomous Region|Autonomous Prefecture|Province|Municipality|City|Prefecture|County)$"
)
_INTRO = re.compile(r"^(?:(?:In|On|From|During|By)\b[^,]{0,40},\s*)?(?:the\s+)?")


_value = lru_cache(maxsize=4096)(parse_number)
"""The value of a number as written: the same few numbers recur all through a chapter."""


@lru_cache(maxsize=4096)
def _singular(word: str) -> str:
    word = word.lower()
    for plural, single in (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("s", "")):
        if word.endswith(plural) and word[: -len(plural)] + single in UNITS:
            return word[: -len(plural)] + single
    return word


def _unit_after(text: str, pos: int, value: Decimal) -> tuple[list[re.Match], re.Match] | None:
    """Modifier words and the unit noun right after ``text[pos]`` ("poor rural households").

    A singular unit word before another word is a modifier ("county hospitals",
    "school students"), unless the count is one.
    """
    modifiers = []
    for _ in range(5):
        word = _NEXT_WORD.match(text[pos:])
        if word is None:
            return None
        lower = word.group(2).lower()
        single = _singular(lower)
        plural = lower in _INVARIABLE or (single in UNITS and single != lower)
        if single in UNITS and (plural or value == 1 or word.group(1)):
            return modifiers, word
        if lower in _STOP or lower in _VERBISH or not word.group(2)[0].islower() or word.group(1):
            return None
        if modifiers and lower.endswith("ed"):
            return None  # "the two sides carried out …": a verb, not a modifier
        modifiers.append(word)
        pos += word.end()
    return None


def _measures(text: str, num: re.Match, modifiers: list, unit: re.Match, unit_end: int) -> str:
    words = [m.group(2) for m in modifiers] + [unit.group(2)]
    if _singular(unit.group(2)) in _MEASURE_UNITS:
        of = re.match(r" of ((?:[a-z][\w-]* ?){1,3})", text[unit_end:])
        if of:
            return of.group(1).strip()
        before = re.search(r"\b((?:[a-z][\w-]* ){1,2})of\s*$", text[: num.start()])
        kept = [w for w in before.group(1).split() if w not in _STOP] if before else []
        return " ".join(kept) or words[-1]
    measured = " ".join(words)
    after = re.match(r" +([a-z]+ed|sent|built|held|set up)\b", text[unit_end:])
    verb = _VERB_BEFORE.search(text, tail_start(text, num.start(), 4), num.start())
    if after and after.group(1) not in ("involved", "concerned"):
        return f"{measured} {after.group(1)}"
    if verb and (verb.group(1).endswith("ed") or verb.group(1) in _PAST):
        return f"{measured} {verb.group(1)}"
    return measured


def _about(
    section: Section | None, text: str, base: int, start: int, end: int
) -> PlaceMention | None:
    """The section's donor or recipient, if named right after the count or as the subject."""
    if section is None or section.kind != "pairing":
        return None
    sides = [s for s in (section.recipient, section.donor) if s]
    local = text[end : end + 40]
    subject = text[_INTRO.match(text).end() :]
    for name in sides:
        for form, named_after in _forms(name):
            found = named_after.match(local)
            if found:
                at = base + end + found.start(1)
            elif subject.startswith(form) and not subject[len(form) : len(form) + 1].isalnum():
                at = base + len(text) - len(subject)
            else:
                continue
            return PlaceMention(name, Span(at, at + len(form)), level_from_name(name))
    return None


@lru_cache(maxsize=256)
def _forms(name: str) -> tuple[tuple[str, re.Pattern], ...]:
    """A side's name with and without its admin word, each with its "… from/in/of X" pattern."""
    return tuple(
        (form, re.compile(rf"^\s*(?:\w+\s+){{0,2}}?(?:from|in|of|to|for)\s+({re.escape(form)})\b"))
        for form in dict.fromkeys([name, _ADMIN_TAIL.sub("", name)])
    )


def _year(text: str, start: int, end: int, default: int | None) -> int | None:
    """The year just after the count ("900 tons in 2015"), else the sentence's, else *default*."""
    after = _YEAR_IN.match(text, end) or re.match(r"\s+in\s+((?:19|20)\d\d)\b", text[end:])
    if after:
        return int(after.group(1))
    before = _YEAR_IN.search(text, 0, start)
    return int(before.group(1)) if before else default


def _what(rate: re.Match) -> str:
    """What a share is of, cut after its plural noun or before its verb.

    "funds shall be used" -> "funds", "trainees found jobs" -> "trainees".
    """
    words = rate.group("what").split()
    keep = [words[0]]
    for word in words[1:]:
        if keep[-1].endswith("s") and not keep[-1].endswith("ss"):
            break
        if word in _VERBISH or word.endswith("ed"):
            break
        keep.append(word)
    return " ".join(keep)


def _counts(text: str) -> list[tuple[re.Match, Decimal, list, re.Match, int]]:
    found = []
    for num in NUMBER.finditer(text):
        rest = text[num.end() :]
        if _MONEY_AFTER.match(rest) or _SKIP_BEFORE.search(
            text, tail_start(text, num.start(), 1), num.start()
        ):
            continue
        if rest[:1] in "-\u2013/." and rest[1:2].strip():
            continue  # "2015-2020", "30-mu", "3/4", "2.": ranges, compounds, list numbers
        value = _value(num.group())
        unit = None if value is None else _unit_after(text, num.end(), value)
        if unit is None:
            continue
        modifiers, noun = unit
        found.append(
            (
                num,
                value,
                modifiers,
                noun,
                num.end() + sum(len(m.group()) for m in modifiers) + noun.end(),
            )
        )
    return found


def indicators_in_sentence(
    doc: Document, sentence: Sentence, section: Section | None = None, year: int | None = None
) -> list[IndicatorFact]:
    """Counts and rates reported in one sentence, in reading order."""
    text, base = doc.quote(sentence.span), sentence.span.start
    facts = []
    for num, value, modifiers, noun, end in _counts(text):
        measures = _measures(text, num, modifiers, noun, end)
        evidence = Evidence(sentence.span, RULE_COUNT, Decimal("0.8"))
        span = Span(base + num.start(), base + num.end())
        about = _about(section, text, base, num.start(), end)
        when = _year(text, num.start(), end, year)
        facts.append(IndicatorFact(value, noun.group(2), span, evidence, measures, about, when))
    for rate in _RATE.finditer(text) if _PERCENT.search(text) else ():
        if rate.group("ctx"):
            ctx = rate.group("ctx").split()[0].lower()
            if ctx == "growth":
                measures = "growth rate"
            elif ctx.startswith(("up", "increas", "grew", "grow", "rose", "risen")):
                measures = "increase"
            elif ctx.startswith(("down", "decreas", "fell", "dropp")):
                measures = "decrease"
            else:
                measures = f"share of {_what(rate)}" if rate.group("what") else "share"
        elif rate.group("what"):
            measures = f"share of {_what(rate)}"
        else:
            continue  # a percentage of nothing
        if rate.group("base") and measures in ("increase", "decrease"):
            measures += f" over {rate.group('base')}"
        unit = "per mille" if rate.group("unit") == "\u2030" else "percent"
        span = Span(base + rate.start("num"), base + rate.end("unit"))
        evidence = Evidence(sentence.span, RULE_RATE, Decimal("0.7"))
        about = _about(section, text, base, rate.start("num"), rate.end())
        when = _year(text, rate.start(), rate.end(), year)
        value = Decimal(rate.group("num"))
        facts.append(IndicatorFact(value, unit, span, evidence, measures, about, when))
    return sorted(facts, key=lambda f: f.value_span.start)


def extract_indicators(doc: Document) -> list[IndicatorFact]:
    """Every count and rate in the document's sentences, in document order."""
    year = report_year(doc)
    return [
        fact
        for section in doc.sections
        for sentence in section.sentences()
        for fact in indicators_in_sentence(doc, sentence, section, year)
    ]
