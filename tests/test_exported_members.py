"""Every package's ``__all__`` is exactly its public API: a missing or an extra name fails.

The packages load their names lazily (:mod:`sistercities.lazy`), so each name
is also loaded here, from the module it is said to come from.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import types

import pytest

import sistercities

ROOT_API = {
    "ConflictError", "Gazetteer", "ImportReport", "InputError", "NotFoundError", "PlaceInput",
    "Registry", "RelationshipFilter", "SisterCitiesError", "StorageError", "add_relationship",
    "export", "get_or_add_place", "import_pairs", "import_wikidata", "list_relationships",
    "load_demo", "overview", "resolve_country", "search_places", "stats",
}  # fmt: skip

ANALYSIS_API = {
    "ActivityRec", "ActorRec", "AsymmetryProfile", "CrisisRec", "FlowRec", "KONECT_TWIN",
    "MatchReport", "MigrationImport", "MigrationRec", "NetEdge", "NetNode", "NetworkReport",
    "PhaseReport", "PlaceRec", "RelationshipRec", "ResilienceReport", "StatusRec", "TwinGraph",
    "asymmetry_profile", "build_graph", "load_wikipedia_pairs", "match_candidates",
    "network_report", "parse_migration_csv", "phase_report", "resilience_report",
}  # fmt: skip

SURVEY_API = {
    "Question", "QuestionMap", "QuestionType", "SurveyData", "association_test", "crosstab",
    "free_text_documents", "frequencies", "import_survey", "list_surveys", "load_map",
    "load_survey", "multiple_response", "parse_responses", "percent", "read_table",
    "render_report", "write_answers_csv",
}  # fmt: skip

MEMORY_API = {
    "TRANSITIONS", "AccessDeniedError", "AccessRole", "ActivityInput", "ActorInput",
    "AdministrationInput", "CrisisInput", "FlowInput", "LinkInput", "RelationshipPart",
    "StatusInput", "add_activity", "add_actor", "add_administration", "add_crisis",
    "fulfil_commitment", "grant", "history", "is_officer", "link_actor", "set_status",
}  # fmt: skip

REFI_API = {"read_qdc", "read_qdpx"}

AUTOCODE_API = {
    "AutocodeRun", "Evaluation", "Score", "Suggestion", "Text", "Unit", "run_examples",
    "run_terms", "score", "split_units", "unit_labels",
}  # fmt: skip

AGREEMENT_API = {
    "AgreementReport", "CodedSpan", "Coefficient", "character_data", "cohen_kappa",
    "compare_coders", "fleiss_kappa", "from_rows", "krippendorff_alpha", "percent_agreement",
    "segment_data",
}  # fmt: skip

STATED = {
    "sistercities": ROOT_API,
    "sistercities.research.refi": REFI_API,
    "sistercities.research.autocode": AUTOCODE_API,
    "sistercities.research.agreement": AGREEMENT_API,
    "sistercities.web": {"WebConfig", "create_app"},
    "sistercities.registry.memory": MEMORY_API,
    "sistercities.analysis": ANALYSIS_API,
    "sistercities.research.survey": SURVEY_API,
}


#: Packages of operations: each exports exactly the user actions its modules define.
OPERATION_PACKAGES = ["sistercities.operations", "sistercities.operations.research"]


def _operation_functions(package: str = "sistercities.operations") -> set[str]:
    """Public functions defined in the package's modules whose first parameter is the registry."""
    found = set()
    path = importlib.import_module(package).__path__
    for info in pkgutil.iter_modules(path, f"{package}."):
        if info.ispkg:
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(value):
                continue
            if value.__module__ != module.__name__:
                continue
            params = list(inspect.signature(value).parameters)
            if params and params[0] == "registry":
                found.add(name)
    return found


@pytest.mark.parametrize("package", sorted(STATED))
def test_all_is_the_stated_api(package: str) -> None:
    assert set(importlib.import_module(package).__all__) == STATED[package]


def test_every_package_with_public_names_is_checked() -> None:
    """A package that exports names (``__all__``) is in :data:`STATED` or is the operations."""
    exporting = {
        info.name
        for info in pkgutil.walk_packages(sistercities.__path__, "sistercities.")
        if info.ispkg and "migrations" not in info.name
        and hasattr(importlib.import_module(info.name), "__all__")
    }
    assert exporting | {"sistercities"} == set(STATED) | set(OPERATION_PACKAGES)


@pytest.mark.parametrize("package", OPERATION_PACKAGES)
def test_operations_export_every_user_action(package: str) -> None:
    helpers = {"as_of_date"} if package == "sistercities.operations" else set()
    exported = set(importlib.import_module(package).__all__)
    assert exported == _operation_functions(package) | helpers


@pytest.mark.parametrize("package", [*sorted(STATED), *OPERATION_PACKAGES])
def test_every_name_loads_and_others_are_refused(package: str) -> None:
    module = importlib.import_module(package)
    for name in module.__all__:
        value = getattr(module, name)
        assert value is not None and not isinstance(value, types.ModuleType), name
    with pytest.raises(AttributeError):
        _ = module.no_such_name


@pytest.mark.parametrize("package", OPERATION_PACKAGES)
def test_operations_take_the_registry_then_keywords(package: str) -> None:
    """Every operation: ``registry`` first, then keyword-only arguments."""
    module = importlib.import_module(package)
    for name in _operation_functions(package):
        params = list(inspect.signature(getattr(module, name)).parameters.values())
        kinds = {p.kind for p in params[1:]}
        assert kinds <= {inspect.Parameter.KEYWORD_ONLY}, f"{package}.{name}"


def test_the_root_stays_light() -> None:
    """``import sistercities`` loads no registry, analysis or CLI code until a name is used."""
    import subprocess
    import sys

    code = (
        "import sys, sistercities; "
        "print(sorted(m for m in sys.modules if m.startswith('sistercities.')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['sistercities.lazy']"
    assert sistercities.Registry.__name__ == "Registry"
