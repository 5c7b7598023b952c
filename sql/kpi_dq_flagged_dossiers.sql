-- Dossiers kept and counted but worth a look (flag codes and labels: definitions/ingest_reasons.csv):
--   result_before_receipt_time    finished the day it was received, at an earlier clock time (on-the-spot
--                                 dossiers entered after their result);
--   finished_status_without_date  a status saying it is finished, without a finish date (counted as open);
--   derived_key                   from a file without a code column (key from unit, dates and procedure);
--   undetermined_sector           no lĩnh vực column and none found in the catalogue, a title or section row;
--   due_far_after_received        a due date more than a year after receipt (almost always a typo).
create or replace view kpi_dq_flagged_dossiers as
with

dossiers as (
    select * from stg_dossiers
),

flags as (
    select dossier_code, 'result_before_receipt_time' as flag_code
    from dossiers
    where finished_date = received_date and finished_at < received_at
    union all
    select dossier_code, 'finished_status_without_date'
    from dossiers
    where status_kind = 'finished' and finished_at is null
    union all
    select dossier_code, 'derived_key'
    from dossiers
    where is_derived_key
    union all
    select dossier_code, 'undetermined_sector'
    from dossiers
    where sector_name = 'Chưa xác định'
    union all
    select dossier_code, 'due_far_after_received'
    from dossiers
    where due_at > received_at + interval 1 year
)

select
    flags.flag_code,
    dossiers.dossier_code,
    dossiers.unit_id,
    dossiers.unit_name,
    dossiers.sector_name,
    dossiers.procedure_name,
    dossiers.received_at,
    dossiers.due_at,
    dossiers.finished_at,
    dossiers.status_text,
    dossiers.ingest_id
from flags
inner join dossiers on dossiers.dossier_code = flags.dossier_code
order by flags.flag_code, dossiers.received_at, dossiers.dossier_code
