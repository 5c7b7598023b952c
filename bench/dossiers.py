"""The benchmarks' dossiers, generated straight in DuckDB: six years (2020–2025), every unit of
catalogues/units.csv, a sector mix like a city's (mostly hộ tịch and chứng thực at ward/commune level);
and a line that names the machine.
"""

import datetime as dt
import platform
import subprocess
import time
from pathlib import Path

import duckdb

from pipelines.warehouse import connect, transaction

FIRST_DAY, N_DAYS = dt.date(2020, 1, 1), 6 * 365 + 2  # 2020-01-01 … 2025-12-31

# Lĩnh vực handled by each city-level unit, with relative volumes; wards and communes share one mix.
CITY_SECTORS = {
    "tnmt": [("Môi trường", 2), ("Tài nguyên nước", 1), ("Đất đai", 3)],
    "qldt": [("Xây dựng", 6), ("Quy hoạch xây dựng", 2), ("Kiến trúc", 1), ("Nhà ở", 2)],
    "tckh": [
        ("Thành lập và hoạt động của hộ kinh doanh", 8),
        ("Thành lập và hoạt động của hợp tác xã", 1),
        ("Đầu tư tại Việt Nam", 1),
        ("Đăng ký kinh doanh", 2),
    ],
    "tp": [("Hộ tịch", 4), ("Chứng thực", 6)],
    "ldtbxh": [("Lao động - Thương binh và Xã hội", 3), ("Bảo trợ xã hội", 4), ("Người có công", 2)],
    "vhtt": [("Văn hóa", 2)],
    "gddt": [("Giáo dục và Đào tạo", 2)],
    "yte": [("Y tế", 2)],
    "noivu": [("Nội vụ", 2)],
    "kinhte": [("Nông nghiệp", 1), ("Lưu thông hàng hóa trong nước", 2), ("Thương mại", 1)],
    "thanhtra": [("Giải quyết khiếu nại", 1)],
    "vpdkdd": [("Đất đai", 25), ("Đo đạc, bản đồ và thông tin địa lý", 3)],
}
LOCAL_SECTORS = [
    ("Chứng thực", 40),
    ("Hộ tịch", 30),
    ("Đất đai", 3),
    ("Lao động - Thương binh và Xã hội", 3),
    ("Bảo trợ xã hội", 4),
    ("Người có công", 2),
    ("Xây dựng", 1),
    ("Văn hóa", 1),
]
# Days allowed to settle a dossier, by sector group; hộ tịch and chứng thực are often settled on the spot.
DUE_DAYS = {"land": (10, 30), "construction": (7, 20), "investment": (3, 10), "other": (1, 10)}

GENERATE_SQL = """
insert into dossiers by name
with
draws as (
    select
        i,
        pair.unit_id,
        pair.sector_name,
        pair.sector_group,
        pair.min_due_days,
        pair.max_due_days,
        pair.is_on_the_spot,
        [(hash(i, k) % 1000003) / 1000003.0 for k in range(15)] as u
    from range($n_rows) as r(i)
    cross join slots
    join pairs as pair
        on pair.pair_id = slots.pair_ids[cast(1 + hash(i, 'pair') % len(slots.pair_ids) as bigint)]
),
dated as (
    select
        *,
        $first_day::timestamp + to_days(floor(u[1] * $n_days)::integer)
            + to_minutes(420 + floor(u[2] * 600)::integer) as received_at,
        case
            when is_on_the_spot and u[3] < 0.4 then null
            else min_due_days + floor(u[3] * (max_due_days - min_due_days + 1))::integer
        end as due_days,
        u[8] < 0.01 as is_withdrawn
    from draws
),
outcomes as (
    select
        *,
        cast(received_at as date) + coalesce(due_days, 0) as due_date,
        case
            when is_withdrawn then null
            when received_at >= $recent_day::timestamp and u[5] < 0.5 then null
            when u[4] < 0.70 then cast(received_at as date) + floor(coalesce(due_days, 0) * u[6])::integer
            when u[4] < 0.92 then cast(received_at as date) + coalesce(due_days, 0)
            when u[4] < 0.995
                then cast(received_at as date) + coalesce(due_days, 0) + 1 + floor(u[6] * 10)::integer
        end as finished_date
    from dated
)
select
    'HS' || i as dossier_code,
    null as procedure_code,
    null as procedure_name,
    sector_name,
    unit_id,
    received_at,
    case when due_days is not null then due_date + time '17:00' end as due_at,
    case
        when finished_date is not null then greatest(finished_date + time '10:00', received_at)
    end as finished_at,
    case
        when is_withdrawn then 'Đã rút hồ sơ'
        when finished_date is null then 'Đang xử lý'
        else 'Đã trả kết quả'
    end as status_text,
    is_withdrawn,
    case when u[7] < 0.40 then 'online' when u[7] < 0.95 then 'in_person' else 'postal' end as channel,
    case when u[9] < 0.30 then 'full' when u[9] < 0.50 then 'partial' else 'none' end as service_level,
    case
        when finished_date is null or u[10] >= 0.30 then null
        when u[11] < 0.50 then 'very_satisfied'
        when u[11] < 0.87 then 'satisfied'
        when u[11] < 0.95 then 'neutral'
        else 'unsatisfied'
    end as rating,
    u[12] < 0.98 as is_synced,
    finished_date > due_date and u[11] < 0.6 as has_apology,
    u[13] < 0.55 as has_e_result,
    u[14] < 0.85 as is_digitised,
    u[15] < 0.35 as is_paid_online,
    null as outcome_reported,
    case
        when is_withdrawn then 'withdrawn' when finished_date is null then 'open' else 'finished'
    end as status_kind,
    false as is_derived_key,
    $last_day::date as as_of_date,
    1 as ingest_id,
    i as source_row
from outcomes
"""


def generate(con: duckdb.DuckDBPyConnection, n_rows: int) -> None:
    units = con.execute("select unit_id, unit_level from cat_units").fetchall()
    groups = dict(con.execute("select sector_name, sector_group from cat_sectors").fetchall())
    pairs, slots = [], []
    for unit_id, level in units:
        for sector, weight in CITY_SECTORS[unit_id] if level == "city" else LOCAL_SECTORS:
            group = groups.get(sector, "other")
            min_due, max_due = DUE_DAYS[group]
            on_the_spot = sector in ("Hộ tịch", "Chứng thực")
            pairs.append((len(pairs), unit_id, sector, group, min_due, max_due, on_the_spot))
            slots.extend([len(pairs) - 1] * weight)
    con.execute(
        "create temp table pairs (pair_id integer, unit_id varchar, sector_name varchar, "
        "sector_group varchar, min_due_days integer, max_due_days integer, is_on_the_spot boolean)"
    )
    con.executemany("insert into pairs values (?, ?, ?, ?, ?, ?, ?)", pairs)
    con.execute("create temp table slots as select ?::integer[] as pair_ids", [slots])
    last_day = FIRST_DAY + dt.timedelta(days=N_DAYS - 1)
    con.execute(
        GENERATE_SQL,
        {
            "n_rows": n_rows,
            "first_day": FIRST_DAY,
            "n_days": N_DAYS,
            "last_day": last_day,
            "recent_day": last_day - dt.timedelta(days=45),
        },
    )


def generated_warehouse(path: Path, n_rows: int, keep: bool) -> None:
    """A warehouse of n_rows generated dossiers at path; with keep, the one an earlier run left there."""
    if keep and path.exists():
        return
    path.unlink(missing_ok=True)
    con = connect(path)
    start = time.perf_counter()
    with transaction(con):
        generate(con, n_rows)
    print(f"Generated {n_rows:,} dossiers in {time.perf_counter() - start:.1f} s")
    con.close()


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in subprocess.run(
                ["lscpu"], capture_output=True, text=True, check=False
            ).stdout.splitlines()
            if line.startswith("Model name")
        ),
        platform.processor(),
    )
    n_cpus = subprocess.run(["nproc"], capture_output=True, text=True, check=False).stdout.strip()
    memory_gib = Path("/proc/meminfo").read_text().split()[1]
    return f"{n_cpus} cores ({model}), {int(memory_gib) / 1024 / 1024:.0f} GiB, duckdb {duckdb.__version__}"
