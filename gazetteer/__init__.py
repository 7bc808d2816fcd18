"""A gazetteer of China's administrative divisions, 1980 to today, by code and name.

The data (``divisions.csv.gz``, package data) has one row per GB/T 2260 code
and period: Chinese name, level, parent, validity, successor, pinyin, English
name and variants, coordinates, GeoNames id and east/central/west class. It is
built by ``scripts/build_gazetteer.py``; reading it needs only the standard
library.

>>> gaz = load()
>>> [d.code for d in gaz.lookup("Liangshan Prefecture")]
['513400']
>>> gaz.lookup("Huangping County", within="Qiandongnan")[0].name_zh
'黄平县'
>>> [d.code for d in gaz.lookup("Bijie Prefecture", year=2010)]
['522400']
>>> gaz.successor("522400").name_en
'Bijie City'
>>> [p.code for p in gaz.parents("522622")]
['522600', '520000']
>>> gaz.lookup("Atlantis")
[]
"""

from __future__ import annotations

from functools import cache

from duikou.gazetteer.index_cache import load_index
from duikou.gazetteer.lookup import Candidate, Gazetteer
from duikou.gazetteer.model import Division
from duikou.gazetteer.normalize import Mention, parse_mention

__all__ = ["load", "Gazetteer", "Division", "Candidate", "Mention", "parse_mention"]


@cache
def load() -> Gazetteer:
    """The packaged gazetteer, read once and then shared.

    Its index comes from the user's cache folder when a current one is there
    (:mod:`duikou.gazetteer.index_cache`), else it is built and cached.
    """
    return load_index()
