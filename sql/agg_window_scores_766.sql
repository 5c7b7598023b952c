-- The national service index (Quyết định 766/QĐ-TTg) scored for several periods and groupings at once: one
-- row per dimension of by_dimensions, period i of [from_dates[i], to_dates[i]] (period_index), key and
-- indicator of def_766_indicators (definitions/index_766.toml, the one place the scoring lives), from the
-- rates of agg_window_kpis. The sector-group filter never applies: the index covers every procedure.
-- status: computed; column_missing (the scope had dossiers to rate, per the indicator's base counts, yet
-- its rate is empty: no loaded file of the scope has the column, so no points, never a made-up 0);
-- no_dossiers; not_computable (a dossier export cannot support it).
-- points: linear = max_points × rate; step = max_points when rate ≥ threshold (unrounded), else
-- points_below; NULL unless computed and scored. Each row also carries its scope's totals over the
-- computed, scored indicators: total_points of total_max_points, score_100 (that total on 100, rounded to
-- 9 decimals so that float noise never moves it across a band's limit) and its band (def_766_bands).
-- Optional filters (NULL = all): unit_level_filter, unit_id_filter.
create or replace macro agg_window_scores_766(
    by_dimensions, from_dates, to_dates, unit_level_filter, unit_id_filter
) as table
with

kpis as (
    select * from agg_window_kpis(by_dimensions, from_dates, to_dates, null, unit_level_filter, unit_id_filter)
),

indicators as (
    select * from def_766_indicators
),

groups as (
    select group_key, label_vi as group_label_vi, max_points as group_max_points, display_order as group_order
    from def_766_groups
),

kpi_values as (
    select dimension, period_index, key, window_from_date, columns('_rate($|_)|^n_')::double
    from kpis
),

kpi_long as (
    unpivot kpi_values on columns('_rate($|_)|^n_') into name kpi value kpi_value
),

bases as (
    select
        v.dimension,
        v.period_index,
        v.key,
        v.window_from_date,
        i.indicator,
        sum(v.kpi_value) as n_base
    from kpi_long as v
    join indicators as i on list_contains(i.base_counts, v.kpi)
    group by all
),

rated as (
    select
        k.dimension,
        k.period_index,
        k.key,
        k.unit_id,
        k.unit_level,
        k.window_from_date,
        k.window_to_date,
        k.sort_order,
        i.indicator,
        i.display_order as indicator_order,
        i.group_key,
        g.group_label_vi,
        g.group_max_points,
        g.group_order,
        i.label_vi,
        i.formula,
        i.max_points,
        i.threshold,
        i.points_below,
        i.rate_kpi,
        i.needs_vi,
        r.kpi_value as rate_value,
        cast(coalesce(b.n_base, 0) as bigint) as n_base,
        case
            when i.formula = 'not_computable' then 'not_computable'
            when r.kpi_value is not null then 'computed'
            when coalesce(b.n_base, 0) > 0 then 'column_missing'
            else 'no_dossiers'
        end as status
    from kpis as k
    cross join indicators as i
    join groups as g on g.group_key = i.group_key
    left join kpi_long as r
        on r.dimension = k.dimension
        and r.period_index = k.period_index
        and r.key = k.key
        and r.window_from_date = k.window_from_date
        and r.kpi = i.rate_kpi
    left join bases as b
        on b.dimension = k.dimension
        and b.period_index = k.period_index
        and b.key = k.key
        and b.window_from_date = k.window_from_date
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
        dimension,
        period_index,
        key,
        window_from_date,
        sum(points) as total_points,
        sum(max_points) filter (where points is not null) as total_max_points,
        round(100 * sum(points) / sum(max_points) filter (where points is not null), 9) as score_100
    from scored
    group by all
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
    on t.dimension = s.dimension
    and t.period_index = s.period_index
    and t.key = s.key
    and t.window_from_date = s.window_from_date
