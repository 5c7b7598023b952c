-- Warehouse tables. No PRIMARY KEY on dossiers: keyed upserts are slow in DuckDB (FIELD_NOTES.md);
-- the load step keeps dossier_code unique and a test checks it.

create table if not exists dossiers (
    dossier_code varchar not null,      -- trimmed, upper-case: the key (DK-… when derived, see is_derived_key)
    procedure_code varchar,
    procedure_name varchar,
    sector_name varchar not null,       -- catalogue name, the export's own text when unknown, or Chưa xác định
    unit_id varchar,                    -- cat_units.unit_id; null only for a "not received" version
    received_at timestamp,              -- null only for a "not received" version
    due_at timestamp,                   -- null: settled on the spot
    finished_at timestamp,              -- null: still open (or withdrawn without a result)
    status_text varchar,
    status_kind varchar,                -- not_received / withdrawn / finished / open by its phrase, null: none matched
    is_withdrawn boolean not null,
    channel varchar not null,           -- online / in_person / postal / unknown
    service_level varchar,              -- full / partial / none, null when the export has no such column
    rating varchar,                     -- very_satisfied / satisfied / neutral / unsatisfied, null = not rated
    is_synced boolean,                  -- null when the export has no such column (so for the flags below)
    has_apology boolean,
    has_e_result boolean,
    is_digitised boolean,
    is_paid_online boolean,
    outcome_reported varchar,           -- early / on_time / late as the export says, when it says
    is_derived_key boolean not null,    -- the file had no code column: key from unit, dates and procedure
    as_of_date date not null,           -- as-of date of the file this version came from
    ingest_id integer not null,         -- ingest_log.ingest_id of that file
    source_row integer not null         -- its row in that file
);

-- The versions that lost (replaced by a later export, or older than the stored one): a correction (the same
-- bytes uploaded with another unit choice) takes its file's versions out and gives each of its dossiers back
-- the best version other files gave (sql/load/remove_ingest.sql).
create table if not exists dossier_history as select * from dossiers limit 0;

create table if not exists rejects (
    ingest_id integer not null,
    file_name varchar not null,
    sheet_row integer not null,
    reason_code varchar not null,
    column_name varchar,                -- the header as written in the file, when one column is at fault
    message_vi varchar not null,
    dossier_code varchar,
    original_values json                -- the mapped fields as written, personal columns removed
);

create sequence if not exists ingest_id_seq start 1;

create table if not exists ingest_log (
    ingest_id integer not null,
    file_name varchar not null,
    file_sha256 varchar not null,
    size_bytes bigint not null,
    sheet_name varchar,
    as_of_date date,
    n_read integer,
    n_new integer,
    n_updated integer,
    n_unchanged integer,
    n_rejected integer,
    n_skipped integer,
    status varchar not null,            -- loaded / failed / replaced (corrected by a later upload) / rebuilt
    error_vi varchar,
    unit_choice varchar,                -- the unit the uploader chose for a file without a unit column
    unit_scope varchar[],               -- the units the uploader's account is limited to, null: every unit
    mapped_fields varchar[],            -- the canonical fields the file had a column for
    uploaded_by varchar,
    is_demo boolean not null default false,
    started_at timestamp not null,
    finished_at timestamp
);

-- Warehouses made before unit-scoped accounts.
alter table ingest_log add column if not exists unit_scope varchar[];

-- Catalogue copies are recreated from catalogues/*.csv every time the warehouse opens read-write.
create or replace table cat_units (
    unit_id varchar, unit_name varchar, unit_level varchar, valid_from date, valid_to date
);
create or replace table cat_sectors (sector_name varchar, sector_group varchar);
create or replace table cat_targets (
    year integer, kpi varchar, sector_group varchar, comparison varchar, target_value double, note varchar
);
create or replace table cat_procedures (
    procedure_code varchar,
    procedure_name varchar,
    sector_name varchar,
    service_level varchar,              -- full / partial / none
    processing_days integer             -- legal time in working days; null = settled on the spot
);
create or replace table cat_days_off (day date, name varchar, source varchar);
create or replace table cat_settings (key varchar, value varchar, note varchar);

-- What the catalogue copies and views were last written from (pipelines/warehouse.py setup_fingerprint):
-- a read-write open rewrites them only when it changed.
create table if not exists warehouse_setup (
    fingerprint varchar not null
);
