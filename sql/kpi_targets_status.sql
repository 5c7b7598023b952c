-- Each target of cat_targets for the year of the period (the year to_date falls in) against the KPI:
-- status met / not_met / no_data (undefined rate), gap_pp = (value − target) in percentage points.
-- Without a sector-group filter, a target for a group is measured on that group and a target for
-- 'all' on everything. With sector_group_filter, each KPI is held to that group's own target when it
-- has one, else to the general one, and measured on the filtered dossiers.
-- n_denominator is the sum of the rate's denominator counts (def_kpis). Rows in the KPIs' display order
-- (def_kpis), then 'all' before the sector groups (def_codes order).
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

rates as (
    select population_group, kpi, value_rate
    from populations
    unpivot include nulls (value_rate for kpi in (columns('_rate($|_)')))
),

counts as (
    select population_group, count_kpi, n
    from populations
    unpivot (n for count_kpi in (columns('^n_')))
),

-- each rate with the sum of its denominator's counts (def_kpis)
measured as (
    select
        rates.population_group,
        rates.kpi,
        any_value(rates.value_rate) as value_rate,
        cast(sum(counts.n) as bigint) as n_denominator
    from rates
    join def_kpis on def_kpis.kpi = rates.kpi
    join counts
        on counts.population_group = rates.population_group
        and list_contains(def_kpis.denominator, counts.count_kpi)
    group by rates.population_group, rates.kpi
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
    c.year,
    c.kpi,
    c.sector_group,
    c.target_sector_group,
    c.comparison,
    c.target_value,
    c.value_rate,
    coalesce(c.n_denominator, 0) as n_denominator,
    case when c.value_rate is null then 'no_data' when c.is_met then 'met' else 'not_met' end as status,
    c.gap_pp,
    c.note
from compared as c
left join def_kpis as k on k.kpi = c.kpi
left join def_codes as g on g.column_name = 'sector_group' and g.code = c.sector_group
order by k.display_order nulls last, c.sector_group <> 'all', g.display_order nulls last, c.kpi
