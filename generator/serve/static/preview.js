// Cuts the HTML writer's document into A4 pages inside the preview frame.
// The writer's sheets (the notice, the plan as 附件) are laid out once, unpaginated, in #flow;
// their blocks are then copied page by page, each page a fixed 225 mm 版心. A paragraph that does
// not fit is split at a line boundary (the same paragraph shown twice, clipped: lines are a fixed
// 28.95 pt, so the cut is exact). The 版记 sits at the foot of the last page, as in the .docx.

// Containers whose children are placed one by one (everything else is placed whole).
const CONTAINERS = new Set(["ARTICLE", "SECTION", "DIV"]);
const KEEP_NEXT = ".section-heading";
const WHOLE = ["masthead", "attachments", "signature", "imprint", "issuer-mark", "doc-number-line"];

function isContainer(el) {
  return CONTAINERS.has(el.tagName) && !WHOLE.some((c) => el.classList.contains(c));
}

// Word and LibreOffice set a quarter em between Han characters and Latin letters or digits
// (w:autoSpaceDE/DN, on by default): "2025 年". Without it the preview would fit a glyph more
// on such lines than the PDF does, and break its pages elsewhere.
const BOUNDARY = /(?<=[A-Za-z0-9])(?=\p{Script=Han})|(?<=\p{Script=Han})(?=[A-Za-z0-9])/u;

function autospace(doc, root) {
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts = [];
  while (walker.nextNode()) if (BOUNDARY.test(walker.currentNode.data)) texts.push(walker.currentNode);
  for (const node of texts) {
    const parts = node.data.split(BOUNDARY);
    const frag = doc.createDocumentFragment();
    parts.forEach((part, i) => {
      if (i > 0) {
        // A collapsible space: it hangs at a line's end and is dropped at a wrapped line's start,
        // as Word's gap is; pages.css sizes it to a quarter em.
        const gap = doc.createElement("span");
        gap.className = "autospace";
        gap.textContent = " ";
        frag.appendChild(gap);
      }
      frag.appendChild(doc.createTextNode(part));
    });
    node.replaceWith(frag);
  }
}

export function paginate(doc, bodyHtml) {
  const flow = doc.getElementById("flow");
  const pages = doc.getElementById("pages");
  flow.innerHTML = bodyHtml;
  autospace(doc, flow);
  const probe = flow.querySelector("p, h2") || flow;
  const line = parseFloat(doc.defaultView.getComputedStyle(probe).lineHeight) || 38.6;
  let count = 0;
  let page = null;
  let body = null;

  function newPage() {
    count += 1;
    page = doc.createElement("div");
    page.className = `page ${count % 2 ? "odd" : "even"}`;
    page.setAttribute("role", "region");
    page.setAttribute("aria-label", `第 ${count} 页`);
    body = doc.createElement("div");
    body.className = "page-body";
    page.appendChild(body);
    const folio = doc.createElement("div");
    folio.className = "folio";
    folio.textContent = `— ${count} —`;
    page.appendChild(folio);
    pages.appendChild(page);
    return body;
  }

  // The chain of shallow container copies on the current page for `chain` (outermost first).
  function holder(chain) {
    let parent = body;
    for (const source of chain) {
      let last = parent.lastElementChild;
      if (!last || last._source !== source) {
        last = source.cloneNode(false);
        last._source = source;
        parent.appendChild(last);
      }
      parent = last;
    }
    return parent;
  }

  function bottomOf(el) {
    return el.getBoundingClientRect().bottom;
  }

  function fits(el) {
    return bottomOf(el) <= body.getBoundingClientRect().bottom + 0.5;
  }

  function place(el, chain) {
    if (isContainer(el)) {
      const next = [...chain, el];
      for (const child of [...el.children]) place(child, next);
      return;
    }
    let parent = holder(chain);
    const copy = el.cloneNode(true);
    copy._source = el;
    parent.appendChild(copy);
    if (fits(copy)) return;
    const top = copy.getBoundingClientRect().top;
    const room = Math.floor((body.getBoundingClientRect().bottom - top + 0.5) / line);
    const lines = Math.round(copy.getBoundingClientRect().height / line);
    const splittable = copy.tagName === "P" && lines > 1 && room >= 1 && room < lines;
    if (!splittable) {
      copy.remove();
      if (parent.childElementCount === 0 && parent !== body) parent.remove();
      if (body.childElementCount === 0) {
        holder(chain).appendChild(copy); // taller than a page: let it be clipped
        return;
      }
      // A section heading keeps with what follows (w:keepNext in the .docx): it moves along.
      const carried = [];
      let prev = parent.lastElementChild;
      while (prev && prev.matches(KEEP_NEXT) && prev._source && body.getBoundingClientRect().top < prev.getBoundingClientRect().top - 1) {
        carried.unshift(prev._source);
        prev.remove();
        prev = parent.lastElementChild;
      }
      newPage();
      for (const heading of carried) place(heading, chain);
      place(el, chain);
      return;
    }
    // Split: first `room` lines here, the rest on the next page(s).
    copy.remove();
    const head = doc.createElement("div");
    head.className = "clip";
    head.style.height = `${room * line}px`;
    head.appendChild(el.cloneNode(true));
    parent.appendChild(head);
    let shown = room;
    while (shown < lines) {
      newPage();
      parent = holder(chain);
      const tail = doc.createElement("div");
      tail.className = "clip";
      const rest = el.cloneNode(true);
      rest.style.marginTop = `${-shown * line}px`;
      tail.appendChild(rest);
      parent.appendChild(tail);
      const roomHere = Math.floor((body.getBoundingClientRect().bottom - tail.getBoundingClientRect().top + 0.5) / line);
      const take = Math.min(lines - shown, roomHere);
      tail.style.height = `${take * line}px`;
      shown += take;
    }
  }

  const zoom = pages.style.zoom;
  pages.style.zoom = "1";
  pages.innerHTML = "";
  for (const sheet of [...flow.children]) {
    newPage();
    for (const child of [...sheet.children]) {
      if (child.classList.contains("imprint")) continue;
      place(child, [sheet]);
    }
    const imprint = sheet.querySelector(":scope > .imprint");
    if (imprint) {
      place(imprint, [sheet]);
      const copy = body.querySelector(".imprint");
      if (copy) copy.classList.add("pinned");
    }
  }
  flow.innerHTML = "";
  pages.style.zoom = zoom;
  return count;
}
