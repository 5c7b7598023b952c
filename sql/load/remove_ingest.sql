-- Take the files listed in removed_ingests out (a correction: the same bytes uploaded again with another unit
-- choice): their versions and rejected rows leave, their log entries say 'replaced', and each dossier whose
-- current version was theirs gets back the best version other files gave (dossier_history: the latest as-of
-- date, then the latest upload), if any.
create or replace temp table orphaned_dossier_codes as
select dossier_code
from dossiers
where ingest_id in (select ingest_id from removed_ingests);

delete from dossier_history where ingest_id in (select ingest_id from removed_ingests);
delete from dossiers where ingest_id in (select ingest_id from removed_ingests);
delete from rejects where ingest_id in (select ingest_id from removed_ingests);
update ingest_log set status = 'replaced' where ingest_id in (select ingest_id from removed_ingests);

create or replace temp table restored_dossiers as
select history.*
from dossier_history as history
semi join orphaned_dossier_codes as orphaned on orphaned.dossier_code = history.dossier_code
qualify row_number() over (
    partition by history.dossier_code order by history.as_of_date desc, history.ingest_id desc
) = 1;

delete from dossier_history
where (dossier_code, ingest_id) in (select (dossier_code, ingest_id) from restored_dossiers);

insert into dossiers by name
select * from restored_dossiers;

drop table orphaned_dossier_codes;
drop table restored_dossiers;
