-- Dossiers whose export says one outcome (Kết quả xử lý) while the dates give another: either the
-- export's column or its dates are wrong. An open or withdrawn dossier reported with an outcome counts too.
create or replace view kpi_dq_outcome_mismatches as
with

flags as (
    select * from int_dossier_flags
    where outcome_reported is not null
)

select
    dossier_code,
    unit_id,
    unit_name,
    sector_name,
    received_date,
    due_date,
    finished_date,
    outcome_reported,
    resolved_outcome
from flags
where outcome_reported is distinct from resolved_outcome
order by received_date, dossier_code
