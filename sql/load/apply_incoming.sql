-- Move the versions that lose into dossier_history (the stored ones this file replaces, and this file's
-- own that are older than, or the same as, what is stored), then replace and insert (no index: see
-- schema.sql; anti-joins are fast without one). A correction draws on dossier_history (remove_ingest.sql).
insert into dossier_history by name
select unnest(stored_dossier)
from incoming_classified
where change_kind in ('updated', 'refreshed');

insert into dossier_history by name
select incoming.*
from incoming_dossiers as incoming
semi join (
    select incoming_classified.dossier_code
    from incoming_classified
    where incoming_classified.change_kind in ('older', 'unchanged')
) as kept_stored on incoming.dossier_code = kept_stored.dossier_code;

delete from dossiers
where dossier_code in (
    select incoming_classified.dossier_code
    from incoming_classified
    where incoming_classified.change_kind in ('updated', 'refreshed')
);

insert into dossiers by name
select incoming.*
from incoming_dossiers as incoming
anti join (
    select incoming_classified.dossier_code
    from incoming_classified
    where incoming_classified.change_kind in ('older', 'unchanged')
) as kept_stored on incoming.dossier_code = kept_stored.dossier_code;
