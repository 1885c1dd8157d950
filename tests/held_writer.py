"""A writer in a process of its own that holds its transaction open until told to commit.

Run as ``python -m tests.held_writer DB MODEL ID COLUMN VALUE``: it sets one
column of one row through a registry session (so the change is audited, as
every write of the library is), flushes it (the audit entry is written and,
on PostgreSQL, its id drawn), prints ``flushed <audit id>``, waits for a line
on its standard input, then commits and prints ``committed``. The test that
starts it decides, by that handshake alone, what happens while it is open.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parents[1]


class HeldWriter:
    """The test's side of the handshake."""

    def __init__(self, db: str, model: str, row_id: int | str, column: str, value: str):
        command = [sys.executable, "-m", "tests.held_writer", db, model, str(row_id), column,
                   value]
        self.process = subprocess.Popen(
            command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True,
        )
        self.audit_id = int(self._expect("flushed"))

    def _expect(self, word: str) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line.startswith(word):
            self.process.kill()
            _, err = self.process.communicate(timeout=30)
            raise AssertionError(f"the held writer said {line!r}, not {word!r}: {err}")
        return line[len(word):].strip()

    def commit(self) -> None:
        """Let it commit, and wait until it has."""
        self.release()
        self.committed()

    def release(self) -> None:
        """Tell it to commit (it may then wait for a lock)."""
        assert self.process.stdin is not None
        self.process.stdin.write("commit\n")
        self.process.stdin.flush()

    def committed(self) -> None:
        """Wait until it says it has committed, and has ended well."""
        self._expect("committed")
        assert self.process.wait(timeout=30) == 0

    def stop(self) -> None:
        """End it (rolled back) if the test left it open."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate(timeout=30)


def main(db: str, model: str, row_id: str, column: str, value: str) -> None:
    from sistercities.registry import models
    from sistercities.registry.store import Registry

    registry = Registry(db, user="held-writer")
    with registry.session() as session:
        row = session.get(getattr(models, model), int(row_id) if row_id.isdigit() else row_id)
        assert row is not None, f"no {model} {row_id}"
        setattr(row, column, value)
        session.flush()
        newest = session.scalar(select(func.max(models.AuditEntry.id)))
        print("flushed", newest, flush=True)
        sys.stdin.readline()
    print("committed", flush=True)
    registry.close()


if __name__ == "__main__":
    main(*sys.argv[1:6])
