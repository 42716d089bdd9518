-- Every fact keeps the calibrated probability that it is right (defgraph.confidence; NULL when read
-- before a model existed); documents say how their publication date was read; transcripts keep their
-- speaker turns (label, speaker, and the span of what was said).

ALTER TABLE mentions ADD COLUMN confidence REAL;
ALTER TABLE quotes ADD COLUMN confidence REAL;
ALTER TABLE transfers ADD COLUMN confidence REAL;
ALTER TABLE events ADD COLUMN confidence REAL;
ALTER TABLE claims ADD COLUMN confidence REAL;
ALTER TABLE documents ADD COLUMN published_note TEXT;

CREATE TABLE turns (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    label       TEXT    NOT NULL,
    kind        TEXT    NOT NULL,  -- named, office, question, unnamed
    speaker     TEXT,              -- an entity id, or NULL for a journalist or an unnamed speaker
    label_start INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL
);
CREATE INDEX turns_document ON turns(document_id);
