// nblint serve: the page. Plain JavaScript, no dependency, works offline.
"use strict";

const I18N = {
  zh: {
    title: "政府信息公开工作年度报告检查", choose: "选择文件", print: "打印", other: "English",
    drop: "把 Word（.docx）、网页（.html）、文本（.txt、.md）格式的年度报告拖到这里，或点击“选择文件”。",
    privacy: "文件只在本机服务器上检查，不保存。",
    checking: "正在检查…", findings: "检查结果", clean: "未发现问题。",
    error: "错误", warning: "警告", info: "提示", help: "修改建议", fix: "自动修复",
    before: "原文", after: "改为", start: "报告开头", counts: (e, w, i) => `${e} 个错误，${w} 个警告，${i} 个提示`,
    updated: (t) => `已于 ${t} 重新检查`, failed: "检查失败", unreadable: "无法检查此文件",
  },
  en: {
    title: "Government information disclosure annual report check", choose: "Choose a file", print: "Print", other: "中文",
    drop: "Drop an annual report here (Word .docx, web page .html, text .txt or .md), or click “Choose a file”.",
    privacy: "The file is checked by the server on this machine and never stored.",
    checking: "Checking…", findings: "Findings", clean: "No problems found.",
    error: "error", warning: "warning", info: "info", help: "How to fix", fix: "Fix",
    before: "before", after: "after", start: "start of the report", counts: (e, w, i) => `${e} errors, ${w} warnings, ${i} infos`,
    updated: (t) => `re-checked at ${t}`, failed: "the check failed", unreadable: "this file could not be checked",
  },
};

const params = new URLSearchParams(location.search);
const state = {
  lang: params.get("lang") === "en" ? "en" : "zh",
  token: params.get("token"),
  upload: null,      // the File last dropped or chosen
  watched: [],       // results of the watched files
  current: 0,        // which watched file is shown
  view: null,        // the document shown
};
const $ = (id) => document.getElementById(id);
const t = (key) => I18N[state.lang][key];

function api(path, init = {}) {
  const sep = path.includes("?") ? "&" : "?";
  const headers = Object.assign({}, init.headers || {});
  if (state.token) headers.Authorization = "Bearer " + state.token;
  return fetch(`${path}${sep}lang=${state.lang}`, Object.assign({}, init, { headers }));
}

function setStatus(text, bad = false) {
  const s = $("status");
  s.textContent = text || "";
  s.classList.toggle("bad", bad);
}

function applyLanguage() {
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
  document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
  $("lang").textContent = t("other");
}

// ---- checking ----------------------------------------------------------

async function checkUpload(file) {
  state.upload = file;
  setStatus(t("checking"));
  const form = new FormData();
  form.append("file", file, file.name);
  try {
    const r = await api("/api/view", { method: "POST", body: form });
    const body = await r.json();
    if (!r.ok) { setStatus(`${t("failed")}: ${body.error.message}（${body.error.hint}）`, true); return; }
    state.watched = [];
    $("watched").hidden = true;
    show(body);
    setStatus("");
  } catch (e) {
    setStatus(`${t("failed")}: ${e}`, true);
  }
}

async function loadWatched(keepScroll) {
  const r = await api("/api/watched");
  if (!r.ok) return;
  const body = await r.json();
  if (!body.files.length) return;
  state.watched = body.files;
  const sel = $("watched");
  sel.innerHTML = "";
  body.files.forEach((f, i) => sel.add(new Option(f.view.name, i)));
  sel.hidden = body.files.length < 2;
  state.current = Math.min(state.current, body.files.length - 1);
  sel.value = state.current;
  const y = window.scrollY, panel = $("findings").scrollTop;
  setStatus(body.version > 0 ? t("updated")(new Date().toLocaleTimeString()) : "");
  show(body.files[state.current]);
  if (keepScroll) { window.scrollTo(0, y); $("findings").scrollTop = panel; }
}

function listen() {
  const q = state.token ? `?token=${encodeURIComponent(state.token)}` : "";
  const events = new EventSource(`/api/events${q}`);
  events.addEventListener("change", () => { if (!state.upload) loadWatched(true); });
}

// ---- rendering -----------------------------------------------------------

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 };

function show({ json, view }) {
  state.view = view;
  $("drop").hidden = state.watched.length > 0;
  $("result").hidden = false;
  const file = json.files[0];
  renderReport(view);
  renderFindings(view, file);
}

// Splits a table line into cells with their character ranges [start, end).
function cellsOf(line) {
  const sep = line.includes("\t") ? "\t" : (line.includes("|") ? "|" : null);
  const chars = Array.from(line);
  if (!sep) return [{ text: line, start: 0, end: chars.length }];
  const cells = [];
  let start = 0;
  for (let i = 0; i <= chars.length; i++) {
    if (i === chars.length || chars[i] === sep) {
      cells.push({ text: chars.slice(start, i).join(""), start, end: i });
      start = i + 1;
    }
  }
  // "| a | b |": the empty cells outside the outer pipes are not cells.
  if (sep === "|") return cells.filter((c, i) => !(c.text.trim() === "" && (i === 0 || i === cells.length - 1)));
  return cells;
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function worst(findings) {
  return findings.map((f) => f.severity).sort((a, b) => SEVERITY_ORDER[a] - SEVERITY_ORDER[b])[0];
}

// Findings whose primary span starts on each line (1-based).
function byLine(view) {
  const map = new Map();
  for (const f of view.findings) {
    if (!map.has(f.line)) map.set(f.line, []);
    map.get(f.line).push(f);
  }
  return map;
}

function renderReport(view) {
  const root = $("report");
  root.innerHTML = "";
  const findingsAt = byLine(view);
  const headings = new Map(view.headings.map((h) => [h.line, h.level]));
  const tableAt = new Map(view.tables.map((tb) => [tb.first_line, tb]));
  for (let n = 1; n <= view.lines.length; n++) {
    const table = tableAt.get(n);
    if (table) {
      root.appendChild(renderTable(view, table, findingsAt));
      n = table.last_line;
      continue;
    }
    const line = view.lines[n - 1];
    const here = findingsAt.get(n) || [];
    if (!line.trim() && !here.length) continue;
    const p = el("p", headings.has(n) ? `h${Math.min(headings.get(n), 2)}` : "");
    p.id = `l${n}`;
    markLine(p, line, n, here);
    root.appendChild(p);
  }
}

function renderTable(view, table, findingsAt) {
  const box = el("div");
  if (table.label) box.appendChild(el("div", "tcaption", table.label));
  const tableEl = el("table");
  for (let n = table.first_line; n <= table.last_line; n++) {
    const line = view.lines[n - 1];
    const here = findingsAt.get(n) || [];
    if (!line.trim() && !here.length) continue;
    const tr = el("tr");
    tr.id = `l${n}`;
    const cells = cellsOf(line);
    cells.forEach((c, i) => {
      const td = el("td", /^[\s\d.,+\-%／/]*$/.test(c.text) ? "num" : "", c.text);
      td.id = `l${n}c${i}`;
      const hits = here.filter((f) => f.column - 1 >= c.start && f.column - 1 <= c.end);
      if (hits.length) {
        td.classList.add("hit", worst(hits));
        for (const f of hits) anchor(td, f);
      }
      tr.appendChild(td);
    });
    // A finding that starts beyond the cells found (a label, a gap) marks the row.
    for (const f of here) {
      if (tr.firstChild && !tr.querySelector(`[data-f~="${f.id}"]`)) {
        tr.firstChild.classList.add("hit", f.severity);
        anchor(tr.firstChild, f);
      }
    }
    tableEl.appendChild(tr);
  }
  box.appendChild(tableEl);
  return box;
}

// Records on a cell or a mark which findings it shows (`data-f`, ids
// separated by spaces), so that a finding can scroll to its first one.
function anchor(node, f) {
  node.dataset.f = ((node.dataset.f || "") + " " + f.id).trim();
}

// Wraps the characters each finding covers on this line in <mark>.
function markLine(p, line, n, findings) {
  const chars = Array.from(line);
  const ranges = findings.map((f) => ({
    f,
    start: Math.min(f.column - 1, chars.length),
    end: f.end_line === n ? Math.max(Math.min(f.end_column - 1, chars.length), f.column) : chars.length,
  }));
  const cuts = new Set([0, chars.length]);
  for (const r of ranges) { cuts.add(r.start); cuts.add(Math.min(r.end, chars.length)); }
  const points = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i + 1 < points.length || (i === 0 && ranges.length); i++) {
    const a = points[i], b = points[i + 1] ?? a;
    const cover = ranges.filter((r) => r.start <= a && (b <= r.end) && (a < b || r.start === r.end));
    const text = chars.slice(a, b).join("");
    if (!cover.length) { p.appendChild(document.createTextNode(text)); continue; }
    const m = el("mark", worst(cover.map((r) => r.f)), text || "\u00a0");
    for (const r of cover) anchor(m, r.f);
    p.appendChild(m);
    if (i + 1 >= points.length) break;
  }
}

function sectionKey(f) { return f.section || t("start"); }

function renderFindings(view, file) {
  const box = $("findings");
  box.innerHTML = "";
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of view.findings) counts[f.severity]++;
  const title = el("h2", "", `${t("findings")} · ${view.name}`);
  box.appendChild(title);
  if (file && file.error) {
    box.appendChild(el("p", "status bad", `${t("unreadable")}: ${file.error.message}`));
    return;
  }
  box.appendChild(el("p", "muted", t("counts")(counts.error, counts.warning, counts.info)));
  if (!view.findings.length) { box.appendChild(el("p", "clean", t("clean"))); return; }
  const groups = new Map();
  for (const f of view.findings) {
    const k = sectionKey(f);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(f);
  }
  for (const [section, fs] of groups) {
    box.appendChild(el("h3", "", section));
    fs.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.line - b.line);
    for (const f of fs) box.appendChild(renderFinding(f));
  }
}

function renderFinding(f) {
  const item = el("div", `finding ${f.severity}`);
  item.dataset.finding = f.id;
  item.tabIndex = 0;
  const head = el("div");
  head.appendChild(el("span", "sev", t(f.severity)));
  head.appendChild(el("span", "rule", f.rule));
  item.appendChild(head);
  item.appendChild(el("div", "msg", f.message));
  if (f.related.length) {
    const ul = el("ul");
    for (const r of f.related) ul.appendChild(el("li", "", r.message));
    item.appendChild(ul);
  }
  if (f.help) item.appendChild(el("div", "help", `${t("help")}：${f.help}`));
  if (f.fix) {
    const fix = el("div", "fix");
    fix.appendChild(el("div", "", `${t("fix")}：${f.fix.message}`));
    for (const e of f.fix.edits) {
      const row = el("div");
      row.appendChild(el("span", "", `${t("before")} `));
      row.appendChild(el("del", "", e.before || "∅"));
      row.appendChild(el("span", "", ` → ${t("after")} `));
      row.appendChild(el("ins", "", e.after || "∅"));
      fix.appendChild(row);
    }
    item.appendChild(fix);
  }
  const go = () => reveal(f);
  item.addEventListener("click", go);
  item.addEventListener("keydown", (e) => { if (e.key === "Enter") go(); });
  return item;
}

function reveal(f) {
  const target = document.querySelector(`#report [data-f~="${f.id}"]`) || document.getElementById(`l${f.line}`);
  if (!target) return;
  target.scrollIntoView({ block: "center" });
  target.classList.remove("flash");
  void target.offsetWidth;
  target.classList.add("flash");
  document.querySelectorAll("#report .rel").forEach((e) => e.classList.remove("rel"));
  for (const r of f.related) {
    const row = document.getElementById(`l${r.line}`);
    if (!row) continue;
    const cells = row.tagName === "TR" ? [...row.children] : [row];
    const line = row.tagName === "TR" ? cellsOfRow(row) : null;
    const i = line ? line.findIndex((c) => r.column - 1 >= c.start && r.column - 1 <= c.end) : 0;
    (cells[Math.max(i, 0)] || row).classList.add("rel");
  }
}

function cellsOfRow(tr) {
  const n = Number(tr.id.slice(1));
  return state.view ? cellsOf(state.view.lines[n - 1]) : [];
}

// ---- wiring ----------------------------------------------------------------

function wire() {
  const drop = $("drop");
  ["dragenter", "dragover"].forEach((ev) => document.addEventListener(ev, (e) => { e.preventDefault(); drop.classList.add("over"); }));
  ["dragleave", "drop"].forEach((ev) => document.addEventListener(ev, (e) => { e.preventDefault(); drop.classList.remove("over"); }));
  document.addEventListener("drop", (e) => {
    const file = e.dataTransfer && e.dataTransfer.files[0];
    if (file) checkUpload(file);
  });
  $("file").addEventListener("change", (e) => { if (e.target.files[0]) checkUpload(e.target.files[0]); });
  $("print").addEventListener("click", () => window.print());
  $("lang").addEventListener("click", () => {
    state.lang = state.lang === "zh" ? "en" : "zh";
    applyLanguage();
    if (state.upload) checkUpload(state.upload); else loadWatched(true);
  });
  $("watched").addEventListener("change", (e) => { state.current = Number(e.target.value); show(state.watched[state.current]); });
}

applyLanguage();
wire();
loadWatched(false).then(listen);
