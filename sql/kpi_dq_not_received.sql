-- Dossiers whose latest version says they were not received (refused at intake, or submitted online and
-- not yet accepted): stored so that a later version replaces them, in no KPI. Per file and status.
create or replace view kpi_dq_not_received as
with

not_received as (
    select * from dossiers
    where status_kind = 'not_received'
),

log_entries as (
    select * from ingest_log
)

select
    log_entries.file_name,
    log_entries.uploaded_by,
    not_received.status_text,
    count(*) as n_dossiers,
    min(not_received.received_at) as first_received_at,
    max(not_received.received_at) as last_received_at
from not_received
inner join log_entries on log_entries.ingest_id = not_received.ingest_id
group by all
order by n_dossiers desc, log_entries.file_name, not_received.status_text
