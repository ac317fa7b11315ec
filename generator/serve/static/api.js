// Calls to the editor's server. Every request is same-origin and carries the token cookie.

async function request(path, body) {
  const init = body === undefined
    ? { credentials: "same-origin" }
    : {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      };
  const response = await fetch(path, init);
  const type = response.headers.get("Content-Type") || "";
  const data = type.includes("json") ? await response.json() : { error: await response.text() };
  return { ok: response.ok, status: response.status, data };
}

export const api = {
  files: () => request("/api/files"),
  spec: () => request("/api/spec"),
  open: (name) => request(`/api/file?name=${encodeURIComponent(name)}`),
  stat: (name) => request(`/api/stat?name=${encodeURIComponent(name)}`),
  edit: (name, text, ops) => request("/api/edit", { name, text, ops }),
  render: (name, text) => request("/api/render", { name, text }),
  save: (body) => request("/api/save", body),
  diff: (name, text, against) => request("/api/diff", { name, text, against }),
  async export(name, text, format) {
    const response = await fetch("/api/export", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name, text, format }),
    });
    if (!response.ok) {
      const data = await response.json().catch(() => ({ error: response.statusText }));
      return { ok: false, error: data.error };
    }
    return { ok: true, blob: await response.blob() };
  },
};
