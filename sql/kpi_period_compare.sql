-- The KPIs of kpi_by_dimension shown in comparisons (def_kpis) for a period, beside the same KPIs for a
-- previous period and for the same period a year earlier (periods chosen by pipelines.periods), one row
-- per key and KPI (in display order), for Δ.
-- delta_… are differences of values (fractions for rates: × 100 gives percentage points), NULL when
-- either side is undefined. Keys of the current period only; absent from a comparison period, or with no
-- dossier there (none received or carried over: a change against nothing is no change) → NULL.
create or replace macro kpi_period_compare(
    by_dimension, from_date, to_date, previous_from_date, previous_to_date,
    year_ago_from_date, year_ago_to_date, sector_group_filter, unit_level_filter, unit_id_filter
) as table
with

kpis as (
    select
        *,
        n_received + n_carried_over > 0 as has_dossiers
    from agg_window_kpis(
        [by_dimension],
        [from_date, previous_from_date, year_ago_from_date],
        [to_date, previous_to_date, year_ago_to_date],
        sector_group_filter, unit_level_filter, unit_id_filter
    )
),

-- the KPIs of def_kpis shown in comparisons, one row each
kpi_values as (
    select
        v.period_index,
        v.key,
        v.unit_id,
        v.unit_level,
        v.sector_group,
        v.sort_order,
        v.kpi,
        v.kpi_value,
        v.has_dossiers,
        d.display_order as kpi_order,
        d.kind = 'rate' as is_rate
    from kpis
    unpivot include nulls (kpi_value for kpi in (columns('^n_|_rate($|_)'))) as v
    join def_kpis as d on d.kpi = v.kpi
    where list_contains(d.shown_in, 'compare')
),

side_by_side as (
    select
        key,
        sector_group,
        kpi,
        any_value(kpi_order) as kpi_order,
        any_value(is_rate) as is_rate,
        any_value(unit_id) filter (where period_index = 1) as unit_id,
        any_value(unit_level) filter (where period_index = 1) as unit_level,
        any_value(sort_order) filter (where period_index = 1) as sort_order,
        any_value(kpi_value) filter (where period_index = 1) as kpi_value,
        any_value(kpi_value) filter (where period_index = 2 and has_dossiers) as kpi_value_previous,
        any_value(kpi_value) filter (where period_index = 3 and has_dossiers) as kpi_value_year_ago,
        bool_or(period_index = 1) as is_current_key
    from kpi_values
    group by key, sector_group, kpi
)

select
    key,
    unit_id,
    unit_level,
    sector_group,
    kpi,
    is_rate,
    kpi_value as value,
    kpi_value_previous as value_previous,
    kpi_value_year_ago as value_year_ago,
    kpi_value - kpi_value_previous as delta_previous,
    kpi_value - kpi_value_year_ago as delta_year_ago
from side_by_side
where is_current_key
order by sort_order, kpi_order
