"""The dashboard's figures are the health analysis' (read window by window, the same answer)."""

from __future__ import annotations

import datetime as dt

import pytest

from sistercities import operations as ops
from sistercities.operations import pages
from tests.web.conftest import Site

AS_OF = dt.date(2024, 6, 30)


def test_the_dashboard_counts_what_the_health_analysis_says(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "HEALTH_WINDOW", 3)  # many windows over the demo's 22
    board = ops.dashboard(site.registry, as_of=AS_OF)
    health = ops.health(site.registry, as_of=AS_OF)
    going = [h["relationship_id"] for h in health if h["suggestion"] == "dormant"
             and h["status"] in {"active", "unknown"} and h["months_since_contact"] is not None]
    too_little = [h["relationship_id"] for h in health if h["months_since_contact"] is None]
    assert board["relationships"] == len(health) == 22
    assert board["going_dormant_count"] == len(going)
    assert [h["relationship_id"] for h in board["going_dormant"]] == going[:20]
    assert board["too_little_on_record_count"] == len(too_little)
    assert sum(board["by_status"].values()) == 22


def test_a_write_is_seen_at_once_by_the_kept_dashboard(site: Site) -> None:
    before = ops.dashboard(site.registry, as_of=AS_OF)
    ops.add_activity(site.registry, relationship_id=site.partner_relationship,
                     title="Planned exchange", date="2025", planned=True)
    after = ops.dashboard(site.registry, as_of=AS_OF)
    assert len(after["open_commitments"]) == len(before["open_commitments"]) + 1
