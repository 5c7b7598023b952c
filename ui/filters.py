"""Filters kept in the URL (?ky=BC-2023-Q1&nhom=land&cap=ward), so a forwarded link opens the same view.

The sidebar's filters are shared by every page; a page may add its own with `url_choice`. Values are
written to the URL by hand rather than with bind="query-params", which would put the Vietnamese labels
there and leave out a default that moves as data arrives. A URL value that differs from what this
session last wrote came from a link or a drill-down, and wins over the widget's state.

The shared filters are worked out before the page (`choose`) and their widgets drawn after it
(`sidebar`): the front end draws whatever has arrived in one go, so widgets sent before the page's first
numbers delay them (bench/README, issue 15). A run the page ends early with st.rerun (a drill-down) draws
no widgets; Streamlit keeps their state for the run that follows.
"""

from dataclasses import dataclass

import streamlit as st

from pipelines.labels import SECTOR_GROUP_LABELS_VI, UNIT_LEVEL_FILTER_LABELS_VI
from pipelines.periods import Period
from pipelines.scope import Scope

PERIOD_PARAM, GROUP_PARAM, LEVEL_PARAM = "ky", "nhom", "cap"
SHARED_PARAMS = (PERIOD_PARAM, GROUP_PARAM, LEVEL_PARAM)
KIND_LABELS_VI = {
    "month": "Tháng",
    "quarter": "Quý",
    "half": "6 tháng",
    "year": "Năm",
    "bc_month": "Kỳ báo cáo tháng",
    "bc_quarter": "Kỳ báo cáo quý",
    "bc_6t": "Kỳ báo cáo 6 tháng",
    "bc_9t": "Kỳ báo cáo 9 tháng",
    "bc_year": "Kỳ báo cáo năm",
}
DEFAULT_KIND = "year"
ALL_LABEL = "Tất cả"
_ALL = ""  # the "all" option: an empty code rather than None, which the selectbox would offer to clear
_STATE_KEY = "shared_filters"
NO_DATA_SIDEBAR_VI = "Chưa có hồ sơ nào trong kho dữ liệu: hãy tải tệp lên ở trang «Tải lên»."


@dataclass(frozen=True)
class Filters:
    period: Period
    sector_group: str | None
    unit_level: str | None

    @property
    def scope(self) -> Scope:
        """What the KPI functions take: the period with the sector-group and unit-level filters."""
        return Scope.of(self.period, sector_group=self.sector_group, unit_level=self.unit_level)


def _from_link(param: str) -> str | None:
    """The URL's value when a link or drill-down set it, None when it is what this session wrote."""
    value = st.query_params.get(param)
    return None if value == st.session_state.get(f"url_{param}") else value


def _write(param: str, value: str | None) -> None:
    st.session_state[f"url_{param}"] = value
    if value is None:
        st.query_params.pop(param, None)
    else:
        st.query_params[param] = value


def url_choice(
    label: str, param: str, labels: dict[str, str], all_label: str = ALL_LABEL, default: str = _ALL
) -> str | None:
    """A selectbox of codes, "Tất cả" (None) first, kept in the URL; `default` is chosen until the user
    or a link chooses."""
    value = _url_value(param, labels, default)
    _url_selectbox(label, param, labels, all_label)
    return value


def _url_value(param: str, labels: dict[str, str], default: str) -> str | None:
    """url_choice's value, written to the URL, before its selectbox is drawn."""
    key = f"choice_{param}"
    requested = _from_link(param)
    if requested in labels:
        st.session_state[key] = requested
    _keep_valid(key, _options(labels), default)
    value = st.session_state[key] or None
    _write(param, value)
    return value


def _url_selectbox(label: str, param: str, labels: dict[str, str], all_label: str = ALL_LABEL) -> None:
    st.selectbox(
        label, _options(labels), format_func=lambda code: labels.get(code, all_label), key=f"choice_{param}"
    )


def _options(labels: dict[str, str]) -> list[str]:
    return [_ALL, *labels]


def default_period(periods: list[Period]) -> Period:
    """The latest year the data has (the latest period of any kind without one)."""
    years = [period for period in periods if period.kind == DEFAULT_KIND]
    return (years or periods)[0]


def _keep_valid(key: str, options: list, default) -> None:
    if st.session_state.get(key) not in options:
        st.session_state[key] = default


def _period_choice(periods: list[Period], opening: Period | None) -> Period:
    requested = {p.name: p for p in periods}.get(_from_link(PERIOD_PARAM))
    if requested is None and PERIOD_PARAM not in st.query_params and opening in periods:
        requested = opening  # the page opened without a period in its URL
    if requested is not None:
        st.session_state["filter_kind"] = requested.kind
        st.session_state[f"filter_period_{requested.kind}"] = requested
    _keep_valid("filter_kind", _kinds(periods), default_period(periods).kind)  # the data may have changed
    kind = st.session_state["filter_kind"]
    of_kind = _of_kind(periods, kind)
    _keep_valid(f"filter_period_{kind}", of_kind, of_kind[0])
    period = st.session_state[f"filter_period_{kind}"]
    _write(PERIOD_PARAM, period.name)
    return period


def _kinds(periods: list[Period]) -> list[str]:
    return [kind for kind in KIND_LABELS_VI if any(p.kind == kind for p in periods)]


def _of_kind(periods: list[Period], kind: str) -> list[Period]:
    return [period for period in periods if period.kind == kind]  # the most recent first


def choose(periods: list[Period], opening: Period | None = None) -> None:
    """Work out the shared filters from the URL and the session, for the page to read (`current`), before
    anything is drawn. `opening`: the period a page shows when it opens without one in its URL (else the
    latest year)."""
    if not periods:
        st.session_state[_STATE_KEY] = None
        return
    st.session_state[_STATE_KEY] = Filters(
        _period_choice(periods, opening),
        _url_value(GROUP_PARAM, SECTOR_GROUP_LABELS_VI, _ALL),
        _url_value(LEVEL_PARAM, UNIT_LEVEL_FILTER_LABELS_VI, _ALL),
    )


def sidebar(periods: list[Period]) -> None:
    """The shared filters' widgets, showing what `choose` chose (a note instead while the warehouse has no
    dated dossier)."""
    with st.sidebar:
        st.header("Bộ lọc")
        if not periods:
            st.info(NO_DATA_SIDEBAR_VI)
            return
        kind = st.selectbox("Loại kỳ", _kinds(periods), format_func=KIND_LABELS_VI.get, key="filter_kind")
        period = st.selectbox(
            "Kỳ", _of_kind(periods, kind), format_func=lambda p: p.label_vi, key=f"filter_period_{kind}"
        )
        st.caption(f"Từ ngày {period.from_date:%d/%m/%Y} đến ngày {period.to_date:%d/%m/%Y}")
        _url_selectbox("Nhóm lĩnh vực", GROUP_PARAM, SECTOR_GROUP_LABELS_VI)
        _url_selectbox("Cấp đơn vị", LEVEL_PARAM, UNIT_LEVEL_FILTER_LABELS_VI)


def shared_params() -> dict[str, str]:
    """The sidebar's filters as the URL holds them, for a link that keeps them."""
    return {name: st.query_params[name] for name in SHARED_PARAMS if name in st.query_params}


def current() -> Filters:
    """The filters app.py chose for this run; a page without data stops here with a note."""
    filters = st.session_state.get(_STATE_KEY)
    if filters is None:
        st.info("Chưa có dữ liệu để hiển thị. Tải tệp xuất danh sách hồ sơ lên ở trang «Tải lên».")
        sidebar([])  # the page stops here, before app.py would draw it
        st.stop()
    return filters
