-- The read log (audit_reads, audit_reads_head) lives in a file of its own
-- on SQLite, DB.reads, which db_sqlite.c creates and attaches where it is
-- needed: appending read records to the main file would invalidate every
-- reader's page cache several times a millisecond. Nothing changes in the
-- main file; this migration keeps the numbering equal to PostgreSQL's,
-- where 0005 creates the same two tables.
SELECT 1;
