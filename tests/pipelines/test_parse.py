"""Parsers of cell text: tables of (input, expected), bad inputs included, and property tests."""

import datetime as dt
import unicodedata

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipelines.parse import parse_datetime, parse_datetime_series
from pipelines.settings import catalogue_dir
from pipelines.text import fold, nfc, unit_key
from pipelines.vocabulary import load_vocabulary

VOCABULARY = load_vocabulary(catalogue_dir())

DATES = [
    ("05/01/2023", dt.datetime(2023, 1, 5)),
    ("5/1/2023", dt.datetime(2023, 1, 5)),
    ("05/01/2023 09:05", dt.datetime(2023, 1, 5, 9, 5)),
    ("05/01/2023 09:05:07", dt.datetime(2023, 1, 5, 9, 5, 7)),
    ("2023-01-05", dt.datetime(2023, 1, 5)),
    ("2023-01-05 09:30:00", dt.datetime(2023, 1, 5, 9, 30)),
    ("2023-01-05 09:29:59.9996", dt.datetime(2023, 1, 5, 9, 30)),  # Excel's sub-second noise
    ("44931", dt.datetime(2023, 1, 5)),  # Excel serial
    ("44931.3958333", dt.datetime(2023, 1, 5, 9, 30)),
    ("  12/11/2023 ", dt.datetime(2023, 11, 12)),  # day-first, never month-first
    ("29/02/2024", dt.datetime(2024, 2, 29)),
    ("31/02/2023", None),
    ("29/02/2023", None),
    ("13/13/2023", None),
    ("abc", None),
    ("", None),
    (None, None),
]


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_parse_datetime(text, expected):
    parsed = pl.DataFrame({"d": [text]}, schema={"d": pl.String}).select(parse_datetime("d")).item()
    assert parsed == expected


@given(st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2099, 12, 31)))
def test_day_first_text_round_trips(moment):
    moment = moment.replace(microsecond=0)
    texts = [moment.strftime("%d/%m/%Y %H:%M:%S"), moment.strftime("%Y-%m-%d %H:%M:%S")]
    parsed = pl.DataFrame({"d": texts}).select(parse_datetime("d"))["d"].to_list()
    assert parsed == [moment, moment]


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_excel_serial_round_trips(day):
    serial = (day - dt.date(1899, 12, 30)).days
    parsed = pl.DataFrame({"d": [str(serial)]}).select(parse_datetime("d")).item()
    assert parsed == dt.datetime.combine(day, dt.time())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trực tuyến", "online"),
        ("Nộp trực tuyến", "online"),
        ("DVC trực tuyến", "online"),
        ("Qua mạng", "online"),
        ("Cổng DVC", "online"),
        ("2", "online"),
        ("Truc tuyen", "online"),
        ("Trực tiếp", "in_person"),
        ("Tại quầy", "in_person"),
        ("Một cửa", "in_person"),
        ("1", "in_person"),
        ("Bưu chính", "postal"),
        ("Bưu chính công ích", "postal"),
        ("BCCI", "postal"),
        ("Qua bưu điện", "postal"),
        ("3", "postal"),
        ("Nộp trực tiếp tại Bộ phận một cửa", "in_person"),
        ("Dịch vụ bưu chính công ích", "postal"),
        ("", None),
        (None, None),
        ("Fax", "unknown"),
    ],
)
def test_channel_code(text, expected):
    assert VOCABULARY.code("channel", text, "unknown") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rất hài lòng", "very_satisfied"),
        ("Hài lòng", "satisfied"),
        ("HÀI LÒNG", "satisfied"),
        ("Bình thường", "neutral"),
        ("Chấp nhận được", "neutral"),
        ("Không hài lòng", "unsatisfied"),
        ("Rất không hài lòng", "unsatisfied"),
        ("", None),
        (None, None),
    ],
)
def test_rating_code(text, expected):
    assert VOCABULARY.code("rating", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # not received: refused at intake, or submitted online and not yet accepted
        ("Không được tiếp nhận", "not_received"),
        ("Từ chối tiếp nhận", "not_received"),  # the longest phrase wins over a bare "Từ chối"
        ("Không tiếp nhận", "not_received"),
        ("Mới đăng ký", "not_received"),
        ("Chờ tiếp nhận", "not_received"),
        ("CHỜ TIẾP NHẬN", "not_received"),
        # withdrawn, cancelled, returned
        ("Rút", "withdrawn"),
        ("Đã rút hồ sơ", "withdrawn"),
        ("Công dân yêu cầu rút hồ sơ", "withdrawn"),
        ("Dừng xử lý", "withdrawn"),
        ("Hủy", "withdrawn"),
        ("Đã hủy", "withdrawn"),
        ("Đã huỷ", "withdrawn"),
        ("Trả lại", "withdrawn"),
        ("Từ chối", "withdrawn"),
        ("Từ chối giải quyết", "withdrawn"),
        # finished-sounding and open
        ("Đã trả kết quả", "finished"),
        ("Đã xử lý xong", "finished"),
        ("Hoàn thành", "finished"),
        ("Đang xử lý", "open"),
        ("Chờ bổ sung", "open"),
        ("Mới tiếp nhận", "open"),
        ("Được tiếp nhận", "open"),
        ("Yêu cầu bổ sung giấy tờ", "open"),
        ("Yêu cầu thực hiện nghĩa vụ tài chính", "open"),
        ("Trạng thái lạ", None),
        (None, None),
    ],
)
def test_status_kind_by_longest_phrase(text, expected):
    assert VOCABULARY.status_kind(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Toàn trình", "full"),
        ("DVC toàn trình", "full"),
        ("Một phần", "partial"),
        ("Trực tiếp", "none"),
        ("", None),
        (None, None),
    ],
)
def test_service_level_code(text, expected):
    assert VOCABULARY.code("service_level", text, "none") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Có", True),
        ("x", True),
        ("X", True),
        ("✓", True),
        ("1", True),
        ("Đã đồng bộ", True),
        ("Đã số hóa", True),
        ("Có kết quả điện tử", True),
        ("Không", False),
        ("Chưa", False),
        ("Chưa đồng bộ", False),
        ("0", False),
        ("", False),
        (None, False),
    ],
)
def test_yes_no(text, expected):
    assert VOCABULARY.is_yes(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Trực tuyến", "yes"), ("Thanh toán qua Cổng DVC", "yes"), ("Tiền mặt", None), ("Chuyển khoản", None)],
)
def test_payment_method(text, expected):
    assert VOCABULARY.code("payment_method", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Trước hạn", "early"), ("Đúng hạn", "on_time"), ("Quá hạn", "late"), ("Trễ hạn", "late"), ("", None)],
)
def test_outcome_code(text, expected):
    assert VOCABULARY.code("outcome_reported", text) == expected


@pytest.mark.parametrize(
    "spelling",
    [
        "UBND phường Lê Lợi",
        "Phường Lê Lợi",
        "UBND P. Lê Lợi",
        "P. Lê Lợi",
        "Ủy ban nhân dân phường Lê Lợi",
        "ubnd  p.le loi",
        "PHUONG LE LOI",
        unicodedata.normalize("NFD", "UBND Phường Lê Lợi"),
    ],
)
def test_unit_spellings_share_one_key(spelling):
    assert unit_key(spelling) == "phuong le loi"


vietnamese_text = st.text(
    alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ .-,()&ĐÂÊÔƠƯ",
    max_size=40,
)


@given(vietnamese_text)
def test_fold_ignores_form_case_and_spacing(text):
    nfd = unicodedata.normalize("NFD", text)
    assert fold(nfd) == fold(text) == fold(text.upper()) == fold(f"  {text}  ")
    assert fold(fold(text)) == fold(text)
    assert fold(text).isascii()


@given(vietnamese_text)
def test_unit_key_ignores_prefixes_and_forms(text):
    name = f"Phường {text}"
    assert unit_key(f"UBND {name}") == unit_key(unicodedata.normalize("NFD", name)) == unit_key(name)


@given(vietnamese_text)
def test_nfc_is_stable(text):
    assert nfc(unicodedata.normalize("NFD", text)) == nfc(text)
    assert unicodedata.is_normalized("NFC", nfc(text))


def test_series_parser_equals_the_expression_on_mixed_columns():
    texts = ["05/01/2023"] * 2500 + [
        None,
        "",
        "2023-01-05 09:30:00",
        "44931.5",
        "31/02/2023",
        "x",
        "5/1/2023 7:05",
    ]
    series = pl.Series("d", texts)
    assert (
        parse_datetime_series(series).to_list()
        == pl.DataFrame({"d": series}).select(parse_datetime("d"))["d"].to_list()
    )
