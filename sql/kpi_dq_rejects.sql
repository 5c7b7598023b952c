-- Rejected rows with their file, sheet row, reason and original values (personal columns already removed).
create or replace view kpi_dq_rejects as
with

rejected_rows as (
    select * from rejects
)

select
    ingest_id,
    file_name,
    sheet_row,
    reason_code,
    column_name,
    message_vi,
    dossier_code,
    cast(original_values as varchar) as original_values
from rejected_rows
order by ingest_id, sheet_row
