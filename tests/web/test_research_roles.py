"""The workbench's role matrix: every research route, every account role, member or not.

A route missing from :data:`ROUTES` fails the test. A partner organisation's
account may not use the workbench at all (403); an account outside a project
gets 404 for everything in it, as for a project that does not exist; a
reader of the project reads (not 401/403/404) and is refused every write (403);
a coder writes.
"""

from __future__ import annotations

from typing import Any

from sistercities.operations import accounts
from tests.web.conftest import Site
from tests.web.test_research_api import project  # noqa: F401 (fixture)

P = "/api/v1/research/projects/{project}"
#: (method, path) -> (writes?, JSON body or None). ``{coding}`` is a coding of the project.
ROUTES: dict[tuple[str, str], tuple[bool, dict[str, Any] | None]] = {
    ("GET", "/api/v1/research/projects"): (False, None),
    ("GET", P): (False, None),
    ("GET", f"{P}/documents"): (False, None),
    ("POST", f"{P}/documents"): (True, None),
    ("GET", f"{P}/documents/{{document}}"): (False, None),
    ("GET", f"{P}/documents/{{document}}/view"): (False, None),
    ("GET", f"{P}/codes"): (False, None),
    ("POST", f"{P}/codes"): (True, {"name": "New"}),
    ("PATCH", f"{P}/codes/{{code}}"): (True, {"colour": "#000000"}),
    ("POST", f"{P}/sets"): (True, {"name": "S", "codes": ["Migration"]}),
    ("POST", f"{P}/codebooks/{{source}}"): (True, None),
    ("GET", f"{P}/codings"): (False, None),
    ("POST", f"{P}/codings"): (True, {"document": "tricky.txt", "start": 0, "end": 3,
                                      "code": "Migration"}),
    ("PATCH", f"{P}/codings/{{coding}}"): (True, {"start": 1, "end": 4}),
    ("DELETE", f"{P}/codings/{{coding}}"): (True, None),
    ("POST", f"{P}/codings/{{coding}}/memos"): (True, {"text": "why"}),
    ("GET", f"{P}/suggestions"): (False, None),
    ("POST", f"{P}/suggestions/decide"): (True, {"accept": True, "code": "Migration"}),
    ("GET", f"{P}/queries/matrix"): (False, None),
    ("GET", f"{P}/queries/cooccurrence"): (False, None),
    ("GET", f"{P}/queries/search"): (False, None),
    ("GET", f"{P}/agreement"): (False, None),
    ("POST", "/api/v1/research/qdpx"): (True, None),
    ("POST", f"{P}/qdc"): (True, None),
    ("GET", f"{P}/export/{{kind}}"): (False, None),
    ("GET", f"{P}/cases"): (False, None),
    ("POST", f"{P}/cases"): (True, {"name": "Loja"}),
    ("POST", f"{P}/attributes"): (True, {"name": "year", "type": "integer"}),
    ("PUT", f"{P}/cases/{{case}}/attributes/{{attribute}}"): (True, {"value": "x"}),
    ("POST", f"{P}/cases/import"): (True, None),
}
QUERY = {f"{P}/queries/search": "?q=twinning", f"{P}/agreement": "?coders=a,b"}


def url(path: str, coding: int) -> str:
    return (path.replace("{project}", "kin").replace("{document}", "tricky.txt")
            .replace("{code}", "Migration").replace("{source}", "004")
            .replace("{coding}", str(coding)).replace("{kind}", "qdc")
            .replace("{case}", "Loja").replace("{attribute}", "year")) + QUERY.get(path, "")


def ask(site: Site, token: str, method: str, path: str, body: Any, coding: int) -> int:
    headers = {"Authorization": f"Bearer {token}"}
    files = None
    if body is None and method == "POST" and ("documents" in path or "qdc" in path
                                              or "qdpx" in path or "import" in path):
        field = "files" if path.endswith("/documents") else "file"
        files = {field: ("a.txt", b"text", "text/plain")}
    answer = site.client.request(method, url(path, coding), json=body, headers=headers,
                                 files=files)
    assert answer.status_code < 500, (method, path, answer.text)
    return answer.status_code


def test_the_table_covers_every_research_route(site: Site) -> None:
    document = site.client.get("/api/v1/openapi.json").json()
    routes = {(method.upper(), path) for path, item in document["paths"].items()
              for method in item if path.startswith("/api/v1/research/")}
    assert routes == set(ROUTES)


def test_every_role_on_every_research_route(site: Site, project: dict[str, Any]) -> None:  # noqa: F811
    from sistercities.operations import research as rops

    accounts.add_user(site.registry, name="stranger", role="researcher", password="x" * 12)
    stranger = accounts.create_token(site.registry, name="stranger")["token"]
    owner = site.registry.as_user("researcher")
    for (method, path), (writes, body) in ROUTES.items():
        coding = rops.code_span(owner, project="kin", document="tricky.txt", start=5, end=9,
                                code="Migration", coder="setup")["id"]
        assert site.client.request(method, url(path, coding), json=body).status_code == 401
        assert ask(site, site.tokens["partner"], method, path, body, coding) == 403, path
        if "{project}" in path:
            assert ask(site, stranger, method, path, body, coding) == 404, (method, path)
        reader = ask(site, site.tokens["admin"], method, path, body, coding)
        if writes and "{project}" in path:
            assert reader == 403, (method, path)
        else:
            assert reader not in (401, 403, 404), (method, path, reader)
        coder = ask(site, site.tokens["officer"], method, path, body, coding)
        assert coder not in (401, 403, 404), (method, path, coder)
        rops.list_codings(owner, project="kin")
