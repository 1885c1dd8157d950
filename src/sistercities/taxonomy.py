"""The frameworks of the three seed papers, as data.

Everything that classifies a record in sistercities comes from here, so that a
stored value, a CLI choice and an analysis all speak the same vocabulary:

- actor tiers and roles: Sinambela et al. 2024 (`000`), state / sub-state /
  non-state actors of a sister-city relationship;
- asymmetry factors: `000` (decentralisation, paradiplomacy, interdependence);
- layers: Lecours' three layers as used by Fortunoff et al. 2025 (`004`);
- phases: O'Toole's associative, reciprocal and commercial phases (`004`);
- activity areas: what the relationships do in `001` (Leffel & Amiri 2018)
  and `004`;
- flow kinds: the supply-and-demand schema of `001` (personnel, ideas, capital),
  with goods added for trade missions.

Values are lower-case snake-case strings (``StrEnum``), stored as such.
"""

from __future__ import annotations

from enum import StrEnum


class ActorTier(StrEnum):
    """The three tiers of actors of `000`."""

    STATE = "state"
    SUB_STATE = "sub_state"
    NON_STATE = "non_state"
    #: The source names the actor but does not say what it is, so no tier can be given.
    UNKNOWN = "unknown"


class ActorRole(StrEnum):
    """What an actor is; each role belongs to exactly one tier (``ROLE_TIER``)."""

    # state
    HEAD_OF_GOVERNMENT = "head_of_government"
    MINISTRY = "ministry"
    EMBASSY = "embassy"
    # sub-state
    GOVERNOR = "governor"
    MAYOR = "mayor"
    COUNCIL_MEMBER = "council_member"
    FOREIGN_AFFAIRS_OFFICE = "foreign_affairs_office"
    MUNICIPAL_DEPARTMENT = "municipal_department"
    # non-state
    CHAMBER_OF_COMMERCE = "chamber_of_commerce"
    UNIVERSITY = "university"
    SCHOOL = "school"
    CIVIL_SOCIETY_GROUP = "civil_society_group"
    SISTER_CITY_ASSOCIATION = "sister_city_association"
    DIASPORA_ORGANISATION = "diaspora_organisation"
    BUSINESS = "business"
    CULTURAL_INSTITUTE = "cultural_institute"
    INTERNATIONAL_ORGANISATION = "international_organisation"
    INDIVIDUAL = "individual"
    # the source names the actor without describing it (tier unknown)
    UNDESCRIBED = "undescribed"


ROLE_TIER: dict[ActorRole, ActorTier] = {
    ActorRole.HEAD_OF_GOVERNMENT: ActorTier.STATE,
    ActorRole.MINISTRY: ActorTier.STATE,
    ActorRole.EMBASSY: ActorTier.STATE,
    ActorRole.GOVERNOR: ActorTier.SUB_STATE,
    ActorRole.MAYOR: ActorTier.SUB_STATE,
    ActorRole.COUNCIL_MEMBER: ActorTier.SUB_STATE,
    ActorRole.FOREIGN_AFFAIRS_OFFICE: ActorTier.SUB_STATE,
    ActorRole.MUNICIPAL_DEPARTMENT: ActorTier.SUB_STATE,
    ActorRole.CHAMBER_OF_COMMERCE: ActorTier.NON_STATE,
    ActorRole.UNIVERSITY: ActorTier.NON_STATE,
    ActorRole.SCHOOL: ActorTier.NON_STATE,
    ActorRole.CIVIL_SOCIETY_GROUP: ActorTier.NON_STATE,
    ActorRole.SISTER_CITY_ASSOCIATION: ActorTier.NON_STATE,
    ActorRole.DIASPORA_ORGANISATION: ActorTier.NON_STATE,
    ActorRole.BUSINESS: ActorTier.NON_STATE,
    ActorRole.CULTURAL_INSTITUTE: ActorTier.NON_STATE,
    ActorRole.INTERNATIONAL_ORGANISATION: ActorTier.NON_STATE,
    ActorRole.INDIVIDUAL: ActorTier.NON_STATE,
    ActorRole.UNDESCRIBED: ActorTier.UNKNOWN,
}

GOVERNMENT_TIERS = frozenset({ActorTier.STATE, ActorTier.SUB_STATE})


class ActorKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"


class AsymmetryFactor(StrEnum):
    """The three factors of asymmetry of `000`, each between two tiers."""

    DECENTRALISATION = "decentralisation"  # state <-> sub-state
    PARADIPLOMACY = "paradiplomacy"  # sub-state <-> non-state
    INTERDEPENDENCE = "interdependence"  # city <-> foreign city


class Layer(StrEnum):
    """Lecours' three layers of paradiplomacy (`004`)."""

    ECONOMIC = "economic"
    DECENTRALISED_COOPERATION = "decentralised_cooperation"
    POLITICAL = "political"


class Phase(StrEnum):
    """O'Toole's three phases of a sister-city relationship (`004`)."""

    ASSOCIATIVE = "associative"
    RECIPROCAL = "reciprocal"
    COMMERCIAL = "commercial"


class ActivityArea(StrEnum):
    """What an activity is about (`001`, `004`)."""

    TRADE = "trade"
    TOURISM = "tourism"
    CULTURE = "culture"
    EDUCATION_AND_YOUTH = "education_and_youth"
    SPORT = "sport"
    GOVERNANCE_TRAINING = "governance_training"
    ENVIRONMENT_AND_CLIMATE = "environment_and_climate"
    HEALTH = "health"
    HUMANITARIAN_AID = "humanitarian_aid"
    HUMAN_RIGHTS = "human_rights"
    TRUST_BUILDING = "trust_building"
    PROTOCOL = "protocol"
    DIASPORA_AND_MIGRATION = "diaspora_and_migration"
    REMITTANCES = "remittances"


class FlowKind(StrEnum):
    """What a flow carries from one side to the other (`001` supply and demand)."""

    PERSONNEL = "personnel"
    KNOWLEDGE = "knowledge"
    CAPITAL = "capital"
    GOODS = "goods"


class RelationshipKind(StrEnum):
    SISTER_CITY = "sister_city"
    SISTER_STATE = "sister_state"
    FRIENDSHIP_CITY = "friendship_city"
    COOPERATION_AGREEMENT = "cooperation_agreement"


class RelationshipStatus(StrEnum):
    PROPOSED = "proposed"
    ACTIVE = "active"
    DORMANT = "dormant"
    SUSPENDED = "suspended"
    ENDED = "ended"
    #: No source describes it: a pair from a list (Wikipedia, Wikidata) says that the
    #: two places are twinned, not whether anything happens between them.
    UNKNOWN = "unknown"


class PlaceKind(StrEnum):
    CITY = "city"
    MUNICIPALITY = "municipality"
    COUNTY = "county"
    STATE = "state"
    #: The source names the place without saying whether it is the city or a wider area.
    UNKNOWN = "unknown"


class DatePrecision(StrEnum):
    """How much of a stored date is known: a year alone is common."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"


class ResolutionMethod(StrEnum):
    """How a place name was matched to a gazetteer entry, for review."""

    EXACT = "exact"
    ALTERNATE = "alternate"
    FUZZY = "fuzzy"
    COORDINATES = "coordinates"
    MANUAL = "manual"
    UNRESOLVED = "unresolved"


class GovernmentSystem(StrEnum):
    FEDERAL = "federal"
    UNITARY = "unitary"


def tier_of(role: ActorRole | str) -> ActorTier:
    """Return the tier of a role; raises ``ValueError`` for an unknown role."""
    return ROLE_TIER[ActorRole(role)]


def choices(enum: type[StrEnum]) -> list[str]:
    """The stored values of an enumeration, in declaration order (for CLI choices)."""
    return [member.value for member in enum]
