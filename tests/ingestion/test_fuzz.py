"""Fuzzing every reader: whatever the bytes, reading gives articles or quarantine records, bounded.

Hypothesis makes the inputs (``derandomize``: the same examples every run, so that the suite stays
fast and a failure reproduces); each property reads them through ``iter_inputs`` and checks that
nothing but an ``Article`` or a ``Quarantined`` record comes out, that every message is one short
line and that no output is larger than the input allows. ``--hypothesis-show-statistics`` counts them.
"""
from __future__ import annotations

import gzip
import io
import json
import tempfile
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, event, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

from click.testing import CliRunner  # noqa: E402

from defgraph.cli.main import cli  # noqa: E402
from defgraph.ingestion import Quarantined, iter_inputs  # noqa: E402
from defgraph.ingestion.decoding import REASON_CHARS  # noqa: E402
from defgraph.model import Article  # noqa: E402

MAX_BYTES = 20_000
FUZZ = settings(max_examples=200, deadline=None, database=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

WORDS = st.sampled_from(["India", "Russia", "S-400", "said", "the", "delivery", "\u201cquoted\u201d", "é", "\u00a0",
                         "\n", "\n\n", "\r\n", "---", "title:", "published: 2024-06-03", "date 2024-02-30", "\t",
                         "\x1b", "\ufeff", "\u2028", "<p>", "</div>", "&amp;", "{", "}"])
PROSE = st.lists(WORDS, max_size=200).map(" ".join)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "cp1251", "latin-1", "utf-16", "koi8-r"])


def _encoded(pair: tuple[str, str]) -> bytes:
    text, encoding = pair
    return text.encode(encoding, "replace")


def _spliced(parts: tuple[bytes, bytes, int]) -> bytes:
    text, noise, at = parts
    at %= len(text) + 1
    return text[:at] + noise + text[at:]


TEXT_BYTES = st.one_of(
    st.binary(max_size=3000),
    st.tuples(PROSE, ENCODINGS).map(_encoded),
    st.tuples(st.text(max_size=800), ENCODINGS).map(_encoded),
    st.text(max_size=800).map(lambda text: text.encode("utf-8", "surrogatepass")),  # lone surrogates: invalid UTF-8
    st.tuples(PROSE.map(str.encode), st.binary(min_size=1, max_size=40), st.integers(0, 10_000)).map(_spliced),
)
TAGS = st.sampled_from(["p", "div", "article", "h1", "title", "script", "style", "nav", "table", "td", "meta",
                        "html", "body", "head", "span", "!--", "![CDATA["])
HTML = st.recursive(PROSE, lambda inner: st.tuples(TAGS, st.lists(inner, max_size=4), st.booleans()).map(
    lambda parts: f"<{parts[0]}>{''.join(parts[1])}" + (f"</{parts[0]}>" if parts[2] else "")), max_leaves=40)
ARTICLE_PAGES = st.builds(
    lambda title, paragraphs: f"<html><head><title>{title}</title></head><body><nav>{title}</nav><article>"
                              f"<h1>{title}</h1>{''.join(f'<p>{p}</p>' for p in paragraphs)}</article></body></html>",
    PROSE, st.lists(PROSE, min_size=1, max_size=8))
JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | PROSE,
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                               st.sampled_from(["text", "title", "published", "url", "outlet", "x"]), inner,
                               max_size=5), max_leaves=20)
JSON_LINES = st.lists(st.one_of(
    JSON_VALUES.map(lambda value: json.dumps(value).encode()),
    st.builds(lambda text, title: json.dumps({"text": text, "title": title}).encode(), PROSE, PROSE),
    st.builds(lambda text, title: json.dumps({"text": text, "title": title}).encode(), st.text(), st.text()),
    st.integers(1, 5000).map(lambda depth: b"[" * depth + b"]" * depth),  # nested past the recursion limit
    st.binary(max_size=300),
    TEXT_BYTES,
), max_size=12).map(b"\n".join)


def _warc(records: list[tuple[str, str, bytes]], compress: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for status, content_type, payload in records:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example/a", "response",
                                                      payload=io.BytesIO(payload), http_headers=headers))
    return buffer.getvalue()


def _damaged(parts: tuple[bytes, list[tuple[int, int]], int | None]) -> bytes:
    """A WARC with some bytes changed and perhaps cut short."""
    data, flips, cut = parts
    damaged = bytearray(data)
    for at, value in flips:
        if damaged:
            damaged[at % len(damaged)] = value
    return bytes(damaged[:cut] if cut is not None else damaged)


WARC_RECORDS = st.lists(st.tuples(st.sampled_from(["200 OK", "404 Not Found", "301 Moved", "2"]),
                                  st.sampled_from(["text/html", "text/plain; charset=utf-8", "image/png", "", ";;"]),
                                  st.one_of(TEXT_BYTES, HTML.map(str.encode), ARTICLE_PAGES.map(str.encode))),
                        min_size=1, max_size=4)
FLIPS = st.lists(st.tuples(st.integers(0, 1 << 20), st.integers(0, 255)), max_size=3)
CUTS = st.none() | st.integers(0, 5000)
WARC = st.tuples(WARC_RECORDS.map(lambda records: _warc(records, False)), FLIPS, CUTS).map(_damaged)
WARC_GZ = st.one_of(
    st.tuples(WARC_RECORDS.map(lambda records: _warc(records, True)), FLIPS, CUTS).map(_damaged),
    st.binary(max_size=2000).map(gzip.compress),
    st.integers(0, 1 << 20).map(lambda zeros: gzip.compress(b"WARC/1.0\r\n" + bytes(zeros))),
)


def read(name: str, data: bytes) -> list:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return list(iter_inputs([str(path)], max_bytes=MAX_BYTES))


def assert_bounded(items: list, capfd) -> None:
    """Only articles and quarantine records; one-line, short messages; no text beyond the limit; silence."""
    assert capfd.readouterr() == ("", "")  # warcio's and trafilatura's own warnings stay off the terminal
    for item in items:
        event(getattr(item, "code", "article"))
        assert isinstance(item, (Article, Quarantined)), item
        assert "\n" not in (item.source or "")
        if isinstance(item, Quarantined):
            assert item.reason.startswith(f"[{item.code}]") and "\n" not in item.reason
            assert len(item.reason) <= REASON_CHARS + 1 and len(item.excerpt) <= 200
        else:
            assert 0 < len(item.text) <= 2 * MAX_BYTES and all("\n" not in note for note in item.notes)


@FUZZ
@given(TEXT_BYTES)
def test_text_files(capfd, data):
    assert_bounded(read("story.txt", data), capfd)


@FUZZ
@given(st.one_of(HTML.map(str.encode), ARTICLE_PAGES.map(str.encode), TEXT_BYTES))
def test_html_files(capfd, data):
    assert_bounded(read("page.html", data), capfd)


@FUZZ
@given(JSON_LINES)
def test_json_lines(capfd, data):
    items = read("feed.jsonl", data)
    assert_bounded(items, capfd)
    assert len(items) <= data.count(b"\n") + 1


@FUZZ
@given(WARC)
def test_warc_files(capfd, data):
    assert_bounded(read("crawl.warc", data), capfd)


@FUZZ
@given(WARC_GZ)
def test_warc_gz_files(capfd, data):
    assert_bounded(read("crawl.warc.gz", data), capfd)


@FUZZ
@given(st.one_of(TEXT_BYTES, JSON_LINES))
def test_standard_input(capfd, data):
    assert_bounded(list(iter_inputs(["-"], max_bytes=MAX_BYTES, stdin=io.BytesIO(data))), capfd)


NAMES = st.tuples(st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="/\x00"), min_size=1,
                          max_size=30),
                  st.sampled_from([".txt", ".html", ".jsonl", ".warc", ".warc.gz", ".TXT", ".pdf", ""])).map("".join)
CONTENTS = st.one_of(TEXT_BYTES, JSON_LINES, WARC, WARC_GZ, ARTICLE_PAGES.map(str.encode))


@settings(FUZZ, max_examples=40)
@given(st.dictionaries(NAMES, CONTENTS, min_size=1, max_size=5))
def test_the_ingest_command_prints_one_line_per_problem_and_no_traceback(files):
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus"
        corpus.mkdir()
        for name, data in files.items():
            if name not in (".", ".."):
                (corpus / name).write_bytes(data)
        result = CliRunner().invoke(cli, ["ingest", str(corpus), "--no-extract", "--db", f"{folder}/db.sqlite"])
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert all(line.startswith("defgraph: warning: quarantined [E1") for line in result.stderr.splitlines())
    event(f"exit {result.exit_code}")
