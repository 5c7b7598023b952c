-- Replace the stored versions that lost, then insert the winners (no index: see schema.sql).
delete from dossiers
where dossier_code in (
    select incoming_classified.dossier_code
    from incoming_classified
    where incoming_classified.change_kind in ('updated', 'refreshed')
);

insert into dossiers by name
select
    dossier_code, procedure_code, procedure_name, sector_name, unit_id, received_at, due_at, finished_at,
    status_text, is_withdrawn, channel, service_level, rating, is_synced, has_apology, outcome_reported,
    as_of_date, ingest_id, source_row
from incoming_classified
where change_kind in ('new', 'updated', 'refreshed');
