"""Test data and helpers shared by several test modules."""

import hashlib

# A chapter written for the tests: other provinces than the sample, CRLF line
# endings, a BOM, an em dash, a spaced hyphen, a sub-heading that lost its
# opening bracket, non-breaking and full-width spaces, curly quotes, an
# attribution with unbalanced brackets, and a Chinese site footer.
SYNTHETIC_LINES = [
    "\ufeffEast-West Pairing-off Cooperation for Poverty Reduction",
    "",
    "    Overview",
    "\u00a0",
    "    In 2015, the eastern provinces helped the west. Mr. Zhao of Huaxin Co., Ltd. spoke.",
    "    (Office of Test Affairs, LGOP)",
    "",
    "    Hainan\u2014Tibet Autonomous Region Pairing-off Poverty Alleviation",
    "\u3000",
    "    【Overview】 In 2015, Hainan allocated 3.5 million yuan to Nyingchi. It built 2 schools.",
    "    Fund allocation】 According to \u201cGuo Fa (2012) No.2\u201d, Hainan gave 1\u2030 of revenue.",
    "\u00a0\u00a0 (Li Ming, (Hainan Provincial Office of Cooperation)",
    "",
    "    Anhui -Xinjiang Uygur Autonomous Region Pairing-off Poverty Alleviation",
    "    【Exchange visits】 On May 3, Governor Wang visited Hotan. The two sides signed an agreement.",
    "    Second paragraph of the visits.",
    "    (Anhui Provincial Poverty Alleviation Office",
    "",
    "\u626b\u63cf\u4e0b\u8f7d\u624b\u673a\u5ba2\u6237\u7aef",
    "\u7248\u6743\u6240\u6709\u00a9\u4e2d\u56fd\u56fd\u9645\u6276\u8d2b\u4e2d\u5fc3 \u4eac ICP \u5907 2020 \u53f7",
]


def synthetic_bytes() -> bytes:
    return ("\r\n".join(SYNTHETIC_LINES) + "\r\n").encode("utf-8")


def folder_digest(folder) -> str:
    """SHA-256 over every file's relative path and bytes: changes if anything in the folder does."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def build_snapshot(out) -> dict:
    """What a built folder holds: every file's bytes but the store's, and the store's quads.

    The store's files differ between two loads of the same quads, so its
    quads are compared instead (without blank nodes, which get new labels at
    every load: only the ontology's lists have them).
    """
    import pyoxigraph as ox

    files = {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and "store" not in p.relative_to(out).parts
    }
    store = ox.Store.read_only(str(out / "store"))
    quads = sorted(str(q) for q in store if not any(isinstance(t, ox.BlankNode) for t in q))
    return {"files": files, "quads": quads}
