-- Biểu số 06/VPCP/KSTT (Thông tư 01/2020/TT-VPCP) for [from_date, to_date]: a block of lĩnh vực rows
-- for city-level units ('city') and one for wards and communes ('ward_commune'), each with its
-- subtotal row, then the total row. Columns, numbered as on the form:
--   (3) n_received_total = (4) n_received_online + (5) n_received_offline + (6) n_carried_over
--   (7) n_resolved = (8) n_early + (9) n_on_time + (10) n_late
--   (11) n_pending = (12) n_pending_in_time + (13) n_pending_overdue
--   and (3) = (7) + (11) + n_withdrawn.
-- (5) "Trực tiếp và dịch vụ bưu chính" is every new dossier not received online (unknown channel
-- included). A lĩnh vực is listed when it has dossiers received or carried over.
-- Optional filter (NULL = all units): unit_id_filter, for a unit's own sheet.
create or replace macro rpt_bieu_06(from_date, to_date, unit_id_filter) as table
with

counts as (
    select * from agg_window_counts([from_date], [to_date], false, null, null, unit_id_filter)
),

sector_rows as (
    select
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
    from counts
    where unit_id is not null
    group by all
    having sum(n_received) + sum(n_carried_over) > 0
),

block_rows as (
    select
        'block' as row_kind,
        block_code,
        sum(columns(* exclude (row_kind, block_code, sector_name)))
    from sector_rows
    group by block_code
),

total_row as (
    select
        'total' as row_kind,
        coalesce(sum(columns(* exclude (row_kind, block_code, sector_name))), 0)
    from sector_rows
),

report_rows as (
    select * from sector_rows
    union all by name
    select * from block_rows
    union all by name
    select * from total_row
)

select
    row_kind,
    block_code,
    case
        when row_kind = 'sector' then row_number() over (
            partition by row_kind, block_code order by sector_name collate vi
        )
    end as sector_number,
    sector_name,
    cast(n_carried_over + n_received as bigint) as n_received_total,
    cast(n_received_online as bigint) as n_received_online,
    cast(n_received - n_received_online as bigint) as n_received_offline,
    cast(n_carried_over as bigint) as n_carried_over,
    cast(n_resolved as bigint) as n_resolved,
    cast(n_early as bigint) as n_early,
    cast(n_on_time as bigint) as n_on_time,
    cast(n_late as bigint) as n_late,
    cast(n_pending as bigint) as n_pending,
    cast(n_pending_in_time as bigint) as n_pending_in_time,
    cast(n_pending_overdue as bigint) as n_pending_overdue,
    cast(n_withdrawn as bigint) as n_withdrawn
from report_rows
order by
    row_kind = 'total',
    list_position(['city', 'ward_commune'], block_code),
    row_kind = 'sector',
    sector_number
