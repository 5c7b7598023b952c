-- For each field an export may have a column for, how many of the loaded files had one: a rate whose
-- column no file had is not computable, and the page says which column is missing.
create or replace view kpi_dq_field_coverage as
with

loaded_files as (
    select ingest_id, mapped_fields from ingest_log
    where status = 'loaded'
),

fields as (
    select unnest(mapped_fields) as field_name, ingest_id from loaded_files
)

select
    field_name,
    count(distinct ingest_id) as n_files,
    (select count(*) from loaded_files) as n_loaded_files
from fields
group by field_name
order by field_name
