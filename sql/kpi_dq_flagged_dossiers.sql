-- Dossiers kept but worth a look: a due date more than a year after receipt is almost always a typo.
create or replace view kpi_dq_flagged_dossiers as
with
dossiers as (select * from main.dossiers),
flagged as (
    select
        dossiers.dossier_code,
        dossiers.unit_id,
        dossiers.sector_name,
        dossiers.received_at,
        dossiers.due_at,
        'due_far_after_received' as flag_code,
        'Hạn trả kết quả cách ngày tiếp nhận hơn một năm' as flag_vi
    from dossiers
    where dossiers.due_at > dossiers.received_at + interval 1 year
)
select * from flagged
