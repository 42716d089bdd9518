-- What reading repaired in a document (bytes that were not UTF-8 and the charset they were read
-- in, ...), as a JSON list of sentences; shown by 'defgraph show doc'.

ALTER TABLE documents ADD COLUMN notes TEXT NOT NULL DEFAULT '[]';
