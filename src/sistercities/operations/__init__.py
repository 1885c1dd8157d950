"""What a user can do: one function per action, for the CLI, the web app and scripts.

Every function takes the :class:`~sistercities.registry.store.Registry` first,
then keyword arguments of plain types (text, numbers, dates, paths), opens the
sessions it needs, calls the layers below and returns plain data: a dict, a
list of dicts, or a dataclass with ``to_dict()``. Errors are
:class:`~sistercities.errors.SisterCitiesError` subclasses, one line each.

>>> from sistercities.registry.store import Registry
>>> from sistercities import operations
>>> with Registry.open(tmp / "demo.sqlite") as registry:  # doctest: +SKIP
...     operations.load_demo(registry).overview["totals"]["relationships"]

The names load on first use (see :mod:`sistercities.lazy`).
"""

from __future__ import annotations

from sistercities.lazy import exports

__getattr__, __all__ = exports(
    __name__,
    {
        # shared by the commands that take a date
        "as_of_date": "common",
        # the registry as a whole
        "load_demo": "demo",
        "overview": "demo",
        "stats": "demo",
        # relationships and places
        "list_relationships": "relationships",
        "search_places": "relationships",
        "show_relationship": "relationships",
        "show_place": "relationships",
        "add_relationship": "relationships",
        # files in and out
        "import_file": "files",
        "export_relationships": "files",
        # institutional memory
        "add_actor": "memory",
        "link_actor": "memory",
        "add_administration": "memory",
        "add_activity": "memory",
        "add_crisis": "memory",
        "set_status": "memory",
        "fulfil_commitment": "memory",
        "history": "memory",
        "grant_access": "memory",
        # what an office reads
        "health": "office",
        "dossier": "office",
        "annual_report": "office",
        # analyses
        "asymmetry": "analyses",
        "phases": "analyses",
        "resilience": "analyses",
        "network": "analyses",
        "match": "analyses",
        "import_migration": "analyses",
        # accounts of the web app and the API
        "add_user": "accounts",
        "list_users": "accounts",
        "set_user_places": "accounts",
        "show_user": "accounts",
        "disable_user": "accounts",
        "enable_user": "accounts",
        "set_password": "accounts",
        "create_token": "accounts",
        "revoke_tokens": "accounts",
        "token_principal": "accounts",
        "session_principal": "accounts",
        "sign_in": "accounts",
        "sign_out": "accounts",
        "expire_sessions": "accounts",
        "has_accounts": "accounts",
        "linked_relationships": "accounts",
        "prepare_to_serve": "serving",
        # who is asking, and the registry's version, on every web request
        "caller_by_token": "callers",
        "caller_by_session": "callers",
        "registry_version": "callers",
        # what the office's pages show
        "dashboard": "pages",
        "relationships_page": "pages",
        "relationship_page": "pages",
        "relationship_for_edit": "pages",
        "place_page": "pages",
        "network_page": "pages",
        "edit_relationship": "edits",
        "dossier_file": "reports",
        "list_actors": "listing",
        "list_administrations": "listing",
        "list_activities": "listing",
        "list_status_changes": "listing",
        # surveys
        "import_survey": "survey",
        "list_surveys": "survey",
        "survey_questions": "survey",
        "survey_frequencies": "survey",
        "survey_crosstab": "survey",
        "survey_chart": "survey",
        "survey_report": "survey",
        "survey_report_html": "survey",
        "survey_export_text": "survey",
        "survey_export_answers": "survey",
        # REFI-QDA exchange
        "import_qdpx": "refi",
        "import_qdc": "refi",
        "export_qdpx": "refi",
        "export_qdc": "refi",
        # a relationship's community council
        "council_answer": "council",
        "council_carry_out": "council",
        "council_comment": "council",
        "council_confirm": "council",
        "council_member": "council",
        "council_member_language": "council",
        "council_page": "council",
        "council_proposal": "council",
        "council_propose": "council",
        "council_withdraw": "council",
        "my_councils": "council",
        # the public portal
        "portal_add_contact": "portal",
        "portal_configure": "portal",
        "portal_disable": "portal",
        "portal_enable": "portal",
        "portal_hide_activity": "portal",
        "portal_language": "portal",
        "portal_list": "portal",
        "portal_overview": "portal",
        "portal_page_state": "portal",
        "portal_place_page": "portal",
        "portal_relationship_page": "portal",
        "portal_remove_contact": "portal",
        "portal_search": "portal",
        "portal_show_activity": "portal",
        "portal_state": "portal",
        "portal_switches": "portal",
        "portal_version": "portal",
    },
)
