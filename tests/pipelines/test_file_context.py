"""File-level context: the unit of a file without a unit column (chosen, or named by the title), the lĩnh
vực of a file without one (procedure catalogue, title, section rows), derived keys for registers without
codes; a correction replaces the file's rows, and a rebuild replays the choices."""

import duckdb
import pytest

from pipelines.cli import main
from pipelines.file_context import UploadChoice
from pipelines.ingest import ingest_files
from pipelines.rebuild import rebuild
from tests.helpers import real_exports
from tests.helpers.exports import row, write_csv
from tests.helpers.real_exports import Sheet, epar_register, td_list, unit_register, write_xlsx


def query(db, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def units(db) -> list[tuple]:
    return query(db, "select unit_id, count(*) from dossiers group by all order by all")


def test_a_file_without_unit_column_or_title_unit_is_refused_with_the_way_out(tmp_path, capsys):
    path = write_xlsx(unit_register(title_unit=None), tmp_path / "so.xlsx")
    db = tmp_path / "w.duckdb"
    assert main(["ingest", str(path), "--db", str(db)]) == 1
    out = capsys.readouterr().out
    assert "không có cột đơn vị" in out and "--unit" in out and "Tải lên" in out
    assert query(db, "select count(*) from dossiers") == [(0,)]
    assert main(["ingest", str(path), "--db", str(db), "--unit", "UBND P. Lam Sơn"]) == 0
    assert "đơn vị của tệp: Phường Lam Sơn" in capsys.readouterr().out
    assert units(db) == [("p_lam_son", 4)]


def test_the_title_names_the_unit_and_a_choice_wins_over_the_title(tmp_path):
    path = write_xlsx(unit_register(title_unit="ỦY BAN NHÂN DÂN PHƯỜNG QUANG TRUNG"), tmp_path / "so.xlsx")
    [result] = ingest_files(tmp_path / "a" / "w.duckdb", [path])
    assert (result.unit_choice, units(tmp_path / "a" / "w.duckdb")) == (None, [("p_quang_trung", 4)])
    [chosen] = ingest_files(tmp_path / "b" / "w.duckdb", [path], choice=UploadChoice("Phường An Tảo"))
    assert (chosen.unit_choice, units(tmp_path / "b" / "w.duckdb")) == ("p_an_tao", [("p_an_tao", 4)])


def test_a_choice_never_overrides_a_unit_column(tmp_path):
    path = real_exports.write_html(td_list(), tmp_path / "ds.xls")
    db = tmp_path / "w.duckdb"
    [result] = ingest_files(db, [path], choice=UploadChoice("Xã Bảo Khê"))
    assert result.unit_choice is None
    assert ("p_le_loi", 2) in units(db)


def test_an_unknown_chosen_unit_is_refused(tmp_path):
    path = write_xlsx(unit_register(title_unit=None), tmp_path / "so.xlsx")
    [result] = ingest_files(tmp_path / "w.duckdb", [path], choice=UploadChoice("Phường Không Có"))
    assert result.status == "failed" and "«Phường Không Có» không có trong danh mục" in result.error_vi


def test_the_same_bytes_with_another_unit_are_a_correction_that_a_rebuild_replays(tmp_path):
    path = write_xlsx(epar_register(), tmp_path / "epar.xlsx")
    db = tmp_path / "w.duckdb"
    [first] = ingest_files(db, [path], choice=UploadChoice("Phòng Tài nguyên và Môi trường"))
    [again] = ingest_files(db, [path], choice=UploadChoice("tnmt"))
    [fixed] = ingest_files(db, [path], choice=UploadChoice(real_exports.EPAR_UNIT))
    assert (first.status, again.status, fixed.status, fixed.is_correction) == (
        "loaded",
        "duplicate_file",
        "loaded",
        True,
    )
    assert units(db) == [("vpdkdd", 4)]
    assert query(db, "select status from ingest_log order by ingest_id") == [("replaced",), ("loaded",)]
    assert query(db, "select count(*) from dossier_history") == [(0,)]  # nothing of the wrong unit stays
    # no choice for the same bytes: already loaded, nothing changes
    assert ingest_files(db, [path])[0].status == "duplicate_file"
    before = query(db, "select * exclude (ingest_id) from dossiers order by dossier_code")
    results = rebuild(db)
    assert [r.status for r in results] == ["loaded", "loaded"]
    assert query(db, "select * exclude (ingest_id) from dossiers order by dossier_code") == before


def test_a_correction_gives_back_the_versions_other_files_hold(tmp_path):
    """SO-01 is in a March list (with its unit) and in an April register loaded with a wrong unit: corrected,
    the register's version comes back with the right unit, and nothing of the wrong one stays."""
    db = tmp_path / "w.duckdb"
    march = write_csv(
        tmp_path / "march.csv",
        [
            row(
                "SO-01",
                unit="Phường Lam Sơn",
                received="01/03/2023 08:00",
                due="03/03/2023 17:00",
                finished="",
            )
        ],
        title_lines=("Từ ngày 01/03/2023 đến ngày 31/03/2023",),
    )
    register = unit_register(title_unit=None)
    register.rows[1][0] = "Từ ngày 01/04/2023 đến ngày 30/04/2023"
    april = write_xlsx(register, tmp_path / "april.xlsx")
    ingest_files(db, [march])
    ingest_files(db, [april], choice=UploadChoice("Phường Hồng Châu"))
    assert query(db, "select unit_id from dossiers where dossier_code = 'SO-01'") == [("p_hong_chau",)]
    ingest_files(db, [april], choice=UploadChoice("Phường Lam Sơn"))
    assert units(db) == [("p_lam_son", 4)]
    assert query(db, "select count(*) from dossier_history where unit_id = 'p_hong_chau'") == [(0,)]
    # the March list's version of SO-01 is kept as the one the register's replaced
    assert query(db, "select dossier_code, unit_id from dossier_history") == [("SO-01", "p_lam_son")]


def test_sector_from_section_rows_and_the_title(tmp_path):
    rows: list[list[str | None]] = [
        ["SỔ THEO DÕI HỒ SƠ LĨNH VỰC TƯ PHÁP - UBND PHƯỜNG LÊ LỢI", None, None, None],
        ["Mã hồ sơ", "Tên thủ tục", "Ngày nhận", "Ngày hẹn trả"],
        ["S-1", "Thủ tục ngoài danh mục", "02/01/2023", "05/01/2023"],  # before any section row: the title's
        ["I. Lĩnh vực: Hộ tịch", None, None, None],
        ["S-2", "Thủ tục ngoài danh mục", "02/01/2023", "05/01/2023"],
        ["S-3", "Đăng ký kết hôn", "02/01/2023", "05/01/2023"],
        ["Lĩnh vực Đất đai", None, None, None],
        ["S-4", "Thủ tục ngoài danh mục", "02/01/2023", "05/01/2023"],
        ["S-5", "Đăng ký khai sinh", "02/01/2023", "05/01/2023"],  # the procedure catalogue comes first
    ]
    db = tmp_path / "w.duckdb"
    [result] = ingest_files(db, [write_xlsx(Sheet(rows), tmp_path / "so.xlsx")])
    assert (result.n_new, result.skipped_by_reason) == (5, {"section": 2})
    assert query(db, "select dossier_code, unit_id, sector_name from dossiers order by 1") == [
        ("S-1", "p_le_loi", "Tư pháp"),
        ("S-2", "p_le_loi", "Hộ tịch"),
        ("S-3", "p_le_loi", "Hộ tịch"),
        ("S-4", "p_le_loi", "Đất đai"),
        ("S-5", "p_le_loi", "Hộ tịch"),
    ]


def test_a_sector_column_wins_and_an_empty_cell_falls_back_to_the_procedure_catalogue(tmp_path):
    rows = [
        row("C-1", procedure="Đăng ký khai sinh", sector="Chứng thực"),
        row("C-2", procedure="Đăng ký khai sinh", sector=""),
        row("C-3", procedure="Thủ tục ngoài danh mục", sector=""),
    ]
    db = tmp_path / "w.duckdb"
    ingest_files(db, [write_csv(tmp_path / "t.csv", rows)])
    assert query(db, "select dossier_code, sector_name from dossiers order by 1") == [
        ("C-1", "Chứng thực"),
        ("C-2", "Hộ tịch"),
        ("C-3", "Chưa xác định"),
    ]


def test_derived_keys_are_stable_and_identical_rows_stay_two_dossiers(tmp_path):
    db = tmp_path / "w.duckdb"
    march = epar_register()
    path = write_xlsx(march, tmp_path / "epar_march.xlsx")
    choice = UploadChoice(real_exports.EPAR_UNIT)
    [first] = ingest_files(db, [path], choice=choice)
    keys = query(db, "select dossier_code from dossiers order by 1")
    assert first.n_new == 4 and len({k for (k,) in keys}) == 4
    assert all(k.startswith("DK-") for (k,) in keys)
    assert query(db, "select count(*) from kpi_dq_flagged_dossiers where flag_code = 'derived_key'") == [(4,)]
    # the next register (later as-of date) lists the same dossiers, the two open ones now finished
    april = epar_register()
    april.rows[0][0] = (
        "Sổ tiếp nhận và trả kết quả lĩnh vực Đất đai\nTừ ngày: 01/03/2023\nĐến ngày:30/04/2023"
    )
    for cells in april.rows[3:5]:
        cells[6] = "05/04/2023"
    [later] = ingest_files(db, [write_xlsx(april, tmp_path / "epar_april.xlsx")], choice=choice)
    assert (later.n_new, later.n_updated, later.n_unchanged) == (0, 2, 2)
    assert query(db, "select dossier_code from dossiers order by 1") == keys


@pytest.mark.parametrize(
    ("header", "values", "expected"),
    [
        ("Thanh toán trực tuyến", ["Có", "Không"], [True, False]),
        ("Hình thức thanh toán", ["Trực tuyến", "Tiền mặt"], [True, False]),
        ("Kết quả điện tử", ["x", ""], [True, False]),
        ("Số hóa hồ sơ", ["Đã số hóa", "Chưa"], [True, False]),
    ],
)
def test_national_index_flags(tmp_path, header, values, expected):
    column = {
        "Thanh toán trực tuyến": "is_paid_online",
        "Hình thức thanh toán": "is_paid_online",
        "Kết quả điện tử": "has_e_result",
        "Số hóa hồ sơ": "is_digitised",
    }[header]
    path = tmp_path / "t.csv"
    path.write_text(
        f"Mã hồ sơ,Tên thủ tục,Đơn vị,Ngày tiếp nhận,Ngày hẹn trả,{header}\n"
        + "".join(
            f"N-{n},Đăng ký khai sinh,Xã Bảo Khê,02/01/2023,05/01/2023,{v}\n" for n, v in enumerate(values)
        ),
        encoding="utf-8",
    )
    db = tmp_path / "w.duckdb"
    ingest_files(db, [path])
    assert [v for (v,) in query(db, f"select {column} from dossiers order by dossier_code")] == expected
    others = {"is_paid_online", "has_e_result", "is_digitised"} - {column}
    assert query(db, f"select {', '.join(sorted(others))} from dossiers limit 1") == [(None, None)]
