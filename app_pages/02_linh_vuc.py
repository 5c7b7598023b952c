"""Lĩnh vực: the focus groups, then every lĩnh vực; drill group or lĩnh vực → unit → its dossiers, with a
breadcrumb."""

import streamlit as st

from pipelines.labels import SECTOR_GROUP_LABELS_VI as GROUPS
from pipelines.scope import Scope
from ui import charts, db, drill, filters, tables, widgets
from ui import dossiers as dossier_filters
from ui import format as fmt

chosen = filters.current()
scope, period = chosen.scope, chosen.period
here = drill.from_params(st.query_params, GROUPS)
st.title("Kết quả theo lĩnh vực")
st.caption(period.title_vi)

if here.group:
    units = db.kpi_table("unit", scope=scope.narrowed(sector_group=here.group))
elif here.sector:
    units = db.sector_units(here.sector, scope=scope.narrowed(sector_group=None))
else:
    units = None
unit_names = tables.unit_names(units) if units is not None else {}
scope_name = GROUPS[here.group] if here.group else here.sector
drill_key = here.group or here.sector
widgets.breadcrumb(drill.crumbs(here, GROUPS, unit_names.get(here.unit_id)))

if here.level == "groups":
    groups = tables.with_group_labels(db.kpi_table("sector_group", scope=scope))
    st.subheader("Trước hạn, đúng hạn, quá hạn theo nhóm lĩnh vực")
    st.caption("Chọn một nhóm trên biểu đồ hoặc trong bảng để xem từng đơn vị.")
    bars = charts.outcome_bars(groups, "label", "key")
    chosen = widgets.pick(bars, tables.group_rows(groups), groups["key"], key=f"groups_{period.name}")
    if chosen:
        widgets.go_to(drill.into(here, chosen))
    st.subheader("Mức độ hài lòng của các lĩnh vực trọng tâm")
    focus = tables.own_group_targets(db.targets_status(scope=scope), "satisfaction_rate")
    st.plotly_chart(charts.target_bars(focus, "label"))
    st.subheader("Tất cả lĩnh vực")
    st.caption("Chọn một lĩnh vực để xem từng đơn vị.")
    sectors = db.kpi_table("sector", scope=scope)
    bars = charts.outcome_bars(sectors, "key", "key")
    chosen = widgets.pick(bars, tables.sector_rows(sectors), sectors["key"], key=f"sectors_{period.name}")
    if chosen:
        widgets.go_to(drill.into_sector(chosen))
elif here.level == "units":
    st.subheader(f"{scope_name}: kết quả theo đơn vị")
    st.caption("Chọn một đơn vị để xem danh sách hồ sơ.")
    bars = charts.outcome_bars(units, "key", "unit_id")
    chosen = widgets.pick(
        bars, tables.unit_rows(units), units["unit_id"], key=f"units_{drill_key}_{period.name}"
    )
    if chosen:
        widgets.go_to(drill.into(here, chosen))
else:
    unit_scope = Scope.of(period, sector_group=here.group, unit_id=here.unit_id)
    listed = db.dossier_list(scope=unit_scope)
    dossiers = tables.dossiers(dossier_filters.narrowed(listed, None, here.sector))
    st.subheader(f"Hồ sơ {scope_name.lower()} của {unit_names.get(here.unit_id, here.unit_id)}")
    st.caption(f"{fmt.number(dossiers.height)} hồ sơ được tính trong kỳ, quá hạn nhiều ngày nhất trước.")
    widgets.dossier_table(dossiers)
    st.page_link(
        "app_pages/04_ho_so.py",
        label="Lọc, phân trang và tải danh sách ở trang Hồ sơ",
        icon=":material/open_in_new:",
        query_params={
            "ky": period.name,
            "don_vi": here.unit_id,
            **({"nhom": here.group} if here.group else {"ten_linh_vuc": here.sector}),
        },
    )
