"""Find divisions by an English, pinyin or Chinese name.

A mention is normalised (:mod:`duikou.gazetteer.normalize`) and its key
looked up among each division's own names (``name_en``, ``pinyin``) and its
variants and aliases (``alt_names``). Candidates are then filtered and ranked:

1. ``level=`` keeps only that level; an admin word in the name ("Prefecture",
   "County", "City", "Banner", …) keeps the levels it fits, if any candidate fits;
2. ``within=`` (a code, or the name of a province or prefecture) keeps the
   places inside it; ``year=`` keeps the rows listed by a revision in force
   that year;
3. rows valid at the end of ``year`` (or, without a year, rows still listed
   today) come first, then higher confidence: the division's own name (1.0)
   over a variant or alias (0.8), times 0.95 when the mention has no admin
   word, 0.9 when its admin word fits the level but is not the usual English
   for the Chinese suffix ("Bijie Prefecture" for 毕节市), 0.9 again when the
   mention had to be split ("Huangping County of Qiandongnan"), and 0.9 when
   its apostrophe or ü is not in the division's spellings ("Xi'an" for 献县);
4. then the larger division, then the code.

Several candidates for one name are an ambiguity the caller resolves with
``within`` or ``level``; nothing found is ``[]``.
"""

from __future__ import annotations

import re
import weakref
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from duikou.gazetteer.model import Division
from duikou.gazetteer.normalize import Mention, is_chinese, key, parse_mention, spelling
from duikou.gazetteer.zh_names import LEVELS, parse_zh

__all__ = ["Gazetteer", "Candidate"]

_LEVEL_RANK = {level: i for i, level in enumerate(LEVELS)}
_NAME, _ALT = 1.0, 0.8
_MEMO_SIZE = 20_000
"""Answers a gazetteer keeps (:meth:`Gazetteer._memo`) before it starts afresh: about three
chapters' worth (a chapter asks 5,000-7,000 new questions). The repeats are within a
chapter; with 200,000 a build worker grew by some 50 MB more and kept growing well past
a hundred chapters, for no fewer lookups per chapter."""
_ANSWERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class Candidate:
    """A division found for a mention, with how sure the match is and why."""

    division: Division
    confidence: float
    rule: str


class Gazetteer:
    """Divisions of China by code, name and period; see the module docstring."""

    def __init__(self, divisions: list[Division]):
        self._rows = list(divisions)
        self._by_code: dict[str, list[Division]] = defaultdict(list)
        for row in self._rows:
            self._by_code[row.code].append(row)
        # Years before the first code list (1980-12) are read with that list.
        self.first_year = int(min(r.valid_from for r in self._rows)[:4]) if self._rows else 0
        for rows in self._by_code.values():
            rows.sort(key=lambda d: d.valid_from)
        self._suffix = [parse_zh(d.name_zh, d.level).suffix for d in self._rows]
        self._index: dict[str, dict[int, float]] = defaultdict(dict)
        self._zh: dict[str, dict[int, float]] = defaultdict(dict)
        for i, row in enumerate(self._rows):
            self._add_keys(i, row)

    def _add_keys(self, i: int, row: Division) -> None:
        own = {parse_mention(row.name_en).key, key(row.name_en), key(row.pinyin)}
        if row.pinyin:
            own.add(key(row.pinyin.split()[0]))  # the stem: "Liangshan Yizu Zizhizhou"
        for k in own:
            self._index[k][i] = _NAME
        for alt in row.alt_names:
            for k in (parse_mention(alt).key, key(alt)):
                if k and k not in own:
                    self._index[k].setdefault(i, _ALT)
        parts = parse_zh(row.name_zh, row.level)
        self._zh[row.name_zh][i] = _NAME
        self._zh[parts.stem + parts.position].setdefault(i, 0.9)

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[Division]:
        return iter(self._rows)

    # ------------------------------------------------------------ by code

    def get(self, code: str, year: int | None = None) -> Division:
        """The row of ``code`` in force at the end of ``year`` (default: the latest).

        Raises ``KeyError`` if the code was never listed (or not in ``year``).
        """
        rows = self._by_code.get(code)
        if not rows:
            raise KeyError(f"{code!r} is not a GB/T 2260 code listed between 1980 and today")
        if year is None:
            return rows[-1]
        year = max(year, self.first_year)
        for test in (Division.valid_at_end_of, Division.valid_in):
            found = [d for d in rows if test(d, year)]
            if found:
                return found[-1]
        raise KeyError(
            f"{code!r} ({rows[-1].name_zh}) was not listed in {year}: "
            f"it was listed {', '.join(_period(d) for d in rows)}"
        )

    def history(self, code: str) -> list[Division]:
        """Every row of ``code``, oldest first."""
        return list(self._by_code.get(code, []))

    def parents(self, code: str, year: int | None = None) -> list[Division]:
        """The divisions above ``code``, nearest first, up to the province."""
        row = self.get(code, year)
        out = []
        while row.parent_code:
            candidates = self._by_code.get(row.parent_code, [])
            overlapping = [p for p in candidates if _overlap(p, row)] or candidates
            if not overlapping:
                break
            row = overlapping[-1]
            out.append(row)
        return out

    def successor(self, code: str) -> Division | None:
        """What replaced ``code``: the division listed today in its place.

        None if ``code`` is still listed or no replacement could be read from the
        code lists; a division that is itself gone where the chain of
        replacements stops early (check ``.current``).
        """
        row = self.get(code)
        if row.current or not row.successor_code:
            return None
        return self.get(row.successor_code)

    # ------------------------------------------------------------ by name

    def lookup(
        self,
        name: str,
        *,
        level: str | None = None,
        year: int | None = None,
        within: str | None = None,
    ) -> list[Division]:
        """Divisions the name may refer to, best first; ``[]`` if none."""
        return [c.division for c in self.match(name, level=level, year=year, within=within)]

    def match(
        self,
        name: str,
        *,
        level: str | None = None,
        year: int | None = None,
        within: str | None = None,
    ) -> list[Candidate]:
        """Like :meth:`lookup`, with each candidate's confidence and rule."""
        if level is not None and level not in _LEVEL_RANK:
            raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
        if year is not None:
            year = max(year, self.first_year)
        memo, key = self._memo(), ("match", name, level, year, within)
        found = memo.get(key)
        if found is None:
            found = self._match(name, level, year, within)
            if not found and within is None:
                found = self._split(name, level, year)
            memo[key] = found = tuple(found)
        return list(found)

    def _memo(self) -> dict:
        """Answers already worked out in this process, by question.

        A chapter asks after the same names again and again (each extractor, then the
        resolver, with and without a level or a container): half the lookups of the
        bundled chapter are repeats. The answers are tuples of frozen candidates, so
        sharing them is safe; the memo is kept beside the index, not in it (it is not
        pickled with it), and is emptied when it grows past :data:`_MEMO_SIZE`.
        """
        memo = _ANSWERS.get(self)
        if memo is None or len(memo) > _MEMO_SIZE:
            memo = _ANSWERS[self] = {}
        return memo

    def _match(
        self, name: str, level: str | None, year: int | None, within: str | None
    ) -> list[Candidate]:
        memo, key = self._memo(), ("_match", name, level, year, within)
        found = memo.get(key)
        if found is None:
            memo[key] = found = tuple(self._match_afresh(name, level, year, within))
        return list(found)

    def _match_afresh(
        self, name: str, level: str | None, year: int | None, within: str | None
    ) -> list[Candidate]:
        if not name or not name.strip():
            return []
        prefixes = None
        if within is not None:
            prefixes = self._within(within, year)
            if not prefixes:
                return []
        if is_chinese(name):
            hits, mention = self._zh_hits(name.strip()), None
        else:
            mention = parse_mention(name)
            hits = dict(self._index.get(mention.key, {}))
            for i, conf in self._index.get(mention.full_key, {}).items():
                hits[i] = max(hits.get(i, 0.0), conf)
        out = []
        for i, base in hits.items():
            row = self._rows[i]
            if level is not None and row.level != level:
                continue
            if year is not None and not row.valid_in(year):
                continue
            if prefixes is not None and not _inside(row.code, prefixes):
                continue
            out.append(self._score(i, base, mention))
        if mention is not None and mention.admin:
            fitting = [c for c in out if c.rule != "admin-mismatch"]
            out = fitting or out
        return self._rank(out, year)

    def _zh_hits(self, name: str) -> dict[int, float]:
        hits = dict(self._zh.get(name, {}))
        for lvl in LEVELS:
            parts = parse_zh(name, lvl)
            for i, conf in self._zh.get(parts.stem + parts.position, {}).items():
                hits.setdefault(i, conf)
        return hits

    def _score(self, i: int, base: float, mention: Mention | None) -> Candidate:
        row, suffix = self._rows[i], self._suffix[i]
        source = "name" if base >= _NAME else "alias"
        if mention is None:
            return Candidate(row, base, "name-zh" if base >= _NAME else "stem-zh")
        note = ""
        if mention.form and not any(mention.form in f for f in self._spellings(i)):
            base, note = base * 0.9, "+spelling"  # "Xi'an" is not 献县 Xian
        if not mention.admin:
            return Candidate(row, round(base * 0.95, 3), f"{source}-stem{note}")
        if mention.exact(row.level, suffix):
            return Candidate(row, round(base, 3), f"{source}-exact{note}")
        if mention.compatible(row.level, suffix):
            return Candidate(row, round(base * 0.9, 3), f"{source}-level{note}")
        return Candidate(row, round(base * 0.6, 3), "admin-mismatch")

    def _spellings(self, i: int) -> list[str]:
        row = self._rows[i]
        return [spelling(t) for t in (row.name_en, row.pinyin, *row.alt_names)]

    def _rank(self, found: list[Candidate], year: int | None) -> list[Candidate]:
        def sort_key(c: Candidate):
            d = c.division
            now = d.valid_at_end_of(year) if year is not None else d.current
            return (not now, -c.confidence, _LEVEL_RANK[d.level], _neg(d.valid_to), d.code)

        best: dict[str, Candidate] = {}
        for cand in sorted(found, key=sort_key):
            best.setdefault(cand.division.code, cand)
        if year is None:  # an old code of a place also found under its new code
            best = {
                code: c
                for code, c in best.items()
                if c.division.current
                or c.division.successor_code in (code, "")
                or c.division.successor_code not in best
            }
        return sorted(best.values(), key=sort_key)

    def _within(self, within: str, year: int | None) -> list[str]:
        """Code prefixes of the province(s) or prefecture(s) ``within`` names."""
        within = within.strip()
        if re.fullmatch(r"\d{6}", within):
            rows = [self.get(within)]
        else:
            rows = [
                c.division
                for lvl in ("province", "prefecture")
                for c in self._match(within, lvl, year, None)
            ]
        prefixes = []
        for row in rows:
            if row.level == "province":
                prefixes.append(row.code[:2])
            elif row.level == "prefecture":
                prefixes.append(row.code[:4])
            else:
                prefixes.append(row.code)
        return prefixes

    def _split(self, name: str, level: str | None, year: int | None) -> list[Candidate]:
        """``Huangping County of Qiandongnan``, ``Gansu Linxia Hui Autonomous Prefecture``."""
        words = [w for w in re.split(r"[\s,;]+", name.strip()) if w]
        if not 2 <= len(words) <= 10 or is_chinese(name):
            return []
        for i in range(1, len(words)):
            head, tail = words[:i], words[i:]
            if tail[0].lower() == "of" and len(tail) > 1:
                options = [(head, tail[1:])]
            else:
                options = [(head, tail), (tail, head)]
            for place, container in options:
                found = self._match(" ".join(place), level, year, " ".join(container))
                if found:
                    return [
                        Candidate(c.division, round(c.confidence * 0.9, 3), c.rule + "+split")
                        for c in found
                    ]
        return []


def _inside(code: str, prefixes: list[str]) -> bool:
    return any(code.startswith(p) and code != p.ljust(6, "0") for p in prefixes)


def _overlap(a: Division, b: Division) -> bool:
    a_end, b_end = a.valid_to or "9999", b.valid_to or "9999"
    return a.valid_from < b_end and b.valid_from < a_end


def _neg(valid_to: str) -> str:
    """Sort key putting later (and open) end dates first."""
    return "".join(chr(255 - ord(ch)) for ch in (valid_to or "9999-99"))


def _period(d: Division) -> str:
    return f"{d.valid_from}..{d.valid_to or 'today'}"
