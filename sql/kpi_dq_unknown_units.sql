-- Unit names seen in exports but missing from catalogues/units.csv: add them (or an alias), then rebuild.
-- original_values is keyed by the Vietnamese field labels of pipelines/headers.py ("Đơn vị").
create or replace view kpi_dq_unknown_units as
with

rejected_rows as (
    select * from rejects
    where reason_code = 'unknown_unit'
),

unit_texts as (
    select
        json_extract_string(original_values, '$."Đơn vị"') as unit_text,
        file_name,
        ingest_id
    from rejected_rows
)

select
    unit_text,
    count(*) as n_rows,
    count(distinct ingest_id) as n_files,
    string_agg(distinct file_name, ', ' order by file_name) as file_names
from unit_texts
group by unit_text
order by n_rows desc, unit_text
