-- Take the files listed in removed_ingests out (a correction: the same bytes uploaded again with another unit
-- choice): their versions and rejected rows leave, their log entries say 'replaced', and each of their
-- dossiers gets back its best remaining version (latest as-of date, then latest upload), if any.
create or replace temp table removed_dossier_codes as
select distinct dossier_code
from dossier_versions
where ingest_id in (select ingest_id from removed_ingests);

delete from dossier_versions where ingest_id in (select ingest_id from removed_ingests);
delete from rejects where ingest_id in (select ingest_id from removed_ingests);
update ingest_log set status = 'replaced' where ingest_id in (select ingest_id from removed_ingests);

delete from dossiers where dossier_code in (select dossier_code from removed_dossier_codes);

insert into dossiers by name
select versions.*
from dossier_versions as versions
semi join removed_dossier_codes as removed on removed.dossier_code = versions.dossier_code
qualify row_number() over (
    partition by versions.dossier_code order by versions.as_of_date desc, versions.ingest_id desc
) = 1;

drop table removed_dossier_codes;
