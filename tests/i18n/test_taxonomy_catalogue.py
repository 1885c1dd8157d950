"""The taxonomy's names in English and Spanish: complete, and nothing unused."""

from __future__ import annotations

from importlib import resources

import pytest
from babel.messages.pofile import read_po

from sistercities import i18n, taxonomy
from sistercities.registry.council.proposals import Answer, ProposalStatus
from sistercities.vocabulary import ENUMS, LABELS, label

ENUMS_ALSO = {"proposal_status": ProposalStatus, "answer": Answer}


def _catalogue(language: str) -> dict[str, str]:
    path = resources.files("sistercities") / "locale" / language / "LC_MESSAGES" / "taxonomy.po"
    with path.open("rb") as handle:
        return {str(m.id): str(m.string) for m in read_po(handle) if m.id}


@pytest.mark.parametrize("group", sorted({**ENUMS, **ENUMS_ALSO}))
def test_every_stored_value_has_a_name(group: str) -> None:
    enum = {**ENUMS, **ENUMS_ALSO}[group]
    assert set(taxonomy.choices(enum)) <= set(LABELS[group])


def test_every_name_is_translated_into_spanish_and_every_entry_is_used() -> None:
    names = {english for group in LABELS.values() for english in group.values()}
    spanish = _catalogue("es")
    assert sorted(n for n in names if not spanish.get(n)) == [], "untranslated"
    assert sorted(set(spanish) - names) == [], "catalogue entries no name uses"


def test_the_template_matches_the_names() -> None:
    path = resources.files("sistercities") / "locale" / "taxonomy.pot"
    with path.open("rb") as handle:
        template = {str(m.id) for m in read_po(handle) if m.id}
    assert template == {english for group in LABELS.values() for english in group.values()}


def test_names_read_in_the_language_asked() -> None:
    assert label("layer", "decentralised_cooperation", "es") == "Cooperación descentralizada"
    assert label("layer", "decentralised_cooperation", "en") == "Decentralised cooperation"
    assert label("status", "dormant", "es-EC") == "Inactiva"
    assert label("area", "not_a_value", "es") == "not_a_value"


def test_a_place_reads_in_its_countrys_language() -> None:
    assert i18n.place_language("EC") == "es"
    assert i18n.place_language("MX") == "es"
    assert i18n.place_language("US") == "en"
    assert i18n.place_language("CN") == "en"  # Chinese is not offered: English


def test_accept_language_is_negotiated_by_quality() -> None:
    assert i18n.negotiate("en-US,en;q=0.9,es;q=0.8") == "en"
    assert i18n.negotiate("es-EC,es;q=0.9,en;q=0.8") == "es"
    assert i18n.negotiate("fr, es;q=0.3") == "es"
    assert i18n.negotiate("es;q=0, en;q=0.1") == "en"
    assert i18n.negotiate("de, fr") is None
    assert i18n.negotiate("garbage;q=x") is None
