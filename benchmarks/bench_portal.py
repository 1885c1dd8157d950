"""Benchmark: a portal page of a city with 100 relationships, under 50 connections.

Run from the project root (needs ``wrk``: ``apt-get install wrk``)::

    python benchmarks/bench_portal.py                 # SQLite, 15 s per target
    python benchmarks/bench_portal.py --duration 5 --db postgresql://...

What it builds, every run, in a fresh registry:

1. the real data: ``../shared/data/twin_cities_wikipedia_geocoded.csv``
   imported whole (``sistercities import pairs``);
2. the place with the most relationships in it (Bethlehem, PS: 72 after
   merging) is given more, to real places of the same data that it is not
   yet paired with, up to exactly 100; each of its 100 relationships gets
   three activities with a flow (one still planned) and one partner
   organisation with a public contact point, so the page has everything a
   portal page shows. The portal of that place is switched on.

Then it starts the app as users do (``sistercities serve``: uvicorn with
httptools and uvloop, one worker unless ``--workers``: the machine has two
cores and ``wrk`` needs one) and, in the same run, drives with ``wrk -c 50``:

(a) floor: ``/static/portal.css``, a static file of the same server: the
    cost of the server and the load generator alone;
(b) uncached: the portal page with a query string that changes on every
    request (``?n=1``, ``?n=2`` …), so every request misses the rendered
    cache and is built from the registry and rendered;
(c) the page as residents get it: ``/portal/<slug>`` (the rendered cache,
    keyed by the registry's version, answers);
(d) revalidation: the same page with ``If-None-Match`` (a browser that holds
    it gets ``304``).

``--slow-path`` adds (e) the page with the web app's fast path off
(``SISTERCITIES_FAST_PATH=0``: each request through FastAPI's routing and the
portal route's own cache of rendered pages). ``--registry FILE`` serves a
registry built before with ``--build-only FILE`` (the build takes a minute).

It prints, and writes to ``benchmarks/results_portal.json`` and the table in
``benchmarks/README_portal.md``, requests per second, latency percentiles
(p50, p90, p99) and the server's CPU time per request (user + system of its
processes over the run, divided by the requests: the figure a busy machine
does not distort) for each. The target: (c) p99 under 50 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "twin_cities_wikipedia_geocoded.csv"
TARGET = 100
README = ROOT / "benchmarks" / "README_portal.md"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from server_process import cpu_seconds, free_port, peak_rss_mb, settle  # noqa: E402


def build(db: str) -> str:
    """Import the real data, bring its busiest place to 100 relationships; its portal's slug."""
    from sqlalchemy import func, select

    from sistercities.interchange.importers import import_pairs
    from sistercities.operations import portal as portal_ops
    from sistercities.registry import access
    from sistercities.registry.memory.activities import ActivityInput, FlowInput, add_activity
    from sistercities.registry.memory.actors import ActorInput, LinkInput, add_actor, link_actor
    from sistercities.registry.models import Place, Relationship
    from sistercities.registry.portal.settings import add_contact_point
    from sistercities.registry.records import add_relationship
    from sistercities.registry.store import Registry

    registry = Registry.open(db, user="bench")
    import_pairs(registry, DATA)
    with registry.session() as session:
        access.grant(session, "bench", "officer")
        counts: dict[int, int] = {}
        for a, b in session.execute(select(Relationship.place_a_id, Relationship.place_b_id)):
            counts[a] = counts.get(a, 0) + 1
            counts[b] = counts.get(b, 0) + 1
        home_id = max(counts, key=lambda pid: counts[pid])
        home = session.get(Place, home_id)
        assert home is not None
        partners = {
            a if b == home_id else b
            for a, b in session.execute(
                select(Relationship.place_a_id, Relationship.place_b_id).where(
                    (Relationship.place_a_id == home_id) | (Relationship.place_b_id == home_id)
                )
            )
        }
        real = counts[home_id]
        candidates = list(
            session.scalars(
                select(Place).where(Place.latitude.is_not(None)).order_by(Place.id).limit(3000)
            )
        )
        random.Random(14).shuffle(candidates)
        for place in candidates:
            if len(partners) >= TARGET:
                break
            if place.id != home_id and place.id not in partners:
                add_relationship(session, home, place, start="2001")
                partners.add(place.id)
        session.flush()
        rels = list(
            session.scalars(
                select(Relationship).where(
                    (Relationship.place_a_id == home_id) | (Relationship.place_b_id == home_id)
                )
            )
        )
        assert len(rels) == TARGET, len(rels)
        for index, rel in enumerate(rels):
            other = rel.place_b_id if rel.place_a_id == home_id else rel.place_a_id
            for n, (layer, area) in enumerate(
                (
                    ("economic", "trade"),
                    ("decentralised_cooperation", "education_and_youth"),
                    ("political", "culture"),
                )
            ):
                add_activity(
                    session,
                    ActivityInput(
                        relationship_id=rel.id,
                        title=f"Exchange {index}-{n}",
                        date=f"20{10 + n}-05",
                        layer=layer,
                        area=area,
                        planned=n == 2,
                        description="A visit of a delegation.",
                        flows=[FlowInput(home_id, other, "personnel", 12, "people")],
                    ),
                )
            org = add_actor(
                session,
                ActorInput(
                    name=f"Friends of {index}", role="sister_city_association", place_id=home_id
                ),
            )
            link_actor(
                session,
                LinkInput(relationship_id=rel.id, actor_id=org.id, part="carrier", side=home_id),
            )
            add_contact_point(session, org.id, "website", f"https://friends{index}.example.org")
        total = session.scalar(select(func.count()).select_from(Relationship))
        print(f"registry: {total} relationships; {home.label()} had {real}, now {TARGET}")
        name = home.label()
    enabled = portal_ops.portal_enable(registry, place=str(home_id))
    registry.close()
    print(f"portal: /portal/{enabled['slug']} ({name})")
    return str(enabled["slug"])


def serve(db: str, port: int, workers: int, fast_path: bool = True) -> subprocess.Popen[bytes]:
    """``sistercities serve`` over the registry, as users start it."""
    env = {**os.environ, "SISTERCITIES_FAST_PATH": "1" if fast_path else "0"}
    process = subprocess.Popen(
        [sys.executable, "-m", "sistercities", "--db", db, "serve", "--port", str(port),
         "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/static/portal.css", timeout=1).close()
            return process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the server did not start") from None
            time.sleep(0.2)


UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(
    url: str,
    duration: int,
    script: str | None = None,
    headers: dict[str, str] | None = None,
    server: int | None = None,
) -> dict[str, Any]:
    """Run wrk (2 threads, 50 connections); requests/s, latency percentiles in ms, and the
    server's CPU milliseconds per request (``server``: its pid)."""
    command = ["wrk", "-t2", "-c50", f"-d{duration}s", "--latency"]
    for key, value in (headers or {}).items():
        command += ["-H", f"{key}: {value}"]
    if script:
        command += ["-s", script]
    if server:
        settle(server)
    before = cpu_seconds(server) if server else 0.0
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    spent = cpu_seconds(server) - before if server else None
    result: dict[str, Any] = {"url": url}
    for label, value, unit in re.findall(r"^\s+(50|90|99)%\s+([\d.]+)(us|ms|s)\s*$", output, re.M):
        result[f"p{label}_ms"] = round(float(value) * UNIT[unit], 2)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if rate is None:
        raise SystemExit(f"wrk printed no request rate for {url}:\n{output}")
    result["requests_per_s"] = float(rate.group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    result["non_2xx_3xx"] = int(errors.group(1)) if errors else 0
    timeouts = re.search(r"timeout (\d+)", output)
    result["timeouts"] = int(timeouts.group(1)) if timeouts else 0  # wrk gives up after 2 s
    total = re.search(r"(\d+) requests in", output)
    result["requests"] = int(total.group(1)) if total else 0
    if spent is not None and result["requests"]:
        result["server_cpu_ms_per_request"] = round(spent * 1000 / result["requests"], 3)
    return result


VARYING = """
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", wrk.path .. "?n=" .. counter)
end
"""


ROWS = [
    ("floor_static", "floor (static file)"),
    ("uncached_render", "uncached render"),
    ("portal_page", "**portal page**"),
    ("revalidated_304", "revalidated (304)"),
    ("portal_page_fast_path_off", "portal page, fast path off"),
]


def table(results: dict[str, Any]) -> str:
    lines = ["| target | requests/s | p50 ms | p90 ms | p99 ms | timeouts | "
             "server CPU ms/request |", "|---|---:|---:|---:|---:|---:|---:|"]
    for key, name in ROWS:
        if key not in results:
            continue
        r = results[key]
        cpu = r.get("server_cpu_ms_per_request")
        lines.append(f"| {name} | {r['requests_per_s']} | {r.get('p50_ms')} | {r.get('p90_ms')} | "
                     f"{r.get('p99_ms')} | {r['timeouts']} | {cpu} |")
    lines.append("")
    lines.append(f"Page: {results['page_bytes']:,} bytes; {results['backend']}, "
                 f"{results['workers']} worker(s), {os.cpu_count()} CPUs, 50 connections, "
                 f"{results['duration_s']} s per target; load average "
                 f"{results['load_average_start']} at the start, {results['load_average_end']} "
                 f"at the end. Peak memory per process (MB): {results['rss_mb']}.")
    return "\n".join(lines)


def write_readme(results: dict[str, Any]) -> None:
    text = README.read_text(encoding="utf-8")
    start_mark, end_mark = "<!-- results -->", "<!-- /results -->"
    block = f"{start_mark}\n{table(results)}\n{end_mark}"
    if start_mark in text:
        text = re.sub(f"{start_mark}.*?{end_mark}", lambda _: block, text, flags=re.S)
    else:
        text += "\n" + block + "\n"
    README.write_text(text, encoding="utf-8")


def measure(db: str, slug: str, args: argparse.Namespace, folder: str) -> dict[str, Any]:
    port = free_port()
    server = serve(db, port, args.workers)
    base = f"http://127.0.0.1:{port}"
    page = f"{base}/portal/{slug}"
    results: dict[str, Any] = {"load_average_start": round(os.getloadavg()[0], 1)}
    try:
        with urllib.request.urlopen(page) as response:
            etag = response.headers["etag"]
            size = len(response.read())
        script = Path(folder) / "varying.lua"
        script.write_text(VARYING)
        pid = server.pid
        results["floor_static"] = wrk(f"{base}/static/portal.css", args.duration, server=pid)
        results["uncached_render"] = wrk(page, args.duration, str(script), server=pid)
        results["portal_page"] = wrk(page, args.duration, server=pid)
        results["revalidated_304"] = wrk(page, args.duration, headers={"If-None-Match": etag},
                                         server=pid)
        results["rss_mb"] = peak_rss_mb(pid)
    finally:
        server.terminate()
        server.wait(timeout=20)
    if args.slow_path:
        port = free_port()
        server = serve(db, port, args.workers, fast_path=False)
        try:
            page = f"http://127.0.0.1:{port}/portal/{slug}"
            urllib.request.urlopen(page).close()
            results["portal_page_fast_path_off"] = wrk(page, args.duration, server=server.pid)
        finally:
            server.terminate()
            server.wait(timeout=20)
    results["load_average_end"] = round(os.getloadavg()[0], 1)
    results["page_bytes"] = size
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--db", help="A PostgreSQL URL (default: a fresh SQLite file)")
    parser.add_argument("--build-only", metavar="FILE", help="Only build the registry, into FILE")
    parser.add_argument("--registry", metavar="FILE",
                        help="Serve a SQLite registry built before with --build-only")
    parser.add_argument("--workers", type=int, default=1,
                        help="Worker processes of sistercities serve")
    parser.add_argument("--slow-path", action="store_true",
                        help="Also measure the portal page with the fast path off")
    args = parser.parse_args()
    if args.build_only:
        build(args.build_only)
        return
    with tempfile.TemporaryDirectory() as folder:
        if args.registry:
            db = args.registry
            slug = _busiest_portal(db)
        else:
            db = args.db or str(Path(folder) / "portal.sqlite")
            started = time.perf_counter()
            slug = build(db)
            print(f"built in {time.perf_counter() - started:.1f} s")
        results = measure(db, slug, args, folder)
    results["backend"] = "postgresql" if db.startswith("postgres") else "sqlite"
    results["workers"] = args.workers
    results["duration_s"] = args.duration
    print(json.dumps(results, indent=2))
    (ROOT / "benchmarks" / "results_portal.json").write_text(json.dumps(results, indent=2) + "\n")
    write_readme(results)
    print(table(results))
    p99 = results["portal_page"]["p99_ms"]
    print(f"portal page p99 {p99} ms: {'meets' if p99 < 50 else 'MISSES'} the 50 ms target")


def _busiest_portal(db: str) -> str:
    """The slug of the portal that :func:`build` switched on."""
    from sistercities.operations import portal as portal_ops
    from sistercities.registry.store import Registry

    registry = Registry.open(db)
    rows = portal_ops.portal_list(registry)["portals"]
    registry.close()
    return str(rows[0]["slug"])


if __name__ == "__main__":
    main()
