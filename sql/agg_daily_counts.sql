-- Daily counts per unit and lĩnh vực of every dossier in the warehouse (int_pair_daily_counts).
-- Rebuilt in full when the warehouse opens; an ingest corrects it with what it changed
-- (pipelines.warehouse.refresh_aggregates).
create or replace table agg_daily_counts as
select *
from int_pair_daily_counts('dossiers')
order by day_date, pair_key
