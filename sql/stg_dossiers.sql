-- One row per dossier with its catalogue attributes. KPIs compare calendar dates, never times. A "not
-- received" version (refused at intake, or not yet accepted) is stored but in no KPI.
-- An unknown lĩnh vực keeps its own name and falls in group 'other'; the export's service level wins
-- over the procedure catalogue's. A catalogue key listed twice counts once, so a dossier is never doubled;
-- a unit listed with several validity periods shows its latest name and level.
-- With the setting withdrawn_counts_as_resolved (catalogues/settings.csv), a withdrawn dossier is read as
-- resolved on time: no due date, finished when it says, else on the day it was received.
-- stg_dossiers_of reads any table shaped like dossiers (named by dossiers_table), so that an ingest can
-- count what it adds and replaces (sql/load/capture_changes.sql); stg_dossiers is the warehouse's.
create or replace macro stg_dossiers_of(dossiers_table) as table
with

settings as (
    select coalesce(
        bool_or(cat_settings.key = 'withdrawn_counts_as_resolved' and lower(cat_settings.value) = 'true'), false
    ) as is_withdrawn_resolved
    from cat_settings
),

dossier_rows as (
    select
        dossiers.* replace (
            dossiers.is_withdrawn and not settings.is_withdrawn_resolved as is_withdrawn,
            case
                when dossiers.is_withdrawn and settings.is_withdrawn_resolved then null
                else dossiers.due_at
            end as due_at,
            case
                when dossiers.is_withdrawn and settings.is_withdrawn_resolved
                    then coalesce(dossiers.finished_at, dossiers.received_at)
                else dossiers.finished_at
            end as finished_at
        )
    from query_table(dossiers_table) as dossiers
    cross join settings
    where dossiers.status_kind is distinct from 'not_received'
),

units as (
    select
        unit_id,
        arg_max(unit_name, coalesce(valid_from, date '0001-01-01')) as unit_name,
        arg_max(unit_level, coalesce(valid_from, date '0001-01-01')) as unit_level
    from cat_units
    group by unit_id
),

sectors as (
    select sector_name, any_value(sector_group) as sector_group
    from cat_sectors
    group by sector_name
),

procedures as (
    select
        procedure_code,
        any_value(procedure_name) as procedure_name,
        any_value(service_level) as service_level
    from cat_procedures
    group by procedure_code
)

select
    d.dossier_code,
    d.procedure_code,
    coalesce(d.procedure_name, p.procedure_name) as procedure_name,
    d.sector_name,
    coalesce(s.sector_group, 'other') as sector_group,
    s.sector_name is not null as is_known_sector,
    d.unit_id,
    u.unit_name,
    u.unit_level,
    d.received_at,
    d.due_at,
    d.finished_at,
    cast(d.received_at as date) as received_date,
    cast(d.due_at as date) as due_date,
    cast(d.finished_at as date) as finished_date,
    d.status_text,
    d.is_withdrawn,
    d.channel,
    coalesce(d.service_level, p.service_level) as service_level,
    d.rating,
    d.is_synced,
    d.has_apology,
    d.has_e_result,
    d.is_digitised,
    d.is_paid_online,
    d.outcome_reported,
    d.status_kind,
    d.is_derived_key,
    d.as_of_date,
    d.ingest_id,
    d.source_row
from dossier_rows as d
left join units as u on u.unit_id = d.unit_id
left join sectors as s on s.sector_name = d.sector_name
left join procedures as p on p.procedure_code = d.procedure_code
;

create or replace view stg_dossiers as
select * from stg_dossiers_of('dossiers')
