"""The library's sentences: English as ``str``, Spanish from the catalogue, values in the locale."""

from __future__ import annotations

import copy
import datetime as dt
import json
import pickle

from sistercities.analysis.office.health import relationship_health
from sistercities.analysis.records import PlaceRec, RelationshipRec, StatusRec
from sistercities.messages import Joined, Message, Number, Plural, Term, When, translate


def _silent_since_1962() -> Message:
    signed = StatusRec(dt.date(1962, 1, 1), "active", precision="year")
    rec = RelationshipRec(1, PlaceRec(1, "Quito"), PlaceRec(2, "Louisville"),
                          label="Quito – Louisville", start=dt.date(1962, 1, 1),
                          start_precision="year", status_changes=(signed,))  # fmt: skip
    return relationship_health(rec, dt.date(2024, 4, 30)).reasons[0]


def test_a_reason_is_english_text_and_reads_in_spanish() -> None:
    reason = _silent_since_1962()
    assert reason == "no recorded contact since the 1962 signing: 735 months (dormant after 18)"
    assert reason.localised("es") == (
        "sin contacto registrado desde la firma de 1962: 735 meses (inactiva a partir de 18)"
    )
    assert reason.localised("en") == str(reason)
    assert json.dumps([reason]) == json.dumps([str(reason)])  # JSON answers stay English


def test_a_message_survives_copies_and_pickles_with_its_translation() -> None:
    reason = _silent_since_1962()
    for twin in (copy.deepcopy(reason), pickle.loads(pickle.dumps(reason))):
        assert twin == reason and twin.localised("es") == reason.localised("es")


def test_values_follow_the_locale() -> None:
    share = Message("note: %(note)s", note=Number(0.25, ".0%"))
    assert str(share) == "note: 25%" and share.localised("es") == "nota: 25\xa0%"
    rate = Number(1234.5, ".2f")
    assert rate.english() == "1234.50" and rate.localised("es") == "1.234,50"
    month = When(dt.date(1989, 6, 1), "month")
    assert month.english() == "1989-06" and month.localised("es") == "junio de 1989"
    status = Term("status", "suspended")
    assert status.english() == "suspended" and status.localised("es") == "suspendida"
    sources = Number(12345, ",")  # a count grouped as the locale groups it
    assert sources.english() == "12,345" and sources.localised("es") == "12.345"
    score = Number(0.0000123456, ".4g")  # significant digits, exponent kept
    assert score.english() == "1.235e-05" and score.localised("es") == "1,235e-05"
    assert Number(0.02106, ".4g").localised("es") == "0,02106"


def test_a_count_takes_its_plural_form_in_each_language() -> None:
    one = Plural("%(count)s month without contact", "%(count)s months without contact", 1)
    many = Plural("%(count)s month without contact", "%(count)s months without contact", 3)
    assert (str(one), str(many)) == ("1 month without contact", "3 months without contact")
    assert (one.localised("es"), many.localised("es")) == (
        "1 mes sin contacto",
        "3 meses sin contacto",
    )


def test_joined_messages_translate_each_part_and_plain_text_stays() -> None:
    lines = Joined("\n", [Message("even"), "  ", Message("unknown")])
    assert str(lines) == "even\n  \nunknown"
    assert translate(lines, "es") == "equilibrado\n  \ndesconocido"
    assert translate("Youth soccer tournament", "es") == "Youth soccer tournament"  # data
    untranslated = Message("a sentence no catalogue has")
    assert untranslated.localised("es") == "a sentence no catalogue has"
