"""Read a yearbook file into a string, refusing what is not usable text.

The checks run before any parsing so that a wrong file fails with one clear
line naming the file and the problem, never a traceback from deep inside the
segmenter. A file is recognised by its bytes before its name
(:func:`duikou.loaders.formats.sniff`): archives, Office files and images are
refused; a PDF gives its text layer and a web page (``.html``, ``.htm``, or
any file that starts like one) its article text, through
:mod:`duikou.loaders.formats`. That extracted text is the document's text:
what ``sources/`` keeps and what offsets point into. Plain text is decoded as
is: line endings and a UTF-8 byte-order mark are kept, so character offsets
computed later point into exactly this string.

UTF-8 is expected. Two other encodings are read with a warning: UTF-16 or
UTF-32 with a byte-order mark, and GB18030 (GBK) when the bytes decode
strictly and what they decode to is plausibly Chinese (mostly common CJK
ideographs and punctuation), as in a chapter whose Chinese footer was saved in
the Windows code page. Other bytes (Latin-1, Windows-1252, random) are refused.

Limits: a file over ``max_bytes`` is refused from its size, before a byte is
read; ``max_bytes`` defaults to the environment variable ``DUIKOU_MAX_BYTES``
when set (any :func:`parse_size` value, such as ``256MB``), else to
:data:`DEFAULT_MAX_BYTES`. A line over ``max_line_chars`` characters is not
prose and is refused too.

>>> parse_size("32MiB") == DEFAULT_MAX_BYTES, parse_size("10k"), parse_size("2 MB")
(True, 10240, 2000000)
>>> format_size(DEFAULT_MAX_BYTES), format_size(2_000_000), format_size(1234)
('32 MiB', '2 MB', '1,234 bytes')
"""

from __future__ import annotations

import errno
import logging
import os
import re
import stat
from decimal import Decimal, InvalidOperation
from pathlib import Path

from duikou.errors import ConfigError, InputError
from duikou.loaders.formats import HTML_SUFFIXES, html_text, pdf_text, refusal, sniff
from duikou.loaders.segmenter import TRAILER_CJK_RATIO
from duikou.loaders.text import cjk_ratio, is_blank

__all__ = [
    "read_text",
    "find_text_files",
    "INPUT_SUFFIXES",
    "parse_size",
    "format_size",
    "default_max_bytes",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_LINE_CHARS",
    "ENV_MAX_BYTES",
    "MAX_BYTES",
]

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 32 * 1024 * 1024
"""Largest file accepted unless told otherwise: a whole yearbook as one text.

A yearbook chapter is well under 1 MB. A long document is built a few sections at
a time (:func:`duikou.graph.pipeline.document_parts`), so a build's time grows with
the file's size and its memory stays bounded: one file of 30 MB (the sample chapter
repeated) built in 283 CPU seconds (9.4 s per MB; the chapter alone, 15 s per MB)
with a peak of 843 MB, measured by ``benchmarks/large_file.py``. A larger file can
be allowed with ``--max-bytes`` or ``DUIKOU_MAX_BYTES``; it costs time in proportion,
and memory for its text and its graph's Turtle (about six times the text)."""

MAX_BYTES = DEFAULT_MAX_BYTES
"""Older name of :data:`DEFAULT_MAX_BYTES`."""

DEFAULT_MAX_LINE_CHARS = 4 * 1024 * 1024
"""Longest line accepted, in characters: a paragraph is a few thousand, never millions."""

ENV_MAX_BYTES = "DUIKOU_MAX_BYTES"
"""Environment variable that, when set, replaces :data:`DEFAULT_MAX_BYTES` as the default."""

INPUT_SUFFIXES = (".txt", *HTML_SUFFIXES, ".pdf")
"""Extensions of the files a folder contributes to a build."""

_RAISE_HINT = f"raise it with --max-bytes or {ENV_MAX_BYTES}"
_CONTROL_OK = {"\t", "\n", "\r", "\f", "\v"}
_LONE_CR = re.compile(r"\r(?!\n)")
_SAMPLE = 65536


def read_text(
    path: str | Path,
    *,
    max_bytes: int | None = None,
    max_line_chars: int = DEFAULT_MAX_LINE_CHARS,
) -> tuple[bytes, str]:
    """Return the bytes of *path* and its text (see the module docstring).

    The text is the decoded file, or the article of a web page, or the text
    layer of a PDF. *max_bytes* ``None`` means :func:`default_max_bytes`
    (``DUIKOU_MAX_BYTES`` or :data:`DEFAULT_MAX_BYTES`); the limit applies to
    the file, before it is read. Raises :class:`InputError` for a missing
    path, a folder, a file over the limits, an empty or blank file, a binary
    file (an archive, an Office file, an image), a PDF without a text layer or
    that cannot be read, a page without an article, bytes in no encoding
    understood, or text without a line of English.
    """
    path = Path(path)
    limit = default_max_bytes() if max_bytes is None else max_bytes
    _check_kind(path)
    data = _read_bytes(path, limit)
    if not data:
        raise InputError(path, "empty file (0 bytes)")
    kind = sniff(data)
    problem = refusal(kind, data)
    if problem:
        raise InputError(path, problem)
    if kind == "pdf":
        text = pdf_text(path, data)
    else:
        text = _decode(path, data)
        if _looks_binary(text):
            raise InputError(path, "binary file (mostly control characters), expected UTF-8 text")
        if not text.replace("\ufeff", "").strip():
            raise InputError(path, "no text (only whitespace)")
        if kind == "html" or path.suffix.lower() in HTML_SUFFIXES or _looks_like_html(text):
            text = html_text(path, text)
    text = one_line_ending(text)
    _check_lines(path, text, max_line_chars)
    return data, text


def one_line_ending(text: str) -> str:
    r"""*text* with each lone ``\r`` (old Mac files, some exports) read as a line end.

    A ``\r\n`` stays as it is (the segmenter already reads it as one line end);
    a ``\r`` alone becomes ``\n``. The length, and so every offset, is unchanged.

    >>> one_line_ending("Overview\r\rIn 2012, Hainan gave.\r\n")
    'Overview\n\nIn 2012, Hainan gave.\r\n'
    """
    if "\r" not in text:
        return text
    return _LONE_CR.sub("\n", text)


def _check_kind(path: Path) -> None:
    """Refuse, with one line, anything that is not a regular file (or a link to one).

    A FIFO would block the build until someone writes to it, a device may
    never end, and a link loop cannot be opened: none of them is a chapter.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            raise InputError(path, "is a link to nothing (its target does not exist)") from None
        raise InputError(path, "no such file or directory") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(path, "is a loop of symbolic links") from None
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(mode):
        raise InputError(path, "is a directory, expected a .txt file")
    if not stat.S_ISREG(mode):
        what = {
            stat.S_ISFIFO(mode): "a FIFO (named pipe)",
            stat.S_ISCHR(mode) or stat.S_ISBLK(mode): "a device",
            stat.S_ISSOCK(mode): "a socket",
        }.get(True, "not a regular file")
        raise InputError(path, f"is {what}, expected a regular .txt, .html or .pdf file")


def default_max_bytes() -> int:
    """``DUIKOU_MAX_BYTES`` read with :func:`parse_size` when set, else :data:`DEFAULT_MAX_BYTES`.

    Raises :class:`ConfigError` when the variable is set to something that is not a size.
    """
    raw = os.environ.get(ENV_MAX_BYTES, "").strip()
    if not raw:
        return DEFAULT_MAX_BYTES
    try:
        return parse_size(raw)
    except ValueError as exc:
        raise ConfigError(f"environment variable {ENV_MAX_BYTES}: {exc}") from None


_SIZE = re.compile(r"(?P<number>\d[\d_,]*(?:\.\d+)?)\s*(?P<unit>[kmgt](?:i?b?)|b)?", re.IGNORECASE)
_POWERS = {"k": 1, "m": 2, "g": 3, "t": 4}


def parse_size(text: str | int) -> int:
    """A size in bytes from ``123``, ``10k``, ``64MB``, ``1.5GiB`` and the like.

    ``k``, ``M``, ``G``, ``T`` alone or with ``i``/``iB`` are powers of 1024
    (as in GNU coreutils); with ``B`` (``kB``, ``MB``, ``GB``) powers of 1000;
    ``B`` or no unit is bytes. Case does not matter. The size must be at
    least one byte; anything else raises :class:`ValueError` saying so.

    >>> [parse_size(s) for s in ("123", "10k", "64MB", "1GiB", "1.5 KiB", "2_048")]
    [123, 10240, 64000000, 1073741824, 1536, 2048]
    """
    if isinstance(text, int) and not isinstance(text, bool):
        value = text
    else:
        match = _SIZE.fullmatch(str(text).strip())
        if match is None:
            raise ValueError(
                f"{str(text)!r} is not a size; write a number of bytes with an optional unit, "
                "such as 123, 10k, 64MB or 1GiB"
            )
        try:
            number = Decimal(match["number"].replace("_", "").replace(",", ""))
        except InvalidOperation:
            raise ValueError(f"{str(text)!r} is not a size; its number is malformed") from None
        unit = (match["unit"] or "b").lower()
        base = 1000 if unit.endswith("b") and "i" not in unit and unit != "b" else 1024
        value = int(number * base ** _POWERS.get(unit[0], 0))
    if value < 1:
        raise ValueError(f"{str(text)!r} is not a usable size; the limit must be at least 1 byte")
    return value


def format_size(size: int) -> str:
    """``64 MiB``, ``2 MB`` or ``1,234 bytes``: a limit written the way it was probably set.

    The largest unit, binary or decimal, that divides *size* exactly.
    """
    units = [("TiB", 1024**4), ("TB", 10**12), ("GiB", 1024**3), ("GB", 10**9)]
    units += [("MiB", 1024**2), ("MB", 10**6), ("KiB", 1024), ("kB", 10**3)]
    for unit, factor in sorted(units, key=lambda u: -u[1]):
        if size >= factor and size % factor == 0:
            return f"{size // factor:,} {unit}"
    return f"{size:,} bytes"


def _read_bytes(path: Path, limit: int) -> bytes:
    """The file's bytes, refused from its size before reading, and never more than *limit* + 1."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(
                path, f"file is {size:,} bytes, over the {format_size(limit)} limit ({_RAISE_HINT})"
            )
        with path.open("rb") as handle:  # a pipe or device has no size: read at most limit + 1
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise InputError(path, f"file is over the {format_size(limit)} limit ({_RAISE_HINT})")
    return data


def _looks_binary(text: str) -> bool:
    """True when more than 5% of the first 64k characters are control characters."""
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in _CONTROL_OK)
    return controls > len(sample) * 0.05


def _decode(path: Path, data: bytes) -> str:
    """UTF-8; UTF-16/32 with a byte-order mark, or plausible GB18030, with a warning."""
    for boms, codec in (
        ((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"), "utf-32"),
        ((b"\xff\xfe", b"\xfe\xff"), "utf-16"),
    ):
        if data.startswith(boms):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(
                    path,
                    f"starts with a {codec.upper()} byte-order mark but is not {codec.upper()} "
                    f"text ({exc.reason} at offset {exc.start}); convert it to UTF-8 first",
                ) from None
            _warn_once(path, data, f"decoded as {codec.upper()} (byte-order mark), not UTF-8")
            return text
    if b"\x00" in data:
        hint = ""
        if _looks_like_utf16(data[:_SAMPLE]):
            hint = "; it looks like UTF-16 without a byte-order mark: iconv -f UTF-16LE -t UTF-8"
        raise InputError(path, f"binary file (contains NUL bytes), expected UTF-8 text{hint}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        error = exc
    text = _decode_chinese(data)
    if text is None:
        raise InputError(
            path,
            f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}) "
            "nor Chinese GB18030; convert it to UTF-8 first "
            "(Western European text: iconv -f WINDOWS-1252 -t UTF-8)",
        )
    _warn_once(path, data, "not UTF-8; decoded as GB18030 (Chinese characters found)")
    return text


_WARNED: set[tuple[str, int, int]] = set()


def _warn_once(path: Path, data: bytes, message: str) -> None:
    """Log *message* about *path* once per process and content, like Python's own warnings.

    A build checks every input before building it (perhaps in a forked worker,
    which inherits this set), so the same file is read twice.
    """
    key = (str(path), len(data), hash(data))
    if key not in _WARNED:
        _WARNED.add(key)
        log.warning("%s: %s", path, message)


def _looks_like_utf16(sample: bytes) -> bool:
    """True when every other byte is NUL, as in ASCII text written as UTF-16 without a mark."""
    odd, even = sample[1::2], sample[0::2]
    return any(half and half.count(0) >= 0.9 * len(half) for half in (odd, even))


_CJK_RANGES = (
    (0x2000, 0x206F),  # general punctuation: dashes, curly quotes, ellipsis
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # full-width forms
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _decode_chinese(data: bytes) -> str | None:
    """GB18030 text, or ``None`` when strict decoding fails or the result is not plausibly Chinese.

    Latin-1 or random bytes sometimes decode, but to rare ideographs: at least
    90% of the non-ASCII characters must be CJK and 80% in the common GB2312 set.
    """
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    wide = _NON_ASCII.findall(text, 0, 4 * 1024 * 1024)[:100_000]
    if not wide:
        return None
    cjk = sum(1 for ch in wide if any(lo <= ord(ch) <= hi for lo, hi in _CJK_RANGES))
    common = sum(1 for ch in wide if _in_gb2312(ch))
    if cjk >= 0.9 * len(wide) and common >= 0.8 * len(wide):
        return text
    return None


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


_HTML_START = re.compile(
    r"(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL
)
_HTML_TAG = re.compile(
    r"</?(?:html|head|body|div|span|p|br|hr|a|table|tr|td|th|ul|ol|li|script|style|meta|link"
    r"|img|font|b|i|em|strong|h[1-6]|title|form|input|iframe|nav|header|footer)\b[^<>]{0,500}>",
    re.IGNORECASE,
)


def _looks_like_html(text: str) -> bool:
    """A page, whatever its name: ``<!DOCTYPE html`` or ``<html`` first, or a tag per 200 chars."""
    head = text[:_SAMPLE].lstrip("\ufeff \t\r\n")
    if _HTML_START.match(head):
        return True
    tags = len(_HTML_TAG.findall(head))
    return tags >= 10 and tags * 200 >= len(head)


def _check_lines(path: Path, text: str, max_line_chars: int) -> None:
    """Refuse a line too long to be prose, and text with no line that is not mostly Chinese."""
    if len(text) > max_line_chars:
        start, number = 0, 1
        while True:
            newline = text.find("\n", start)
            end = len(text) if newline == -1 else newline
            if end - start > max_line_chars:
                raise InputError(
                    path,
                    f"line {number:,} is {end - start:,} characters long, over the "
                    f"{max_line_chars:,}-character limit for a line: this is not prose "
                    "(expected text with one paragraph per line)",
                )
            if newline == -1:
                break
            start, number = newline + 1, number + 1
    lines = (m.group() for m in re.finditer(r"[^\n]+", text))
    if all(is_blank(line) or cjk_ratio(line) > TRAILER_CJK_RATIO for line in lines):
        raise InputError(
            path,
            "no English text: every line is mostly Chinese "
            "(a web page footer only?); duikou reads the chapters of the English edition",
        )


def find_text_files(paths: list[str | Path]) -> list[Path]:
    """Expand files and folders into a sorted, de-duplicated list of input files.

    A folder contributes the ``.txt``, ``.html``, ``.htm`` and ``.pdf`` files
    under it (recursively, see :data:`INPUT_SUFFIXES`); a folder with none is
    an error rather than a silent empty build.
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists() and not path.is_symlink():  # a link's own faults are named below
            raise InputError(path, "no such file or directory")
        if path.is_dir():
            # Every name with an input suffix, whatever it is: a FIFO, device or link
            # loop among them is refused with one line by read_text, not skipped unseen.
            files = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in INPUT_SUFFIXES and (p.is_symlink() or not p.is_dir())
            )
            if not files:
                raise InputError(path, "directory contains no .txt files (nor .html or .pdf)")
            found.extend(files)
        else:
            found.append(path)
    unique: dict[Path, Path] = {}
    for path in found:
        _check_kind(path)
        unique.setdefault(path.resolve(), path)
    return list(unique.values())
