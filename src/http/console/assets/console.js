/**
 * The console's page: asks for an API key (kept in sessionStorage only), then
 * shows the key's workspace's recent requests and webhook deliveries, a tab
 * each; the tab in view is refreshed every few seconds.
 * Data reaches the page only through textContent, never as markup.
 */
const storageKey = 'contacts-api.console.key';
const refreshMs = 4000;
/** What `contacts-api apikey list` shows of a key (its prefix), and no more. */
const visibleKeyLength = 12;
/**
 * Their names and their one field each tell the server that these are the console's
 * refreshes, which the request log leaves out (docs/console.md).
 */
const recentRequestsQuery =
  'query ConsoleRecentRequests { recentRequests(first: 100) { id time method path operationName status userAgent durationMs } }';
const webhookDeliveriesQuery =
  'query ConsoleWebhookDeliveries { webhookEndpoints { id url enabled deliveries(first: 20) { id eventId eventType status attempts nextAttemptAt responseStatus } } }';
/** An event id is shown by its end: its start (a UUIDv7's) is its time, alike for events close together. */
const shownEventIdLength = 8;

const element = (id) => document.getElementById(id);
const ui = {
  keyForm: element('key-form'),
  keyInput: element('api-key'),
  keyError: element('key-error'),
  signedIn: element('signed-in'),
  keyHint: element('key-hint'),
  forget: element('forget-key'),
  workspace: element('workspace'),
  tabs: element('tabs'),
  statusFilter: element('status-filter'),
  textFilter: element('text-filter'),
  empty: element('empty'),
  curlExample: element('curl-example'),
  noMatch: element('no-match'),
  requests: element('requests'),
  noEndpoints: element('no-endpoints'),
  noDeliveries: element('no-deliveries'),
  deliveries: element('deliveries'),
};

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/**
 * The views, a tab each. `loaded`: the view has shown an answer for the key in use.
 * `loading` is the session whose refresh of the view is under way: one at a time per key.
 */
const requestsView = {
  tab: element('requests-tab'),
  panel: element('requests-panel'),
  statusLine: element('status-line'),
  rows: { body: element('request-rows'), fill: fillRequestRow, byId: new Map() },
  operation: { query: recentRequestsQuery, operationName: 'ConsoleRecentRequests', field: 'recentRequests', what: 'requests' },
  show: showRequests,
  loaded: false,
  loading: null,
};
const deliveriesView = {
  tab: element('deliveries-tab'),
  panel: element('deliveries-panel'),
  statusLine: element('deliveries-status-line'),
  rows: { body: element('delivery-rows'), fill: fillDeliveryRow, byId: new Map() },
  operation: { query: webhookDeliveriesQuery, operationName: 'ConsoleWebhookDeliveries', field: 'webhookEndpoints', what: 'webhook deliveries' },
  show: showDeliveries,
  loaded: false,
  loading: null,
};
const views = [requestsView, deliveriesView];

/**
 * The key in use; `session` changes with each key, so that answers for a forgotten one are dropped.
 * `accepted`: the server has taken the key. `view`: the tab shown, the only one refreshed.
 */
const state = { key: null, session: 0, timer: undefined, accepted: false, view: requestsView };

/** The operation's field for `key`: `{ data }`, `{ unauthorized: true }` or `{ problem }`. */
async function ask(key, { query, operationName, field, what }) {
  let response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      // JSON, which a browser sends cross-site only after asking: GraphQL's CSRF check lets it through.
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query, operationName }),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    return { problem: 'The server could not be reached; trying again in a few seconds.' };
  }
  if (response.status === 401) return { unauthorized: true };
  const body = await response.json().catch(() => null);
  const data = body?.data?.[field];
  if (!response.ok || !Array.isArray(data)) {
    const reason = body?.errors?.[0]?.message ?? `status ${response.status}`;
    return { problem: `The server could not list the ${what} (${reason}); trying again in a few seconds.` };
  }
  return { data };
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

/** A time in the viewer's zone and language; the exact UTC time is its tooltip. */
function timeOf(iso) {
  const time = document.createElement('time');
  time.dateTime = iso;
  time.title = iso;
  time.textContent = timeFormat.format(new Date(iso));
  return time;
}

/** An HTTP status, coloured by its class. */
function httpStatus(status) {
  return span(`status status-${Math.floor(status / 100)}xx`, String(status));
}

function fillRequestRow(tr, entry) {
  tr.replaceChildren(
    cell('Time', 'time', timeOf(entry.time)),
    cell('Request', 'request', span('method', entry.method), ' ', span('path', entry.path)),
    cell('Operation', 'operation', entry.operationName ?? none()),
    cell('Status', '', httpStatus(entry.status)),
    cell('User agent', 'agent', entry.userAgent ?? none()),
    cell('Duration', 'number', formatDuration(entry.durationMs)),
  );
  tr.dataset.statusClass = `${Math.floor(entry.status / 100)}xx`;
  tr.dataset.text = [entry.method, entry.path, entry.operationName, entry.status, entry.userAgent].join(' ').toLowerCase();
}

function fillDeliveryRow(tr, delivery) {
  const endpoint = [span('url', delivery.endpoint.url)];
  if (!delivery.endpoint.enabled) {
    const mark = span('mark', 'disabled');
    mark.title = 'It answered 410 Gone: nothing more is sent to it.';
    endpoint.push(' ', mark);
  }
  const eventId = document.createElement('code');
  eventId.className = 'event-id';
  eventId.textContent = `…${delivery.eventId.slice(-shownEventIdLength)}`;
  eventId.title = delivery.eventId;
  tr.replaceChildren(
    cell('Endpoint', 'endpoint', ...endpoint),
    cell('Event', 'event', span('event-type', delivery.eventType), ' ', eventId),
    cell('Status', '', span(`delivery-status delivery-${delivery.status.toLowerCase()}`, delivery.status)),
    cell('Attempts', 'number', String(delivery.attempts)),
    cell('Next attempt', 'time', delivery.nextAttemptAt ? timeOf(delivery.nextAttemptAt) : none()),
    cell('Last response', 'number', delivery.responseStatus === null ? none() : httpStatus(delivery.responseStatus)),
  );
}

/**
 * Brings a table's rows to `items`, in their order: rows are added, moved and removed, and
 * filled again only when their item changed, so a refresh that changed nothing changes nothing.
 */
function syncRows(rows, items) {
  const current = new Set(items.map((item) => item.id));
  for (const [id, row] of rows.byId) {
    if (current.has(id)) continue;
    row.tr.remove();
    rows.byId.delete(id);
  }
  let previous = null;
  for (const item of items) {
    let row = rows.byId.get(item.id);
    if (!row) {
      row = { tr: document.createElement('tr'), version: null };
      rows.byId.set(item.id, row);
    }
    const version = JSON.stringify(item);
    if (row.version !== version) {
      rows.fill(row.tr, item);
      row.version = version;
    }
    const place = previous ? previous.nextSibling : rows.body.firstChild;
    if (row.tr !== place) rows.body.insertBefore(row.tr, place);
    previous = row.tr;
  }
}

/** The first row at least partly in view, to keep it where it is while rows are added above it. */
function rowInView(body) {
  if (window.scrollY === 0) return null;
  for (const tr of body.children) {
    if (!tr.hidden && tr.getBoundingClientRect().bottom > 0) return tr;
  }
  return null;
}

/** Runs `change` so that the row of `body` being read keeps its place on the screen. */
function keepingInView(body, change) {
  const anchor = rowInView(body);
  const anchorTop = anchor?.getBoundingClientRect().top;
  change();
  if (anchor?.isConnected) window.scrollBy(0, anchor.getBoundingClientRect().top - anchorTop);
}

function showRequests(entries) {
  keepingInView(requestsView.rows.body, () => {
    syncRows(requestsView.rows, entries);
    applyFilter();
  });
}

function applyFilter() {
  const statusClass = ui.statusFilter.value;
  const text = ui.textFilter.value.trim().toLowerCase();
  let shown = 0;
  for (const tr of requestsView.rows.body.children) {
    tr.hidden = (statusClass !== '' && !tr.dataset.statusClass.startsWith(statusClass)) || (text !== '' && !tr.dataset.text.includes(text));
    if (!tr.hidden) shown += 1;
  }
  const total = requestsView.rows.byId.size;
  const filtered = statusClass !== '' || text !== '';
  ui.empty.hidden = !requestsView.loaded || total > 0;
  ui.noMatch.hidden = total === 0 || shown > 0;
  ui.requests.hidden = shown === 0;
  if (!requestsView.loaded) return;
  const noun = total === 1 ? 'request' : 'requests';
  setStatusLine(requestsView, filtered ? `${shown} of ${total} ${noun} match the filter.` : `${total} ${noun}, newest first.`);
}

/** The endpoints' deliveries as rows: endpoint by endpoint (oldest first), each one's newest first. */
function showDeliveries(endpoints) {
  const deliveries = endpoints.flatMap(({ url, enabled, deliveries }) => deliveries.map((delivery) => ({ ...delivery, endpoint: { url, enabled } })));
  keepingInView(deliveriesView.rows.body, () => {
    syncRows(deliveriesView.rows, deliveries);
    ui.deliveries.hidden = deliveries.length === 0;
  });
  const { loaded } = deliveriesView;
  ui.noEndpoints.hidden = !loaded || endpoints.length > 0;
  ui.noDeliveries.hidden = !loaded || endpoints.length === 0 || deliveries.length > 0;
  if (!loaded) return;
  const counted = (count, one, many) => `${count} ${count === 1 ? one : many}`;
  const summary = `${counted(endpoints.length, 'endpoint', 'endpoints')}, ${counted(deliveries.length, 'delivery', 'deliveries')}, newest first.`;
  // With no endpoint, the sentence under it says all there is to say.
  setStatusLine(deliveriesView, endpoints.length === 0 ? '' : summary);
}

function setStatusLine(view, text, problem = false) {
  // Rewritten only when it changes: it is a live region, and a refresh that changed nothing says nothing.
  if (view.statusLine.textContent !== text) view.statusLine.textContent = text;
  view.statusLine.classList.toggle('problem', problem);
}

/** Shows `view`'s tab and panel, hides the others', and refreshes it at once. */
function select(view, { focus = false } = {}) {
  for (const each of views) {
    const selected = each === view;
    each.tab.setAttribute('aria-selected', String(selected));
    // Tab reaches the selected tab only; the arrow keys move between tabs.
    each.tab.tabIndex = selected ? 0 : -1;
    each.panel.hidden = !selected;
  }
  if (focus) view.tab.focus();
  if (state.view === view) return;
  state.view = view;
  clearTimeout(state.timer);
  void refresh();
}

/** Which view an arrow, Home or End key on the tab of `views[index]` selects, if any. */
function viewForKey(key, index) {
  switch (key) {
    case 'ArrowRight':
      return views[(index + 1) % views.length];
    case 'ArrowLeft':
      return views[(index - 1 + views.length) % views.length];
    case 'Home':
      return views[0];
    case 'End':
      return views[views.length - 1];
    default:
      return undefined;
  }
}

function schedule() {
  clearTimeout(state.timer);
  // A hidden browser tab asks nothing; it refreshes as soon as it is shown again.
  if (!document.hidden) state.timer = setTimeout(refresh, refreshMs);
}

async function refresh() {
  const { key, session, view } = state;
  if (key === null || view.loading === session) return;
  view.loading = session;
  const answer = await ask(key, view.operation);
  if (session !== state.session) return;
  view.loading = null;
  if (answer.unauthorized) {
    forget();
    ui.keyError.textContent = 'That API key is not valid: it is mistyped, unknown or revoked.';
    return;
  }
  if (answer.problem) {
    setStatusLine(view, answer.problem, true);
  } else {
    if (!state.accepted) {
      sessionStorage.setItem(storageKey, key);
      state.accepted = true;
    }
    view.loaded = true;
    view.show(answer.data);
  }
  schedule();
}

function use(key) {
  state.key = key;
  state.session += 1;
  state.accepted = false;
  ui.keyError.textContent = '';
  ui.keyHint.textContent = `Key ${key.slice(0, visibleKeyLength)}…`;
  ui.keyForm.hidden = true;
  ui.signedIn.hidden = false;
  ui.workspace.hidden = false;
  for (const view of views) setStatusLine(view, 'Loading…');
  void refresh();
}

function forget() {
  sessionStorage.removeItem(storageKey);
  clearTimeout(state.timer);
  state.key = null;
  state.session += 1;
  state.accepted = false;
  // Emptied, and no empty state either until the next key's answer.
  for (const view of views) {
    view.loaded = false;
    view.show([]);
  }
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
for (const view of views) view.tab.addEventListener('click', () => select(view));
ui.tabs.addEventListener('keydown', (event) => {
  const index = views.findIndex((view) => view.tab === event.target);
  const next = index < 0 ? undefined : viewForKey(event.key, index);
  if (!next) return;
  event.preventDefault();
  select(next, { focus: true });
});
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
