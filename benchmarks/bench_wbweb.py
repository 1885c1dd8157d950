"""How long coding a span takes at the server, on the NVivo sample (issue 15).

Imports ``nvivo12-windows_oltas_teszt.qdpx`` into a fresh SQLite registry (or
``--db URL``), then POSTs codings to ``/api/v1/research/projects/P/codings``
on its largest coded document (585,217 characters, 330 codings) through the
real app in process, and times each request as the client waits for it. The
baseline in the same run: ``GET /api/v1/me`` (authentication and the
middleware alone). The time to open that document in Chromium is measured by
``tests/web/test_browser_research.py`` (``.ci/artifacts/research-nvivo-open-*.json``).

    .venv/bin/python benchmarks/bench_wbweb.py [--db URL] [--n 50]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from sistercities.operations import accounts, import_qdpx
from sistercities.operations import research as rops
from sistercities.registry.store import Registry
from sistercities.web import WebConfig, create_app

SAMPLE = (Path(__file__).resolve().parents[2] / "shared" / "refi-qda" / "samples"
          / "nvivo12-windows_oltas_teszt.qdpx")


def timed(call: Callable[[int], object], n: int) -> list[float]:
    out = []
    for i in range(n):
        started = time.perf_counter()
        call(i)
        out.append((time.perf_counter() - started) * 1000)
    return out


def summary(label: str, ms: list[float]) -> str:
    ms = sorted(ms)
    p95 = ms[int(0.95 * (len(ms) - 1))]
    return f"{label}: median {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, max {ms[-1]:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    parser.add_argument("--n", type=int, default=50)
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    db = args.db or f"{folder}/bench.sqlite"
    registry = Registry.open(db, user="bench")
    accounts.add_user(registry, name="bench", role="researcher", password="x" * 16)
    token = accounts.create_token(registry, name="bench")["token"]
    import_qdpx(registry, file=SAMPLE, name="nvivo")
    codings = rops.list_codings(registry, project="nvivo")
    docs = rops.list_documents(registry, project="nvivo")
    coded = {c["document"] for c in codings}
    doc = max((d for d in docs if d["name"] in coded), key=lambda d: d["characters"])
    code = codings[0]["code"]
    headers = {"Authorization": f"Bearer {token}"}
    app = create_app(WebConfig(db=db), registry=registry)
    with TestClient(app) as client:
        base = "/api/v1/research/projects/nvivo"
        me = timed(lambda i: client.get("/api/v1/me", headers=headers), args.n)

        def code_one(i: int) -> None:
            start = 1000 + i * 997
            answer = client.post(f"{base}/codings", headers=headers, json={
                "document": str(doc["id"]), "start": start, "end": start + 40, "code": code})
            assert answer.status_code == 201, answer.text

        coding = timed(code_one, args.n)
        view = timed(lambda i: client.get(f"{base}/documents/{doc['id']}/view", headers=headers),
                     5)
    print(f"document {doc['name']}: {doc['characters']} characters, "
          f"{sum(c['document'] == doc['name'] for c in codings)} codings; {db.split(':')[0]}")
    print(summary("baseline GET /api/v1/me", me))
    print(summary("POST codings (code a span)", coding))
    print(summary("GET document view (text, codings, codebook)", view))


if __name__ == "__main__":
    main()
