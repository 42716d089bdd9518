"""The ingest job: idempotent, clusters near-duplicates, quarantines bad inputs beside good ones."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from defgraph.model import DateValue
from defgraph.runner.ingest import ingest_paths, is_earlier

STORY = ("The defence ministry said on Tuesday that the second squadron of the air defence system had "
         "reached its base in the north and that crews trained abroad had taken charge of the radars. "
         "Officials added that the remaining units would follow in stages over the next two years, "
         "subject to payment arrangements that both governments were still working out in detail. "
         "A spokesperson for the ministry, Lena Voskova, said the schedule had not changed.")


def article_file(folder: Path, name: str, body: str, *, published: str | None = None, title: str = "") -> Path:
    header = f"published: {published}\n---\n" if published else ""
    path = folder / name
    path.write_text(f"{header}{title + chr(10) * 2 if title else ''}{body}\n", encoding="utf-8")
    return path


def distinct_files(folder: Path, count: int) -> list[Path]:
    return [article_file(folder, f"story-{n}.txt",
                         f"Story {n}: the navy of country number {n} ordered {n + 2} patrol boats from a yard "
                         f"that has built {n * 3} hulls since {1990 + n}, the procurement office said on Friday.")
            for n in range(count)]


def test_re_ingesting_the_same_articles_changes_nothing(tmp_path, store):
    distinct_files(tmp_path, 5)
    first = ingest_paths([tmp_path], store, extract=False)
    counts = store.stats()
    again = ingest_paths([tmp_path], store, extract=False)
    assert (first.read, first.added, first.skipped) == (5, 5, 0)
    assert (again.read, again.added, again.skipped) == (5, 0, 5)
    assert store.stats() == counts


def test_the_same_article_twice_in_one_run_is_stored_once(tmp_path, store):
    article_file(tmp_path, "a.txt", STORY)
    article_file(tmp_path, "b.txt", "   " + STORY.replace(" ", "  ") + "\n\n")  # same words, other spacing
    report = ingest_paths([tmp_path], store, extract=False)
    assert (report.added, report.skipped) == (1, 1)


def test_near_duplicates_cluster_and_the_earliest_copy_is_the_original(tmp_path, store):
    later = article_file(tmp_path, "later.txt", STORY + " More details will follow.", published="2024-06-05",
                         title="Second squadron arrives")
    ingest_paths([later], store, extract=False)
    unrelated = distinct_files(tmp_path, 1)
    earliest = article_file(tmp_path, "earliest.txt", STORY, published="2024-06-03", title="Squadron arrives")
    middle = article_file(tmp_path, "middle.txt", STORY + " Reporting by the desk.", published="2024-06-04")
    report = ingest_paths([*unrelated, earliest, middle], store, extract=False)
    assert report.near_duplicates == 2
    ids = {row["source"]: row["id"] for row in store.conn.execute("SELECT id, source FROM documents")}
    cluster = store.cluster_of(ids[str(later)])
    assert cluster.original_id == ids[str(earliest)]
    assert store.cluster_of(ids[str(middle)]) == cluster
    assert store.cluster_of(ids[str(unrelated[0])]).cluster_id != cluster.cluster_id
    originals = store.conn.execute("SELECT source FROM documents WHERE cluster_id = ? AND is_original",
                                   (cluster.cluster_id,)).fetchall()
    assert [row[0] for row in originals] == [str(earliest)]
    assert store.stats()["clusters"] == 1 and store.stats()["near_duplicates"] == 2


def test_bad_inputs_are_quarantined_beside_the_good_ones(tmp_path, store):
    distinct_files(tmp_path, 3)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 8)
    records = [{"title": "Frigate deal", "text": STORY}, "not json at all", {"title": "No text"}]
    (tmp_path / "feed.jsonl").write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n", encoding="utf-8")
    seen = []
    report = ingest_paths([tmp_path, tmp_path / "missing.txt"], store, extract=False, on_quarantine=seen.append)
    assert (report.added, report.quarantined) == (4, 5)
    codes = sorted(record.code for record in store.list_quarantine())
    assert codes == sorted(item.code for item in seen) == ["E101", "E102", "E105", "E106", "E109"]
    assert all(record.reason.startswith(f"[{record.code}]") for record in store.list_quarantine())
    assert not report.ok


def test_extraction_results_are_stored_with_each_document(tmp_path, store, nlp):
    article_file(tmp_path, "s400.txt", "India and Russia discussed S-400 deliveries in Moscow on Monday, "
                 "Defence Minister Rajnath Singh said after meeting his Russian counterpart.",
                 published="2024-06-03")
    report = ingest_paths([tmp_path], store, extract=True)
    assert report.added == 1
    assert store.conn.execute("SELECT extracted FROM documents").fetchone()[0] == 1
    for mention in store.get_document(1)["mentions"]:
        assert store.get_document(1)["text"][mention["start"]:mention["end"]] == mention["text"]


def test_progress_is_reported_after_each_batch(tmp_path, store):
    distinct_files(tmp_path, 7)
    reads = []
    ingest_paths([tmp_path], store, extract=False, batch_size=3, progress=lambda r: reads.append(r.read))
    assert reads == [3, 6, 7]


@pytest.mark.parametrize("published, original, expected", [
    ("2024-06-03", "2024-06-05", True),
    ("2024-06-05", "2024-06-03", False),
    ("2024-06-03", "2024-06-03", False),  # a tie keeps the copy that came first
    ("2024-06-03", None, True),
    (None, "2024-06-03", False),
])
def test_an_earlier_copy_is_decided_by_publication_date(published, original, expected):
    assert is_earlier(DateValue.parse(published) if published else None, original) is expected


def test_documents_stored_before_the_band_index_are_banded_on_the_next_run(tmp_path, store):
    ingest_paths([article_file(tmp_path, "first.txt", STORY, published="2024-06-03")], store, extract=False)
    with store.transaction():
        store.conn.execute("DELETE FROM signature_bands")  # as a database from before migration 0002
    copy = article_file(tmp_path, "copy.txt", STORY + " Reporting by the desk.", published="2024-06-04")
    assert ingest_paths([copy], store, extract=False).near_duplicates == 1


def test_an_input_read_fine_later_leaves_the_quarantine(tmp_path, store):
    path = tmp_path / "late.txt"
    path.write_text("")
    assert ingest_paths([path], store, extract=False).quarantined == 1
    path.write_text(STORY)
    assert ingest_paths([path], store, extract=False).added == 1
    assert store.list_quarantine() == []


def test_ingest_into_postgres_is_idempotent_and_clusters(tmp_path, pg_url):
    from defgraph.store import open_store

    distinct_files(tmp_path, 3)
    article_file(tmp_path, "later.txt", STORY + " More details will follow.", published="2024-06-05")
    article_file(tmp_path, "earlier.txt", STORY, published="2024-06-03")
    with open_store(pg_url) as store:
        first = ingest_paths([tmp_path], store, extract=False)
        again = ingest_paths([tmp_path], store, extract=False)
        assert (first.added, first.near_duplicates) == (5, 1)
        assert (again.added, again.skipped) == (0, 5)
        clusters = {store.cluster_of(hit.doc_id) for hit in store.search("squadron radars")}
        assert [cluster.original_published for cluster in clusters] == ["2024-06-03"]


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_json_text_no_database_keeps_is_stored_repaired(tmp_path, db_path, backend, request):
    from defgraph.store import open_store

    target = db_path if backend == "sqlite" else request.getfixturevalue("pg_url")
    (tmp_path / "feed.jsonl").write_text(json.dumps({"text": "Frigate \u0000 \ud800 " + STORY}) + "\n")
    with open_store(target) as store:
        report = ingest_paths([tmp_path / "feed.jsonl"], store, extract=False)
        assert (report.added, report.quarantined) == (1, 0)
        assert store.get_document(1)["text"].startswith("Frigate \ufffd \ufffd ")
