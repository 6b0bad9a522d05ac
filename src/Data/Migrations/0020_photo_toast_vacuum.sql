-- The photo files' TOAST tables are no longer vacuumed for inserts alone (issue 19). Since PostgreSQL 13 autovacuum
-- also runs on a table after 1,000 + 20 % inserted rows; a 3.3 MB upload is about 1,650 TOAST rows, so at an opening
-- hour's 3.4 uploads a second the uploads' TOAST table was vacuumed every minute, each run reading back the pages just
-- written while the crowd's uploads competed for the same two cores and the same disk. An insert-only vacuum of a TOAST
-- table buys nothing the product uses (no index-only scans over it, and the tuples are too young to freeze).
-- Vacuums for updates and deletes (the retention purge, an erasure) and the anti-wraparound vacuum still run.
ALTER TABLE "PhotoFiles" SET (toast.autovacuum_vacuum_insert_threshold = -1);
ALTER TABLE "AdmissionPhotos" SET (toast.autovacuum_vacuum_insert_threshold = -1);
