/// <reference lib="dom" />
/**
 * The script of the HTML audit, run in the reader's browser. It is embedded by its source text
 * (`auditPageScript.toString()`), so it must stay self-contained: no imports, no outer names.
 *
 * It reads the report from the page's JSON block (see audit-html.ts for the encoding), decodes
 * it once into typed arrays, and shows one page of rows at a time, by person or by resource.
 * Every keystroke in the filter marks the people and resources whose name contains the text,
 * then keeps the grants of either: a few milliseconds for a million grants, and only one page
 * of rows is ever in the DOM. Text goes into the page through `textContent` only.
 */
export function auditPageScript(): void {
  type Data = { users: string[]; flags: string[][]; resources: string[]; titles: string[]; levels: string[]; vias: string[]; entries: number; paths: number; byUser: number[][] };
  const data = JSON.parse((document.getElementById('audit-data') as HTMLElement).textContent ?? '{}') as Data;
  const PAGE = 100;
  const n = data.entries;
  const entryUser = new Int32Array(n);
  const entryResource = new Int32Array(n);
  const entryLevel = new Uint8Array(n);
  const entryPaths = new Int32Array(n + 1);
  const pathCodes = new Int32Array(data.paths);
  let e = 0;
  let p = 0;
  data.byUser.forEach((flat, user) => {
    let resource = -1;
    for (let i = 0; i < flat.length; ) {
      resource += flat[i++] as number;
      entryUser[e] = user;
      entryResource[e] = resource;
      entryLevel[e] = flat[i++] as number;
      entryPaths[e] = p;
      const count = flat[i++] as number;
      for (let k = 0; k < count; k++) pathCodes[p++] = flat[i++] as number;
      e++;
    }
  });
  entryPaths[n] = p;
  // A person is shown, and found, with their flags: typing "stale" lists the stale ones.
  const shown = data.users.map((u, i) => (data.flags[i]?.length ? `${u} [${(data.flags[i] as string[]).join(', ')}]` : u));
  const usersLower = shown.map((u) => u.toLowerCase());
  // A resource is shown, and found, with its title: "revenue" finds dashboard:rev-2024 titled "Revenue".
  const resourcesShown = data.resources.map((r, i) => (data.titles[i] ? `${r} (${data.titles[i] as string})` : r));
  const resourcesLower = resourcesShown.map((r) => r.toLowerCase());

  // The by-resource order: a stable counting sort on the resource keeps people in order within it.
  const byResource = new Int32Array(n);
  const starts = new Int32Array(data.resources.length + 1);
  for (let i = 0; i < n; i++) {
    const slot = (entryResource[i] as number) + 1;
    starts[slot] = (starts[slot] as number) + 1;
  }
  for (let r = 0; r < data.resources.length; r++) starts[r + 1] = (starts[r + 1] as number) + (starts[r] as number);
  for (let i = 0; i < n; i++) {
    const resource = entryResource[i] as number;
    const at = starts[resource] as number;
    byResource[at] = i;
    starts[resource] = at + 1;
  }
  const byPerson = new Int32Array(n).map((_, i) => i);

  const $ = (id: string) => document.getElementById(id) as HTMLElement;
  const filter = $('filter') as HTMLInputElement;
  const body = $('rows');
  const state = { order: byPerson, matched: byPerson, page: 0 };

  const how = (entry: number): string => {
    const parts: string[] = [];
    for (let k = entryPaths[entry] as number; k < (entryPaths[entry + 1] as number); k++) {
      const code = pathCodes[k] as number;
      parts.push(`${data.vias[code >> 3]} (${data.levels[code & 7]})`);
    }
    return parts.join('; ');
  };

  const render = () => {
    const total = state.matched.length;
    const pages = Math.max(1, Math.ceil(total / PAGE));
    state.page = Math.min(state.page, pages - 1);
    const from = state.page * PAGE;
    const rows = document.createDocumentFragment();
    const byResourceView = state.order === byResource;
    for (let i = from; i < Math.min(total, from + PAGE); i++) {
      const entry = state.matched[i] as number;
      const row = document.createElement('tr');
      const level = data.levels[entryLevel[entry] as number] ?? '';
      const first = byResourceView ? resourcesShown[entryResource[entry] as number] : shown[entryUser[entry] as number];
      const second = byResourceView ? shown[entryUser[entry] as number] : resourcesShown[entryResource[entry] as number];
      for (const [text, cls] of [[first, 'k'], [second, ''], [level, `l-${level.toLowerCase()}`], [how(entry), 'via']] as const) {
        const cell = document.createElement('td');
        cell.textContent = text ?? '';
        if (cls) cell.className = cls;
        row.appendChild(cell);
      }
      rows.appendChild(row);
    }
    body.replaceChildren(rows);
    $('first-column').textContent = byResourceView ? 'resource' : 'person';
    $('second-column').textContent = byResourceView ? 'person' : 'resource';
    $('count').textContent = total === 0 ? `no grant matches (of ${n})` : `${from + 1}-${Math.min(total, from + PAGE)} of ${total} grants${total < n ? ` (of ${n})` : ''}`;
    $('page').textContent = `page ${state.page + 1} of ${pages}`;
    ($('prev') as HTMLButtonElement).disabled = state.page === 0;
    ($('next') as HTMLButtonElement).disabled = state.page >= pages - 1;
  };

  const apply = () => {
    const q = filter.value.trim().toLowerCase();
    if (q === '') {
      state.matched = state.order;
    } else {
      const userHit = new Uint8Array(usersLower.map((u) => (u.includes(q) ? 1 : 0)));
      const resourceHit = new Uint8Array(resourcesLower.map((r) => (r.includes(q) ? 1 : 0)));
      const kept = new Int32Array(n);
      let count = 0;
      for (let i = 0; i < n; i++) {
        const entry = state.order[i] as number;
        if (userHit[entryUser[entry] as number] || resourceHit[entryResource[entry] as number]) kept[count++] = entry;
      }
      state.matched = kept.subarray(0, count);
    }
    state.page = 0;
    render();
  };

  filter.addEventListener('input', apply);
  for (const [id, order] of [['view-person', byPerson], ['view-resource', byResource]] as const) {
    $(id).addEventListener('click', () => {
      state.order = order;
      document.querySelectorAll('.views button').forEach((button) => button.setAttribute('aria-pressed', String(button.id === id)));
      apply();
    });
  }
  $('prev').addEventListener('click', () => {
    state.page--;
    render();
  });
  $('next').addEventListener('click', () => {
    state.page++;
    render();
  });
  apply();
}
