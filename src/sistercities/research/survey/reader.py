"""Read survey exports (CSV, XLSX, SPSS .sav) into a plain table of text cells.

Every cell becomes a string (or ``None`` when empty), whatever the file type,
so that the question map is applied the same way to all of them:
spreadsheet numbers that are whole become ``"1"`` rather than ``"1.0"``, dates
become ISO text. Which cells are numbers is decided later, per question, with
the question map (:mod:`.responses`).

CSV: UTF-8 (with or without BOM, as Excel writes it), falling back to
Windows-1252; the delimiter (comma, semicolon, tab) is sniffed. A Qualtrics
export's two extra header rows (question text, ``{"ImportId": ...}``) are
recognised and skipped.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sistercities.errors import InputError

SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".sav")


@dataclass(frozen=True)
class RawTable:
    """A survey export as text: its header and its rows with their line numbers.

    ``lines[i]`` is the line (CSV) or row (XLSX) number of ``rows[i]`` in the
    file, for messages that point at the right place. An SPSS file also
    brings its value labels (``labels[column][code]``) and variable labels
    (``texts[column]``), used where the question map gives none.
    ``blank_lines`` are the rows with no cell filled (a row of only commas):
    set aside, and counted, so that the file's rows add up.
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]
    lines: tuple[int, ...]
    labels: dict[str, dict[str, str]] | None = None
    texts: dict[str, str] | None = None
    blank_lines: tuple[int, ...] = ()

    def column(self, name: str) -> int:
        """The index of a column; a clear error naming the columns if absent."""
        try:
            return self.header.index(name)
        except ValueError:
            shown = ", ".join(self.header[:30])
            raise InputError(f"no column {name!r} in the file (columns: {shown})") from None


def read_table(path: str | Path, *, sheet: str | None = None, header_rows: int = 1) -> RawTable:
    """Read a CSV, XLSX or SPSS .sav export (chosen by the file suffix).

    ``header_rows`` is the number of header rows above the answers (2 for a
    SurveyMonkey export; see :func:`_header`).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError("no such file", field=str(path))
    if suffix in (".csv", ".tsv", ".txt"):
        table = _read_csv(path, header_rows)
    elif suffix == ".xlsx":
        table = _read_xlsx(path, sheet, header_rows)
    elif suffix == ".sav":
        table = _read_sav(path)
    else:
        raise InputError(f"cannot read {suffix or 'this'} files; use one of {', '.join(SUFFIXES)}")
    _check_header(table.header)
    return table


def cell_text(value: Any) -> str | None:
    """One cell as text: ``None`` for empty, whole floats without ``.0``.

    >>> cell_text(2.0), cell_text(2.5), cell_text("  yes "), cell_text("")
    ('2', '2.5', 'yes', None)
    """
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value != value:  # NaN: SPSS system-missing
            return None
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def _check_header(header: tuple[str, ...]) -> None:
    if not header:
        raise InputError("the file is empty: no header row")
    seen: set[str] = set()
    for name in header:
        if name in seen and name:
            raise InputError(f"column {name!r} appears twice in the header")
        seen.add(name)


def _decode(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", field=path.name) from exc
    if b"\0" in data[:65536]:
        where = data.index(b"\0")
        raise InputError(
            f"not a text file: a NUL byte at byte {where + 1} (a binary file, or UTF-16; "
            "save it as CSV UTF-8)",
            field=path.name,
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _read_csv(path: Path, header_rows: int) -> RawTable:
    text = _decode(path)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:20000], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    records = [tuple(cell_text(c) for c in r) for r in csv.reader(io.StringIO(text), dialect)]
    return _from_records(records, header_rows, strict=True)


def _read_xlsx(path: Path, sheet: str | None, header_rows: int) -> RawTable:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise InputError(f"cannot read as XLSX: {exc}", field=path.name) from exc
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise InputError(f"no sheet {sheet!r} (sheets: {', '.join(book.sheetnames)})")
        worksheet = book[sheet] if sheet else book.worksheets[0]
        records = [
            tuple(cell_text(v) for v in row) for row in worksheet.iter_rows(values_only=True)
        ]
    finally:
        book.close()
    return _from_records(records, header_rows)


def _from_records(
    records: list[tuple[str | None, ...]], header_rows: int, *, strict: bool = False
) -> RawTable:
    """Header and data rows; Qualtrics' two extra header rows are skipped, blank rows
    set aside (and counted). ``strict`` (CSV): a row with fewer cells than the
    header is an error (a row cut short), where XLSX rows are padded (a sheet
    leaves trailing empty cells out, and formatted empty rows below the data are
    not rows)."""
    header = _header(records[:header_rows])
    rows: list[tuple[str | None, ...]] = []
    lines: list[int] = []
    blank: list[int] = []
    for number, record in enumerate(records[header_rows:], start=header_rows + 1):
        if _qualtrics_extra(number, record):
            continue
        if all(c is None for c in record):
            if record or not strict:  # an empty line ends a CSV file; not a row
                blank.append(number)
            continue
        rows.append(_fit(record, len(header), number, strict=strict))
        lines.append(number)
    if not strict:
        blank = [n for n in blank if lines and n < lines[-1]]
    return RawTable(header, tuple(rows), tuple(lines), blank_lines=tuple(blank))


def _header(rows: list[tuple[str | None, ...]]) -> tuple[str, ...]:
    """Column names from one header row, or several joined with " / ".

    Tools that export two header rows (SurveyMonkey: the question, then the
    option) leave a merged question cell blank after its first column; the
    blank is filled from the left before joining, so the columns of one
    question read "Question / Option A", "Question / Option B".
    """
    if not rows:
        return ()
    width = max(len(r) for r in rows)
    filled = [_carry(list(r) + [None] * (width - len(r))) for r in rows[:-1]]
    last = list(rows[-1]) + [None] * (width - len(rows[-1]))
    names = []
    for parts in zip(*filled, last, strict=True):
        kept = [p for p in parts if p]
        names.append(" / ".join(dict.fromkeys(kept)))
    while names and not names[-1]:
        names.pop()
    return tuple(names)


def _carry(cells: list[str | None]) -> list[str | None]:
    out: list[str | None] = []
    for cell in cells:
        out.append(cell if cell is not None else (out[-1] if out else None))
    return out


def _qualtrics_extra(number: int, record: tuple[str | None, ...]) -> bool:
    """Qualtrics writes question texts on line 2 and ImportId JSON on line 3."""
    first = record[0] if record else None
    if number == 3 and first is not None and first.startswith('{"ImportId"'):
        return True
    return number == 2 and first == "Start Date"


def _fit(
    cells: tuple[str | None, ...], width: int, line: int, *, strict: bool = False
) -> tuple[str | None, ...]:
    if len(cells) > width and any(c is not None for c in cells[width:]):
        raise InputError(f"{len(cells)} cells but the header has {width} columns", line=line)
    if strict and len(cells) < width:
        raise InputError(
            f"the row is cut short: {len(cells)} cells but the header has {width} columns "
            "(a row with empty answers still has a comma for each)",
            line=line,
        )
    return (cells + (None,) * width)[:width]


def _read_sav(path: Path) -> RawTable:
    """SPSS .sav through ``pyreadstat`` (the optional ``spss`` extra)."""
    try:
        import pyreadstat  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        raise InputError(
            "reading .sav needs pyreadstat: pip install 'sistercities[spss]'"
        ) from None
    try:
        data, meta = pyreadstat.read_sav(str(path), output_format="dict")
    except Exception as exc:  # pyreadstat raises its own ReadstatError
        raise InputError(f"cannot read as SPSS .sav: {exc}", field=path.name) from exc
    header = tuple(str(c) for c in data)
    columns = [[cell_text(v) for v in values] for values in data.values()]
    rows = tuple(zip(*columns, strict=True)) if columns else ()
    labels = {
        str(col): {cell_text(k) or "": str(v) for k, v in mapping.items()}
        for col, mapping in (meta.variable_value_labels or {}).items()
    }
    texts = {str(k): str(v) for k, v in (meta.column_names_to_labels or {}).items() if v}
    return RawTable(header, rows, tuple(range(2, len(rows) + 2)), labels, texts)
