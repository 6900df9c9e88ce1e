// The attribution-streams dashboard: channel totals (table and bar chart, with spend, ROAS and cost per
// conversion when money was spent) for one conversion type and model, every model's shares side by side,
// a live feed of updates (server-sent events), and a customer's touchpoint path. Plain browser
// JavaScript, no build step, no library, nothing loaded from anywhere but this server. Every value
// from the data (channel names, ids) is written with textContent, never parsed as HTML.
// When the server wants a bearer token (attribution.http.auth-token-file), the page asks for it once,
// keeps it for the tab (sessionStorage) and sends it with every request, the live feed's included.
'use strict';

const REFRESH_MILLIS = 2000;
const FEED_LINES = 40;
const PATH_STEPS = 12;
const SVG = 'http://www.w3.org/2000/svg';

const state = { type: null, model: null, models: [], measure: 'revenue', channels: [] };
const $ = (id) => document.getElementById(id);

// ---- the token ------------------------------------------------------------------------------

const TOKEN_KEY = 'attribution-streams-token';
// waiting: the promise of the login form while it is shown, shared by every request that needs it
const auth = { token: sessionStorage.getItem(TOKEN_KEY), waiting: null };

// Shows the login form (once, however many requests wait) and resolves when a token is entered.
function askForToken(message) {
  if (!auth.waiting) {
    auth.waiting = new Promise((resolve) => {
      const form = $('login');
      $('login-message').textContent = message;
      $('token').value = '';
      form.hidden = false;
      $('token').focus();
      form.onsubmit = (event) => {
        event.preventDefault();
        const token = $('token').value.trim();
        if (!token) return;
        auth.token = token;
        sessionStorage.setItem(TOKEN_KEY, token);
        form.hidden = true;
        auth.waiting = null;
        resolve();
      };
    });
  }
  return auth.waiting;
}

// fetch() with the token, if there is one. A 401 (no token) or 403 (a wrong one) asks for the token
// and tries again; a refusal of a token already replaced meanwhile just tries again with the new one.
async function authorizedFetch(url, options = {}) {
  for (;;) {
    const used = auth.token;
    const headers = { ...(options.headers || {}) };
    if (used) headers.Authorization = 'Bearer ' + used;
    const response = await fetch(url, { ...options, headers, cache: 'no-store' });
    if (response.status !== 401 && response.status !== 403) return response;
    if (auth.token === used) {
      auth.token = null;
      sessionStorage.removeItem(TOKEN_KEY);
      await askForToken(response.status === 403 ? 'The server refused that token. Enter the right one:'
        : 'This server needs its access token (from whoever runs it):');
    }
  }
}

// The API writes credits as exact decimals of up to 34 digits; JSON.parse would round them to
// doubles. Quoting them first keeps the exact text, so the page shows what the store holds.
function parseExact(text) {
  return JSON.parse(text.replace(/"credit":(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)/g, '"credit":"$1"'));
}

async function getJson(url) {
  const response = await authorizedFetch(url, { headers: { Accept: 'application/json' } });
  return {
    status: response.status,
    body: parseExact(await response.text()),
    instance: response.headers.get('X-Attribution-Instance'),
    via: response.headers.get('X-Attribution-Via'),
    stale: response.headers.get('X-Attribution-Stale') === 'true',
  };
}

// An exact decimal string ("0.25", "8.9271336506630624277683", "1E-7") as a BigInt over 10^scale: the
// credits' own digits, with no rounding through a double.
function exact(text) {
  const match = /^([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/.exec(String(text).trim());
  if (!match) return { units: 0n, scale: 0 };
  const fraction = match[3] || '';
  let units = BigInt((match[2] || '0') + fraction);
  let scale = fraction.length - Number(match[4] || 0);
  if (scale < 0) { units *= 10n ** BigInt(-scale); scale = 0; }
  return { units: match[1] === '-' ? -units : units, scale };
}

function addExact(a, b) {
  const scale = Math.max(a.scale, b.scale);
  return { units: a.units * 10n ** BigInt(scale - a.scale) + b.units * 10n ** BigInt(scale - b.scale), scale };
}

// A part of a whole as a percentage with one decimal, rounded half to even on the exact decimals, the
// way the demo and the engine's Java code round it: "41.7%", or "-" when the whole is zero.
function percent(part, whole) {
  const numerator = part.units * 10n ** BigInt(whole.scale) * 1000n;
  const denominator = whole.units * 10n ** BigInt(part.scale);
  if (denominator === 0n) return '-';
  const negative = (numerator < 0n) !== (denominator < 0n) && numerator !== 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let tenths = n / d;
  const twice = (n % d) * 2n;
  if (twice > d || (twice === d && tenths % 2n === 1n)) tenths += 1n;
  return (negative ? '-' : '') + (tenths / 10n).toString() + '.' + (tenths % 10n).toString() + '%';
}

function sumOf(credits) {
  return credits.reduce((sum, text) => addExact(sum, exact(text)), { units: 0n, scale: 0 });
}

// Cents to "1234.56", exactly (BigInt: no floating point on money).
function formatCents(cents) {
  const value = BigInt(cents);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  return (negative ? '-' : '') + (abs / 100n).toString() + '.' + (abs % 100n).toString().padStart(2, '0');
}

// An element with attributes and children (strings become text nodes: never parsed as HTML).
function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function setBadge(id, badgeState, text) {
  const badge = $(id);
  badge.dataset.state = badgeState;
  badge.textContent = text;
}

// ---- channel totals -------------------------------------------------------------------------

async function refreshChannels() {
  if (auth.waiting) return; // the login form is up: one waiting request is enough
  const type = state.type;
  const model = state.model;
  try {
    const reply = await getJson('/channels?type=' + encodeURIComponent(type) + '&model=' + encodeURIComponent(model));
    if (type !== state.type || model !== state.model) return; // the selection changed meanwhile
    if (reply.status !== 200) {
      setBadge('status', 'retrying', reply.status === 503 ? 'not ready: ' + reply.body.message : reply.body.message);
      return;
    }
    setBadge('status', 'ready', 'ready');
    state.channels = reply.body.channels;
    renderTable(reply.body.channels);
    renderChart(reply.body.channels);
    refreshModels(type);
    $('channels-meta').textContent = reply.body.channels.length + ' channels, partitions '
      + reply.body.partitions.join(', ') + ' from ' + reply.body.instances.join(' and ')
      + ', at ' + new Date().toLocaleTimeString();
    const table = $('channel-table');
    table.dataset.type = type;
    table.dataset.model = model;
    table.dataset.state = 'ready';
  } catch (e) {
    setBadge('status', 'error', 'unreachable');
  }
}

function byRevenue(a, b) {
  return b.revenue_cents - a.revenue_cents || (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0);
}

function renderTable(channels) {
  const rows = [];
  let cents = 0n;
  let spend = 0n;
  let touchpoints = 0;
  const whole = sumOf(channels.map((c) => c.credit));
  for (const c of [...channels].sort(byRevenue)) {
    const row = element('tr', { 'data-channel': c.channel });
    row.append(
      element('td', { 'data-field': 'channel' }, c.channel),
      element('td', { 'data-field': 'credit', 'data-exact': c.credit, class: 'num',
        title: 'credit ' + c.credit + ' (exact), of ' + c.customers + ' customers' },
        c.touchpoints === 0 ? '-' : percent(exact(c.credit), whole)),
      element('td', { 'data-field': 'revenue', class: 'num' }, c.revenue),
      element('td', { 'data-field': 'touchpoints', class: 'num' }, String(c.touchpoints)),
      element('td', { 'data-field': 'customers', class: 'num' }, String(c.customers)),
      element('td', { 'data-field': 'spend', class: 'num money' }, c.spend || '0.00'),
      element('td', { 'data-field': 'roas', class: 'num money' }, c.roas || '-'),
      element('td', { 'data-field': 'cost_per_conversion', class: 'num money' }, c.cost_per_conversion || '-'));
    rows.push(row);
    cents += BigInt(c.revenue_cents);
    spend += BigInt(c.spend_cents || 0);
    touchpoints += c.touchpoints;
  }
  $('channel-rows').replaceChildren(...rows);
  $('total-revenue').textContent = formatCents(cents);
  $('total-touchpoints').textContent = String(touchpoints);
  $('total-spend').textContent = formatCents(spend);
  // the money columns only where money was spent: a deployment without spend facts keeps its old table
  $('channel-table').dataset.money = channels.some((c) => c.spend_facts > 0) ? 'on' : 'off';
}

// ---- models side by side --------------------------------------------------------------------

// A channel's share of a model's credit as a number of percentage points (for the spread), and as text.
function shareOf(c, whole) {
  const text = percent(exact(c.credit), whole);
  return { text, points: text === '-' ? 0 : Number(text.slice(0, -1)) };
}

async function refreshModels(type) {
  const reply = await getJson('/channels?type=' + encodeURIComponent(type));
  if (reply.status !== 200 || type !== state.type) return;
  const models = state.models;
  const byModel = new Map(models.map((m) => [m, reply.body.channels.filter((c) => c.model === m)]));
  const channels = new Map();
  for (const [model, rows] of byModel) {
    const whole = sumOf(rows.map((c) => c.credit));
    for (const c of rows) {
      if (exact(c.credit).units === 0n) continue; // (unattributed), or money spent for nothing: no share
      if (!channels.has(c.channel)) channels.set(c.channel, new Map());
      channels.get(c.channel).set(model, shareOf(c, whole));
    }
  }
  const lines = [...channels].map(([channel, shares]) => {
    const points = models.map((m) => (shares.get(m) || { points: 0 }).points);
    return { channel, shares, spread: Math.max(...points) - Math.min(...points) };
  }).sort((a, b) => b.spread - a.spread || (a.channel < b.channel ? -1 : 1));
  $('models-head').replaceChildren(element('th', {}, 'channel'),
    ...models.map((m) => element('th', { class: 'num' }, m)),
    element('th', { class: 'num', title: 'largest minus smallest share, in percentage points' }, 'spread'));
  $('models-rows').replaceChildren(...lines.map((line) => {
    const points = models.map((m) => (line.shares.get(m) || { points: 0 }).points);
    const high = Math.max(...points);
    const low = Math.min(...points);
    return element('tr', { 'data-channel': line.channel },
      element('td', {}, line.channel),
      ...models.map((m, i) => element('td', { 'data-model': m,
        class: 'num' + (line.spread > 0 && points[i] === high ? ' high' : line.spread > 0 && points[i] === low ? ' low' : '') },
        (line.shares.get(m) || { text: '-' }).text)),
      element('td', { 'data-field': 'spread', class: 'num' + (line.spread >= 10 ? ' disagree' : '') },
        line.spread.toFixed(1)));
  }));
  $('models-table').dataset.type = type;
  $('models-table').dataset.state = 'ready';
}

function measureOf(c) {
  if (state.measure === 'credit') return Number(c.credit);
  if (state.measure === 'touchpoints') return c.touchpoints;
  return c.revenue_cents / 100;
}

function measureText(c) {
  if (state.measure === 'credit') return percent(exact(c.credit), sumOf(state.channels.map((x) => x.credit)));
  if (state.measure === 'touchpoints') return String(c.touchpoints);
  return c.revenue;
}

// Horizontal bars, one per channel, largest first: drawn as SVG elements, scaled by the viewBox.
function renderChart(channels) {
  const chart = $('chart');
  const sorted = [...channels].sort((a, b) => measureOf(b) - measureOf(a));
  const labelWidth = 150;
  const barWidth = 520;
  const rowHeight = 22;
  const height = Math.max(1, sorted.length) * rowHeight + 4;
  const max = Math.max(...sorted.map((c) => Math.abs(measureOf(c))), 0) || 1;
  chart.setAttribute('viewBox', '0 0 ' + (labelWidth + barWidth + 110) + ' ' + height);
  const nodes = [];
  sorted.forEach((c, i) => {
    const y = i * rowHeight + 2;
    const value = measureOf(c);
    const length = Math.max(1, (Math.abs(value) / max) * barWidth);
    const group = document.createElementNS(SVG, 'g');
    group.setAttribute('data-channel', c.channel);
    const label = document.createElementNS(SVG, 'text');
    label.setAttribute('class', 'label');
    label.setAttribute('x', labelWidth - 8);
    label.setAttribute('y', y + rowHeight * 0.65);
    label.setAttribute('text-anchor', 'end');
    label.textContent = c.channel.length > 22 ? c.channel.slice(0, 21) + '\u2026' : c.channel;
    const bar = document.createElementNS(SVG, 'rect');
    bar.setAttribute('class', value < 0 ? 'bar negative' : 'bar');
    bar.setAttribute('x', labelWidth);
    bar.setAttribute('y', y + 3);
    bar.setAttribute('width', length);
    bar.setAttribute('height', rowHeight - 6);
    bar.setAttribute('rx', 2);
    const text = document.createElementNS(SVG, 'text');
    text.setAttribute('class', 'value');
    text.setAttribute('x', labelWidth + length + 6);
    text.setAttribute('y', y + rowHeight * 0.65);
    text.textContent = measureText(c);
    group.append(label, bar, text);
    nodes.push(group);
  });
  chart.replaceChildren(...nodes);
}

// ---- live feed ------------------------------------------------------------------------------

// The server-sent events of /updates/stream, read with fetch() rather than EventSource, which cannot
// send the Authorization header. It does what EventSource does: reconnects after the server's
// "retry:" delay (or 2 s), and sends Last-Event-ID so that the server resumes where the feed was.
async function startFeed() {
  let lastId = null;
  let retryMillis = 2000;
  for (;;) {
    try {
      const headers = { Accept: 'text/event-stream' };
      if (lastId !== null) headers['Last-Event-ID'] = lastId;
      const response = await authorizedFetch('/updates/stream', { headers });
      if (response.status !== 200 || !response.body) throw new Error('status ' + response.status);
      setBadge('feed-state', 'live', 'live');
      // the stream starts with the latest lines: only what arrives after them is highlighted as new
      const openedAt = Date.now();
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        // lines may end in CRLF, LF or CR; a CR at the end may be half of a CRLF split between chunks
        const tail = buffer.endsWith('\r') ? '\r' : '';
        buffer = buffer.slice(0, buffer.length - tail.length).replace(/\r\n?/g, '\n') + tail;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const event = parseEvent(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          if (event.retry !== null) retryMillis = event.retry;
          if (event.id !== null) lastId = event.id;
          if (event.type === 'update' && event.data !== null) {
            showUpdate(JSON.parse(event.data), Date.now() - openedAt > 1000);
          }
        }
      }
    } catch (e) {
      // the server went away or refused: reconnect below, as EventSource would
    }
    setBadge('feed-state', 'retrying', 'reconnecting');
    await new Promise((resolve) => setTimeout(resolve, retryMillis));
  }
}

// One event of the text/event-stream format: its lines of "field: value"; comments (":") skipped.
function parseEvent(block) {
  const event = { type: 'message', data: null, id: null, retry: null };
  const data = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event.type = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') event.id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) event.retry = Number(value);
  }
  if (data.length > 0) event.data = data.join('\n');
  return event;
}

function showUpdate(entry, fresh) {
  const list = $('feed-list');
  if (list.querySelector('li[data-seq="' + entry.seq + '"]')) return;
  const item = element('li', { 'data-seq': String(entry.seq), class: entry.retracted ? 'retracted' : '' });
  if (fresh) item.classList.add('fresh');
  const customer = element('a', { 'data-customer': entry.customer_id }, entry.customer_id);
  customer.addEventListener('click', () => {
    $('customer-id').value = entry.customer_id;
    lookup(entry.customer_id);
  });
  // the model only matters when the engine runs several
  const answer = entry.conversion_type + (state.models.length > 1 ? ' ' + entry.model : '');
  const what = entry.retracted ? answer + ' retracted' : answer + ' v' + entry.version + ' \u00b7 top ' + entry.top_channel;
  item.append(
    element('span', { class: 'muted' }, (entry.at || '').slice(11, 19)),
    element('span', {}, customer),
    element('span', { class: 'what' }, what),
    element('span', { class: 'num' }, entry.retracted ? '' : entry.revenue));
  list.prepend(item);
  while (list.children.length > FEED_LINES) list.lastElementChild.remove();
}

// ---- customer lookup ------------------------------------------------------------------------

async function lookup(customerId) {
  const result = $('customer-result');
  const id = customerId.trim();
  if (!id) return;
  result.className = 'muted';
  result.textContent = 'Looking up ' + id + ' \u2026';
  try {
    const reply = await getJson('/customers/' + encodeURIComponent(id) + '/attribution?model='
      + encodeURIComponent(state.model));
    if (reply.status !== 200) {
      result.className = 'error';
      result.dataset.status = String(reply.status);
      result.textContent = reply.body.message;
      return;
    }
    renderCustomer(result, reply);
  } catch (e) {
    result.className = 'error';
    result.textContent = 'The server did not answer.';
  }
}

function renderCustomer(result, reply) {
  const records = reply.body.attribution;
  result.className = '';
  result.dataset.status = '200';
  result.dataset.customer = reply.body.customer_id;
  const source = element('p', { class: 'muted' }, 'Answered by ' + reply.instance
    + (reply.via ? ' (asked ' + reply.via + ', which forwarded the request)' : '')
    + (reply.stale ? '; from a standby copy, possibly behind' : ''));
  const nodes = [source];
  if (records.length === 0) {
    nodes.push(element('p', { class: 'muted' }, 'No attribution yet for model ' + state.model
      + ': not converted, or no touchpoint earns credit.'));
  }
  for (const record of records) {
    const section = element('section', { class: 'record', 'data-type': record.conversion_type, 'data-model': record.model });
    const title = element('h3', {}, record.conversion_type + ' \u00b7 ' + record.model + ' ',
      element('span', { class: 'muted' }, (record.conversion_at ? 'converted ' + record.conversion_at + ' \u00b7 ' : '')
        + 'revenue ' + record.revenue + ' \u00b7 version ' + record.version));
    const path = element('ol', { class: 'path' });
    const whole = sumOf(record.touchpoints.map((t) => t.credit));
    for (const t of record.touchpoints) {
      const step = element('li', { class: 'step', 'data-interaction': t.interaction_id });
      step.append(
        element('span', { class: 'channel', 'data-field': 'channel' }, t.channel),
        element('span', { class: 'when' }, element('span', { 'data-field': 'occurred_at' }, t.occurred_at), ' \u00b7 ',
          element('span', { 'data-field': 'type' }, t.type)),
        element('span', { class: 'share' }, 'credit ',
          element('span', { 'data-field': 'credit', 'data-exact': t.credit, title: t.credit + ' (exact)' },
            percent(exact(t.credit), whole))),
        element('span', { class: 'share' }, 'revenue ', element('span', { 'data-field': 'revenue' }, t.revenue)));
      if (path.children.length >= PATH_STEPS) step.classList.add('folded');
      path.append(step);
    }
    section.append(title, path);
    if (record.touchpoints.length > PATH_STEPS) {
      // a customer behind a shared number can have hundreds of touchpoints: show the first few
      const more = element('button', { type: 'button', class: 'more' },
        'show all ' + record.touchpoints.length + ' touchpoints');
      more.addEventListener('click', () => {
        path.querySelectorAll('.folded').forEach((step) => step.classList.remove('folded'));
        more.remove();
      });
      section.append(more);
    }
    nodes.push(section);
  }
  result.replaceChildren(...nodes);
}

// ---- start ----------------------------------------------------------------------------------

function fillSelect(select, values, chosen) {
  select.replaceChildren(...values.map((v) => element('option', { value: v }, v)));
  select.value = chosen;
}

function rememberSelection() {
  const params = new URLSearchParams(location.search);
  params.set('type', state.type);
  params.set('model', state.model);
  history.replaceState(null, '', '?' + params.toString());
}

async function start() {
  const params = new URLSearchParams(location.search);
  let settings;
  try {
    const reply = await getJson('/settings'); // the first data request: asks for the token if needed
    if (reply.status !== 200) throw new Error('status ' + reply.status);
    settings = reply.body;
  } catch (e) {
    setBadge('status', 'error', 'unreachable');
    setTimeout(start, REFRESH_MILLIS);
    return;
  }
  $('instance').textContent = 'instance ' + settings.instance;
  const wantedType = params.get('type');
  const wantedModel = params.get('model');
  state.type = settings.types.includes(wantedType) ? wantedType
    : settings.types.includes('FIRST_PAID') ? 'FIRST_PAID' : settings.types[0];
  state.model = settings.models.includes(wantedModel) ? wantedModel : settings.models[0];
  state.models = settings.models;
  fillSelect($('type'), settings.types, state.type);
  fillSelect($('model'), settings.models, state.model);
  $('type').addEventListener('change', () => { state.type = $('type').value; rememberSelection(); refreshChannels(); });
  $('model').addEventListener('change', () => {
    state.model = $('model').value;
    rememberSelection();
    refreshChannels();
    if ($('customer-id').value) lookup($('customer-id').value);
  });
  $('measure').addEventListener('change', () => { state.measure = $('measure').value; renderChart(state.channels); });
  $('lookup-form').addEventListener('submit', (event) => { event.preventDefault(); lookup($('customer-id').value); });

  refreshChannels();
  setInterval(refreshChannels, REFRESH_MILLIS);
  startFeed();
  if (params.get('customer')) {
    $('customer-id').value = params.get('customer');
    lookup(params.get('customer'));
  }
}

start();
