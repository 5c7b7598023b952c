insert into ingest_log (
    ingest_id, file_name, file_sha256, size_bytes, sheet_name, as_of_date, n_read, n_new, n_updated,
    n_unchanged, n_rejected, n_skipped, status, error_vi, unit_choice, unit_scope, mapped_fields, uploaded_by,
    is_demo, started_at, finished_at
)
values (
    $ingest_id, $file_name, $file_sha256, $size_bytes, $sheet_name, $as_of_date, $n_read, $n_new, $n_updated,
    $n_unchanged, $n_rejected, $n_skipped, $status, $error_vi, $unit_choice, $unit_scope, $mapped_fields,
    $uploaded_by, $is_demo, $started_at, now()
)
