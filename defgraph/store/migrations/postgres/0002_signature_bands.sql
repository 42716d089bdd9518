-- The near-duplicate index kept on disk, as in SQLite's 0002: one row per LSH band of each
-- document's MinHash signature.

CREATE TABLE signature_bands (
    band_key    BIGINT NOT NULL,
    document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX signature_bands_key ON signature_bands(band_key);
CREATE INDEX signature_bands_document ON signature_bands(document_id);
