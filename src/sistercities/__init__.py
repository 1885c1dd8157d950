"""sistercities: the system of record and analysis workbench for sister-city relationships.

The library comes first; the ``sistercities`` command line is a thin layer
over it. The names below are the public API.

>>> from sistercities import Registry
>>> with Registry.open("registry.sqlite") as registry:  # doctest: +SKIP
...     with registry.session() as session:
...         print(stats(session))
"""

from sistercities.errors import (
    ConflictError,
    InputError,
    NotFoundError,
    SisterCitiesError,
    StorageError,
)
from sistercities.interchange.demo import load_demo
from sistercities.interchange.exporters import export
from sistercities.interchange.importers import ImportReport, import_pairs, import_wikidata
from sistercities.places.countries import resolve_country
from sistercities.places.gazetteer import Gazetteer
from sistercities.registry.queries import (
    RelationshipFilter,
    list_relationships,
    overview,
    search_places,
    stats,
)
from sistercities.registry.records import PlaceInput, add_relationship, get_or_add_place
from sistercities.registry.store import Registry

__all__ = [
    "ConflictError",
    "Gazetteer",
    "ImportReport",
    "InputError",
    "NotFoundError",
    "PlaceInput",
    "Registry",
    "RelationshipFilter",
    "SisterCitiesError",
    "StorageError",
    "add_relationship",
    "export",
    "get_or_add_place",
    "import_pairs",
    "import_wikidata",
    "list_relationships",
    "load_demo",
    "overview",
    "resolve_country",
    "search_places",
    "stats",
]
