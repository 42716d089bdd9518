-- The first schema: documents with near-duplicate clusters, extracted facts with their evidence
-- spans, the quarantine, and a full-text index over document title and text.

CREATE TABLE clusters (
    id          INTEGER PRIMARY KEY,
    original_id INTEGER REFERENCES documents(id),  -- the earliest copy (by publication date, then ingestion order)
    size        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE documents (
    id             INTEGER PRIMARY KEY,
    content_hash   TEXT    NOT NULL UNIQUE,
    name           TEXT,
    source         TEXT,
    url            TEXT,
    title          TEXT,
    outlet         TEXT,
    published      TEXT,                -- ISO text at its grain: 2021, 2021-03 or 2021-03-05
    published_grain TEXT CHECK (published_grain IN ('year', 'month', 'day')),
    agencies       TEXT    NOT NULL DEFAULT '[]',   -- JSON list
    text           TEXT    NOT NULL,
    ingested_at    TEXT    NOT NULL,
    cluster_id     INTEGER NOT NULL REFERENCES clusters(id),
    is_original    INTEGER NOT NULL DEFAULT 1,
    signature      BLOB,                -- MinHash signature for near-duplicate detection
    extracted      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX documents_cluster ON documents(cluster_id);

CREATE TABLE entities (
    id           TEXT PRIMARY KEY,      -- catalogue id or stable slug: country:india, person:...
    type         TEXT NOT NULL,
    name         TEXT NOT NULL,
    in_catalogue INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE mentions (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    entity_id   TEXT    NOT NULL REFERENCES entities(id),
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        TEXT    NOT NULL,
    kind        TEXT    NOT NULL
);
CREATE INDEX mentions_document ON mentions(document_id);
CREATE INDEX mentions_entity ON mentions(entity_id);

-- Generic facts as statements: roles (property 'role', value the title, object the org) and
-- attributes (property the attribute name).
CREATE TABLE statements (
    id          INTEGER PRIMARY KEY,
    subject     TEXT    NOT NULL,
    property    TEXT    NOT NULL,
    value       TEXT,
    object      TEXT,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    evidence    TEXT    NOT NULL,
    extractor   TEXT    NOT NULL,
    confidence  REAL
);
CREATE INDEX statements_document ON statements(document_id);
CREATE INDEX statements_subject ON statements(subject, property);

CREATE TABLE quotes (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    speaker     TEXT,
    text        TEXT    NOT NULL,
    direct      INTEGER NOT NULL,
    partial     INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    evidence    TEXT    NOT NULL
);
CREATE INDEX quotes_document ON quotes(document_id);
CREATE INDEX quotes_speaker ON quotes(speaker);

CREATE TABLE transfers (
    id            INTEGER PRIMARY KEY,
    document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    supplier      TEXT,
    recipient     TEXT,
    system        TEXT    NOT NULL,
    deal_type     TEXT,
    status        TEXT,
    quantity      REAL,
    quantity_unit TEXT,
    value         REAL,
    currency      TEXT,
    order_date    TEXT,
    start         INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    evidence      TEXT    NOT NULL
);
CREATE INDEX transfers_document ON transfers(document_id);
CREATE INDEX transfers_system ON transfers(system);

CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    type        TEXT    NOT NULL,
    place       TEXT,
    date        TEXT,
    occasion    TEXT,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    evidence    TEXT    NOT NULL
);
CREATE INDEX events_document ON events(document_id);

CREATE TABLE event_participants (
    event_id  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    entity_id TEXT    NOT NULL,
    PRIMARY KEY (event_id, entity_id)
);

CREATE TABLE claims (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    claimant    TEXT,
    text        TEXT    NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    evidence    TEXT    NOT NULL
);
CREATE INDEX claims_document ON claims(document_id);

CREATE TABLE claim_disputants (
    claim_id  INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    entity_id TEXT    NOT NULL,
    PRIMARY KEY (claim_id, entity_id)
);

CREATE TABLE quarantine (
    id      INTEGER PRIMARY KEY,
    source  TEXT NOT NULL,
    code    TEXT NOT NULL,
    reason  TEXT NOT NULL,
    excerpt TEXT,
    at      TEXT NOT NULL,
    UNIQUE (source, code)
);

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='documents', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
