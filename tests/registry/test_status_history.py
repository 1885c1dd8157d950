"""The status history as shown: each change once, in date order, with its from-status."""

from __future__ import annotations

import datetime as dt

from sistercities.analysis import load
from sistercities.analysis.office import dossier
from sistercities.registry.memory.status import status_history
from sistercities.registry.models import Relationship, StatusChange
from sistercities.registry.queries import relationship_detail
from sistercities.registry.records import PlaceInput, add_relationship, get_or_add_place
from sistercities.registry.store import Registry


def test_out_of_order_repeated_and_undated_steps(registry: Registry) -> None:
    with registry.session() as session:
        a = get_or_add_place(session, PlaceInput(name="Cuenca", country="EC"))
        b = get_or_add_place(session, PlaceInput(name="Tempe", country="US"))
        rel = add_relationship(session, a, b, status="active", start="2008")  # active, dated 2008
        session.flush()
        for to, when, reason in (
            ("dormant", dt.date(2021, 1, 1), "inactive after the pandemic"),
            ("dormant", dt.date(2021, 1, 1), "inactive after the pandemic"),  # the same again
            ("active", None, "revived (date not recorded)"),
            ("suspended", dt.date(2019, 1, 1), "recorded late"),  # dated before the one above
        ):
            rel.status_changes.append(
                StatusChange(
                    to_status=to,
                    date=when,
                    date_precision="year" if when else None,
                    reason=reason,
                    recorded_by="test",
                )
            )
        rel_id = rel.id
    with registry.session() as session:
        shown = relationship_detail(session, rel_id)["status_history"]
    assert [(s["date"], s["from"], s["to"]) for s in shown] == [
        ("2008", None, "active"),
        ("2019", "active", "suspended"),
        ("2021", "suspended", "dormant"),
        (None, "dormant", "active"),  # undated: stays after the step recorded before it
    ]
    with registry.session() as session:
        rel = session.get(Relationship, rel_id)
        assert rel is not None and status_history(rel) == shown
        records = load.dossier_record(session, rel.place_a)
        found = dossier.build_dossier(records, as_of=dt.date(2024, 1, 1))
    assert found["relationships"][0]["status_history"] == shown  # the dossier shows the same
