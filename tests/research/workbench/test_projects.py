"""Projects, members and roles: a researcher sees only the projects they belong to."""

from __future__ import annotations

import pytest

from sistercities.errors import ConflictError, InputError, NotFoundError, PermissionDeniedError
from sistercities.operations import research as ops
from sistercities.registry.store import Registry
from tests.research.workbench.conftest import as_user


def test_creator_owns_the_project_and_sees_it(registry: Registry) -> None:
    made = ops.create_project(registry, name="twinning", title="Twinning interviews")
    assert made["members"] == [{"user": "tester", "role": "owner"}]
    listed = ops.list_projects(registry)
    assert [(p["name"], p["title"], p["role"]) for p in listed] == [
        ("twinning", "Twinning interviews", "owner")
    ]


def test_others_see_only_projects_they_belong_to(registry: Registry) -> None:
    ops.create_project(registry, name="mine")
    ops.create_project(registry, name="shared")
    ops.add_member(registry, project="shared", user="ana", role="reader")
    ana = as_user(registry, "ana")
    try:
        assert [p["name"] for p in ops.list_projects(ana)] == ["shared"]
        with pytest.raises(NotFoundError, match="'mine'"):
            ops.show_project(ana, project="mine")
        with pytest.raises(PermissionDeniedError, match="reader"):
            ops.add_code(ana, project="shared", name="Trust")
        with pytest.raises(PermissionDeniedError, match="owner"):
            ops.add_member(ana, project="shared", user="bo", role="coder")
    finally:
        ana.close()
    assert ops.list_codes(registry, project="shared") == []


def test_roles_change_and_the_last_owner_stays(registry: Registry) -> None:
    ops.create_project(registry, name="p")
    ops.add_member(registry, project="p", user="ana", role="coder")
    ops.add_member(registry, project="p", user="ana", role="owner")
    ops.remove_member(registry, project="p", user="ana")
    with pytest.raises(InputError, match="no owner left"):
        ops.remove_member(registry, project="p", user="tester")
    with pytest.raises(InputError, match="unknown role"):
        ops.add_member(registry, project="p", user="bo", role="boss")
    members = ops.show_project(registry, project="p")["members"]
    assert members == [{"user": "tester", "role": "owner"}]


def test_a_name_taken_or_empty_is_refused(registry: Registry) -> None:
    ops.create_project(registry, name="p")
    with pytest.raises(ConflictError, match="already exists"):
        ops.create_project(registry, name="p")
    with pytest.raises(InputError, match="cannot be empty"):
        ops.create_project(registry, name="  ")
    assert [p["name"] for p in ops.list_projects(registry)] == ["p"]


def test_every_research_operation_is_exported_and_takes_keywords() -> None:
    import importlib
    import inspect
    import pkgutil

    import sistercities.operations.research as package

    found = set()
    for info in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if inspect.isfunction(value) and value.__module__ == module.__name__:
                params = list(inspect.signature(value).parameters.values())
                if params and params[0].name == "registry":
                    found.add(name)
                    assert {p.kind for p in params[1:]} <= {inspect.Parameter.KEYWORD_ONLY}, name
    assert set(package.__all__) == found
