"""Control characters in a file name (terminal escape sequences, NUL, line breaks, C1 controls, bidi
overrides) are stored nowhere and printed nowhere: the manifest, the ingest log, the rejects, and the
output of `tthc ingest`, `tthc rejects` and `tthc rebuild` carry the name without them."""

import json
import unicodedata

from pipelines.cli import main as tthc
from pipelines.ingest import ingest_file
from pipelines.warehouse import connect
from tests.helpers.exports import row, write_csv

# OSC (set the window title), CSI (red), a newline, C1 NEL and CSI, a right-to-left override, U+2028.
HOSTILE = "a\x1b]0;pwned\x07b\x1b[31m\n\x85\x9b31m\u202ethang1\u2028\t.csv"
WITH_NUL = "c\x00d\x1b[2J.csv"


def _clean(text: str) -> bool:
    return not any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in text if ch != "\n")


def _rows(path: str) -> list[dict]:
    return [row("C-1"), row("C-2", unit="Xã Không Có")]


def test_a_hostile_file_name_is_stored_and_printed_without_control_characters(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    on_disk = write_csv(tmp_path / HOSTILE, _rows(HOSTILE))
    assert tthc(["ingest", str(on_disk), "--db", str(db)]) == 0
    con = connect(db)
    upload = write_csv(tmp_path / "upload.csv", [row("C-3"), row("C-4", unit="Xã Không Có")])
    ingest_file(con, upload, tmp_path / "raw", original_name=WITH_NUL)
    stored = con.execute(
        "select file_name from ingest_log union all select file_name from rejects"
    ).fetchall()
    con.close()
    manifest = [json.loads(line)["file_name"] for line in (tmp_path / "raw" / "manifest.jsonl").open()]
    names = [name for (name,) in stored] + manifest
    assert {"a]0;pwnedb[31m 31mthang1 .csv", "cd[2J.csv"} == set(names)
    assert all(_clean(name) and "\n" not in name for name in names)
    assert tthc(["rejects", "--db", str(db)]) == 0
    assert tthc(["rebuild", "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    assert _clean(out + err)
    assert out.count("a]0;pwnedb[31m 31mthang1 .csv") >= 3  # ingest, rejects, rebuild each name it
