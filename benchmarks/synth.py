"""Synthetic yearbook chapters for benchmarks, at any multiple of the sample's size.

Each chapter is made of the bundled chapter's own sections (cut by
:func:`duikou.api.load_document`), shuffled and retold. Every place a section
names (found with :func:`duikou.loaders.names.find_names`, resolved in
:mod:`duikou.gazetteer`) is replaced, the same way throughout the section,
by another real division of the same level: the heading's donor by an eastern
province or city, its recipient by a western province or prefecture, the
places inside them by places inside the new ones, and other places by places
of the same level and belt. Amounts get new values in the same wording
(about one in ten "X million yuan" becomes "RMB X million"), years move with
the chapter to its year (1996–2030), and officials get names made of pinyin
syllables. The text stays in the genre, so extraction does real work on it,
and no two chapters are the same text.

    python -m benchmarks.synth --scale 100 --out /tmp/corpus --seed 1

Chapters are written one at a time, so memory does not grow with the scale;
the same seed gives the same bytes.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from duikou.api import load_document, sample_path
from duikou.gazetteer import Division, Gazetteer, load
from duikou.gazetteer.normalize import ADMIN_WORDS, ETHNIC_WORDS
from duikou.loaders.amounts import find_amounts
from duikou.loaders.document import Document, Section
from duikou.loaders.names import find_names
from duikou.loaders.persons import extract_persons
from duikou.loaders.years import report_year

__all__ = ["generate", "main", "FIRST_YEAR", "LAST_YEAR"]

FIRST_YEAR, LAST_YEAR = 1996, 2030
"""The years a chapter may report on."""
RMB_SHARE = 0.1
"""Share of "X million/billion yuan" amounts written "RMB X million/billion" instead."""
TITLE = "East-West Pairing-off Cooperation for Poverty Reduction"

_SURNAMES = """Wang Li Zhang Liu Chen Yang Zhao Huang Zhou Wu Xu Sun Hu Zhu Gao Lin He Guo Ma
    Luo Liang Song Zheng Xie Han Tang Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang
    Yu Du Ye Cheng Wei Su Lu Ding Ren Shen Yao Jin Qian Fu Shi Zhong Xue Fang Bai Tan Jia Kong
    Qin Meng Hou Yin Duan Lei Long Shao Kang Mao Qiu Hao Gu Cui Xiong""".split()  # noqa: SIM905 - a word list reads best as text
_GIVEN = """jian guo hua ming wei hong ping jun xiao zhi yong hai qing dong lin feng yu bo wen
    xin hui jie tao chun rong bin cheng gang kai lei ning peng qiang rui shan ting xia yan ying
    yun zhen li hao jing tian fang zhong sheng xiang long de bao liang shu min""".split()  # noqa: SIM905
"""Syllables of given names; none starts with a vowel, so joined they read unambiguously."""

_LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2}
_ADMIN = sorted(ADMIN_WORDS, key=len, reverse=True)
_ETHNIC = sorted({w.capitalize() for w in ETHNIC_WORDS}, key=len, reverse=True)
_SUFFIX = (
    rf"(?:\s+(?:and\s+)?(?:{'|'.join(_ETHNIC)}))*"
    rf"\s+(?i:{'|'.join(re.escape(w) for w in _ADMIN)})"
)
"""Admin words after a stem, with the ethnic words of an autonomous name before them."""
_END = r"(?![\w]|[’'](?:[a-rt-z]|s\w))"  # a word ends here ("Beijing’s" ends after Beijing)
_USABLE = re.compile(r"[A-Z][a-z]+(?: (?:and|[A-Z][a-z]+))*")
_MONEY = re.compile(r"(?P<pre>(?:RMB|CNY)\s*)?(?P<num>\d[\d,]*(?:\.\d+)?)(?P<rest>.*)", re.S)
_YEAR = re.compile(r"(?<![\w.,])(?:19[89]\d|20[0-4]\d)(?![\w%]|[.,]\d)")


@dataclass(frozen=True)
class _Section:
    """One section of the sample as literal text and slots to fill.

    A slot is a tuple: ``("place", code, form)`` with form "bare", "full" or
    "adj"; ``("money", prefix, number, rest)``; ``("year", year)``;
    ``("person", name)``. ``places`` are the original divisions, provinces first.
    """

    pieces: tuple
    donor: Division | None
    recipient: Division | None
    places: tuple[Division, ...]
    nbytes: int


@dataclass(frozen=True)
class _Template:
    year: int
    overview: _Section
    pairings: tuple[_Section, ...]
    footer: str
    persons: tuple[str, ...]
    size: int
    sample_pairs: frozenset[tuple[str, str]]


@dataclass(frozen=True)
class _Pools:
    """The divisions listed at the end of one year, indexed for drawing."""

    by_code: dict[str, Division]
    by_level_belt: dict[tuple[str, str], list[Division]]
    children: dict[tuple[str, str], list[Division]]
    donors: dict[str, list[Division]]


# ------------------------------------------------------------------ public verbs


def generate(
    out_dir: str | Path, scale: float, *, seed: int = 0, progress: bool = False
) -> list[Path]:
    """Write ``round(scale)`` chapters (at least one), ``scale`` × the sample's bytes in all.

    Files are named ``chapter-0001-1998.txt`` (number, year reported on).
    Raises ``FileExistsError`` if *out_dir* already holds chapter files.
    """
    if not scale > 0:
        raise ValueError(f"scale must be a positive number, not {scale!r}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stale = sorted(out.glob("chapter-*.txt"))
    if stale:
        raise FileExistsError(
            f"{out} already holds {len(stale)} chapter files; "
            "write to an empty folder or delete them first"
        )
    template = _template()
    count = max(1, round(scale))
    target = scale * template.size / count
    seeds = random.Random(seed)
    paths = []
    for number in range(1, count + 1):
        rng = random.Random(seeds.getrandbits(64))
        year, text = _chapter(template, number, target, rng)
        path = out / f"chapter-{number:04d}-{year}.txt"
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
        if progress:
            print(f"\rchapter {number}/{count}", end="", file=sys.stderr, flush=True)
    if progress:
        print(file=sys.stderr)
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m benchmarks.synth --scale 10 --out DIR [--seed N] [--progress]``."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.synth",
        description="Write synthetic East-West pairing chapters, SCALE x the sample's size.",
    )
    parser.add_argument("--scale", type=float, default=1.0, help="multiple of the sample's size")
    parser.add_argument("--out", required=True, type=Path, help="folder to write (new or empty)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--progress", action="store_true", help="show progress on stderr")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        paths = generate(args.out, args.scale, seed=args.seed, progress=args.progress)
    except (ValueError, FileExistsError) as error:
        parser.exit(2, f"error: {error}\n")
    seconds = time.perf_counter() - started
    megabytes = sum(p.stat().st_size for p in paths) / 1e6
    print(f"{len(paths)} files, {megabytes:.1f} MB in {seconds:.2f} s -> {args.out}")
    return 0


# ------------------------------------------------------------------ one chapter


def _chapter(template: _Template, number: int, target: float, rng: random.Random):
    """``(year, text)`` of chapter *number*, about *target* bytes long."""
    year = rng.randint(FIRST_YEAR, LAST_YEAR)
    shift = year - template.year
    pools = _pools(year)
    names = _person_names(rng, 2 * len(template.persons))
    persons = dict(zip(template.persons, rng.sample(names, len(template.persons)), strict=True))
    title = f"{TITLE} in {year} (China Poverty Alleviation Yearbook {year + 1}, chapter {number})"
    overview = template.overview
    parts = [
        title,
        "\n\n",
        _fill(overview, _images(overview, None, pools, rng), persons, shift, rng),
    ]
    size = sum(len(p.encode("utf-8")) for p in parts) + len(template.footer.encode("utf-8"))
    taken: set[tuple[str, str]] = set(template.sample_pairs)
    deck: list[_Section] = []
    sections = 0
    while True:
        if not deck:
            deck = rng.sample(template.pairings, len(template.pairings))
        section = deck.pop()
        if sections and size + section.nbytes / 2 > target:
            break
        pair = _pair(section, pools, rng, taken)
        body = _fill(section, _images(section, pair, pools, rng), persons, shift, rng)
        parts.append(body)
        size += len(body.encode("utf-8"))
        sections += 1
    parts.append(template.footer)
    return year, "".join(parts)


def _pair(section: _Section, pools: _Pools, rng: random.Random, taken: set) -> tuple:
    """A new (donor, recipient) for *section*, of their levels, not in *taken*."""
    donors = pools.donors[section.donor.level]
    recipients = pools.by_level_belt[(section.recipient.level, "west")]
    for _ in range(50):
        donor, recipient = rng.choice(donors), rng.choice(recipients)
        if (donor.code, recipient.code) not in taken:
            break
    taken.add((donor.code, recipient.code))
    return donor, recipient


def _images(section: _Section, pair, pools: _Pools, rng: random.Random) -> dict[str, Division]:
    """Original code -> new division, for every place of *section*.

    The donor and recipient become the pair (their provinces the pair's
    provinces); a place inside a replaced place becomes a place of its level
    inside the replacement. Another eastern (western) place below province
    level goes into the new donor's (recipient's) province, as the genre's
    places mostly lie in one of the two; any other place becomes a place of
    its level and belt.
    """
    image: dict[str, Division] = {}
    homes: dict[str, Division] = {}
    if pair is not None:
        olds = (section.donor, section.recipient)
        for belt, old, new in zip(("east", "west"), olds, pair, strict=True):
            homes[belt] = image[old.province_code] = pools.by_code[new.province_code]
            image[old.code] = new
    used = {d.code for d in image.values()}
    for old in section.places:
        if old.code in image:
            continue
        containers = [image[c] for c in (old.parent_code, old.province_code) if c in image]
        if old.level != "province" and old.macro_region in homes:
            containers.append(homes[old.macro_region])
        new = None
        for container in containers:
            new = _draw(pools.children.get((container.code, old.level)), used, rng)
            if new is not None:
                break
        if new is None:
            belt = pools.by_level_belt.get((old.level, old.macro_region))
            new = _draw(belt or pools.by_level_belt[(old.level, "east")], used, rng)
        image[old.code] = new
        used.add(new.code)
    return image


def _draw(candidates: list[Division] | None, used: set[str], rng: random.Random):
    """A random candidate not in *used* if one turns up soon, else any; None if none."""
    if not candidates:
        return None
    for _ in range(12):
        pick = rng.choice(candidates)
        if pick.code not in used:
            break
    return pick


def _fill(section: _Section, image, persons, shift: int, rng: random.Random) -> str:
    out = []
    for piece in section.pieces:
        if type(piece) is str:
            out.append(piece)
        elif piece[0] == "place":
            out.append(_render(image[piece[1]], piece[2]))
        elif piece[0] == "money":
            out.append(_money(piece[1], piece[2], piece[3], rng))
        elif piece[0] == "year":
            out.append(str(piece[1] + shift))
        else:
            out.append(persons[piece[1]])
    return "".join(out)


def _render(division: Division, form: str) -> str:
    """The division's name in the form the original had: bare, full, or as an adjective.

    >>> gaz = load()
    >>> [_render(gaz.get(c), f) for c, f in [("640000", "bare"), ("513400", "full"),
    ...     ("320000", "adj"), ("350200", "adj"), ("110105", "adj")]]
    ['Ningxia', 'Liangshan Yi Autonomous Prefecture', 'Jiangsu Provincial', 'Xiamen Municipal', \
'Chaoyang District']
    """
    if form == "full":
        return division.name_en
    stem = _stem(division.name_en)
    if form == "bare":
        return stem
    name = division.name_en
    if name.endswith((" City", " Municipality")):
        return f"{stem} Municipal"
    if name.endswith(" Autonomous Region"):
        return f"{stem} Regional"
    if division.level == "province":
        return f"{stem} Provincial"
    if division.level == "prefecture":
        return f"{stem} Prefectural"
    return f"{stem} {name.split()[-1]}"


def _money(prefix: str, number: str, rest: str, rng: random.Random) -> str:
    new = _new_number(number, rng)
    if not prefix and rest in (" million yuan", " billion yuan") and rng.random() < RMB_SHARE:
        return f"RMB {new}{rest[: -len(' yuan')]}"
    return f"{prefix}{new}{rest}"


def _new_number(number: str, rng: random.Random) -> str:
    """A random number (×0.3 to ×3.3) written like *number*: decimals, commas, round zeros.

    >>> rng = random.Random(0)
    >>> [_new_number(n, rng) for n in ("86.4", "30,000", "2185", "100.232")]
    ['197.5', '60,000', '1806', '56.198']
    """
    plain = number.replace(",", "")
    whole, _, fraction = plain.partition(".")
    value = float(plain) * math.exp(rng.uniform(-1.2, 1.2))
    comma = "," if "," in number else ""
    if fraction:
        step = 10.0 ** -len(fraction)
        return f"{max(round(value / step), 1) * step:{comma}.{len(fraction)}f}"
    unit = 10 ** min(len(whole) - len(whole.rstrip("0")), len(whole) - 1)
    return f"{max(round(value / unit), 1) * unit:{comma}d}"


def _person_names(rng: random.Random, count: int) -> list[str]:
    """*count* distinct names: a surname and one or two given-name syllables."""
    names: dict[str, None] = {}
    while len(names) < count:
        given = "".join(rng.choice(_GIVEN) for _ in range(1 if rng.random() < 0.3 else 2))
        names[f"{rng.choice(_SURNAMES)} {given.capitalize()}"] = None
    return list(names)


# ------------------------------------------------------------------ divisions to draw from


@cache
def _pools(year: int) -> _Pools:
    rows = [
        d
        for d in load()
        if d.valid_at_end_of(year)
        and d.macro_region
        and _USABLE.fullmatch(d.name_en)
        and len(_stem(d.name_en)) >= 4
    ]
    by_level_belt: dict[tuple[str, str], list[Division]] = {}
    children: dict[tuple[str, str], list[Division]] = {}
    for d in rows:
        by_level_belt.setdefault((d.level, d.macro_region), []).append(d)
        for container in dict.fromkeys((d.parent_code, d.province_code)):
            if container and container != d.code:
                children.setdefault((container, d.level), []).append(d)
    cities = [d for d in by_level_belt[("prefecture", "east")] if d.name_en.endswith(" City")]
    donors = {"province": by_level_belt[("province", "east")], "prefecture": cities}
    return _Pools({d.code: d for d in rows}, by_level_belt, children, donors)


@cache
def _stem(name: str) -> str:
    """The name without its admin words (and the ethnic words of an autonomous name).

    >>> _stem("Qiandongnan Miao and Dong Autonomous Prefecture"), _stem("Chifeng City")
    ('Qiandongnan', 'Chifeng')
    >>> _stem("Inner Mongolia Autonomous Region"), _stem("Dong County"), _stem("Beijing")
    ('Inner Mongolia', 'Dong', 'Beijing')
    """
    lowered = name.lower()
    for admin in _ADMIN:
        if lowered.endswith(" " + admin):
            words = name[: -len(admin) - 1].split()
            if admin.startswith("autonomous"):
                while len(words) > 1 and words[-1].lower() in ETHNIC_WORDS | {"and"}:
                    words.pop()
            return " ".join(words)
    return name


# ------------------------------------------------------------------ the sample as template


@cache
def _template() -> _Template:
    """The sample cut into sections, each with its slots; built once per process."""
    path = sample_path()
    doc = load_document(path)
    gaz = load()
    text = doc.text
    year = report_year(doc) or 2012
    authors = {s.attribution.author for s in doc.sections if s.attribution}
    persons = sorted(({p.name for p in extract_persons(doc)} | authors) - {None})
    people = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, persons))}){_END}")
    common = (
        [_money_slot(m) for m in find_amounts(text)],
        [(m.start(), m.end(), ("person", m.group())) for m in people.finditer(text)],
        [(m.start(), m.end(), ("year", int(m.group()))) for m in _YEAR.finditer(text)],
    )
    starts = [_line_start(text, s.span.start) for s in doc.sections]
    end = _line_start(text, doc.trailer.start) if doc.trailer else len(text)
    sections = [
        _section(doc, gaz, section, start, stop, common, year)
        for section, start, stop in zip(doc.sections, starts, [*starts[1:], end], strict=True)
    ]
    pairings = tuple(s for s in sections if s.donor and s.recipient)
    return _Template(
        year=year,
        overview=sections[0],
        pairings=pairings,
        footer=text[end:],
        persons=tuple(persons),
        size=path.stat().st_size,
        sample_pairs=frozenset((s.donor.code, s.recipient.code) for s in pairings),
    )


def _section(doc: Document, gaz: Gazetteer, section: Section, start, stop, common, year):
    text = doc.text
    donor = _resolve(gaz, section.donor, (), year) if section.donor else None
    recipient = _resolve(gaz, section.recipient, (), year) if section.recipient else None
    within = [d.province_code for d in (recipient, donor) if d]
    resolved: dict[str, Division | None] = {}
    for name, division in ((section.donor, donor), (section.recipient, recipient)):
        if name:
            resolved[name] = division
    for sentence in section.sentences():
        for name in find_names(text, sentence.span.start, sentence.span.end):
            if name.kind == "region" and name.text not in resolved:
                resolved[name.text] = _resolve(gaz, name.text, within, year)
    stems: dict[str, Division] = {}
    for name, division in resolved.items():
        if division is None:
            continue
        stem = _stem(name)
        first, _, rest = stem.partition(" ")
        province = gaz.lookup(first, level="province", year=year) if rest else []
        if province:  # "Gansu Linxia (Hui Autonomous Prefecture)": the province, then the place
            stems.setdefault(first, province[0])
            stem = rest
        held = stems.get(stem)
        if len(stem) >= 4 and (
            held is None or _LEVEL_RANK[division.level] < _LEVEL_RANK[held.level]
        ):
            stems[stem] = division
    places: dict[str, Division] = {}
    slots = []
    if stems:
        alternatives = "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True))
        pattern = re.compile(
            rf"(?<![\w’'])(?P<stem>{alternatives})"
            rf"(?:(?P<suffix>{_SUFFIX})|\s+(?P<adj>Municipal|Provincial|Prefectural))?{_END}"
        )
        for m in pattern.finditer(text, start, stop):
            division = stems[m["stem"]]
            if m["suffix"]:
                full = " ".join(m.group().split())
                if full not in resolved:
                    resolved[full] = _resolve(gaz, full, within, year)
                division = resolved[full] or division
            places.setdefault(division.code, division)
            form = "full" if m["suffix"] else "adj" if m["adj"] else "bare"
            slots.append((m.start(), m.end(), ("place", division.code, form)))
    money, people, years = ([s for s in kind if start <= s[0] < stop] for kind in common)
    return _Section(
        pieces=_pieces(text, start, stop, [money, people, slots, years]),
        donor=donor,
        recipient=recipient,
        places=tuple(sorted(places.values(), key=lambda d: _LEVEL_RANK[d.level])),
        nbytes=len(text[start:stop].encode("utf-8")),
    )


def _resolve(gaz: Gazetteer, name: str, within: Sequence[str], year: int) -> Division | None:
    """The division *name* means, looked for inside the section's provinces first.

    Outside them only a sure match is taken: the division's own name with its
    admin word, or a bare name of a province or prefecture (not "Yuan").
    """
    for code in within:
        found = gaz.match(name, year=year, within=code)
        if found and found[0].confidence >= 0.75:
            return found[0].division
    found = gaz.match(name, year=year)
    if not found:
        return None
    best = found[0]
    if best.confidence >= 0.85 and (best.confidence >= 1.0 or best.division.level != "county"):
        return best.division
    return None


def _money_slot(mention):
    m = _MONEY.fullmatch(mention.text)
    if m is None:  # "one million yuan": left as written
        return (mention.start, mention.start, None)
    return (mention.start, mention.end, ("money", m["pre"] or "", m["num"], m["rest"]))


def _pieces(text: str, start: int, stop: int, kinds: list[list]) -> tuple:
    """Literal text between the slots; earlier kinds win where slots overlap."""
    taken = bytearray(stop - start)
    chosen = []
    for kind in kinds:
        for s, e, slot in kind:
            if slot is not None and e <= stop and not any(taken[s - start : e - start]):
                taken[s - start : e - start] = b"\x01" * (e - s)
                chosen.append((s, e, slot))
    pieces: list = []
    position = start
    for s, e, slot in sorted(chosen, key=lambda c: c[0]):
        if s > position:
            pieces.append(text[position:s])
        pieces.append(slot)
        position = e
    pieces.append(text[position:stop])
    return tuple(pieces)


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


if __name__ == "__main__":
    sys.exit(main())
