"""Read articles from text, files, directories, globs and stdin.

Reads ``.txt``, ``.html``/``.htm``, ``.jsonl`` and ``.warc``/``.warc.gz`` inputs, one record at a
time; writes ``Article`` objects, or a ``Quarantined`` record naming the input and why it could
not be read. Nothing raises out of ``iter_inputs``: one bad input is reported and the rest go on.
Every read is bounded by ``max_bytes``, decompressed WARC lines too, and every message by
``decoding.one_line``: a hostile input costs at most a few times ``max_bytes`` of memory.
"""
from __future__ import annotations

import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import redirect_stderr
from dataclasses import dataclass
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed

from defgraph.errors import InputError
from defgraph.ingestion import metadata
from defgraph.ingestion.decoding import REASON_CHARS, decode, excerpt, one_line, shown_path, storable
from defgraph.ingestion.paths import SUFFIXES, Expansion, suffix, unreadable
from defgraph.model import Article

STDIN = "-"
STDIN_NAME = "<stdin>"
HEADER_KEYS = frozenset({"url", "outlet", "published", "title", "author", "language", "section"})
_HEADER_LINE = re.compile(r"([a-z][a-z_-]*):[ \t]*(.*?)[ \t]*", re.IGNORECASE)
_HEADER_END = "---"
_MAX_HEADER_LINES = 30
_MIN_HTML_WORDS = 30
_WARC_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
_WARC_RECORD_TAIL = 4  # the blank line (CRLF CRLF) that ends an uncompressed record
_WARC_MAX_LINE = 65536  # a WARC or HTTP header line; longer is damage (or a decompression bomb)


@dataclass(frozen=True, slots=True)
class Quarantined:
    """An input that could not be read: where, the error code, the message and its first characters."""

    source: str
    code: str
    reason: str
    excerpt: str


# -- one article from text -------------------------------------------------------------------------

def _starts_header(text: str) -> bool:
    first = text.lstrip("\n").split("\n", 1)[0]
    match = _HEADER_LINE.fullmatch(first)
    return bool(match) and match.group(1).lower() in HEADER_KEYS


def split_header(text: str, path: str = "<text>") -> tuple[dict[str, str], str]:
    """Split a leading ``key: value`` block ended by ``---`` from the body; E111 when malformed."""
    if not _starts_header(text):
        return {}, text
    fields: dict[str, str] = {}
    lines = text.lstrip("\n").split("\n")
    for number, line in enumerate(lines[:_MAX_HEADER_LINES], start=1):
        if line.strip() == _HEADER_END:
            return fields, "\n".join(lines[number:])
        match = _HEADER_LINE.fullmatch(line)
        if match:
            fields[match.group(1).lower()] = match.group(2)
        elif line.strip():
            if _HEADER_END not in (rest.strip() for rest in lines[number:_MAX_HEADER_LINES]):
                break
            raise InputError("E111", path=path, detail=f"line {number} is not 'key: value': {one_line(line, 60)!r}")
    if metadata.leading_metadata(text)[0] is not None:  # "Published: 07/07/2025 10:12 IST", not a header block
        return {}, text
    raise InputError("E111", path=path, detail=f"no '{_HEADER_END}' line ends the header block")


def _split_title(body: str) -> tuple[str | None, str]:
    """A title line (see ``metadata.is_title``) followed by a blank line, and the body after it."""
    first, _, rest = body.partition("\n")
    if metadata.is_title(first) and not rest.split("\n", 1)[0].strip() and rest.strip():
        return first.strip(), rest.lstrip(" \t\n")
    return None, body


def _compose(title: str | None, body: str) -> str:
    return f"{title}\n\n{body}" if title else body


def article_from_text(text: str, source: str | None = None, name: str | None = None, *,
                      fields: Mapping[str, str] | None = None, html_date: str | None = None,
                      notes: Sequence[str] = ()) -> Article:
    """One article from its text: an optional header block or metadata lines, a title line, the body.

    ``fields`` are metadata given beside the text (JSON keys, HTML meta): ``url``, ``outlet``,
    ``published``, ``title``; they win over the text's own header. ``notes`` say what reading
    repaired. Raises ``InputError`` E111 when the header block is malformed, E101 when it is all.
    """
    path = shown_path(source) if source else "<text>"
    text, replaced = storable(text)
    if replaced:
        notes = [*notes, f"{replaced} NUL or lone surrogate character{'s' * (replaced != 1)} became U+FFFD"]
    header, body = split_header(text, path)
    header = {**header, **{k: storable(str(v))[0] for k, v in (fields or {}).items() if v}}
    publication = metadata.read_publication(body, header, html_date)
    if header.get("published") and publication.date is None:
        raise InputError("E111", path=path, detail=f"'published: {one_line(header['published'], 60)}' is not a date")
    body = body[metadata.leading_metadata(body)[1]:].lstrip("\n").rstrip()
    title = header.get("title") or None
    if title is None:
        title, body = _split_title(body)
    elif body.partition("\n")[0].strip() == title:  # the text repeats the title as its first line
        body = body.partition("\n")[2].lstrip()
    if not _compose(title, body).strip():  # a header block or date line and nothing else
        raise InputError("E101", path=path)
    outlet = header.get("outlet") or metadata.syndicating_outlet(body)
    return Article(text=_compose(title, body), title=title, url=header.get("url") or None, outlet=outlet,
                   published=publication.date, published_note=publication.note,
                   agencies=metadata.credited_agencies(body), source=source and shown_path(source), name=name,
                   notes=list(notes))


# -- formats ---------------------------------------------------------------------------------------

def _doc_name(path: str) -> str:
    base = os.path.basename(path)
    stem = base[: -len(suffix(path))] if suffix(path) else base
    return f"{stem}.txt"


def quarantined(source: str, error: InputError, raw: bytes | str = "") -> Quarantined:
    """The quarantine record of an input: its shown name, the error and a short excerpt, all bounded."""
    return Quarantined(source=shown_path(source), code=error.code, reason=one_line(error, REASON_CHARS),
                       excerpt=excerpt(raw))


def _html_article(html: bytes | str, source: str, name: str, url: str | None = None) -> Article:
    """The main text and metadata of an HTML page (trafilatura); E108/E112 when there is none."""
    from trafilatura import bare_extraction

    try:
        document = bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    except (ValueError, TypeError, RecursionError, LookupError):  # lxml and trafilatura on broken markup
        document = None
    text = (document.text if document else "") or ""
    if not text.strip():
        raise InputError("E108", path=source)
    words = len(text.split())
    if words < _MIN_HTML_WORDS:
        raise InputError("E112", path=source, detail=f"{words} words of main text")
    fields = {"title": document.title, "outlet": document.sitename, "url": document.url or url}
    # trafilatura puts one block per line; a blank line between them makes them paragraphs as in .txt
    paragraphs = "\n\n".join(line.strip() for line in text.split("\n") if line.strip())
    return article_from_text(paragraphs, source, name, fields=fields, html_date=document.date)


def _text_record(data: bytes, source: str, name: str) -> Article:
    text, notes = decode(data, source)
    return article_from_text(text, source, name, notes=notes)


def _json_record(line: bytes, source: str, name: str) -> Article:
    path, _, number = source.rpartition("#")
    text, notes = decode(line, source)
    try:
        record = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:  # RecursionError: arrays nested thousands deep
        raise InputError("E105", path=path, line=number, detail=one_line(error or "nested too deep", 80)) from None
    text = record.get("text") if isinstance(record, dict) else None
    if not isinstance(text, str) or not text.strip():
        raise InputError("E106", path=path, line=number)
    fields = {key: record.get(key) for key in ("url", "title", "published", "outlet")}
    return article_from_text(text.replace("\r\n", "\n"), source, name, fields=fields, notes=notes)


def _read_lines(handle: BinaryIO, path: str, max_bytes: int) -> Iterator[Article | Quarantined]:
    """JSON Lines, one article per non-empty line, streamed."""
    label, base = shown_path(path), shown_path(os.path.basename(path))
    for number, line in enumerate(_bounded_lines(handle, max_bytes), start=1):
        source, name = f"{label}#{number}", f"{base}#{number}"
        if isinstance(line, int):
            yield quarantined(source, InputError("E104", path=source, size=line, limit=max_bytes))
        elif line.strip():
            try:
                yield _json_record(line, source, name)
            except InputError as error:
                yield quarantined(source, error, line)


def _bounded_lines(handle: BinaryIO, max_bytes: int) -> Iterator[bytes | int]:
    """Lines of at most ``max_bytes``; a longer line is skipped unkept and stands as its length."""
    while line := handle.readline(max_bytes + 1):
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield line
            continue
        size = len(line)
        while (rest := handle.readline(max_bytes)) and not rest.endswith(b"\n"):
            size += len(rest)
        yield size + len(rest)


class _BoundedLineReader(DecompressingBufferedReader):
    """warcio's reader, but a line stops at ``_WARC_MAX_LINE`` bytes: a header line of a gigabyte of
    inflated zeros is damage found after 64 KiB, not a line read whole into memory."""

    def readline(self, length: int | None = None) -> bytes:
        line = super().readline(min(length or _WARC_MAX_LINE + 1, _WARC_MAX_LINE + 1))
        if len(line) > _WARC_MAX_LINE:
            raise ArchiveLoadFailed(f"a line longer than {_WARC_MAX_LINE} bytes")
        return line


class _BoundedArchiveIterator(ArchiveIterator):
    """warcio's record iterator over a ``_BoundedLineReader``."""

    def __init__(self, handle: BinaryIO) -> None:
        super().__init__(handle)
        self.reader = _BoundedLineReader(self.fh)  # records are read lazily: nothing was read yet


def _read_warc(path: str, max_bytes: int) -> Iterator[Article | Quarantined]:
    """Response and resource records with an HTML or plain-text payload, streamed.

    warcio reads past some damage silently (and writes warnings to stderr, silenced here), so the
    reader checks that each record is a WARC record read to its declared length and that the
    records end where the file ends.
    """
    label, base = shown_path(path), shown_path(os.path.basename(path))
    with open(path, "rb") as handle, open(os.devnull, "w") as silence:
        records = _BoundedArchiveIterator(handle)
        number, parsed_to = 0, 0
        while True:
            number += 1
            try:
                with redirect_stderr(silence):  # reading to a record's end writes warnings too
                    record = next(records, None)
                    if record is None:
                        _check_warc_end(path, parsed_to)
                        return
                    page = _warc_page(record, max_bytes)
                    parsed_to = records.get_record_offset() + records.get_record_length()
            except Exception as error:  # warcio, gzip and zlib fail in many ways on a damaged archive
                detail = f"record {number}: {one_line(error or type(error).__name__, 200)}"
                yield quarantined(f"{label}#{number}", InputError("E107", path=label, detail=detail))
                return
            if page is not None:
                yield _warc_article(*page, source=f"{label}#{number}", name=f"{base}#{number}", max_bytes=max_bytes)


def _check_warc_end(path: str, parsed_to: int) -> None:
    unread = os.path.getsize(path) - parsed_to
    if unread > _WARC_RECORD_TAIL:
        raise ArchiveLoadFailed(f"{unread} bytes after the last whole record cannot be read")


def _warc_page(record, max_bytes: int) -> tuple[str, bytes, str | None, int] | None:
    """The media type, payload, URL and declared length of a record that may hold an article."""
    if record.format != "warc":
        raise ArchiveLoadFailed("not a WARC record")
    if record.rec_type not in ("response", "resource"):
        return None
    headers = record.http_headers
    if headers is not None and not headers.get_statuscode().startswith("2"):
        return None
    content_type = (headers.get_header("Content-Type") if headers else None) \
        or record.rec_headers.get_header("Content-Type") or ""
    kind = content_type.split(";")[0].strip().lower()
    if kind not in _WARC_TEXT_TYPES:
        return None
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) <= max_bytes and getattr(record.raw_stream, "limit", 0) > 0:
        raise ArchiveLoadFailed("the record is shorter than its Content-Length")
    url = record.rec_headers.get_header("WARC-Target-URI")
    return kind, payload, url and shown_path(url), record.length


def _warc_article(kind: str, payload: bytes, url: str | None, length: int, *, source: str, name: str,
                  max_bytes: int) -> Article | Quarantined:
    try:
        if len(payload) > max_bytes:
            raise InputError("E104", path=source, size=length, limit=max_bytes)
        if kind == "text/plain":
            return _text_record(payload, source, name)
        return _html_article(payload, source, name, url=url)
    except InputError as error:
        return quarantined(source, error, payload[:max_bytes])


def _read_document(path: str, max_bytes: int) -> Article | Quarantined:
    """A single-article file (text or HTML), read whole."""
    label = shown_path(path)
    with open(path, "rb") as handle:
        data = handle.read(max_bytes + 1)
    try:
        if len(data) > max_bytes:
            raise InputError("E104", path=label, size=os.path.getsize(path), limit=max_bytes)
        if suffix(path) in (".html", ".htm"):
            if not data.strip():
                raise InputError("E101", path=label)
            return _html_article(data, label, shown_path(_doc_name(path)))
        return _text_record(data, label, shown_path(_doc_name(path)))
    except InputError as error:
        return quarantined(label, error, data[:max_bytes])


def _read_file(path: str, max_bytes: int) -> Iterator[Article | Quarantined]:
    try:
        if suffix(path) not in SUFFIXES:
            shown_suffix = one_line(suffix(path) or "(none)", 40)
            yield quarantined(path, InputError("E110", path=shown_path(path), suffix=shown_suffix))
        elif os.path.getsize(path) == 0:
            yield quarantined(path, InputError("E101", path=shown_path(path)))
        elif suffix(path) == ".jsonl":
            with open(path, "rb") as handle:
                yield from _read_lines(handle, path, max_bytes)
        elif suffix(path) in (".warc", ".warc.gz"):
            yield from _read_warc(path, max_bytes)
        else:
            yield _read_document(path, max_bytes)
    except OSError as error:  # permissions, a file removed while the batch runs, a folder named .txt
        yield quarantined(path, unreadable(path, error))


def _read_stdin(stream: BinaryIO, max_bytes: int) -> Iterator[Article | Quarantined]:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield quarantined(STDIN_NAME, InputError("E104", path=STDIN_NAME, size=f"more than {max_bytes}",
                                                 limit=max_bytes), data[:max_bytes])
        return
    lines = [line for line in data.splitlines() if line.strip()]
    if lines and all(line.lstrip().startswith(b"{") for line in lines):
        yield from _read_lines(io.BytesIO(data), STDIN_NAME, max_bytes)
        return
    try:
        yield _text_record(data, STDIN_NAME, "stdin.txt")
    except InputError as error:
        yield quarantined(STDIN_NAME, error, data)


def iter_inputs(paths: Iterable[str], *, max_bytes: int = 5_000_000,
                stdin: BinaryIO | None = None) -> Iterator[Article | Quarantined]:
    """Every article in ``paths`` (files, directories, globs, ``-`` for stdin), in order.

    Multi-article files (JSON Lines, WARC) are streamed record by record; ``max_bytes`` limits a
    whole text or HTML file and each record. Each real file is read once however many paths name
    it. Inputs that cannot be read, or found, come out as ``Quarantined``.
    """
    expansion = Expansion()
    for path in paths:
        if path == STDIN:
            yield from _read_stdin(stdin or sys.stdin.buffer, max_bytes)
            continue
        for item in expansion.files(path):
            if isinstance(item, tuple):
                yield quarantined(*item)
            else:
                yield from _read_file(item, max_bytes)
