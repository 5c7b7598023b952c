"""docs/definitions.md: its KPI and dimension sections are the ones definitions/ gives today."""

from pipelines import definitions_doc


def test_the_generated_sections_are_current():
    text = definitions_doc.DOC_PATH.read_text(encoding="utf-8")
    assert definitions_doc.current_text(text) == text, "run: python -m pipelines.definitions_doc"


def test_every_kpi_and_dimension_is_in_the_document():
    block = definitions_doc.render()
    names = [k.key for k in definitions_doc.definitions.kpis()]
    names += [d.name for d in definitions_doc.definitions.dimensions()]
    assert [name for name in names if f"| `{name}` |" not in block] == []


def test_check_fails_on_a_stale_file_and_rewriting_makes_it_current(tmp_path):
    stale = tmp_path / "definitions.md"
    stale.write_text(
        f"# x\n\n{definitions_doc.BEGIN}\nold\n{definitions_doc.END}\n\nhand-written\n", encoding="utf-8"
    )
    assert definitions_doc.main(["--check", "--path", str(stale)]) == 1
    assert definitions_doc.main(["--path", str(stale)]) == 0
    assert definitions_doc.main(["--check", "--path", str(stale)]) == 0
    assert stale.read_text(encoding="utf-8").endswith(f"{definitions_doc.END}\n\nhand-written\n")
