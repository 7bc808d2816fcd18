"""Money transfers from yearbook prose: who gave how many yuan to whom, for what, when.

For each amount in a sentence (see :mod:`duikou.loaders.amounts`):

1. amounts that are not transfers (income, sales, output value, losses, a
   rate "per household") are skipped;
2. the giver is found by :mod:`duikou.loaders.transfer_givers` (a name after
   "from", one named after the money, the east side of "between", else the
   subject of the clause), else it is the section's donor from its heading;
3. the taker by :mod:`duikou.loaders.transfer_takers` (the place named with
   the amount, or the county the topic is about), else the partner that the
   headings give the donor;
4. the section's sides check both (:func:`~duikou.loaders.transfer_givers.by_sides`):
   the east side gives, the west side takes;
5. "respectively" hands a list of names to the amounts in order; "of which",
   "including" make the following amounts parts of the one before;
6. kind, purpose and year come from the clause's words.

A transfer between two places the sentence names also states a pairing
(:func:`money_facts`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from decimal import Decimal

from duikou.loaders.amounts import MoneyMention, find_amounts
from duikou.loaders.document import Document, Section, Sentence, Span
from duikou.loaders.facts import (
    Evidence,
    PairingFact,
    PlaceMention,
    TransferFact,
    level_from_name,
)
from duikou.loaders.flows import flows
from duikou.loaders.names import Name, find_names, names_in
from duikou.loaders.persons import persons_in_sentence
from duikou.loaders.place_mentions import places_in_sentence
from duikou.loaders.prose_pairings import enclosing_county, orient, scope_at
from duikou.loaders.sides import is_known_place, is_typed_place, sides_of
from duikou.loaders.text import clean_label, may_match
from duikou.loaders.transfer_cues import (
    NOT_TRANSFER,
    PER_UNIT,
    PROJECT_SIZE,
    TRANSFER_VERBS,
    in_kind,
    kind_of,
    purposes_of,
    status_of,
)
from duikou.loaders.transfer_givers import (
    Names,
    by_sides,
    collective_giver,
    definite_giver,
    from_donors,
    giver_named_after,
    group,
    named_between,
    person_giver,
    subject,
)
from duikou.loaders.transfer_takers import (
    only_west_place,
    recipient_after,
    recipient_before,
    recipient_between,
    recipient_phrase,
    recipient_worth,
    the_two_sides,
    topic_county,
)
from duikou.loaders.years import report_year, two_years_in, years_of_amount

__all__ = ["extract_transfers", "money_facts", "heading_partners", "RULE", "RULE_PAIRING"]


RULE = "transfer-clause"


RULE_PAIRING = "transfer-parties"


_PART_CUE = re.compile(r"\b(?:of which|among which|among them|including|includes|included)\b", re.I)


_CHUNK_END = re.compile(
    r",\s+and\b|;|,\s+(?:of which|among which|among them|including|while|but)\b"
)


def extract_transfers(doc: Document) -> list[TransferFact]:
    """Every flow of money stated in *doc*, once each, in the order first stated."""
    return flows(doc, [fact for fact, _, _ in _transfers(doc)])


def money_facts(doc: Document) -> list[TransferFact | PairingFact]:
    """The transfers of *doc*, plus a pairing for each transfer between two places named in it.

    "Hedong District donated 100,000 yuan to … Minxian County" states that Hedong
    supports Minxian; a party taken from the heading or the paragraph does not count.
    """
    transfers = _transfers(doc)
    facts: list[TransferFact | PairingFact] = list(flows(doc, [f for f, _, _ in transfers]))
    pairs: set[tuple[str, str, int]] = set()
    by_sentence: dict[int, Names] = {}

    def sentence_names(span: Span) -> Names:
        if span.start not in by_sentence:
            by_sentence[span.start] = Names(names_in(doc, span))
        return by_sentence[span.start]

    givers: dict[int, set[str]] = {}
    for fact, _, _ in transfers:
        givers.setdefault(fact.evidence.span.start, set()).add(fact.donor.name.lower())
    for fact, named, donors in transfers:  # a restated flow states its pairing again
        recipient = fact.recipient
        if not named or recipient is None or recipient.kind != "region":
            continue
        if any(_same_place(recipient.name.lower(), g) for g in givers[fact.evidence.span.start]):
            continue  # a place that gives in this sentence is on the donor side
        county = enclosing_county(doc.text, _as_name(recipient), names_in(doc, fact.evidence.span))
        if county is not None:  # money to "X Village of Y County": Y County is the paired county
            recipient = _mention(county)
        if not _one_place(recipient):
            continue  # a pairing needs two named places, not a group or "the poor areas"
        section = _section_at(doc, fact.evidence.span.start)
        scope = scope_at(doc, section, fact.evidence.span.start)
        for donor in _members(sentence_names(fact.evidence.span), donors):
            key = (donor.name.lower(), recipient.name.lower(), fact.evidence.span.start)
            if not _one_place(donor) or key in pairs:
                continue
            oriented = orient(section, donor.name, recipient.name)
            if oriented is None:
                continue
            pairs.add(key)
            giver, taker = (donor, recipient) if oriented[0] == donor.name else (recipient, donor)
            evidence = Evidence(fact.evidence.span, RULE_PAIRING, Decimal("0.7"))
            facts.append(PairingFact(giver, taker, scope, evidence))
    return facts


def _members(names: Names, donors: list) -> list[PlaceMention]:
    """The donors one by one: a group ("Haikou and Sanya") stands for the places it names."""
    members: list[PlaceMention] = []
    for donor in donors:
        donor = donor if isinstance(donor, PlaceMention) else _mention(donor)
        inside = [n for n in names.between(donor.span.start, donor.span.end) if n.kind == "region"]
        members += [_mention(n) for n in inside] if len(inside) > 1 else [donor]
    return members


def _one_place(party: PlaceMention) -> bool:
    """A single typed place: not an organisation, a group ("A and B") or a collective phrase."""
    name = party.name
    return (
        party.kind == "region"
        and "," not in name
        and " and " not in name
        and is_typed_place(name, party.level)
    )


def _as_name(place: PlaceMention) -> Name:
    return Name(place.name, place.span.start, place.span.end, place.kind, place.level)


def _section_at(doc: Document, offset: int) -> Section:
    section = doc.section_at(offset)
    if section is None:
        raise ValueError(f"offset {offset} is in no section")
    return section


def _transfers(doc: Document) -> list[tuple[TransferFact, bool]]:
    """Transfers, each with whether both parties were named in the sentence itself
    and the donor places behind it (several for "from Tianjin and Xiamen")."""
    year = report_year(doc)
    partners = doc.memoized("heading-partners", lambda: heading_partners(doc))
    facts: list[tuple[TransferFact, bool, list]] = []
    for section in doc.sections:
        for topic_start, paragraph in _topics(section):
            previous = None  # the sentence before: its last transfer with both parties named
            prior = None  # the sentence before
            standing = False  # an opening "As of the end of 2011," still frames the sentences
            for sentence in paragraph.sentences:
                found = _sentence_transfers(
                    doc, section, sentence.span, year, partners, topic_start, previous, prior
                )
                prior = sentence.span
                words = doc.quote(sentence.span)
                if standing and not _A_YEAR.search(words):
                    found = [(replace(f, status="cumulative"), n, m) for f, n, m in found]
                else:
                    standing = bool(_OPENING_FRAME.match(words))
                facts.extend(found)
                previous = next(  # only the sentence right before is an antecedent
                    (f for f, named, _ in reversed(found) if named and f.recipient), None
                )
    return facts


_OPENING_FRAME = re.compile(
    r"\s*(?:(?:As of|Up to|By) the end of|Since(?: the)?)\s+(?:19|20)\d\d|"
    r"\s*(?:Over|In|During) the (?:past|last)\s+(?:\w+\s+)?years",
    re.I,
)
"""A sentence that opens with a span of years frames the sentences after it: "As of the end
of 2014, Hainan provided a total of 90 million yuan … It issued 30 million yuan to …"
are parts of that total, until a sentence names a year of its own."""
_A_YEAR = re.compile(r"\b(?:19[89]\d|20\d\d)\b")


def _topics(section: Section):
    """``(topic start, paragraph)`` in reading order: a sub-section ("【Post-disaster
    reconstruction】 … in X County." then paragraphs about it) is one topic from its
    heading on; a paragraph outside sub-sections is a topic of its own."""
    for paragraph in section.paragraphs:
        yield paragraph.span.start, paragraph
    for sub in section.subsections:
        for paragraph in sub.paragraphs:
            yield sub.span.start, paragraph


def heading_partners(doc: Document) -> dict[str, PlaceMention]:
    """Donor name (lower case) -> its recipient, as the section headings pair them
    (the first heading of each donor)."""
    partners = {}
    for section in doc.pairing_sections:
        partners.setdefault(section.donor.lower(), _mention_of_recipient(section))
    return partners


def _mention_of_donor(section: Section) -> PlaceMention:
    return PlaceMention(section.donor, section.donor_span, level_from_name(section.donor))


def _mention_of_recipient(section: Section) -> PlaceMention:
    return PlaceMention(
        section.recipient, section.recipient_span, level_from_name(section.recipient)
    )


def _mention(name: Name) -> PlaceMention:
    return PlaceMention(clean_label(name.text), Span(name.start, name.end), name.level, name.kind)


_THE_PROJECT = re.compile(
    r"\b(?:in|into|for|on|to)\s+the\s+(?:same\s+|said\s+)?"
    r"(?P<head>project|programme|program|park|base)\b"
)
"""Money put "in the project": the project the sentence before named with its parties."""


def _names_head(text: str, previous: TransferFact, head: str) -> bool:
    """Whether the sentence of *previous* names a *head* ("… Apparel Project between …")."""
    span = previous.evidence.span
    return re.search(rf"\b{head}\b", text[span.start : span.end], re.I) is not None


def _sentence_transfers(doc, section, span, year, partners, topic_start, previous=None, prior=None):
    text = doc.text
    amounts = find_amounts(text, span.start, span.end)
    if not amounts:
        return []
    names = Names(names_in(doc, span), text, span.start, span.end)
    sides = sides_of(section)
    assigned = _respectively(text, span, names, amounts)
    sentence = text[span.start : span.end]
    two_years = two_years_in(sentence)
    amount_ends = [a.end for a in amounts]
    part_cues = (
        [m.end() for m in _PART_CUE.finditer(text, span.start, span.end)]
        if may_match(_PART_CUE, sentence, ("of which", "among", "includ"))
        else []
    )
    counties = [  # the counties the topic names before this sentence and in it
        n
        for n in find_names(text, topic_start, span.end)
        if n.kind == "region"
        and n.level == "county"
        and is_known_place(n.text)  # not '… Co., Ltd for X County'
    ]
    facts: list[tuple[TransferFact, bool, list]] = []
    emitted: dict[int, TransferFact] = {}
    for index, amount in enumerate(amounts):
        clause_start, clause_end = _clause(text, span, amount.start)
        limit = _chunk_limit(text, amounts, index, clause_end)
        chunk_start = max(clause_start, amounts[index - 1].end if index else clause_start)
        if _not_a_transfer(text, amount, clause_start, clause_end):
            continue
        role, listed = assigned.get(amount.start, (None, None))
        donor_name = listed if role == "donor" else None
        members = [] if donor_name else from_donors(text, amount, limit, names)
        if len(members) == 1:
            donor_name = members[0]
        elif members:
            donor_name = group(text, members)
        partner_name = None
        donor_name = donor_name or giver_named_after(clause_start, limit, names)
        if donor_name is None:
            donor_name, partner_name = named_between(text, clause_start, amount, names, sides)
        donor_name = donor_name or definite_giver(text, chunk_start, amount, names)
        if donor_name is None:
            donor_name, partner_name = subject(text, amount, clause_start, names, section, sides)
        if donor_name is None:
            persons = persons_in_sentence(doc, Sentence(span))
            donor_name = person_giver(text, persons, clause_start, amount, names)
        anaphor = _THE_PROJECT.search(text, chunk_start, limit) if previous else None
        if (
            donor_name is None and anaphor and _names_head(text, previous, anaphor["head"])
        ):  # "… project between Yantai City and Wushan County … 80 million yuan was put in
            # the project": the parties of the project the sentence before named
            donor_name, partner_name = _as_name(previous.donor), _as_name(previous.recipient)
        if donor_name is None and prior is not None:
            both = the_two_sides(text, chunk_start, amount, places_in_sentence(doc, prior), sides)
            if both is not None:  # "The two sides made clear the allocation of …"
                donor_name, partner_name = both
        if donor_name is None and section.kind != "pairing":  # no heading names a donor
            donor_name = collective_giver(text, span.start, amount)
        donor = _mention(donor_name) if donor_name else _default_donor(section, partners)
        if donor is None:
            continue
        recipient_name = listed if role == "recipient" else partner_name
        recipient_name = recipient_name or recipient_worth(text, chunk_start, amount, names)
        recipient_name = recipient_name or recipient_after(text, amount, limit, names, donor)
        recipient_name = recipient_name or recipient_before(text, chunk_start, amount, names, donor)
        recipient_name = recipient_name or recipient_between(text, donor_name, amount, names)
        recipient_name = recipient_name or recipient_phrase(text, amount, limit)
        named = donor_name is not None and recipient_name is not None
        if recipient_name is None:  # not named with the amount: named elsewhere before it?
            before = [p for p in places_in_sentence(doc, span) if p.span.end <= amount.start]
            recipient_name = only_west_place(text, before, names, sides, donor)
        recipient_name = recipient_name or topic_county(counties, amount, donor)
        if recipient_name is not None:
            recipient = _mention(recipient_name)
        else:
            recipient = _default_recipient(section, donor, partners)
        if recipient is not None and recipient.name.lower() == donor.name.lower():
            recipient = None
        verb = _governing_verb(text, chunk_start, amount)
        context = text[verb : min(limit, amount.end + 60)]
        frame = _frame(text, clause_start, chunk_start, verb)
        kind = kind_of(context, donor.kind, donor.name, frame)
        years = years_of_amount(
            sentence, amount.start - span.start, amount.end - span.start, year, two_years=two_years
        )
        status = status_of(context, frame, years, text[verb : amount.start])
        if kind == "investment" and _reversed_sides(section, donor, recipient):
            donor, recipient = recipient, donor  # "Gansu signed projects in Tianjin worth …"
        sided = by_sides(sides, text, chunk_start, limit, amount, donor, recipient, kind)
        if sided is None:
            continue
        if sided[1] is None and recipient is not None:  # an east-side taker: the west side takes
            recipient_name, named = None, False
            sided = (sided[0], _default_recipient(section, sided[0], partners))
        donor, recipient = sided
        confidence = Decimal("0.9") - Decimal("0.1") * (donor_name is None)
        confidence -= Decimal("0.1") * (recipient_name is None)
        if kind == "investment" and status == "committed":
            kind = "trade"  # the value of a signed deal or contract, not money moved
        part_of = _part_of(span, amounts, amount_ends, index, emitted, part_cues, clause_start)
        if part_of is not None and _family(emitted[part_of[2]].kind) != _family(kind):
            part_of = None  # "of which" breaks a total down into its own kind of money
        if part_of is not None and recipient is None:  # a part goes where its whole goes
            recipient = emitted[part_of[2]].recipient
        if recipient is None and section.kind != "pairing":  # no heading names a taker:
            recipient = next(  # the sentence's taker goes on across its clauses
                (f.recipient for f in reversed(emitted.values()) if f.donor == donor), None
            )
        fact = TransferFact(
            donor=donor,
            recipient=recipient,
            amount=amount.value,
            amount_span=Span(amount.start, amount.end),
            kind=kind,
            evidence=Evidence(span, RULE, confidence),
            purposes=purposes_of(context),
            years=years,
            part_of=part_of,
            status=status,
            in_kind=in_kind(context),
        )
        emitted[amount.start] = fact
        facts.append((fact, named, members if len(members) > 1 else [fact.donor]))
    return facts


def _family(kind: str) -> str:
    """Investment and deal values against aid (an "of which" does not cross them)."""
    return "investment" if kind in ("investment", "trade") else "aid"


def _frame(text: str, clause_start: int, chunk_start: int, verb: int) -> str:
    """The words that frame an amount in time: the clause's opening ("As of the end of
    2012, …", "By 2015, according to the plan, …") and its own stretch before the verb.

    Bounded, so that a clause of thousands of amounts is read once, not once per amount.
    """
    opening = text[clause_start : min(clause_start + 80, verb)]
    return opening + " … " + text[max(chunk_start, clause_start + 80) : verb]


def _governing_verb(text: str, chunk_start: int, amount: MoneyMention) -> int:
    """Where the words that say what the amount is start: at the last giving verb before it
    in its chunk ("… 10.8 million yuan of relief funds and signed two business investment
    projects with investment of 50 million yuan": at "signed", not at "relief funds",
    which are the amount before), else at the chunk's start."""
    verbs = list(TRANSFER_VERBS.finditer(text, chunk_start, amount.start))
    if not verbs:
        return chunk_start
    adverbs = _ADVERBS.search(text, max(chunk_start, verbs[-1].start() - 40), verbs[-1].start())
    return adverbs.start() if adverbs else verbs[-1].start()  # "actually invested"


_ADVERBS = re.compile(r"(?:\b\w+ly\s+)+$")


def _clause(text: str, span: Span, position: int) -> tuple[int, int]:
    """The ';'-delimited clause of the sentence around *position*."""
    start = text.rfind(";", span.start, position)
    end = text.find(";", position, span.end)
    return (span.start if start == -1 else start + 1, span.end if end == -1 else end)


def _chunk_limit(text: str, amounts: list[MoneyMention], index: int, clause_end: int) -> int:
    """Where the words about amount *index* stop: the next amount, ", and", ";" or the clause end.

    An amount in brackets right behind ("700,000 yuan (300,000 yuan issued) of relief
    funds for …") does not stop it.
    """
    amount = amounts[index]
    limit = clause_end
    for later in amounts[index + 1 :]:
        if re.fullmatch(r"\s*\(\s*", text[amount.end : later.start]):
            continue
        limit = min(limit, later.start)
        break
    end = _CHUNK_END.search(text, amount.end, limit)
    return end.start() if end else limit


def _not_a_transfer(text: str, amount: MoneyMention, clause_start: int, clause_end: int) -> bool:
    before = " ".join(_last_words(text, clause_start, amount.start, 12))
    return bool(
        NOT_TRANSFER.search(before)
        or PROJECT_SIZE.search(before)
        or PER_UNIT.match(text[amount.end : clause_end])
    )


def _last_words(text: str, start: int, end: int, count: int) -> list[str]:
    """The last *count* words of ``text[start:end]``, reading no further back than needed.

    >>> _last_words("a b c d", 0, 7, 2)
    ['c', 'd']
    """
    window = 256
    while True:
        lo = max(start, end - window)
        words = text[lo:end].split()
        if len(words) > count or lo == start:  # a word cut at *lo* is not among the last
            return words[-count:] if count else []
        window *= 4


def _reversed_sides(section: Section, donor, recipient) -> bool:
    """True when the section's recipient appears as donor and its donor as recipient."""
    if section.kind != "pairing" or recipient is None:
        return False
    return _same_place(donor.name, section.recipient) and _same_place(recipient.name, section.donor)


def _same_place(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


def _default_donor(section: Section, partners) -> PlaceMention | None:
    return _mention_of_donor(section) if section.kind == "pairing" else None


def _default_recipient(section: Section, donor: PlaceMention, partners) -> PlaceMention | None:
    partner = partners.get(donor.name.lower())
    if partner is not None:
        return partner
    if section.kind == "pairing":
        return _mention_of_recipient(section)
    return None


def _respectively(text, span, names, amounts) -> dict[int, tuple[str, Name]]:
    """``Yunnan, Guizhou and Gansu received …, respectively 255 …, 156 … and 91 …``."""
    where = text.find("respectively", span.start, span.end)
    if where == -1:
        return {}
    after = [a for a in amounts if a.start > where]
    listed = _name_list_before(text, names, where)
    if len(listed) < 2 or len(listed) != len(after):
        return {}
    role = "recipient" if re.search(r"\breceiv", text[listed[-1].end : where]) else "donor"
    return {a.start: (role, n) for a, n in zip(after, listed, strict=True)}


def _name_list_before(text: str, names: list[Name], position: int) -> list[Name]:
    """The longest run ``A, B and C`` of names before *position*."""
    best: list[Name] = []
    run: list[Name] = []
    for name in (n for n in names if n.end <= position):
        if run and re.fullmatch(r"\s*(?:,|and|, and)\s*", text[run[-1].end : name.start]):
            run.append(name)
        else:
            run = [name]
        if len(run) >= len(best):
            best = list(run)
    return best


def _part_of(
    span, amounts, ends, index, emitted, cues, clause_start=None
) -> tuple[int, int, int] | None:
    """If an "of which" stands between an earlier amount and this one, that amount is the total.

    *ends* are the amounts' end offsets and *cues* those of the sentence's "of which"
    words, both in text order (amounts do not overlap). The cue must stand in the
    amount's own ';'-clause (from *clause_start*): "…, of which A, B and C; built 66
    health centres, mobilized social forces to donate D" — D is no part.
    """
    before = bisect_right(cues, amounts[index].start)  # the cues that end before this amount
    if not before or (clause_start is not None and cues[before - 1] < clause_start):
        return None
    total = bisect_right(ends, cues[before - 1], 0, index)  # the earlier amounts before that cue
    if not total or amounts[total - 1].start not in emitted:
        return None
    return (span.start, span.end, amounts[total - 1].start)
