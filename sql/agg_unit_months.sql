-- The KPI counts of each unit in each calendar month, from the first month of agg_daily_counts to its last:
-- one row per unit, month and count (kpi, a count of def_kpis), so that the national index
-- (agg_unit_scores_766) adds up a calendar month, quarter or year from a few thousand rows. A month's flows
-- add up over a period; its stocks are those of its first day (n_carried_over) and of its last
-- (n_pending, n_pending_in_time, n_pending_overdue), as agg_window_counts defines them:
--   carried_over    = received not withdrawn − resolved, over every earlier month
--   pending         = the same, up to and including the month
--   pending_overdue = due before the month's last day and not resolved in time − resolved late up to it
-- Rebuilt with the other aggregates (pipelines.warehouse.refresh_aggregates).
create or replace table agg_unit_months as
with

daily_counts as (
    select * from agg_daily_counts
),

units as (
    select distinct unit_id, unit_name, unit_level from daily_counts
),

months as (
    select cast(unnest(generate_series(
        cast(date_trunc('month', min(day_date)) as timestamp),
        cast(date_trunc('month', max(day_date)) as timestamp),
        interval 1 month
    )) as date) as month_start_date
    from daily_counts
),

by_month as (
    select
        unit_id,
        cast(date_trunc('month', day_date) as date) as month_start_date,
        sum(columns('^n_')),
        sum(n_received - n_withdrawn - n_resolved) as open_change,
        sum(n_due_not_in_time) filter (where day_date < last_day(day_date)) as due_before_last_day
    from daily_counts
    group by unit_id, month_start_date
),

grid as (
    select
        units.*,
        months.month_start_date,
        last_day(months.month_start_date) as month_end_date,
        by_month.* exclude (unit_id, month_start_date)
    from units
    cross join months
    left join by_month
        on by_month.unit_id = units.unit_id and by_month.month_start_date = months.month_start_date
),

stocks as (
    select
        * exclude (open_change, due_before_last_day, n_due_not_in_time),
        coalesce(sum(open_change) over earlier, 0) as n_carried_over,
        coalesce(sum(open_change) over up_to, 0) as n_pending,
        coalesce(sum(n_due_not_in_time) over earlier, 0) + coalesce(due_before_last_day, 0)
            - coalesce(sum(n_late) over up_to, 0) as n_pending_overdue
    from grid
    window
        earlier as (partition by unit_id order by month_start_date rows between unbounded preceding and 1 preceding),
        up_to as (partition by unit_id order by month_start_date rows between unbounded preceding and current row)
),

counts as (
    select
        * exclude (n_pending_overdue),
        n_pending - n_pending_overdue as n_pending_in_time,
        n_pending_overdue
    from stocks
),

typed as (
    select
        unit_id, unit_name, unit_level, month_start_date, month_end_date,
        cast(coalesce(columns('^n_'), 0) as bigint)
    from counts
)

unpivot typed on columns('^n_') into name kpi value n_value
order by month_start_date, unit_id, kpi
