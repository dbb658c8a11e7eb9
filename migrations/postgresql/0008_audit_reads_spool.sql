-- The number of the last record from the read records' spool
-- (domain/audit_spool.h) that the read log holds, committed with each
-- group: at a start, what the spool holds beyond it is appended.
CREATE TABLE audit_reads_spool (
  id BIGINT PRIMARY KEY CHECK (id = 1),
  no BIGINT NOT NULL
);
INSERT INTO audit_reads_spool (id, no) VALUES (1, 0);
