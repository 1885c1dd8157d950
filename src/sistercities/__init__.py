"""sistercities: the system of record and analysis workbench for sister-city relationships.

The library comes first; the ``sistercities`` command line and the web app are
thin layers over :mod:`sistercities.operations` (one function per user action).
The names below are the public API; they load on first use
(:mod:`sistercities.lazy`), so ``import sistercities`` stays light.

>>> from sistercities import Registry, operations
>>> with Registry.open("registry.sqlite") as registry:  # doctest: +SKIP
...     print(operations.stats(registry))
"""

from sistercities.lazy import exports

__getattr__, __all__ = exports(
    __name__,
    {
        "ConflictError": "errors",
        "InputError": "errors",
        "NotFoundError": "errors",
        "SisterCitiesError": "errors",
        "StorageError": "errors",
        "Gazetteer": "places.gazetteer",
        "resolve_country": "places.countries",
        "load_demo": "interchange.demo",
        "export": "interchange.exporters",
        "ImportReport": "interchange.plan",
        "import_pairs": "interchange.importers",
        "import_wikidata": "interchange.importers",
        "RelationshipFilter": "registry.queries",
        "list_relationships": "registry.queries",
        "overview": "registry.queries",
        "search_places": "registry.queries",
        "stats": "registry.queries",
        "PlaceInput": "registry.records",
        "add_relationship": "registry.records",
        "get_or_add_place": "registry.records",
        "Registry": "registry.store",
    },
)
