"""The Cuenca staff survey of `004`: the tables print exactly the paper's percentages.

The synthetic file (:mod:`tests.research.survey.cuenca`) follows the counts
the paper's percentages imply; it goes through the whole path (file → import
into a real registry → load → tables), on SQLite and PostgreSQL.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sistercities.registry.store import Registry
from sistercities.research.survey.percent import matches_published
from sistercities.research.survey.questions import load_map
from sistercities.research.survey.service import import_survey, load_survey
from sistercities.research.survey.tables import Frequencies, crosstab, frequencies


def _valid_percent(table: Frequencies, code: str) -> Decimal | None:
    return next(row.valid_percent for row in table.rows if row.code == code)


def test_the_paper_percentages_come_out_exactly(
    registry: Registry, cuenca_files: tuple[Path, Path]
) -> None:
    data_path, map_path = cuenca_files
    with registry.session() as session:
        import_survey(session, data_path, load_map(map_path), name="cuenca-staff")
    with registry.session() as session:
        data = load_survey(session, "cuenca-staff")

    family = frequencies(data, "family_us")
    assert isinstance(family, Frequencies)
    assert family.total == 131 and family.valid == 131
    assert matches_published(_valid_percent(family, "1"), "78.6")

    americans = frequencies(data, "americans_cuenca")
    assert isinstance(americans, Frequencies)
    assert americans.valid == 125  # 6 preferred not to say: a valid percentage
    assert matches_published(_valid_percent(americans, "1"), "40.8")

    aware = frequencies(data, "aware")
    assert isinstance(aware, Frequencies) and aware.valid == 100
    assert matches_published(_valid_percent(aware, "1"), "92")
    assert matches_published(_valid_percent(aware, "2"), "6")

    opinion = frequencies(data, "opinion")
    assert isinstance(opinion, Frequencies)
    positive = next(s for s in opinion.shares if s.name == "positive")
    assert matches_published(positive.valid_percent, "43")
    assert matches_published(_valid_percent(opinion, "3"), "34")

    table = crosstab(data, "family_us", "strength")
    count, row_pct, _ = table.cell("1", "4")
    assert (count, table.row_bases[0], row_pct) == (31, 103, Decimal("30.1"))
    count, row_pct, _ = table.cell("2", "4")
    assert (count, table.row_bases[1], row_pct) == (9, 28, Decimal("32.1"))
    assert table.n == 131 and table.test is not None and table.test.test == "chi-square"
