-- The national service index (Quyết định 766/QĐ-TTg) scored for calendar periods: period i is
-- [from_dates[i], to_dates[i]] (period_index), whole calendar months, read from agg_unit_months; one row
-- per key of by_dimension and indicator of def_766_indicators (definitions/index_766.toml, the one place
-- the scoring lives). by_dimension: total (key 'all', always listed), unit (key unit_id, the units with
-- dossiers received in the period or carried over into it), month (key 'YYYY-MM', every month listed).
-- The sector-group filter never applies: the index covers every procedure.
-- Each rate is its def_kpis numerator over its denominator, summed over the scope (as agg_window_kpis).
-- status: computed; column_missing (the scope had dossiers to rate, per the indicator's base counts, yet
-- its rate is empty: no loaded file of the scope has the column, so no points, never a made-up 0);
-- no_dossiers; not_computable (a dossier export cannot support it).
-- points: linear = max_points × rate; step = max_points when rate ≥ threshold (unrounded), else
-- points_below; NULL unless computed and scored. Each row also carries its scope's totals over the
-- computed, scored indicators: total_points of total_max_points, score_100 (that total on 100, rounded to
-- 9 decimals so that float noise never moves it across a band's limit) and its band (def_766_bands).
-- Optional filters (NULL = all): unit_level_filter, unit_id_filter.
create or replace macro agg_unit_scores_766(
    by_dimension, from_dates, to_dates, unit_level_filter, unit_id_filter
) as table
with

periods as (
    select
        generate_subscripts(from_dates, 1) as period_index,
        cast(unnest(from_dates) as date) as period_from_date,
        cast(unnest(to_dates) as date) as period_to_date
),

period_months as (
    select
        period_index,
        period_from_date,
        period_to_date,
        cast(unnest(generate_series(
            cast(period_from_date as timestamp), cast(period_to_date as timestamp), interval 1 month
        )) as date) as month_start_date
    from periods
),

-- The scopes listed whatever the data: the whole period, or each of its months.
fixed_scopes as (
    select period_index, 'all' as key, period_from_date as window_from_date, period_to_date as window_to_date
    from periods
    where by_dimension = 'total'
    union all
    select
        period_index,
        strftime(month_start_date, '%Y-%m') as key,
        month_start_date as window_from_date,
        last_day(month_start_date) as window_to_date
    from period_months
    where by_dimension = 'month'
),

months as (
    select
        pm.period_index,
        case by_dimension
            when 'total' then 'all'
            when 'unit' then m.unit_id
            when 'month' then strftime(m.month_start_date, '%Y-%m')
        end as key,
        case when by_dimension = 'unit' then m.unit_id end as unit_id,
        case when by_dimension = 'unit' then m.unit_name end as unit_name,
        case when by_dimension = 'unit' then m.unit_level end as unit_level,
        case when by_dimension = 'month' then m.month_start_date else pm.period_from_date end as window_from_date,
        case when by_dimension = 'month' then m.month_end_date else pm.period_to_date end as window_to_date,
        m.month_start_date,
        m.month_end_date,
        m.kpi,
        m.n_value
    from period_months as pm
    join agg_unit_months as m on m.month_start_date = pm.month_start_date
    where
        int_unit_level_matches(m.unit_level, unit_level_filter)
        and (unit_id_filter is null or m.unit_id = unit_id_filter)
),

-- Flows add up over the months; a stock is the first month's (carried over) or the last one's (pending).
counts as (
    select
        period_index,
        key,
        window_from_date,
        any_value(unit_id) as unit_id,
        any_value(unit_name) as unit_name,
        any_value(unit_level) as unit_level,
        kpi,
        sum(n_value) filter (
            where case
                when kpi = 'n_carried_over' then month_start_date = window_from_date
                when kpi in ('n_pending', 'n_pending_in_time', 'n_pending_overdue')
                    then month_end_date = window_to_date
                else true
            end
        ) as n_value
    from months
    group by period_index, key, window_from_date, kpi
),

active_units as (
    select period_index, key, window_from_date, any_value(unit_id) as unit_id, any_value(unit_name) as unit_name,
        any_value(unit_level) as unit_level
    from counts
    where by_dimension = 'unit' and kpi in ('n_received', 'n_carried_over')
    group by period_index, key, window_from_date
    having sum(n_value) > 0
),

scopes as (
    select
        period_index, key, null as unit_id, null as unit_name, null as unit_level, window_from_date,
        window_to_date
    from fixed_scopes
    union all
    select u.period_index, u.key, u.unit_id, u.unit_name, u.unit_level, u.window_from_date, p.period_to_date
    from active_units as u
    join periods as p on p.period_index = u.period_index
),

rates as (
    select
        c.period_index,
        c.key,
        c.window_from_date,
        k.kpi as rate_kpi,
        int_rate(
            sum(c.n_value) filter (where list_contains(k.numerator, c.kpi)),
            sum(c.n_value) filter (where list_contains(k.denominator, c.kpi))
        ) as rate_value
    from counts as c
    join def_kpis as k on k.kind = 'rate' and list_contains(k.numerator || k.denominator, c.kpi)
    group by c.period_index, c.key, c.window_from_date, k.kpi
),

bases as (
    select c.period_index, c.key, c.window_from_date, i.indicator, sum(c.n_value) as n_base
    from counts as c
    join def_766_indicators as i on list_contains(i.base_counts, c.kpi)
    group by c.period_index, c.key, c.window_from_date, i.indicator
),

rated as (
    select
        s.*,
        i.indicator,
        i.display_order as indicator_order,
        i.group_key,
        g.label_vi as group_label_vi,
        g.max_points as group_max_points,
        g.display_order as group_order,
        i.label_vi,
        i.formula,
        i.max_points,
        i.threshold,
        i.points_below,
        i.rate_kpi,
        i.needs_vi,
        r.rate_value,
        cast(coalesce(b.n_base, 0) as bigint) as n_base,
        case
            when i.formula = 'not_computable' then 'not_computable'
            when r.rate_value is not null then 'computed'
            when coalesce(b.n_base, 0) > 0 then 'column_missing'
            else 'no_dossiers'
        end as status
    from scopes as s
    cross join def_766_indicators as i
    join def_766_groups as g on g.group_key = i.group_key
    left join rates as r
        on r.period_index = s.period_index
        and r.key = s.key
        and r.window_from_date = s.window_from_date
        and r.rate_kpi = i.rate_kpi
    left join bases as b
        on b.period_index = s.period_index
        and b.key = s.key
        and b.window_from_date = s.window_from_date
        and b.indicator = i.indicator
),

scored as (
    select
        *,
        case
            when status = 'computed' and formula = 'linear' then max_points * rate_value
            when status = 'computed' and formula = 'step' then
                case when rate_value >= threshold then max_points else points_below end
        end as points
    from rated
),

totals as (
    select
        period_index,
        key,
        window_from_date,
        sum(points) as total_points,
        sum(max_points) filter (where points is not null) as total_max_points,
        round(100 * sum(points) / sum(max_points) filter (where points is not null), 9) as score_100
    from scored
    group by period_index, key, window_from_date
),

banded as (
    select
        t.*,
        b.band,
        b.label_vi as band_label_vi
    from totals as t
    asof left join def_766_bands as b on t.score_100 >= b.min_score
)

select
    s.*,
    t.total_points,
    t.total_max_points,
    t.score_100,
    t.band,
    t.band_label_vi
from scored as s
join banded as t
    on t.period_index = s.period_index
    and t.key = s.key
    and t.window_from_date = s.window_from_date
