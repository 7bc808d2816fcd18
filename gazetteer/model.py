"""The gazetteer's rows: :class:`Division` and reading ``divisions.csv.gz``.

>>> d = Division.from_row({"code": "110105", "name_zh": "朝阳区", "level": "county",
...     "parent_code": "110000", "province_code": "110000", "valid_from": "1980-12",
...     "valid_to": "", "successor_code": "", "pinyin": "Chaoyang Qu",
...     "name_en": "Chaoyang District", "alt_names": "Chaoyang|Chaoyang Qu",
...     "lon": "116.44321", "lat": "39.92151", "geonames_id": "", "macro_region": "east"})
>>> d.current, d.alt_names, d.geonames_iri
(True, ('Chaoyang', 'Chaoyang Qu'), None)
>>> d.valid_in(2012), d.valid_at_end_of(1979)
(True, False)
"""

from __future__ import annotations

import csv
import gzip
import io
from dataclasses import dataclass
from importlib import resources

__all__ = ["Division", "FIELDS", "read_divisions", "DATA_FILE"]

DATA_FILE = "divisions.csv.gz"

FIELDS = [
    "code",
    "name_zh",
    "level",
    "parent_code",
    "province_code",
    "valid_from",
    "valid_to",
    "successor_code",
    "pinyin",
    "name_en",
    "alt_names",
    "lon",
    "lat",
    "geonames_id",
    "macro_region",
]


@dataclass(frozen=True)
class Division:
    """One administrative division as listed during one period of the code list.

    ``valid_from``/``valid_to`` are ``YYYY-MM`` dates of code-list revisions:
    the first that lists the row and the first that no longer does ("" = still
    listed). ``successor_code`` is, for a row that is no longer listed, the
    division listed today in its place; where the chain of replacements stops
    before today, the last one the code lists show ("" when the row is current
    or no replacement is known).
    """

    code: str
    name_zh: str
    level: str
    parent_code: str
    province_code: str
    valid_from: str
    valid_to: str
    successor_code: str
    pinyin: str
    name_en: str
    alt_names: tuple[str, ...]
    lon: float | None
    lat: float | None
    geonames_id: str
    macro_region: str

    @classmethod
    def from_row(cls, row: dict[str, str]) -> Division:
        return cls(
            code=row["code"],
            name_zh=row["name_zh"],
            level=row["level"],
            parent_code=row["parent_code"],
            province_code=row["province_code"],
            valid_from=row["valid_from"],
            valid_to=row["valid_to"],
            successor_code=row["successor_code"],
            pinyin=row["pinyin"],
            name_en=row["name_en"],
            alt_names=tuple(a for a in row["alt_names"].split("|") if a),
            lon=float(row["lon"]) if row["lon"] else None,
            lat=float(row["lat"]) if row["lat"] else None,
            geonames_id=row["geonames_id"],
            macro_region=row["macro_region"],
        )

    @property
    def current(self) -> bool:
        """Listed in the newest code list."""
        return not self.valid_to

    @property
    def geonames_iri(self) -> str | None:
        """The GeoNames IRI of the populated place matched to this division."""
        return f"https://sws.geonames.org/{self.geonames_id}/" if self.geonames_id else None

    def valid_in(self, year: int) -> bool:
        """Listed by some revision in force during ``year``."""
        return self.valid_from <= f"{year}-12" and (
            not self.valid_to or self.valid_to > f"{year}-01"
        )

    def valid_at_end_of(self, year: int) -> bool:
        """Listed by the revision in force on 31 December of ``year``."""
        return self.valid_from <= f"{year}-12" and (
            not self.valid_to or self.valid_to > f"{year}-12"
        )


def read_divisions() -> list[Division]:
    """All rows of the packaged ``divisions.csv.gz``, in file order."""
    raw = resources.files(__package__).joinpath(DATA_FILE).read_bytes()
    text = gzip.decompress(raw).decode("utf-8")
    return [Division.from_row(row) for row in csv.DictReader(io.StringIO(text))]
