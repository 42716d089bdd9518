-- The near-duplicate index kept on disk: one row per LSH band of each document's MinHash
-- signature, so that finding a document's near-duplicates needs no in-memory index and memory
-- does not grow with the corpus. Documents stored before this migration are banded by the next ingest.

CREATE TABLE signature_bands (
    band_key    INTEGER NOT NULL,       -- hash of (band number, the band's signature values)
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX signature_bands_key ON signature_bands(band_key);
CREATE INDEX signature_bands_document ON signature_bands(document_id);
