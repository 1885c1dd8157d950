"""Build ``src/sistercities/data/countries.csv`` from the shipped, dated sources.

Two sources, each read from a file, never typed here:

- income groups: the World Bank's country classification by income, fiscal
  year 2025 (``CLASS.xlsx``, sheet ``List of economies``; thresholds from 2023
  GNI per capita, Atlas method), CC BY 4.0;
- government system: the lists of federal countries quoted, with their source
  and date, in ``tools/sources/federal_countries.txt``.

Country codes and names are ISO 3166-1 alpha-2 from ``pycountry``, plus ``XK``
(Kosovo, as GeoNames and the World Bank's ``XKX`` use it). The World Bank's
"Channel Islands" (``CHI``) row gives both Jersey (``JE``) and Guernsey (``GG``)
its group. An ISO country the World Bank does not list gets an empty income
group; so does Venezuela, which the FY2025 file lists without one.

Run from the repository root::

    python tools/make_countries_csv.py                # writes the CSV
    python tools/make_countries_csv.py --check        # exit 1 if the CSV differs

``tests/places/test_countries_source.py`` runs the ``--check`` comparison, so
the shipped file cannot drift from its sources.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pycountry

ROOT = Path(__file__).resolve().parents[1]
CLASS_XLSX = ROOT.parent / "shared" / "data" / "world-bank" / "CLASS.xlsx"
FEDERAL_LIST = ROOT / "tools" / "sources" / "federal_countries.txt"
OUTPUT = ROOT / "src" / "sistercities" / "data" / "countries.csv"

#: The World Bank's labels, as the file writes them, and the values we store.
INCOME_GROUPS = {
    "Low income": "low",
    "Lower middle income": "lower_middle",
    "Upper middle income": "upper_middle",
    "High income": "high",
}

#: World Bank codes that are not ISO alpha-3 codes of one country.
WORLD_BANK_CODES = {"XKX": ("XK",), "CHI": ("JE", "GG")}

HEADER = """\
# sistercities: income group and government system of each country.
# Built by tools/make_countries_csv.py from the two sources below; do not edit by hand.
# income_group: World Bank country classification by income level, fiscal year 2025
#   (groups from 2023 GNI per capita, World Bank Atlas method: low income $1,145 or less;
#   lower middle $1,146 to $4,515; upper middle $4,516 to $14,005; high more than $14,005).
#   Values low, lower_middle, upper_middle, high; empty = not classified in that file
#   (Venezuela) or not listed (territories the World Bank does not classify).
#   Source: World Bank, "World Bank Country and Lending Groups", CLASS.xlsx for FY2025
#   (published 1 July 2024), licence CC BY 4.0; the copy read is the project's
#   ../shared/data/world-bank/CLASS.xlsx, from the public repository svmiller/stevedata,
#   data-raw/wb_groups/CLASS.xlsx, commit 96eb1e95 (2025-01-15).
#   The Channel Islands row gives JE and GG; XKX is Kosovo (XK).
# government_system: federal if the country is on a quoted list of federal countries,
#   unitary otherwise (meaning: on none of those lists). The lists, with their sources and
#   dates, are quoted in tools/sources/federal_countries.txt:
{federal_sources}
# Codes and names: ISO 3166-1 alpha-2 (pycountry), plus XK Kosovo.
"""


@dataclass
class FederalSource:
    """One quoted list of federal countries."""

    source: str = ""
    url: str = ""
    date: str = ""
    read: str = ""
    quote: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    codes: dict[str, str] = field(default_factory=dict)


def read_federal_sources(path: Path) -> list[FederalSource]:
    """Parse the quoted lists; every name must appear in its own quote."""
    sources: list[FederalSource] = []
    current: FederalSource | None = None
    in_quote = False
    for line in path.read_text("utf-8").splitlines():
        if in_quote:
            if line.strip() == "end":
                in_quote = False
            else:
                assert current is not None
                current.quote.append(line)
            continue
        if not line.strip() or line.startswith("#"):
            continue
        key, _, value = line.partition(":") if not line.startswith("code ") else ("code", "", line)
        value = value.strip()
        if key == "source":
            current = FederalSource(source=value)
            sources.append(current)
        elif current is None:
            raise SystemExit(f"{path}: '{line}' before any 'source:'")
        elif key == "quote":
            in_quote = True
        elif key == "names":
            current.names = [name.strip() for name in value.split(";") if name.strip()]
        elif key == "code":
            name, _, code = line[len("code ") :].rpartition("=")
            current.codes[name.strip()] = code.strip()
        elif key in ("url", "date", "read"):
            setattr(current, key, value)
        else:
            raise SystemExit(f"{path}: unknown line '{line}'")
    for src in sources:
        quoted = " ".join(src.quote)
        missing = [name for name in src.names if name not in quoted]
        if missing:
            raise SystemExit(f"{path}: names not in the quote of {src.url}: {missing}")
    return sources


def federal_codes(sources: list[FederalSource]) -> set[str]:
    """ISO codes of the federal countries the quoted lists name."""
    sys.path.insert(0, str(ROOT / "src"))
    from sistercities.places.countries import resolve_country

    codes: set[str] = set()
    for src in sources:
        for name in src.names:
            code = src.codes.get(name)
            if code is None:
                match = resolve_country(name)
                if match is None or match.method == "fuzzy":
                    raise SystemExit(f"federal list: cannot resolve '{name}'; add a 'code' line")
                code = match.code
            codes.add(code)
    return codes


def income_groups(path: Path) -> dict[str, str]:
    """ISO alpha-2 -> income group from the World Bank file (economies only)."""
    workbook = openpyxl.load_workbook(path, read_only=True)
    rows = workbook["List of economies"].iter_rows(values_only=True)
    header = next(rows)
    expected = ("Economy", "Code", "Region", "Income group")
    if tuple(header[:4]) != expected:
        raise SystemExit(f"{path}: unexpected header {header}")
    groups: dict[str, str] = {}
    for name, code, region, group, *_ in rows:
        if not code or region is None:  # regional and income aggregates have no region
            continue
        alpha2 = WORLD_BANK_CODES.get(code)
        if alpha2 is None:
            record = pycountry.countries.get(alpha_3=code)
            if record is None:
                raise SystemExit(f"{path}: economy {name} ({code}) has no ISO code")
            alpha2 = (record.alpha_2,)
        for iso in alpha2:
            groups[iso] = INCOME_GROUPS[group] if group else ""
    return groups


def build(class_xlsx: Path = CLASS_XLSX, federal_list: Path = FEDERAL_LIST) -> str:
    """The CSV text, header included."""
    sources = read_federal_sources(federal_list)
    federal = federal_codes(sources)
    groups = income_groups(class_xlsx)
    rows = [(c.alpha_2, getattr(c, "common_name", None) or c.name) for c in pycountry.countries]
    rows.append(("XK", "Kosovo"))
    known = {code for code, _ in rows}
    unknown = (set(groups) | federal) - known
    if unknown:
        raise SystemExit(f"codes in the sources that ISO 3166 lacks: {sorted(unknown)}")
    described = "\n".join(
        f"#   - {src.source}; {src.url}; published: {src.date}; read {src.read}; "
        f"federal: {', '.join(src.names)}"
        for src in sources
    )
    out = io.StringIO()
    out.write(HEADER.format(federal_sources=described))
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["code", "name", "income_group", "government_system"])
    for code, name in sorted(rows):
        system = "federal" if code in federal else "unitary"
        writer.writerow([code, name, groups.get(code, ""), system])
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument("--class-xlsx", type=Path, default=CLASS_XLSX)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    text = build(args.class_xlsx)
    if args.check:
        same = args.output.exists() and args.output.read_text("utf-8") == text
        print("up to date" if same else f"{args.output} differs from its sources")
        return 0 if same else 1
    args.output.write_text(text, "utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
