-- Biểu số 06/VPCP/KSTT (Thông tư 01/2020/TT-VPCP) for [from_date, to_date]: a block of lĩnh vực rows
-- for city-level units ('city') and one for wards and communes ('ward_commune'), each with its
-- subtotal row, then the total row. Columns, numbered as on the form:
--   (3) n_received_total = (4) n_received_online + (5) n_received_offline + (6) n_carried_over
--   (7) n_resolved = (8) n_early + (9) n_on_time + (10) n_late
--   (11) n_pending = (12) n_pending_in_time + (13) n_pending_overdue
--   and (3) = (7) + (11) + n_withdrawn.
-- (5) "Trực tiếp và dịch vụ bưu chính" is every new dossier not received online (unknown channel
-- included). A lĩnh vực is listed when it has dossiers received or carried over.
-- rpt_bieu_06_sheets gives, from one aggregate query, the table for all units (sheet_unit_id NULL) and,
-- when is_per_unit, each unit's own table (sheet_unit_id, with its unit name, level and sort order) for
-- the units with dossiers received or carried over. rpt_bieu_06 is the one table for all units, or for
-- unit_id_filter (NULL = all).
create or replace macro rpt_bieu_06_sheets(from_date, to_date, unit_id_filter, is_per_unit) as table
with

counts as (
    select * from agg_window_counts([from_date], [to_date], false, null, null, unit_id_filter)
    where unit_id is not null
),

sheet_counts as (
    select null as sheet_unit_id, * from counts
    union all
    select unit_id as sheet_unit_id, * from counts where is_per_unit
),

sector_rows as (
    select
        sheet_unit_id,
        'sector' as row_kind,
        case when unit_level = 'city' then 'city' else 'ward_commune' end as block_code,
        sector_name,
        sum(n_received) as n_received,
        sum(n_received_online) as n_received_online,
        sum(n_carried_over) as n_carried_over,
        sum(n_resolved) as n_resolved,
        sum(n_early) as n_early,
        sum(n_on_time) as n_on_time,
        sum(n_late) as n_late,
        sum(n_pending) as n_pending,
        sum(n_pending_in_time) as n_pending_in_time,
        sum(n_pending_overdue) as n_pending_overdue,
        sum(n_withdrawn) as n_withdrawn
    from sheet_counts
    group by all
    having sum(n_received) + sum(n_carried_over) > 0
),

-- The all-units sheet always, even for a period without dossiers; a unit's only when it has rows.
sheets as (
    select null as sheet_unit_id
    union all
    select distinct sheet_unit_id from sector_rows where sheet_unit_id is not null
),

block_rows as (
    select
        sheet_unit_id,
        'block' as row_kind,
        block_code,
        sum(columns(* exclude (sheet_unit_id, row_kind, block_code, sector_name)))
    from sector_rows
    group by sheet_unit_id, block_code
),

total_rows as (
    select
        sheets.sheet_unit_id,
        'total' as row_kind,
        coalesce(sum(columns(sector_rows.* exclude (sheet_unit_id, row_kind, block_code, sector_name))), 0)
    from sheets
    left join sector_rows on sector_rows.sheet_unit_id is not distinct from sheets.sheet_unit_id
    group by sheets.sheet_unit_id
),

report_rows as (
    select * from sector_rows
    union all by name
    select * from block_rows
    union all by name
    select * from total_rows
),

numbered_rows as (
    select
        *,
        case
            when row_kind = 'sector' then row_number() over (
                partition by sheet_unit_id, row_kind, block_code order by sector_name collate vi
            )
        end as sector_number
    from report_rows
),

sheet_units as (
    select distinct
        unit_id as sheet_unit_id,
        unit_name as sheet_unit_name,
        unit_level as sheet_unit_level
    from counts
)

select
    r.sheet_unit_id,
    u.sheet_unit_name,
    dense_rank() over (
        order by
            r.sheet_unit_id is not null,
            list_position(['city', 'ward', 'commune'], u.sheet_unit_level),
            u.sheet_unit_name collate vi,
            r.sheet_unit_id
    ) as sheet_order,
    row_number() over (
        partition by r.sheet_unit_id
        order by
            r.row_kind = 'total',
            list_position(['city', 'ward_commune'], r.block_code),
            r.row_kind = 'sector',
            r.sector_number
    ) as row_order,
    r.row_kind,
    r.block_code,
    r.sector_number,
    r.sector_name,
    cast(r.n_carried_over + r.n_received as bigint) as n_received_total,
    cast(r.n_received_online as bigint) as n_received_online,
    cast(r.n_received - r.n_received_online as bigint) as n_received_offline,
    cast(r.n_carried_over as bigint) as n_carried_over,
    cast(r.n_resolved as bigint) as n_resolved,
    cast(r.n_early as bigint) as n_early,
    cast(r.n_on_time as bigint) as n_on_time,
    cast(r.n_late as bigint) as n_late,
    cast(r.n_pending as bigint) as n_pending,
    cast(r.n_pending_in_time as bigint) as n_pending_in_time,
    cast(r.n_pending_overdue as bigint) as n_pending_overdue,
    cast(r.n_withdrawn as bigint) as n_withdrawn
from numbered_rows as r
left join sheet_units as u on u.sheet_unit_id = r.sheet_unit_id
order by sheet_order, row_order
;

create or replace macro rpt_bieu_06(from_date, to_date, unit_id_filter) as table
select * exclude (sheet_unit_id, sheet_unit_name, sheet_order, row_order)
from rpt_bieu_06_sheets(from_date, to_date, unit_id_filter, false)
order by row_order
