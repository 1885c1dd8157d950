"""The Cuenca staff survey of `004`: the tables give the paper's percentages on its bases.

The synthetic file (:mod:`tests.research.survey.cuenca`) follows the counts
the paper's percentages imply, on the base each sentence states ("43 per
cent of all respondents" is of all respondents); it goes through the whole
path (file → import into a real registry → load → tables), on SQLite and
PostgreSQL. A whole-number figure of the paper is compared with the exact
share rounded once to whole numbers, as the paper rounded it.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sistercities.registry.store import Registry
from sistercities.research.survey.percent import matches_published, rounds_to_published
from sistercities.research.survey.questions import load_map
from sistercities.research.survey.service import import_survey, load_survey
from sistercities.research.survey.tables import Frequencies, crosstab, frequencies


def _valid_percent(table: Frequencies, code: str) -> Decimal | None:
    return next(row.valid_percent for row in table.rows if row.code == code)


def _count(table: Frequencies, code: str) -> int:
    return next(row.count for row in table.rows if row.code == code)


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

    aware = frequencies(data, "aware")  # "92 per cent of respondents": all 131
    assert isinstance(aware, Frequencies) and aware.total == 131
    assert rounds_to_published(_count(aware, "1"), aware.total, "92")
    assert rounds_to_published(_count(aware, "2"), aware.total, "6")

    opinion = frequencies(data, "opinion")  # "43 per cent of all respondents"
    assert isinstance(opinion, Frequencies) and opinion.valid < opinion.total == 131
    positive = next(s for s in opinion.shares if s.name == "positive")
    assert rounds_to_published(positive.count, opinion.total, "43")
    assert positive.percent == Decimal("42.7")
    # on the base of those who answered it would not be the paper's figure
    assert not rounds_to_published(positive.count, opinion.valid, "43")
    assert rounds_to_published(_count(opinion, "3"), opinion.total, "34")

    table = crosstab(data, "family_us", "strength")
    count, row_pct, _ = table.cell("1", "4")
    assert (count, table.row_bases[0], row_pct) == (31, 103, Decimal("30.1"))
    count, row_pct, _ = table.cell("2", "4")
    assert (count, table.row_bases[1], row_pct) == (9, 28, Decimal("32.1"))
    assert table.n == 131 and table.test is not None and table.test.test == "chi-square"
