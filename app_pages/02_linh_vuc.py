"""Lĩnh vực: the focus groups, then every lĩnh vực; drill group or lĩnh vực → unit → its dossiers, with a
breadcrumb."""

import streamlit as st

from pipelines.labels import SECTOR_GROUP_LABELS_VI as GROUPS
from pipelines.scope import Scope
from ui import auth, chart_text, charts, db, drill, filters, tables, widgets
from ui import dossiers as dossier_filters
from ui import format as fmt

shared = filters.current()
scope, period = shared.scope, shared.period
# Only known groups, lĩnh vực and units are taken from the URL (any other text there is dropped).
here = drill.from_params(
    st.query_params, GROUPS, db.kpi_table("sector", scope=scope.narrowed(sector_group=None))["key"]
)
st.title("Kết quả theo lĩnh vực")
st.caption(period.title_vi)

if here.group:
    units = db.kpi_table("unit", scope=scope.narrowed(sector_group=here.group))
elif here.sector:
    units = db.sector_units(here.sector, scope=scope.narrowed(sector_group=None))
else:
    units = None
unit_names = tables.unit_names(units) if units is not None else {}
here = drill.known_unit(here, unit_names)
scope_name = GROUPS[here.group] if here.group else here.sector
drill_key = here.group or here.sector
widgets.breadcrumb(drill.crumbs(here, GROUPS, unit_names.get(here.unit_id)))

if here.level == "groups":
    groups = tables.with_group_labels(db.kpi_table("sector_group", scope=scope))
    chosen = widgets.pick(
        charts.outcome_bars(groups, "label", "key"),
        "Trước hạn, đúng hạn, quá hạn theo nhóm lĩnh vực",
        chart_text.outcome_summary(groups, "label"),
        tables.group_rows(groups),
        groups["key"],
        key=f"groups_{period.name}",
        action="xem từng đơn vị của nhóm",
        name_column="Nhóm lĩnh vực",
    )
    if chosen:
        widgets.go_to(drill.into(here, chosen))
    focus = tables.own_group_targets(db.targets_status(scope=scope), "satisfaction_rate")
    widgets.chart(
        charts.target_bars(focus, "label"),
        "Tỷ lệ hài lòng của các lĩnh vực trọng tâm so với chỉ tiêu",
        chart_text.target_summary(focus, "label"),
    )
    sectors = db.kpi_table("sector", scope=scope)
    chosen = widgets.pick(
        charts.outcome_bars(sectors, "key", "key"),
        "Trước hạn, đúng hạn, quá hạn theo từng lĩnh vực",
        chart_text.outcome_summary(sectors, "key"),
        tables.sector_rows(sectors),
        sectors["key"],
        key=f"sectors_{period.name}",
        action="xem từng đơn vị của lĩnh vực",
        name_column="Lĩnh vực",
    )
    if chosen:
        widgets.go_to(drill.into_sector(chosen))
elif here.level == "units":
    chosen = widgets.pick(
        charts.outcome_bars(tables.with_short_unit_names(units, "key"), "short_name", "unit_id"),
        f"{scope_name}: kết quả theo đơn vị",
        chart_text.outcome_summary(units, "key"),
        tables.unit_rows(units),
        units["unit_id"],
        key=f"units_{drill_key}_{period.name}",
        action="xem danh sách hồ sơ của đơn vị",
        name_column="Đơn vị",
    )
    if chosen:
        widgets.go_to(drill.into(here, chosen))
else:
    unit_scope = Scope.of(period, sector_group=here.group, unit_id=here.unit_id)
    listed = db.dossier_list(scope=unit_scope)
    dossiers = tables.dossiers(dossier_filters.narrowed(listed, None, here.sector))
    st.subheader(fmt.md(f"Hồ sơ {scope_name.lower()} của {unit_names[here.unit_id]}"))
    auth.dossier_notice(here.unit_id)
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
