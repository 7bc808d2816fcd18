"""What kind of file a yearbook input is, from its bytes, and the text of a web page or PDF.

:func:`sniff` names a file's format from its first bytes (its magic), before
its extension: a PDF, a ZIP archive (a ``.docx`` is one), an old Office file,
an image, an HTML page, or text. :mod:`duikou.loaders.reading` refuses the
archives and images and passes pages and PDFs here:

- :func:`html_text`: the article of a web page, through trafilatura, with the
  site's menus, header and footer left out; headings and paragraphs each on
  their own line, as the segmenter needs them.
- :func:`pdf_text`: the text layer of a PDF, through pdfminer.six's layout
  analysis: a block of text is a paragraph, the lines the layout wrapped are
  joined back into one line, and a paragraph the page break cut is joined
  across it.

Both raise :class:`~duikou.errors.InputError` with one line, never a
traceback. The extractors are imported when called, not on import.

>>> sniff(b"%PDF-1.7 ..."), sniff(b"PK\\x03\\x04..."), sniff(b"\\x89PNG\\r\\n\\x1a\\n")
('pdf', 'zip', 'png')
>>> sniff(b"\\xef\\xbb\\xbf \\n<!DOCTYPE html><p>x"), sniff(b"Beijing - Hebei Pairing-off")
('html', 'text')
>>> join_lines(["In 2012, Beijing gave", "aid to pairing-", "off counties."])
'In 2012, Beijing gave aid to pairing-off counties.'
"""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

from duikou.errors import InputError

__all__ = ["sniff", "refusal", "html_text", "pdf_text", "join_lines", "HTML_SUFFIXES"]

log = logging.getLogger(__name__)

HTML_SUFFIXES = (".html", ".htm")
"""Extensions of web pages; a page is also recognised by its content, whatever its name."""

_MAGIC = [
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),  # an empty archive
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),  # .doc, .xls, .ppt
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
]
_HTML_START = re.compile(
    rb"(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL
)


def sniff(data: bytes) -> str:
    """The format of *data* from its first bytes: one of ``pdf``, ``zip``, ``ole``,
    ``png``, ``jpeg``, ``gif``, ``webp``, ``tiff``, ``html`` or ``text``.

    A PDF may have whitespace before ``%PDF-``; a page may start with a
    byte-order mark, whitespace, an XML declaration or comments before
    ``<!DOCTYPE html`` or ``<html``. UTF-16 pages are left to the text checks.
    """
    head = data[:4096]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    stripped = head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n\f")
    if stripped.startswith(b"%PDF-"):
        return "pdf"
    if _HTML_START.match(stripped):
        return "html"
    return "text"


_NAMES = {
    "zip": "a ZIP archive",
    "ole": "a Microsoft Office file (.doc, .xls)",
    "png": "a PNG image",
    "jpeg": "a JPEG image",
    "gif": "a GIF image",
    "webp": "a WebP image",
    "tiff": "a TIFF image",
}
_READ = "duikou reads text: .txt, an .html page or a PDF with a text layer"


def refusal(kind: str, data: bytes) -> str | None:
    """The one-line problem for a format duikou does not read, or ``None`` when it reads it."""
    if kind not in _NAMES:
        return None
    if kind == "zip" and b"word/" in data[:65536]:
        return f"binary file: a Word document (.docx), not text; {_READ} (save it as plain text)"
    if kind in ("zip", "ole"):
        return f"binary file: {_NAMES[kind]}, not text; {_READ}"
    return f"binary file: {_NAMES[kind]}, not text; {_READ} (run OCR on a scan first)"


# --- web pages ---------------------------------------------------------------------------


def html_text(path: Path, page: str) -> str:
    """The article of *page*: headings and paragraphs one a line, the site around them left out.

    Raises :class:`InputError` when the page cannot be parsed or holds no article.
    """
    import trafilatura

    try:
        text = trafilatura.extract(
            page,
            output_format="txt",
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            favor_recall=True,
            deduplicate=False,
            with_metadata=False,
        )
    except Exception as exc:  # any parser failure is one line, not a traceback
        raise InputError(path, f"an HTML page that cannot be parsed ({_reason(exc)})") from None
    if not text or not text.strip():
        raise InputError(
            path, "an HTML page with no article text (only menus, scripts or an empty body?)"
        )
    return "\n".join(line.strip() for line in text.splitlines()) + "\n"


# --- PDF ---------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?。！？:;；：”\"’')）】]\s*$")
# a page number alone: 12, - 12 -, or a Roman one up to xxxix
_PAGE_NUMBER = re.compile(
    r"\s*(?:\d{1,4}|[-–—]\s*\d{1,4}\s*[-–—]|x{0,3}(?:ix|iv|v?i{0,3}))\s*", re.I
)


def pdf_text(path: Path, data: bytes) -> str:
    """The text layer of the PDF *data*: one paragraph a line, the layout's wrapping undone.

    Raises :class:`InputError` for a PDF that cannot be read (corrupt,
    encrypted) or has no text layer (scanned pages).
    """
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams

    try:
        pages = [_blocks(page) for page in extract_pages(io.BytesIO(data), laparams=LAParams())]
    except Exception as exc:  # pdfminer raises many types for broken files
        raise InputError(path, f"a PDF that cannot be read ({_reason(exc)})") from None
    paragraphs: list[str] = []
    open_end = False  # the last paragraph of the page before ran on to its bottom line
    for blocks in pages:
        blocks = [b for b in blocks if not _PAGE_NUMBER.fullmatch(" ".join(t for t, *_ in b[0]))]
        for number, (lines, _) in enumerate(blocks):
            for index, para in enumerate(_split_indented(lines)):
                text = join_lines(para)
                if number == 0 and index == 0 and open_end and paragraphs:
                    paragraphs[-1] = join_lines([paragraphs[-1], text])
                else:
                    paragraphs.append(text)
        open_end = bool(blocks) and blocks[-1][1]
    text = "\n".join(p for p in paragraphs if p.strip())
    if not text.strip():
        raise InputError(
            path,
            "a PDF without a text layer (scanned pages?); "
            "run OCR on it first (such as ocrmypdf) or give the text as .txt",
        )
    return text + "\n"


def _blocks(page) -> list[tuple[list[tuple[str, float, float]], bool]]:
    """Each text block of *page*: its lines (text, left edge, height) and whether it runs on.

    A block runs on (into the next page) when it has several lines, its last
    line is at least three quarters of the block's width (the layout wrapped
    it; a ragged right edge is never quite full) and it does not end a sentence.
    """
    from pdfminer.layout import LTTextBox, LTTextLine

    blocks = []
    for element in page:
        if not isinstance(element, LTTextBox):
            continue
        lines = [
            (line.get_text().strip(), line.x0, line.x1, line.height)
            for line in element
            if isinstance(line, LTTextLine) and line.get_text().strip()
        ]
        if not lines:
            continue
        last = lines[-1]
        full = last[2] - last[1] >= 0.75 * (element.x1 - element.x0)
        runs_on = len(lines) > 1 and full and not _SENTENCE_END.search(last[0])
        blocks.append(([(t, x0, h) for t, x0, _, h in lines], runs_on))
    return blocks


def _split_indented(lines: list[tuple[str, float, float]]) -> list[list[str]]:
    """The paragraphs of a block: a new one at each line indented past the block's left edge.

    A block of several lines each indented differently (centred lines) is one paragraph.
    """
    left = min(x0 for _, x0, _ in lines)
    paragraphs: list[list[str]] = []
    for text, x0, height in lines:
        if not paragraphs or x0 - left > 0.8 * height:
            paragraphs.append([text])
        else:
            paragraphs[-1].append(text)
    return [[t for t, _, _ in lines]] if len(paragraphs) == len(lines) > 1 else paragraphs


def join_lines(lines: list[str]) -> str:
    """Lines of one paragraph as one line: a space between them, none after a word's hyphen."""
    text = ""
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        if text and not re.search(r"[A-Za-z]-$", text):
            text += " "
        text += line
    return text


def _reason(exc: Exception) -> str:
    message = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__
