"""Ingest benchmark (run by hand): 1,000,000 dossier rows as .xlsx and .csv, and 100,000 as the HTML-table
".xls" one-stop systems download and as LibreOffice's .ods, end to end, against references.

    python -m bench.bench_ingest [--rows 1000000] [--markup-rows 100000] [--runs 3]
        [--formats .xlsx .csv .html.xls .ods]

Each measurement runs in a fresh subprocess so its peak memory (ru_maxrss) is its own; its time is printed
with the imports and without them ("file only").
References in the same run: the raw reader alone (fastexcel/calamine for .xlsx and .ods, DuckDB read_csv for
.csv, lxml's HTML parser for the HTML page; the .ods is made from the .xlsx by LibreOffice, `soffice` on PATH)
and what a user would write by hand (pandas.read_excel with openpyxl, then a DuckDB insert; one run: it is
slow).
"""

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import polars as pl
import xlsxwriter

OUT = Path(__file__).parent / "out"
HEADER = [
    "STT",
    "Mã hồ sơ",
    "Tên thủ tục hành chính",
    "Lĩnh vực",
    "Đơn vị tiếp nhận",
    "Người nộp",
    "Số điện thoại",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày có kết quả",
    "Trạng thái",
    "Hình thức nộp",
    "Đánh giá",
]
UNITS = [
    "UBND phường Lê Lợi",
    "P. Minh Khai",
    "Phường Quang Trung",
    "UBND xã Bảo Khê",
    "Xã Trung Nghĩa",
    "Phòng Tài nguyên và Môi trường",
    "Phòng Tư pháp",
    "Ủy ban nhân dân xã Phú Cường",
    "UBND P. An Tảo",
]
SECTORS = [
    ("Chứng thực", "Chứng thực bản sao từ bản chính"),
    ("Hộ tịch", "Đăng ký khai sinh"),
    ("Đất đai", "Đăng ký biến động quyền sử dụng đất"),
    ("Xây dựng", "Cấp giấy phép xây dựng nhà ở riêng lẻ"),
    ("Bảo trợ xã hội", "Trợ cấp xã hội hàng tháng"),
]


def make_rows(n: int, seed: int = 1) -> pl.DataFrame:
    rng = random.Random(seed)
    received_day = [rng.randrange(0, 365) for _ in range(n)]
    base = pl.date(2023, 1, 1)
    frame = pl.DataFrame({"i": range(n), "day": received_day}).with_columns(
        (base + pl.duration(days=pl.col("day"))).alias("received")
    )
    sector_index = [rng.randrange(len(SECTORS)) for _ in range(n)]
    return frame.select(
        (pl.col("i") + 1).cast(pl.String).alias("STT"),
        pl.format("H38.23.{}", pl.col("i").cast(pl.String).str.zfill(7)).alias("Mã hồ sơ"),
        pl.Series([SECTORS[s][1] for s in sector_index]).alias("Tên thủ tục hành chính"),
        pl.Series([SECTORS[s][0] for s in sector_index]).alias("Lĩnh vực"),
        pl.Series([UNITS[rng.randrange(len(UNITS))] for _ in range(n)]).alias("Đơn vị tiếp nhận"),
        pl.lit("Nguyễn Văn Thử").alias("Người nộp"),
        pl.lit("0912345678").alias("Số điện thoại"),
        (pl.col("received").dt.strftime("%d/%m/%Y") + " 08:30").alias("Ngày tiếp nhận"),
        (pl.col("received") + pl.duration(days=7)).dt.strftime("%d/%m/%Y 17:00").alias("Ngày hẹn trả"),
        (pl.col("received") + pl.duration(days=pl.col("i") % 9))
        .dt.strftime("%d/%m/%Y 10:00")
        .alias("Ngày có kết quả"),
        pl.lit("Đã trả kết quả").alias("Trạng thái"),
        pl.when(pl.col("i") % 3 == 0)
        .then(pl.lit("Trực tuyến"))
        .otherwise(pl.lit("Trực tiếp"))
        .alias("Hình thức nộp"),
        pl.when(pl.col("i") % 4 == 0).then(pl.lit("Hài lòng")).otherwise(pl.lit("")).alias("Đánh giá"),
    )


def write_files(n: int) -> tuple[Path, Path]:
    OUT.mkdir(exist_ok=True)
    csv_path, xlsx_path = OUT / f"hoso_{n}.csv", OUT / f"hoso_{n}.xlsx"
    if csv_path.exists() and xlsx_path.exists():
        return csv_path, xlsx_path
    rows = make_rows(n)
    with csv_path.open("wb") as handle:
        handle.write("\ufeff".encode())
        rows.write_csv(handle)
    workbook = xlsxwriter.Workbook(xlsx_path, {"constant_memory": True})
    sheet = workbook.add_worksheet("DanhSach")
    sheet.write_row(0, 0, ["DANH SÁCH HỒ SƠ"])
    sheet.write_row(1, 0, ["Từ ngày 01/01/2023 đến ngày 31/12/2023"])
    sheet.write_row(3, 0, HEADER)
    for r, values in enumerate(rows.iter_rows(), start=4):
        sheet.write_row(r, 0, values)
    sheet.write_row(4 + n, 0, ["Tổng cộng"])
    workbook.close()
    return csv_path, xlsx_path


def write_markup_files(n: int) -> tuple[Path, Path]:
    """The same rows as an HTML-table ".xls" (what one-stop systems download) and as a LibreOffice .ods."""
    OUT.mkdir(exist_ok=True)
    html_path, ods_path = OUT / f"hoso_{n}.html.xls", OUT / f"hoso_{n}.ods"
    if html_path.exists() and ods_path.exists():
        return html_path, ods_path
    rows = make_rows(n)
    cells = rows.select(
        pl.concat_str(
            [pl.lit("<tr><td>"), pl.concat_str(pl.all(), separator="</td><td>"), pl.lit("</td></tr>")]
        )
    ).to_series()
    header = "".join(f"<td><strong>{name}</strong></td>" for name in HEADER)
    page = (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta charset="utf-8"></head>'
        "<body><table>"
        f'<tr><td colspan="{len(HEADER)}">DANH SÁCH HỒ SƠ</td></tr><tr>{header}</tr><tbody>'
        + "\n".join(cells.to_list())
        + "</tbody></table></body></html>"
    )
    html_path.write_bytes(page.encode("utf-8-sig"))
    _, xlsx_path = write_files(n)
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [
                "soffice",
                "--headless",
                "--norestore",
                "--convert-to",
                "ods",
                "--outdir",
                folder,
                str(xlsx_path),
            ],
            check=True,
            capture_output=True,
            env=os.environ | {"HOME": folder},
        )
        converted = Path(folder) / f"{xlsx_path.stem}.ods"
        if not converted.exists():  # soffice exits 0 when it cannot load the file (Calc not installed)
            raise SystemExit("soffice wrote no .ods: is LibreOffice Calc installed (make calc)?")
        shutil.move(converted, ods_path)
    return html_path, ods_path


MEASURE = """
import json, resource, sys, time
from pathlib import Path
started = time.perf_counter()
{imports}
imported = time.perf_counter()
{work}
done = time.perf_counter()
print(json.dumps({{"seconds": done - started, "file_seconds": done - imported,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
TO_DUCKDB = "con = duckdb.connect(sys.argv[2])\ncon.execute('create table t as select * from frame')"
# (imports, work): the imports are timed with the work ("median") and without it ("file only": what one
# more file costs in a server or a CLI run that has its libraries loaded already).
BODIES = {
    "tthc ingest": (
        "from pipelines.ingest import ingest_files",
        "r = ingest_files(Path(sys.argv[2]), [Path(sys.argv[1])])[0]\n"
        "assert r.status in ('loaded', 'duplicate_file'), r",
    ),
    "raw reader (calamine)": (
        "import fastexcel",
        "fastexcel.read_excel(sys.argv[1]).load_sheet(0, header_row=3, dtypes='string').to_polars()",
    ),
    "raw reader (duckdb read_csv)": (
        "import duckdb",
        "duckdb.execute('select * from read_csv(?, all_varchar=true)', [sys.argv[1]]).to_arrow_table()",
    ),
    "raw parse (lxml HTML)": (
        "from lxml import etree",
        "etree.parse(sys.argv[1], etree.HTMLParser(encoding='utf-8', huge_tree=True))",
    ),
    "our reader (read_grids)": (
        "from pipelines.read_export import read_grids\nfrom pipelines.settings import IngestSettings",
        "read_grids(Path(sys.argv[1]), 'bench', IngestSettings())",
    ),
    "pandas+openpyxl → duckdb": (
        "import duckdb, pandas",
        f"frame = pandas.read_excel(sys.argv[1], header=3, dtype=str)\n{TO_DUCKDB}",
    ),
    "pandas read_csv → duckdb": (
        "import duckdb, pandas",
        f"frame = pandas.read_csv(sys.argv[1], dtype=str)\n{TO_DUCKDB}",
    ),
}


def measure(label: str, path: Path, db: Path) -> dict:
    imports, work = BODIES[label]
    result = subprocess.run(
        [sys.executable, "-c", MEASURE.format(imports=imports, work=work), str(path), str(db)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent.parent,
        env=os.environ | {"TTHC_MAX_FILE_MB": "1024"},  # the 1M-row CSV is above the 200 MB default limit
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def series(label: str, path: Path, runs: int, reuse_db: Path | None = None) -> dict:
    samples = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            samples.append(measure(label, path, reuse_db or Path(folder) / "w.duckdb"))
    return {
        "label": label,
        "runs": runs,
        "median_s": statistics.median(s["seconds"] for s in samples),
        "file_s": statistics.median(s["file_seconds"] for s in samples),
        "peak_mb": max(s["peak_mb"] for s in samples),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--markup-rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-pandas", action="store_true")
    parser.add_argument("--formats", nargs="+", default=[".xlsx", ".csv", ".html.xls", ".ods"])
    args = parser.parse_args()
    csv_path, xlsx_path = write_files(args.rows)
    cases = [
        (".xlsx", xlsx_path, "raw reader (calamine)", "pandas+openpyxl → duckdb"),
        (".csv", csv_path, "raw reader (duckdb read_csv)", "pandas read_csv → duckdb"),
    ]
    if {".html.xls", ".ods"} & set(args.formats):
        html_path, ods_path = write_markup_files(args.markup_rows)
        cases += [
            (".html.xls", html_path, "raw parse (lxml HTML)", None),
            (".ods", ods_path, "raw reader (calamine)", None),
        ]
    for file_format, path, reference, by_hand in cases:
        if file_format not in args.formats:
            continue
        floor = series(reference, path, args.runs)
        ours = series("tthc ingest", path, args.runs)
        rows = [floor, series("our reader (read_grids)", path, args.runs), ours]
        with tempfile.TemporaryDirectory() as folder:
            db = Path(folder) / "w.duckdb"
            measure("tthc ingest", path, db)
            reupload = series("tthc ingest", path, args.runs, reuse_db=db)
            rows.append(reupload | {"label": "re-upload (same file)"})
        if by_hand and not args.skip_pandas:
            rows.append(series(by_hand, path, 1))
        print(f"\n{path.name} ({path.stat().st_size / 1e6:.0f} MB)")
        for r in rows:
            print(
                f"  {r['label']:<30} median {r['median_s']:7.2f} s over {r['runs']} run(s)  "
                f"peak {r['peak_mb']:6.0f} MB  ×{r['median_s'] / floor['median_s']:.2f} of raw reader  "
                f"(file only {r['file_s']:5.2f} s, ×{r['file_s'] / floor['file_s']:.2f})"
            )


if __name__ == "__main__":
    main()
