"""Every setting in one table: its name, default, environment variable and help.

The library takes its settings as arguments; only the edges (the command
line, the web app's start-up) read the environment, through this table, so a
setting has one name, one default and one variable everywhere, and the README
documents each (``tests/test_docs.py`` walks the table).

>>> setting("db").env
'SISTERCITIES_DB'
>>> read("user", {"SISTERCITIES_USER": "ana"})
'ana'
>>> read("db", {})
'sistercities.sqlite'
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    """One setting: ``default`` None means "none unless given" (help says what then)."""

    name: str
    default: str | None
    env: str
    help: str
    option: str | None = None  # the command-line option that sets it, if any


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "db",
        "sistercities.sqlite",
        "SISTERCITIES_DB",
        "Registry: a SQLite file path or a PostgreSQL URL.",
        "--db",
    ),
    Setting(
        "user",
        None,
        "SISTERCITIES_USER",
        "Who is making changes, for the audit trail (default: the login name).",
        "--user",
    ),
    Setting(
        "cache_dir",
        "~/.cache/sistercities",
        "SISTERCITIES_CACHE_DIR",
        "Where the gazetteer index is kept (import commands).",
        "--cache-dir",
    ),
    Setting(
        "secure_cookies",
        None,
        "SISTERCITIES_SECURE_COOKIES",
        "Web app: 1 marks its cookies Secure and sends HSTS (behind HTTPS).",
    ),
    Setting(
        "fast_path",
        None,
        "SISTERCITIES_FAST_PATH",
        "Web app: 0 turns off answering the busiest reads again while the registry has not "
        "changed (to measure without it).",
    ),
    Setting(
        "kernel_child",
        None,
        "SISTERCITIES_KERNEL_CHILD",
        "network command: 0 runs its searches in the command's own process, not in a child "
        "process started early (to measure without it).",
    ),
    Setting(
        "low_cost_hashing",
        None,
        "SISTERCITIES_LOW_COST_HASHING",
        "Tests only: 1 makes the web app's Argon2 password hashing cheap.",
    ),
    Setting(
        "test_pg",
        None,
        "SISTERCITIES_TEST_PG",
        "Tests only: an admin URL of a PostgreSQL server; the PostgreSQL cases run on it.",
    ),
)


def setting(name: str) -> Setting:
    """The setting of this name (a ``KeyError`` names the known ones)."""
    for item in SETTINGS:
        if item.name == name:
            return item
    raise KeyError(f"no setting {name!r}; known: {', '.join(s.name for s in SETTINGS)}")


def read(name: str, environ: Mapping[str, str] | None = None) -> str | None:
    """The value of a setting from the environment, else its default."""
    item = setting(name)
    env = os.environ if environ is None else environ
    return env.get(item.env) or item.default
