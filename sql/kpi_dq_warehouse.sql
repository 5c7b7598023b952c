-- One row: what the warehouse holds (files, dossiers, the dates they cover) and whether it is the demo year.
create or replace view kpi_dq_warehouse as
with

log_entries as (
    select * from ingest_log
),

stored_dossiers as (
    select * from dossiers
),

loaded_files as (
    select
        count(*) as n_files,
        coalesce(bool_or(is_demo), false) as is_demo,
        max(as_of_date) as latest_as_of_date
    from log_entries
    where status = 'loaded'
),

dossier_span as (
    select
        count(*) as n_dossiers,
        cast(min(received_at) as date) as first_received_date,
        cast(max(received_at) as date) as last_received_date,
        cast(max(finished_at) as date) as last_finished_date
    from stored_dossiers
)

select
    loaded_files.n_files,
    loaded_files.is_demo,
    loaded_files.latest_as_of_date,
    dossier_span.n_dossiers,
    dossier_span.first_received_date,
    dossier_span.last_received_date,
    dossier_span.last_finished_date
from loaded_files
cross join dossier_span
