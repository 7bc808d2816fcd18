"""Words that tell what an amount of money is: not a transfer, which kind, what for.

Plain vocabulary of the genre, matched on the few words around an amount.
"""

from __future__ import annotations

import re

from duikou.loaders.text import may_match

__all__ = [
    "NOT_TRANSFER",
    "PROJECT_SIZE",
    "PER_UNIT",
    "KIND_CUES",
    "PURPOSE_CUES",
    "TRANSFER_VERBS",
    "kind_of",
    "status_of",
    "in_kind",
    "purposes_of",
]

NOT_TRANSFER = re.compile(
    r"\b(?:income|incomes|sales|sale|sold|output|turnover|revenue|revenues|tax|taxes|profit|"
    r"profits|loss|losses|per[- ]capita|gdp|earnings|wage|wages|salary|salaries|price|prices|"
    r"trade volume|transaction|transactions|exports?|consumption|value|marketing|purchas\w*|"
    r"procure\w*)\b",
    re.I,
)
"""In the words just before an amount: the amount is not money moving from donor to recipient."""

PROJECT_SIZE = re.compile(r"\b(?:with )?a total investment of\s*$", re.I)
"""Just before an amount: the size of a project that mixes local money, not a transfer."""

PER_UNIT = re.compile(
    r"^\s*(?:(?:\w+\s+){0,2}(?:per|each)\b|(?:more|less|higher|lower|fewer)\s+than\b|"
    r"(?:\w+\s+){0,6}(?:averagely|on average)\b)",
    re.I,
)
"""Right after an amount: a rate ("3,000 yuan per household") or a difference, not a transfer."""

TRANSFER_VERBS = re.compile(
    r"\b(?:allocat(?:ed|es|e|ing)|issu(?:ed|es|e|ing)|provid(?:ed|es|e|ing)|donat(?:ed|es|e|ing)|"
    r"invest(?:ed|s|ing)?|put in|puts in|arrang(?:ed|es|e|ing)|rais(?:ed|es|e|ing)|"
    r"grant(?:ed|s|ing)?|offer(?:ed|s|ing)?|gave|give|gives|giving|spent|spend(?:s|ing)?|input|"
    r"appropriat(?:ed|es|e)|earmark(?:ed|s)?|contribut(?:ed|es|e|ing)|subsidi[sz](?:ed|es|e|ing)|"
    r"assist(?:ed|s|ing)?|support(?:ed|s|ing)?|help(?:ed|s|ing)?|used|uses|use|using|"
    r"introduc(?:ed|es|e|ing)|funded|sign(?:ed|s|ing)?|implement(?:ed|s|ing)?|launch(?:ed|es|ing)?|"
    r"inject(?:ed|s|ing)?|transferr(?:ed|ing)|sent|send(?:s|ing)?|pledg(?:ed|es|e|ing)|"
    r"increas(?:ed|es|e|ing)|grew|rose)\b",
    re.I,
)
"""Verbs (not nouns: "investment", "assistance" do not count) that move money."""

_INVESTMENT = re.compile(
    r"\b(?:worth|business investment|investment projects?|cooperation projects?|signed|"
    r"contract\w*|attract\w*|introduc\w*|co-investment|investment agreements?|capital|"
    r"actually (?:issued|invested))\b",
    re.I,
)
_AID_FUNDS = re.compile(
    r"\b(?:aid|relief|assistance|fiscal|financial|government|project) funds?\b", re.I
)
_LOAN = re.compile(r"\binterest subsid\w*|\bdiscount(?:ed)? interest|\bloan subsid\w*", re.I)
_DONATION = re.compile(
    r"\b(?:social donations?|donations|in kind|in cash|all circles|society|warm-hearted|"
    r"charit\w*|volunteers?|individuals?|enterprises? donated|entrepreneurs?|donated equipment)\b",
    re.I,
)

PURPOSE_CUES = [
    ("roads", r"\broad|\bhighway|\bbridges?\b"),
    ("water", r"\bdrinking water|\bwells?\b|\bwater supply|\birrigat|\bpump station|"
              r"\bwater conservancy|\bhydropower"),
    ("housing", r"\bhous(?:e|es|ing)\b|\brelocat|\bresettle|\bdangerous houses"),
    ("disaster_relief", r"\bdisaster|\bearthquake|\bflood|\bdebris flow|\bdrought|\bpost-disaster"),
    ("education", r"\beducat|\bschool|\bstudents?\b|\bteachers?\b|\bkindergarten|\btuition|"
                  r"\bscholarship"),
    ("health", r"\bmedical|\bhealth|\bhospital|\bclinic|\bdoctors?\b|\bdisabled"),
    ("training", r"\btraining|\btrainings|\bskills?\b"),
    ("agriculture", r"\bagricultur|\bfarm|\bplanting|\bbreeding|\blivestock|\bgreenhouse|"
                    r"\bvegetable|\btea\b|\bfruit"),
    ("industry", r"\bindustr|\benterprises?\b|\bindustrial park"),
    ("culture", r"\bcultur|\bbooks?\b|\bmovie|\blibrar"),
    ("infrastructure", r"\binfrastructure|\bconstruction|\bfacilit"),
    ("livelihood", r"\blivelihood|\bentire village advancement|\bmodel village"),
]  # fmt: skip


def _literal_starts(pattern: str) -> tuple[str, ...] | None:
    r"""How each alternative of *pattern* starts, in plain letters ("\bwells?\b" -> "well").

    Every match holds one of them, so a text with none is skipped unsearched.
    ``None`` when an alternative does not start with plain letters.

    >>> _literal_starts(r"\bhous(?:e|es|ing)\b|\bwells?\b|\bdrinking water")
    ('hous', 'well', 'drinking water')
    """
    if "\\(" in pattern or "[" in pattern:
        return None  # brackets that do not group: not worth reading
    alternatives, depth, start = [], 0, 0
    for i, ch in enumerate(pattern):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "|" and depth == 0:
            alternatives.append(pattern[start:i])
            start = i + 1
    alternatives.append(pattern[start:])
    starts = []
    for alternative in alternatives:
        letters, after = re.match(r"(?:\\b)?([a-z -]*)(.?)", alternative).groups()
        if after in ("?", "*", "{"):
            letters = letters[:-1]  # "wells?": the "s" may be missing
        if not letters:
            return None
        starts.append(letters)
    return tuple(starts)


_PURPOSE_PATTERNS = [
    (purpose, re.compile(cue, re.I), _literal_starts(cue)) for purpose, cue in PURPOSE_CUES
]
KIND_CUES = {"loan": _LOAN, "investment": _INVESTMENT, "donation": _DONATION, "aid": _AID_FUNDS}


_BANK_LOAN = re.compile(r"\bbank loans?\b|\bloans? from (?:the )?banks?\b", re.I)
_INVEST_VERB = re.compile(r"\binvest(?:s|ed|ing)?\b|\binvestment of\b", re.I)
_PRIVATE = re.compile(
    r"\b(?:enterprises?|entrepreneurs?|businesses|business(?:men|people)|compan(?:y|ies)|"
    r"investors?|merchants?|chambers? of commerce|corporations?|Co\.,? Ltd)\b",
    re.I,
)
"""Private actors: what they put in is investment ("Six enterprises moved into the park
with an investment of 470 million yuan"), what governments put in is aid."""


def kind_of(context: str, donor_kind: str, donor_name: str = "", frame: str = "") -> str:
    """Kind of a transfer from the words of its clause and whether the donor is an organisation
    or a person.

    >>> kind_of("issued 660,000 yuan as interest subsidy", "region")
    'loan_subsidy'
    >>> kind_of("signed 12 investment projects worth 3.3 billion yuan", "region")
    'investment'
    >>> kind_of("donated 200,000 yuan to Gangu County", "region")
    'fiscal_aid'
    >>> kind_of("donated 45 million yuan in kind and cash", "region")
    'social_donation'
    >>> kind_of("invested 2.3 billion yuan in the project", "organization", "Tianya Group")
    'investment'
    >>> kind_of("with an investment of 470 million yuan", "region", "", "Six enterprises moved in")
    'investment'
    """
    if _LOAN.search(context):
        return "loan_subsidy"
    if _BANK_LOAN.search(context):
        return "other"  # credit the aid leveraged, lent by banks: neither aid nor investment
    private = donor_kind in ("organization", "person")
    public = r"government|office|bureau|department|committee|commission|administration"
    if _DONATION.search(context) or (private and "donat" in context.lower()):
        return "social_donation"
    if _INVESTMENT.search(context) and not _AID_FUNDS.search(context):
        return "investment"
    business = (private and not re.search(public, donor_name, re.I)) or _PRIVATE.search(
        frame + " " + context
    )
    if business and _INVEST_VERB.search(context) and not _AID_FUNDS.search(context):
        return "investment"  # "Sanya Tianya Group … invested 2.3 billion yuan in the project"
    if private and not re.search(public, donor_name, re.I):
        return "social_donation"  # a company's or a person's money
    return "fiscal_aid"


_PLANNED = re.compile(
    r"\b(?:will|shall|plans?\s+to|planned\s+to|planning\s+to|(?:is|are|was|were)\s+planned|"
    r"according\s+to\s+the\s+plan|(?:is|are)\s+expected\s+to|intends?\s+to|aims?\s+to|"
    r"targets?\s+of|to\s+be\s+(?:invested|raised|allocated|completed))\b",
    re.I,
)
"""A plan or target: "planned to invest", "will be invested", "according to the plan"."""

_CUMULATIVE = re.compile(
    r"\b(?:as\s+of|up\s+to|by)\s+the\s+end\s+of\b|\bas\s+of\s+(?:19|20)\d\d\b|"
    r"\bsince\s+(?:the\s+)?(?:19|20)\d\d|\b(?:over|in|during)\s+the\s+(?:past|last)\s+"
    r"(?:\w+\s+)?years\b|\bso\s+far\b|\baccumulat\w*|\bcumulative\w*|"
    r"\bover\s+the\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+years\b",
    re.I,
)
"""A total over several years: "as of the end of 2012", "since 1996", "so far"."""

_COMMITTED = re.compile(
    r"\b(?:sign(?:ed|ing|s)?|agreed|agreements?|pledg\w*|contract\w*|worth|promised|"
    r"committed|intended)\b",
    re.I,
)
"""A promise, not yet money moved: "signed 46 projects worth", "pledged"."""

_ACTUALLY = re.compile(r"\bactually\s+(?:invested|issued|used|put|allocated|paid)\b", re.I)
"""Money that did move, even next to a signed deal: "and actually invested 198 billion"."""


def status_of(own: str, frame: str, years: tuple[int, int] | None, lead: str | None = None) -> str:
    """Where a flow stands: planned, cumulative, committed or else disbursed.

    *own* is the amount's own words (from the verb that governs it to just after
    it), *frame* the words of its clause before it (time phrases such as "As of
    the end of 2012" or "By 2015, according to the plan" frame every amount
    after them), *years* the period it covers (several years: a cumulative total),
    *lead* the words from that verb to the amount (an "actually invested" after the
    amount belongs to the next one; default: *own*).

    >>> status_of("planned to invest ten billion yuan", "Haikou planned to invest", None)
    'planned'
    >>> status_of("signed 14 projects worth 6.2 billion yuan", "", (2015, 2015))
    'committed'
    >>> status_of("actually invested 1.1 billion yuan", "signed … worth … and", (2015, 2015))
    'disbursed'
    >>> status_of("issued 130 million yuan", "Since 1996, it", (1996, 2011))
    'cumulative'
    """
    if _ACTUALLY.search(own if lead is None else lead):
        return "disbursed"
    if _PLANNED.search(own) or _PLANNED.search(frame):
        return "planned"
    if _CUMULATIVE.search(frame) or _CUMULATIVE.search(own) or (years and years[0] != years[1]):
        return "cumulative"
    if _COMMITTED.search(own):
        return "committed"
    return "disbursed"


_IN_KIND = re.compile(
    r"\bin\s+kind\b|\b(?:materials?|equipment|goods|supplies|clothes|clothing|quilts|books|"
    r"computers|medicines?|vehicles|cattle|cows|goats|sheep|seeds|fertili[sz]ers?|"
    r"instruments)\b[^.;,]{0,30}\bworth\b",
    re.I,
)
_CASH = re.compile(r"\bcash\b|\bfunds?\b", re.I)


def in_kind(own: str) -> bool:
    """Whether a gift is goods, not money: "donations in kind", "equipment worth 50,000 yuan"
    ("in kind and cash" is both, so not in kind alone).

    >>> in_kind("donated sports equipment worth more than 50,000 yuan"), in_kind("in kind and cash")
    (True, False)
    """
    return bool(_IN_KIND.search(own)) and not _CASH.search(own)


def purposes_of(context: str) -> tuple[str, ...]:
    """Purposes named in *context*, in the order of the cue table (at most two)."""
    found = []
    for purpose, cue, starts in _PURPOSE_PATTERNS:
        if (starts is None or may_match(cue, context, starts)) and cue.search(context):
            found.append(purpose)
            if len(found) == 2:
                break
    return tuple(found)
