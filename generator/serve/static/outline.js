// The plan outline: a keyboard-operable tree (role=tree) of the notice, the plan and its nodes,
// with labels exactly as the server computed them. Structure edits become move/insert/delete
// operations on YAML paths.

export function yamlPath(nodePath) {
  const out = ["plan", "sections"];
  nodePath.forEach((index, depth) => {
    if (depth > 0) out.push("items");
    out.push(index);
  });
  return out;
}

export function seqPath(parentPath) {
  return parentPath.length === 0 ? ["plan", "sections"] : [...yamlPath(parentPath), "items"];
}

export function nodeAt(data, nodePath) {
  let list = data?.plan?.sections || [];
  let node = null;
  for (const index of nodePath) {
    node = Array.isArray(list) ? list[index] : null;
    if (!node) return null;
    list = node.items || [];
  }
  return node;
}

function childrenOf(data, nodePath) {
  if (nodePath.length === 0) return Array.isArray(data?.plan?.sections) ? data.plan.sections : [];
  const node = nodeAt(data, nodePath);
  return node && Array.isArray(node.items) ? node.items : [];
}

function preview(node) {
  if (!node || typeof node !== "object") return "（无内容）";
  if (node.heading) return String(node.heading);
  const text = Array.isArray(node.text) ? node.text[0] : node.text;
  return text ? `${String(text).slice(0, 24)}…` : "（无标题）";
}

// Entries in document order: {kind, path, level, label, text}.
export function entries(data, labels) {
  const out = [
    { kind: "notice", path: [], level: 1, label: "", text: "通知（版头、主体、版记）" },
    { kind: "plan", path: [], level: 1, label: "", text: `附件：${data?.plan?.title || "工作要点"}` },
  ];
  const visit = (nodes, parent) => {
    nodes.forEach((node, index) => {
      const path = [...parent, index];
      out.push({ kind: "node", path, level: path.length + 1, label: labels[path.join(".")] ?? "", text: preview(node), numbered: node?.numbered !== false });
      if (node && Array.isArray(node.items)) visit(node.items, path);
    });
  };
  visit(Array.isArray(data?.plan?.sections) ? data.plan.sections : [], []);
  return out;
}

export function sameSelection(a, b) {
  return a && b && a.kind === b.kind && a.path.join(".") === b.path.join(".");
}

export function renderOutline(list, data, labels, problems, selected, handlers) {
  const focused = document.activeElement && list.contains(document.activeElement);
  list.innerHTML = "";
  const marks = problems.map((p) => p.path);
  for (const entry of entries(data, labels)) {
    const li = document.createElement("li");
    li.setAttribute("role", "treeitem");
    li.setAttribute("aria-level", String(entry.level));
    const isSel = sameSelection(entry, selected);
    li.setAttribute("aria-selected", isSel ? "true" : "false");
    li.tabIndex = isSel ? 0 : -1;
    li.className = `entry level-${entry.level}${isSel ? " selected" : ""}`;
    li.dataset.kind = entry.kind;
    li.dataset.path = entry.path.join(".");
    const label = document.createElement("span");
    label.className = "outline-label";
    label.textContent = entry.label;
    const text = document.createElement("span");
    text.className = "outline-text";
    text.textContent = entry.text;
    li.append(label, text);
    if (entry.kind === "node" && !entry.numbered) li.classList.add("unnumbered");
    const mine = entry.kind === "node" ? yamlPath(entry.path) : entry.kind === "notice" ? ["notice"] : null;
    if (mine && marks.some((m) => mine.every((p, i) => m[i] === p) && (entry.kind !== "node" || m.length <= mine.length + 1 || m[mine.length] !== "items"))) {
      const flag = document.createElement("span");
      flag.className = "outline-flag";
      flag.textContent = "⚠";
      flag.title = "此处有需要处理的提示";
      li.appendChild(flag);
    }
    li.addEventListener("click", () => handlers.select(entry));
    if (entry.kind === "node") {
      li.draggable = true;
      li.addEventListener("dragstart", (ev) => {
        ev.dataTransfer.setData("text/plain", entry.path.join("."));
        ev.dataTransfer.effectAllowed = "move";
      });
      li.addEventListener("dragover", (ev) => {
        ev.preventDefault();
        const rect = li.getBoundingClientRect();
        li.classList.toggle("drop-before", ev.clientY < rect.top + rect.height / 2);
        li.classList.toggle("drop-after", ev.clientY >= rect.top + rect.height / 2);
      });
      li.addEventListener("dragleave", () => li.classList.remove("drop-before", "drop-after"));
      li.addEventListener("drop", (ev) => {
        ev.preventDefault();
        const after = li.classList.contains("drop-after");
        li.classList.remove("drop-before", "drop-after");
        const from = ev.dataTransfer.getData("text/plain").split(".").filter((s) => s !== "").map(Number);
        handlers.drop(from, entry.path, after);
      });
    }
    list.appendChild(li);
  }
  if (focused) list.querySelector('[aria-selected="true"]')?.focus();
}

// Structure operations: each returns {ops, select} or null when it does not apply.
export function addSibling(data, path) {
  const parent = path.slice(0, -1);
  const index = path.length ? path[path.length - 1] + 1 : childrenOf(data, []).length;
  const heading = parent.length === 0 ? "新的一部分" : "新的工作事项。";
  return { ops: [{ op: "insert", path: seqPath(parent), index, value: { heading } }], select: [...parent, index] };
}

export function addChild(data, path) {
  const index = childrenOf(data, path).length;
  return { ops: [{ op: "insert", path: seqPath(path), index, value: { heading: "新的工作事项。" } }], select: [...path, index] };
}

export function remove(data, path) {
  const index = path[path.length - 1];
  const parent = path.slice(0, -1);
  const select = index > 0 ? [...parent, index - 1] : parent.length ? parent : null;
  return { ops: [{ op: "delete", path: yamlPath(path) }], select };
}

export function moveUp(data, path) {
  const index = path[path.length - 1];
  if (index === 0) return null;
  const parent = path.slice(0, -1);
  return { ops: [{ op: "move", from: yamlPath(path), path: seqPath(parent), index: index - 1 }], select: [...parent, index - 1] };
}

export function moveDown(data, path) {
  const index = path[path.length - 1];
  const parent = path.slice(0, -1);
  if (index + 1 >= childrenOf(data, parent).length) return null;
  return { ops: [{ op: "move", from: yamlPath(path), path: seqPath(parent), index: index + 1 }], select: [...parent, index + 1] };
}

export function indent(data, path) {
  const index = path[path.length - 1];
  if (index === 0 || path.length >= 5) return null;
  const parent = path.slice(0, -1);
  const target = [...parent, index - 1];
  const at = childrenOf(data, target).length;
  return { ops: [{ op: "move", from: yamlPath(path), path: seqPath(target), index: at }], select: [...target, at] };
}

export function outdent(data, path) {
  if (path.length < 2) return null;
  const parent = path.slice(0, -1);
  const grand = parent.slice(0, -1);
  const at = parent[parent.length - 1] + 1;
  return { ops: [{ op: "move", from: yamlPath(path), path: seqPath(grand), index: at }], select: [...grand, at] };
}

export function dropOnto(data, from, onto, after) {
  if (from.length === 0 || from.join(".") === onto.join(".")) return null;
  if (onto.length >= from.length && from.every((p, i) => onto[i] === p)) return null; // into itself
  const parent = onto.slice(0, -1);
  let index = onto[onto.length - 1] + (after ? 1 : 0);
  const fromParent = from.slice(0, -1);
  const sameList = fromParent.join(".") === parent.join(".");
  if (sameList && from[from.length - 1] < index) index -= 1;
  // A target path under from's later siblings shifts when from is taken out.
  let target = parent.slice();
  if (!sameList && target.length >= from.length && fromParent.every((p, i) => target[i] === p)) {
    const d = from.length - 1;
    if (target[d] > from[d]) target[d] -= 1;
  }
  return { ops: [{ op: "move", from: yamlPath(from), path: seqPath(parent), index }], select: [...target, index] };
}
