-- KPI counts and rates for several periods and groupings at once, from agg_window_counts: one row per
-- dimension of by_dimensions, period i of [from_dates[i], to_dates[i]] (period_index) and key. The
-- dimensions are the rows of def_dimensions (definitions/dimensions.toml): what the key is, which of
-- unit_id, unit_level, sector_group and sector_name a row carries (NULL otherwise), whether rows are per
-- calendar month of the period (clipped to it; window_from_date tells the month: a month dimension comes
-- alone) and whether every key is listed, else only those with dossiers received in the period or
-- carried over into it.
-- sort_order numbers the keys of a dimension and period for display (sector groups and unit levels in
-- def_codes order, then names). The counts and rates are the rows of def_kpis (definitions/kpis.toml).
-- The one place rates are computed; the kpi_ macros read it so that a page query is planned once.
create or replace macro agg_window_kpis(
    by_dimensions, from_dates, to_dates, sector_group_filter, unit_level_filter, unit_id_filter
) as table
with

dimensions as (
    select dimension, key_column, kept_columns, is_by_month, is_always_listed
    from def_dimensions
    where list_contains(by_dimensions, dimension)
),

counts as (
    select * from agg_window_counts(
        from_dates, to_dates,
        (select coalesce(bool_or(is_by_month), false) from dimensions),
        sector_group_filter, unit_level_filter, unit_id_filter
    )
),

keyed as (
    select
        d.dimension,
        d.is_always_listed,
        counts.period_index,
        case d.key_column
            when 'all' then 'all'
            when 'sector_name' then counts.sector_name
            when 'sector_group' then counts.sector_group
            when 'unit_name' then counts.unit_name
            when 'unit_level' then counts.unit_level
            when 'month' then strftime(counts.window_from_date, '%Y-%m')
        end as key,
        case when list_contains(d.kept_columns, 'unit_id') then counts.unit_id end as unit_id,
        case when list_contains(d.kept_columns, 'unit_level') then counts.unit_level end as unit_level,
        case when list_contains(d.kept_columns, 'sector_group') then counts.sector_group end as sector_group,
        case when list_contains(d.kept_columns, 'sector_name') then counts.sector_name end as sector_name,
        counts.* exclude (period_index, unit_id, unit_name, unit_level, sector_name, sector_group)
    from counts
    cross join dimensions as d
),

summed as (
    select
        dimension,
        period_index,
        key,
        unit_id,
        unit_level,
        sector_group,
        sector_name,
        window_from_date,
        window_to_date,
        cast(sum(columns('^n_')) as bigint)
    from keyed
    where key is not null
    group by
        dimension, period_index, key, unit_id, unit_level, sector_group, sector_name, window_from_date,
        window_to_date
    having bool_or(is_always_listed) or sum(n_received) + sum(n_carried_over) > 0
),

group_orders as (
    select code as sector_group, display_order as group_order from def_codes where column_name = 'sector_group'
),

level_orders as (
    select code as unit_level, display_order as level_order from def_codes where column_name = 'unit_level'
)

select
    summed.*,
    row_number() over (
        partition by summed.dimension, summed.period_index
        order by
            group_orders.group_order nulls last,
            level_orders.level_order nulls last,
            summed.sector_name collate vi,
            summed.key collate vi,
            summed.window_from_date
    ) as sort_order,
    -- each rate's numerator and denominator as def_kpis declares them (tests/sql/test_definitions.py)
    int_rate(n_early + n_on_time, n_resolved) as on_time_rate,
    int_rate(n_early, n_resolved) as early_rate,
    int_rate(n_late, n_resolved) as late_rate,
    int_rate(n_received_online, n_received_channel_known) as online_rate,
    int_rate(n_received_full_online, n_received_full_channel_known) as online_full_rate,
    int_rate(n_satisfied, n_rated) as satisfaction_rate,
    int_rate(n_synced, n_sync_known) as synced_rate,
    int_rate(n_apology, n_apology_known) as apology_rate,
    int_rate(n_paid_online, n_payment_known) as paid_online_rate,
    int_rate(n_digitised, n_digitised_known) as digitised_rate,
    int_rate(n_e_result, n_e_result_known) as e_result_rate,
    int_rate(n_early + n_on_time + n_pending_in_time, n_resolved + n_pending) as progress_rate_766
from summed
left join group_orders on group_orders.sector_group = summed.sector_group
left join level_orders on level_orders.unit_level = summed.unit_level
