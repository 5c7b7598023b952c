-- What each dossier contributes to the KPIs whatever the period: the one definition of a resolved
-- dossier's outcome (early / on time / late, by calendar date; no due date = on time) and of the
-- online, fully-online, rating, sync and apology flags (docs/definitions.md), for the dossiers of
-- dossiers_table (see stg_dossiers_of); int_dossier_flags is the warehouse's.
create or replace macro int_dossier_flags_of(dossiers_table) as table
with

dossiers as (
    select
        *,
        not is_withdrawn and finished_date is not null as is_resolved
    from stg_dossiers_of(dossiers_table)
),

flagged as (
    select
        *,
        is_resolved and coalesce(finished_date < due_date, false) as is_early,
        is_resolved and (due_date is null or finished_date = due_date) as is_on_time,
        is_resolved and coalesce(finished_date > due_date, false) as is_late,
        channel = 'online' as is_online,
        coalesce(channel in ('online', 'in_person', 'postal'), false) as is_channel_known,
        coalesce(service_level = 'full', false) as is_full_online_offered,
        rating is not null as is_rated,
        coalesce(rating in ('very_satisfied', 'satisfied'), false) as is_satisfied
    from dossiers
)

select
    *,
    case when is_early then 'early' when is_on_time then 'on_time' when is_late then 'late' end
        as resolved_outcome
from flagged
;

create or replace view int_dossier_flags as
select * from int_dossier_flags_of('dossiers')
