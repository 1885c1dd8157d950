"""The names people read for the taxonomy's stored values, marked for translation.

Stored values stay snake-case English (:mod:`sistercities.taxonomy`); these
are their names in English, extracted by Babel (``N_`` marks them) into the
``taxonomy`` catalogue and translated there (:mod:`sistercities.i18n`).
"""

from __future__ import annotations

from enum import StrEnum

from sistercities import taxonomy
from sistercities.i18n import translate


def N_(message: str) -> str:
    """Mark a message for extraction without translating it here."""
    return message


LABELS: dict[str, dict[str, str]] = {
    "tier": {
        "state": N_("State"),
        "sub_state": N_("Sub-state"),
        "non_state": N_("Non-state"),
        "unknown": N_("Unknown"),
    },
    "role": {
        "head_of_government": N_("Head of government"),
        "ministry": N_("Ministry"),
        "embassy": N_("Embassy"),
        "governor": N_("Governor"),
        "mayor": N_("Mayor"),
        "council_member": N_("Council member"),
        "foreign_affairs_office": N_("Foreign affairs office"),
        "municipal_department": N_("Municipal department"),
        "chamber_of_commerce": N_("Chamber of commerce"),
        "university": N_("University"),
        "school": N_("School"),
        "civil_society_group": N_("Civil society group"),
        "sister_city_association": N_("Sister city association"),
        "diaspora_organisation": N_("Diaspora organisation"),
        "business": N_("Business"),
        "cultural_institute": N_("Cultural institute"),
        "international_organisation": N_("International organisation"),
        "individual": N_("Individual"),
        "undescribed": N_("Not described by the source"),
    },
    "layer": {
        "economic": N_("Economic"),
        "decentralised_cooperation": N_("Decentralised cooperation"),
        "political": N_("Political"),
    },
    "phase": {
        "associative": N_("Associative"),
        "reciprocal": N_("Reciprocal"),
        "commercial": N_("Commercial"),
    },
    "area": {
        "trade": N_("Trade"),
        "tourism": N_("Tourism"),
        "culture": N_("Culture"),
        "education_and_youth": N_("Education and youth"),
        "sport": N_("Sport"),
        "governance_training": N_("Governance training"),
        "environment_and_climate": N_("Environment and climate"),
        "health": N_("Health"),
        "humanitarian_aid": N_("Humanitarian aid"),
        "human_rights": N_("Human rights"),
        "trust_building": N_("Trust building"),
        "protocol": N_("Protocol"),
        "diaspora_and_migration": N_("Diaspora and migration"),
        "remittances": N_("Remittances"),
    },
    "flow": {
        "personnel": N_("People"),
        "knowledge": N_("Knowledge"),
        "capital": N_("Money"),
        "goods": N_("Goods"),
    },
    "kind": {
        "sister_city": N_("Sister city"),
        "sister_state": N_("Sister state"),
        "friendship_city": N_("Friendship city"),
        "cooperation_agreement": N_("Cooperation agreement"),
    },
    "status": {
        "proposed": N_("Proposed"),
        "active": N_("Active"),
        "dormant": N_("Dormant"),
        "suspended": N_("Suspended"),
        "ended": N_("Ended"),
        "unknown": N_("Unknown"),
    },
    "proposal_status": {
        "open": N_("Open"),
        "confirmed": N_("Confirmed"),
        "carried_out": N_("Carried out"),
        "withdrawn": N_("Withdrawn"),
    },
    "answer": {
        "committed": N_("Committed"),
        "declined": N_("Declined"),
    },
    "income_group": {  # World Bank income groups (places/country_profiles.py)
        "low": N_("Low income"),
        "lower_middle": N_("Lower-middle income"),
        "upper_middle": N_("Upper-middle income"),
        "high": N_("High income"),
    },
    "government_system": {
        "federal": N_("Federal"),
        "unitary": N_("Unitary"),
    },
    "place_kind": {
        "city": N_("City"),
        "municipality": N_("Municipality"),
        "county": N_("County"),
    },
    "part": {
        "manager": N_("Manager"),
        "initiator": N_("Initiator"),
        "contact": N_("Contact"),
        "carrier": N_("Carrier"),
        "broker": N_("Broker"),
    },
    "suggestion": {
        "at_risk": N_("At risk"),
        "not_enough_on_record": N_("Not enough on record to judge"),
    },
    "report": {
        "activities": N_("Activities"),
        "exchanges": N_("Exchanges"),
        "exchanges_outbound": N_("Exchanges outbound"),
        "exchanges_inbound": N_("Exchanges inbound"),
        "people_carried": N_("People carried"),
        "people_flows_without_count": N_("Flows of people without a count"),
        "participants": N_("Participants"),
        "volunteers": N_("Volunteers"),
        "money_moved": N_("Money moved"),
        "flows_by_kind": N_("Flows by kind"),
        "by_relationship": N_("By relationship"),
        "by_area": N_("By area"),
        "directions": N_("Directions"),
        "definitions": N_("Definitions"),
        "without_activity": N_("Left out of the figures"),
        "no_activity_recorded": N_("No activity recorded in the year"),
    },
    "health": {
        "last_activity": N_("Last activity"),
        "activities_per_year": N_("Activities per year"),
        "months_since_contact": N_("Months since contact"),
        "administrations_lived": N_("Administrations lived through"),
        "administrations_survived": N_("Administrations survived with activity"),
        "non_government_carrier": N_("Carried by a non-government actor"),
        "government_only_sides": N_("Sides carried by government only"),
        "administration_change_near": N_("Administration change near"),
        "suggestion": N_("Suggested status"),
        "missing": N_("Missing for a verdict"),
    },
}

#: Which enumeration each group names, so a test can check none is missing.
ENUMS: dict[str, type[StrEnum]] = {
    "tier": taxonomy.ActorTier,
    "role": taxonomy.ActorRole,
    "layer": taxonomy.Layer,
    "phase": taxonomy.Phase,
    "area": taxonomy.ActivityArea,
    "flow": taxonomy.FlowKind,
    "kind": taxonomy.RelationshipKind,
    "status": taxonomy.RelationshipStatus,
}


def term(value: str | None, language: str | None = "en") -> str | None:
    """The name of a stored value whatever its group, or ``None`` if no group names it.

    For pages that show a value without saying its group. Values are unique
    across groups except ``state`` (a tier), which this reads as the tier.

    >>> term("dormant", "es"), term("no_such_value", "es")
    ('Inactiva', None)
    """
    if value is None:
        return ""
    for group in LABELS.values():
        if value in group:
            return translate(group[value], language)
    return None


def label(group: str, value: str | None, language: str | None = "en") -> str:
    """The name of a stored value in a language: ``label("layer", "economic", "es")``.

    An unknown value is shown as stored rather than hidden.

    >>> label("layer", "economic", "es")
    'Económica'
    """
    if value is None:
        return ""
    english = LABELS.get(group, {}).get(value)
    if english is None:
        return value
    return translate(english, language)
