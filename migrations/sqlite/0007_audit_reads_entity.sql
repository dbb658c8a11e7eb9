-- On PostgreSQL the read log loses its (entity, entity_id) index here. On
-- SQLite the read log is the file DB.reads, whose schema db_sqlite.c keeps
-- (SQL_READS_SCHEMA drops the index when it attaches the file); nothing
-- changes in the main file. This keeps the numbering equal.
SELECT 1;
