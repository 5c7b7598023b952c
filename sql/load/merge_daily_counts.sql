-- agg_daily_counts corrected by one ingest instead of recounted from every dossier: plus the daily counts
-- of the dossiers it added, minus those of the versions it replaced (capture_changes.sql). Counts add up,
-- so this equals a full rebuild (tests/pipelines/test_incremental_aggregates.py); a day left with nothing
-- received, resolved or falling due is dropped, as a full rebuild would not list it. A pair's names and
-- levels follow from its key, so grouping by them too changes nothing.
create or replace table agg_daily_counts as
with

changes as (
    select * from agg_daily_counts
    union all
    select * from int_pair_daily_counts('ingest_added_dossiers')
    union all
    select
        pair_key, unit_id, unit_name, unit_level, sector_name, sector_group, day_date,
        -columns('^n_')
    from int_pair_daily_counts('ingest_replaced_dossiers')
),

summed as (
    select
        pair_key, unit_id, unit_name, unit_level, sector_name, sector_group, day_date,
        cast(sum(columns('^n_')) as integer)
    from changes
    group by all
)

select *
from summed
where n_received > 0 or n_resolved > 0 or n_due_not_in_time > 0
order by day_date, pair_key
