"""Research workbench operations: each ``(registry, *, ...) -> plain data``, one user action.

The acting user is ``registry.user``; a researcher sees only the projects
they are a member of. Names load on first use (the queries load Matplotlib
only when asked). See ``src/sistercities/research/README.md`` for the
data model and the full list of operations.
"""

from __future__ import annotations

from sistercities.lazy import exports

__getattr__, __all__ = exports(
    __name__,
    {
        "adjust_coding": "workbench_web",
        "document_view": "workbench_web",
        "preview_qdpx": "workbench_web",
        "autocode_runs": "workbench_web",
        "code_in_document": "workbench_web",
        "require_role": "workbench_web",
        "add_case": "cases",
        "add_code": "codebook",
        "add_documents_to_case": "cases",
        "add_member": "projects",
        "add_memo": "memos",
        "add_to_set": "codebook",
        "agreement": "intercoder",
        "autocode": "autocoding",
        "case_codings": "cases",
        "code_span": "coding",
        "cooccurrence": "queries",
        "create_project": "projects",
        "decide_suggestions": "autocoding",
        "define_attribute": "cases",
        "delete_code": "codebook",
        "document_text": "documents",
        "edit_document": "documents",
        "edit_memo": "memos",
        "hierarchy_chart": "queries",
        "import_attributes": "cases",
        "import_documents": "documents",
        "import_survey_attributes": "cases",
        "list_attributes": "cases",
        "list_cases": "cases",
        "list_codes": "codebook",
        "list_codings": "coding",
        "list_documents": "documents",
        "list_memos": "memos",
        "list_projects": "projects",
        "list_sets": "codebook",
        "list_suggestions": "autocoding",
        "load_codebook": "codebook",
        "matrix": "queries",
        "merge_codes": "codebook",
        "move_code": "codebook",
        "remove_member": "projects",
        "rename_code": "codebook",
        "set_attribute": "cases",
        "show_project": "projects",
        "text_search": "queries",
        "uncode": "coding",
        "update_code": "codebook",
        "word_frequencies": "queries",
    },
)
