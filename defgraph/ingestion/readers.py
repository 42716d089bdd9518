"""Read articles from text, files, directories, globs and stdin.

Reads ``.txt``, ``.html``/``.htm``, ``.jsonl`` and ``.warc``/``.warc.gz`` inputs, one record at a
time; writes ``Article`` objects, or a ``Quarantined`` record naming the input and why it could
not be read. Nothing raises out of ``iter_inputs``: one bad input is reported and the rest go on.
"""
from __future__ import annotations

import glob
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from defgraph.errors import InputError
from defgraph.ingestion import metadata
from defgraph.ingestion.decoding import decode, excerpt
from defgraph.model import Article

SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".warc", ".warc.gz")
SKIPPED_NAMES = frozenset({"README.md"})
STDIN = "-"
STDIN_NAME = "<stdin>"
HEADER_KEYS = frozenset({"url", "outlet", "published", "title", "author", "language", "section"})
_HEADER_LINE = re.compile(r"([a-z][a-z_-]*):[ \t]*(.*?)[ \t]*", re.IGNORECASE)
_HEADER_END = "---"
_MAX_HEADER_LINES = 30
_MIN_HTML_WORDS = 30
_WARC_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
_WARC_RECORD_TAIL = 4  # the blank line (CRLF CRLF) that ends an uncompressed record


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
            raise InputError("E111", path=path, detail=f"line {number} is not 'key: value': {line[:60]!r}")
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
                      fields: Mapping[str, str] | None = None, html_date: str | None = None) -> Article:
    """One article from its text: an optional header block or metadata lines, a title line, the body.

    ``fields`` are metadata given beside the text (JSON keys, HTML meta): ``url``, ``outlet``,
    ``published``, ``title``; they win over the text's own header. Raises ``InputError`` E111 when
    the header block is malformed.
    """
    path = source or "<text>"
    header, body = split_header(text, path)
    header = {**header, **{k: str(v) for k, v in (fields or {}).items() if v}}
    publication = metadata.read_publication(body, header, html_date)
    if header.get("published") and publication.date is None:
        raise InputError("E111", path=path, detail=f"'published: {header['published']}' is not a date")
    body = body[metadata.leading_metadata(body)[1]:].lstrip("\n").rstrip()
    title = header.get("title") or None
    if title is None:
        title, body = _split_title(body)
    elif body.partition("\n")[0].strip() == title:  # the text repeats the title as its first line
        body = body.partition("\n")[2].lstrip()
    outlet = header.get("outlet") or metadata.syndicating_outlet(body)
    return Article(text=_compose(title, body), title=title, url=header.get("url") or None, outlet=outlet,
                   published=publication.date, published_note=publication.note,
                   agencies=metadata.credited_agencies(body), source=source, name=name)


# -- formats ---------------------------------------------------------------------------------------

def _suffix(path: str) -> str:
    lower = path.lower()
    return ".warc.gz" if lower.endswith(".warc.gz") else os.path.splitext(lower)[1]


def _doc_name(path: str) -> str:
    base = os.path.basename(path)
    stem = base[: -len(_suffix(path))] if _suffix(path) else base
    return f"{stem}.txt"


def _quarantine(source: str, error: InputError, raw: bytes | str = "") -> Quarantined:
    return Quarantined(source=source, code=error.code, reason=str(error), excerpt=excerpt(raw))


def _html_article(html: bytes | str, source: str, name: str, url: str | None = None) -> Article:
    """The main text and metadata of an HTML page (trafilatura); E108/E112 when there is none."""
    from trafilatura import bare_extraction

    document = bare_extraction(html, url=url, with_metadata=True, include_comments=False)
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
    return article_from_text(decode(data, source), source, name)


def _json_record(line: bytes, source: str, name: str) -> Article:
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        path, _, number = source.rpartition("#")
        raise InputError("E105", path=path, line=number, detail=str(error)) from None
    text = record.get("text") if isinstance(record, dict) else None
    if not isinstance(text, str) or not text.strip():
        path, _, number = source.rpartition("#")
        raise InputError("E106", path=path, line=number)
    fields = {key: record.get(key) for key in ("url", "title", "published", "outlet")}
    return article_from_text(text.replace("\r\n", "\n"), source, name, fields=fields)


def _read_lines(handle: BinaryIO, path: str, max_bytes: int) -> Iterator[Article | Quarantined]:
    """JSON Lines, one article per non-empty line, streamed."""
    base = os.path.basename(path)
    for number, line in enumerate(_bounded_lines(handle, max_bytes), start=1):
        source, name = f"{path}#{number}", f"{base}#{number}"
        if isinstance(line, int):
            yield _quarantine(source, InputError("E104", path=source, size=line, limit=max_bytes))
        elif line.strip():
            try:
                yield _json_record(line, source, name)
            except InputError as error:
                yield _quarantine(source, error, line)


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


def _read_warc(path: str, max_bytes: int) -> Iterator[Article | Quarantined]:
    """Response and resource records with an HTML or plain-text payload, streamed.

    warcio reads past some damage silently, so the reader checks that each record is a WARC record
    read to its declared length and that the records end where the file ends.
    """
    base = os.path.basename(path)
    with open(path, "rb") as handle:
        records = ArchiveIterator(handle)
        number, parsed_to = 0, 0
        while True:
            number += 1
            try:
                record = next(records, None)
                if record is None:
                    _check_warc_end(path, parsed_to)
                    return
                page = _warc_page(record, max_bytes)
                parsed_to = records.get_record_offset() + records.get_record_length()
            except Exception as error:  # warcio, gzip and zlib fail in many ways on a damaged archive
                detail = f"record {number}: {error or type(error).__name__}"
                yield _quarantine(f"{path}#{number}", InputError("E107", path=path, detail=detail))
                return
            if page is not None:
                yield _warc_article(*page, source=f"{path}#{number}", name=f"{base}#{number}", max_bytes=max_bytes)


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
    return kind, payload, record.rec_headers.get_header("WARC-Target-URI"), record.length


def _warc_article(kind: str, payload: bytes, url: str | None, length: int, *, source: str, name: str,
                  max_bytes: int) -> Article | Quarantined:
    try:
        if len(payload) > max_bytes:
            raise InputError("E104", path=source, size=length, limit=max_bytes)
        if kind == "text/plain":
            return _text_record(payload, source, name)
        return _html_article(payload, source, name, url=url)
    except InputError as error:
        return _quarantine(source, error, payload[:max_bytes])


def _read_document(path: str, suffix: str, max_bytes: int) -> Article | Quarantined:
    """A single-article file (text or HTML), read whole."""
    with open(path, "rb") as handle:
        data = handle.read(max_bytes + 1)
    try:
        if len(data) > max_bytes:
            raise InputError("E104", path=path, size=os.path.getsize(path), limit=max_bytes)
        if suffix in (".html", ".htm"):
            if not data.strip():
                raise InputError("E101", path=path)
            return _html_article(data, path, _doc_name(path))
        return _text_record(data, path, _doc_name(path))
    except InputError as error:
        return _quarantine(path, error, data[:max_bytes])


def _read_file(path: str, max_bytes: int) -> Iterator[Article | Quarantined]:
    suffix = _suffix(path)
    try:
        if os.path.getsize(path) == 0:
            yield _quarantine(path, InputError("E101", path=path))
        elif suffix == ".jsonl":
            with open(path, "rb") as handle:
                yield from _read_lines(handle, path, max_bytes)
        elif suffix in (".warc", ".warc.gz"):
            yield from _read_warc(path, max_bytes)
        else:
            yield _read_document(path, suffix, max_bytes)
    except OSError as error:  # permissions, a file removed while the batch runs
        yield _quarantine(path, InputError("E114", path=path, detail=error.strerror or type(error).__name__))


def _read_stdin(stream: BinaryIO, max_bytes: int) -> Iterator[Article | Quarantined]:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield _quarantine(STDIN_NAME, InputError("E104", path=STDIN_NAME, size=f"more than {max_bytes}",
                                                 limit=max_bytes), data[:max_bytes])
        return
    lines = [line for line in data.splitlines() if line.strip()]
    if lines and all(line.lstrip().startswith(b"{") for line in lines):
        yield from _read_lines(io.BytesIO(data), STDIN_NAME, max_bytes)
        return
    try:
        yield _text_record(data, STDIN_NAME, "stdin.txt")
    except InputError as error:
        yield _quarantine(STDIN_NAME, error, data)


# -- paths -----------------------------------------------------------------------------------------

def _visible(name: str) -> bool:
    return not name.startswith(".") and name not in SKIPPED_NAMES


def _directory_files(root: str) -> list[str]:
    """The readable files under ``root``, recursively, in path order."""
    found = []
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = [d for d in subdirs if _visible(d)]
        found += [os.path.join(directory, name) for name in files
                  if _visible(name) and _suffix(name) in SUFFIXES]
    return sorted(found, key=lambda path: Path(path).parts)


def expand(path: str) -> Iterator[str | Quarantined]:
    """The files a path names: itself, a directory's files (recursively, sorted) or a glob's matches."""
    if os.path.isdir(path):
        yield from _directory_files(path)
    elif os.path.exists(path):
        yield path
    elif glob.has_magic(path) and (matches := sorted(glob.glob(path, recursive=True))):
        for match in matches:
            yield from (_directory_files(match) if os.path.isdir(match) else [match])
    else:
        yield _quarantine(path, InputError("E109", path=path))


def iter_inputs(paths: Iterable[str], *, max_bytes: int = 5_000_000,
                stdin: BinaryIO | None = None) -> Iterator[Article | Quarantined]:
    """Every article in ``paths`` (files, directories, globs, ``-`` for stdin), in order.

    Multi-article files (JSON Lines, WARC) are streamed record by record; ``max_bytes`` limits a
    whole text or HTML file and each record. Unreadable inputs come out as ``Quarantined``.
    """
    for path in paths:
        if path == STDIN:
            yield from _read_stdin(stdin or sys.stdin.buffer, max_bytes)
            continue
        for item in expand(path):
            if isinstance(item, Quarantined):
                yield item
            elif _suffix(item) not in SUFFIXES:
                yield _quarantine(item, InputError("E110", path=item, suffix=_suffix(item) or "(none)"))
            else:
                yield from _read_file(item, max_bytes)
