// The editor page: holds the YAML text being edited, sends each edit to the server (which
// splices the text and answers with labels, problems and the preview), keeps undo/redo as
// versions of the text, and saves with a check that the file on disk has not changed.

import { api } from "./api.js";
import { buildField, el, get, numberingFields, showMessages } from "./forms.js";
import * as outline from "./outline.js";
import { paginate } from "./preview.js";

const $ = (id) => document.getElementById(id);

const state = {
  spec: null,
  name: null,
  text: "", // the text being edited
  saved: "", // the text on disk as loaded or last saved
  baseHash: "",
  view: null, // the server's state for `text`
  selected: { kind: "notice", path: [] },
  undo: [],
  redo: [],
  lastEdit: { path: null, time: 0 },
  pending: [], // operations not yet sent
  inFlight: false,
  timing: [], // ms from input to painted preview, for the browser test
  timingParts: [], // the same split: waiting for the server, then outline + paginated preview
  previewsDeferred: 0, // previews of a long plan left until the typing paused
};
window.workplan = state;

function status(message, kind = "info") {
  const box = $("status");
  box.textContent = message;
  box.className = `status ${kind}`;
}

function dirty() {
  return state.text !== state.saved;
}

function updateButtons() {
  $("undo").disabled = state.undo.length === 0;
  $("redo").disabled = state.redo.length === 0;
  $("save").disabled = !dirty();
  $("filename").textContent = state.name ? `${state.name}${state.readOnly ? "（只读）" : ""}${dirty() ? "（未保存）" : ""}` : "";
  document.title = `${dirty() ? "● " : ""}${state.name || ""} — 工作要点编辑器`;
}

// --- the preview ----------------------------------------------------------------------------

const frame = $("preview");
const frameReady = new Promise((resolve) => {
  const ready = () => frame.contentDocument?.readyState === "complete" && frame.contentDocument.getElementById("pages");
  if (ready()) resolve();
  else frame.addEventListener("load", resolve, { once: true });
});

// Cutting pages runs on the page's only thread, about 10 ms a page: a long plan (500 items, 118
// pages) takes over a second, and typing into a field stalled at every keystroke. Past this many
// pages the preview waits until typing pauses; outline, labels and messages follow each keystroke.
const LONG_PREVIEW_PAGES = 40;
const PREVIEW_PAUSE_MS = 600;
let previewPages = 0;
let previewTimer = null;

function previewSoon(html) {
  clearTimeout(previewTimer);
  if (previewPages <= LONG_PREVIEW_PAGES) return showPreview(html);
  state.previewsDeferred += 1;
  frame.classList.add("waiting");
  previewTimer = setTimeout(() => {
    if (state.view?.preview === html) showPreview(html);
  }, PREVIEW_PAUSE_MS);
  return Promise.resolve();
}

async function showPreview(html) {
  await frameReady;
  const doc = frame.contentDocument;
  const win = frame.contentWindow;
  const y = win.scrollY;
  const pages = doc.getElementById("pages");
  const count = paginate(doc, html);
  previewPages = count;
  frame.classList.remove("waiting");
  wirePreviewClicks();
  const width = frame.clientWidth - 24;
  pages.style.zoom = String(Math.min(1, width / (210 * 96 / 25.4)));
  win.scrollTo(0, y);
  $("pages-count").textContent = `　共 ${count} 页`;
  doc.body.dataset.version = String(Number(doc.body.dataset.version || 0) + 1);
  if (doc.fonts.status === "loading") {
    // The document's faces arrive after the first layout; cut the pages again with them.
    doc.fonts.ready.then(() => {
      if (state.view?.preview === html) showPreview(html);
    });
  }
}

// --- rendering the page from the server's state ---------------------------------------------

function formFor(selected) {
  const form = $("form");
  form.innerHTML = "";
  const data = state.view?.data || {};
  const onSet = (path, value, field) => queueSet(path, value, field);
  if (selected.kind === "notice") {
    $("form-title").textContent = "通知（GB/T 9704-2012 的各要素）";
    const groups = [
      ["版头", ["copy_number", "classification", "secrecy_period", "urgency", "issuers", "issuer_suffix", "doc_number", "signers"]],
      ["主体", ["title", "recipients", "body", "attachments", "signatories", "date", "sealed", "note"]],
      ["版记", ["cc", "printer", "print_date"]],
    ];
    const known = new Set(groups.flatMap((g) => g[1]));
    const extra = state.spec.notice.filter((f) => !known.has(f.name)).map((f) => f.name);
    if (extra.length) groups.push(["其他", extra]);
    for (const [title, names] of groups) {
      const set = el("fieldset", {}, el("legend", { text: title }));
      for (const name of names) {
        const field = state.spec.notice.find((f) => f.name === name);
        if (field) set.appendChild(buildField(field, data, ["notice", name], onSet));
      }
      form.appendChild(set);
    }
  } else if (selected.kind === "plan") {
    $("form-title").textContent = "工作要点（作为通知的附件印出）";
    const set = el("fieldset", {}, el("legend", { text: "工作要点" }));
    for (const field of state.spec.plan) set.appendChild(buildField(field, data, ["plan", field.name], onSet));
    form.appendChild(set);
    form.appendChild(numberingFields(state.spec.numbering, data, onSet));
  } else {
    const node = outline.nodeAt(data, selected.path);
    if (!node) {
      state.selected = { kind: "plan", path: [] };
      return formFor(state.selected);
    }
    const label = state.view.labels[selected.path.join(".")] || "";
    $("form-title").textContent = `${label || "（不编号）"} ${node.heading || ""}`.trim();
    const base = outline.yamlPath(selected.path);
    const main = el("fieldset", {}, el("legend", { text: selected.path.length === 1 ? "部分" : "条目" }));
    const tasks = el("fieldset", {}, el("legend", { text: "任务分工" }));
    const more = el("fieldset", {}, el("legend", { text: "其他" }));
    const taskNames = new Set(["lead", "owners", "deadline", "targets", "status"]);
    const mainNames = new Set(["heading", "numbered", "points", "text"]);
    for (const field of state.spec.node) {
      const box = mainNames.has(field.name) ? main : taskNames.has(field.name) ? tasks : more;
      box.appendChild(buildField(field, data, [...base, field.name], onSet));
    }
    form.append(main, tasks, more);
  }
  showMessages(form, state.view?.problems || []);
}

function renderProblems() {
  const list = $("problems");
  list.innerHTML = "";
  const problems = state.view?.problems || [];
  if (!problems.length) {
    list.appendChild(el("li", { class: "ok", text: "没有发现问题。" }));
    return;
  }
  for (const problem of problems) {
    const item = el("li", { class: problem.severity });
    const button = el("button", { type: "button", class: "link", text: problem.text });
    button.addEventListener("click", () => goToProblem(problem));
    item.appendChild(button);
    list.appendChild(item);
  }
}

function goToProblem(problem) {
  const p = problem.path;
  if (p[0] === "notice") select({ kind: "notice", path: [] });
  else if (p[0] === "plan" && p[1] === "sections" && typeof p[2] === "number") {
    const path = [p[2]];
    for (let i = 3; i + 1 < p.length && p[i] === "items" && typeof p[i + 1] === "number"; i += 2) path.push(p[i + 1]);
    select({ kind: "node", path });
  } else select({ kind: "plan", path: [] });
  const field = [...$("form").querySelectorAll(".field")].find((f) => {
    const fp = JSON.parse(f.dataset.path);
    return fp.every((x, i) => x === p[i]);
  });
  field?.querySelector("input, textarea, select")?.focus();
}

function renderOutline() {
  outline.renderOutline($("outline"), state.view?.data || {}, state.view?.labels || {}, state.view?.problems || [], state.selected, {
    select: (entry) => select(entry),
    drop: (from, onto, after) => structure(outline.dropOnto(state.view.data, from, onto, after)),
  });
}

function select(entry, { reveal = true } = {}) {
  state.selected = { kind: entry.kind, path: entry.path || [] };
  renderOutline();
  formFor(state.selected);
  if (reveal) revealInPreview(state.selected);
}

// A click in the preview selects the heading it belongs to (found by its printed label and
// words; a further paragraph belongs to the heading above it).
function wirePreviewClicks() {
  const doc = frame.contentDocument;
  if (!doc || doc.body.dataset.clicks) return;
  doc.body.dataset.clicks = "1";
  doc.addEventListener("click", (ev) => {
    const squash = (t) => t.replace(/\s+/g, "");
    const blocks = [...doc.querySelectorAll(".page-body .section-heading, .page-body .item, .page-body p")];
    let block = ev.target.closest(".section-heading, .item, p");
    if (!block || !state.view) return;
    const pick = (entry) => select(entry, { reveal: false });
    if (block.closest(".notice")) return pick({ kind: "notice", path: [] });
    const nodes = outline.entries(state.view.data, state.view.labels).filter((e) => e.kind === "node");
    for (let i = blocks.indexOf(block); i >= 0; i -= 1) {
      const text = squash(blocks[i].textContent);
      let best = null;
      for (const entry of nodes) {
        const node = outline.nodeAt(state.view.data, entry.path);
        const printed = squash(`${entry.label}${node?.heading || ""}`);
        if (printed && text.startsWith(printed) && (!best || printed.length > best.length)) best = { entry, length: printed.length };
      }
      if (best) return pick(best.entry);
      if (blocks[i].matches(".plan-title, .annex-label")) return pick({ kind: "plan", path: [] });
    }
    pick({ kind: "plan", path: [] });
  });
}

// Scroll the preview to the selected heading (found by its printed label and words).
function revealInPreview(selected) {
  const doc = frame.contentDocument;
  if (!doc || !state.view) return;
  let target = null;
  if (selected.kind === "notice") target = doc.querySelector(".page");
  else if (selected.kind === "plan") target = doc.querySelector(".annex-label, .plan-title")?.closest(".page");
  else {
    const node = outline.nodeAt(state.view.data, selected.path);
    const label = state.view.labels[selected.path.join(".")] || "";
    // The preview sets a gap between Han and digits or Latin (2025 年, autospace): compare the
    // words without spaces, or a heading naming a number is never found.
    const squash = (t) => t.replace(/\s+/g, "");
    const printed = squash(`${label}${node?.heading || ""}`);
    if (printed) {
      target = [...doc.querySelectorAll(".section-heading, .item, .text")].find((p) => squash(p.textContent).startsWith(printed));
    }
  }
  target?.scrollIntoView({ block: "center" });
}

async function apply(view, { rebuildForm = false } = {}) {
  state.view = view;
  renderOutline();
  if (rebuildForm) {
    // Undo/redo rebuild the form: the field that had the focus keeps it.
    const focused = document.activeElement?.closest?.("#form") ? document.activeElement.id : null;
    formFor(state.selected);
    if (focused) document.getElementById(focused)?.focus();
  }
  else {
    showMessages($("form"), view.problems);
    if (state.selected.kind === "node") {
      const label = view.labels[state.selected.path.join(".")] || "";
      const node = outline.nodeAt(view.data, state.selected.path);
      $("form-title").textContent = `${label || "（不编号）"} ${node?.heading || ""}`.trim();
    }
  }
  renderProblems();
  if ($("source-box").open && document.activeElement !== $("source")) $("source").value = state.text;
  if (!Object.keys(view.data || {}).length && view.problems.length) {
    // Not even YAML: the form cannot help, the source can.
    $("source-box").open = true;
    $("source").value = state.text;
  }
  if (view.preview !== null) {
    await previewSoon(view.preview);
    if (frame.classList.contains("stale")) status("错误已改正，预览已更新。", "ok");
    frame.classList.remove("stale");
  } else {
    frame.classList.add("stale");
    status("文件有错误，预览暂停更新；请按提示改正。", "error");
  }
  updateButtons();
}

// --- edits -------------------------------------------------------------------------------------

function queueSet(path, value, field) {
  const key = JSON.stringify(path);
  const existing = get(state.view.data, path);
  if (field && field.kind === "bool" && existing === undefined && value === field.default) return;
  state.pending = state.pending.filter((op) => !(op.op === "set" && JSON.stringify(op.path) === key));
  state.pending.push({ op: "set", path, value, started: performance.now() });
  flush();
}

async function flush() {
  if (state.inFlight || state.pending.length === 0) return;
  const batch = state.pending;
  state.pending = [];
  state.inFlight = true;
  const started = Math.min(...batch.map((op) => op.started || performance.now()));
  const ops = batch.map(({ started: _s, ...op }) => op);
  const before = state.text;
  try {
    const reply = await api.edit(state.name, state.text, ops);
    const answered = performance.now();
    if (!reply.ok) {
      status(reply.data.error || "修改失败", "error");
      return;
    }
    // Typing in one field makes one undo step, not one per keystroke.
    const path = ops.length === 1 && ops[0].op === "set" ? JSON.stringify(ops[0].path) : null;
    const now = performance.now();
    if (!(path && path === state.lastEdit.path && now - state.lastEdit.time < 1500)) state.undo.push(before);
    state.lastEdit = { path, time: now };
    state.redo = [];
    state.text = reply.data.text;
    await apply(reply.data.state);
    const done = performance.now();
    state.timing.push(done - started);
    state.timingParts.push({ server: answered - started, page: done - answered });
  } finally {
    state.inFlight = false;
    if (state.pending.length) flush();
  }
}

async function structure(change) {
  if (!change) return;
  await waitIdle();
  const before = state.text;
  // Field edits typed while the outline changes would name paths of the old structure.
  state.inFlight = true;
  let reply;
  try {
    reply = await api.edit(state.name, state.text, change.ops);
  } finally {
    state.inFlight = false;
    state.pending = [];
  }
  if (!reply.ok) {
    status(reply.data.error || "修改失败", "error");
    return;
  }
  state.undo.push(before);
  state.redo = [];
  state.lastEdit = { path: null, time: 0 };
  state.text = reply.data.text;
  state.selected = change.select ? { kind: "node", path: change.select } : { kind: "plan", path: [] };
  await apply(reply.data.state, { rebuildForm: true });
  $("outline").querySelector('[aria-selected="true"]')?.focus();
  status("已修改，可撤销。");
}

async function waitIdle() {
  while (state.inFlight || state.pending.length) {
    flush();
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function toText(text, message) {
  const reply = await api.render(state.name, text);
  if (!reply.ok) return status(reply.data.error, "error");
  state.text = text;
  state.lastEdit = { path: null, time: 0 };
  await apply(reply.data.state, { rebuildForm: true });
  if (message) status(message);
}

async function undo() {
  await waitIdle();
  if (!state.undo.length) return;
  state.redo.push(state.text);
  await toText(state.undo.pop(), "已撤销。");
}

async function redo() {
  await waitIdle();
  if (!state.redo.length) return;
  state.undo.push(state.text);
  await toText(state.redo.pop(), "已重做。");
}

// --- files, saving, conflicts -----------------------------------------------------------------

async function openFile(name) {
  if (dirty() && !confirm("当前文件有未保存的修改，确定放弃并打开其他文件吗？")) return;
  const reply = await api.open(name);
  if (!reply.ok) return status(reply.data.error, "error");
  Object.assign(state, {
    name: reply.data.name,
    text: reply.data.text,
    saved: reply.data.text,
    baseHash: reply.data.hash,
    readOnly: Boolean(reply.data.read_only),
    undo: [],
    redo: [],
    selected: { kind: "notice", path: [] },
  });
  for (const li of $("files").querySelectorAll("button")) li.setAttribute("aria-current", li.dataset.name === name ? "true" : "false");
  previewPages = 0; // another file: its preview is cut at once, whatever the last one's length
  await apply(reply.data.state, { rebuildForm: true });
  if (state.readOnly) status(`已打开 ${name}。此文件是只读的：可以修改和下载，但不能保存到磁盘。`, "error");
  else status(`已打开 ${name}`);
}

async function save(force = false) {
  await waitIdle();
  const reply = await api.save({ name: state.name, text: state.text, base_hash: state.baseHash, base_text: state.saved, force });
  if (reply.status === 409) return conflict(reply.data);
  if (!reply.ok) {
    if (reply.data.read_only) state.readOnly = true;
    updateButtons();
    return status(reply.data.error, "error");
  }
  state.saved = state.text;
  state.readOnly = false;
  state.baseHash = reply.data.hash;
  updateButtons();
  status(`已保存 ${state.name}`, "ok");
}

function dialog(title, { text = "", html = null, pre = null, buttons = [] }) {
  const box = $("dialog");
  $("dialog-title").textContent = title;
  $("dialog-text").textContent = text;
  const frameEl = $("dialog-frame");
  frameEl.hidden = html === null;
  frameEl.srcdoc = html || "";
  $("dialog-pre").hidden = pre === null;
  $("dialog-pre").textContent = pre || "";
  const bar = $("dialog-buttons");
  bar.innerHTML = "";
  for (const [label, action] of [...buttons, ["关闭", null]]) {
    const b = el("button", { type: "button", text: label });
    b.addEventListener("click", async () => {
      box.close();
      if (action) await action();
    });
    bar.appendChild(b);
  }
  box.showModal();
}

function conflict(data) {
  if (data.gone) {
    // Deleted or moved away while open: the page holds the only copy of the text now.
    dialog("磁盘上的文件已不存在", {
      text: `打开 ${state.name} 后，磁盘上的这个文件被删除、移动或改名了。本页的内容仍在；可以用它重新创建文件，或关闭此对话框后先到文件夹中查看。`,
      buttons: [["用本页内容重新创建文件", () => save(true)]],
    });
    return;
  }
  const adopt = async (text) => {
    state.saved = data.disk_text;
    state.baseHash = data.disk_hash;
    state.undo.push(state.text);
    await toText(text, "已合并磁盘上的修改，请检查后再保存。");
  };
  const buttons = [];
  if (data.merged && data.merge_clean) buttons.push(["合并双方的修改", () => adopt(data.merged)]);
  if (data.merged && !data.merge_clean) {
    // Both sides changed the same lines: the clerk picks in the source, between the markers.
    buttons.push([
      "在源文件中手动合并",
      async () => {
        state.saved = data.disk_text;
        state.baseHash = data.disk_hash;
        $("source-box").open = true;
        $("source").value = data.merged;
        $("source").focus();
        status("请在源文件中保留应有的内容、删除 <<<<<<< ======= >>>>>>> 标记行，然后点“应用”并保存。");
      },
    ]);
  }
  buttons.push(["用本页内容覆盖磁盘文件", () => save(true)]);
  buttons.push(["放弃本页修改，载入磁盘文件", async () => { state.saved = state.text; await openFile(state.name); }]);
  dialog("文件已被修改", {
    text: data.merge_clean
      ? "打开此文件后，磁盘上的文件被其他人或程序修改过。双方的修改互不冲突，可以合并。下面是磁盘文件与本页内容的差异："
      : "打开此文件后，磁盘上的文件被其他人或程序修改过，且与本页的修改有冲突。请选择保留哪一方；下面是差异和冲突之处：",
    html: data.diff_html,
    pre: data.merge_clean ? null : data.merged,
    buttons,
  });
}

async function download(format) {
  await waitIdle();
  status(format === "pdf" ? "正在生成 PDF……" : `正在生成 .${format}……`);
  const reply = await api.export(state.name, state.text, format);
  if (!reply.ok) return status(reply.error, "error");
  const url = URL.createObjectURL(reply.blob);
  const a = el("a", { href: url, download: `${state.name.replace(/\.ya?ml$/i, "")}.${format}` });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  status(`已生成 .${format}`, "ok");
}

async function showDiff(against) {
  await waitIdle();
  const reply = await api.diff(state.name, state.text, against);
  if (!reply.ok) return status(reply.data.error, "error");
  dialog(against === "head" ? "与 git 最近一次提交的差异" : "与磁盘文件的差异", {
    text: reply.data.same ? "没有差异。" : "",
    html: reply.data.html,
  });
}

// --- keyboard ------------------------------------------------------------------------------------

function outlineKeys(ev) {
  const items = [...$("outline").querySelectorAll('[role="treeitem"]')];
  const current = items.findIndex((li) => li.getAttribute("aria-selected") === "true");
  const entry = (li) => ({ kind: li.dataset.kind, path: li.dataset.path === "" ? [] : li.dataset.path.split(".").map(Number) });
  const sel = state.selected;
  const isNode = sel.kind === "node";
  const data = state.view.data;
  let change = null;
  if (ev.altKey && ev.key === "ArrowUp" && isNode) change = outline.moveUp(data, sel.path);
  else if (ev.altKey && ev.key === "ArrowDown" && isNode) change = outline.moveDown(data, sel.path);
  else if (ev.altKey && ev.key === "ArrowRight" && isNode) change = outline.indent(data, sel.path);
  else if (ev.altKey && ev.key === "ArrowLeft" && isNode) change = outline.outdent(data, sel.path);
  else if (ev.key === "ArrowDown" && current + 1 < items.length) select(entry(items[current + 1]));
  else if (ev.key === "ArrowUp" && current > 0) select(entry(items[current - 1]));
  else if (ev.key === "Home") select(entry(items[0]));
  else if (ev.key === "End") select(entry(items[items.length - 1]));
  else if (ev.key === "Insert" || (ev.key === "Enter" && ev.shiftKey)) change = addSibling();
  else if (ev.key === "Enter" && ev.ctrlKey) change = addChild();
  else if (ev.key === "Delete" && isNode) change = outline.remove(data, sel.path);
  else if (ev.key === "Enter" || ev.key === "F2") $("form").querySelector("input, textarea")?.focus();
  else return;
  ev.preventDefault();
  if (change) structure(change);
  else $("outline").querySelector('[aria-selected="true"]')?.focus();
}

function addSibling() {
  const sel = state.selected;
  if (sel.kind === "node") return outline.addSibling(state.view.data, sel.path);
  return outline.addSibling(state.view.data, []);
}

function addChild() {
  const sel = state.selected;
  if (sel.kind === "node") return outline.addChild(state.view.data, sel.path);
  return outline.addSibling(state.view.data, []);
}

function wire() {
  $("undo").addEventListener("click", undo);
  $("redo").addEventListener("click", redo);
  $("save").addEventListener("click", () => save());
  for (const f of ["docx", "pdf", "html"]) $(`dl-${f}`).addEventListener("click", () => download(f));
  $("diff-disk").addEventListener("click", () => showDiff("disk"));
  $("diff-head").addEventListener("click", () => showDiff("head"));
  $("help-button").addEventListener("click", () => {
    const help = $("help");
    help.hidden = !help.hidden;
    $("help-button").setAttribute("aria-expanded", String(!help.hidden));
  });
  const sel = () => state.selected;
  const run = (fn) => () => sel().kind === "node" && structure(fn(state.view.data, sel().path));
  $("add-sibling").addEventListener("click", () => structure(addSibling()));
  $("add-child").addEventListener("click", () => structure(addChild()));
  $("move-up").addEventListener("click", run(outline.moveUp));
  $("move-down").addEventListener("click", run(outline.moveDown));
  $("indent").addEventListener("click", run(outline.indent));
  $("outdent").addEventListener("click", run(outline.outdent));
  $("delete").addEventListener("click", run(outline.remove));
  $("outline").addEventListener("keydown", outlineKeys);
  $("source-box").addEventListener("toggle", () => {
    if ($("source-box").open) $("source").value = state.text;
  });
  $("source-apply").addEventListener("click", async () => {
    await waitIdle();
    const text = $("source").value;
    if (text === state.text) return;
    state.undo.push(state.text);
    state.redo = [];
    await toText(text, "已应用源文件的修改，可撤销。");
  });
  $("outline").addEventListener("focus", (ev) => {
    if (ev.target === $("outline")) $("outline").querySelector('[aria-selected="true"]')?.focus();
  });
  document.addEventListener("keydown", (ev) => {
    const mod = ev.ctrlKey || ev.metaKey;
    if (mod && ev.key.toLowerCase() === "s") {
      ev.preventDefault();
      save();
    } else if (mod && ev.key.toLowerCase() === "z" && !ev.shiftKey) {
      ev.preventDefault();
      undo();
    } else if (mod && (ev.key.toLowerCase() === "y" || (ev.key.toLowerCase() === "z" && ev.shiftKey))) {
      ev.preventDefault();
      redo();
    }
  });
  window.addEventListener("beforeunload", (ev) => {
    if (dirty()) {
      ev.preventDefault();
      ev.returnValue = "";
    }
  });
  window.addEventListener("resize", () => state.view?.preview && showPreview(state.view.preview));
}

// A change made on disk elsewhere (another editor, git checkout): reload a clean page at once;
// a page with unsaved edits says so, and saving then offers the merge.
let diskWarned = "";
async function watchDisk() {
  if (!state.name || state.inFlight || document.hidden) return;
  const reply = await api.stat(state.name);
  if (!reply.ok) return;
  if (reply.data.gone) {
    if (state.readOnly) {
      state.readOnly = false; // whatever the file was, it is not there to be read-only
      updateButtons();
    }
    if (diskWarned !== "gone") status("注意：磁盘上的文件已被删除、移动或改名；本页内容仍在，保存时可重新创建。", "error");
    diskWarned = "gone";
    return;
  }
  if (Boolean(reply.data.read_only) !== Boolean(state.readOnly)) {
    state.readOnly = Boolean(reply.data.read_only);
    updateButtons();
  }
  if (reply.data.hash === state.baseHash || reply.data.hash === diskWarned) return;
  if (!dirty()) {
    const scroll = $("preview").contentWindow.scrollY;
    await openFile(state.name);
    $("preview").contentWindow.scrollTo(0, scroll);
    status("磁盘上的文件已被修改，已重新载入。");
  } else {
    diskWarned = reply.data.hash;
    status("注意：磁盘上的文件已被其他程序修改；保存时将提示合并。", "error");
  }
}

async function start() {
  wire();
  const [spec, files] = await Promise.all([api.spec(), api.files()]);
  if (!spec.ok || !files.ok) return status("无法连接编辑器服务。", "error");
  state.spec = spec.data;
  const list = $("files");
  for (const name of files.data.files) {
    const b = el("button", { type: "button", class: "file", text: name, "data-name": name, title: name }); // a long name is cut
    b.addEventListener("click", () => openFile(name));
    list.appendChild(el("li", {}, b));
  }
  if (!files.data.files.length) list.appendChild(el("li", { text: "（此文件夹中没有 .yaml 计划文件）" }));
  const first = files.data.initial || files.data.files[0];
  if (first) await openFile(first);
  document.body.dataset.ready = "true";
  setInterval(watchDisk, 3000);
}

start();
