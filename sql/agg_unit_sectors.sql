-- The (unit, lĩnh vực) pairs of agg_daily_counts with what the KPI filters and keys need, so that a
-- query reads only integers from the daily table; first_date is the pair's first day there.
create or replace table agg_unit_sectors as
with

daily_counts as (
    select * from agg_daily_counts
)

select
    pair_key,
    any_value(unit_id) as unit_id,
    any_value(unit_name) as unit_name,
    any_value(unit_level) as unit_level,
    any_value(sector_name) as sector_name,
    any_value(sector_group) as sector_group,
    min(day_date) as first_date
from daily_counts
group by pair_key
