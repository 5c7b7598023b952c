-- Units ranked by their national-index score on 100 for the calendar period (whole months), ties broken by total points (equal on
-- both: same rank), the city departments apart from the wards and communes; a unit without a score
-- (nothing computable) is listed unranked (NULL). rank_change = previous rank − rank, against the
-- previous period of the same kind: positive when the unit moved up; NULL when unranked in either.
-- Optional filter (NULL = all): unit_level_filter.
create or replace macro kpi_766_ranking(
    from_date, to_date, previous_from_date, previous_to_date, unit_level_filter
) as table
with

scores as (
    select * from agg_unit_scores_766(
        'unit', [from_date, previous_from_date], [to_date, previous_to_date], unit_level_filter, null
    )
),

units as (
    select distinct
        period_index,
        unit_id,
        unit_name,
        unit_level,
        total_points,
        total_max_points,
        score_100,
        band,
        band_label_vi
    from scores
),

ranked as (
    select
        *,
        case
            when score_100 is not null then rank() over (
                partition by period_index, unit_level = 'city', score_100 is not null
                order by score_100 desc, total_points desc
            )
        end as unit_rank
    from units
),

current_units as (
    select * from ranked where period_index = 1
),

previous_units as (
    select unit_id, unit_rank from ranked where period_index = 2
)

select
    c.unit_id,
    c.unit_name,
    c.unit_level,
    c.total_points,
    c.total_max_points,
    c.score_100,
    c.band,
    c.band_label_vi,
    c.unit_rank,
    p.unit_rank as unit_rank_previous,
    p.unit_rank - c.unit_rank as rank_change
from current_units as c
left join previous_units as p on p.unit_id = c.unit_id
order by c.unit_level = 'city', c.unit_rank nulls last, c.unit_name collate vi
