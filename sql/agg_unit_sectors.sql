-- The (unit, lĩnh vực) pairs of agg_daily_counts with what the KPI filters and keys need, so that a
-- query reads only integers from the daily table; first_date is the pair's first day there. A pair's names
-- and levels follow from its key.
create or replace table agg_unit_sectors as
with

daily_counts as (
    select * from agg_daily_counts
)

select
    pair_key,
    unit_id,
    unit_name,
    unit_level,
    sector_name,
    sector_group,
    min(day_date) as first_date
from daily_counts
group by all
