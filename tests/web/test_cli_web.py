"""``sistercities user …``, ``token create`` and ``serve``, as a person runs them."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from sistercities.cli import cli
from sistercities.operations import accounts
from sistercities.registry.store import Registry
from tests.web.live import free_port


def run(db: str, *args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--db", db, *args], input=stdin)
    return result.exit_code, result.output


def test_accounts_and_tokens_from_the_command_line(db_target: str) -> None:
    code, out = run(db_target, "user", "add", "ana", "--role", "officer", "--password-stdin",
                    stdin="a long enough passphrase\n")
    assert code == 0 and "Added officer account ana" in out
    code, out = run(db_target, "user", "add", "ana", "--role", "officer")
    assert code == 1 and "exists" in out
    code, out = run(db_target, "user", "add", "org", "--role", "partner", "--password-stdin",
                    stdin="a long enough passphrase\n")
    assert code == 1 and "organisation" in out
    code, out = run(db_target, "token", "create", "ana", "--json")
    token = json.loads(out)["token"]
    assert code == 0 and token.startswith("sct_")
    code, out = run(db_target, "user", "list", "--json")
    assert [(u["name"], u["role"], u["disabled"]) for u in json.loads(out)] == [
        ("ana", "officer", False)]
    assert token not in out
    code, out = run(db_target, "user", "disable", "ana")
    assert code == 0
    code, out = run(db_target, "token", "create", "ana")
    assert code == 1 and "disabled" in out
    code, out = run(db_target, "user", "disable", "nobody")
    assert code == 1 and "no account named" in out


def test_serve_loads_the_demo_and_says_how_to_sign_in(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite"
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "sistercities", "--db", str(db), "serve", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        lines = [process.stdout.readline() for _ in range(3)]  # type: ignore[union-attr]
        text = "".join(lines)
        assert "Loaded the demo registry" in text
        assert f"http://127.0.0.1:{port}/" in text
        assert "Sign in as admin with the password" in text
        deadline = time.monotonic() + 30
        while True:
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/login").read().decode()
                break
            except OSError:
                assert time.monotonic() < deadline and process.poll() is None
                time.sleep(0.2)
        assert "Sign in" in page
    finally:
        process.terminate()
        process.wait(timeout=15)


def test_an_officer_account_tied_to_its_city_from_the_command_line(db_target: str) -> None:
    """``user add --place``, ``user places``, ``user list``; then the same account on the
    CLI (``--user``) may switch its own city's portal on and not another's."""
    assert run(db_target, "demo")[0] == 0
    code, out = run(db_target, "user", "add", "lucia", "--role", "officer", "--place",
                    "Cuenca, EC", "--password-stdin", stdin="a long enough passphrase\n")
    assert code == 0 and "Added officer account lucia, officer of Cuenca (EC)." in out
    code, out = run(db_target, "user", "add", "pete", "--role", "officer", "--place", "Atlantis")
    assert code == 1 and "no place named 'Atlantis'" in out and "Traceback" not in out
    code, out = run(db_target, "user", "add", "rita", "--role", "researcher", "--place", "Boulder")
    assert code == 1 and "only an officer account is tied to places" in out
    code, out = run(db_target, "user", "add", "pete", "--role", "officer", "--place", "Peekskill")
    assert code == 0
    code, out = run(db_target, "user", "list", "--json")
    assert {u["name"]: u["officer_of"] for u in json.loads(out)} == {
        "lucia": "Cuenca (EC)", "pete": "Peekskill (US)"}
    code, out = run(db_target, "user", "list")
    assert "officer of" in out and "Cuenca (EC)" in out

    code, out = run(db_target, "--user", "pete", "portal", "enable", "Cuenca, EC")
    assert code == 1 and "officer of Peekskill (US), not of Cuenca (EC)" in out
    assert len(out.strip().splitlines()) == 1
    code, out = run(db_target, "portal", "list", "--json")
    assert json.loads(out)["portals"] == []
    code, out = run(db_target, "--user", "lucia", "portal", "enable", "Cuenca, EC")
    assert code == 0 and "/portal/cuenca (es)" in out

    code, out = run(db_target, "--user", "pete", "council", "list", "--json")
    councils = {c["label"]: c["relationship_id"] for c in json.loads(out)}
    assert code == 0 and councils and all("Peekskill" in label for label in councils)
    code, out = run(db_target, "--user", "lucia", "council", "list", "--json")
    tempe = next(c["relationship_id"] for c in json.loads(out) if "Tempe" in c["label"])
    code, out = run(db_target, "--user", "pete", "council", "show", str(tempe))
    assert code == 1 and "not of either city" in out
    code, out = run(db_target, "--user", "lucia", "council", "show", str(tempe))
    assert code == 0

    code, out = run(db_target, "user", "places", "pete", "--add", "Cuenca, EC", "--json")
    assert code == 0 and json.loads(out)["officer_of"] == "Cuenca (EC); Peekskill (US)"
    code, out = run(db_target, "--user", "pete", "portal", "disable", "Cuenca, EC")
    assert code == 0 and "is off" in out
    code, out = run(db_target, "user", "places", "pete", "--remove", "Boulder")
    assert code == 1 and "not an officer of Boulder" in out
    code, out = run(db_target, "user", "places", "pete", "--remove", "Cuenca, EC",
                    "--remove", "Peekskill")
    assert code == 0 and "officer of every place" in out
    code, out = run(db_target, "--user", "lucia", "access", "grant", "lucia", "--role", "officer")
    assert code == 1 and "has a web account" in out


def test_a_one_time_password_enabling_again_and_the_last_admin(db_target: str) -> None:
    code, out = run(db_target, "user", "add", "root", "--role", "admin", "--one-time-password")
    assert code == 0 and "shown once" in out
    password = out.rsplit(": ", 1)[1].strip()
    registry = Registry.open(db_target)
    try:
        accounts.sign_in(registry, name="root", password=password, address="cli-test")
        code, out = run(db_target, "user", "disable", "root")
        assert code == 1 and "last admin" in out
        code, out = run(db_target, "user", "add", "ana", "--role", "officer",
                        "--one-time-password", "--json")
        assert code == 0 and len(json.loads(out)["password"]) >= 12
        assert run(db_target, "user", "disable", "ana")[0] == 0
        code, out = run(db_target, "user", "enable", "ana", "--json")
        assert code == 0 and json.loads(out)["disabled"] is False
        code, out = run(db_target, "user", "enable", "nobody")
        assert code == 1 and "no account named" in out
    finally:
        registry.close()
