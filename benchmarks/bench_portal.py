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

Then it starts the app (``uvicorn``, one worker: the machine has two cores
and ``wrk`` needs one) and, in the same run, drives with ``wrk -c 50``:

(a) floor: ``/static/portal.css``, a static file of the same server: the
    cost of the server and the load generator alone;
(b) uncached: the portal page with a query string that changes on every
    request (``?n=1``, ``?n=2`` …), so every request misses the rendered
    cache and is built from the registry and rendered;
(c) the page as residents get it: ``/portal/<slug>`` (the rendered cache,
    keyed by the registry's version, answers);
(d) revalidation: the same page with ``If-None-Match`` (a browser that holds
    it gets ``304``).

It prints, and writes to ``benchmarks/results_portal.json``, requests per
second and latency percentiles (p50, p90, p99) for each. The target: (c) p99
under 50 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import socket
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
sys.path.insert(0, str(ROOT / "src"))


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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(db: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SISTERCITIES_DB": db}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "sistercities.web.asgi:build",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        env=env,
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
    url: str, duration: int, script: str | None = None, headers: dict[str, str] | None = None
) -> dict[str, Any]:
    """Run wrk (2 threads, 50 connections); requests/s and latency percentiles in ms."""
    command = ["wrk", "-t2", "-c50", f"-d{duration}s", "--latency"]
    for key, value in (headers or {}).items():
        command += ["-H", f"{key}: {value}"]
    if script:
        command += ["-s", script]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    result: dict[str, Any] = {"url": url}
    for label, value, unit in re.findall(r"^\s+(50|90|99)%\s+([\d.]+)(us|ms|s)\s*$", output, re.M):
        result[f"p{label}_ms"] = round(float(value) * UNIT[unit], 2)
    result["requests_per_s"] = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    result["non_2xx_3xx"] = int(errors.group(1)) if errors else 0
    timeouts = re.search(r"timeout (\d+)", output)
    result["timeouts"] = int(timeouts.group(1)) if timeouts else 0  # wrk gives up after 2 s
    return result


VARYING = """
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", wrk.path .. "?n=" .. counter)
end
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--db", help="A PostgreSQL URL (default: a fresh SQLite file)")
    parser.add_argument("--build-only", metavar="FILE", help="Only build the registry, into FILE")
    args = parser.parse_args()
    if args.build_only:
        build(args.build_only)
        return
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or str(Path(folder) / "portal.sqlite")
        started = time.perf_counter()
        slug = build(db)
        print(f"built in {time.perf_counter() - started:.1f} s")
        port = free_port()
        server = serve(db, port)
        base = f"http://127.0.0.1:{port}"
        page = f"{base}/portal/{slug}"
        try:
            with urllib.request.urlopen(page) as response:
                etag = response.headers["etag"]
                size = len(response.read())
            script = Path(folder) / "varying.lua"
            script.write_text(VARYING)
            results = {
                "floor_static": wrk(f"{base}/static/portal.css", args.duration),
                "uncached_render": wrk(page, args.duration, str(script)),
                "portal_page": wrk(page, args.duration),
                "revalidated_304": wrk(page, args.duration, headers={"If-None-Match": etag}),
            }
        finally:
            server.terminate()
            server.wait(timeout=10)
    results["page_bytes"] = size  # type: ignore[assignment]
    results["backend"] = "postgresql" if args.db else "sqlite"  # type: ignore[assignment]
    print(json.dumps(results, indent=2))
    (ROOT / "benchmarks" / "results_portal.json").write_text(json.dumps(results, indent=2) + "\n")
    p99 = results["portal_page"]["p99_ms"]
    print(f"portal page p99 {p99} ms: {'meets' if p99 < 50 else 'MISSES'} the 50 ms target")


if __name__ == "__main__":
    main()
