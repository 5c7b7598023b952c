-- The days the warehouse has dossiers for: the first and the last day one was received (NULL when
-- empty). For the period selector (pipelines.periods.available_periods): a year that only holds the
-- results of last year's dossiers is not offered, nor chosen by default.
create or replace view kpi_data_range as
with

daily_counts as (
    select * from agg_daily_counts
)

select
    min(day_date) filter (where n_received > 0) as first_date,
    max(day_date) filter (where n_received > 0) as last_date
from daily_counts
