// sistercities: the research workbench in the browser (a static file: no inline script, see the CSP).
//
// Offsets. The server counts Unicode code points with an exclusive end (as the
// CLI and the REFI-QDA export do); JavaScript strings count UTF-16 code units
// (an emoji outside the BMP is two). The text is drawn as a run of <span>
// segments, each carrying data-cp (its first code point) and data-n (its
// length in code points); a DOM position (text node, UTF-16 offset) becomes a
// code point by counting the code points of that node's text before it, so
// emoji, combining accents and CRLF ("\r\n" is two code points) come out exact.
"use strict";

(() => {
  const API = "/api/v1/research/projects/";

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, (_, key) => String(values[key] ?? ""));
  }

  async function call(method, url, csrf, body) {
    const options = { method, headers: { "X-CSRF-Token": csrf }, credentials: "same-origin" };
    if (body instanceof FormData) {
      options.body = body;
    } else if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const response = await fetch(url, options);
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      const message = (data.error && (data.error.shown || data.error.message)) || response.statusText;
      throw new Error(message);
    }
    return data;
  }

  // --- code points and UTF-16 -------------------------------------------------------------

  /** Code points in s[0:units) (UTF-16 units); a low surrogate after a high one is not counted. */
  function codePointsIn(s, units) {
    let n = 0;
    for (let i = 0; i < units && i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
        const p = s.charCodeAt(i - 1);
        if (p >= 0xd800 && p <= 0xdbff) continue;
      }
      n++;
    }
    return n;
  }

  /** The UTF-16 unit offset of code point `cp` within s. */
  function unitsOf(s, cp) {
    let i = 0;
    for (let n = 0; n < cp && i < s.length; n++) {
      const c = s.charCodeAt(i);
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
    }
    return i;
  }

  /** UTF-16 offsets of sorted code-point offsets, in one pass over the text. */
  function unitOffsets(text, points) {
    const out = new Array(points.length);
    let unit = 0;
    let cp = 0;
    let k = 0;
    while (k < points.length) {
      if (points[k] <= cp || unit >= text.length) {
        out[k] = points[k] <= cp ? unit : text.length;
        k++;
        continue;
      }
      const c = text.charCodeAt(unit);
      unit += c >= 0xd800 && c <= 0xdbff && unit + 1 < text.length ? 2 : 1;
      cp++;
    }
    return out;
  }

  function codePointLength(text) {
    return codePointsIn(text, text.length);
  }

  // --- the document view ------------------------------------------------------------------

  function documentView(root) {
    const project = root.dataset.project;
    const docRef = root.dataset.document;
    const csrf = root.dataset.csrf;
    const msg = root.dataset;
    const textBox = document.getElementById("doc-text");
    const margin = document.getElementById("doc-margin");
    const status = document.getElementById("doc-status");
    const startInput = document.getElementById("sel-start");
    const endInput = document.getElementById("sel-end");
    const selText = document.getElementById("sel-text");
    const codeInput = document.getElementById("code-input");
    const memoInput = document.getElementById("memo-input");
    const detail = document.getElementById("coding-detail");
    const base = API + encodeURIComponent(project);
    let state = null; // {document, codings, codes, suggestions, role}
    let segments = []; // the <span>s in order
    let total = 0; // the text's length in code points
    let colours = new Map();

    function say(text, bad) {
      status.textContent = text;
      status.className = bad ? "field-error" : "note";
    }

    function colourOf(codeId) {
      return colours.get(codeId) || "#999999";
    }

    function tint(hex, alpha) {
      const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex || "");
      if (!m) return `rgba(150,150,150,${alpha})`;
      return `rgba(${parseInt(m[1], 16)},${parseInt(m[2], 16)},${parseInt(m[3], 16)},${alpha})`;
    }

    /** Draw the text as segments between every coding and suggestion boundary. */
    function draw() {
      const text = state.document.text;
      total = codePointLength(text);
      const marks = state.codings.map((c) => ({ kind: "c", row: c }))
        .concat(state.suggestions.map((s) => ({ kind: "s", row: s })));
      const points = new Set([0, total]);
      for (const m of marks) {
        points.add(m.row.start);
        points.add(m.row.end);
      }
      const sorted = Array.from(points).filter((p) => p >= 0 && p <= total).sort((a, b) => a - b);
      const units = unitOffsets(text, sorted);
      const starts = new Map();
      const ends = new Map();
      marks.forEach((m, i) => {
        (starts.get(m.row.start) || starts.set(m.row.start, []).get(m.row.start)).push(i);
        (ends.get(m.row.end) || ends.set(m.row.end, []).get(m.row.end)).push(i);
      });
      const active = new Set();
      const fragment = document.createDocumentFragment();
      segments = [];
      for (let k = 0; k + 1 < sorted.length; k++) {
        const cp = sorted[k];
        for (const i of ends.get(cp) || []) active.delete(i);
        for (const i of starts.get(cp) || []) active.add(i);
        const span = document.createElement("span");
        span.dataset.cp = String(cp);
        span.dataset.n = String(sorted[k + 1] - cp);
        span.textContent = text.slice(units[k], units[k + 1]);
        if (active.size) paint(span, Array.from(active).map((i) => marks[i]));
        fragment.appendChild(span);
        segments.push(span);
      }
      textBox.replaceChildren(fragment);
      drawMargin();
    }

    function paint(span, here) {
      const coded = here.filter((m) => m.kind === "c");
      const suggested = here.filter((m) => m.kind === "s");
      if (coded.length) {
        span.classList.add("coded");
        span.dataset.codings = coded.map((m) => m.row.id).join(" ");
        const tints = coded.map((m) => tint(colourOf(m.row.code_id), 0.35));
        if (coded.length === 1) {
          span.style.backgroundColor = tints[0];
        } else {
          span.classList.add("overlap");
          const stops = tints.map((t, i) => `${t} ${i * 6}px ${(i + 1) * 6}px`).join(", ");
          span.style.backgroundImage = `repeating-linear-gradient(135deg, ${stops})`;
        }
      }
      if (suggested.length) {
        span.classList.add("suggested");
        span.dataset.suggestions = suggested.map((m) => m.row.id).join(" ");
        span.style.borderBottomColor = colourOf(suggested[0].row.code_id);
      }
    }

    function segmentAt(cp) {
      let lo = 0;
      let hi = segments.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (Number(segments[mid].dataset.cp) <= cp) lo = mid;
        else hi = mid - 1;
      }
      return segments[lo];
    }

    /** The codes in the margin: one label per coding, level with its first line. */
    function drawMargin() {
      const boxTop = textBox.offsetTop;
      const placed = state.codings.map((c) => {
        const seg = segmentAt(c.start);
        return { c, top: seg ? seg.offsetTop - boxTop : 0 };
      });
      placed.sort((a, b) => a.top - b.top || a.c.start - b.c.start);
      const fragment = document.createDocumentFragment();
      let free = 0;
      for (const { c, top } of placed) {
        const label = document.createElement("button");
        label.type = "button";
        label.className = "margin-code";
        label.dataset.coding = String(c.id);
        label.textContent = `${c.code} · ${c.coder}`;
        label.title = `${c.start}–${c.end}`;
        const y = Math.max(top, free);
        label.style.top = `${y}px`;
        label.style.borderLeftColor = colourOf(c.code_id);
        free = y + 18;
        fragment.appendChild(label);
      }
      margin.replaceChildren(fragment);
      margin.style.height = `${textBox.offsetHeight}px`;
    }

    function fillCodes() {
      colours = new Map(state.codes.map((c) => [c.id, c.colour]));
      const list = document.getElementById("code-list");
      list.replaceChildren(...state.codes.filter((c) => c.codable).map((c) => {
        const option = document.createElement("option");
        option.value = c.path;
        return option;
      }));
    }

    // Positions: DOM <-> code points.

    function pointOf(container, offset) {
      if (container.nodeType === Node.TEXT_NODE) {
        const seg = container.parentNode;
        if (!seg || !seg.dataset || seg.dataset.cp === undefined) return null;
        return Number(seg.dataset.cp) + codePointsIn(container.data, offset);
      }
      if (container === textBox) {
        if (offset >= segments.length) return total;
        return Number(segments[offset].dataset.cp);
      }
      if (container.dataset && container.dataset.cp !== undefined) {
        return Number(container.dataset.cp) + (offset > 0 ? Number(container.dataset.n) : 0);
      }
      return null;
    }

    function domPoint(cp) {
      const seg = segmentAt(Math.min(cp, total));
      const node = seg.firstChild || seg;
      const within = cp - Number(seg.dataset.cp);
      return [node, node.nodeType === Node.TEXT_NODE ? unitsOf(node.data, within) : 0];
    }

    function selectionPoints() {
      const sel = window.getSelection();
      if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
      const range = sel.getRangeAt(0);
      if (!textBox.contains(range.startContainer) || !textBox.contains(range.endContainer)) {
        return null;
      }
      const start = pointOf(range.startContainer, range.startOffset);
      const end = pointOf(range.endContainer, range.endOffset);
      return start === null || end === null ? null : [Math.min(start, end), Math.max(start, end)];
    }

    function select(start, end, scroll) {
      const range = document.createRange();
      const [a, ao] = domPoint(start);
      const [b, bo] = domPoint(end);
      range.setStart(a, ao);
      range.setEnd(b, bo);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      showSelection(start, end);
      if (scroll) segmentAt(start).scrollIntoView({ block: "center" });
    }

    function showSelection(start, end) {
      startInput.value = String(start);
      endInput.value = String(end);
      const text = state.document.text;
      const [u0, u1] = unitOffsets(text, [start, end]);
      const quote = text.slice(u0, u1);
      selText.textContent = quote.length > 300 ? `${quote.slice(0, 300)}…` : quote;
    }

    document.addEventListener("selectionchange", () => {
      const points = state && selectionPoints();
      if (points) showSelection(points[0], points[1]);
    });

    for (const input of [startInput, endInput]) {
      input.addEventListener("change", () => {
        const start = Number(startInput.value);
        const end = Number(endInput.value);
        if (Number.isInteger(start) && Number.isInteger(end) && start < end && end <= total) {
          select(start, end, true);
        }
      });
    }

    // Keyboard: arrows move a caret in the text, Shift extends, Ctrl by word, Enter codes.
    textBox.addEventListener("keydown", (event) => {
      const keys = { ArrowLeft: "backward", ArrowRight: "forward", ArrowUp: "backward",
        ArrowDown: "forward", Home: "backward", End: "forward" };
      const direction = keys[event.key];
      const sel = window.getSelection();
      if (direction) {
        if (sel.rangeCount === 0 || !textBox.contains(sel.anchorNode)) {
          const [node, offset] = domPoint(0);
          sel.collapse(node, offset);
        }
        const unit = event.key.startsWith("ArrowU") || event.key.startsWith("ArrowD") ? "line"
          : event.key === "Home" || event.key === "End" ? "lineboundary"
          : event.ctrlKey || event.altKey ? "word" : "character";
        sel.modify(event.shiftKey ? "extend" : "move", direction, unit);
        event.preventDefault();
      } else if (event.key === "Enter") {
        codeInput.focus();
        event.preventDefault();
      }
    });

    // Coding.

    async function reload() {
      state = await call("GET", `${base}/documents/${encodeURIComponent(docRef)}/view`, csrf);
      fillCodes();
      draw();
      drawSuggestions();
      if (state.role === "reader") {
        document.getElementById("code-selection").hidden = true;
        say(msg.msgReader);
      }
    }

    async function refreshCodings() {
      const view = await call("GET", `${base}/documents/${encodeURIComponent(docRef)}/view`, csrf);
      state = view;
      fillCodes();
      draw();
      drawSuggestions();
    }

    document.getElementById("code-selection").addEventListener("submit", async (event) => {
      event.preventDefault();
      const start = Number(startInput.value);
      const end = Number(endInput.value);
      const code = codeInput.value.trim();
      if (!(end > start) || !code) {
        say(msg.msgNoSelection, true);
        return;
      }
      const known = state.codes.some((c) => c.path === code || c.name === code);
      const started = performance.now();
      try {
        const row = await call("POST", `${base}/codings`, csrf, {
          document: String(state.document.id), start, end, code, new_code: !known,
          memo: memoInput.value.trim() || null,
        });
        memoInput.value = "";
        await refreshCodings();
        window.scLastCodingMs = performance.now() - started;
        say(fill(msg.msgCoded, { code: row.code, start: row.start, end: row.end }));
        root.dataset.lastCoding = String(row.id);
      } catch (error) {
        say(`${msg.msgFailed} ${error.message}`, true);
      }
    });

    function codingsAt(target) {
      const ids = (target.dataset.codings || "").split(" ").filter(Boolean).map(Number);
      return state.codings.filter((c) => ids.includes(c.id));
    }

    function showCodings(rows) {
      detail.replaceChildren(...rows.map((c) => codingCard(c)));
    }

    function codingCard(c) {
      const card = document.createElement("form");
      card.className = "coding-card";
      card.dataset.coding = String(c.id);
      const head = document.createElement("p");
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.backgroundColor = colourOf(c.code_id);
      head.append(swatch, ` ${c.code} `, fill(msg.msgBy, { coder: c.coder }));
      const quote = document.createElement("q");
      quote.textContent = c.text.length > 200 ? `${c.text.slice(0, 200)}…` : c.text;
      card.append(head, quote);
      if (state.role === "reader") return card;
      const start = numberInput(c.start, "start");
      const end = numberInput(c.end, "end");
      const save = button(msg.msgAdjust, async () => {
        await act(() => call("PATCH", `${base}/codings/${c.id}`, csrf,
          { start: Number(start.value), end: Number(end.value) }));
      });
      const remove = button(msg.msgUncode, async () => {
        await act(() => call("DELETE", `${base}/codings/${c.id}`, csrf), msg.msgRemoved);
        detail.replaceChildren();
      });
      const memo = document.createElement("textarea");
      memo.rows = 2;
      memo.className = "coding-memo";
      const saveMemo = button(msg.msgMemo, async () => {
        if (!memo.value.trim()) return;
        await act(() => call("POST", `${base}/codings/${c.id}/memos`, csrf,
          { text: memo.value.trim() }), msg.msgMemoSaved);
      });
      card.append(start, end, save, remove, memo, saveMemo);
      return card;
    }

    function numberInput(value, name) {
      const input = document.createElement("input");
      input.type = "number";
      input.min = "0";
      input.name = name;
      input.value = String(value);
      return input;
    }

    function button(label, handler) {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = label;
      b.addEventListener("click", handler);
      return b;
    }

    async function act(action, done) {
      try {
        await action();
        await refreshCodings();
        if (done) say(done);
      } catch (error) {
        say(`${msg.msgFailed} ${error.message}`, true);
      }
    }

    textBox.addEventListener("click", (event) => {
      const seg = event.target.closest("span[data-cp]");
      if (seg && seg.dataset.codings && window.getSelection().isCollapsed) {
        showCodings(codingsAt(seg));
      }
    });

    margin.addEventListener("click", (event) => {
      const label = event.target.closest("[data-coding]");
      if (!label) return;
      const c = state.codings.find((row) => row.id === Number(label.dataset.coding));
      if (c) {
        select(c.start, c.end, false);
        showCodings([c]);
      }
    });

    // Suggestions: dashed underline in the text, a list with accept / reject, accuracy per code.

    function drawSuggestions() {
      const list = document.getElementById("suggestion-list");
      const codes = new Map(state.codes.map((c) => [c.id, c.path]));
      list.replaceChildren(...state.suggestions.map((s) => {
        const item = document.createElement("li");
        item.className = "suggestion";
        item.dataset.suggestion = String(s.id);
        const quote = document.createElement("q");
        quote.textContent = s.text.length > 120 ? `${s.text.slice(0, 120)}…` : s.text;
        const where = document.createElement("a");
        where.href = `#s=${s.start}-${s.end}`;
        where.textContent = `${s.start}–${s.end}`;
        item.append(`${codes.get(s.code_id) || s.code} (${fill(msg.msgSuggested, { coder: s.coder })}) `,
          where, " ", quote, " ");
        if (state.role !== "reader") {
          const decide = (accept, all) => act(() => call("POST", `${base}/suggestions/decide`, csrf,
            all ? { accept, code: s.code, document: String(state.document.id) }
              : { accept, ids: [s.id] }));
          item.append(button(msg.msgAccept, () => decide(true, false)),
            button(msg.msgReject, () => decide(false, false)),
            button(msg.msgAcceptAll, () => decide(true, true)),
            button(msg.msgRejectAll, () => decide(false, true)));
        }
        return item;
      }));
      document.getElementById("suggestions").hidden = state.suggestions.length === 0;
      loadAccuracy();
    }

    let accuracyLoaded = false;
    async function loadAccuracy() {
      if (accuracyLoaded || state.suggestions.length === 0) return;
      accuracyLoaded = true;
      const data = await call("GET", `${base}/suggestions?status=open&document=${state.document.id}`,
        csrf);
      const body = document.querySelector("#accuracy tbody");
      const rows = [];
      for (const run of data.runs) {
        const byCode = (run.evaluation && run.evaluation.by_code) || {};
        for (const [code, f] of Object.entries(byCode)) {
          const tr = document.createElement("tr");
          for (const value of [`${code} (${run.coder})`, f.precision, f.recall, f.f1, f.units]) {
            const td = document.createElement("td");
            td.textContent = typeof value === "number" && !Number.isInteger(value)
              ? value.toFixed(2) : value === null || value === undefined ? "—" : String(value);
            tr.appendChild(td);
          }
          rows.push(tr);
        }
      }
      body.replaceChildren(...rows);
    }

    function followHash() {
      const match = /^#s=(\d+)-(\d+)$/.exec(window.location.hash);
      if (match) select(Number(match[1]), Number(match[2]), true);
    }
    window.addEventListener("hashchange", followHash);

    reload().then(() => {
      followHash();
      document.body.dataset.ready = "1";
      window.scReadyMs = performance.now();
    }).catch((error) => say(`${msg.msgFailed} ${error.message}`, true));
  }

  // --- project page: upload with progress, codebook edits ---------------------------------

  function projectPage(root) {
    const project = root.dataset.project;
    const csrf = root.dataset.csrf;
    const msg = root.dataset;
    const base = API + encodeURIComponent(project);
    const report = document.getElementById("codebook-report");

    const upload = document.getElementById("upload-form");
    if (upload) {
      upload.addEventListener("submit", (event) => {
        event.preventDefault();
        const form = new FormData();
        for (const file of document.getElementById("upload-files").files) form.append("files", file);
        const attach = document.getElementById("upload-attach").value.trim();
        const kase = document.getElementById("upload-case").value.trim();
        if (attach) form.append("attach", attach);
        if (kase) form.append("case", kase);
        const progress = document.getElementById("upload-progress");
        const out = document.getElementById("upload-report");
        const xhr = new XMLHttpRequest();
        xhr.open("POST", `${base}/documents`);
        xhr.setRequestHeader("X-CSRF-Token", csrf);
        progress.hidden = false;
        xhr.upload.addEventListener("progress", (e) => {
          if (e.lengthComputable) {
            progress.value = Math.round((100 * e.loaded) / e.total);
            out.textContent = fill(msg.msgUploading, { done: e.loaded, total: e.total });
          }
        });
        xhr.addEventListener("load", () => {
          const data = JSON.parse(xhr.responseText || "{}");
          if (xhr.status >= 400) {
            out.textContent = `${msg.msgFailed} ${(data.error && data.error.message) || xhr.status}`;
            return;
          }
          const lines = [fill(msg.msgImported, { n: data.imported.length, r: data.rejected.length })];
          for (const r of data.rejected) lines.push(`${r.file}: ${r.reason}`);
          out.textContent = lines.join("\n");
          if (!data.rejected.length) window.location.reload();
        });
        xhr.send(form);
      });
    }

    async function edit(body, code) {
      try {
        if (code === undefined) await call("POST", `${base}/codes`, csrf, body);
        else await call("PATCH", `${base}/codes/${encodeURIComponent(code)}`, csrf, body);
        window.location.reload();
      } catch (error) {
        report.textContent = `${msg.msgFailed} ${error.message}`;
      }
    }

    const codeForm = document.getElementById("code-form");
    if (codeForm) {
      codeForm.addEventListener("submit", (event) => {
        event.preventDefault();
        edit({
          name: document.getElementById("code-name").value.trim(),
          parent: document.getElementById("code-parent").value.trim() || null,
          colour: document.getElementById("code-colour").value,
          codable: !document.getElementById("code-folder").checked,
        });
      });
    }

    document.querySelectorAll(".code-tree .swatch").forEach((s) => {
      if (s.dataset.colour) s.style.backgroundColor = s.dataset.colour;
    });

    document.querySelectorAll(".code-edit").forEach((b) => {
      b.addEventListener("click", () => {
        const code = b.closest("li").dataset.code;
        const action = b.dataset.action;
        if (action === "rename") {
          const name = window.prompt(msg.msgNewName, code.split("/").pop());
          if (name) edit({ name }, code);
        } else if (action === "move") {
          const parent = window.prompt(msg.msgNewParent, "");
          if (parent !== null) edit(parent.trim() ? { parent: parent.trim() } : { to_top: true }, code);
        } else if (action === "merge") {
          const target = window.prompt(msg.msgMergeInto, "");
          if (target) edit({ merge_into: target.trim() }, code);
        } else if (action === "colour") {
          const colour = window.prompt(msg.msgColour, "#1f77b4");
          if (colour) edit({ colour: colour.trim() }, code);
        }
      });
    });

    document.querySelectorAll(".load-codebook").forEach((b) => {
      b.addEventListener("click", async () => {
        try {
          await call("POST", `${base}/codebooks/${b.dataset.source}`, csrf);
          window.location.reload();
        } catch (error) {
          report.textContent = `${msg.msgFailed} ${error.message}`;
        }
      });
    });

    const setForm = document.getElementById("set-form");
    if (setForm) {
      setForm.addEventListener("submit", async (event) => {
        event.preventDefault();
        const codes = document.getElementById("set-codes").value.split("\n").map((s) => s.trim())
          .filter(Boolean);
        try {
          await call("POST", `${base}/sets`, csrf,
            { name: document.getElementById("set-name").value.trim(), codes });
          window.location.reload();
        } catch (error) {
          report.textContent = `${msg.msgFailed} ${error.message}`;
        }
      });
    }

    const qdc = document.getElementById("qdc-form");
    if (qdc) {
      qdc.addEventListener("submit", async (event) => {
        event.preventDefault();
        const form = new FormData();
        form.append("file", document.getElementById("qdc-file").files[0]);
        try {
          await call("POST", `${base}/qdc`, csrf, form);
          window.location.reload();
        } catch (error) {
          report.textContent = `${msg.msgFailed} ${error.message}`;
        }
      });
    }
  }

  // --- REFI-QDA import: check first, show what cannot be carried, then store -----------------

  function qdpxImport(root) {
    const csrf = root.dataset.csrf;
    const msg = root.dataset;
    const out = document.getElementById("qdpx-report");
    const confirm = document.getElementById("qdpx-confirm");

    function form(preview) {
      const data = new FormData();
      data.append("file", document.getElementById("qdpx-file").files[0]);
      const name = document.getElementById("qdpx-name").value.trim();
      if (name) data.append("name", name);
      data.append("preview", preview ? "true" : "false");
      return data;
    }

    document.getElementById("qdpx-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      out.textContent = msg.msgReading;
      confirm.hidden = true;
      try {
        const result = await call("POST", "/api/v1/research/qdpx", csrf, form(true));
        const list = document.createElement("ul");
        list.id = "not-carried";
        for (const item of result.not_carried) {
          const li = document.createElement("li");
          li.textContent = `${item.what} (${item.count}): ${item.reason}`;
          list.appendChild(li);
        }
        const summary = document.createElement("p");
        summary.textContent = fill(msg.msgWould, result);
        const lost = document.createElement("p");
        lost.textContent = result.not_carried.length ? msg.msgLost : msg.msgNoneLost;
        out.replaceChildren(summary, lost, list);
        confirm.hidden = false;
      } catch (error) {
        out.textContent = `${msg.msgFailed} ${error.message}`;
      }
    });

    confirm.addEventListener("click", async () => {
      try {
        const result = await call("POST", "/api/v1/research/qdpx", csrf, form(false));
        confirm.hidden = true;
        const link = document.createElement("a");
        link.href = `/research/${encodeURIComponent(result.project)}`;
        link.textContent = fill(msg.msgStored, result);
        link.id = "qdpx-project";
        out.replaceChildren(link);
      } catch (error) {
        out.textContent = `${msg.msgFailed} ${error.message}`;
      }
    });
  }

  // --- cases and attributes: a table edited in place, CSV/XLSX import --------------------------

  function casesPage(root) {
    const csrf = root.dataset.csrf;
    const msg = root.dataset;
    const base = API + encodeURIComponent(root.dataset.project);
    const report = document.getElementById("cases-report");

    async function send(method, url, body, reload) {
      try {
        const result = await call(method, url, csrf, body);
        report.textContent = msg.msgSaved;
        if (reload) window.location.reload();
        return result;
      } catch (error) {
        report.textContent = `${msg.msgFailed} ${error.message}`;
        return null;
      }
    }

    document.querySelectorAll(".case-value").forEach((input) => {
      input.addEventListener("change", () => {
        const kase = input.closest("tr").dataset.case;
        send("PUT", `${base}/cases/${encodeURIComponent(kase)}/attributes/`
          + encodeURIComponent(input.dataset.attribute), { value: input.value });
      });
    });
    const caseForm = document.getElementById("case-form");
    if (!caseForm) return;
    caseForm.addEventListener("submit", (event) => {
      event.preventDefault();
      send("POST", `${base}/cases`, { name: document.getElementById("case-name").value.trim(),
        entity: document.getElementById("case-entity").value.trim() || null }, true);
    });
    document.getElementById("attribute-form").addEventListener("submit", (event) => {
      event.preventDefault();
      send("POST", `${base}/attributes`, { name: document.getElementById("attribute-name").value.trim(),
        type: document.getElementById("attribute-type").value }, true);
    });
    document.getElementById("cases-import").addEventListener("submit", (event) => {
      event.preventDefault();
      const form = new FormData();
      form.append("file", document.getElementById("cases-file").files[0]);
      form.append("case_column", document.getElementById("cases-column").value.trim() || "case");
      send("POST", `${base}/cases/import`, form, true);
    });
  }

  const cases = document.getElementById("research-cases");
  if (cases) casesPage(cases);
  const view = document.getElementById("doc-view");
  if (view) documentView(view);
  const page = document.getElementById("research-project");
  if (page) projectPage(page);
  const importer = document.getElementById("qdpx-import");
  if (importer) qdpxImport(importer);
})();
