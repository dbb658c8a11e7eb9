-- The read log: the audit records of reads, a keyed hash chain of its
-- own (audit.c). Writes keep theirs in audit_log, appended inside each
-- write's transaction. On SQLite these two tables live in a file of their
-- own (DB.reads, made by db_sqlite.c when attached) so that appending to
-- them never invalidates the readers' page caches of the data.
CREATE TABLE audit_reads (
  seq BIGINT PRIMARY KEY,
  ts TEXT NOT NULL,
  user_id BIGINT,
  username TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id BIGINT,
  ip TEXT NOT NULL,
  reason TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_reads_entity ON audit_reads(entity, entity_id);
CREATE INDEX audit_reads_user ON audit_reads(user_id, seq);

CREATE TABLE audit_reads_head (
  id BIGINT PRIMARY KEY CHECK (id = 1),
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_reads_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
