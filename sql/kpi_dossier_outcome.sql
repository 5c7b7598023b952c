-- Each dossier received on or before cutoff_date, with its outcome as of that day:
--   withdrawn; early / on_time / late when finished by then (int_dossier_flags);
--   otherwise pending_overdue when its due date is before the cut-off, else pending_in_time.
-- finished_date is shown only when on or before the cut-off. Processing time runs from the day of
-- receipt to the day finished (or the cut-off while pending): n_processing_days in calendar days,
-- n_processing_working_days in working days after the day of receipt (int_calendar; NULL outside the
-- years it covers). n_days_overdue: calendar days past the due date, for late and pending_overdue;
-- n_working_days_overdue the same in working days (those after the due date up to the day finished or
-- the cut-off). n_working_days_to_due: working days from the cut-off to the due date of a dossier pending
-- in time; is_due_soon when that is at most the setting due_soon_working_days (catalogues/settings.csv,
-- default 2): "Sắp đến hạn" with the cut-off at the data's as-of date.
-- This per-dossier definition is the reference the aggregate tables are tested against.
create or replace macro kpi_dossier_outcome(cutoff_date) as table
with

flags as (
    select * from int_dossier_flags
),

calendar as (
    select day_date, n_working_days_to_date from int_calendar
),

cutoff as (
    select cast(cutoff_date as date) as cutoff_day_date
),

settings as (
    select
        coalesce(max(try_cast(value as integer)) filter (where key = 'due_soon_working_days'), 2)
            as n_due_soon_working_days
    from cat_settings
),

as_of_cutoff as (
    select
        flags.*,
        case
            when flags.is_withdrawn then 'withdrawn'
            when flags.finished_date <= cutoff.cutoff_day_date then flags.resolved_outcome
            when flags.due_date < cutoff.cutoff_day_date then 'pending_overdue'
            else 'pending_in_time'
        end as outcome,
        case when flags.finished_date <= cutoff.cutoff_day_date then flags.finished_date end
            as finished_by_cutoff_date,
        case
            when flags.is_withdrawn then null
            when flags.finished_date <= cutoff.cutoff_day_date then flags.finished_date
            else cutoff.cutoff_day_date
        end as processing_end_date
    from flags
    cross join cutoff
    where flags.received_date <= cutoff.cutoff_day_date
)

select
    d.dossier_code,
    d.unit_id,
    d.unit_name,
    d.unit_level,
    d.sector_name,
    d.sector_group,
    d.is_known_sector,
    d.procedure_code,
    d.procedure_name,
    d.received_date,
    d.due_date,
    d.finished_by_cutoff_date as finished_date,
    d.outcome,
    d.is_withdrawn,
    d.channel,
    d.is_online,
    d.is_channel_known,
    d.service_level,
    d.is_full_online_offered,
    d.rating,
    d.is_rated,
    d.is_satisfied,
    d.is_synced,
    d.has_apology,
    d.has_e_result,
    d.is_digitised,
    d.is_paid_online,
    d.status_text,
    d.outcome_reported,
    d.processing_end_date - d.received_date as n_processing_days,
    end_day.n_working_days_to_date - received_day.n_working_days_to_date as n_processing_working_days,
    case
        when d.outcome in ('late', 'pending_overdue') then d.processing_end_date - d.due_date
    end as n_days_overdue,
    case
        when d.outcome in ('late', 'pending_overdue')
            then end_day.n_working_days_to_date - due_day.n_working_days_to_date
    end as n_working_days_overdue,
    case
        when d.outcome = 'pending_in_time' then due_day.n_working_days_to_date - end_day.n_working_days_to_date
    end as n_working_days_to_due,
    coalesce(
        d.outcome = 'pending_in_time'
        and due_day.n_working_days_to_date - end_day.n_working_days_to_date <= s.n_due_soon_working_days,
        false
    ) as is_due_soon
from as_of_cutoff as d
cross join settings as s
left join calendar as received_day on received_day.day_date = d.received_date
left join calendar as end_day on end_day.day_date = d.processing_end_date
left join calendar as due_day on due_day.day_date = d.due_date
