-- The read log loses its (entity, entity_id) index. Appends put every
-- read's key on a random leaf of it (a page written per read, the largest
-- cost of recording reads), and it did not serve the auditor's question
-- "who saw person 12": that also matches lists naming the person in
-- `reason` (entity_id NULL, reason LIKE '%,12,%'), which no index can
-- find, so the query walks the log newest first (seq) either way.
DROP INDEX IF EXISTS audit_reads_entity;
