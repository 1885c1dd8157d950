"""The API and ``sistercities … --json`` give the same answer to the same question.

One registry (the demo and the accounts); for every endpoint the CLI shares,
the CLI is run through Click's runner on the same database and its JSON is
compared with the API's (for lists: the API's ``items``).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from sistercities.cli import cli
from tests.web.conftest import Site

AS_OF = "2024-06-30"


def run_cli(site: Site, *args: str) -> Any:
    command = ["--db", site.registry.url, "--user", "researcher", *args, "--json"]
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def api(site: Site, path: str, role: str = "researcher") -> Any:
    answer = site.client.get(f"/api/v1{path}",
                             headers={"Authorization": f"Bearer {site.tokens[role]}"})
    assert answer.status_code == 200, answer.text
    return answer.json()


@pytest.fixture
def shared(site: Site) -> Site:
    return site


def cases(site: Site) -> list[tuple[list[str], str, bool]]:
    rel = site.partner_relationship
    return [
        (["relationships", "list", "--country", "US", "--limit", "500"],
         "/relationships?country=US&limit=500", True),
        (["relationships", "list", "--status", "active", "--since", "1980", "--limit", "500"],
         "/relationships?status=active&since=1980&limit=500", True),
        (["places", "search", "cuenca"], "/places?name=cuenca", True),
        (["show", "relationship", str(rel)], f"/relationships/{rel}", False),
        (["show", "place", "Cuenca, EC"], "/places/Cuenca, EC", False),
        (["stats"], "/stats", False),
        (["health", "--as-of", AS_OF], f"/health?as_of={AS_OF}&limit=500", True),
        (["dossier", "Cuenca, EC", "--as-of", AS_OF], f"/dossier/Cuenca, EC?as_of={AS_OF}",
         False),
        (["asymmetry", str(rel)], f"/relationships/{rel}/asymmetry", False),
        (["phases", str(rel)], f"/relationships/{rel}/phases", False),
        (["resilience", str(rel), "--as-of", AS_OF],
         f"/relationships/{rel}/resilience?as_of={AS_OF}", False),
        (["match", "Peekskill, US"], "/match/Peekskill, US", False),
        (["report", "--year", "2019"], "/report?year=2019", False),
        (["history", "--limit", "20"], "/history?limit=20", False),
        (["survey", "list"], "/surveys", False),
        (["network"], "/network", False),
    ]


def _without_timings(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _without_timings(v) for k, v in data.items() if k != "timings"}
    return data


def test_every_shared_endpoint_answers_as_the_cli_does(shared: Site) -> None:
    for args, path, is_list in cases(shared):
        from_cli = run_cli(shared, *args)
        from_api = api(shared, path)
        if is_list:
            assert from_api["total"] == len(from_cli), path
            from_api = from_api["items"]
        assert _without_timings(from_api) == _without_timings(from_cli), path


def test_pagination_walks_every_relationship_once_with_next_links(shared: Site) -> None:
    everything = run_cli(shared, "relationships", "list", "--limit", "500")
    seen: list[int] = []
    url: str | None = "/api/v1/relationships?limit=7"
    headers = {"Authorization": f"Bearer {shared.tokens['researcher']}"}
    while url:
        page = shared.client.get(url, headers=headers).json()
        assert page["total"] == len(everything)
        seen += [row["id"] for row in page["items"]]
        url = page["next"]
    assert seen == [row["id"] for row in everything]
