-- Daily counts per (unit, lĩnh vực) pair of the dossiers of dossiers_table (see stg_dossiers_of), from which
-- any period's KPIs follow exactly (agg_window_counts): what was received on the day, what was resolved on
-- the day, and which non-withdrawn dossiers fell due on the day without being resolved by then (late or
-- open). A row exists when one of these three is not zero. The counts add up: those of two sets of dossiers
-- are the sum of each set's, which lets an ingest correct agg_daily_counts (sql/load/merge_daily_counts.sql).
-- pair_key identifies the (unit, lĩnh vực) pair: grouping 10M dossiers by an integer is several times faster
-- than by two texts.
create or replace macro int_pair_daily_counts(dossiers_table) as table
with

flags as (
    select
        hash(unit_id, sector_name) as pair_key,
        unit_id,
        unit_name,
        unit_level,
        sector_name,
        sector_group,
        received_date,
        finished_date,
        due_date,
        is_withdrawn,
        is_resolved,
        is_early,
        is_on_time,
        is_late,
        is_online,
        is_channel_known,
        is_full_online_offered,
        is_rated,
        is_satisfied,
        is_synced,
        has_apology,
        has_e_result,
        is_digitised,
        is_paid_online
    from int_dossier_flags_of(dossiers_table)
),

by_received_date as (
    select
        pair_key,
        received_date as day_date,
        count(*) as n_received,
        count(*) filter (where is_online) as n_received_online,
        count(*) filter (where is_channel_known) as n_received_channel_known,
        count(*) filter (where is_full_online_offered) as n_received_full_offered,
        count(*) filter (where is_full_online_offered and is_channel_known) as n_received_full_channel_known,
        count(*) filter (where is_full_online_offered and is_online) as n_received_full_online,
        count(*) filter (where is_withdrawn) as n_withdrawn,
        count(is_paid_online) as n_payment_known,
        count(*) filter (where is_paid_online) as n_paid_online,
        count(is_digitised) as n_digitised_known,
        count(*) filter (where is_digitised) as n_digitised
    from flags
    group by pair_key, received_date
),

by_finished_date as (
    select
        pair_key,
        finished_date as day_date,
        count(*) as n_resolved,
        count(*) filter (where is_early) as n_early,
        count(*) filter (where is_on_time) as n_on_time,
        count(*) filter (where is_late) as n_late,
        count(*) filter (where is_rated) as n_rated,
        count(*) filter (where is_satisfied) as n_satisfied,
        count(is_synced) as n_sync_known,
        count(*) filter (where is_synced) as n_synced,
        count(has_apology) filter (where is_late) as n_apology_known,
        count(*) filter (where is_late and has_apology) as n_apology,
        count(has_e_result) as n_e_result_known,
        count(*) filter (where has_e_result) as n_e_result
    from flags
    where is_resolved
    group by pair_key, finished_date
),

by_due_date as (
    select
        pair_key,
        due_date as day_date,
        count(*) as n_due_not_in_time
    from flags
    where not is_withdrawn and due_date is not null and not is_early and not is_on_time
    group by pair_key, due_date
),

pairs as (
    select
        pair_key,
        any_value(unit_id) as unit_id,
        any_value(unit_name) as unit_name,
        any_value(unit_level) as unit_level,
        any_value(sector_name) as sector_name,
        any_value(sector_group) as sector_group
    from flags
    group by pair_key
),

days as (
    select *
    from by_received_date
    full join by_finished_date using (pair_key, day_date)
    full join by_due_date using (pair_key, day_date)
)

select
    days.pair_key,
    pairs.unit_id,
    pairs.unit_name,
    pairs.unit_level,
    pairs.sector_name,
    pairs.sector_group,
    days.day_date,
    cast(coalesce(days.n_received, 0) as integer) as n_received,
    cast(coalesce(days.n_received_online, 0) as integer) as n_received_online,
    cast(coalesce(days.n_received_channel_known, 0) as integer) as n_received_channel_known,
    cast(coalesce(days.n_received_full_offered, 0) as integer) as n_received_full_offered,
    cast(coalesce(days.n_received_full_channel_known, 0) as integer) as n_received_full_channel_known,
    cast(coalesce(days.n_received_full_online, 0) as integer) as n_received_full_online,
    cast(coalesce(days.n_withdrawn, 0) as integer) as n_withdrawn,
    cast(coalesce(days.n_resolved, 0) as integer) as n_resolved,
    cast(coalesce(days.n_early, 0) as integer) as n_early,
    cast(coalesce(days.n_on_time, 0) as integer) as n_on_time,
    cast(coalesce(days.n_late, 0) as integer) as n_late,
    cast(coalesce(days.n_rated, 0) as integer) as n_rated,
    cast(coalesce(days.n_satisfied, 0) as integer) as n_satisfied,
    cast(coalesce(days.n_sync_known, 0) as integer) as n_sync_known,
    cast(coalesce(days.n_synced, 0) as integer) as n_synced,
    cast(coalesce(days.n_apology_known, 0) as integer) as n_apology_known,
    cast(coalesce(days.n_apology, 0) as integer) as n_apology,
    cast(coalesce(days.n_payment_known, 0) as integer) as n_payment_known,
    cast(coalesce(days.n_paid_online, 0) as integer) as n_paid_online,
    cast(coalesce(days.n_digitised_known, 0) as integer) as n_digitised_known,
    cast(coalesce(days.n_digitised, 0) as integer) as n_digitised,
    cast(coalesce(days.n_e_result_known, 0) as integer) as n_e_result_known,
    cast(coalesce(days.n_e_result, 0) as integer) as n_e_result,
    cast(coalesce(days.n_due_not_in_time, 0) as integer) as n_due_not_in_time
from days
join pairs on pairs.pair_key = days.pair_key
