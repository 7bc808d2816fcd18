"""The two sides of a pairing section, and on which side a place mention lies.

A section headed ``A – B Pairing-off …`` has an east side (A and every place
inside A) and a west side (B and every place inside B). "Inside" is read from
the gazetteer: a mention is on a side when one of the divisions its name may
refer to lies within the division the heading names (a province: the same
two-digit code prefix; a prefecture: the same four digits). A mention that
fits both sides, or neither, has no side.

Only typed mentions can be parties of a pairing: a place name the gazetteer
knows, or a name that ends in an admin word ("… County", "… League").
Ordinary capitalised words ("Despite", "Phase", "Activity") are neither.

>>> from duikou.loaders.document import Section, Span
>>> section = Section("pairing", Span(0, 1), "", donor="Hainan", recipient="Tibet")
>>> sides = sides_of(section)
>>> sides.side("Sanya City"), sides.side("Nang County"), sides.side("Hainan Province")
('east', 'west', 'east')
>>> sides.side("Lanzhou") is None, sides.side("Despite") is None
(True, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from duikou.gazetteer import load
from duikou.gazetteer.normalize import level_from_name
from duikou.loaders.document import Section
from duikou.loaders.text import clean_label

__all__ = ["Sides", "sides_of", "is_known_place", "is_typed_place", "EAST", "WEST"]

EAST, WEST = "east", "west"


@dataclass(frozen=True)
class Sides:
    """Code prefixes of the east side and of the west side, and the heading's names."""

    east: str
    west: str
    east_name: str
    west_name: str

    def side(self, name: str, within: str | None = None) -> str | None:
        """``"east"``, ``"west"`` or ``None`` for the place named *name*.

        *within* is a container the text names with it ("Zhongshan District of
        Liupanshui City"): a name found on both sides is on the container's side
        when the gazetteer finds it inside the container.
        """
        found = self._sides(name)
        if len(found) != 1 and within:
            outer = self._sides(within)
            if len(outer) == 1 and load().lookup(clean_label(name), within=clean_label(within)):
                return outer.pop()
        return found.pop() if len(found) == 1 else None

    def may_be(self, name: str, side: str) -> bool:
        """Whether one of the divisions *name* may refer to lies on *side* ("Zhongshan" is
        a city of Guangdong and a county of Guangxi: it may be on either side)."""
        return side in self._sides(name)

    def _sides(self, name: str) -> set[str]:
        label = clean_label(name)
        lowered = label.lower()
        found = set()
        if lowered.startswith(self.east_name.lower()):
            found.add(EAST)
        if lowered.startswith(self.west_name.lower()):
            found.add(WEST)
        for code in _codes(label):
            if self.east and code.startswith(self.east):
                found.add(EAST)
            if self.west and code.startswith(self.west):
                found.add(WEST)
        return found


def sides_of(section: Section) -> Sides | None:
    """The sides of a pairing section; ``None`` for the overview or a heading without a pair."""
    if section.kind != "pairing" or not section.donor or not section.recipient:
        return None
    return Sides(
        _prefix(section.donor), _prefix(section.recipient), section.donor, section.recipient
    )


def is_known_place(name: str) -> bool:
    """Whether the gazetteer knows *name* as a division (of any period)."""
    return bool(_codes(clean_label(name)))


def is_typed_place(name: str, level: str | None = None) -> bool:
    """Whether *name* can be a party: the gazetteer knows it or it ends in an admin word."""
    label = clean_label(name)
    return bool(level or level_from_name(label) or _codes(label))


@lru_cache(maxsize=4096)
def _codes(name: str) -> tuple[str, ...]:
    """Codes of every division *name* may refer to (any period)."""
    return tuple(d.code for d in load().lookup(name))


@lru_cache(maxsize=256)
def _prefix(name: str) -> str:
    """The code prefix of the places inside the division a heading names ("" if unknown)."""
    found = load().lookup(clean_label(name))
    if not found:
        return ""
    best = found[0]
    if best.level == "province":
        return best.code[:2]
    if best.level == "prefecture":
        return best.code[:4]
    return best.code
