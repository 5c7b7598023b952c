-- Real data replaces the demo year: the two never mix.
delete from dossiers where ingest_id in (select ingest_id from ingest_log where is_demo);
delete from dossier_history where ingest_id in (select ingest_id from ingest_log where is_demo);
delete from rejects where ingest_id in (select ingest_id from ingest_log where is_demo);
delete from ingest_log where is_demo;
