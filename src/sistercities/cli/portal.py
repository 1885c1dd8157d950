"""``sistercities portal ...``: switch a place's public portal on and off, publish
organisations' contact points, and print what the public sees.

Each command calls one function of :mod:`sistercities.operations.portal`.
The text output names the taxonomy in the portal's language (``--lang`` to
choose); ``--json`` gives the stored codes.
"""

from __future__ import annotations

from typing import Any

import click
from rich.console import Console
from rich.table import Table

from sistercities import i18n
from sistercities.cli.common import AppContext, emit, json_option, pass_app
from sistercities.operations import portal as ops
from sistercities.registry.portal.settings import CONTACT_KINDS
from sistercities.vocabulary import label


def _said(message: str) -> Any:
    return lambda out: out.print(message)


def lang_option(func: Any) -> Any:
    return click.option(
        "--lang",
        type=click.Choice(i18n.SUPPORTED),
        help="Language of the names (default: the portal's).",
    )(func)


@click.group()
def portal() -> None:
    """The public portal of a place: its sister cities, for residents and staff."""


@portal.command("enable")
@click.argument("place")
@click.option("--slug", help="The readable address: /portal/SLUG (default: from the name).")
@click.option(
    "--language",
    type=click.Choice(i18n.SUPPORTED),
    help="The portal's language (default: the one most spoken in its country).",
)
@json_option
@pass_app
def enable(app: AppContext, place: str, as_json: bool, **fields: Any) -> None:
    """Switch a place's portal on (officers only).

    \b
    Example:
      sistercities --user lucia portal enable "Cuenca, EC"
    """
    result = ops.portal_enable(app.registry(), place=place, **fields)
    emit(
        result,
        as_json,
        _said(
            f"Portal of {result['place']} is on at /portal/{result['slug']} ({result['language']})."
        ),
    )


@portal.command("disable")
@click.argument("place")
@json_option
@pass_app
def disable(app: AppContext, place: str, as_json: bool) -> None:
    """Switch a place's portal off (officers only); its address is kept.

    \b
    Example:
      sistercities --user lucia portal disable "Cuenca, EC"
    """
    result = ops.portal_disable(app.registry(), place=place)
    emit(result, as_json, _said(f"Portal of {result['place']} is off."))


@portal.command("configure")
@click.argument("place")
@click.option("--slug", help="A new readable address: /portal/SLUG (the old one stops working).")
@click.option("--language", type=click.Choice(i18n.SUPPORTED), help="The portal's language.")
@json_option
@pass_app
def configure(app: AppContext, place: str, as_json: bool, **fields: Any) -> None:
    """Change a portal's address or language, on or off as it is (officers of the place).

    \b
    Example:
      sistercities --user lucia portal configure "Cuenca, EC" --slug cuenca-ec --language es
    """
    result = ops.portal_configure(app.registry(), place=place, **fields)
    state = "on" if result["enabled"] else "off"
    emit(
        result,
        as_json,
        _said(
            f"Portal of {result['place']} ({state}): /portal/{result['slug']} "
            f"({result['language']})."
        ),
    )


@portal.command("list")
@json_option
@pass_app
def list_portals(app: AppContext, as_json: bool) -> None:
    """The places whose portal is on.

    \b
    Example:
      sistercities portal list --json
    """
    result = ops.portal_list(app.registry())

    def render(out: Console) -> None:
        table = Table("slug", "place", "language", "relationships")
        for row in result["portals"]:
            place = row["place"]
            table.add_row(
                row["slug"],
                f"{place['name']} ({place['country']})",
                row["language"],
                str(row["relationships"]),
            )
        out.print(table)

    emit(result, as_json, render)


def _render_place(page: dict[str, Any], lang: str) -> Any:
    def render(out: Console) -> None:
        place = page["portal"]["place"]
        out.print(f"{place['name']} ({place['country']}): /portal/{page['portal']['slug']}")
        table = Table("slug", "sister city", "status", "since", "activities", "layers")
        for rel in page["relationships"]:
            table.add_row(
                rel["slug"],
                f"{rel['partner']['name']} ({rel['partner']['country']})",
                label("status", rel["status"], lang),
                rel["since"] or "",
                str(rel["activities"]),
                ", ".join(label("layer", x, lang) for x in rel["layers"]),
            )
        out.print(table)
        for item in page["upcoming"]:
            out.print(f"planned: {item['title']} ({item['partner']}, {item['date'] or '?'})")

    return render


def _render_relationship(page: dict[str, Any], lang: str) -> Any:
    def render(out: Console) -> None:
        out.print(
            f"{page['portal']['place']['name']} – {page['partner']['name']}: "
            f"{label('status', page['status'], lang)}"
        )
        for item in page["done"]:
            out.print(
                f"  {item['date'] or '?'}  {item['title']}  [{label('layer', item['layer'], lang)}]"
            )
        for item in page["planned"]:
            out.print(f"  planned {item['date'] or '?'}  {item['title']}")
        for where in ("here", "there"):
            for org in page["organisations"][where]:
                points = ", ".join(p["value"] for p in org["contact_points"])
                out.print(f"  {org['name']} ({label('role', org['role'], lang)}) {points}")

    return render


@portal.command("show")
@click.argument("slug")
@click.argument("relationship", required=False)
@lang_option
@json_option
@pass_app
def show(
    app: AppContext, slug: str, relationship: str | None, lang: str | None, as_json: bool
) -> None:
    """What the public sees: a place's portal, or one of its relationships.

    \b
    Example:
      sistercities portal show cuenca peekskill --lang es
    """
    if relationship:
        page = ops.portal_relationship_page(app.registry(), slug=slug, relationship=relationship)
        emit(page, as_json, _render_relationship(page, lang or page["portal"]["language"]))
    else:
        page = ops.portal_place_page(app.registry(), slug=slug)
        emit(page, as_json, _render_place(page, lang or page["portal"]["language"]))


@portal.command("search")
@click.argument("query")
@json_option
@pass_app
def search(app: AppContext, query: str, as_json: bool) -> None:
    """Search the portals that are on: places, sister cities, organisations, activities.

    \b
    Example:
      sistercities portal search peekskill
    """
    result = ops.portal_search(app.registry(), query=query)

    def render(out: Console) -> None:
        for hit in result:
            where = f"/portal/{hit['portal']}" + (
                f"/{hit['relationship']}" if hit["relationship"] else ""
            )
            out.print(f"{hit['type']}: {hit['title']}  {where}")

    emit(result, as_json, render)


@portal.command("overview")
@click.option("--country", help="Only relationships with a place in this country.")
@json_option
@pass_app
def overview(app: AppContext, country: str | None, as_json: bool) -> None:
    """The whole registry for a national association: statuses, partners, layers.

    \b
    Example:
      sistercities portal overview --country US --json
    """
    result = ops.portal_overview(app.registry(), country=country)

    def render(out: Console) -> None:
        out.print(f"{result['relationships']} relationships; by status {result['by_status']}")
        out.print(f"layers covered: {result['layers_covered']}")

    emit(result, as_json, render)


@portal.group("contact")
def contact() -> None:
    """An organisation's public contact points (never a person's)."""


@contact.command("add")
@click.argument("actor_id", metavar="ACTOR", type=int)
@click.option("--kind", required=True, type=click.Choice(CONTACT_KINDS))
@click.option("--value", required=True)
@json_option
@pass_app
def contact_add(app: AppContext, as_json: bool, **fields: Any) -> None:
    """Publish how the public reaches an organisation (officers only).

    \b
    Example:
      sistercities --user lucia portal contact add 19 --kind website \\
        --value https://peekskillcuenca.example.org
    """
    result = ops.portal_add_contact(app.registry(), **fields)
    emit(result, as_json, _said(f"Contact point {result['id']} published."))


@contact.command("remove")
@click.argument("point_id", metavar="POINT", type=int)
@pass_app
def contact_remove(app: AppContext, point_id: int) -> None:
    """Take a public contact point down (officers only).

    \b
    Example:
      sistercities --user lucia portal contact remove 3
    """
    ops.portal_remove_contact(app.registry(), point_id=point_id)
    click.echo(f"Contact point {point_id} taken down.")


@portal.command("hide")
@click.argument("activity_id", metavar="ACTIVITY", type=int)
@click.option("--reason")
@pass_app
def hide(app: AppContext, activity_id: int, reason: str | None) -> None:
    """Keep an activity off the portals; it stays in the registry (officers only).

    \b
    Example:
      sistercities --user lucia portal hide 12 --reason "internal meeting"
    """
    ops.portal_hide_activity(app.registry(), activity_id=activity_id, reason=reason)
    click.echo(f"Activity {activity_id} is off the portals.")


@portal.command("unhide")
@click.argument("activity_id", metavar="ACTIVITY", type=int)
@pass_app
def unhide(app: AppContext, activity_id: int) -> None:
    """Put a hidden activity back on the portals (officers only).

    \b
    Example:
      sistercities --user lucia portal unhide 12
    """
    ops.portal_show_activity(app.registry(), activity_id=activity_id)
    click.echo(f"Activity {activity_id} is back on the portals.")


commands: list[click.Command] = [portal]
