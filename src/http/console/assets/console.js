/**
 * The console's page: asks for an API key (kept in sessionStorage only), then
 * shows the key's workspace's recent requests, refreshed every few seconds.
 * Data reaches the page only through textContent, never as markup.
 */
const storageKey = 'contacts-api.console.key';
const refreshMs = 4000;
/** What `contacts-api apikey list` shows of a key (its prefix), and no more. */
const visibleKeyLength = 12;
/**
 * Its name and its one field tell the server that this is the console's refresh,
 * which the request log leaves out (docs/console.md).
 */
const recentRequestsQuery =
  'query ConsoleRecentRequests { recentRequests(first: 100) { id time method path operationName status userAgent durationMs } }';

const element = (id) => document.getElementById(id);
const ui = {
  keyForm: element('key-form'),
  keyInput: element('api-key'),
  keyError: element('key-error'),
  signedIn: element('signed-in'),
  keyHint: element('key-hint'),
  forget: element('forget-key'),
  workspace: element('workspace'),
  statusFilter: element('status-filter'),
  textFilter: element('text-filter'),
  statusLine: element('status-line'),
  empty: element('empty'),
  curlExample: element('curl-example'),
  noMatch: element('no-match'),
  table: element('requests'),
  rows: element('request-rows'),
};

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/**
 * The key in use; `session` changes with each key, so that answers for a forgotten one are dropped.
 * `loading` is the session whose refresh is under way: one at a time per key.
 */
const state = { key: null, session: 0, timer: undefined, loading: null, loaded: false };
/** The table's rows by entry id: entries never change, so a refresh only adds and removes rows. */
const rowsById = new Map();

/** The recent requests for `key`: `{ entries }`, `{ unauthorized: true }` or `{ problem }`. */
async function fetchRecentRequests(key) {
  let response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      // JSON, which a browser sends cross-site only after asking: GraphQL's CSRF check lets it through.
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query: recentRequestsQuery, operationName: 'ConsoleRecentRequests' }),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    return { problem: 'The server could not be reached; trying again in a few seconds.' };
  }
  if (response.status === 401) return { unauthorized: true };
  const body = await response.json().catch(() => null);
  const entries = body?.data?.recentRequests;
  if (!response.ok || !Array.isArray(entries)) {
    const reason = body?.errors?.[0]?.message ?? `status ${response.status}`;
    return { problem: `The server could not list the requests (${reason}); trying again in a few seconds.` };
  }
  return { entries };
}

function formatDuration(ms) {
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** A cell labelled with its column, which narrow screens show beside the value in place of the header row. */
function cell(label, className, ...content) {
  const td = document.createElement('td');
  td.dataset.label = label;
  if (className) td.className = className;
  const value = document.createElement('span');
  value.append(...content);
  td.append(value);
  return td;
}

function span(className, text) {
  const node = document.createElement('span');
  node.className = className;
  node.textContent = text;
  return node;
}

/** A placeholder for an absent value, read out as "none". */
function none() {
  const node = span('none', '—');
  node.setAttribute('aria-label', 'none');
  return node;
}

function rowFor(entry) {
  const tr = document.createElement('tr');
  const statusClass = `${Math.floor(entry.status / 100)}xx`;
  const time = document.createElement('time');
  time.dateTime = entry.time;
  time.title = entry.time;
  time.textContent = timeFormat.format(new Date(entry.time));
  tr.append(
    cell('Time', 'time', time),
    cell('Request', 'request', span('method', entry.method), ' ', span('path', entry.path)),
    cell('Operation', 'operation', entry.operationName ?? none()),
    cell('Status', '', span(`status status-${statusClass}`, String(entry.status))),
    cell('User agent', 'agent', entry.userAgent ?? none()),
    cell('Duration', 'number', formatDuration(entry.durationMs)),
  );
  tr.dataset.statusClass = statusClass;
  tr.dataset.text = [entry.method, entry.path, entry.operationName, entry.status, entry.userAgent].join(' ').toLowerCase();
  return tr;
}

/** The first row at least partly in view, to keep it where it is while rows are added above it. */
function rowInView() {
  if (window.scrollY === 0) return null;
  for (const tr of ui.rows.children) {
    if (!tr.hidden && tr.getBoundingClientRect().bottom > 0) return tr;
  }
  return null;
}

function show(entries) {
  const anchor = rowInView();
  const anchorTop = anchor?.getBoundingClientRect().top;
  const current = new Set(entries.map((entry) => entry.id));
  for (const [id, tr] of rowsById) {
    if (current.has(id)) continue;
    tr.remove();
    rowsById.delete(id);
  }
  let previous = null;
  for (const entry of entries) {
    let tr = rowsById.get(entry.id);
    if (!tr) {
      tr = rowFor(entry);
      rowsById.set(entry.id, tr);
    }
    const place = previous ? previous.nextSibling : ui.rows.firstChild;
    if (tr !== place) ui.rows.insertBefore(tr, place);
    previous = tr;
  }
  applyFilter();
  if (anchor?.isConnected) window.scrollBy(0, anchor.getBoundingClientRect().top - anchorTop);
}

function applyFilter() {
  const statusClass = ui.statusFilter.value;
  const text = ui.textFilter.value.trim().toLowerCase();
  let shown = 0;
  for (const tr of ui.rows.children) {
    tr.hidden = (statusClass !== '' && !tr.dataset.statusClass.startsWith(statusClass)) || (text !== '' && !tr.dataset.text.includes(text));
    if (!tr.hidden) shown += 1;
  }
  const total = rowsById.size;
  const filtered = statusClass !== '' || text !== '';
  ui.empty.hidden = !state.loaded || total > 0;
  ui.noMatch.hidden = total === 0 || shown > 0;
  ui.table.hidden = shown === 0;
  if (!state.loaded) return;
  const noun = total === 1 ? 'request' : 'requests';
  setStatusLine(filtered ? `${shown} of ${total} ${noun} match the filter.` : `${total} ${noun}, newest first.`);
}

function setStatusLine(text, problem = false) {
  // Rewritten only when it changes: it is a live region, and a refresh that changed nothing says nothing.
  if (ui.statusLine.textContent !== text) ui.statusLine.textContent = text;
  ui.statusLine.classList.toggle('problem', problem);
}

function schedule() {
  clearTimeout(state.timer);
  // A hidden tab asks nothing; it refreshes as soon as it is shown again.
  if (!document.hidden) state.timer = setTimeout(refresh, refreshMs);
}

async function refresh() {
  if (state.key === null || state.loading === state.session) return;
  const { key, session } = state;
  state.loading = session;
  const answer = await fetchRecentRequests(key);
  if (session !== state.session) return;
  state.loading = null;
  if (answer.unauthorized) {
    forget();
    ui.keyError.textContent = 'That API key is not valid: it is mistyped, unknown or revoked.';
    return;
  }
  if (answer.problem) {
    setStatusLine(answer.problem, true);
  } else {
    if (!state.loaded) {
      sessionStorage.setItem(storageKey, key);
      state.loaded = true;
    }
    show(answer.entries);
  }
  schedule();
}

function use(key) {
  state.key = key;
  state.session += 1;
  state.loaded = false;
  ui.keyError.textContent = '';
  ui.keyHint.textContent = `Key ${key.slice(0, visibleKeyLength)}…`;
  ui.keyForm.hidden = true;
  ui.signedIn.hidden = false;
  ui.workspace.hidden = false;
  setStatusLine('Loading…');
  void refresh();
}

function forget() {
  sessionStorage.removeItem(storageKey);
  clearTimeout(state.timer);
  state.key = null;
  state.session += 1;
  state.loaded = false;
  rowsById.clear();
  ui.rows.replaceChildren();
  ui.workspace.hidden = true;
  ui.signedIn.hidden = true;
  ui.keyForm.hidden = false;
  ui.keyInput.focus();
}

ui.keyForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const key = ui.keyInput.value.trim();
  // Out of the page once read: the key lives in sessionStorage, and only once the server took it.
  ui.keyInput.value = '';
  if (key) use(key);
});
ui.forget.addEventListener('click', forget);
ui.statusFilter.addEventListener('change', applyFilter);
ui.textFilter.addEventListener('input', applyFilter);
document.addEventListener('visibilitychange', () => {
  if (document.hidden) clearTimeout(state.timer);
  else void refresh();
});

ui.curlExample.textContent = [
  `curl ${location.origin}/graphql \\`,
  '  -H "Authorization: Bearer $CONTACTS_API_KEY" \\',
  '  -H "Content-Type: application/json" \\',
  `  -d '{"query": "{ contacts(first: 1) { totalCount } }"}'`,
].join('\n');

const stored = sessionStorage.getItem(storageKey);
if (stored) use(stored);
else forget();
