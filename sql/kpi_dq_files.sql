-- Every file the warehouse was given, newest first: when, by whom, its counts, or why it failed.
create or replace view kpi_dq_files as
with

log_entries as (
    select * from ingest_log
)

select
    ingest_id,
    file_name,
    status,
    started_at,
    uploaded_by,
    is_demo,
    as_of_date,
    n_read,
    n_new,
    n_updated,
    n_unchanged,
    n_rejected,
    n_skipped,
    error_vi
from log_entries
order by ingest_id desc
