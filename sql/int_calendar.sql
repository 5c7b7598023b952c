-- Every day of the years the days-off table covers, with Vietnamese working days (Monday to Friday,
-- not a holiday or extra day off). n_working_days_to_date counts working days up to and including
-- the day, so the working days in (a, b] are the difference of two lookups.
create or replace view int_calendar as
with

days_off as (
    select day as day_date from cat_days_off
),

bounds as (
    select
        cast(date_trunc('year', min(day_date)) as date) as first_date,
        cast(date_trunc('year', max(day_date)) + interval 1 year as date) as after_last_date
    from days_off
),

days as (
    select cast(unnest(generate_series(first_date, after_last_date - 1, interval 1 day)) as date) as day_date
    from bounds
),

flagged as (
    select
        days.day_date,
        isodow(days.day_date) <= 5 and days_off.day_date is null as is_working_day
    from days
    left join days_off on days_off.day_date = days.day_date
)

select
    day_date,
    is_working_day,
    count(*) filter (where is_working_day) over (order by day_date) as n_working_days_to_date
from flagged
