"""Sign-in and roles in the app: open mode says so, a viewer gets no upload page, wrong passwords fail."""

import pytest

from pipelines.auth import add_user


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
    assert not at.metric  # nothing of the data before sign-in
    at = sign_in(at, "lanhdao", "sai-mat-khau")
    assert any("không đúng" in error.value for error in at.error)
    assert not at.metric


def test_viewer_sees_data_but_cannot_upload(app, users):
    at = sign_in(app(), "lanhdao", "mat-khau-lanh-dao")
    assert not at.exception
    assert at.metric  # the overview's tiles
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
