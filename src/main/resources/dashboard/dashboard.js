// The attribution-streams dashboard: channel totals (table and bar chart, with spend, ROAS and cost per
// conversion when money was spent) for one conversion type and model, every model's shares side by side,
// the monthly trend (stacked by channel, with the month's spend), the campaigns, the most common paths to
// conversion, a live feed of updates (server-sent events), and a customer's touchpoint path. Plain browser
// JavaScript, no build step, no library, nothing loaded from anywhere but this server. Every value
// from the data (channel names, ids) is written with textContent, never parsed as HTML.
// When the server wants a bearer token (attribution.http.auth-token-file), the page asks for it once,
// keeps it for the tab (sessionStorage) and sends it with every request, the live feed's included.
'use strict';

const REFRESH_MILLIS = 2000;
const FEED_LINES = 40;
const PATH_STEPS = 12;
const SVG = 'http://www.w3.org/2000/svg';

const CAMPAIGN_ROWS = 15;
// the paths to conversion: the top ones, and more on request (asked for at once: one request a cycle)
const PATH_ROWS = 10;
const PATH_ROWS_MORE = 50;
// a path's steps: one colour per channel, by the channel's place among the type's channels (CSS classes c0..c11)
const CHIP_COLORS = 12;
// the channels drawn as series of their own in the monthly chart, one colour each (Tableau's ten, told
// apart with colour blindness too); the rest together as "other", in the grey left over
const SERIES_COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7',
  '#9c755f'];
const OTHER_COLOR = '#bab0ac';
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// a longer span is drawn with the months that have data only: a stray date must not squeeze the chart
const LONGEST_MONTH_AXIS = 60;

const state = {
  type: null, model: null, models: [], measure: 'revenue', channels: [],
  campaigns: [], campaignsUnfolded: false, campaignSort: 'revenue', months: [], monthMeasure: 'credit',
  paths: [], pathsUnfolded: false,
};
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

// An exact decimal as plain text, as the API writes credits: "12.5", "-0.0625", "3".
function exactText(value) {
  const negative = value.units < 0n;
  const digits = (negative ? -value.units : value.units).toString().padStart(value.scale + 1, '0');
  const fraction = digits.slice(digits.length - value.scale).replace(/0+$/, '');
  return (negative ? '-' : '') + digits.slice(0, digits.length - value.scale) + (fraction ? '.' + fraction : '');
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

// An SVG element, as element() makes an HTML one.
function svgElement(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function setBadge(id, badgeState, text) {
  const badge = $(id);
  badge.dataset.state = badgeState;
  badge.textContent = text;
}

// ---- the refresh cycle ----------------------------------------------------------------------

// Every view of the selection, one request after another: each one gathers from every instance, and an
// instance lets only a few such requests of a client in at once. A change of selection during a cycle
// runs another right after it rather than a second one beside it.
const refresher = { running: false, again: false };

async function refresh() {
  if (refresher.running) {
    refresher.again = true;
    return;
  }
  refresher.running = true;
  try {
    do {
      refresher.again = false;
      const selection = 'for ' + state.type + ' \u00b7 ' + state.model;
      document.querySelectorAll('.selection').forEach((span) => { span.textContent = selection; });
      document.querySelectorAll('.type-selection').forEach((span) => { span.textContent = 'for ' + state.type; });
      await refreshChannels();
      await refreshMonths();
      await refreshCampaigns();
      await refreshPaths();
    } while (refresher.again);
  } finally {
    refresher.running = false;
  }
}

// Why a view of campaigns or months is empty: markov has none, by design, or nothing arrived yet.
function noTotalsNote(what) {
  if (state.model === 'markov') {
    return 'markov has channel totals only: its credit is each channel\'s removal effect over whole paths, '
      + 'not a share of single touchpoints, so it has no ' + what + '. Choose a per-touchpoint model above.';
  }
  return 'No ' + what + ' for ' + state.type + ' \u00b7 ' + state.model + ' yet.';
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
    await refreshModels(type);
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

// ---- campaigns ------------------------------------------------------------------------------

async function refreshCampaigns() {
  const type = state.type;
  const model = state.model;
  try {
    const reply = await getJson('/campaigns?type=' + encodeURIComponent(type) + '&model=' + encodeURIComponent(model));
    if (type !== state.type || model !== state.model) return;
    if (reply.status !== 200) {
      $('campaigns-meta').textContent = 'Not updated: ' + reply.body.message;
      return;
    }
    state.campaigns = reply.body.campaigns;
    renderCampaigns();
    $('campaigns-meta').textContent = reply.body.campaigns.length + ' campaigns of ' + channelsOf(state.campaigns).length
      + ' channels, partitions ' + reply.body.partitions.join(', ') + ' from ' + reply.body.instances.join(' and ')
      + ', at ' + new Date().toLocaleTimeString();
    const table = $('campaign-table');
    table.dataset.type = type;
    table.dataset.model = model;
    table.dataset.state = 'ready';
  } catch (e) {
    $('campaigns-meta').textContent = 'Not updated: the server did not answer.';
  }
}

function channelsOf(rows) {
  return [...new Set(rows.map((r) => r.channel))].sort();
}

// The channel filter's choices follow the data; rebuilt only when they change, so an open list stays open.
function fillChannelFilter(rows) {
  const select = $('campaign-channel');
  const channels = channelsOf(rows);
  if (select.dataset.channels !== JSON.stringify(channels)) {
    const chosen = select.value;
    select.replaceChildren(element('option', { value: '' }, 'all channels'),
      ...channels.map((c) => element('option', { value: c }, c)));
    select.value = channels.includes(chosen) ? chosen : '';
    select.dataset.channels = JSON.stringify(channels);
  }
}

// The campaigns' orders: largest first, but cost per conversion cheapest first; a campaign without the
// figure (no spend, or no credit) last; ties by channel and campaign.
const CAMPAIGN_ORDERS = {
  revenue: (c) => c.revenue_cents,
  credit: (c) => Number(c.credit),
  spend: (c) => c.spend_cents || 0,
  roas: (c) => (c.roas ? Number(c.roas) : null),
  cost_per_conversion: (c) => (c.cost_per_conversion && (c.spend_cents || 0) > 0 ? -Number(c.cost_per_conversion) : null),
};

function campaignOrder(sort) {
  const key = CAMPAIGN_ORDERS[sort] || CAMPAIGN_ORDERS.revenue;
  return (a, b) => {
    const x = key(a);
    const y = key(b);
    const byKey = x === y ? 0 : x === null ? 1 : y === null ? -1 : y - x;
    return byKey || (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0)
      || (a.campaign < b.campaign ? -1 : a.campaign > b.campaign ? 1 : 0);
  };
}

// The campaigns of the selection in the chosen order; the top ones shown until "show all" is pressed.
// A share is of all the credit of the conversion type and model, whichever channel the filter shows.
function renderCampaigns() {
  const all = state.campaigns;
  $('campaigns-note').hidden = all.length > 0;
  $('campaigns-note').textContent = noTotalsNote('campaign totals');
  fillChannelFilter(all);
  const channel = $('campaign-channel').value;
  const shown = all.filter((c) => !channel || c.channel === channel).sort(campaignOrder(state.campaignSort));
  const whole = sumOf(all.map((c) => c.credit));
  let cents = 0n;
  let spend = 0n;
  let touchpoints = 0;
  const rows = shown.map((c, i) => {
    cents += BigInt(c.revenue_cents);
    spend += BigInt(c.spend_cents || 0);
    touchpoints += c.touchpoints;
    const folded = i >= CAMPAIGN_ROWS && !state.campaignsUnfolded;
    return element('tr', { 'data-channel': c.channel, 'data-campaign': c.campaign, class: folded ? 'folded' : '' },
      element('td', { 'data-field': 'channel' }, c.channel),
      element('td', { 'data-field': 'campaign' }, c.campaign),
      element('td', { 'data-field': 'credit', 'data-exact': c.credit, class: 'num',
        title: 'credit ' + c.credit + ' (exact), of ' + c.customers + ' customers' },
        c.touchpoints === 0 ? '-' : percent(exact(c.credit), whole)),
      element('td', { 'data-field': 'revenue', class: 'num' }, c.revenue),
      element('td', { 'data-field': 'touchpoints', class: 'num' }, String(c.touchpoints)),
      element('td', { 'data-field': 'spend', class: 'num money' }, c.spend || '0.00'),
      element('td', { 'data-field': 'roas', class: 'num money' }, c.roas || '-'),
      element('td', { 'data-field': 'cost_per_conversion', class: 'num money' }, c.cost_per_conversion || '-'));
  });
  $('campaign-rows').replaceChildren(...rows);
  $('campaign-total-label').textContent = 'total of ' + shown.length + (channel ? ' ' + channel : '') + ' campaigns';
  $('campaign-total-revenue').textContent = formatCents(cents);
  $('campaign-total-touchpoints').textContent = String(touchpoints);
  $('campaign-total-spend').textContent = formatCents(spend);
  $('campaign-table').dataset.money = all.some((c) => c.spend_facts > 0) ? 'on' : 'off';
  $('campaign-table').dataset.sort = state.campaignSort;
  const more = $('campaigns-more');
  more.hidden = shown.length <= CAMPAIGN_ROWS;
  more.textContent = state.campaignsUnfolded ? 'show the top ' + CAMPAIGN_ROWS
    : 'show all ' + shown.length + ' campaigns';
}

// ---- paths to conversion --------------------------------------------------------------------

// The most common paths of the selected conversion type (paths have no model: any model gives the same).
async function refreshPaths() {
  const type = state.type;
  try {
    const reply = await getJson('/paths?type=' + encodeURIComponent(type) + '&limit=' + PATH_ROWS_MORE);
    if (type !== state.type) return;
    if (reply.status !== 200) {
      $('paths-meta').textContent = 'Not updated: ' + reply.body.message;
      return;
    }
    state.paths = reply.body.paths;
    renderPaths();
    const count = state.paths.length;
    $('paths-meta').textContent = (count === 0 ? 'No paths' : count < PATH_ROWS_MORE ? 'All ' + count + ' paths'
      : 'The top ' + count + ' paths')
      + ', partitions ' + reply.body.partitions.join(', ') + ' from ' + reply.body.instances.join(' and ')
      + ', at ' + new Date().toLocaleTimeString();
    const table = $('path-table');
    table.dataset.type = type;
    table.dataset.state = 'ready';
  } catch (e) {
    $('paths-meta').textContent = 'Not updated: the server did not answer.';
  }
}

// Revenue per conversion, in cents rounded half up to whole cents (as cost per conversion is), exactly.
function perConversion(revenueCents, conversions) {
  const cents = BigInt(revenueCents);
  const count = BigInt(conversions);
  if (count <= 0n) return '-';
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  let quotient = abs / count;
  if ((abs % count) * 2n >= count) quotient += 1n;
  return formatCents(negative ? -quotient : quotient);
}

// A channel's colour class: its place among the channels the engine has for the type (by name), so a
// channel keeps its colour from row to row and refresh to refresh.
function chipColor(channel) {
  const known = channelsOf(state.channels).filter((c) => c !== '(unattributed)');
  let index = known.indexOf(channel);
  if (index < 0) index = [...channel].reduce((hash, ch) => (hash * 31 + ch.charCodeAt(0)) >>> 0, 7);
  return 'c' + (index % CHIP_COLORS);
}

// A path as its steps: channel chips joined by arrows, wrapping between steps; a truncated path (only its
// last steps kept) starts with an ellipsis.
function pathSteps(p) {
  const list = element('ol', { class: 'steps' });
  if (p.truncated) {
    list.append(element('li', {}, element('span', { class: 'chip ellipsis', 'data-field': 'ellipsis',
      title: 'earlier steps left out: only the last ' + p.steps.length + ' are kept' }, '\u2026')));
  }
  for (const channel of p.steps) {
    list.append(element('li', {}, element('span', { class: 'chip ' + chipColor(channel), 'data-field': 'step' }, channel)));
  }
  return list;
}

// The conversions against the top row's, as a bar.
function shareBar(conversions, top) {
  const width = top > 0 ? Math.max(1, (100 * conversions) / top) : 0;
  return svgElement('svg', { class: 'share-bar', viewBox: '0 0 100 10', preserveAspectRatio: 'none', 'aria-hidden': 'true' },
    svgElement('rect', { class: 'track', x: 0, y: 0, width: 100, height: 10, rx: 2 }),
    svgElement('rect', { class: 'bar', x: 0, y: 0, width: width.toFixed(2), height: 10, rx: 2 }));
}

// The paths in the endpoint's order (most conversions, then most revenue, then the path's text); the top
// ones shown until "show more" is pressed.
function renderPaths() {
  const paths = state.paths;
  $('paths-note').hidden = paths.length > 0;
  $('paths-note').textContent = 'No converted paths for ' + state.type + ' yet.';
  $('path-table').hidden = paths.length === 0;
  const top = paths.length > 0 ? paths[0].conversions : 0;
  const rows = paths.map((p, i) => {
    const folded = i >= PATH_ROWS && !state.pathsUnfolded;
    const ofTop = top > 0 ? Math.round((100 * p.conversions) / top) + '% of the top path\'s conversions' : '';
    return element('tr', { 'data-path': p.path, 'data-rank': String(i + 1), class: folded ? 'folded' : '' },
      element('td', { class: 'num rank' }, String(i + 1)),
      element('td', { class: 'path', title: p.path + (p.truncated ? ' (the last ' + p.steps.length + ' steps)' : '') },
        pathSteps(p)),
      element('td', { 'data-field': 'conversions', class: 'num' }, String(p.conversions)),
      element('td', { class: 'share', title: p.conversions + ' conversions: ' + ofTop }, shareBar(p.conversions, top)),
      element('td', { 'data-field': 'revenue', class: 'num' }, p.revenue),
      element('td', { 'data-field': 'per_conversion', class: 'num' }, perConversion(p.revenue_cents, p.conversions)));
  });
  $('path-rows').replaceChildren(...rows);
  const more = $('paths-more');
  more.hidden = paths.length <= PATH_ROWS;
  more.textContent = state.pathsUnfolded ? 'show the top ' + PATH_ROWS : 'show the top ' + paths.length + ' paths';
}

// ---- monthly trend --------------------------------------------------------------------------

async function refreshMonths() {
  const type = state.type;
  const model = state.model;
  try {
    const reply = await getJson('/months?type=' + encodeURIComponent(type) + '&model=' + encodeURIComponent(model));
    if (type !== state.type || model !== state.model) return;
    if (reply.status !== 200) {
      $('months-meta').textContent = 'Not updated: ' + reply.body.message;
      return;
    }
    state.months = reply.body.months;
    renderMonths();
    const axis = monthAxis(state.months);
    $('months-meta').textContent = (axis.length === 0 ? 'No months'
      : axis.length + ' months, ' + axis[0] + ' to ' + axis[axis.length - 1])
      + ', partitions ' + reply.body.partitions.join(', ') + ' from ' + reply.body.instances.join(' and ')
      + ', at ' + new Date().toLocaleTimeString();
    const chart = $('month-chart');
    chart.dataset.type = type;
    chart.dataset.model = model;
    chart.dataset.state = 'ready';
  } catch (e) {
    $('months-meta').textContent = 'Not updated: the server did not answer.';
  }
}

function nextMonth(month) {
  const [year, number] = month.split('-').map(Number);
  return number === 12 ? (year + 1) + '-01' : year + '-' + String(number + 1).padStart(2, '0');
}

// Every month from the first to the last with data, gaps included: a month without data is a zero, not
// a month left out. ("YYYY-MM" sorts as the months do.)
function monthAxis(rows) {
  const present = [...new Set(rows.map((r) => r.month))].sort();
  if (present.length === 0) return [];
  const months = [];
  for (let m = present[0]; m <= present[present.length - 1] && months.length <= LONGEST_MONTH_AXIS; m = nextMonth(m)) {
    months.push(m);
  }
  return months.length > LONGEST_MONTH_AXIS ? present : months;
}

// A row's value in the chart's measure: credit (conversions credited) or revenue (in currency units).
function monthValue(row, measure) {
  return measure === 'credit' ? Number(row.credit) : row.revenue_cents / 100;
}

// The series: the channels with the largest total over the months, one each, and "other" for the rest
// (every remaining channel, so that "other" sums what the named series leave out).
function monthSeries(rows, measure) {
  const totals = new Map();
  for (const r of rows) totals.set(r.channel, (totals.get(r.channel) || 0) + Math.abs(monthValue(r, measure)));
  const ranked = [...totals].filter(([, total]) => total > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([channel]) => channel);
  const named = ranked.length <= SERIES_COLORS.length ? ranked : ranked.slice(0, SERIES_COLORS.length);
  const series = named.map((channel, i) => ({ name: channel, members: [channel], color: SERIES_COLORS[i] }));
  if (ranked.length > named.length) {
    series.push({ name: 'other', members: channelsOf(rows).filter((c) => !named.includes(c)), color: OTHER_COLOR });
  }
  return series;
}

// Each series' exact credit and revenue in each month, summed over its channels.
function monthCells(rows, series) {
  const seriesOf = new Map();
  series.forEach((s) => s.members.forEach((channel) => seriesOf.set(channel, s.name)));
  const cells = new Map();
  for (const r of rows) {
    const name = seriesOf.get(r.channel);
    if (name === undefined) continue;
    const key = name + '|' + r.month;
    const cell = cells.get(key) || { credit: { units: 0n, scale: 0 }, cents: 0n };
    cells.set(key, { credit: addExact(cell.credit, exact(r.credit)), cents: cell.cents + BigInt(r.revenue_cents) });
  }
  return cells;
}

// Round steps for an axis from lo to hi: 1, 2, 2.5 or 5 times a power of ten, about five of them.
function niceAxis(lo, hi) {
  const span = hi - lo || 1;
  const raw = span / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((candidate) => raw <= candidate);
  return { lo: Math.floor(lo / step) * step, hi: Math.ceil(hi / step) * step || step, step };
}

function ticks(axis) {
  const values = [];
  for (let i = 0; axis.lo + i * axis.step <= axis.hi + axis.step / 1e6; i++) values.push(axis.lo + i * axis.step);
  return values;
}

const COMPACT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

function tickText(value, money) {
  return money ? COMPACT.format(value) : String(Number(value.toFixed(2)));
}

// Stacked columns, one per month, a segment per series (largest at the bottom, negative values below the
// zero line), and the month's spend over all channels as a dashed line: on the same axis as revenue, on
// an axis of its own on the right beside credit. Every segment keeps its exact credit and revenue.
function renderMonths() {
  const chart = $('month-chart');
  const rows = state.months;
  const measure = state.monthMeasure;
  $('months-note').hidden = rows.length > 0;
  $('months-note').textContent = noTotalsNote('monthly totals');
  const months = monthAxis(rows);
  const series = monthSeries(rows, measure);
  const cells = monthCells(rows, series);
  const hasSpend = rows.some((r) => r.spend_facts > 0);
  const spendCents = new Map(months.map((m) => [m, 0n]));
  for (const r of rows) {
    if (spendCents.has(r.month)) spendCents.set(r.month, spendCents.get(r.month) + BigInt(r.spend_cents || 0));
  }
  const spendAxisOwn = hasSpend && measure === 'credit';

  const width = 1000;
  const height = 300;
  const margin = { top: 16, right: spendAxisOwn ? 64 : 20, bottom: 46, left: 64 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const band = plotWidth / Math.max(1, months.length);

  // the stacks first: their tops and bottoms set the axis
  const stacks = months.map((month) => {
    let up = 0;
    let down = 0;
    return series.map((s) => {
      const cell = cells.get(s.name + '|' + month);
      if (!cell) return null;
      const value = measure === 'credit' ? Number(exactText(cell.credit)) : Number(cell.cents) / 100;
      const from = value >= 0 ? up : down;
      if (value >= 0) up += value; else down += value;
      return { series: s, month, cell, from, to: from + value };
    }).filter((segment) => segment !== null);
  });
  const tops = stacks.flat().map((segment) => Math.max(segment.from, segment.to));
  const bottoms = stacks.flat().map((segment) => Math.min(segment.from, segment.to));
  const spendValues = months.map((m) => Number(spendCents.get(m)) / 100);
  const sharedMax = hasSpend && !spendAxisOwn ? Math.max(0, ...spendValues) : 0;
  const left = niceAxis(Math.min(0, ...bottoms), Math.max(0, sharedMax, ...tops));
  const right = spendAxisOwn ? niceAxis(0, Math.max(0, ...spendValues)) : left;
  const yOf = (axis, value) => margin.top + plotHeight * (1 - (value - axis.lo) / (axis.hi - axis.lo));

  const nodes = [];
  const columnTotals = []; // drawn last, over the spend line
  for (const value of ticks(left)) {
    const y = yOf(left, value);
    nodes.push(svgElement('line', { class: value === 0 ? 'axis' : 'grid', x1: margin.left, x2: width - margin.right,
      y1: y, y2: y }));
    nodes.push(svgElement('text', { class: 'tick', x: margin.left - 8, y: y + 4, 'text-anchor': 'end' },
      tickText(value, measure === 'revenue')));
  }
  if (spendAxisOwn) {
    for (const value of ticks(right)) {
      nodes.push(svgElement('text', { class: 'tick', x: width - margin.right + 8, y: yOf(right, value) + 4 },
        tickText(value, true)));
    }
    nodes.push(svgElement('text', { class: 'axis-title', 'text-anchor': 'middle',
      transform: 'translate(' + (width - 12) + ' ' + (margin.top + plotHeight / 2) + ') rotate(90)' }, 'spend'));
  }
  nodes.push(svgElement('text', { class: 'axis-title', 'text-anchor': 'middle',
    transform: 'translate(14 ' + (margin.top + plotHeight / 2) + ') rotate(-90)' },
    measure === 'credit' ? 'credit (conversions)' : 'revenue' + (hasSpend ? ' and spend' : '')));

  months.forEach((month, i) => {
    const x = margin.left + i * band;
    const [year, number] = month.split('-');
    const label = svgElement('text', { class: 'month-label', 'data-month': month, x: x + band / 2,
      y: height - margin.bottom + 16, 'text-anchor': 'middle' }, MONTH_NAMES[Number(number) - 1]);
    nodes.push(label);
    if (i === 0 || number === '01') {
      nodes.push(svgElement('text', { class: 'month-label year', x: x + band / 2, y: height - margin.bottom + 32,
        'text-anchor': 'middle' }, year));
    }
    if (stacks[i].length > 0) {
      // the column's total over its top, in the measure's own form
      const total = stacks[i].reduce((sum, segment) => sum + segment.to - segment.from, 0);
      const peak = Math.max(0, ...stacks[i].map((segment) => Math.max(segment.from, segment.to)));
      columnTotals.push(svgElement('text', { class: 'column-total', x: x + band / 2, y: yOf(left, peak) - 5,
        'text-anchor': 'middle' }, measure === 'credit' ? String(Number(total.toFixed(1))) : COMPACT.format(total)));
    }
    for (const segment of stacks[i]) {
      const top = yOf(left, Math.max(segment.from, segment.to));
      const bottom = yOf(left, Math.min(segment.from, segment.to));
      const share = segment.series.name === 'other' ? 'other (' + segment.series.members.length + ' channels)'
        : segment.series.name;
      nodes.push(svgElement('rect', { class: 'segment', 'data-series': segment.series.name, 'data-month': month,
        'data-credit': exactText(segment.cell.credit), 'data-revenue-cents': segment.cell.cents.toString(),
        x: x + band * 0.18, width: band * 0.64, y: top, height: Math.max(0, bottom - top), fill: segment.series.color },
        svgElement('title', {}, share + ', ' + month + ': credit ' + Number(exactText(segment.cell.credit)).toFixed(2)
          + ', revenue ' + formatCents(segment.cell.cents))));
    }
  });

  if (hasSpend && months.length > 0) {
    const points = months.map((month, i) => [margin.left + (i + 0.5) * band, yOf(right, spendValues[i])]);
    nodes.push(svgElement('polyline', { class: 'spend-line', points: points.map((p) => p.join(',')).join(' ') }));
    months.forEach((month, i) => nodes.push(svgElement('circle', { class: 'spend-point', 'data-month': month,
      'data-spend-cents': spendCents.get(month).toString(), cx: points[i][0], cy: points[i][1], r: 4 },
      svgElement('title', {}, 'spend ' + month + ': ' + formatCents(spendCents.get(month))))));
  }
  nodes.push(...columnTotals);
  chart.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
  chart.replaceChildren(...nodes);
  chart.dataset.measure = measure;
  chart.dataset.spend = hasSpend ? 'on' : 'off';
  renderLegend(series, hasSpend, spendAxisOwn);
}

function renderLegend(series, hasSpend, spendAxisOwn) {
  const swatch = (color) => svgElement('svg', { width: 12, height: 12, 'aria-hidden': 'true' },
    svgElement('rect', { width: 12, height: 12, rx: 2, fill: color }));
  const items = series.map((s) => element('li', { 'data-series': s.name, 'data-members': JSON.stringify(s.members),
    title: s.members.join(', ') }, swatch(s.color),
    s.name === 'other' ? 'other (' + s.members.length + ' channels)' : s.name));
  if (hasSpend) {
    items.push(element('li', { class: 'spend' }, svgElement('svg', { width: 22, height: 12, 'aria-hidden': 'true' },
      svgElement('line', { class: 'spend-line', x1: 1, x2: 21, y1: 6, y2: 6 })),
      spendAxisOwn ? 'spend, all channels (right axis)' : 'spend, all channels'));
  }
  $('month-legend').replaceChildren(...items);
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
  $('type').addEventListener('change', () => { state.type = $('type').value; rememberSelection(); refresh(); });
  $('model').addEventListener('change', () => {
    state.model = $('model').value;
    rememberSelection();
    refresh();
    if ($('customer-id').value) lookup($('customer-id').value);
  });
  $('measure').addEventListener('change', () => { state.measure = $('measure').value; renderChart(state.channels); });
  $('month-measure').addEventListener('change', () => { state.monthMeasure = $('month-measure').value; renderMonths(); });
  $('campaign-channel').addEventListener('change', renderCampaigns);
  $('campaign-sort').addEventListener('change', () => { state.campaignSort = $('campaign-sort').value; renderCampaigns(); });
  $('campaigns-more').addEventListener('click', () => {
    state.campaignsUnfolded = !state.campaignsUnfolded;
    renderCampaigns();
  });
  $('paths-more').addEventListener('click', () => {
    state.pathsUnfolded = !state.pathsUnfolded;
    renderPaths();
  });
  $('lookup-form').addEventListener('submit', (event) => { event.preventDefault(); lookup($('customer-id').value); });

  refresh();
  setInterval(refresh, REFRESH_MILLIS);
  startFeed();
  if (params.get('customer')) {
    $('customer-id').value = params.get('customer');
    lookup(params.get('customer'));
  }
}

start();
