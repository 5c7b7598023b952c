-- How many dossiers carry each data-quality flag (kpi_dq_flagged_dossiers), over the whole warehouse.
create or replace view kpi_dq_flags_summary as
with

flagged as (
    select * from kpi_dq_flagged_dossiers
)

select
    flag_code,
    count(*) as n_dossiers,
    count(distinct ingest_id) as n_files
from flagged
group by flag_code
order by n_dossiers desc, flag_code
