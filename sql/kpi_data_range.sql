-- The days the warehouse has dossiers for: first day one was received, last day one was received or
-- resolved (NULL when empty). For the period selector (pipelines.periods.available_periods).
create or replace view kpi_data_range as
with

daily_counts as (
    select * from agg_daily_counts
)

select
    min(day_date) filter (where n_received > 0) as first_date,
    max(day_date) filter (where n_received > 0 or n_resolved > 0) as last_date
from daily_counts
