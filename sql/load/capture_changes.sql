-- What this ingest changes in the counts, for merge_daily_counts.sql: the stored versions it replaces with
-- different content, and the incoming versions it stores that are new or different. A refreshed dossier
-- (same content, later as-of date) changes no count, so it is in neither.
create or replace temp table ingest_replaced_dossiers as
select unnest(stored_dossier)
from incoming_classified
where change_kind = 'updated';

create or replace temp view ingest_added_dossiers as
select incoming.*
from incoming_dossiers as incoming
anti join (
    select incoming_classified.dossier_code
    from incoming_classified
    where incoming_classified.change_kind in ('older', 'unchanged', 'refreshed')
) as same_counts on incoming.dossier_code = same_counts.dossier_code;
