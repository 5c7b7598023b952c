-- Keep every incoming version (dossier_versions), replace the stored versions that lost, then insert
-- every incoming dossier that did not lose (no index: see schema.sql; anti-joins are fast without one).
insert into dossier_versions by name
select * from incoming_dossiers;

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
