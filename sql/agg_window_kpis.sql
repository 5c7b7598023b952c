-- KPI counts and rates for several periods and groupings at once, from agg_window_counts: one row per
-- dimension of by_dimensions, period i of [from_dates[i], to_dates[i]] (period_index) and key:
--   total → 'all'; sector → lĩnh vực name; sector_group → group code; unit → unit name;
--   unit_level → city / ward / commune; sector_group_unit → unit name, one row per group and unit;
--   month → 'YYYY-MM', the calendar months of each period clipped to it; unit_month → unit name, one row
--   per unit and month (window_from_date tells the month). A month dimension comes alone.
-- unit_id, unit_level and sector_group are filled when the key determines them. A key is listed when
-- it has dossiers received in the period or carried over into it ('total' and months always).
-- sort_order numbers the keys of a dimension and period for display (groups, levels, then names).
-- The one place rates are computed; the kpi_ macros read it so that a page query is planned once.
create or replace macro agg_window_kpis(
    by_dimensions, from_dates, to_dates, sector_group_filter, unit_level_filter, unit_id_filter
) as table
with

counts as (
    select * from agg_window_counts(
        from_dates, to_dates, list_has_any(by_dimensions, ['month', 'unit_month']),
        sector_group_filter, unit_level_filter, unit_id_filter
    )
),

dimensions as (
    select unnest(by_dimensions) as dimension
),

keyed as (
    select
        dimensions.dimension,
        counts.period_index,
        case dimensions.dimension
            when 'total' then 'all'
            when 'sector' then counts.sector_name
            when 'sector_group' then counts.sector_group
            when 'unit' then counts.unit_name
            when 'unit_month' then counts.unit_name
            when 'sector_group_unit' then counts.unit_name
            when 'sector_unit' then counts.unit_name
            when 'unit_level' then counts.unit_level
            when 'month' then strftime(counts.window_from_date, '%Y-%m')
        end as key,
        case
            when dimensions.dimension in ('unit', 'unit_month', 'sector_group_unit', 'sector_unit')
                then counts.unit_id
        end as unit_id,
        case
            when dimensions.dimension in ('unit', 'unit_month', 'sector_group_unit', 'sector_unit', 'unit_level')
                then counts.unit_level
        end as unit_level,
        case
            when dimensions.dimension in ('sector', 'sector_group', 'sector_group_unit', 'sector_unit')
                then counts.sector_group
        end as sector_group,
        case when dimensions.dimension in ('sector', 'sector_unit') then counts.sector_name end as sector_name,
        counts.* exclude (period_index, unit_id, unit_name, unit_level, sector_name, sector_group)
    from counts
    cross join dimensions
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
        cast(sum(n_received) as bigint) as n_received,
        cast(sum(n_received_online) as bigint) as n_received_online,
        cast(sum(n_received_channel_known) as bigint) as n_received_channel_known,
        cast(sum(n_received_full_offered) as bigint) as n_received_full_offered,
        cast(sum(n_received_full_channel_known) as bigint) as n_received_full_channel_known,
        cast(sum(n_received_full_online) as bigint) as n_received_full_online,
        cast(sum(n_withdrawn) as bigint) as n_withdrawn,
        cast(sum(n_carried_over) as bigint) as n_carried_over,
        cast(sum(n_resolved) as bigint) as n_resolved,
        cast(sum(n_early) as bigint) as n_early,
        cast(sum(n_on_time) as bigint) as n_on_time,
        cast(sum(n_late) as bigint) as n_late,
        cast(sum(n_pending) as bigint) as n_pending,
        cast(sum(n_pending_in_time) as bigint) as n_pending_in_time,
        cast(sum(n_pending_overdue) as bigint) as n_pending_overdue,
        cast(sum(n_rated) as bigint) as n_rated,
        cast(sum(n_satisfied) as bigint) as n_satisfied,
        cast(sum(n_sync_known) as bigint) as n_sync_known,
        cast(sum(n_synced) as bigint) as n_synced,
        cast(sum(n_apology_known) as bigint) as n_apology_known,
        cast(sum(n_apology) as bigint) as n_apology
    from keyed
    where key is not null
    group by
        dimension, period_index, key, unit_id, unit_level, sector_group, sector_name, window_from_date,
        window_to_date
)

select
    *,
    row_number() over (
        partition by dimension, period_index
        order by
            coalesce(list_position(['land', 'construction', 'investment', 'other'], sector_group), 99),
            coalesce(list_position(['city', 'ward', 'commune'], unit_level), 99),
            sector_name collate vi,
            key collate vi,
            window_from_date
    ) as sort_order,
    int_rate(n_early + n_on_time, n_resolved) as on_time_rate,
    int_rate(n_early, n_resolved) as early_rate,
    int_rate(n_received_online, n_received_channel_known) as online_rate,
    int_rate(n_received_full_online, n_received_full_channel_known) as online_full_rate,
    int_rate(n_satisfied, n_rated) as satisfaction_rate,
    int_rate(n_synced, n_sync_known) as synced_rate,
    int_rate(n_apology, n_apology_known) as apology_rate,
    int_rate(n_early + n_on_time + n_pending_in_time, n_resolved + n_pending) as progress_rate_766
from summed
where dimension in ('total', 'month') or n_received + n_carried_over > 0
