"""Turn raw bytes into text, or say why they are not text; make any name or message one safe line.

Reads bytes, writes ``Decoded`` text with ``\\n`` line ends and notes on what was repaired. UTF-8
(with or without a byte-order mark) is tried first, UTF-16 when a byte-order mark says so. Bytes that
are not UTF-8 are read, run by run, in one single-byte charset: Windows-1252 for Latin text with a
few accented letters (stray bytes pasted into UTF-8 text, or a whole Windows file), else what
``charset_normalizer`` detects (Windows-1251 Cyrillic, ...); valid UTF-8 around them stays UTF-8, and
a note on the article says how many bytes on which lines were read so. NUL bytes, a large share of
control bytes, or bytes without word spacing mean the input is binary.

``one_line`` and ``shown_path`` bound and escape whatever goes into a message: a file name holding a
newline cannot forge a second line, and a huge third-party error text stays a short prefix.
"""
from __future__ import annotations

import codecs
import os
import re
from typing import NamedTuple

from defgraph.errors import InputError

_CONTROLS = bytes(b for b in [*range(0x20), 0x7F] if b not in b"\t\n\r\f\v\x1b")
_HIGH = bytes(range(0x80, 0x100))
_SAMPLE_BYTES = 65536
_MAX_CONTROL_SHARE = 0.05  # control bytes in real text are rare: tabs and newlines aside, none
_MAX_LATIN_HIGH_SHARE = 0.2  # Latin text in a single-byte charset is mostly ASCII
_MIN_DETECTED_BYTES = 64  # fewer stray bytes tell a detector nothing: they are taken as Windows-1252
_MIN_SPACE_SHARE = 0.05  # alphabetic text separates its words; random bytes seldom hit a space
_ESCAPED = re.compile("[\udc80-\udcff]+")  # bytes that are not UTF-8, kept by 'surrogateescape'
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")  # no database keeps NUL, UTF-8 has no lone surrogates
_NOTED_LINES = 5
# the single-byte charsets news is still found in; guesses outside them on a few stray bytes are noise
_LEGACY_CHARSETS = ("cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "koi8_r",
                    "koi8_u", "iso8859_2", "iso8859_5", "iso8859_7", "iso8859_9", "iso8859_15")
EXCERPT_CHARS = 200
DETAIL_CHARS = 300
PATH_CHARS = 1000
REASON_CHARS = 2000  # a whole message as a quarantine row keeps it


class Decoded(NamedTuple):
    """A text and what was repaired to read it (empty when the bytes were clean UTF-8)."""

    text: str
    notes: list[str]


# -- safe lines for messages -----------------------------------------------------------------------

def _escaped(text: str, limit: int) -> tuple[str, bool]:
    """At most ``limit`` characters of ``text``, unprintable ones (newlines too) as escapes like ``\\n``;
    and whether all of ``text`` is there."""
    shown, size = [], 0
    for char in text[:limit]:
        piece = char if char.isprintable() else char.encode("unicode_escape", "backslashreplace").decode("ascii")
        if size + len(piece) > limit:
            return "".join(shown), False
        shown.append(piece)
        size += len(piece)
    return "".join(shown), len(text) <= limit


def one_line(text: object, limit: int = DETAIL_CHARS) -> str:
    """``text`` as one line of at most ``limit`` characters (then an ellipsis), unprintable ones escaped."""
    line, whole = _escaped(str(text), limit)
    return line if whole else line + "…"


def shown_path(path: str | bytes | os.PathLike) -> str:
    """A file name or URL as it goes into every message and record label: one line, escaped, bounded."""
    return one_line(os.fsdecode(path), PATH_CHARS)


def excerpt(data: bytes | str, limit: int = EXCERPT_CHARS) -> str:
    """The first ``limit`` printable characters, whitespace runs as one space, others escaped (``\\x00``)."""
    text = data[: limit * 4].decode("utf-8", "backslashreplace") if isinstance(data, bytes) else data[: limit * 4]
    return _escaped(" ".join(text.split()), limit)[0]


# -- decoding --------------------------------------------------------------------------------------

def _share(data: bytes, kinds: bytes) -> float:
    """The share of the bytes (in the first 64 KiB) that are among ``kinds``."""
    sample = data[:_SAMPLE_BYTES]
    return (len(sample) - len(sample.translate(None, kinds))) / len(sample)


def _legacy_charset(sample: bytes) -> str | None:
    """The single-byte charset of bytes that are not UTF-8, read in their ASCII context."""
    high = len(sample) - len(sample.translate(None, _HIGH))
    if high < _MIN_DETECTED_BYTES or _share(sample, _HIGH) <= _MAX_LATIN_HIGH_SHARE:
        return "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(sample[:_SAMPLE_BYTES], cp_isolation=list(_LEGACY_CHARSETS)).best()
    return best.encoding if best else None


def _repair(text: str, path: str) -> Decoded:
    """Read the escaped non-UTF-8 runs of ``text`` in the charset they were written in."""
    damaged = [(number, line) for number, line in enumerate(text.split("\n"), start=1) if _ESCAPED.search(line)]
    lines = [number for number, _ in damaged]
    context = "\n".join(line for _, line in damaged)[:_SAMPLE_BYTES]
    ascii_and_stray = "".join(char for char in context if char < "\x80" or _ESCAPED.match(char))
    sample = ascii_and_stray.encode("utf-8", "surrogateescape")
    charset = _legacy_charset(sample)
    if charset is None:
        if _share(sample, b" \n") < _MIN_SPACE_SHARE:
            raise InputError("E102", path=path, detail="mostly bytes that are not text")
        raise InputError("E103", path=path, detail=f"{len(lines)} lines are not UTF-8 and their charset is unclear")
    repaired = _ESCAPED.sub(lambda run: run.group().encode("utf-8", "surrogateescape").decode(charset, "replace"),
                            text)
    return Decoded(repaired, [_repair_note(text, repaired, lines, charset)])


def _repair_note(text: str, repaired: str, lines: list[int], charset: str) -> str:
    """What ``_repair`` did, for the document's notes: how many bytes, on which lines, read as what."""
    stray = sum(map(len, _ESCAPED.findall(text)))
    where = ", ".join(map(str, lines[:_NOTED_LINES])) + (f" and {len(lines) - _NOTED_LINES} more"
                                                         if len(lines) > _NOTED_LINES else "")
    note = f"{stray} byte{'s' * (stray != 1)} not UTF-8 on line{'s' * (len(lines) != 1)} {where} read as {charset}"
    if unread := repaired.count("\ufffd") - text.count("\ufffd"):
        note += f"; {unread} of them mean nothing in {charset} and became U+FFFD"
    return note


def storable(text: str) -> tuple[str, int]:
    """``text`` with NUL characters and lone surrogates (from JSON escapes) as U+FFFD, and their count."""
    return _UNSTORABLE.subn("\ufffd", text)


def decode(data: bytes, path: str) -> Decoded:
    """Decode ``data`` read from ``path`` (a shown path); raises ``InputError`` E101, E102 or E103."""
    if not data.strip():
        raise InputError("E101", path=path)
    notes: list[str] = []
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
        text = data.decode("utf-8-sig", "surrogateescape")
        if _ESCAPED.search(text):
            text, notes = _repair(text, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("E101", path=path)
    return Decoded(text, notes)
