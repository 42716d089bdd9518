"""Turn raw bytes into text, or say why they are not text.

Reads bytes, writes ``str`` with ``\\n`` line ends. UTF-8 (with or without a byte-order mark) is
tried first, UTF-16 when a byte-order mark says so; UTF-8 with a few stray bytes keeps its text
with U+FFFD for them; then Windows-1252 / Latin-1 only when the bytes look like a single-byte
European text (a few high bytes among ASCII). NUL bytes, a large share of control bytes, or
bytes without word spacing mean the input is binary.
"""
from __future__ import annotations

import codecs
import re

from defgraph.errors import InputError

_CONTROLS = bytes(b for b in [*range(0x20), 0x7F] if b not in b"\t\n\r\f\v\x1b")
_HIGH = bytes(range(0x80, 0x100))
_SAMPLE_BYTES = 65536
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_MAX_STRAY_BYTES = 3
_MAX_CONTROL_SHARE = 0.05  # control bytes in real text are rare: tabs and newlines aside, none
_MAX_HIGH_SHARE = 0.2  # single-byte European text is mostly ASCII
_MIN_SPACE_SHARE = 0.05  # alphabetic text separates its words; random bytes seldom hit a space
EXCERPT_CHARS = 200


def excerpt(data: bytes | str, limit: int = EXCERPT_CHARS) -> str:
    """The first ``limit`` printable characters, non-printable ones escaped (``\\x00``)."""
    text = data[: limit * 4].decode("utf-8", "backslashreplace") if isinstance(data, bytes) else data
    shown = []
    for char in text:
        if char in "\n\r\t":
            shown.append(" ")
        elif char.isprintable():
            shown.append(char)
        else:
            shown.append(char.encode("unicode_escape").decode("ascii"))
        if len(shown) >= limit:
            break
    return " ".join("".join(shown).split())[:limit]


def _share(data: bytes, kinds: bytes) -> float:
    """The share of the bytes (in the first 64 KiB) that are among ``kinds``."""
    sample = data[:_SAMPLE_BYTES]
    return (len(sample) - len(sample.translate(None, kinds))) / len(sample)


def _damaged_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few stray bytes (pasted from another encoding): those become U+FFFD."""
    if not _UTF8_SEQUENCE.search(data):
        return None
    text = data.decode("utf-8-sig", "replace")
    return text if text.count("\ufffd") <= max(_MAX_STRAY_BYTES, len(text) // 1000) else None


def _single_byte(data: bytes) -> str | None:
    if _share(data, _HIGH) > _MAX_HIGH_SHARE:
        return None
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # bytes cp1252 leaves undefined: Latin-1 maps them to C1 controls
        text = data.decode("latin-1")
        controls = sum(1 for char in text if "\x80" <= char <= "\x9f")
        return text if controls / len(text) < 0.01 else None


def decode(data: bytes, path: str) -> str:
    """Decode ``data`` read from ``path``; raises ``InputError`` E101, E102 or E103."""
    if not data.strip():
        raise InputError("E101", path=path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise InputError("E103", path=path, detail=f"broken UTF-16: {error.reason}") from None
    elif b"\x00" in data:
        raise InputError("E102", path=path, detail=f"NUL byte at offset {data.index(0)}")
    elif _share(data, _CONTROLS) > _MAX_CONTROL_SHARE:
        raise InputError("E102", path=path, detail=f"{_share(data, _CONTROLS):.0%} control bytes")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            text = _damaged_utf8(data) or _single_byte(data)
            if text is None and _share(data, b" \n") < _MIN_SPACE_SHARE:
                raise InputError("E102", path=path, detail="mostly bytes that are not text") from None
            if text is None:
                raise InputError("E103", path=path,
                                 detail=f"byte 0x{data[error.start]:02x} at offset {error.start}") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("E101", path=path)
    return text
