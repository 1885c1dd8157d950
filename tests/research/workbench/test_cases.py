"""Cases with typed attributes, registry records as cases, attributes from CSV, XLSX, a survey."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from sistercities.errors import ConflictError, InputError, NotFoundError
from sistercities.operations import research as ops
from sistercities.registry.records import PlaceInput, add_relationship, get_or_add_place
from sistercities.registry.store import Registry
from tests.research.survey import cuenca
from tests.research.workbench.conftest import write


@pytest.fixture
def people(registry: Registry, project: str, tmp_path: Path) -> str:
    files = [
        write(tmp_path / "ana.txt", "Ana: my brother sends remittances from Peekskill."),
        write(tmp_path / "bo.txt", "Bo: the artisan market needs buyers abroad."),
    ]
    ops.import_documents(registry, project=project, files=files)
    ops.add_case(registry, project=project, name="Ana", documents=["ana.txt"])
    ops.add_case(registry, project=project, name="Bo", documents=["bo.txt"])
    return project


@pytest.mark.parametrize(
    ("kind", "raw", "stored"),
    [
        ("integer", "2008", 2008),
        ("float", "0.75", 0.75),
        ("boolean", "Yes", True),
        ("boolean", "false", False),
        ("date", "2024-03-09", "2024-03-09"),
        ("text", " Cuenca ", "Cuenca"),
    ],
)
def test_typed_values_are_checked_and_kept(
    registry: Registry, people: str, kind: str, raw: str, stored: object
) -> None:
    ops.define_attribute(registry, project=people, name="value", type=kind)
    result = ops.set_attribute(registry, project=people, case="Ana", attribute="value", value=raw)
    assert result["value"] == stored
    assert ops.list_cases(registry, project=people)[0]["attributes"] == {"value": stored}


@pytest.mark.parametrize(
    ("kind", "raw", "message"),
    [
        ("integer", "twelve", "'twelve' is not a whole number"),
        ("integer", "1,200", "not a whole number"),
        ("float", "nan", "not a number"),
        ("boolean", "maybe", "not a boolean"),
        ("date", "09/03/2024", "not a date \\(YYYY-MM-DD\\)"),
    ],
)
def test_a_value_of_the_wrong_type_is_refused_and_nothing_changes(
    registry: Registry, people: str, kind: str, raw: str, message: str
) -> None:
    ops.define_attribute(registry, project=people, name="value", type=kind)
    with pytest.raises(InputError, match=message):
        ops.set_attribute(registry, project=people, case="Ana", attribute="value", value=raw)
    assert ops.list_cases(registry, project=people)[0]["attributes"] == {}


def test_an_attribute_keeps_its_type(registry: Registry, people: str) -> None:
    ops.define_attribute(registry, project=people, name="age", type="integer")
    with pytest.raises(ConflictError, match="already of type integer"):
        ops.define_attribute(registry, project=people, name="age", type="text")


def test_attributes_from_a_csv_one_row_per_case(
    registry: Registry, people: str, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "cases.csv",
        "case,age,migrant,arrived\nAna,34,yes,2019-05-01\nBo,51,no,\nCy,28,yes,2021-01-15\n",
    )
    result = ops.import_attributes(registry, project=people, file=path)
    assert (result["rows"], result["cases_created"], result["values"]) == (3, 1, 8)
    assert result["attributes"] == [
        {"name": "age", "type": "integer"},
        {"name": "migrant", "type": "boolean"},
        {"name": "arrived", "type": "date"},
    ]
    cases = {c["name"]: c["attributes"] for c in ops.list_cases(registry, project=people)}
    assert cases["Bo"] == {"age": 51, "migrant": False}
    assert cases["Cy"] == {"age": 28, "migrant": True, "arrived": "2021-01-15"}


def test_a_csv_with_one_bad_value_changes_nothing(
    registry: Registry, people: str, tmp_path: Path
) -> None:
    path = write(tmp_path / "cases.csv", "case,age\nAna,34\nBo,fifty\n")
    with pytest.raises(InputError, match="line 3: age: 'fifty' is not a whole number"):
        ops.import_attributes(registry, project=people, file=path, types={"age": "integer"})
    assert [c["attributes"] for c in ops.list_cases(registry, project=people)] == [{}, {}]
    assert ops.list_attributes(registry, project=people) == []


def test_attributes_from_an_xlsx(registry: Registry, people: str, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["person", "household", "share"])
    sheet.append(["Ana", 4, 0.5])
    sheet.append(["Bo", 2, 0.25])
    path = tmp_path / "cases.xlsx"
    book.save(path)
    ops.import_attributes(registry, project=people, file=path, case_column="person")
    cases = {c["name"]: c["attributes"] for c in ops.list_cases(registry, project=people)}
    assert cases == {"Ana": {"household": 4, "share": 0.5}, "Bo": {"household": 2, "share": 0.25}}


def test_attributes_from_a_survey_of_the_registry(
    registry: Registry, project: str, tmp_path: Path
) -> None:
    from sistercities.research.survey.questions import load_map
    from sistercities.research.survey.service import import_survey

    data, qmap = cuenca.write(tmp_path / "cuenca")
    with registry.session() as session:
        import_survey(session, data, load_map(qmap), name="cuenca-staff")
    result = ops.import_survey_attributes(
        registry, project=project, survey="cuenca-staff", questions=["family_us", "years"]
    )
    assert (result["respondents"], result["cases_created"]) == (131, 131)
    cases = ops.list_cases(registry, project=project)
    families = [c["attributes"].get("family_us") for c in cases]
    assert families.count("Yes") == 103 and families.count("No") == 28  # the 78.6 % of 004
    assert {a["name"]: a["type"] for a in ops.list_attributes(registry, project=project)} == {
        "family_us": "text",
        "years": "float",
    }
    with pytest.raises(InputError, match="no question 'department'"):
        ops.import_survey_attributes(
            registry, project=project, survey="cuenca-staff", questions=["department"]
        )


def test_what_the_interviews_say_about_a_relationship(
    registry: Registry, project: str, tmp_path: Path
) -> None:
    with registry.session() as session:
        rel = add_relationship(
            session,
            get_or_add_place(session, PlaceInput("Cuenca", "EC")),
            get_or_add_place(session, PlaceInput("Peekskill", "US")),
        )
        rel_id = rel.id
    attached = write(tmp_path / "a.txt", "The Peekskill parade brought the two cities together.")
    other = write(tmp_path / "b.txt", "Nothing about that relationship here.")
    ops.import_documents(
        registry, project=project, files=[attached], attach=[f"relationship:{rel_id}"]
    )
    ops.import_documents(registry, project=project, files=[other])
    ops.add_case(
        registry, project=project, name="Cuenca-Peekskill", entity=f"relationship:{rel_id}"
    )
    ops.add_code(registry, project=project, name="Festivals")
    ops.code_span(registry, project=project, document="a.txt", start=4, end=20, code="Festivals")
    ops.code_span(registry, project=project, document="b.txt", start=0, end=7, code="Festivals")
    said = ops.case_codings(registry, project=project, case="Cuenca-Peekskill")
    assert said["case"]["entity"] == f"relationship:{rel_id}"
    assert (said["documents"], said["codings"]) == (1, 1)
    assert said["codes"][0]["codings"][0]["text"] == "Peekskill parade"
    with pytest.raises(NotFoundError, match="no place with id 4242"):
        ops.add_case(registry, project=project, name="Nowhere", entity="place:4242")


def test_matrix_by_attribute_values(registry: Registry, people: str) -> None:
    ops.define_attribute(registry, project=people, name="migrant", type="boolean")
    ops.set_attribute(registry, project=people, case="Ana", attribute="migrant", value="yes")
    ops.set_attribute(registry, project=people, case="Bo", attribute="migrant", value="no")
    ops.add_code(registry, project=people, name="Remittances")
    ops.code_span(
        registry, project=people, document="ana.txt", start=20, end=31, code="Remittances"
    )
    result = ops.matrix(registry, project=people, cols="migrant")
    assert result["columns"] == ["migrant=false", "migrant=true"]
    assert result["cells"] == [
        [
            {"references": 0, "documents": 0, "characters": 0},
            {"references": 1, "documents": 1, "characters": 11},
        ]
    ]
    with pytest.raises(InputError, match="cases, documents or an attribute"):
        ops.matrix(registry, project=people, cols="nonsense")
