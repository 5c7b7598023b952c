-- Each target of cat_targets for the year of the period (the year to_date falls in) against the KPI:
-- status met / not_met / no_data (undefined rate), gap_pp = (value − target) in percentage points.
-- Without a sector-group filter, a target for a group is measured on that group and a target for
-- 'all' on everything. With sector_group_filter, each KPI is held to that group's own target when it
-- has one, else to the general one, and measured on the filtered dossiers.
-- Optional filters (NULL = all): sector_group_filter, unit_level_filter, unit_id_filter.
create or replace macro kpi_targets_status(
    from_date, to_date, sector_group_filter, unit_level_filter, unit_id_filter
) as table
with

targets as (
    select * from cat_targets
    where year = year(cast(to_date as date))
),

-- keys: 'all' for the total, then each sector group's code
populations as (
    select key as population_group, *
    from agg_window_kpis(
        ['total', 'sector_group'], [from_date], [to_date],
        sector_group_filter, unit_level_filter, unit_id_filter
    )
),

measured as (
    select
        populations.population_group,
        m.kpi,
        m.value_rate,
        m.n_denominator
    from populations,
        (values
            ('on_time_rate', populations.on_time_rate, populations.n_resolved),
            ('early_rate', populations.early_rate, populations.n_resolved),
            ('online_rate', populations.online_rate, populations.n_received_channel_known),
            ('online_full_rate', populations.online_full_rate, populations.n_received_full_channel_known),
            ('satisfaction_rate', populations.satisfaction_rate, populations.n_rated),
            ('synced_rate', populations.synced_rate, populations.n_sync_known),
            ('apology_rate', populations.apology_rate, populations.n_apology_known),
            ('progress_rate_766', populations.progress_rate_766,
                populations.n_resolved + populations.n_pending)
        ) as m(kpi, value_rate, n_denominator)
),

applicable as (
    select
        *,
        case when sector_group_filter is null then sector_group else 'all' end as population_group
    from targets
    where sector_group_filter is null or sector_group in ('all', sector_group_filter)
    qualify
        sector_group_filter is null
        or row_number() over (partition by kpi order by sector_group = 'all') = 1
),

compared as (
    select
        t.year,
        t.kpi,
        coalesce(sector_group_filter, t.sector_group) as sector_group,
        t.sector_group as target_sector_group,
        t.comparison,
        t.target_value,
        m.value_rate,
        m.n_denominator,
        case t.comparison
            when '>' then m.value_rate > t.target_value
            when '>=' then m.value_rate >= t.target_value
            when '<' then m.value_rate < t.target_value
            when '<=' then m.value_rate <= t.target_value
            when '=' then m.value_rate = t.target_value
        end as is_met,
        (m.value_rate - t.target_value) * 100 as gap_pp,
        t.note
    from applicable as t
    left join measured as m on m.population_group = t.population_group and m.kpi = t.kpi
)

select
    year,
    kpi,
    sector_group,
    target_sector_group,
    comparison,
    target_value,
    value_rate,
    coalesce(n_denominator, 0) as n_denominator,
    case when value_rate is null then 'no_data' when is_met then 'met' else 'not_met' end as status,
    gap_pp,
    note
from compared
order by
    list_position(
        ['on_time_rate', 'early_rate', 'progress_rate_766', 'satisfaction_rate', 'online_rate',
            'online_full_rate', 'synced_rate', 'apology_rate'],
        kpi
    ) nulls last,
    coalesce(list_position(['all', 'land', 'construction', 'investment', 'other'], sector_group), 99),
    kpi
