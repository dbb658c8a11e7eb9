-- On PostgreSQL the read log gains its spool mark here (audit_reads_spool).
-- On SQLite the read log is the file DB.reads, whose schema db_sqlite.c
-- keeps (SQL_READS_SCHEMA); nothing changes in the main file. This keeps
-- the numbering equal.
SELECT 1;
