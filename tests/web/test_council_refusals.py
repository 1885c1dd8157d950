"""The community council's refusals in the reader's language (issue 14, item 6).

A member who proposes something the council cannot take, acts for another
relationship's organisation, answers for the other side's part, or takes a
step the proposal's status no longer allows is told why on the council's
pages: in Spanish to a Spanish browser, in English to an English one, through
the real app on SQLite and PostgreSQL. Nothing is stored by a refusal (the
audit trail and the council are as they were).
"""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sistercities import operations as ops
from sistercities.errors import InputError
from tests.web.conftest import Site, csrf_of, sign_in
from tests.web.test_bad_input import trail

ACCEPT = {"es": "es-EC,es;q=0.9", "en": "en-US,en;q=0.9"}


def _said(page: str, element: str) -> str:
    """The text of the refusal a page shows: next to a field (``pe-<name>``) or as an error."""
    pattern = (
        rf'<p class="field-error" id="pe-{element}" role="alert">(.*?)</p>'
        if element != "error"
        else r'<p class="error" role="alert">(.*?)</p>'
    )
    found = re.search(pattern, page, re.S)
    assert found, f"no refusal shown ({element})"
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip()


def _browser(site: Site, name: str) -> tuple[TestClient, str]:
    """A browser of its own signed in as ``name``, and its CSRF token."""
    client = TestClient(site.client.app, base_url="http://testserver")
    return client, sign_in(client, name)


def _council(site: Site, rel: int) -> dict[str, Any]:
    """What the council holds now, as the officer reads it (to check nothing was stored)."""
    return ops.council_page(site.registry, user="officer", role="officer", relationship_id=rel)


PROPOSALS = {  # no part, an amount that is no number, a due date that is none, not a member
    "es": ("indique quién haría qué y en qué lado (al menos una parte)",
           "'lots' no es un número", "'2025-13' no es una fecha válida",
           "no está vinculada a la relación",
           "'researcher' (investigador) no forma parte del consejo"),
    "en": ("say who would do what on which side (at least one part)",
           "'lots' is not a number", "'2025-13' is not a valid date",
           "is not linked to relationship", "'researcher' (researcher) is not on the council"),
}


@pytest.mark.parametrize("language", sorted(PROPOSALS))
def test_a_refused_proposal_says_why_in_the_readers_language(site: Site, language: str) -> None:
    no_part, not_a_number, not_a_date, not_linked, not_on_councils = PROPOSALS[language]
    headers = {"accept-language": ACCEPT[language]}
    rel, other = site.partner_relationship, site.other_relationship
    partner, token = _browser(site, "partner")
    researcher, _ = _browser(site, "researcher")
    before, held, held_other = trail(site), _council(site, rel), _council(site, other)

    def propose(target: int, **fields: str) -> Any:
        data = {"csrf_token": token, "title": "Youth exchange", **fields}
        return partner.post(f"/council/{target}/proposals", headers=headers, data=data)

    empty = propose(rel)
    assert empty.status_code == 422 and _said(empty.text, "form") == no_part
    assert 'value="Youth exchange"' in empty.text  # what was typed is kept
    amount = propose(rel, part_a_task="Host", flow_kind="personnel", flow_amount="lots")
    assert amount.status_code == 422 and _said(amount.text, "flow_amount") == not_a_number
    due = propose(rel, part_b_task="Send players", part_b_due="2025-13")
    assert due.status_code == 422 and _said(due.text, "part_b_due").startswith(not_a_date)
    elsewhere = propose(other, part_a_task="Host")
    assert elsewhere.status_code == 403 and not_linked in _said(elsewhere.text, "error")
    page = partner.get(f"/council/{other}", headers=headers)
    assert page.status_code == 403 and not_linked in _said(page.text, "error")
    outside = researcher.get(f"/council/{rel}", headers=headers)
    assert outside.status_code == 403 and not_on_councils in _said(outside.text, "error")
    if language == "es":
        for english in PROPOSALS["en"]:
            assert english not in empty.text + amount.text + due.text + elsewhere.text
    assert trail(site) == before
    assert (_council(site, rel), _council(site, other)) == (held, held_other)


STEPS = {  # the other side's part, a step for officers, a stale form, a late step, no commitment
    "es": ("'partner' representa al otro lado y no puede responder por la parte",
           "solo un funcionario de una de las dos ciudades puede confirmar una propuesta",
           "otra persona cambió la propuesta %(id)s desde que usted la leyó (versión 99, ahora 1)",
           "la propuesta %(id)s está retirada: no es posible confirmarla",
           "no tiene ninguna organización comprometida"),
    "en": ("'partner' sits for the other side and may not answer for part",
           "only an officer of either city may confirm a proposal",
           "proposal %(id)s was changed by someone else since you read it (version 99, now 1)",
           "proposal %(id)s is withdrawn: cannot confirm it",
           "has no organisation committed"),
}


@pytest.mark.parametrize("language", sorted(STEPS))
def test_a_refused_step_says_why_in_the_readers_language(site: Site, language: str) -> None:
    other_side, officers_only, stale, late, uncommitted = STEPS[language]
    headers = {"accept-language": ACCEPT[language]}
    rel = site.partner_relationship
    officer = {"user": "officer", "role": "officer"}
    seat = ops.council_page(site.registry, user="partner", role="partner",
                            organisation_id=site.partner_actor, relationship_id=rel)["member"]
    sides = [_council(site, rel)["relationship"][key]["id"] for key in ("a", "b")]
    theirs = next(side for side in sides if side != seat["side_place_id"])
    made = ops.council_propose(site.registry, **officer, relationship_id=rel, title="Visit",
                               parts=[{"side": theirs, "task": "Host the visit"}])
    gone = ops.council_propose(site.registry, **officer, relationship_id=rel, title="Fair",
                               parts=[{"side": theirs, "task": "Host the fair"}])
    ops.council_withdraw(site.registry, **officer, proposal_id=gone["id"])
    partner, token = _browser(site, "partner")
    office, office_token = _browser(site, "officer")
    before, held = trail(site), _council(site, rel)
    steps = f"/council/{rel}/proposals"

    answer = partner.post(f"{steps}/{made['id']}/answer", headers=headers, data={
        "csrf_token": token, "part_id": made["parts"][0]["id"], "answer": "committed"})
    assert answer.status_code == 403 and other_side in _said(answer.text, "error")
    confirm = partner.post(f"{steps}/{made['id']}/confirm", headers=headers,
                               data={"csrf_token": token})
    assert confirm.status_code == 403 and _said(confirm.text, "error") == officers_only

    token = csrf_of(office.get(f"/council/{rel}", headers=headers).text)
    assert token == office_token
    old = office.post(f"{steps}/{made['id']}/confirm", headers=headers,
                           data={"csrf_token": token, "expect_version": "99"})
    assert old.status_code == 409
    assert _said(old.text, "error").startswith(stale % {"id": made["id"]})
    withdrawn = office.post(f"{steps}/{gone['id']}/confirm", headers=headers,
                                 data={"csrf_token": token})
    assert withdrawn.status_code == 422
    assert _said(withdrawn.text, "error") == late % {"id": gone["id"]}
    nobody = office.post(f"{steps}/{made['id']}/confirm", headers=headers,
                              data={"csrf_token": token})
    assert nobody.status_code == 422 and uncommitted in _said(nobody.text, "error")
    assert "Host the visit" in _said(nobody.text, "error")  # what was typed, as typed
    if language == "es":
        shown = " ".join(_said(r.text, "error") for r in (answer, confirm, old, withdrawn, nobody))
        for english in STEPS["en"]:
            assert english.split(" %")[0] not in shown
    assert trail(site) == before and _council(site, rel) == held


def test_a_flow_from_one_side_only_is_refused_in_both_languages(site: Site) -> None:
    """The form always gives both sides; the JSON API and the CLI can give one (in English)."""
    rel = site.partner_relationship
    place = _council(site, rel)["relationship"]["a"]["name"]
    before = trail(site)
    for flow, english, spanish in (
        ({"from": place, "to": "", "kind": "goods"}, "a flow needs both sides",
         "un flujo necesita los dos lados"),
        ({"from": place, "to": place, "kind": "goods"}, "a flow goes from one side to the other",
         "un flujo va de un lado al otro"),
    ):
        with pytest.raises(InputError) as refused:
            ops.council_propose(site.registry, user="officer", role="officer",
                                relationship_id=rel, title="Visit", flows=[flow],
                                parts=[{"side": place, "task": "Host"}])
        assert str(refused.value.reason) == english
        assert refused.value.reason.localised("es") == spanish  # type: ignore[attr-defined]
        api = site.client.post(f"/api/v1/councils/{rel}/proposals",
                               headers={"authorization": f"Bearer {site.tokens['officer']}"},
                               json={"title": "Visit", "flows": [flow],
                                     "parts": [{"side": place, "task": "Host"}]})
        assert api.status_code == 422 and english in api.json()["error"]["message"]
    assert trail(site) == before
