"""Benchmark: the web app and JSON API under load, against Datasette serving the same pairs.

Run from the project root (``wrk`` from Debian, Datasette from pip, neither a
dependency of sistercities)::

    python benchmarks/bench_web.py
    python benchmarks/bench_web.py --datasette /path/to/venv/bin/datasette --duration 15

In one run:

1. the full Wikipedia data (``../shared/data/twin_cities_wikipedia_geocoded.csv``)
   is imported into a fresh SQLite registry (kept in ``--workdir`` for the
   next run), with an officer account and an API token;
2. ``sistercities`` serves it as users start it (``sistercities serve
   --workers N``: uvicorn with httptools and uvloop, no access log; one
   worker unless ``--workers``, over the SQLite file or ``--db`` PostgreSQL),
   and the same pairs are written to a plain SQLite table served by
   ``datasette``;
3. ``wrk`` drives, on loopback, 50 connections for 15 s each:
   ``/api/v1/relationships?country=DE&limit=50`` (bearer token), the
   dashboard page (session cookie), and Datasette's JSON for the same
   question (relationships with Germany on either side, 50 a page);
4. latency percentiles and throughput come from ``wrk --latency``; server
   memory is each worker process' peak resident set (``VmHWM``); the server's
   CPU time per request (user + system of all its processes over the run,
   divided by the requests answered) is the figure that a busy machine does
   not distort.

``--slow-path`` measures our two endpoints a second time with the fast path
off (``SISTERCITIES_FAST_PATH=0``): every request through FastAPI's routing,
dependencies and rendering, as before the fast path.

Results go to ``benchmarks/README_web.md`` (the table between the markers)
and ``benchmarks/results_web.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "twin_cities_wikipedia_geocoded.csv"
README = ROOT / "benchmarks" / "README_web.md"
RESULTS = ROOT / "benchmarks" / "results_web.json"
PASSWORD = "benchmark password 2026"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from server_process import cpu_seconds, free_port, peak_rss_mb, settle  # noqa: E402


def prepare_registry(db: str, workdir: Path) -> dict[str, Any]:
    """Import the full data once (reused when the file exists), add an officer and a token."""
    from sistercities import operations as ops
    from sistercities.registry.store import Registry

    registry = Registry.open(db, user="benchmark")
    made: dict[str, Any] = {}
    if ops.stats(registry)["relationships"] == 0:
        started = time.perf_counter()
        report = ops.import_file(registry, file=DATA, source="Hekman/twincities (Wikipedia)")
        made["import_s"] = round(time.perf_counter() - started, 1)
        made["imported"] = report.imported
    if "officer" not in {u["name"] for u in ops.list_users(registry)}:
        ops.add_user(registry, name="officer", role="officer", password=PASSWORD)
    made["token"] = ops.create_token(registry, name="officer", label="benchmark")["token"]
    made["relationships"] = ops.stats(registry)["relationships"]
    registry.close()
    return made


def write_pairs_table(db: str, target: Path) -> int:
    """The same pairs as a plain table for Datasette (ids, places, countries, kind, status)."""
    from sistercities import operations as ops
    from sistercities.registry.store import Registry

    registry = Registry.open(db)
    rows = ops.list_relationships(registry)
    registry.close()
    target.unlink(missing_ok=True)
    with sqlite3.connect(target) as conn:
        conn.execute(
            "CREATE TABLE pairs (id INTEGER PRIMARY KEY, place_a TEXT, country_a TEXT, "
            "place_b TEXT, country_b TEXT, kind TEXT, status TEXT, start TEXT)"
        )
        conn.executemany(
            "INSERT INTO pairs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(r["id"], r["a"]["name"], r["a"]["country"], r["b"]["name"], r["b"]["country"],
              r["kind"], r["status"], r["start"]) for r in rows],
        )
        conn.execute("CREATE INDEX pairs_country_a ON pairs (country_a)")
        conn.execute("CREATE INDEX pairs_country_b ON pairs (country_b)")
    return len(rows)


def wait_for(url: str, process: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"server at {url} did not start") from None
            time.sleep(0.2)


def session_cookie(base: str) -> str:
    """Sign in through the form, as a browser does; the session cookie."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/login").read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    data = urllib.parse.urlencode({"name": "officer", "password": PASSWORD,
                                   "csrf_token": token.group(1), "next": "/"}).encode()
    opener.open(f"{base}/login", data=data).read()
    cookie = next(c for c in jar if c.name == "sc_session")
    return f"sc_session={cookie.value}"


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_wrk(output: str) -> dict[str, Any]:
    """Requests/s, latency percentiles (ms), errors, from ``wrk --latency``."""
    found: dict[str, Any] = {}
    for pct in ("50", "90", "99"):
        match = re.search(rf"^\s+{pct}(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        found[f"p{pct}_ms"] = round(float(match.group(1)) * UNITS[match.group(2)], 2) if match \
            else None
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    found["requests_per_s"] = round(float(rate.group(1)), 1) if rate else None
    total = re.search(r"(\d+) requests in", output)
    found["requests"] = int(total.group(1)) if total else None
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    found["non_2xx"] = int(errors.group(1)) if errors else 0
    sock = re.search(r"Socket errors: (.*)", output)
    found["socket_errors"] = sock.group(1).strip() if sock else None
    return found


def run_wrk(url: str, header: str | None, connections: int, duration: int,
            server: int | None = None) -> dict[str, Any]:
    """``wrk`` against ``url``; with ``server`` (a pid) its CPU milliseconds per request."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout",
               "10s"]
    if header:
        command += ["-H", header]
    if server:
        settle(server)
    before = cpu_seconds(server) if server else 0.0
    done = subprocess.run([*command, url], capture_output=True, text=True, check=True)
    found = parse_wrk(done.stdout)
    if server and found["requests"]:
        spent = cpu_seconds(server) - before
        found["server_cpu_ms_per_request"] = round(spent * 1000 / found["requests"], 3)
    return found


def load_average() -> float:
    return round(os.getloadavg()[0], 1)


def start(command: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(command, env={**os.environ, **(env or {})},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


def serve_ours(db: str, token: str, args: argparse.Namespace, results: dict[str, Any],
               *, fast_path: bool) -> dict[str, Any]:
    """``sistercities serve`` over the registry; ``wrk`` on the API and the dashboard.

    With the fast path (as shipped) the measurements go to ``results`` itself
    (``ours_api``, ``ours_dashboard``, ``ours_rss_mb``); without it, to the
    dictionary returned.
    """
    port = free_port()
    env = {"SISTERCITIES_FAST_PATH": "1" if fast_path else "0"}
    ours = start([sys.executable, "-m", "sistercities", "--db", db, "serve", "--port", str(port),
                  "--workers", str(args.workers)], env)
    base = f"http://127.0.0.1:{port}"
    found: dict[str, Any] = {}
    target = results if fast_path else found
    try:
        wait_for(f"{base}/login", ours)
        cookie = session_cookie(base)
        bearer = f"Authorization: Bearer {token}"
        api = f"{base}/api/v1/relationships?country=DE&limit=50"
        check = json.loads(urllib.request.urlopen(urllib.request.Request(
            api, headers={"Authorization": f"Bearer {token}"})).read())
        results["api_total_DE"] = check["total"]
        urllib.request.urlopen(urllib.request.Request(f"{base}/", headers={"Cookie": cookie}))
        target["ours_api"] = run_wrk(api, bearer, args.connections, args.duration, ours.pid)
        target["ours_dashboard"] = run_wrk(f"{base}/", f"Cookie: {cookie}", args.connections,
                                           args.duration, ours.pid)
        target["ours_rss_mb"] = peak_rss_mb(ours.pid)
    finally:
        stop(ours)
    return found


def measure(args: argparse.Namespace) -> dict[str, Any]:
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    db = args.db or str(workdir / "wikipedia.sqlite")
    prepared = prepare_registry(db, workdir)
    pairs = write_pairs_table(db, workdir / "pairs.db")
    results: dict[str, Any] = {"relationships": prepared["relationships"], "pairs": pairs,
                               "connections": args.connections, "duration_s": args.duration,
                               "workers": args.workers, "cpus": os.cpu_count()}
    if "import_s" in prepared:
        results["import_s"] = prepared["import_s"]

    results["load_average_start"] = load_average()
    serve_ours(db, prepared["token"], args, results, fast_path=True)
    if args.slow_path:
        results["slow_path"] = serve_ours(db, prepared["token"], args, results, fast_path=False)

    port = free_port()
    datasette = start([args.datasette, "serve", str(workdir / "pairs.db"), "--port", str(port),
                       "--host", "127.0.0.1"])
    where = urllib.parse.quote("country_a = 'DE' or country_b = 'DE'")
    url = (f"http://127.0.0.1:{port}/pairs/pairs.json?_where={where}&_size=50&_sort=id"
           "&_nosuggest=1")  # Datasette's lean JSON: no facet suggestions
    try:
        wait_for(url, datasette)
        answer = json.loads(urllib.request.urlopen(url).read())
        results["datasette_rows_first_page"] = len(answer.get("rows", []))
        results["datasette_api"] = run_wrk(url, None, args.connections, args.duration,
                                           datasette.pid)
        results["datasette_rss_mb"] = peak_rss_mb(datasette.pid)
    finally:
        stop(datasette)
    results["load_average_end"] = load_average()
    ours_rate = results["ours_api"]["requests_per_s"] or 0
    theirs = results["datasette_api"]["requests_per_s"] or 1
    results["throughput_ratio"] = round(ours_rate / theirs, 1)
    return results


def table(results: dict[str, Any]) -> str:
    rows = [
        ("sistercities `/api/v1/relationships?country=DE&limit=50`", results["ours_api"]),
        ("sistercities dashboard `/` (signed in)", results["ours_dashboard"]),
        ("Datasette `pairs.json?_where=country DE either side&_size=50&_nosuggest=1`",
         results["datasette_api"]),
    ]
    slow = results.get("slow_path") or {}
    if slow:
        rows[2:2] = [("the same API, fast path off", slow["ours_api"]),
                     ("the same dashboard, fast path off", slow["ours_dashboard"])]
    lines = ["| endpoint | requests/s | p50 ms | p90 ms | p99 ms | non-2xx | "
             "server CPU ms/request |", "|---|---:|---:|---:|---:|---:|---:|"]
    for name, r in rows:
        lines.append(f"| {name} | {r['requests_per_s']} | {r['p50_ms']} | {r['p90_ms']} | "
                     f"{r['p99_ms']} | {r['non_2xx']} | {r.get('server_cpu_ms_per_request')} |")
    lines.append("")
    lines.append(f"Throughput, ours / Datasette's: **{results['throughput_ratio']}×**. "
                 f"Peak memory per process (MB): sistercities {results['ours_rss_mb']}, "
                 f"Datasette {results['datasette_rss_mb']}. "
                 f"{results['relationships']:,} relationships in the registry, "
                 f"{results['api_total_DE']:,} with Germany on either side; "
                 f"{results['connections']} connections, {results['duration_s']} s each, "
                 f"{results['workers']} worker(s), {results['cpus']} CPUs; load average "
                 f"{results['load_average_start']} at the start, {results['load_average_end']} "
                 "at the end.")
    return "\n".join(lines)


def write_readme(results: dict[str, Any]) -> None:
    text = README.read_text(encoding="utf-8") if README.exists() else ""
    start_mark, end_mark = "<!-- results -->", "<!-- /results -->"
    block = f"{start_mark}\n{table(results)}\n{end_mark}"
    if start_mark in text:
        text = re.sub(f"{start_mark}.*?{end_mark}", block, text, flags=re.S)
    else:
        text += "\n" + block + "\n"
    README.write_text(text, encoding="utf-8")
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", default=str(ROOT / "benchmarks" / ".web"),
                        help="Where the imported registry and the pairs table are kept.")
    parser.add_argument("--db", help="Registry to serve (default: a SQLite file in --workdir; "
                        "a PostgreSQL URL for several workers).")
    parser.add_argument("--workers", type=int, default=1,
                        help="Worker processes of sistercities serve (SQLite or PostgreSQL).")
    parser.add_argument("--slow-path", action="store_true",
                        help="Also measure our endpoints with the fast path off.")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--datasette", default=shutil.which("datasette") or "datasette")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    results = measure(args)
    write_readme(results)
    print(table(results))


if __name__ == "__main__":
    main()
