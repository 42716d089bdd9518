"""Readers: every input format, the canonical text, and every kind of quarantine."""
from __future__ import annotations

import gzip
import io
import json
import tracemalloc

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from defgraph.errors import InputError
from defgraph.ingestion import Quarantined, article_from_text, iter_inputs
from defgraph.model import Article, DateValue

TITLE = "Navy takes delivery of second Krivak-class frigate"


def read_all(*paths, **options) -> list[Article | Quarantined]:
    return list(iter_inputs([str(p) for p in paths], **options))


def only(items: list) -> Article | Quarantined:
    assert len(items) == 1, items
    return items[0]


def html_page(story_paragraphs, *, title: str = TITLE) -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in story_paragraphs)
    return f"""<!DOCTYPE html><html><head><title>{title} | Harbour Courier</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Harbour Courier">
<meta property="article:published_time" content="2024-02-19T08:30:00+05:30">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/defence">Defence</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<article><h1>{title}</h1>{paragraphs}</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Celebrity chef opens third restaurant</a></li></ul></aside>
<footer>Copyright 2024 Harbour Courier. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>"""


# -- article_from_text ---------------------------------------------------------------------------

def test_header_block_sets_metadata_and_text_is_title_blank_line_body(story):
    text = (f"url: https://harbour-courier.example/frigate\noutlet: Harbour Courier\n"
            f"published: 2024-02-19\ntitle: {TITLE}\n---\n{story}\n")
    article = article_from_text(text, source="feed/frigate.txt", name="frigate.txt")
    assert article.title == TITLE
    assert article.url == "https://harbour-courier.example/frigate"
    assert article.outlet == "Harbour Courier"
    assert article.published == DateValue(2024, 2, 19)
    assert article.text == f"{TITLE}\n\n{story}"
    assert (article.source, article.name) == ("feed/frigate.txt", "frigate.txt")


def test_body_characters_are_kept_so_spans_point_at_the_same_words(story):
    article = article_from_text(f"date 2024-02-19\n{TITLE}\n\n{story}")
    start = article.text.index("Karwar")
    offset = len(TITLE) + 2
    assert story[start - offset:start - offset + len("Karwar")] == "Karwar"
    assert article.text[start:start + 6] == "Karwar"
    assert article.text[offset:] == story


def test_date_line_gives_the_date_and_is_stripped(story):
    article = article_from_text(f"date 2024-02-19\n{TITLE}\n\n{story}")
    assert article.published == DateValue(2024, 2, 19)
    assert article.title == TITLE
    assert not article.text.startswith("date")


def test_dateline_only_text_gets_its_date_from_the_dateline(story):
    # 19 February is a Monday in 2024; "by 2025" (future) rules out the later Monday years.
    body = ("MUMBAI, Feb 19 (PTI) - " + story + "\n\nThe last frigate is due to be delivered by 2025.")
    article = article_from_text(f"{TITLE}\n\n{body}")
    assert article.published == DateValue(2024, 2, 19)
    assert article.agencies == ["PTI"]
    assert article.text == f"{TITLE}\n\n{body}"


def test_title_needs_a_short_line_without_full_stop_and_a_blank_line(story):
    assert article_from_text(f"{TITLE}\n\n{story}").title == TITLE
    not_title = "The navy said on Monday it had taken delivery of a frigate."
    assert article_from_text(f"{not_title}\n\n{story}").title is None
    assert article_from_text(f"{TITLE}\n{story}").title is None
    plain = article_from_text(story)
    assert plain.title is None and plain.text == story


@pytest.mark.parametrize("header, detail", [
    ("url: https://example.org/a\ntitle: A frigate\n", "no '---'"),
    ("url: https://example.org/a\nthis line is not a field\n---\n", "line 2"),
    ("published: sometime soon\n---\n", "not a date"),
])
def test_malformed_header_raises_e111(story, header, detail):
    with pytest.raises(InputError) as caught:
        article_from_text(header + story, source="bad.txt")
    assert caught.value.code == "E111"
    assert detail in str(caught.value) and "bad.txt" in str(caught.value)


def test_body_opening_with_a_place_and_colon_is_not_a_header(story):
    article = article_from_text(f"New Delhi: {story}")
    assert article.text == f"New Delhi: {story}"


# -- formats -------------------------------------------------------------------------------------

def test_txt_file_is_named_after_the_file(write, story):
    path = write("stories/frigate.txt", f"{TITLE}\n\n{story}")
    article = only(read_all(path))
    assert isinstance(article, Article)
    assert article.name == "frigate.txt" and article.source == str(path)


def test_html_page_gives_main_text_title_date_and_outlet(write, story_paragraphs):
    article = only(read_all(write("frigate.html", html_page(story_paragraphs))))
    assert isinstance(article, Article), article
    assert article.title == TITLE
    assert article.outlet == "Harbour Courier"
    assert article.published == DateValue(2024, 2, 19)
    assert article.name == "frigate.txt"
    assert article.text.startswith(f"{TITLE}\n\n")
    for paragraph in story_paragraphs:
        assert paragraph in article.text
    for boilerplate in ("cookies", "Most read", "Celebrity chef", "All rights reserved"):
        assert boilerplate not in article.text


def test_html_without_main_text_is_quarantined(write):
    page = "<html><head><title>Login</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    item = only(read_all(write("login.html", page)))
    assert isinstance(item, Quarantined) and item.code in ("E108", "E112")


def test_html_with_too_little_text_is_quarantined_as_too_short(write):
    page = "<html><body><article><p>Subscribe to read the full story about the frigate.</p></article></body></html>"
    item = only(read_all(write("teaser.html", page)))
    assert isinstance(item, Quarantined) and item.code in ("E108", "E112")


def test_jsonl_yields_each_line_and_quarantines_bad_ones(write, story):
    good = {"text": story, "title": TITLE, "url": "https://example.org/1", "published": "2024-02-19",
            "outlet": "Harbour Courier"}
    lines = [json.dumps(good), "{not json", json.dumps({"title": "no text here"}), "",
             json.dumps({"text": "MUMBAI, Feb 20 (IANS) - A second story. " + story})]
    path = write("feed.jsonl", "\n".join(lines) + "\n")
    items = read_all(path)
    assert [type(i).__name__ for i in items] == ["Article", "Quarantined", "Quarantined", "Article"]
    first, bad_json, no_text, last = items
    assert (first.name, first.source) == ("feed.jsonl#1", f"{path}#1")
    assert (bad_json.source, no_text.source) == (f"{path}#2", f"{path}#3")
    assert first.title == TITLE and first.outlet == "Harbour Courier"
    assert first.published == DateValue(2024, 2, 19) and first.text == f"{TITLE}\n\n{story}"
    assert bad_json.code == "E105" and "line 2" in bad_json.reason and bad_json.excerpt == "{not json"
    assert no_text.code == "E106" and "line 3" in no_text.reason
    assert last.name == "feed.jsonl#5" and last.agencies == ["IANS"]


def _warc_bytes(story: str, story_paragraphs, *, compress: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)

    def response(uri: str, content_type: str, payload: bytes, status: str = "200 OK") -> None:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(payload),
                                                      http_headers=headers))

    response("https://harbour-courier.example/frigate", "text/html; charset=utf-8",
             html_page(story_paragraphs).encode("utf-8"))
    response("https://harbour-courier.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(200))
    response("https://harbour-courier.example/missing", "text/html", b"<html>Not found</html>", "404 Not Found")
    response("https://wire.example/frigate.txt", "text/plain; charset=utf-8",
             f"{TITLE}\n\nMUMBAI, Feb 19 (PTI) - {story}".encode("utf-8"))
    return buffer.getvalue()


@pytest.mark.parametrize("name, compress", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_yields_html_and_text_responses_only(write, story, story_paragraphs, name, compress):
    items = read_all(write(name, _warc_bytes(story, story_paragraphs, compress=compress)))
    assert all(isinstance(i, Article) for i in items), items
    html, text = items
    assert html.name == f"{name}#1" and html.outlet == "Harbour Courier" and html.title == TITLE
    assert html.url == "https://harbour-courier.example/frigate"
    assert text.name == f"{name}#4" and text.agencies == ["PTI"] and text.title == TITLE


def test_truncated_warc_keeps_the_records_before_the_damage(write, story, story_paragraphs):
    data = _warc_bytes(story, story_paragraphs, compress=True)
    items = read_all(write("cut.warc.gz", data[: len(data) - 150]))
    assert isinstance(items[0], Article) and items[0].title == TITLE
    assert isinstance(items[-1], Quarantined) and items[-1].code == "E107"


def test_corrupt_warc_is_quarantined(write):
    item = only(read_all(write("junk.warc", b"this is not a WARC file at all\r\n\r\n" * 3)))
    assert isinstance(item, Quarantined) and item.code == "E107"


# -- quarantine ----------------------------------------------------------------------------------

def test_missing_path_and_unsupported_suffix(tmp_path, write):
    missing = only(read_all(tmp_path / "nowhere.txt"))
    assert isinstance(missing, Quarantined) and missing.code == "E109"
    assert missing.source == str(tmp_path / "nowhere.txt") and "no such file" in missing.reason
    unsupported = only(read_all(write("notes.docx", "some text")))
    assert unsupported.code == "E110" and "'.docx'" in unsupported.reason


@pytest.mark.parametrize("content, code", [
    (b"", "E101"),
    (b"  \n\n \t\n", "E101"),
    (b"GIF89a\x00\x01\x00\x01" + bytes(64), "E102"),
    (bytes(range(1, 32)) * 20, "E102"),
    (bytes(range(0x80, 0x100)) * 8 + b"\x81\x8d\x8f\x90\x9d" * 40, "E102"),
    (bytes(0x80 + (n * 37) % 128 if n % 6 else 32 for n in range(600)), "E103"),
])
def test_unreadable_text_is_quarantined_with_its_code(write, content, code):
    item = only(read_all(write("bad.txt", content)))
    assert isinstance(item, Quarantined), item
    assert item.code == code and item.reason.startswith(f"[{code}]")


def test_binary_excerpt_is_escaped_and_short(write):
    item = only(read_all(write("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 4)))
    assert item.code == "E102"
    assert "\\x00" in item.excerpt and len(item.excerpt) <= 200
    assert item.excerpt.isprintable()


def test_windows_1252_and_bom_texts_are_decoded(write, story):
    smart = "\u201cThe ship is ready,\u201d the navy said \u2014 on time. " + story
    cp1252 = only(read_all(write("old.txt", smart.encode("cp1252"))))
    assert isinstance(cp1252, Article) and cp1252.text == smart
    bom = only(read_all(write("bom.txt", b"\xef\xbb\xbf" + story.encode("utf-8"))))
    assert bom.text == story
    crlf = only(read_all(write("crlf.txt", story.replace("\n", "\r\n").encode("utf-8"))))
    assert crlf.text == story


def test_oversized_file_is_quarantined(write, story):
    item = only(read_all(write("long.txt", story * 10), max_bytes=1000))
    assert item.code == "E104" and "1000-byte limit" in item.reason


def test_oversized_jsonl_line_is_skipped_and_the_next_line_read(write, story):
    lines = [json.dumps({"text": story * 20}), json.dumps({"text": story})]
    items = read_all(write("feed.jsonl", "\n".join(lines)), max_bytes=5000)
    assert [getattr(i, "code", None) for i in items] == ["E104", None]
    assert items[1].name == "feed.jsonl#2"


def test_malformed_header_in_a_file_is_quarantined(write, story):
    item = only(read_all(write("hdr.txt", "url: https://example.org\n" + story)))
    assert item.code == "E111"
    assert item.excerpt.startswith("url: https://example.org")


# -- paths ---------------------------------------------------------------------------------------

def test_directories_are_walked_sorted_skipping_hidden_readme_and_unknown(write, story):
    write("corpus/b.txt", story)
    write("corpus/a.txt", story)
    write("corpus/sub/c.txt", story)
    write("corpus/.hidden.txt", story)
    write("corpus/.cache/d.txt", story)
    write("corpus/README.md", "# about")
    write("corpus/a.gold.json", "{}")
    root = write("corpus/z.jsonl", json.dumps({"text": story})).parent
    assert [a.name for a in read_all(root)] == ["a.txt", "b.txt", "c.txt", "z.jsonl#1"]


def test_globs_expand_and_an_empty_glob_is_a_missing_path(tmp_path, write, story):
    write("g/one.txt", story)
    write("g/two.txt", story)
    assert [a.name for a in read_all(tmp_path / "g" / "*.txt")] == ["one.txt", "two.txt"]
    assert only(read_all(tmp_path / "g" / "*.html")).code == "E109"


def test_stdin_reads_plain_text_or_json_lines(story):
    plain = list(iter_inputs(["-"], stdin=io.BytesIO(f"{TITLE}\n\n{story}".encode())))
    assert only(plain).title == TITLE
    lines = "\n".join(json.dumps({"text": story, "title": f"Story {n}"}) for n in (1, 2))
    items = list(iter_inputs(["-"], stdin=io.BytesIO(lines.encode())))
    assert [a.title for a in items] == ["Story 1", "Story 2"]


def test_jsonl_is_streamed_one_line_at_a_time(write, story):
    path = write("feed.jsonl", json.dumps({"text": story}) + "\n")
    items = iter_inputs([str(path)])
    first = next(items)
    with open(path, "a", encoding="utf-8") as handle:  # lines appended after the first was read
        handle.write(json.dumps({"text": "MUMBAI (PTI) - " + story}) + "\n")
    assert isinstance(first, Article)
    assert [a.agencies for a in items] == [["PTI"]]


def test_gzip_of_a_text_is_not_mistaken_for_text(write, story):
    item = only(read_all(write("story.txt", gzip.compress(story.encode()))))
    assert isinstance(item, Quarantined) and item.code in ("E102", "E103")


def test_html_paragraphs_are_separated_by_blank_lines_as_in_text_files(write, story_paragraphs):
    article = only(read_all(write("frigate.htm", html_page(story_paragraphs))))
    assert article.text == TITLE + "\n\n" + "\n\n".join(story_paragraphs)


def test_a_json_title_that_also_opens_the_text_is_not_repeated(write, story):
    line = json.dumps({"title": TITLE, "text": f"{TITLE}\n\n{story}"})
    article = only(read_all(write("feed.jsonl", line)))
    assert article.text == f"{TITLE}\n\n{story}"


def test_bad_inputs_never_stop_the_stream(tmp_path, write, story):
    paths = [tmp_path / "missing.txt", write("a.txt", b""), write("b.pdf", b"%PDF-1.4"),
             write("c.html", b"   "), write("d.txt", story), "-"]
    items = list(iter_inputs([str(p) for p in paths], stdin=io.BytesIO(b"\x00\x01\x02")))
    assert [getattr(i, "code", "ok") for i in items] == ["E109", "E101", "E110", "E101", "ok", "E102"]
    assert items[-1].source == "<stdin>"


def test_header_keys_are_case_insensitive_and_blank_lines_allowed(story):
    article = article_from_text(f"Title: {TITLE}\nURL: https://example.org/f\n\nPublished: 2024-02-19\n---\n{story}")
    assert (article.title, article.url, article.published) == (TITLE, "https://example.org/f", DateValue(2024, 2, 19))


def test_a_warc_record_without_a_target_uri_is_quarantined_not_raised(write):
    payload = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><p>Frigate news.</p></html>"
    record = (b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: %d\r\n\r\n" % len(payload)) + payload
    item = only(read_all(write("odd.warc", record + b"\r\n\r\n")))
    assert isinstance(item, Quarantined) and item.code == "E107" and item.source.endswith("odd.warc#1")


def test_utf8_with_a_stray_windows_byte_keeps_its_text_and_says_so(write, story):
    data = ("Kaliningrad — " + story).encode("utf-8").replace(b"officials said", b"officials\x92 said", 1)
    article = only(read_all(write("mixed.txt", data)))
    assert article.text.startswith("Kaliningrad — ") and "officials\u2019 said" in article.text
    assert article.notes == ["1 byte not UTF-8 on line 1 read as cp1252"]


def test_utf8_with_pasted_windows_quotes_keeps_both_kinds_of_quote(write, story):
    utf8 = f"\u201cThe ship is ready,\u201d the navy said \u2014 on time.\n\n{story}\n\n".encode()
    pasted = "\u201cWe are on schedule,\u201d Pi\u00f1ero said.\n".encode("cp1252")
    article = only(read_all(write("pasted.txt", utf8 + pasted + b"Invalid \xc0\x80 ends here.\n")))
    assert article.text.startswith("\u201cThe ship is ready,\u201d the navy said \u2014")
    assert "\u201cWe are on schedule,\u201d Pi\u00f1ero said." in article.text
    assert "\u00e2\u20ac" not in article.text  # no UTF-8 read as Windows-1252
    assert article.notes == ["5 bytes not UTF-8 on lines 15, 16 read as cp1252"]


def test_a_windows_1251_text_is_detected_and_noted(write):
    text = "Министерство обороны России заявило, что поставки идут по графику. " * 5
    article = only(read_all(write("ru.txt", text.encode("cp1251"))))
    assert article.text == text.strip() and article.notes == ["280 bytes not UTF-8 on line 1 read as cp1251"]


def test_a_json_line_with_stray_windows_bytes_is_repaired_not_quarantined(write, story):
    line = json.dumps({"text": "\u201cReady\u201d, the navy said. " + story}, ensure_ascii=False).encode("cp1252")
    article = only(read_all(write("feed.jsonl", line + b"\n")))
    assert article.text.startswith("\u201cReady\u201d") and article.notes[0].endswith("read as cp1252")


def test_a_given_title_is_only_removed_from_the_text_as_a_whole_first_line(story):
    article = article_from_text("The Indian Navy on Monday took delivery. " + story,
                                fields={"title": "The Indian Navy"})
    assert article.text == "The Indian Navy\n\nThe Indian Navy on Monday took delivery. " + story


@pytest.mark.parametrize("head", [b"", b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99\r\n"])
def test_a_warc_gz_bomb_is_quarantined_in_bounded_memory(write, head):
    bomb = write("bomb.warc.gz", gzip.compress(head + bytes(64 << 20), compresslevel=1))
    tracemalloc.start()
    items = read_all(bomb)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    item = only(items)
    assert isinstance(item, Quarantined) and item.code == "E107", item
    assert peak < 32 << 20 and len(item.reason) < 400 and len(item.excerpt) <= 200


@pytest.mark.parametrize("content", [b"date 2024-06-03", b"published: 2024-06-03\n---\n\n"])
def test_a_date_line_or_header_with_no_text_after_it_is_empty(write, content):
    item = only(read_all(write("dated.txt", content)))
    assert isinstance(item, Quarantined) and item.code == "E101"


def test_json_escapes_no_database_keeps_become_replacement_characters(write, story):
    line = json.dumps({"text": "Frigate \u0000 news \ud800. " + story, "title": "A \u0000 frigate"})
    article = only(read_all(write("feed.jsonl", line)))
    assert "\x00" not in article.text and "\ud800" not in article.text and article.title == "A \ufffd frigate"
    assert article.notes == ["2 NUL or lone surrogate characters became U+FFFD"]


def test_warcio_warnings_on_a_wrong_content_length_stay_off_the_terminal(write, story, story_paragraphs, capfd):
    data = _warc_bytes(story, story_paragraphs, compress=False)
    length = int(data.split(b"Content-Length: ", 1)[1].split(b"\r\n", 1)[0])
    data = data.replace(b"Content-Length: %d" % length, b"Content-Length: %d" % (length - 3), 1)
    items = read_all(write("off.warc", data))
    assert items and all(isinstance(item, (Article, Quarantined)) for item in items)
    assert capfd.readouterr().err == ""
