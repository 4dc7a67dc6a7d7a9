import { barChart } from './charts.js';

// Everything customers or staff wrote is put on the page as text (textContent), never as HTML.
const $ = (id) => document.getElementById(id);
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}
/** A table's heading row, then one row per entry of `rows`; a cell is text or an element. */
function fillTable(id, headings, rows) {
  const head = el('tr');
  for (const h of headings) head.append(el('th', '', h));
  $(id).replaceChildren(
    head,
    ...rows.map((cells) => {
      const row = el('tr');
      for (const cell of cells) {
        const td = el('td', '', cell instanceof Node ? undefined : cell);
        if (cell instanceof Node) td.append(cell);
        row.append(td);
      }
      return row;
    }),
  );
}
function button(label, onClick) {
  const node = el('button', '', label);
  node.type = 'button';
  node.addEventListener('click', onClick);
  return node;
}
const minutes = (seconds) => (seconds < 60 ? `${seconds} s` : `${Math.round(seconds / 60)} min`);
const percent = (rate) => (rate === null ? '–' : `${Math.round(rate * 1000) / 10}%`);

const state = {
  csrf: null,
  me: null,
  selected: null,
  events: null,
  refreshTimer: null,
  /** The unanswered question a draft being written answers. */
  draftQuestion: null,
  listRequest: 0,
};

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(state.csrf ? { 'x-csrf-token': state.csrf } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (response.status === 401) {
    showLogin();
    throw new Error('signed out');
  }
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.error || `HTTP ${response.status}`);
  return data;
}

function showLogin() {
  $('shell').hidden = true;
  $('login').hidden = false;
  state.events?.close();
}

async function showConsole(user) {
  state.me = user;
  state.csrf = user.csrfToken;
  $('login').hidden = true;
  $('shell').hidden = false;
  $('who').textContent = `${user.username} (${user.role})`;
  $('storeName').textContent = `${user.storeName} · Staff console`;
  document.title = `${user.storeName} · Staff console`;
  // The channels the server knows (its platform registry), not a list kept in the page.
  $('channelFilter').replaceChildren(
    el('option', '', 'Any channel'),
    ...user.channels.map((channel) => el('option', '', channel)),
  );
  $('channelFilter').firstChild.value = '';
  $('auditTab').hidden = user.role !== 'admin';
  $('productsTab').hidden = user.role !== 'admin';
  listen();
  await refreshLists();
}

/** Live updates: every message and mode change refreshes the lists and the open transcript. */
function listen() {
  state.events = new EventSource('/api/console/events');
  state.events.onopen = () => $('live').classList.add('on');
  state.events.onerror = () => $('live').classList.remove('on');
  for (const type of ['message', 'mode', 'escalation'])
    state.events.addEventListener(type, (e) => onEvent(JSON.parse(e.data)));
}

function onEvent(event) {
  clearTimeout(state.refreshTimer);
  state.refreshTimer = setTimeout(refreshLists, 150);
  if (state.selected && event.conversationId === state.selected) openConversation(state.selected);
}

function listQuery() {
  const params = new URLSearchParams();
  const q = $('search').value.trim();
  if (q) params.set('q', q);
  if ($('modeFilter').value) params.set('mode', $('modeFilter').value);
  if ($('channelFilter').value) params.set('channel', $('channelFilter').value);
  const query = params.toString();
  return query ? `?${query}` : '';
}

function queueRow(e) {
  const row = el('div', 'row');
  row.dataset.escalation = e.escalationId;
  row.append(el('span', `badge ${e.priority}`, e.priority), el('strong', '', e.reason));
  row.append(
    el('small', '', `${e.customerName ?? 'unverified'} · waiting ${minutes(e.waitingSeconds)}`),
  );
  row.append(el('small', '', e.summary.split('\n').slice(-1)[0]));
  const take = el('button', 'primary', 'Take');
  take.addEventListener('click', async (event) => {
    event.stopPropagation();
    try {
      await api('POST', `/api/console/escalations/${e.escalationId}/take`);
      await openConversation(e.conversationId);
    } catch (error) {
      $('status').textContent = `Could not take it: ${error.message}`;
    }
    await refreshLists();
  });
  row.append(take);
  row.addEventListener('click', () => openConversation(e.conversationId));
  return row;
}

function conversationRow(c) {
  const row = el('div', `row${c.conversationId === state.selected ? ' selected' : ''}`);
  row.dataset.conversation = c.conversationId;
  row.append(el('span', `badge ${c.mode}`, c.mode), el('span', 'badge', c.channel));
  row.append(el('span', 'name', c.customerName ?? 'unverified visitor'));
  if (c.waitingSeconds !== null && c.mode !== 'bot')
    row.append(el('span', 'wait', ` · waiting ${minutes(c.waitingSeconds)}`));
  const last = c.lastMessage ? `${c.lastMessage.role}: ${c.lastMessage.text}` : '';
  row.append(
    el('small', '', `${c.customerEmail ?? ''} ${new Date(c.updatedAt).toLocaleTimeString()}`),
  );
  row.append(el('small', '', last));
  row.addEventListener('click', () => openConversation(c.conversationId));
  return row;
}

async function refreshLists() {
  // Refreshes overlap (live events, typing in the search); only the newest may draw, or a
  // slow unfiltered answer would overwrite the search's own.
  const request = ++state.listRequest;
  const [{ escalations }, { conversations }] = await Promise.all([
    api('GET', '/api/console/escalations'),
    api('GET', `/api/console/conversations${listQuery()}`),
  ]);
  if (request !== state.listRequest) return;
  $('queue').replaceChildren(
    ...(escalations.length
      ? escalations.map(queueRow)
      : [el('div', 'row muted', 'Nobody is waiting.')]),
  );
  $('conversations').replaceChildren(
    ...(conversations.length
      ? conversations.map(conversationRow)
      : [el('div', 'row muted', 'No conversation matches.')]),
  );
}

function messageBox(m) {
  const box = el('div', `msg ${m.role}`);
  const who = m.role === 'note' ? `note by ${m.author}` : m.role === 'staff' ? m.author : m.role;
  box.append(el('span', 'who', `${who} · ${new Date(m.at).toLocaleTimeString()}`));
  box.append(document.createTextNode(m.text));
  if (m.toolCalls.length) {
    const tools = el('span', 'tools', 'tools: ');
    m.toolCalls.forEach((call, i) => {
      if (i > 0) tools.append(', ');
      tools.append(
        el(
          'span',
          call.error ? 'failed' : '',
          call.error ? `${call.name} (${call.error})` : call.name,
        ),
      );
    });
    box.append(tools);
  }
  return box;
}

function customerPanel(data) {
  const parts = [el('h2', '', 'Customer')];
  if (!data.customer) parts.push(el('p', 'muted', 'Not verified.'));
  else {
    const { customer } = data;
    parts.push(el('p', '', `${customer.name} · ${customer.email}`));
    const facts = Object.entries(customer.facts || {}).map(([k, v]) => `${k}: ${v}`);
    if (facts.length) parts.push(el('p', 'muted', facts.join(', ')));
    const table = el('table');
    const head = el('tr');
    head.append(el('th', '', 'Order'), el('th', '', 'Status'), el('th', '', 'Placed'));
    table.append(head);
    for (const o of customer.orders) {
      const row = el('tr');
      row.append(
        el('td', '', o.orderNumber),
        el('td', '', o.status),
        el('td', '', o.placedAt.slice(0, 10)),
      );
      table.append(row);
    }
    parts.push(table);
  }
  if (data.escalation) {
    parts.push(el('h2', '', 'Escalation'));
    parts.push(el('p', '', `${data.escalation.priority} · ${data.escalation.reason}`));
  }
  if (data.outcomes.length || data.survey) {
    parts.push(el('h2', '', 'Outcome'));
    for (const o of data.outcomes)
      parts.push(
        el(
          'p',
          'outcome',
          `${label(o.kind)}${o.handoffReason ? ` · ${label(o.handoffReason)}` : ''} · ${new Date(o.at).toLocaleString()}`,
        ),
      );
    if (data.reopened) parts.push(el('p', 'muted', `Reopened ${data.reopened}×`));
    if (data.survey)
      parts.push(
        el(
          'p',
          'survey',
          data.survey.rating === null
            ? 'Asked to rate; no rating yet.'
            : `Rated ${data.survey.rating}/5${data.survey.comment ? `: “${data.survey.comment}”` : ''}`,
        ),
      );
  }
  if (data.conversation.summary)
    parts.push(el('h2', '', 'Earlier'), el('p', 'muted', data.conversation.summary));
  $('customer').replaceChildren(...parts);
}

async function openConversation(id) {
  state.selected = id;
  const data = await api('GET', `/api/console/conversations/${encodeURIComponent(id)}`);
  const transcript = $('transcript');
  transcript.replaceChildren(...data.transcript.filter((m) => m.role !== 'tool').map(messageBox));
  transcript.scrollTop = transcript.scrollHeight;
  $('actions').hidden = false;
  const taken = data.escalation?.takenBy ? ` · taken by ${data.escalation.takenBy}` : '';
  $('status').textContent = `Mode: ${data.conversation.mode}${taken}`;
  customerPanel(data);
  for (const row of document.querySelectorAll('[data-conversation]'))
    row.classList.toggle('selected', row.dataset.conversation === id);
}

async function act(path, body) {
  if (!state.selected) return;
  try {
    await api(
      'POST',
      `/api/console/conversations/${encodeURIComponent(state.selected)}${path}`,
      body,
    );
    $('text').value = '';
    await openConversation(state.selected);
  } catch (error) {
    $('status').textContent = `Not done: ${error.message}`;
  }
}

async function showMetrics() {
  const m = await api('GET', `/api/console/metrics?days=${$('metricsDays').value}`);
  const tile = (value, label) => {
    const box = el('div', 'tile');
    box.append(el('b', '', value), el('span', '', label));
    return box;
  };
  const cost = m.days.reduce((sum, d) => sum + d.llmCostUsd, 0);
  $('tiles').replaceChildren(
    tile(m.conversations, 'conversations'),
    tile(percent(m.containmentRate), 'containment (no person needed)'),
    tile(percent(m.escalationRate), 'escalation rate'),
    tile(
      m.medianFirstResponseSeconds === null ? '–' : `${m.medianFirstResponseSeconds} s`,
      'median first response',
    ),
    tile(
      m.medianWaitForPersonSeconds === null
        ? '–'
        : minutes(Math.round(m.medianWaitForPersonSeconds)),
      'median wait for a person',
    ),
    tile(percent(m.toolErrorRate), `tool errors (${m.toolErrors} of ${m.toolCalls} calls)`),
    tile(`$${cost.toFixed(2)}`, 'estimated LLM cost'),
  );
  $('charts').replaceChildren(
    barChart('Conversations and escalations per day', m.days, [
      { key: 'conversations', label: 'conversations' },
      { key: 'escalations', label: 'escalations' },
    ]),
    barChart('LLM tokens per day (the offline model uses none)', m.days, [
      { key: 'llmInputTokens', label: 'input' },
      { key: 'llmOutputTokens', label: 'output' },
    ]),
    barChart(
      'Estimated LLM cost per day (USD)',
      m.days,
      [{ key: 'llmCostUsd', label: 'cost' }],
      (v) => `$${Number(v).toFixed(2)}`,
    ),
  );
  fillTable(
    'reasons',
    ['Reason', 'Escalations'],
    m.escalationReasons.map((r) => [r.reason, r.count]),
  );
}

const LABELS = {
  resolved_by_bot: 'resolved by the bot',
  resolved_by_person: 'resolved by a person',
  handed_off: 'handed off, never closed',
  abandoned: 'abandoned',
  customer_asked: 'customer asked for a person',
  missing_knowledge: 'missing knowledge',
  unsupported_request: 'request the bot cannot carry out',
  policy_restriction: 'policy restriction',
  tool_failure: 'tool failure',
  not_understood: 'could not understand',
  no_result: 'search found nothing',
  out_of_stock: 'out of stock',
  not_sold: 'not sold here',
};
const label = (key) => LABELS[key] ?? key;
const isoDay = (date) => date.toISOString().slice(0, 10);

/** The period the Insights view shows: a preset of last days, or the dates picked. */
function insightsPeriod() {
  const preset = $('insightsPreset').value;
  if (preset) {
    const to = new Date();
    $('insightsTo').value = isoDay(to);
    $('insightsFrom').value = isoDay(new Date(to.getTime() - (Number(preset) - 1) * 86_400_000));
  }
  return new URLSearchParams({ from: $('insightsFrom').value, to: $('insightsTo').value });
}

async function showInsights() {
  const period = insightsPeriod();
  $('insightsCsv').href = `/api/console/insights.csv?${period}`;
  $('insightsError').textContent = '';
  let s;
  try {
    s = await api('GET', `/api/console/insights?${period}`);
  } catch (error) {
    $('insightsError').textContent = `Could not load: ${error.message}`;
    return;
  }
  const tile = (value, text) => {
    const box = el('div', 'tile');
    box.append(el('b', '', value), el('span', '', text));
    return box;
  };
  const ended = Object.values(s.outcomes).reduce((a, b) => a + b, 0);
  $('insightTiles').replaceChildren(
    tile(
      s.csat.average === null ? '–' : s.csat.average.toFixed(2),
      `CSAT (1–5), ${s.csat.responses} ratings`,
    ),
    tile(percent(s.csat.satisfied), 'rated 4 or 5'),
    tile(s.conversations.total, 'conversations'),
    tile(percent(ended ? s.outcomes.resolved_by_bot / ended : null), 'resolved by the bot'),
    tile(s.reopened, 'reopened'),
    tile(percent(s.recommendations.boughtRate), 'recommendations bought'),
  );
  const channels = Object.keys(s.csat.byChannel).filter((c) => s.csat.byChannel[c].responses > 0);
  const csatDays = s.days.map((d) => ({
    day: d.day,
    ...Object.fromEntries(channels.map((c) => [c, d.csat.byChannel[c].average])),
  }));
  const outcomeDays = s.days.map((d) => ({ day: d.day, ...d.outcomes }));
  $('insightCharts').replaceChildren(
    barChart(
      'Average CSAT per day, by channel',
      csatDays,
      (channels.length ? channels : ['webchat']).map((c) => ({ key: c, label: c })),
      (v) => Number(v).toFixed(1),
    ),
    barChart(
      'Outcomes per day',
      outcomeDays,
      Object.keys(s.outcomes).map((k) => ({ key: k, label: label(k) })),
    ),
  );
  fillTable(
    'outcomesTable',
    ['Outcome', 'Conversations'],
    Object.entries(s.outcomes).map(([k, n]) => [label(k), n]),
  );
  fillTable(
    'handoffTable',
    ['Reason', 'Conversations'],
    Object.entries(s.handoffReasons)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => [label(k), n]),
  );
  const r = s.recommendations;
  fillTable(
    'funnelTable',
    ['Step', 'Products', 'Of shown'],
    [
      ['shown', r.shown, ''],
      ['asked about', r.asked, percent(r.askedRate)],
      ['bought within 30 days', r.bought, percent(r.boughtRate)],
    ],
  );
  fillTable(
    'demandTable',
    ['Kind', 'What', 'Times'],
    Object.entries(s.demand)
      .flatMap(([kind, terms]) => terms.map((t) => [label(kind), t.term, t.count]))
      .sort((a, b) => b[2] - a[2]),
  );
  fillTable(
    'insightGapsTable',
    ['Question', 'Times'],
    s.knowledgeGaps.map((g) => [g.term, g.count]),
  );
}

/** The description draft open in the Products view. */
let productDraft = null;

function openProductDraft(draft) {
  productDraft = draft;
  $('productDraftForm').hidden = false;
  $('productDraftTitle').textContent =
    `${draft.productName} · draft by ${draft.source === 'llm' ? 'the LLM' : 'the template'}`;
  const asked = draft.notes.length
    ? draft.notes.join(' · ')
    : 'No customer questions about it yet.';
  $('productDraftNotes').textContent = `${asked} · Now: “${draft.previous}”`;
  $('productDraftText').value = draft.text;
  $('productDraftStatus').textContent = '';
}

async function draftAction(path, method, body, done) {
  if (!productDraft) return;
  try {
    await api(method, `/api/console/product-drafts/${productDraft.draftId}${path}`, body);
    $('productDraftStatus').textContent = done;
    if (path) {
      $('productDraftForm').hidden = true;
      productDraft = null;
      await showProducts();
    }
  } catch (error) {
    $('productDraftStatus').textContent = `Not done: ${error.message}`;
  }
}

async function showProducts() {
  const [{ products }, { drafts }] = await Promise.all([
    api('GET', '/api/console/products/thin'),
    api('GET', '/api/console/product-drafts'),
  ]);
  const waiting = new Map(drafts.map((d) => [d.productId, d]));
  fillTable(
    'thinTable',
    ['Product', 'Description now', 'Customers asked', ''],
    products.map((p) => [
      p.name,
      p.description || '(none)',
      p.asked.map((a) => `${a.term} (${a.count})`).join(', ') || '–',
      waiting.has(p.productId)
        ? button('Open draft', () => openProductDraft(waiting.get(p.productId)))
        : button('Draft description', async () => {
            const { draft } = await api(
              'POST',
              `/api/console/products/${encodeURIComponent(p.productId)}/drafts`,
            );
            openProductDraft(draft);
          }),
    ]),
  );
}

async function showAudit() {
  const { entries } = await api('GET', '/api/console/audit');
  fillTable(
    'auditTable',
    ['When', 'Who', 'What', 'Conversation'],
    entries.map((e) => [
      new Date(e.at).toLocaleString(),
      e.actor,
      e.action,
      e.conversationId || '',
    ]),
  );
}

/** Unanswered questions (most asked first), a draft form for one, and, for admins, the drafts. */
async function showKnowledge() {
  const { gaps } = await api('GET', '/api/console/knowledge/gaps');
  fillTable(
    'gapsTable',
    ['Question', 'Language', 'Asked', 'Last asked', ''],
    gaps.map((g) => [
      g.question,
      g.language,
      g.count,
      new Date(g.lastAt).toLocaleString(),
      button('Write an answer', () => {
        state.draftQuestion = g.question;
        $('draftQuestion').textContent = g.question;
        $('draftLanguage').value = g.language;
        $('draftStatus').textContent = '';
        $('draftForm').hidden = false;
      }),
    ]),
  );
  const admin = state.me?.role === 'admin';
  $('draftsPanel').hidden = !admin;
  if (!admin) return;
  const { drafts } = await api('GET', '/api/console/knowledge/drafts');
  fillTable(
    'draftsTable',
    ['Title', 'Language', 'Answers', 'Text', ''],
    drafts.map((d) => [
      d.title,
      d.language,
      d.question || '',
      d.body,
      button('Publish', async () => {
        await api('POST', `/api/console/knowledge/drafts/${d.articleId}/${d.language}/publish`);
        await showKnowledge();
      }),
    ]),
  );
}

$('draftForm').addEventListener('submit', async (event) => {
  event.preventDefault();
  await api('POST', '/api/console/knowledge/drafts', {
    language: $('draftLanguage').value,
    title: $('draftTitle').value,
    body: $('draftBody').value,
    question: state.draftQuestion || undefined,
  });
  $('draftStatus').textContent = 'Saved; an admin reviews it before customers see it.';
  $('draftTitle').value = '';
  $('draftBody').value = '';
  await showKnowledge();
});

const VIEWS = {
  work: refreshLists,
  metrics: showMetrics,
  insights: showInsights,
  products: showProducts,
  knowledge: showKnowledge,
  audit: showAudit,
};
for (const tab of document.querySelectorAll('[data-view]')) {
  tab.addEventListener('click', async () => {
    for (const other of document.querySelectorAll('[data-view]'))
      other.classList.toggle('current', other === tab);
    for (const name of Object.keys(VIEWS)) $(name).hidden = name !== tab.dataset.view;
    await VIEWS[tab.dataset.view]();
  });
}

let searchTimer = null;
$('search').addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(refreshLists, 250);
});
$('modeFilter').addEventListener('change', refreshLists);
$('channelFilter').addEventListener('change', refreshLists);
$('metricsDays').addEventListener('change', showMetrics);
$('insightsPreset').addEventListener('change', showInsights);
$('productApprove').addEventListener('click', () =>
  draftAction('/approve', 'POST', { text: $('productDraftText').value }, 'Published.'),
);
$('productSave').addEventListener('click', () =>
  draftAction('', 'PUT', { text: $('productDraftText').value }, 'Saved; not published yet.'),
);
$('productDiscard').addEventListener('click', () =>
  draftAction('/discard', 'POST', undefined, 'Discarded.'),
);
for (const id of ['insightsFrom', 'insightsTo'])
  $(id).addEventListener('change', () => {
    $('insightsPreset').value = '';
    showInsights();
  });
$('reply').addEventListener('click', () => act('/reply', { text: $('text').value }));
$('note').addEventListener('click', () => act('/notes', { text: $('text').value }));
$('handBack').addEventListener('click', () => act('/hand-back'));
$('close').addEventListener('click', () => act('/close'));
$('logout').addEventListener('click', async () => {
  await api('POST', '/api/console/logout').catch(() => {});
  state.csrf = null;
  showLogin();
});
$('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('loginError').textContent = '';
  const response = await fetch('/api/console/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: $('username').value, password: $('password').value }),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    $('loginError').textContent =
      response.status === 429
        ? 'Too many attempts; try again later.'
        : 'Wrong username or password.';
    return;
  }
  $('password').value = '';
  await showConsole(data);
});

fetch('/api/console/me').then(async (response) => {
  if (response.ok) await showConsole(await response.json());
  else showLogin();
});
