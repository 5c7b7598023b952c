-- The national index's indicators for the calendar period [from_date, to_date] (whole months), of the whole city or of one unit
-- (unit_id_filter, NULL = the city): each with its rate, status, points and maximum, and the scope's total
-- over the computable indicators, its score on 100 and band (agg_unit_scores_766), in display order.
create or replace macro kpi_766_indicators(from_date, to_date, unit_id_filter) as table
with

scores as (
    select * from agg_unit_scores_766('total', [from_date], [to_date], null, unit_id_filter)
)

select * exclude (period_index, key, unit_id, unit_name, unit_level)
from scores
order by group_order, indicator_order
