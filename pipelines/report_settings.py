"""Who reports to whom: the settings of the period reports (catalogues/report.csv), so that a next city
changes only data."""

import csv
from dataclasses import dataclass
from pathlib import Path

from pipelines.errors import TthcError
from pipelines.settings import catalogue_dir

FILE_NAME = "report.csv"


@dataclass(frozen=True)
class ReportSettings:
    issuer_name: str  # Đơn vị báo cáo of the summary sheet, and the body issuing the narrative report
    issuer_heading: tuple[str, ...]  # its name as the heading writes it, line by line
    document_code: str  # Số: …/BC-UBND
    place: str  # Hưng Yên, ngày … tháng … năm …
    receiving_unit: str  # Đơn vị nhận báo cáo of the summary sheet
    unit_receiving_unit: str  # Đơn vị nhận báo cáo of a unit's own sheet
    signer_authority: str
    signer_title: str
    recipients: tuple[str, ...]  # Nơi nhận

    @property
    def place_and_blank_date(self) -> str:
        """The place-and-date line, the date left for the office to fill in when it signs."""
        return f"{self.place}, ngày …… tháng …… năm ……"


def _parts(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(";") if part.strip())


def load_report_settings(folder: Path | None = None) -> ReportSettings:
    path = (folder or catalogue_dir()) / FILE_NAME
    with path.open(encoding="utf-8", newline="") as handle:
        values = {row["key"].strip(): row["value"].strip() for row in csv.DictReader(handle)}
    try:
        return ReportSettings(
            issuer_name=values["issuer_name"],
            issuer_heading=_parts(values["issuer_heading"]),
            document_code=values["document_code"],
            place=values["place"],
            receiving_unit=values["receiving_unit"],
            unit_receiving_unit=values["unit_receiving_unit"],
            signer_authority=values["signer_authority"],
            signer_title=values["signer_title"],
            recipients=_parts(values["recipients"]),
        )
    except KeyError as missing:
        raise TthcError(f"Thiếu dòng {missing} trong {path} (thiết lập báo cáo định kỳ).") from None
