-- The national index's total for each calendar month of [from_date, to_date] (whole months), of the whole
-- city or of one unit (unit_id_filter, NULL = the city): points over the computable indicators, their
-- maximum, the score on 100 and its band (agg_unit_scores_766). Every month is listed.
create or replace macro kpi_766_trend(from_date, to_date, unit_id_filter) as table
with

scores as (
    select * from agg_unit_scores_766('month', [from_date], [to_date], null, unit_id_filter)
)

select distinct
    key as month,
    window_from_date,
    window_to_date,
    total_points,
    total_max_points,
    score_100,
    band,
    band_label_vi
from scores
order by window_from_date
