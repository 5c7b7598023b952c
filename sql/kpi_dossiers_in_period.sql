-- The dossiers a period's KPIs count, one row each, with what each counts as (docs/definitions.md,
-- What a dossier counts as): received in the period (withdrawn included) or carried over into it; resolved in it;
-- pending or pending overdue at its end; withdrawn. Outcome and processing time as of to_date
-- (kpi_dossier_outcome). For the drill-down to late dossiers, and the per-dossier reference that the
-- aggregate path is tested against.
-- Optional filters (NULL = all): sector_group_filter, unit_level_filter, unit_id_filter, and
-- outcomes_filter, a list of outcomes such as ['late', 'pending_overdue'].
create or replace macro kpi_dossiers_in_period(
    from_date, to_date, sector_group_filter, unit_level_filter, unit_id_filter, outcomes_filter
) as table
with

as_of_end as (
    select * from kpi_dossier_outcome(to_date)
),

bounds as (
    select cast(from_date as date) as period_from_date
),

counted as (
    select
        d.*,
        d.received_date >= b.period_from_date as is_received,
        not d.is_withdrawn
            and d.received_date < b.period_from_date
            and (d.finished_date is null or d.finished_date >= b.period_from_date) as is_carried_over,
        d.outcome in ('early', 'on_time', 'late') and d.finished_date >= b.period_from_date as is_resolved,
        d.outcome in ('pending_in_time', 'pending_overdue') as is_pending
    from as_of_end as d
    cross join bounds as b
    where
        (sector_group_filter is null or d.sector_group = sector_group_filter)
        and int_unit_level_matches(d.unit_level, unit_level_filter)
        and (unit_id_filter is null or d.unit_id = unit_id_filter)
        and (outcomes_filter is null or list_contains(outcomes_filter, d.outcome))
)

select
    dossier_code,
    unit_id,
    unit_name,
    unit_level,
    sector_name,
    sector_group,
    procedure_code,
    procedure_name,
    received_date,
    due_date,
    finished_date,
    outcome,
    is_received,
    is_carried_over,
    is_resolved,
    is_pending,
    outcome = 'pending_overdue' as is_pending_overdue,
    is_withdrawn,
    channel,
    is_online,
    is_channel_known,
    service_level,
    is_full_online_offered,
    rating,
    is_rated,
    is_satisfied,
    is_synced,
    has_apology,
    has_e_result,
    is_digitised,
    is_paid_online,
    outcome_reported,
    n_processing_days,
    n_processing_working_days,
    n_days_overdue,
    n_working_days_overdue,
    n_working_days_to_due,
    is_due_soon
from counted
where is_received or is_carried_over
order by n_days_overdue desc nulls last, received_date, dossier_code
