-- Read models: what the web app, the register, dossiers and timelines read instead of loading every
-- fact into Python (defgraph.analyse.readmodels keeps them current after every write; a full refresh
-- builds them for a store migrated from an older version).

-- documents in publication order, newest first: a coarser date sorts before the finer dates it
-- covers (2021 < 2021-03 < 2021-03-05) and an undated document after every date
ALTER TABLE documents ADD COLUMN date_key TEXT;
UPDATE documents SET date_key = CASE WHEN published IS NULL THEN '9999-99-99'
    WHEN length(published) = 4 THEN published || '-00-00' WHEN length(published) = 7 THEN published || '-00'
    ELSE published END;
CREATE INDEX documents_recent ON documents(date_key, id);
CREATE INDEX mentions_entity_document ON mentions(entity_id, document_id);
CREATE INDEX event_participants_entity ON event_participants(entity_id);
CREATE INDEX claims_claimant ON claims(claimant);
CREATE INDEX claim_disputants_entity ON claim_disputants(entity_id);
CREATE INDEX statements_property ON statements(property, subject);

-- high-water marks (the last fact of each kind the read models include) and row counts
CREATE TABLE model_state (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);

-- per entity: mentions and documents that mention it; the texts that name it, with how often
CREATE TABLE entity_stats (
    entity_id TEXT PRIMARY KEY,
    mentions  INTEGER NOT NULL,
    documents INTEGER NOT NULL
);
CREATE INDEX entity_stats_rank ON entity_stats(documents, mentions);
CREATE TABLE entity_aliases (
    entity_id     TEXT NOT NULL,
    text          TEXT NOT NULL,
    n             INTEGER NOT NULL,
    first_mention INTEGER NOT NULL,  -- the id of the first mention with this text (ties of n: first used first)
    PRIMARY KEY (entity_id, text)
);

-- who stands for whom (an office holder for the office's body, an organisation for its country)
CREATE TABLE affiliations (
    holder TEXT NOT NULL,
    body   TEXT NOT NULL,
    PRIMARY KEY (holder, body)
);

-- deals merged across articles (analyse.merge), with their register row
CREATE TABLE deals (
    id        INTEGER PRIMARY KEY,
    system    TEXT    NOT NULL,
    supplier  TEXT,
    recipient TEXT,
    trusted   INTEGER NOT NULL,
    rank      TEXT    NOT NULL,   -- JSON: the order of merge_transfers
    merged    TEXT    NOT NULL,   -- JSON: MergedTransfer.as_dict without names
    register  TEXT    NOT NULL    -- JSON: RegisterRow.as_dict
);
CREATE INDEX deals_system ON deals(system);
CREATE INDEX deals_supplier ON deals(supplier);
CREATE INDEX deals_recipient ON deals(recipient);

-- timeline entries (analyse.timeline): one per event however many articles report it, and one per
-- deal stage; every entity the entry involves (participants and what they stand for) in order
CREATE TABLE timeline_entries (
    id        INTEGER PRIMARY KEY,
    group_key TEXT    NOT NULL UNIQUE,
    deal_id   INTEGER,
    kind      TEXT    NOT NULL,
    type      TEXT    NOT NULL,
    date      TEXT,
    date_key  TEXT    NOT NULL,
    label     TEXT    NOT NULL,
    seq       TEXT    NOT NULL,   -- ties of date, kind, type and label: the order analyse.timeline gives
    body      TEXT    NOT NULL    -- JSON: TimelineEntry.as_dict
);
CREATE INDEX timeline_entries_order ON timeline_entries(date_key, kind, type, label, seq);
CREATE INDEX timeline_entries_deal ON timeline_entries(deal_id);
CREATE TABLE timeline_parties (
    entity_id TEXT NOT NULL,
    entry_id  INTEGER NOT NULL,
    direct    INTEGER NOT NULL,   -- 1: a participant; 0: stood for by one
    date_key  TEXT NOT NULL,
    kind      TEXT NOT NULL,
    type      TEXT NOT NULL,
    label     TEXT NOT NULL,
    seq       TEXT NOT NULL,
    PRIMARY KEY (entity_id, entry_id)
);
CREATE INDEX timeline_parties_order ON timeline_parties(entity_id, date_key, kind, type, label, seq);
CREATE INDEX timeline_parties_entry ON timeline_parties(entry_id);
