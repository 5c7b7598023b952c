select rejects.file_name, rejects.sheet_row, rejects.column_name, rejects.message_vi, rejects.original_values
from rejects
where $1::varchar is null or rejects.file_name = $1
order by rejects.ingest_id, rejects.sheet_row
