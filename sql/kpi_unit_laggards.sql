-- "Đơn vị chưa đạt chỉ tiêu": the units whose on-time rate in the period does not meet the year's
-- on-time target (the sector group's own target under a sector-group filter, else the city's), worst
-- first (lowest rate, then most resolved late). Units that resolved fewer dossiers than the setting
-- min_resolved_for_ranking (catalogues/settings.csv, default 10) are flagged is_few_dossiers and listed
-- after the others: their rate says little. No target for the year, or nothing resolved: no row.
-- Optional filters (NULL = all): sector_group_filter, unit_level_filter.
create or replace macro kpi_unit_laggards(from_date, to_date, sector_group_filter, unit_level_filter) as table
with

units as (
    select * from agg_window_kpis(['unit'], [from_date], [to_date], sector_group_filter, unit_level_filter, null)
),

on_time_target as (
    select comparison, target_value
    from cat_targets
    where
        year = year(cast(to_date as date))
        and kpi = 'on_time_rate'
        and sector_group in ('all', coalesce(sector_group_filter, 'all'))
    order by sector_group = 'all'
    limit 1
),

minimum as (
    select
        coalesce(max(try_cast(value as integer)) filter (where key = 'min_resolved_for_ranking'), 10)
            as n_min_resolved
    from cat_settings
),

judged as (
    select
        u.*,
        t.comparison,
        t.target_value,
        case t.comparison
            when '>' then u.on_time_rate > t.target_value
            when '>=' then u.on_time_rate >= t.target_value
            when '<' then u.on_time_rate < t.target_value
            when '<=' then u.on_time_rate <= t.target_value
            when '=' then u.on_time_rate = t.target_value
        end as is_met,
        u.n_resolved < m.n_min_resolved as is_few_dossiers,
        m.n_min_resolved
    from units as u
    cross join on_time_target as t
    cross join minimum as m
    where u.n_resolved > 0
)

select
    unit_id,
    key as unit_name,
    unit_level,
    n_resolved,
    n_early,
    n_on_time,
    n_late,
    n_pending_overdue,
    on_time_rate,
    comparison,
    target_value,
    (on_time_rate - target_value) * 100 as gap_pp,
    is_few_dossiers,
    n_min_resolved
from judged
where not is_met
order by is_few_dossiers, on_time_rate, n_late desc, sort_order
