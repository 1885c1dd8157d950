"""Refusals no web page shows yet, in Spanish and English, and the CLI's English line.

A short password (``sistercities user add --password-stdin``) and a public
contact point that is not one (``sistercities portal contact add``) are
refused with a :class:`~sistercities.messages.Message`: the CLI prints its
English line, unchanged; a page would show it in the reader's language.
Nothing is stored. An unknown city keeps the place lookup's own reason (and
the lookup's error as the cause, which the accounts page words itself).
(That every raise in these modules writes a Message is checked for the whole
library by tests/i18n/test_refusals_are_messages.py.)
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from sistercities.cli import cli
from sistercities.errors import InputError, NotFoundError
from sistercities.interchange.demo import load_demo
from sistercities.operations import accounts
from sistercities.operations import portal as ops
from sistercities.registry.models import Actor
from sistercities.registry.portal.models import PublicContactPoint
from sistercities.registry.store import Registry

PASSWORD = "a long enough password"


@pytest.fixture
def office(registry: Registry) -> Registry:
    accounts.use_low_cost_hashing()
    with registry.session() as session:
        load_demo(session)
    accounts.add_user(
        registry, name="lucia", role="officer", password=PASSWORD, places=["Cuenca, EC"]
    )
    return registry


def _points(registry: Registry) -> int:
    with registry.session() as session:
        return int(session.scalar(select(func.count(PublicContactPoint.id))))


def _actor(registry: Registry, kind: str, place: str) -> int:
    with registry.session() as session:
        query = select(Actor).where(Actor.kind == kind).order_by(Actor.id)
        return next(a.id for a in session.scalars(query) if a.place and a.place.name == place)


def test_a_short_password_is_refused_in_both_languages(office: Registry) -> None:
    with pytest.raises(InputError) as refused:
        accounts.set_password(office, name="lucia", password="short")
    assert str(refused.value) == "password: at least 10 characters"
    assert refused.value.reason.localised("es") == "como mínimo 10 caracteres"
    accounts.sign_in(office, name="lucia", password=PASSWORD, address="test")  # unchanged
    runner = CliRunner()
    answer = runner.invoke(
        cli,
        ["--db", office.url, "user", "add", "ana", "--role", "officer", "--password-stdin"],
        input="short\n",
    )
    assert answer.exit_code != 0
    assert "password: at least 10 characters" in answer.output
    assert "ana" not in [u["name"] for u in accounts.list_users(office)]


def test_a_bad_contact_point_is_refused_in_both_languages(office: Registry) -> None:
    organisation = _actor(office, "organisation", "Cuenca")
    person = _actor(office, "person", "Cuenca")
    cases = [
        (organisation, "email", "nowhere", "value: 'nowhere' is not an e-mail address",
         "'nowhere' no es una dirección de correo electrónico"),
        (organisation, "website", "peekskill.org", "value: 'peekskill.org' is not a web address "
         "(https://...)", "'peekskill.org' no es una dirección web (https://...)"),
        (person, "email", "a@b.org", "actor: ", "es una persona: los datos de contacto de una "
         "persona son datos personales y nunca son públicos"),
    ]
    for actor, kind, value, english, spanish in cases:
        with pytest.raises(InputError) as refused:
            ops.portal_add_contact(office, actor_id=actor, kind=kind, value=value, user="lucia")
        assert str(refused.value).startswith(english)
        assert spanish in refused.value.reason.localised("es")
    assert _points(office) == 0
    args = ["--db", office.url, "--user", "lucia", "portal", "contact", "add", str(organisation)]
    answer = CliRunner().invoke(cli, [*args, "--kind", "email", "--value", "nowhere"])
    assert answer.exit_code != 0
    assert "value: 'nowhere' is not an e-mail address" in answer.output
    assert _points(office) == 0


def test_an_unknown_city_keeps_the_lookups_reason(office: Registry) -> None:
    with pytest.raises(InputError) as refused:
        accounts.add_user(office, name="x", role="officer", places=["Atlantis"])
    assert str(refused.value) == "place: no place named 'Atlantis'"
    assert refused.value.field == "place"
    assert isinstance(refused.value.__cause__, NotFoundError)


def test_only_an_officer_of_the_place_in_spanish(office: Registry) -> None:
    from sistercities.errors import AccessDeniedError

    accounts.add_user(office, name="pete", role="officer", places=["Peekskill, US"])
    with pytest.raises(AccessDeniedError) as refused:
        ops.portal_configure(office, place="Cuenca, EC", slug="x", user="pete")
    message = refused.value.args[0]
    assert str(message) == (
        "'pete' may not change the address or language of this portal: 'pete' is an officer "
        "of Peekskill (US), not of Cuenca (EC)"
    )
    assert message.localised("es") == (
        "'pete' no puede cambiar la dirección o el idioma de este portal: 'pete' es "
        "funcionario de Peekskill (US), no de Cuenca (EC)"
    )
