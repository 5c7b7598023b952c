-- The key-sector scorecard of the overview: land, construction and investment (every sector group but
-- 'other', def_codes order), then the whole city ('all'); for each, the rates of def_kpis shown in the
-- scorecard, each beside the same rate over a comparison period (the previous period or the same one a
-- year earlier, chosen by the caller) and the year's target. A group without its own target in
-- cat_targets is held to the city's ('all'). status follows the unrounded value: met / not_met /
-- no_data (undefined rate), NULL without a target. The comparison is NULL when the comparison period has
-- no dossier of that row (none received or carried over): a change against nothing is no change.
-- The sector-group filter never applies (the rows are the groups). Optional filters (NULL = all):
-- unit_level_filter, unit_id_filter.
create or replace macro kpi_scorecard(
    from_date, to_date, compared_from_date, compared_to_date, unit_level_filter, unit_id_filter
) as table
with

kpis as (
    select
        *,
        n_received + n_carried_over > 0 as has_dossiers
    from agg_window_kpis(
        ['total', 'sector_group'], [from_date, compared_from_date], [to_date, compared_to_date],
        null, unit_level_filter, unit_id_filter
    )
),

card_rows as (
    select code as sector_group, display_order as row_order
    from def_codes
    where column_name = 'sector_group' and code <> 'other'
    union all
    select 'all' as sector_group, (select max(display_order) + 1 from def_codes) as row_order
),

card_kpis as (
    select kpi, display_order as kpi_order
    from def_kpis
    where list_contains(shown_in, 'scorecard')
),

rates as (
    select v.period_index, v.key as sector_group, v.has_dossiers, v.kpi, v.value_rate
    from kpis
    unpivot include nulls (value_rate for kpi in (columns('_rate($|_)'))) as v
),

side_by_side as (
    select
        sector_group,
        kpi,
        any_value(value_rate) filter (where period_index = 1) as value_rate,
        any_value(value_rate) filter (where period_index = 2 and has_dossiers) as value_rate_compared
    from rates
    group by sector_group, kpi
),

year_targets as (
    select * from cat_targets
    where year = year(cast(to_date as date))
),

-- a row's own target, else the city's
chosen_targets as (
    select
        r.sector_group,
        t.kpi,
        t.sector_group as target_sector_group,
        t.comparison,
        t.target_value
    from card_rows as r
    join year_targets as t on t.sector_group in (r.sector_group, 'all')
    qualify row_number() over (partition by r.sector_group, t.kpi order by t.sector_group = 'all') = 1
),

compared as (
    select
        r.sector_group,
        r.row_order,
        k.kpi,
        k.kpi_order,
        s.value_rate,
        s.value_rate_compared,
        s.value_rate - s.value_rate_compared as delta_compared,
        t.target_sector_group,
        t.comparison,
        t.target_value,
        case t.comparison
            when '>' then s.value_rate > t.target_value
            when '>=' then s.value_rate >= t.target_value
            when '<' then s.value_rate < t.target_value
            when '<=' then s.value_rate <= t.target_value
            when '=' then s.value_rate = t.target_value
        end as is_met
    from card_rows as r
    cross join card_kpis as k
    left join side_by_side as s on s.sector_group = r.sector_group and s.kpi = k.kpi
    left join chosen_targets as t on t.sector_group = r.sector_group and t.kpi = k.kpi
)

select
    sector_group,
    kpi,
    value_rate,
    value_rate_compared,
    delta_compared,
    target_sector_group,
    comparison,
    target_value,
    case
        when target_value is null then null
        when value_rate is null then 'no_data'
        when is_met then 'met'
        else 'not_met'
    end as status
from compared
order by row_order, kpi_order
