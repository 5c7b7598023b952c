"""An upload that fails because of a row holding an applicant's name, phone and CCCD (a broken CSV quote, a
file without a header row): neither the Tải lên page's result nor the Dữ liệu page's file list shows them."""

import csv

import pytest

from tests.helpers.dashboard import build_warehouse
from tests.helpers.exports import HEADER, PERSON, PHONE
from tests.pages.conftest import run_app
from ui.db import DB_ENV

CCCD = "001099012345"
SECRETS = (PERSON, PHONE, CCCD)


def _unclosed_quote() -> bytes:
    lines = [",".join(HEADER), f'1,H-1,"Đăng ký khai sinh,Hộ tịch,Xã Bảo Khê,{PERSON},{PHONE},{CCCD}', "2,x"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _no_header(path) -> bytes:
    data = [
        "1",
        "H-1",
        "Đăng ký khai sinh",
        "Hộ tịch",
        "UBND phường Lê Lợi",
        PERSON,
        PHONE,
        CCCD,
        "03/01/2023",
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([data, data])
    return path.read_bytes()


def _shown(at) -> str:
    elements = [*at.error, *at.warning, *at.success, *at.info, *at.markdown, *at.caption]
    return "\n".join([str(e.value) for e in elements] + [df.value.to_csv() for df in at.dataframe])


@pytest.mark.parametrize("kind", ["ngoac_kep", "khong_tieu_de"])
def test_a_failed_upload_shows_no_personal_data(tmp_path, monkeypatch, kind):
    monkeypatch.setenv(DB_ENV, str(build_warehouse(tmp_path)))
    content = _unclosed_quote() if kind == "ngoac_kep" else _no_header(tmp_path / "x.csv")
    at = run_app("06_tai_len")
    at.file_uploader[0].set_value((f"{kind}.csv", content, "text/csv"))
    at.run()
    next(b for b in at.button if b.label == "Nạp vào kho dữ liệu").click().run()
    assert not at.exception
    upload_page = _shown(at)
    assert f"{kind}.csv" in upload_page and "Không đọc được" in upload_page  # the failure is shown …
    at.switch_page("app_pages/07_du_lieu.py").run()
    assert not at.exception
    data_page = _shown(at)
    assert f"{kind}.csv" in data_page
    for secret in SECRETS:  # … without the row
        assert secret not in upload_page
        assert secret not in data_page
