"""Sign-in and roles in the app: open mode says so, a viewer gets no upload page, wrong passwords fail."""

import pytest

from pipelines import kpi
from pipelines.auth import add_user
from pipelines.periods import parse_period
from pipelines.scope import Scope
from tests.helpers.page_tiles import tile_texts
from ui.widgets import NO_ROWS_VI


@pytest.fixture
def users(tmp_path, monkeypatch):
    path = tmp_path / "users.toml"
    monkeypatch.setenv("TTHC_USERS_FILE", str(path))
    add_user("lanhdao", "mat-khau-lanh-dao", "viewer", path)
    add_user("vanphong", "mat-khau-van-phong", "uploader", path)
    return path


def sign_in(at, name, password):
    at.text_input[0].input(name)
    at.text_input[1].input(password)
    at.button[0].click()
    return at.run()


def test_open_mode_says_so_on_every_page(app):
    at = app("03_don_vi")
    assert not at.exception
    assert any("Chế độ mở" in info.value for info in at.info)


def test_sign_in_required_when_users_exist(app, users):
    at = app()
    assert not at.exception
    assert [t.value for t in at.title] == ["Đăng nhập"]
    assert not tile_texts(at)  # nothing of the data before sign-in
    at = sign_in(at, "lanhdao", "sai-mat-khau")
    assert any("không đúng" in error.value for error in at.error)
    assert not tile_texts(at)


def test_viewer_sees_data_but_cannot_upload(app, users):
    at = sign_in(app(), "lanhdao", "mat-khau-lanh-dao")
    assert not at.exception
    assert tile_texts(at)  # the overview's tiles
    assert any("lanhdao" in caption.value for caption in at.sidebar.caption)
    with pytest.raises(ValueError, match="Could not find a navigation page for .*06_tai_len"):
        at.switch_page("app_pages/06_tai_len.py").run()


def test_uploader_reaches_the_upload_page(app, users):
    at = sign_in(app(), "vanphong", "mat-khau-van-phong")
    at.switch_page("app_pages/06_tai_len.py").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Tải lên danh sách hồ sơ"]


def test_a_corrupt_warehouse_is_reported_with_the_way_out(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.pages.conftest import APP

    broken = tmp_path / "w.duckdb"
    broken.write_bytes(b"not a warehouse" * 100)
    monkeypatch.setenv("TTHC_DB", str(broken))
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    assert any("tthc rebuild" in error.value for error in at.error)


def test_an_open_mode_session_is_not_admin_after_users_appear(app, tmp_path, monkeypatch):
    path = tmp_path / "appearing" / "users.toml"
    monkeypatch.setenv("TTHC_USERS_FILE", str(path))
    at = app()
    assert any("Chế độ mở" in info.value for info in at.info)
    add_user("lanhdao", "mat-khau-lanh-dao", "viewer", path)
    at.run()
    assert [t.value for t in at.title] == ["Đăng nhập"]
    assert not tile_texts(at)
    path.unlink()  # and no way back to open mode before a restart
    at.run()
    assert [t.value for t in at.title] == ["Đăng nhập"]


@pytest.mark.parametrize(("peer", "forwarded"), [("192.0.2.7", None), (None, "192.0.2.7")])
def test_open_mode_serves_nobody_but_this_machine(app, monkeypatch, peer, forwarded):
    from ui import auth

    monkeypatch.setattr(auth, "_peer_address", lambda: peer)
    monkeypatch.setattr(auth, "_forwarded_for", lambda: forwarded)
    at = app()
    assert any("127.0.0.1" in error.value for error in at.error)
    assert not tile_texts(at) and not at.dataframe


# A unit-scoped viewer: numbers for everyone, dossiers of their own unit only.
OWN, OTHER = "tnmt", "vpdkdd"


@pytest.fixture
def scoped(tmp_path, monkeypatch, kpi_con):
    path = tmp_path / "users.toml"
    monkeypatch.setenv("TTHC_USERS_FILE", str(path))
    add_user("leloi", "mat-khau-le-loi", "viewer", path, units=[OWN])
    late = kpi.dossier_list(
        kpi_con, scope=Scope.of(parse_period("2023")), outcomes=["late", "pending_overdue"]
    )
    names = dict(late.select("unit_id", "unit_name").unique().iter_rows())
    assert {OWN, OTHER} <= set(names)  # both have overdue dossiers: an empty list means something
    return names[OWN], names[OTHER]


def scoped_app(page: str, **params):
    from tests.pages.conftest import run_app

    at = run_app(**params)
    at = sign_in(at, "leloi", "mat-khau-le-loi")
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception
    return at


def dossier_units(at) -> set[str]:
    return {unit for frame in at.dataframe if "Mã hồ sơ" in frame.value for unit in frame.value["Đơn vị"]}


def test_a_scoped_viewer_is_told_whose_view_it_is_and_sees_every_units_numbers(app, scoped, kpi_con):
    own_name, _ = scoped
    at = scoped_app("03_don_vi", ky="2023")
    caption = next(c.value for c in at.sidebar.caption if "Đang xem với tài khoản" in c.value)
    assert "leloi" in caption and own_name in caption
    assert at.title[0].value == own_name  # the Đơn vị page opens on their own unit
    at.button[0].click().run()  # ‹ Tất cả đơn vị: the ranking of every unit
    n_units = kpi_con.execute(
        "select count(*) from cat_units where unit_level in ('ward', 'commune')"
    ).fetchall()
    ranking = at.dataframe[0].value
    assert len(ranking) > 1 and len(ranking) <= n_units[0][0]


def test_a_scoped_viewers_dossier_list_holds_their_unit_only(app, scoped):
    own_name, _ = scoped
    at = scoped_app("04_ho_so", ky="2023")
    assert dossier_units(at) == {own_name}


@pytest.mark.parametrize(
    ("page", "params"),
    [
        ("04_ho_so", {"ky": "2023", "don_vi": OTHER}),
        ("02_linh_vuc", {"ky": "2023", "linh_vuc": "land", "don_vi": OTHER}),
        ("03_don_vi", {"ky": "2023", "don_vi": OTHER}),
    ],
)
def test_a_url_asking_for_another_units_dossiers_gets_none_and_says_why(app, scoped, page, params):
    at = scoped_app(page, **params)
    assert any("chỉ xem được hồ sơ chi tiết" in warning.value for warning in at.warning)
    assert dossier_units(at) == set()


def test_a_scoped_viewer_sees_no_other_uploaders_files_or_other_units_dossiers_on_the_data_page(app, scoped):
    own_name, _ = scoped
    at = scoped_app("07_du_lieu")
    # leloi uploaded nothing; the demo year's files are not theirs: no table of files, the line saying so
    assert not [frame for frame in at.dataframe if "Thời điểm nạp" in frame.value]
    assert NO_ROWS_VI in [caption.value for caption in at.main.caption]
    flagged = [frame.value for frame in at.dataframe if "Mã hồ sơ" in frame.value]
    assert all(set(frame["Đơn vị"]) <= {own_name} for frame in flagged)
