-- KPI counts per unit and lĩnh vực for several periods at once: period i is [from_dates[i], to_dates[i]]
-- (when is_by_month, each calendar month of it, clipped to it), from agg_daily_counts, with
-- agg_monthly_balances standing for the days before the month of the earliest period.
-- Flows are sums over the window; stocks are sums over all earlier days, because a dossier is
-- finished on or after the day it was received and falls due on or after that day:
--   carried_over    = received not withdrawn before from − resolved before from
--   pending         = received not withdrawn up to to − resolved up to to
--   pending_overdue = due before to and not resolved in time − resolved late up to to
--   (a dossier resolved late up to to fell due before to; one resolved in time is never overdue)
-- Optional filters (NULL = all): sector_group_filter, unit_level_filter, unit_id_filter.
create or replace macro agg_window_counts(
    from_dates, to_dates, is_by_month, sector_group_filter, unit_level_filter, unit_id_filter
) as table
with

daily_counts as (
    select * from agg_daily_counts
),

monthly_balances as (
    select * from agg_monthly_balances
),

unit_sectors as (
    select * from agg_unit_sectors
),

periods as (
    select
        generate_subscripts(from_dates, 1) as period_index,
        cast(unnest(from_dates) as date) as period_from_date,
        cast(unnest(to_dates) as date) as period_to_date
),

months as (
    select
        period_index,
        period_from_date,
        period_to_date,
        cast(unnest(generate_series(
            cast(date_trunc('month', period_from_date) as timestamp),
            cast(period_to_date as timestamp),
            interval 1 month
        )) as date) as month_start_date
    from periods
    where is_by_month
),

windows as (
    select
        period_index,
        period_from_date as window_from_date,
        period_to_date as window_to_date
    from periods
    where not is_by_month
    union all
    select
        period_index,
        greatest(month_start_date, period_from_date) as window_from_date,
        least(last_day(month_start_date), period_to_date) as window_to_date
    from months
),

-- Every condition below compares a day with a window's from, to or to + 1: days between two
-- consecutive such cut days are alike, so the daily rows are first merged per cut (day_classes maps
-- each day to the last cut on or before it), which keeps the window join small.
cuts as (
    select distinct unnest([window_from_date, window_to_date, window_to_date + 1]) as cut_date
    from windows
),

-- The first month read day by day: the earliest period's, or the last month with balances.
start as (
    select least(
        cast(date_trunc('month', (select min(cut_date) from cuts)) as date),
        (select max(month_start_date) from monthly_balances)
    ) as start_date
),

days as (
    select cast(unnest(generate_series(
        cast(start.start_date as timestamp),
        cast((select max(window_to_date) from windows) as timestamp),
        interval 1 day
    )) as date) as day_date
    from start
),

day_classes as (
    select
        days.day_date,
        coalesce(max(cuts.cut_date) over (order by days.day_date), cast('-infinity' as date))
            as class_date
    from days
    left join cuts on cuts.cut_date = days.day_date
),

collapsed as (
    select
        d.pair_key,
        day_classes.class_date as day_date,
        sum(d.n_received) as n_received,
        sum(d.n_received_online) as n_received_online,
        sum(d.n_received_channel_known) as n_received_channel_known,
        sum(d.n_received_full_offered) as n_received_full_offered,
        sum(d.n_received_full_channel_known) as n_received_full_channel_known,
        sum(d.n_received_full_online) as n_received_full_online,
        sum(d.n_withdrawn) as n_withdrawn,
        sum(d.n_resolved) as n_resolved,
        sum(d.n_early) as n_early,
        sum(d.n_on_time) as n_on_time,
        sum(d.n_late) as n_late,
        sum(d.n_rated) as n_rated,
        sum(d.n_satisfied) as n_satisfied,
        sum(d.n_sync_known) as n_sync_known,
        sum(d.n_synced) as n_synced,
        sum(d.n_apology_known) as n_apology_known,
        sum(d.n_apology) as n_apology,
        sum(d.n_payment_known) as n_payment_known,
        sum(d.n_paid_online) as n_paid_online,
        sum(d.n_digitised_known) as n_digitised_known,
        sum(d.n_digitised) as n_digitised,
        sum(d.n_e_result_known) as n_e_result_known,
        sum(d.n_e_result) as n_e_result,
        sum(d.n_due_not_in_time) as n_due_not_in_time
    from daily_counts as d
    join day_classes on day_classes.day_date = d.day_date
    where d.day_date >= (select start_date from start)
    group by d.pair_key, day_classes.class_date
    union all
    -- the days before the start month, as one day before every window
    select
        b.pair_key,
        cast('-infinity' as date) as day_date,
        b.n_open as n_received,
        0 as n_received_online,
        0 as n_received_channel_known,
        0 as n_received_full_offered,
        0 as n_received_full_channel_known,
        0 as n_received_full_online,
        0 as n_withdrawn,
        0 as n_resolved,
        0 as n_early,
        0 as n_on_time,
        b.n_late,
        0 as n_rated,
        0 as n_satisfied,
        0 as n_sync_known,
        0 as n_synced,
        0 as n_apology_known,
        0 as n_apology,
        0 as n_payment_known,
        0 as n_paid_online,
        0 as n_digitised_known,
        0 as n_digitised,
        0 as n_e_result_known,
        0 as n_e_result,
        b.n_due_not_in_time
    from monthly_balances as b
    where b.month_start_date = (select start_date from start)
),

-- Filtered after merging the days: the pairs are few by then.
selected as (
    select collapsed.*
    from collapsed
    join unit_sectors on unit_sectors.pair_key = collapsed.pair_key
    where
        (sector_group_filter is null or unit_sectors.sector_group = sector_group_filter)
        and int_unit_level_matches(unit_sectors.unit_level, unit_level_filter)
        and (unit_id_filter is null or unit_sectors.unit_id = unit_id_filter)
),

counts as (
    select
        w.period_index,
        w.window_from_date,
        w.window_to_date,
        c.pair_key,
        sum(c.n_received) filter (where c.day_date >= w.window_from_date) as n_received,
        sum(c.n_received_online) filter (where c.day_date >= w.window_from_date) as n_received_online,
        sum(c.n_received_channel_known) filter (where c.day_date >= w.window_from_date)
            as n_received_channel_known,
        sum(c.n_received_full_offered) filter (where c.day_date >= w.window_from_date)
            as n_received_full_offered,
        sum(c.n_received_full_channel_known) filter (where c.day_date >= w.window_from_date)
            as n_received_full_channel_known,
        sum(c.n_received_full_online) filter (where c.day_date >= w.window_from_date)
            as n_received_full_online,
        sum(c.n_withdrawn) filter (where c.day_date >= w.window_from_date) as n_withdrawn,
        sum(c.n_received - c.n_withdrawn - c.n_resolved) filter (where c.day_date < w.window_from_date)
            as n_carried_over,
        sum(c.n_resolved) filter (where c.day_date >= w.window_from_date) as n_resolved,
        sum(c.n_early) filter (where c.day_date >= w.window_from_date) as n_early,
        sum(c.n_on_time) filter (where c.day_date >= w.window_from_date) as n_on_time,
        sum(c.n_late) filter (where c.day_date >= w.window_from_date) as n_late,
        sum(c.n_received - c.n_withdrawn - c.n_resolved) as n_pending,
        coalesce(sum(c.n_due_not_in_time) filter (where c.day_date < w.window_to_date), 0)
            - coalesce(sum(c.n_late), 0) as n_pending_overdue,
        sum(c.n_rated) filter (where c.day_date >= w.window_from_date) as n_rated,
        sum(c.n_satisfied) filter (where c.day_date >= w.window_from_date) as n_satisfied,
        sum(c.n_sync_known) filter (where c.day_date >= w.window_from_date) as n_sync_known,
        sum(c.n_synced) filter (where c.day_date >= w.window_from_date) as n_synced,
        sum(c.n_apology_known) filter (where c.day_date >= w.window_from_date) as n_apology_known,
        sum(c.n_apology) filter (where c.day_date >= w.window_from_date) as n_apology,
        sum(c.n_payment_known) filter (where c.day_date >= w.window_from_date) as n_payment_known,
        sum(c.n_paid_online) filter (where c.day_date >= w.window_from_date) as n_paid_online,
        sum(c.n_digitised_known) filter (where c.day_date >= w.window_from_date) as n_digitised_known,
        sum(c.n_digitised) filter (where c.day_date >= w.window_from_date) as n_digitised,
        sum(c.n_e_result_known) filter (where c.day_date >= w.window_from_date) as n_e_result_known,
        sum(c.n_e_result) filter (where c.day_date >= w.window_from_date) as n_e_result
    from windows as w
    left join selected as c on c.day_date <= w.window_to_date
    group by w.period_index, w.window_from_date, w.window_to_date, c.pair_key
)

select
    counts.period_index,
    counts.window_from_date,
    counts.window_to_date,
    unit_sectors.unit_id,
    unit_sectors.unit_name,
    unit_sectors.unit_level,
    unit_sectors.sector_name,
    unit_sectors.sector_group,
    cast(coalesce(counts.n_received, 0) as bigint) as n_received,
    cast(coalesce(counts.n_received_online, 0) as bigint) as n_received_online,
    cast(coalesce(counts.n_received_channel_known, 0) as bigint) as n_received_channel_known,
    cast(coalesce(counts.n_received_full_offered, 0) as bigint) as n_received_full_offered,
    cast(coalesce(counts.n_received_full_channel_known, 0) as bigint) as n_received_full_channel_known,
    cast(coalesce(counts.n_received_full_online, 0) as bigint) as n_received_full_online,
    cast(coalesce(counts.n_withdrawn, 0) as bigint) as n_withdrawn,
    cast(coalesce(counts.n_carried_over, 0) as bigint) as n_carried_over,
    cast(coalesce(counts.n_resolved, 0) as bigint) as n_resolved,
    cast(coalesce(counts.n_early, 0) as bigint) as n_early,
    cast(coalesce(counts.n_on_time, 0) as bigint) as n_on_time,
    cast(coalesce(counts.n_late, 0) as bigint) as n_late,
    cast(coalesce(counts.n_pending, 0) as bigint) as n_pending,
    cast(coalesce(counts.n_pending, 0) - counts.n_pending_overdue as bigint) as n_pending_in_time,
    cast(counts.n_pending_overdue as bigint) as n_pending_overdue,
    cast(coalesce(counts.n_rated, 0) as bigint) as n_rated,
    cast(coalesce(counts.n_satisfied, 0) as bigint) as n_satisfied,
    cast(coalesce(counts.n_sync_known, 0) as bigint) as n_sync_known,
    cast(coalesce(counts.n_synced, 0) as bigint) as n_synced,
    cast(coalesce(counts.n_apology_known, 0) as bigint) as n_apology_known,
    cast(coalesce(counts.n_apology, 0) as bigint) as n_apology,
    cast(coalesce(counts.n_payment_known, 0) as bigint) as n_payment_known,
    cast(coalesce(counts.n_paid_online, 0) as bigint) as n_paid_online,
    cast(coalesce(counts.n_digitised_known, 0) as bigint) as n_digitised_known,
    cast(coalesce(counts.n_digitised, 0) as bigint) as n_digitised,
    cast(coalesce(counts.n_e_result_known, 0) as bigint) as n_e_result_known,
    cast(coalesce(counts.n_e_result, 0) as bigint) as n_e_result
from counts
left join unit_sectors on unit_sectors.pair_key = counts.pair_key
