-- Replace the stored versions that lost, then insert every incoming dossier that did not lose
-- (no index: see schema.sql; anti-joins are fast without one).
delete from dossiers
where dossier_code in (
    select incoming_classified.dossier_code
    from incoming_classified
    where incoming_classified.change_kind in ('updated', 'refreshed')
);

insert into dossiers by name
select
    incoming.dossier_code, incoming.procedure_code, incoming.procedure_name, incoming.sector_name,
    incoming.unit_id, incoming.received_at, incoming.due_at, incoming.finished_at, incoming.status_text,
    incoming.is_withdrawn, incoming.channel, incoming.service_level, incoming.rating, incoming.is_synced,
    incoming.has_apology, incoming.outcome_reported, incoming.as_of_date, incoming.ingest_id, incoming.source_row
from incoming_dossiers as incoming
anti join (
    select incoming_classified.dossier_code
    from incoming_classified
    where incoming_classified.change_kind in ('older', 'unchanged')
) as kept_stored on incoming.dossier_code = kept_stored.dossier_code;
