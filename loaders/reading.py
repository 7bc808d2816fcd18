"""Read a yearbook text file into a string, refusing what is not usable text.

The checks run before any parsing so that a wrong file fails with one clear
line naming the file and the problem, never a traceback from deep inside the
segmenter. The text is decoded as is: line endings and a byte-order mark are
kept, so character offsets computed later point into exactly this string.
"""

from __future__ import annotations

from pathlib import Path

from duikou.errors import InputError

__all__ = ["read_text", "find_text_files", "MAX_BYTES"]

MAX_BYTES = 512 * 1024 * 1024
"""Largest file accepted; a yearbook chapter is well under 1 MB."""

_CONTROL_OK = {"\t", "\n", "\r", "\f", "\v"}


def read_text(path: str | Path) -> tuple[bytes, str]:
    """Return the bytes of *path* and their UTF-8 decoding.

    Raises :class:`InputError` for a missing path, a folder, an empty or
    blank file, a binary file, or bytes that are not UTF-8.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file or directory")
    if path.is_dir():
        raise InputError(path, "is a directory, expected a .txt file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(path, f"file is {size:,} bytes, larger than the {MAX_BYTES:,}-byte limit")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    if not data:
        raise InputError(path, "empty file (0 bytes)")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, "UTF-16 text; convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8)")
    if b"\x00" in data[:65536]:
        raise InputError(path, "binary file (contains NUL bytes), expected UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            path,
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "if it is GBK/GB18030, convert it with iconv -f GB18030 -t UTF-8",
        ) from None
    if _looks_binary(text):
        raise InputError(path, "binary file (mostly control characters), expected UTF-8 text")
    if not text.replace("\ufeff", "").strip():
        raise InputError(path, "no text (only whitespace)")
    return data, text


def _looks_binary(text: str) -> bool:
    """True when more than 5% of the first 64k characters are control characters."""
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in _CONTROL_OK)
    return controls > len(sample) * 0.05


def find_text_files(paths: list[str | Path]) -> list[Path]:
    """Expand files and folders into a sorted, de-duplicated list of ``.txt`` files.

    A folder contributes the ``.txt`` files under it (recursively); a folder
    with none is an error rather than a silent empty build.
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(path, "no such file or directory")
        if path.is_dir():
            files = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not files:
                raise InputError(path, "directory contains no .txt files")
            found.extend(files)
        else:
            found.append(path)
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())
