"""What the zip-bomb guard costs (run by hand): inflating every member of the workbook once to count its
bytes, beside calamine's read of the same file (what the ingest does next), in the same run.

    python -m bench.bench_zip_guard [--rows 1000000 100000] [--runs 5] [--ingest-runs 3]

The .xlsx files of bench.bench_ingest (made there when missing; an .ods costs the guard the same per
unpacked byte). Medians of --runs; the ratio is the guard's time over calamine's read. With --ingest-runs,
also `tthc ingest` of the largest file end to end, alternately with the guard and with the check before it
(the sum of the sizes the zip declares), each run in a fresh process.
"""

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import fastexcel

from bench.bench_ingest import BODIES, measure, write_files
from pipelines.zip_guard import unpacked_size

# The guard as it was before: the zip's declared sizes, summed.
DECLARED_ONLY = """
import zipfile
from pipelines import read_workbook
def declared(path, original_name, max_unpacked):
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(member.file_size for member in archive.infolist())
    return "too large" if unpacked > max_unpacked else None
read_workbook._zip_problem = declared
"""
INGEST = """
from pipelines.ingest import ingest_files
r = ingest_files(Path(sys.argv[2]), [Path(sys.argv[1])])[0]
assert r.status == "loaded", r
"""
BODIES.update(guard=INGEST, declared=DECLARED_ONLY + INGEST)  # run by bench_ingest's measuring subprocess

NO_CAP = 1 << 62


def _guard(path: Path) -> int:
    return unpacked_size(path, NO_CAP)


def _calamine(path: Path) -> int:
    reader = fastexcel.read_excel(path)
    return sum(
        reader.load_sheet(name, header_row=None, dtypes="string").height for name in reader.sheet_names
    )


def _median_seconds(func, path: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        func(path)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _ingest_medians(path: Path, runs: int) -> tuple[float, float]:
    """(with the guard, with the declared sizes only), medians over runs taken alternately."""
    samples: dict[str, list[float]] = {"guard": [], "declared": []}
    for _ in range(runs):
        for label in samples:
            with tempfile.TemporaryDirectory() as folder:
                samples[label].append(measure(label, path, Path(folder) / "w.duckdb")["seconds"])
    return statistics.median(samples["guard"]), statistics.median(samples["declared"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--ingest-runs", type=int, default=0)
    args = parser.parse_args()
    files = [write_files(n)[1] for n in args.rows]
    print("| file | size | unpacked | guard (median) | calamine read (median) | guard / read |")
    print("|---|---:|---:|---:|---:|---:|")
    for path in files:
        guard = _median_seconds(_guard, path, args.runs)
        read = _median_seconds(_calamine, path, args.runs)
        print(
            f"| {path.name} | {path.stat().st_size / 1e6:.1f} MB | {_guard(path) / 1e6:.0f} MB | "
            f"{guard:.2f} s | {read:.2f} s | {guard / read:.1%} |"
        )
    if args.ingest_runs:
        with_guard, declared = _ingest_medians(files[0], args.ingest_runs)
        print(
            f"\n`tthc ingest` {files[0].name}, median of {args.ingest_runs}: with the guard "
            f"{with_guard:.2f} s, declared sizes only {declared:.2f} s, ratio {with_guard / declared:.3f}"
        )


if __name__ == "__main__":
    main()
