-- What an ingest does to the received dossiers it brings (a "not received" version is counted as skipped):
-- new, updated, refreshed (same content, later as-of date), unchanged or older than the stored version.
select
    coalesce(classified.change_kind, 'new') as change_kind,
    count(*) as n_dossiers
from incoming_dossiers as incoming
left join incoming_classified as classified on classified.dossier_code = incoming.dossier_code
where incoming.status_kind is distinct from 'not_received'
group by all
