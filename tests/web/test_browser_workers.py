"""``sistercities serve --workers 2`` in a real browser: any worker answers for the session.

The server is started as a user starts it (the ``serve`` command, two uvicorn
worker processes over one registry: PostgreSQL, and SQLite, whose file the
workers share). Which worker answers is chosen by pausing the other one
(``SIGSTOP``): a new connection is then accepted by the one left running.
The person signs in and records an activity in the browser while only the
first worker runs; sees it, and records another, while only the second runs
(it never saw the sign-in: the session is in the registry); then, back on the
first worker, which kept its pages from before, sees the second worker's
write on the very next page, and signs out there, which ends the session on
the second worker too.

Each phase is short: uvicorn's supervisor replaces a worker that does not
answer its health check for 5 seconds. On a machine so loaded that a phase
takes longer, the paused worker is replaced by a fresh one (which has kept
nothing) and the test goes on with it: every check still holds for
whichever worker answers.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from sistercities.registry.store import Registry
from tests.web.conftest import PASSWORD, seed
from tests.web.live import free_port

pytestmark = pytest.mark.browser


@dataclass
class Workers:
    base: str
    parent: int
    pids: list[int]
    relationship: int

    def current(self) -> list[int]:
        """The worker pids, a replaced worker's place taken by its replacement."""
        live = _workers_of(self.parent)
        fresh = [pid for pid in live if pid not in self.pids]
        self.pids = [pid if pid in live else (fresh.pop(0) if fresh else pid)
                     for pid in self.pids]
        return self.pids


def _workers_of(parent: int) -> list[int]:
    """uvicorn's worker processes: the children started by ``multiprocessing`` spawn."""
    children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
    return [int(pid) for pid in children
            if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()]


@contextmanager
def serving(db: str, workers: int) -> Iterator[tuple[str, int, list[int]]]:
    """``sistercities --db DB serve --workers N`` on a free port: address, pid, worker pids."""
    port = free_port()
    command = [sys.executable, "-m", "sistercities", "--db", db, "serve", "--port", str(port),
               "--workers", str(workers)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while len(_workers_of(process.pid)) < workers or not _answers(base):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("sistercities serve did not start its workers")
            time.sleep(0.2)
        yield base, process.pid, _workers_of(process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def _answers(base: str) -> bool:
    try:
        urllib.request.urlopen(f"{base}/login", timeout=1).close()
        return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def two_workers(module_db: str) -> Iterator[Workers]:
    registry = Registry.open(module_db, user="setup")
    _actor, relationship, _other = seed(registry)
    registry.close()
    with serving(module_db, 2) as (base, parent, pids):
        assert len(pids) == 2
        yield Workers(base, parent, pids, relationship)


@contextmanager
def only(workers: Workers, answering: int, context: Any) -> Iterator[Any]:
    """A page on fresh connections while only worker ``answering`` runs."""
    paused = [pid for index, pid in enumerate(workers.current()) if index != answering]
    for pid in paused:
        os.kill(pid, signal.SIGSTOP)
    page = context.new_page()
    try:
        yield page
    finally:
        page.close()
        for pid in paused:
            with suppress(ProcessLookupError):  # replaced by the supervisor meanwhile
                os.kill(pid, signal.SIGCONT)


def record(page: Any, relationship: int, title: str, date: str) -> None:
    page.goto(f"/relationships/{relationship}/activities/new")
    page.fill("#f-title", title)
    page.fill("#f-date", date)
    page.click("main button[type=submit]")
    page.wait_for_url(f"**/relationships/{relationship}")


def test_any_worker_answers_for_the_session_and_shows_every_write(
    browser: Any, two_workers: Workers
) -> None:
    rel = two_workers.relationship
    signing = browser.new_context(base_url=two_workers.base, locale="en-GB")
    page = signing.new_page()
    page.goto("/login")
    page.fill("#name", "officer")
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{two_workers.base}/")
    cookies = signing.cookies()
    signing.close()

    def fresh() -> Any:  # a browser context of its own: its own connections
        context = browser.new_context(base_url=two_workers.base, locale="en-GB")
        context.add_cookies(cookies)
        return context

    first, second, third, fourth = fresh(), fresh(), fresh(), fresh()
    with only(two_workers, 0, first) as page:
        page.goto("/")  # the dashboard, kept by worker 0
        record(page, rel, "Teachers' exchange", "2025-06-01")
        assert "Teachers' exchange" in page.inner_text("#timeline")
    with only(two_workers, 1, second) as page:
        page.goto("/")
        assert "Teachers' exchange" in page.inner_text("#recent-activity")
        record(page, rel, "Library twinning week", "2025-07-01")
    with only(two_workers, 0, third) as page:
        page.goto("/")
        assert "Library twinning week" in page.inner_text("#recent-activity")
        page.click("header button[type=submit]")  # sign out
        page.wait_for_url("**/login**")
    with only(two_workers, 1, fourth) as page:
        page.goto("/")
        assert "/login" in page.url
    for context in (first, second, third, fourth):
        context.close()
