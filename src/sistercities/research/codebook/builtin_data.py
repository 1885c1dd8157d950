"""The built-in codebooks, each definition quoted from its paper with the section it is in.

Nothing here is paraphrased: ``definition`` is a verbatim passage of the seed
paper (``../shared/seeds/``; a test finds every one of them there), and
``section`` the heading it stands under. ``terms`` are indicative terms for
automatic coding, chosen from the words the same paper uses for the concept.

- ``000``: Sinambela, Al-Fadhat, Mukti and Warsito (2024), "The art of
  asymmetry in sister city relationships factors analysis": the actor tiers
  (state, sub-state, non-state), the actors' roles in each, and the three
  factors of asymmetry (decentralization, interdependence, paradiplomacy).
- ``001``: Leffel and Amiri, "Sino-U.S. Sister City Relations: Subnational
  Networks and Paradiplomacy" (Rising Powers Quarterly): the four impact
  areas and the flows of the supply-and-demand schema.
- ``004``: Fortunoff, Martens and Albarracín Méndez (2025), "A Space for
  Kinship in City Diplomacy": Lecours' three layers of paradiplomacy,
  O'Toole's three phases of sister city relations (deductive codes) and the
  inductive themes migration and remittances.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BuiltinCode:
    """One code of a built-in codebook; ``path`` is ``Folder/Code``."""

    path: str
    definition: str
    section: str
    terms: tuple[str, ...] = ()
    folder: bool = False


@dataclass(frozen=True)
class BuiltinCodebook:
    """A codebook and the paper it comes from (the seed file's name)."""

    key: str
    title: str
    paper: str
    seed: str
    codes: tuple[BuiltinCode, ...]


S000_RESULT = "4. Result"
S000_41 = "4.1. State Actor dalam Kerjasama Sister City"
S000_42 = "4.2. Sub-State Actor of Sister City Partnership"
S000_43 = "4.3. Non-State Actor of Sister City Partnership"
S000_5 = "5. Discussion"

CODEBOOK_000 = BuiltinCodebook(
    key="000",
    title="Actors and asymmetry in sister city relationships",
    paper="Sinambela, Al-Fadhat, Mukti and Warsito (2024), The art of asymmetry in sister "
    "city relationships factors analysis, Edelweiss Applied Science and Technology 8(6)",
    seed="000_010cd8afb6b87e33.txt",
    codes=(
        BuiltinCode(
            "Actors",
            "Asymmetric relationships are not just about differences in capabilities but also "
            "include geographic, political, and perception dimensions (Womack, 2016).",
            S000_RESULT,
            folder=True,
        ),
        BuiltinCode(
            "Actors/State actors",
            "state actors as actors who design decentralization policies",
            S000_RESULT,
            ("central government", "state actor", "national government"),
        ),
        BuiltinCode(
            "Actors/State actors/President or Prime Minister",
            "A President is also an actor who paves the way for creating bilateral cooperation "
            "between countries before the Regional Government continues the cooperation.",
            S000_41,
            ("president", "prime minister", "head of state", "nation branding"),
        ),
        BuiltinCode(
            "Actors/State actors/Ministry",
            "relevant ministries are also needed to allocate financial and technological "
            "resources to support projects in SCR partnership",
            S000_41,
            ("minister", "ministry", "ministries"),
        ),
        BuiltinCode(
            "Actors/State actors/Ambassador",
            "Ambassadors are essential in promoting culture and people-to-people linkages in "
            "SCR partnership.",
            S000_41,
            ("ambassador", "embassy"),
        ),
        BuiltinCode(
            "Actors/Sub-state actors",
            "sub-state actors as actors who implement Sister City cooperation based on "
            "interdependence",
            S000_RESULT,
            ("regional government", "local government", "sub-state actor"),
        ),
        BuiltinCode(
            "Actors/Sub-state actors/Governor",
            "a Governor can facilitate cross-sector dialogue and cooperation, ensuring that SCR "
            "initiatives are integrated with spatial planning, economic development, and other "
            "development agendas at the provincial level",
            S000_42,
            ("governor", "province", "provincial"),
        ),
        BuiltinCode(
            "Actors/Sub-state actors/Mayor",
            "Apart from being the main initiator of SCR at the city level, the MayorMayor also "
            "acts as a coordinator who reconciles the needs of partner cities with local city "
            "resources",
            S000_42,
            ("mayor", "city hall"),
        ),
        BuiltinCode(
            "Actors/Sub-state actors/Regional foreign cooperation agency",
            "The existence of regional foreign cooperation bodies as an extension of the "
            "Ministry of Foreign Affairs can be relied upon to integrate the Central "
            "Government's priority agenda with the overall regional development agenda.",
            S000_42,
            ("foreign affairs office", "international relations office", "foreign cooperation"),
        ),
        BuiltinCode(
            "Actors/Non-state actors",
            "Non-state actors are parties outside the Government, consisting of organizations "
            "and community communities within and abroad.",
            S000_43,
            ("non-state actor", "civil society", "organization", "volunteers"),
        ),
        BuiltinCode(
            "Actors/Non-state actors/Chamber of Commerce",
            "As an organization representing the interests of the business world, the Chamber "
            "of Commerce profoundly understands the economic potential and business "
            "opportunities in both partner cities",
            S000_43,
            ("chamber of commerce", "business", "investment"),
        ),
        BuiltinCode(
            "Actors/Non-state actors/Community",
            "the sustainability of SCR partnerships depends on the participation of local "
            "communities",
            S000_43,
            ("community", "communities", "youth groups", "civil society organizations"),
        ),
        BuiltinCode(
            "Actors/Non-state actors/Diaspora",
            "the diaspora can identify collaboration opportunities as individuals with business "
            "relationships and networks in both regions",
            S000_43,
            ("diaspora", "migrants", "para-diplomats"),
        ),
        BuiltinCode(
            "Asymmetry factors",
            "It can be influenced by decentralization, paradiplomacy, and dependency factors in "
            "SCR actors.",
            S000_5,
            folder=True,
        ),
        BuiltinCode(
            "Asymmetry factors/Decentralization",
            "Decentralization divides authority, responsibility, and resources from the Central "
            "Government to Regional Governments",
            S000_5,
            ("decentralization", "autonomy", "authority"),
        ),
        BuiltinCode(
            "Asymmetry factors/Interdependence",
            "asymmetric interdependence between substate actors can create a situation where a "
            "stronger substate actor can take advantage of its dominant position to set agendas, "
            "conditions, and benefits that are more favourable to its interests",
            S000_5,
            ("interdependence", "dependency", "bargaining position"),
        ),
        BuiltinCode(
            "Asymmetry factors/Paradiplomacy",
            "SCR is a form of para-diplomacy carried out by two regional governments from "
            "different countries to exchange experiences and cultures and mutually promote "
            "economic and trade relations.",
            S000_5,
            ("paradiplomacy", "para-diplomacy", "para diplomacy"),
        ),
    ),
)

S001_CONFLICT = "Conflict Prevention and Resolution"
S001_RIGHTS = "Human Rights Protection"
S001_CAPACITY = "Capacity Building"
S001_CLIMATE = "Climate Action"

CODEBOOK_001 = BuiltinCodebook(
    key="001",
    title="Impact areas and flows of Sino-U.S. sister city relations",
    paper="Leffel and Amiri, Sino-U.S. Sister City Relations: Subnational Networks and "
    "Paradiplomacy, Rising Powers Quarterly",
    seed="001_6574a81a7f3dd443.txt",
    codes=(
        BuiltinCode(
            "Impact areas",
            "These impacts include conflict prevention and resolution, human rights protection, "
            "capacity building and climate action.",
            "Abstract",
            folder=True,
        ),
        BuiltinCode(
            "Impact areas/Conflict prevention and resolution",
            "conflict prevention requires a gradual process of attitudinal change, as conflict "
            "itself is not merely an interstate phenomenon, but also an intersocietal one",
            S001_CONFLICT,
            ("conflict", "peace", "trust", "peacebuilding"),
        ),
        BuiltinCode(
            "Impact areas/Human rights protection",
            "Sister city ties served to channel financial and material aid as well as moral "
            "support for the embattled Central American communities, their function and purpose "
            "being to redress human rights abuses.",
            S001_RIGHTS,
            ("human rights", "crackdown", "suspended", "protest"),
        ),
        BuiltinCode(
            "Impact areas/Capacity building",
            "partnerships between cities of developed and developing states often find the "
            "former disproportionately acting as the source and the latter as the recipient of "
            "training and professional learning",
            S001_CAPACITY,
            ("training", "best practices", "management knowledge", "capacity building"),
        ),
        BuiltinCode(
            "Impact areas/Climate action",
            "the development and deployment of the technological, managerial and scientific "
            "expertise necessary to achieve emissions reduction has become an increasingly "
            "cooperation-intensive activity",
            S001_CLIMATE,
            ("climate", "emissions", "environmental", "air quality"),
        ),
        BuiltinCode(
            "Flows",
            "the supply-and-demand flows of personnel, ideas, wealth and so forth at the "
            "subnational-level between the U.S. and China",
            "Conclusion",
            folder=True,
        ),
        BuiltinCode(
            "Flows/Personnel",
            "Chinese government delegates come to the U.S. for training in a variety of "
            "sectors, such as social services, public administration, emergency services and "
            "waste management",
            S001_CAPACITY,
            ("delegates", "delegation", "exchange", "visit"),
        ),
        BuiltinCode(
            "Flows/Ideas",
            "the supply and demand for advanced management knowledge",
            S001_CAPACITY,
            ("knowledge", "expertise", "learning", "research exchanges"),
        ),
        BuiltinCode(
            "Flows/Capital",
            "The majority of sister city respondents reported engaging in at least one exchange "
            "aimed at trade and or investment attraction",
            S001_CAPACITY,
            ("trade", "investment", "aid", "wealth"),
        ),
    ),
)

S004_2 = "2 Locating Sister City Relationships in International Relations Kinship Theory"
S004_3 = "3 Tracing the Rise and Retreat of Sister City Partnerships"
S004_4 = "4 Sister City Relationships Between the US and Ecuador"
S004_5 = "5 A Re-imagined Approach to Sister Cities in the Context of Migration"

CODEBOOK_004 = BuiltinCodebook(
    key="004",
    title="Layers, phases and migration in sister city relations",
    paper="Fortunoff, Martens and Albarracín Méndez (2025), A Space for Kinship in City "
    "Diplomacy: Re-imagining Sister Cities amid Global Migration",
    seed="004_e3451a6d175650e6.txt",
    codes=(
        BuiltinCode(
            "Lecours' layers",
            "Lecours notes that these layers are cumulative, with economic concerns laying the "
            "foundation.",
            S004_2,
            folder=True,
        ),
        BuiltinCode(
            "Lecours' layers/Economic layer",
            "an economic layer consisting of foreign investment, tourism and exports",
            S004_2,
            ("investment", "tourism", "exports", "business partnerships", "artisan"),
        ),
        BuiltinCode(
            "Lecours' layers/Decentralised cooperation",
            "decentralised cooperation, including cultural and educational exchanges and projects",
            S004_2,
            ("cultural exchange", "educational exchange", "students", "best practices"),
        ),
        BuiltinCode(
            "Lecours' layers/Political layer",
            "political considerations where subnational governments try to shape international "
            "relations that 'affirm the cultural distinctiveness, political autonomy and "
            "national character of the community they represent'",
            S004_2,
            ("political", "identity", "symbolic", "protocol"),
        ),
        BuiltinCode(
            "O'Toole's phases",
            "It also employs a threefold structure of sister city relationships.",
            "1 Exploring the Role of Sister Cities in Modern Diplomacy",
            folder=True,
        ),
        BuiltinCode(
            "O'Toole's phases/Associative phase",
            "this period marks the 'associative phase' based on international awareness and "
            "symbolic friendship",
            S004_3,
            ("friendship", "awareness", "goodwill"),
        ),
        BuiltinCode(
            "O'Toole's phases/Reciprocal phase",
            "the 'reciprocal phase' including greater exchange of skills, resources and "
            "students between communities",
            S004_3,
            ("reciprocal", "exchange of skills", "students"),
        ),
        BuiltinCode(
            "O'Toole's phases/Commercial phase",
            "a 'commercial phase' that prioritises greater investment and tourism",
            S004_3,
            ("commercial", "investment", "tourism", "trade"),
        ),
        BuiltinCode(
            "Inductive themes",
            "Inductive coding on migration and remittances was also employed given the "
            "semi-structured interview structure",
            S004_4,
            folder=True,
        ),
        BuiltinCode(
            "Inductive themes/Migration",
            "sister city agreements with diaspora communities can activate kinship bonds that "
            "provide agency to foreign minority groups",
            S004_5,
            ("migration", "migrants", "diaspora", "emigration"),
        ),
        BuiltinCode(
            "Inductive themes/Remittances",
            "migrant-led projects to coordinate the flow of remittances for community "
            "development projects",
            S004_5,
            ("remittances", "remittance", "money sent home"),
        ),
    ),
)

CODEBOOKS = {c.key: c for c in (CODEBOOK_000, CODEBOOK_001, CODEBOOK_004)}
