-- Lĩnh vực names not in catalogues/sectors.csv: kept under their own name in group 'other' until added.
create or replace view kpi_dq_unknown_sectors as
with

dossiers as (
    select * from stg_dossiers
    where not is_known_sector
)

select
    sector_name,
    count(*) as n_dossiers,
    count(distinct unit_id) as n_units,
    min(received_date) as first_received_date,
    max(received_date) as last_received_date
from dossiers
group by sector_name
order by n_dossiers desc, sector_name
