// Form fields built from the server's field list (the model's fields, labelled in Chinese).
// Each field reads its value from the plan data and reports edits as set-operations on a path.

let serial = 0;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) if (child) node.appendChild(child);
  return node;
}
export { el };

function get(data, path) {
  let here = data;
  for (const part of path) {
    if (here === null || here === undefined) return undefined;
    here = here[part];
  }
  return here;
}
export { get };

// Chinese is typed through an input method: while a syllable is being composed the field holds
// pinyin ("tigao"), which must not reach the file or the preview. Edits are sent when the
// composition ends, and on every input outside one.
function onText(input, handler) {
  input.addEventListener("input", (ev) => {
    if (!ev.isComposing) handler();
  });
  input.addEventListener("compositionend", () => handler());
}

function asLines(value) {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.map((v) => (v === null ? "" : String(v))).join("\n");
  return String(value);
}

function linesValue(text) {
  return text.split("\n").map((s) => s.trim()).filter((s) => s.length > 0);
}

// field: one entry of the spec; path: the data path of the field; onSet(path, value, field).
export function buildField(field, data, path, onSet) {
  serial += 1;
  const id = `f-${path.join("-")}`;
  const hintId = `${id}-hint`;
  const msgId = `${id}-msg`;
  const value = get(data, path);
  const wrap = el("div", { class: `field kind-${field.kind}`, "data-path": JSON.stringify(path) });
  const label = el("label", { for: id }, el("span", { class: "label-text", text: field.label }));
  if (field.gbt) label.appendChild(el("span", { class: "gbt", text: field.gbt }));
  const hint = el("p", { class: "hint", id: hintId, text: field.hint });
  const msg = el("p", { class: "msg", id: msgId, "aria-live": "polite" });
  const describedBy = `${hintId} ${msgId}`;
  let input;
  switch (field.kind) {
    case "lines":
      input = el("textarea", { id, rows: Math.max(2, Math.min(8, asLines(value).split("\n").length + 1)), "aria-describedby": describedBy });
      input.value = asLines(value);
      // An emptied box removes the key: the default (附件说明 empty = the plan as 附件, as its
      // hint says), never an explicit [] (attachments: [] prints no 附件说明 at all).
      onText(input, () => {
        const lines = linesValue(input.value);
        onSet(path, lines.length ? lines : null, field);
      });
      break;
    case "bool": {
      input = el("input", { id, type: "checkbox", "aria-describedby": describedBy });
      input.checked = value === undefined ? field.default !== false : Boolean(value);
      input.addEventListener("change", () => onSet(path, input.checked, field));
      wrap.classList.add("inline");
      break;
    }
    case "choice": {
      input = el("select", { id, "aria-describedby": describedBy });
      input.appendChild(el("option", { value: "", text: "（无）" }));
      for (const option of field.options) input.appendChild(el("option", { value: option.value, text: option.label }));
      input.value = value === undefined || value === null ? "" : String(value);
      input.addEventListener("change", () => onSet(path, input.value || null, field));
      break;
    }
    case "doc_number":
      return docNumberField(field, data, path, onSet, { wrap, label, hint, msg, id });
    case "int":
      input = el("input", { id, type: "text", inputmode: "numeric", "aria-describedby": describedBy });
      input.value = value === undefined || value === null ? "" : String(value);
      onText(input, () => {
        const text = input.value.trim();
        onSet(path, /^\d+$/.test(text) ? Number(text) : text || null, field);
      });
      break;
    case "date":
      input = el("input", { id, type: "text", placeholder: "YYYY-MM-DD", "aria-describedby": describedBy });
      input.value = value === undefined || value === null ? "" : String(value);
      onText(input, () => onSet(path, input.value.trim() || null, field));
      break;
    default:
      input = el("input", { id, type: "text", "aria-describedby": describedBy });
      input.value = value === undefined || value === null ? "" : String(value);
      onText(input, () => onSet(path, input.value === "" ? null : input.value, field));
  }
  if (field.kind === "bool") {
    wrap.append(input, label, hint, msg);
  } else {
    wrap.append(label, input, hint, msg);
  }
  return wrap;
}

// 发文字号 as its three parts: 代字〔年份〕序号号. Written back as one string where the file has
// one (or none), else as the mapping's own keys.
function docNumberField(field, data, path, onSet, parts) {
  const { wrap, label, hint, msg, id } = parts;
  const raw = get(data, path);
  let prefix = "";
  let year = "";
  let number = "";
  if (typeof raw === "string") {
    const m = raw.match(/^(.*?)[〔［\[(（]\s*(\d{4})\s*[〕］\]）)]\s*(?:第)?\s*(\d*)\s*号?$/);
    if (m) [prefix, year, number] = [m[1], m[2], m[3]];
    else prefix = raw;
  } else if (raw && typeof raw === "object") {
    prefix = raw.prefix ?? "";
    year = raw.year ?? "";
    number = raw.serial ?? "";
  }
  const group = el("div", { class: "docnumber", role: "group", "aria-labelledby": `${id}-legend` });
  label.id = `${id}-legend`;
  label.removeAttribute("for");
  const inputs = {};
  for (const [key, text, val, size] of [["prefix", "代字", prefix, 8], ["year", "年份", year, 4], ["serial", "序号", number, 4]]) {
    const sub = `${id}-${key}`;
    const input = el("input", { id: sub, type: "text", size, "aria-describedby": `${id}-hint ${id}-msg` });
    input.value = String(val);
    inputs[key] = input;
    group.appendChild(el("label", { for: sub, class: "sub" }, el("span", { text })));
    group.appendChild(input);
    if (key === "prefix") group.appendChild(el("span", { class: "bracket", text: "〔", "aria-hidden": "true" }));
    if (key === "year") group.appendChild(el("span", { class: "bracket", text: "〕", "aria-hidden": "true" }));
    if (key === "serial") group.appendChild(el("span", { class: "bracket", text: "号", "aria-hidden": "true" }));
  }
  const send = (key) => {
    const p = inputs.prefix.value.trim();
    const y = inputs.year.value.trim();
    const s = inputs.serial.value.trim();
    if (raw && typeof raw === "object") {
      const v = key === "prefix" ? p : key === "year" ? y : s;
      onSet([...path, key], /^\d+$/.test(v) && key !== "prefix" ? Number(v) : v || null, field);
    } else if (!p && !y && !s) {
      onSet(path, null, field);
    } else {
      onSet(path, `${p}〔${y}〕${s}号`, field);
    }
  };
  for (const key of Object.keys(inputs)) onText(inputs[key], () => send(key));
  wrap.append(label, group, hint, msg);
  return wrap;
}

// Messages (errors of the loader, warnings of validate) beside the fields they concern.
export function showMessages(form, problems) {
  for (const msg of form.querySelectorAll(".msg")) {
    msg.textContent = "";
    msg.className = "msg";
  }
  for (const field of form.querySelectorAll(".field")) field.classList.remove("has-error", "has-warning");
  const used = new Set();
  const fields = [...form.querySelectorAll(".field")].map((f) => ({ node: f, path: JSON.parse(f.dataset.path) }));
  problems.forEach((problem, index) => {
    let best = null;
    for (const f of fields) {
      if (f.path.length <= problem.path.length && f.path.every((p, i) => p === problem.path[i])) {
        if (!best || f.path.length > best.path.length) best = f;
      }
    }
    // A problem about a whole item or section (empty-section): beside its first field, its heading.
    if (!best && problem.path.length) best = fields.find((f) => problem.path.every((p, i) => p === f.path[i])) || null;
    if (!best) return;
    used.add(index);
    const msg = best.node.querySelector(".msg");
    const line = document.createElement("span");
    line.className = problem.severity;
    line.textContent = problem.beside; // worded by the server (serve/state.py), as every message
    msg.appendChild(line);
    best.node.classList.add(problem.severity === "error" ? "has-error" : "has-warning");
    const input = best.node.querySelector("input, textarea, select");
    if (input && problem.severity === "error") input.setAttribute("aria-invalid", "true");
  });
  for (const input of form.querySelectorAll("[aria-invalid]")) {
    if (!input.closest(".field").classList.contains("has-error")) input.removeAttribute("aria-invalid");
  }
  return used;
}

// plan.numbering: the scheme of each level and the levels numbered straight through their parents.
export function numberingFields(spec, data, onSet) {
  const set = el("fieldset", {}, el("legend", { text: spec.label }));
  set.appendChild(el("p", { class: "hint", text: spec.hint }));
  const levels = get(data, ["plan", "numbering", "levels"]);
  const continuous = get(data, ["plan", "numbering", "continuous"]);
  const current = Array.isArray(levels) ? levels : [];
  const cont = new Set(Array.isArray(continuous) ? continuous : []);
  const levelsBox = el("div", { class: "field numbering", "data-path": JSON.stringify(["plan", "numbering", "levels"]) });
  const contBox = el("div", { class: "field numbering", "data-path": JSON.stringify(["plan", "numbering", "continuous"]) });
  const selects = [];
  const checks = [];
  for (let level = 1; level <= spec.levels; level += 1) {
    const row = el("div", { class: "numbering-row" });
    const id = `f-plan-numbering-level-${level}`;
    const select = el("select", { id });
    for (const option of spec.schemes) select.appendChild(el("option", { value: option.value, text: option.label }));
    select.value = current[level - 1] || spec.defaults[level - 1];
    selects.push(select);
    const checkId = `f-plan-numbering-continuous-${level}`;
    const check = el("input", { id: checkId, type: "checkbox" });
    check.checked = cont.has(level);
    checks.push(check);
    row.append(
      el("label", { for: id, text: `第${level}级` }),
      select,
      check,
      el("label", { for: checkId, class: "sub", text: level === 1 ? "（第1级无上级）" : "连续编号" }),
    );
    if (level === 1) check.disabled = true;
    levelsBox.appendChild(row);
  }
  const sendLevels = () => {
    const values = selects.map((s) => s.value);
    let last = values.length;
    while (last > 0 && values[last - 1] === spec.defaults[last - 1]) last -= 1;
    // As long as the file's list (untouched levels stay written), at least up to the last change.
    const keep = Math.max(current.length, last);
    onSet(["plan", "numbering", "levels"], keep ? values.slice(0, keep) : null);
  };
  for (const s of selects) s.addEventListener("change", sendLevels);
  const sendContinuous = () => {
    const chosen = checks.map((c, i) => (c.checked ? i + 1 : 0)).filter((n) => n);
    onSet(["plan", "numbering", "continuous"], chosen.length ? chosen : null);
  };
  for (const c of checks) c.addEventListener("change", sendContinuous);
  levelsBox.appendChild(el("p", { class: "msg", id: "f-plan-numbering-msg", "aria-live": "polite" }));
  contBox.appendChild(el("p", { class: "msg", "aria-live": "polite" }));
  set.append(levelsBox, contBox);
  return set;
}
