"""Adding places and relationships by hand: validation names the field."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from sistercities.errors import InputError
from sistercities.registry.models import Place, Relationship
from sistercities.registry.queries import find_place, place_detail, search_places
from sistercities.registry.records import (
    PlaceInput,
    add_relationship,
    find_relationship,
    get_or_add_place,
)
from sistercities.registry.store import Registry


def _count(registry: Registry, model: type) -> int:
    with registry.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_pair_is_one_relationship_whichever_side_it_is_given_from(registry: Registry) -> None:
    with registry.session() as session:
        quito = get_or_add_place(session, PlaceInput("Quito", "EC"))
        louisville = get_or_add_place(session, PlaceInput("Louisville", "US"))
        rel = add_relationship(session, louisville, quito, initiated_by="a")
        assert find_relationship(session, quito, louisville) is rel
        # initiated_by follows the places, not the storage order
        initiator = rel.place_a if rel.initiated_by == "a" else rel.place_b
        assert initiator.name == "Louisville"
        assert rel.status == "unknown"  # no status given: nothing describes it yet
        with pytest.raises(InputError, match="already have"):
            add_relationship(session, quito, louisville)


def test_same_place_accent_and_case_variants_are_one_place(registry: Registry) -> None:
    with registry.session() as session:
        a = get_or_add_place(session, PlaceInput("São Paulo", "BR"))
        b = get_or_add_place(session, PlaceInput("sao  paulo", "BR"))
        assert a.id == b.id


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": "twinning"}, "kind"),
        ({"status": "alive"}, "status"),
        ({"start": "next spring"}, "start"),
        ({"start": "2010", "end": "2001"}, "end"),
        ({"initiated_by": "c"}, "initiated_by"),
    ],
)
def test_bad_relationship_fields_are_refused_and_nothing_is_stored(
    registry: Registry, kwargs: dict[str, str], field: str
) -> None:
    with pytest.raises(InputError) as info, registry.session() as session:
        a = get_or_add_place(session, PlaceInput("Quito", "EC"))
        b = get_or_add_place(session, PlaceInput("Louisville", "US"))
        add_relationship(session, a, b, **kwargs)
    assert info.value.field == field
    assert _count(registry, Relationship) == 0
    assert _count(registry, Place) == 0


def test_a_place_cannot_twin_with_itself(registry: Registry) -> None:
    with pytest.raises(InputError, match="two different places"), registry.session() as s:
        quito = get_or_add_place(s, PlaceInput("Quito", "EC"))
        add_relationship(s, quito, quito)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (PlaceInput("   ", "EC"), "name"),
        (PlaceInput("x" * 501, "EC"), "name"),
        (PlaceInput("Quito", "XX"), "country"),
        (PlaceInput("Quito", "EC", kind="village"), "kind"),
        (PlaceInput("Quito", "EC", population=-1), "population"),
    ],
)
def test_bad_place_fields_name_the_field(registry: Registry, data: PlaceInput, field: str) -> None:
    with pytest.raises(InputError) as info, registry.session() as session:
        get_or_add_place(session, data)
    assert info.value.field == field
    assert _count(registry, Place) == 0


def test_search_ignores_accents_also_for_places_keyed_by_geonames(registry: Registry) -> None:
    with registry.session() as session:
        get_or_add_place(session, PlaceInput("São Paulo", "BR", geonames_id=3448439))
        get_or_add_place(session, PlaceInput("Córdoba", "AR"))
        get_or_add_place(session, PlaceInput("Quito", "EC"))
    with registry.session() as session:
        assert [p["name"] for p in search_places(session, "sao paulo")] == ["São Paulo"]
        assert [p["name"] for p in search_places(session, "CORDOBA")] == ["Córdoba"]
        assert search_places(session, "lima") == []


def test_a_place_lists_its_relationships_in_a_stable_order_after_an_edit(
    registry: Registry,
) -> None:
    # PostgreSQL returns an updated row after the others when there is no ORDER BY
    with registry.session() as session:
        cuenca = get_or_add_place(session, PlaceInput("Cuenca", "EC"))
        ids = [
            add_relationship(session, cuenca, get_or_add_place(session, PlaceInput(name, "US"))).id
            for name in ("Peekskill", "Newark", "Tampa")
        ]
    with registry.session() as session:
        first = session.get(Relationship, ids[0])
        assert first is not None
        first.notes = "renewed"
    with registry.session() as session:
        shown = place_detail(session, find_place(session, "Cuenca, EC"))
    assert [r["id"] for r in shown["relationships"]] == sorted(ids)


def test_a_place_typed_by_hand_finds_the_imported_geonames_place(registry: Registry) -> None:
    with registry.session() as session:
        imported = get_or_add_place(
            session, PlaceInput("Cuenca", "EC", geonames_id=3658666, population=329928)
        )
        typed = get_or_add_place(session, PlaceInput("cuenca", "EC"))
        assert typed.id == imported.id
    assert _count(registry, Place) == 1
