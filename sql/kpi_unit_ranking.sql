-- Units ranked by on-time rate, ties broken by early rate, then by the number resolved (equal on all
-- three: same rank). Units with nothing resolved in the period are listed unranked (NULL).
-- rank_change = previous rank − rank: positive when the unit moved up; NULL when unranked in either.
-- Optional filters (NULL = all): sector_group_filter, unit_level_filter.
create or replace macro kpi_unit_ranking(
    from_date, to_date, previous_from_date, previous_to_date, sector_group_filter, unit_level_filter
) as table
with

kpis as (
    select * from agg_window_kpis(
        ['unit'], [from_date, previous_from_date], [to_date, previous_to_date],
        sector_group_filter, unit_level_filter, null
    )
),

ranked as (
    select
        *,
        case
            when n_resolved > 0 then rank() over (
                partition by period_index, n_resolved > 0
                order by on_time_rate desc, early_rate desc, n_resolved desc
            )
        end as unit_rank
    from kpis
),

current_units as (
    select * from ranked where period_index = 1
),

previous_units as (
    select unit_id, unit_rank from ranked where period_index = 2
)

select
    c.unit_id,
    c.key as unit_name,
    c.unit_level,
    c.n_received,
    c.n_resolved,
    c.n_early,
    c.n_on_time,
    c.n_late,
    c.n_pending,
    c.n_pending_overdue,
    c.on_time_rate,
    c.early_rate,
    c.unit_rank,
    p.unit_rank as unit_rank_previous,
    p.unit_rank - c.unit_rank as rank_change
from current_units as c
left join previous_units as p on p.unit_id = c.unit_id
order by c.unit_rank nulls last, c.sort_order
