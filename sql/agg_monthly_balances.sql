-- What all the days before each month add to the stocks of agg_window_counts, per (unit, lĩnh vực)
-- pair: dossiers still open (received, not withdrawn, minus resolved), non-withdrawn dossiers that
-- fell due without being resolved in time, and dossiers resolved late. A query then reads the daily rows from the month
-- of its earliest day on, instead of the whole history. One row per pair and month, from the first
-- month with data to the month after the last.
create or replace table agg_monthly_balances as
with

daily_counts as (
    select * from agg_daily_counts
),

by_month as (
    select
        pair_key,
        cast(date_trunc('month', day_date) as date) as month_start_date,
        sum(n_received - n_withdrawn - n_resolved) as n_open,
        sum(n_due_not_in_time) as n_due_not_in_time,
        sum(n_late) as n_late
    from daily_counts
    group by all
),

months as (
    select cast(unnest(generate_series(
        cast(min(month_start_date) as timestamp),
        cast(max(month_start_date) + interval 1 month as timestamp),
        interval 1 month
    )) as date) as month_start_date
    from by_month
),

grid as (
    select pairs.pair_key, months.month_start_date
    from (select distinct pair_key from by_month) as pairs
    cross join months
)

select
    grid.pair_key,
    grid.month_start_date,
    cast(coalesce(sum(by_month.n_open) over earlier_months, 0) as bigint) as n_open,
    cast(coalesce(sum(by_month.n_due_not_in_time) over earlier_months, 0) as bigint) as n_due_not_in_time,
    cast(coalesce(sum(by_month.n_late) over earlier_months, 0) as bigint) as n_late
from grid
left join by_month
    on by_month.pair_key = grid.pair_key and by_month.month_start_date = grid.month_start_date
window earlier_months as (
    partition by grid.pair_key
    order by grid.month_start_date
    rows between unbounded preceding and 1 preceding
)
order by grid.month_start_date, grid.pair_key
