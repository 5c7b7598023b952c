-- The unit-level filter of every KPI macro: NULL = all levels; 'ward_commune' = the wards and communes
-- together (the 17 local units ranked as one list); otherwise one level.
create or replace macro int_unit_level_matches(unit_level, unit_level_filter) as
    unit_level_filter is null
    or unit_level = unit_level_filter
    or (unit_level_filter = 'ward_commune' and unit_level in ('ward', 'commune'))
