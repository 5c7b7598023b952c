-- The focus sector groups (every group but 'other': land, construction, investment) by unit for the
-- period, with the columns of kpi_by_dimension. Optional filter (NULL = all): unit_level_filter.
create or replace macro kpi_focus_by_unit(from_date, to_date, unit_level_filter) as table
with

by_group_and_unit as (
    select * from agg_window_kpis(
        ['sector_group_unit'], [from_date], [to_date], null, unit_level_filter, null
    )
)

select * exclude (dimension, period_index)
from by_group_and_unit
where sector_group <> 'other'
order by sort_order
