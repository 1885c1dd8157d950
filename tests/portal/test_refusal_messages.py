"""Refusals no web page shows yet, in Spanish and English, and the CLI's English line.

A short password (``sistercities user add --password-stdin``) and a public
contact point that is not one (``sistercities portal contact add``) are
refused with a :class:`~sistercities.messages.Message`: the CLI prints its
English line, unchanged; a page would show it in the reader's language.
Nothing is stored. An unknown city keeps the place lookup's own reason (and
the lookup's error as the cause, which the accounts page words itself).
Every raise of a library error in the accounts and portal-settings modules
writes a Message, not a plain string (read from their source).
"""

from __future__ import annotations

import ast
from pathlib import Path

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

SRC = Path(__file__).resolve().parents[2] / "src" / "sistercities"
MODULES = [
    "operations/accounts.py",
    "operations/account_checks.py",
    "operations/portal.py",
    "registry/portal/settings.py",
    "registry/portal/public.py",
    "registry/access.py",
    "web/routes/accounts.py",
    "web/routes/portal_office.py",
]
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


def _plain_raises(path: Path) -> list[str]:
    """``raise SomethingError("...")`` or ``(f"...")``: a sentence no page can translate."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
            continue
        name = node.exc.func
        called = name.id if isinstance(name, ast.Name) else getattr(name, "attr", "")
        if not called.endswith("Error") or not node.exc.args:
            continue
        if isinstance(node.exc.args[0], (ast.Constant, ast.JoinedStr, ast.BinOp)):
            found.append(f"{path.name}:{node.lineno}")
    return found


def test_every_refusal_of_these_modules_is_a_message() -> None:
    assert [hit for module in MODULES for hit in _plain_raises(SRC / module)] == []



def test_the_check_finds_a_plain_refusal(tmp_path: Path) -> None:
    source = tmp_path / "plain.py"
    source.write_text(
        'raise InputError(f"no {x}", field="x")\nraise NotFoundError("none")\n'
        'raise InputError(Message("no %(x)s", x=x))\nraise InputError(exc.reason)\n'
    )
    assert _plain_raises(source) == ["plain.py:1", "plain.py:2"]
