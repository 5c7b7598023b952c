-- Compare each incoming dossier that is already stored with its stored version: the version from the
-- latest as-of date wins; on equal as-of dates the later upload (the incoming one) wins.
-- Incoming dossiers not listed here are new. stored_dossier keeps the stored row, for capture_changes.sql.
create or replace temp table incoming_classified as
with
incoming as (select * from incoming_dossiers),
stored as (select * from dossiers),
compared as (
    select
        incoming.dossier_code,
        incoming.as_of_date,
        stored.as_of_date as stored_as_of_date,
        stored as stored_dossier,
        (
            incoming.procedure_code is not distinct from stored.procedure_code
            and incoming.procedure_name is not distinct from stored.procedure_name
            and incoming.sector_name is not distinct from stored.sector_name
            and incoming.unit_id is not distinct from stored.unit_id
            and incoming.received_at is not distinct from stored.received_at
            and incoming.due_at is not distinct from stored.due_at
            and incoming.finished_at is not distinct from stored.finished_at
            and incoming.status_text is not distinct from stored.status_text
            and incoming.is_withdrawn is not distinct from stored.is_withdrawn
            and incoming.channel is not distinct from stored.channel
            and incoming.service_level is not distinct from stored.service_level
            and incoming.rating is not distinct from stored.rating
            and incoming.is_synced is not distinct from stored.is_synced
            and incoming.has_apology is not distinct from stored.has_apology
            and incoming.outcome_reported is not distinct from stored.outcome_reported
            and incoming.status_kind is not distinct from stored.status_kind
            and incoming.has_e_result is not distinct from stored.has_e_result
            and incoming.is_digitised is not distinct from stored.is_digitised
            and incoming.is_paid_online is not distinct from stored.is_paid_online
            and incoming.is_derived_key is not distinct from stored.is_derived_key
        ) as is_same_content
    from incoming
    inner join stored on incoming.dossier_code = stored.dossier_code
)
select
    dossier_code,
    case
        when as_of_date < stored_as_of_date then 'older'
        when as_of_date = stored_as_of_date and is_same_content then 'unchanged'
        when is_same_content then 'refreshed'
        else 'updated'
    end as change_kind,
    stored_dossier
from compared
