-- KPI counts and rates for the period [from_date, to_date], one row per key of by_dimension (a dimension
-- of def_dimensions, definitions/dimensions.toml: see agg_window_kpis), in display order. Optional filters (NULL = all): sector_group_filter, unit_level_filter, unit_id_filter.
create or replace macro kpi_by_dimension(
    by_dimension, from_date, to_date, sector_group_filter, unit_level_filter, unit_id_filter
) as table
with

kpis as (
    select * from agg_window_kpis(
        [by_dimension], [from_date], [to_date], sector_group_filter, unit_level_filter, unit_id_filter
    )
)

select * exclude (dimension, period_index)
from kpis
order by sort_order
