-- Rejected rows per reason, over every file still in the warehouse.
create or replace view kpi_dq_rejects_by_reason as
with

rejected_rows as (
    select * from rejects
)

select
    reason_code,
    count(*) as n_rows,
    count(distinct ingest_id) as n_files
from rejected_rows
group by reason_code
order by n_rows desc, reason_code
