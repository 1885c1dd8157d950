"""The workbench in a real browser: Debian's Chromium against a live server.

Select a passage of a seed paper with the mouse, code it, reload, and find
the coding at the same code-point offsets through the API; the same for a
passage with emoji; import the NVivo sample by upload and open a coded
document (timed: reported in benchmarks/README_wbweb.md, not asserted);
accept a suggestion; a reader cannot code; a researcher of another project
sees nothing. Screenshots go to ``.ci/artifacts/``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from sistercities.operations import accounts
from sistercities.operations import research as rops
from sistercities.registry.store import Registry
from tests.conftest import SHARED
from tests.web.conftest import PASSWORD
from tests.web.live import ARTIFACTS, live_server, screenshot

pytestmark = pytest.mark.browser
SEED = SHARED / "seeds" / "004_e3451a6d175650e6.txt"
NVIVO = SHARED / "refi-qda" / "samples" / "nvivo12-windows_oltas_teszt.qdpx"
EMOJI = "Hermanamiento 🇪🇨🤝🇺🇸 entre Cuenca y Ossining: la diáspora 👨‍👩‍👧 envía remesas.\r\n"


@dataclass
class Served:
    base: str
    backend: str
    registry: Registry
    seed_doc: int
    emoji_doc: int


@pytest.fixture(scope="module")
def served(module_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    registry = Registry.open(module_db, user="setup")
    for name, role in (("ana", "researcher"), ("ben", "researcher"), ("eve", "researcher")):
        accounts.add_user(registry, name=name, role=role, password=PASSWORD)
    ana = registry.as_user("ana")
    rops.create_project(ana, name="kinship", title="Kinship and remittances")
    folder = tmp_path_factory.mktemp("docs")
    (folder / "emoji.txt").write_bytes(EMOJI.encode("utf-8"))
    imported = rops.import_documents(ana, project="kinship",
                                     files=[SEED, folder / "emoji.txt"])["imported"]
    rops.load_codebook(ana, project="kinship", source="builtin:004")
    rops.add_member(ana, project="kinship", user="ben", role="reader")
    rops.create_project(registry.as_user("eve"), name="elsewhere")
    backend = "sqlite" if registry.is_sqlite else "postgresql"
    with live_server(module_db) as base:
        yield Served(base, backend, registry, imported[0]["id"], imported[1]["id"])
    registry.close()


def signed_in(browser: Any, served: Served, name: str) -> Any:
    context = browser.new_context(base_url=served.base, locale="en-GB",
                                  viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto("/login")
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{served.base}/")
    return page


def api(page: Any, path: str) -> Any:
    answer = page.request.get(f"/api/v1/research/projects/{path}")
    assert answer.ok, answer.text()
    return answer.json()


def select_by_mouse(page: Any, needle: str) -> None:
    """Drag the mouse from the first to the last character of ``needle`` in the text."""
    boxes = page.evaluate(
        """(needle) => {
          const box = document.getElementById('doc-text');
          const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
          let text = '', nodes = [];
          while (walker.nextNode()) { nodes.push([walker.currentNode, text.length]);
                                      text += walker.currentNode.data; }
          const at = text.indexOf(needle);
          const place = (i) => { for (let k = nodes.length - 1; k >= 0; k--) {
              if (nodes[k][1] <= i) return [nodes[k][0], i - nodes[k][1]]; } };
          const rect = (i, j) => { const [n, o] = place(i); const r = document.createRange();
              r.setStart(n, o); r.setEnd(n, o + j); return r.getBoundingClientRect(); };
          const scroller = document.getElementById('doc-scroll');
          scroller.scrollIntoView({block: 'start'});
          scroller.scrollTop += rect(at, 1).top - scroller.getBoundingClientRect().top - 100;
          const first = rect(at, 1), last = rect(at + needle.length - 1, 1);
          return {x0: first.left + 0.5, y0: first.top + first.height / 2,
                  x1: last.right - 0.5, y1: last.top + last.height / 2};
        }""",
        needle,
    )
    page.mouse.move(boxes["x0"], boxes["y0"])
    page.mouse.down()
    page.mouse.move(boxes["x1"], boxes["y1"], steps=8)
    page.mouse.up()


def code_passage(page: Any, served: Served, doc: int, needle: str, code: str) -> dict[str, Any]:
    page.goto(f"/research/kinship/documents/{doc}")
    page.wait_for_selector("body[data-ready='1']")
    text = api(page, f"kinship/documents/{doc}")["text"]
    select_by_mouse(page, needle)
    start = text.index(needle)
    page.wait_for_function(
        "([s, e]) => document.getElementById('sel-start').value === String(s)"
        " && document.getElementById('sel-end').value === String(e)",
        arg=[start, start + len(needle)])
    page.fill("#code-input", code)
    page.click("#code-apply")
    page.wait_for_selector("#doc-view[data-last-coding]")
    page.reload()
    page.wait_for_selector("body[data-ready='1']")
    page.wait_for_selector(f".margin-code:has-text('{code.split('/')[-1]}')")
    codings = api(page, f"kinship/codings?document={doc}&coder=ana")
    found = [c for c in codings if c["start"] == start and c["end"] == start + len(needle)]
    assert found and found[0]["text"] == needle and found[0]["code"] == code
    return found[0]


def test_a_passage_of_a_seed_paper_coded_by_mouse_is_found_at_its_code_points(
    browser: Any, served: Served
) -> None:
    page = signed_in(browser, served, "ana")
    needle = "remittances"
    text = SEED.read_text(encoding="utf-8")
    assert needle in text
    code_passage(page, served, served.seed_doc, needle, "Inductive themes/Remittances")
    screenshot(page, f"research-document-{served.backend}")


def test_a_passage_with_emoji_is_coded_at_code_points_not_utf16_units(
    browser: Any, served: Served
) -> None:
    page = signed_in(browser, served, "ana")
    needle = "🤝🇺🇸 entre Cuenca y Ossining: la diáspora 👨‍👩‍👧"
    coding = code_passage(page, served, served.emoji_doc, needle, "Inductive themes/Migration")
    stored = api(page, f"kinship/documents/{served.emoji_doc}")["text"]
    assert stored[coding["start"]:coding["end"]] == needle  # Python indexes code points
    assert coding["start"] == len("Hermanamiento 🇪🇨")  # 16 code points, 18 UTF-16 units


def test_a_reader_cannot_code_and_an_outsider_sees_nothing(browser: Any, served: Served) -> None:
    page = signed_in(browser, served, "ben")
    page.goto(f"/research/kinship/documents/{served.seed_doc}")
    page.wait_for_selector("body[data-ready='1']")
    assert page.is_hidden("#code-selection")
    csrf = page.get_attribute("#doc-view", "data-csrf")
    refused = page.request.post("/api/v1/research/projects/kinship/codings",
                                headers={"X-CSRF-Token": csrf},
                                data={"document": str(served.seed_doc), "start": 0, "end": 5,
                                      "code": "Inductive themes/Migration"})
    assert refused.status == 403
    outsider = signed_in(browser, served, "eve")
    outsider.goto("/research")
    assert "kinship" not in outsider.inner_text("main")
    answer = outsider.goto(f"/research/kinship/documents/{served.seed_doc}")
    assert answer is not None and answer.status == 404
    assert outsider.request.get("/api/v1/research/projects/kinship/codings").status == 404
    screenshot(outsider, f"research-outsider-{served.backend}")


def test_a_suggestion_is_accepted_in_the_document_view(browser: Any, served: Served) -> None:
    ana = served.registry.as_user("ana")
    rops.autocode(ana, project="kinship", by="terms", codebook="builtin:004")
    page = signed_in(browser, served, "ana")
    open_ = api(page, f"kinship/suggestions?document={served.seed_doc}")["suggestions"]
    assert open_, "the built-in terms suggest something in paper 004"
    page.goto(f"/research/kinship/documents/{served.seed_doc}")
    page.wait_for_selector("body[data-ready='1']")
    first = open_[0]
    page.click(f"li[data-suggestion='{first['id']}'] button >> nth=0")
    page.wait_for_selector(f"li[data-suggestion='{first['id']}']", state="detached")
    codings = api(page, f"kinship/codings?document={served.seed_doc}&coder=ana")
    assert any(c["start"] == first["start"] and c["end"] == first["end"] for c in codings)
    screenshot(page, f"research-suggestions-{served.backend}")


def test_the_nvivo_sample_is_imported_by_upload_and_a_coded_document_opens(
    browser: Any, served: Served
) -> None:
    page = signed_in(browser, served, "ana")
    page.goto("/research")
    page.set_input_files("#qdpx-file", str(NVIVO))
    page.fill("#qdpx-name", f"nvivo-{served.backend}")
    page.click("#qdpx-check")
    page.wait_for_selector("#qdpx-confirm:not([hidden])", timeout=60_000)
    assert "cannot be carried" in page.inner_text("#qdpx-report") or \
        "Everything" in page.inner_text("#qdpx-report")
    assert api(page, "") == [p for p in api(page, "") if p["name"] != f"nvivo-{served.backend}"]
    page.click("#qdpx-confirm")
    page.wait_for_selector("#qdpx-project", timeout=60_000)
    name = f"nvivo-{served.backend}"
    documents = api(page, f"{name}/documents")
    every = api(page, f"{name}/codings")
    assert len(every) > 300
    counts = {d["name"]: sum(c["document"] == d["name"] for c in every) for d in documents}
    biggest = max((d for d in documents if counts[d["name"]]), key=lambda d: d["characters"])
    coded = [c for c in every if c["document"] == biggest["name"]]
    started = time.monotonic()
    page.goto(f"/research/{name}/documents/{biggest['id']}")
    page.wait_for_selector("body[data-ready='1']", timeout=60_000)
    wall = time.monotonic() - started
    ready_ms = page.evaluate("window.scReadyMs")
    drawn = page.locator(".margin-code").count()
    assert drawn == len(coded)
    screenshot(page, f"research-nvivo-{served.backend}")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"research-nvivo-open-{served.backend}.json").write_text(json.dumps({
        "characters": biggest["characters"], "codings": drawn,
        "ready_ms_since_navigation": ready_ms, "wall_s": wall}))
    print(f"\nNVivo document {biggest['characters']} characters, {drawn} codings: "
          f"ready {ready_ms:.0f} ms after navigation ({wall:.2f} s wall)")



def test_a_passage_is_selected_and_coded_with_the_keyboard_alone(
    browser: Any, served: Served
) -> None:
    page = signed_in(browser, served, "ana")
    page.goto(f"/research/kinship/documents/{served.emoji_doc}")
    page.wait_for_selector("body[data-ready='1']")
    page.focus("#doc-text")
    for _ in range(len("Hermanamiento ")):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Shift+ArrowRight")  # the flag: one character on screen, 2 code points
    page.keyboard.press("Shift+ArrowRight")  # the handshake
    page.wait_for_function("() => document.getElementById('sel-start').value === '14'"
                           " && document.getElementById('sel-end').value === '17'")
    page.keyboard.press("Enter")  # to the code field
    page.keyboard.type("Flags")
    page.keyboard.press("Enter")
    page.wait_for_selector("#doc-view[data-last-coding]")
    codings = api(page, f"kinship/codings?document={served.emoji_doc}&code=Flags")
    assert [(c["start"], c["end"], c["text"]) for c in codings] == [(14, 17, "🇪🇨🤝")]


def test_the_document_page_shows_a_refusal_in_the_readers_spanish(
    browser: Any, served: Served
) -> None:
    """A Spanish browser codes a folder: the page says why in Spanish; nothing is coded."""
    context = browser.new_context(base_url=served.base, locale="es-EC",
                                  viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto("/login")
    page.fill("#name", "ana")
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{served.base}/")
    before = api(page, f"kinship/codings?document={served.seed_doc}")
    page.goto(f"/research/kinship/documents/{served.seed_doc}")
    page.wait_for_selector("body[data-ready='1']")
    page.fill("#sel-start", "0")
    page.fill("#sel-end", "5")
    page.fill("#code-input", "Inductive themes")
    page.click("#code-apply")
    page.wait_for_selector("#doc-status.field-error")
    said = page.inner_text("#doc-status")
    assert "'Inductive themes' es una carpeta: las carpetas no se pueden codificar" in said
    assert "folder" not in said
    assert api(page, f"kinship/codings?document={served.seed_doc}") == before
    screenshot(page, f"research-refusal-es-{served.backend}")
    context.close()
