/**
 * The staff console: one page of plain HTML, CSS and script, nothing from a CDN and no build
 * step. Everything a customer wrote is put on the page as text, never as HTML, and the page
 * runs under a strict Content-Security-Policy with a per-response script nonce.
 */
export function consolePage(nonce: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Concierge · Staff console</title>
<style>
  :root { --brand: #2f6f4f; --line: #dde3df; --muted: #66736c; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.45 system-ui, sans-serif; color: #1d2521; background: #f4f6f5; }
  header { background: var(--brand); color: #fff; padding: 10px 16px; display: flex; gap: 16px; align-items: center; }
  header strong { flex: 1; }
  header button, header a { color: #fff; background: transparent; border: 1px solid #fff8; border-radius: 6px; padding: 3px 10px; cursor: pointer; text-decoration: none; font: inherit; }
  #login { max-width: 320px; margin: 80px auto; background: #fff; padding: 24px; border-radius: 10px; border: 1px solid var(--line); display: grid; gap: 10px; }
  input, textarea { font: inherit; padding: 8px 10px; border: 1px solid #c7d0cb; border-radius: 8px; width: 100%; }
  button.primary { background: var(--brand); color: #fff; border: 0; border-radius: 8px; padding: 8px 14px; cursor: pointer; font: inherit; }
  button.plain { background: #fff; border: 1px solid #c7d0cb; border-radius: 8px; padding: 6px 12px; cursor: pointer; font: inherit; }
  #app { display: grid; grid-template-columns: 340px 1fr 280px; height: calc(100vh - 46px); }
  aside, section { overflow-y: auto; border-right: 1px solid var(--line); background: #fff; }
  h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 14px 14px 6px; }
  .row { padding: 8px 14px; border-bottom: 1px solid var(--line); cursor: pointer; }
  .row:hover, .row.selected { background: #eef5f1; }
  .row small { color: var(--muted); }
  .badge { display: inline-block; font-size: 11px; border-radius: 10px; padding: 1px 7px; background: #e6ece9; margin-right: 4px; }
  .urgent, .high { background: #fde2e1; color: #8a1c14; }
  .queued { background: #fff1cc; } .human { background: #dff0e6; } .closed { background: #eee; }
  #transcript { padding: 12px 16px; display: flex; flex-direction: column; gap: 8px; }
  .msg { max-width: 80%; padding: 7px 11px; border-radius: 12px; white-space: pre-wrap; background: #fff; border: 1px solid var(--line); }
  .msg.customer { align-self: flex-start; background: #f1f4f2; }
  .msg.bot, .msg.staff { align-self: flex-end; }
  .msg.staff { border-color: var(--brand); }
  .msg.note { align-self: center; background: #fff8d6; border-color: #e9d98a; font-style: italic; }
  .msg .who { display: block; font-size: 11px; color: var(--muted); }
  #actions { padding: 10px 16px; border-top: 1px solid var(--line); display: grid; gap: 8px; background: #fff; }
  #actions .buttons { display: flex; gap: 8px; flex-wrap: wrap; }
  #detail { display: flex; flex-direction: column; }
  #detail > #transcript { flex: 1; overflow-y: auto; }
  #customer { padding: 0 14px; }
  #status { color: #8a1c14; min-height: 20px; }
  table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); font-size: 13px; }
</style>
</head>
<body>
<form id="login" hidden>
  <strong>Staff sign-in</strong>
  <input id="username" autocomplete="username" placeholder="Username" aria-label="Username" required>
  <input id="password" type="password" autocomplete="current-password" placeholder="Password" aria-label="Password" required>
  <button class="primary">Sign in</button>
  <div id="loginError" role="alert"></div>
</form>
<div id="shell" hidden>
  <header><strong>Concierge · Staff console</strong><span id="who"></span><button id="auditButton" hidden>Audit log</button><button id="logout">Sign out</button></header>
  <div id="app">
    <aside>
      <h2>Escalation queue</h2><div id="queue"></div>
      <h2>Conversations</h2><div id="conversations"></div>
    </aside>
    <section id="detail">
      <div id="transcript"><p style="color:var(--muted)">Pick a conversation.</p></div>
      <div id="actions" hidden>
        <div id="status" role="status"></div>
        <textarea id="text" rows="3" placeholder="Write to the customer, or a note for staff" aria-label="Message"></textarea>
        <div class="buttons">
          <button class="primary" id="reply">Send to customer</button>
          <button class="plain" id="note">Add internal note</button>
          <button class="plain" id="handBack">Hand back to bot</button>
          <button class="plain" id="close">Close</button>
        </div>
      </div>
    </section>
    <aside id="customer"></aside>
  </div>
</div>
<script nonce="${nonce}">
(() => {
  const $ = (id) => document.getElementById(id);
  const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = String(text); return e; };
  let csrf = null; let me = null; let selected = null; let events = null; let refreshing = null;

  async function api(method, path, body) {
    const r = await fetch(path, { method, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}) }, body: body ? JSON.stringify(body) : undefined });
    if (r.status === 401) { showLogin(); throw new Error('signed out'); }
    const data = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(data.error || ('HTTP ' + r.status));
    return data;
  }
  function showLogin() { $('shell').hidden = true; $('login').hidden = false; if (events) events.close(); }
  async function showConsole(user) {
    me = user; csrf = user.csrfToken;
    $('login').hidden = true; $('shell').hidden = false;
    $('who').textContent = user.username + ' (' + user.role + ')';
    $('auditButton').hidden = user.role !== 'admin';
    events = new EventSource('/api/console/events');
    events.onmessage = () => {};
    for (const type of ['message', 'mode', 'escalation']) events.addEventListener(type, (e) => onEvent(JSON.parse(e.data)));
    await refreshLists();
  }
  function onEvent(event) {
    clearTimeout(refreshing); refreshing = setTimeout(refreshLists, 200);
    if (selected && event.conversationId === selected) openConversation(selected);
  }
  async function refreshLists() {
    const [{ escalations }, { conversations }] = await Promise.all([api('GET', '/api/console/escalations'), api('GET', '/api/console/conversations')]);
    const queue = $('queue'); queue.textContent = '';
    if (!escalations.length) queue.appendChild(el('div', 'row', 'Nobody is waiting.'));
    for (const e of escalations) {
      const row = el('div', 'row'); row.dataset.escalation = e.escalationId;
      row.appendChild(el('span', 'badge ' + e.priority, e.priority));
      row.appendChild(el('strong', '', e.reason)); row.appendChild(el('br'));
      row.appendChild(el('small', '', 'waiting ' + Math.round(e.waitingSeconds / 60) + ' min · ' + e.summary.split('\\n').slice(-1)[0]));
      const take = el('button', 'primary', 'Take'); take.style.marginTop = '6px'; take.style.display = 'block';
      take.addEventListener('click', async (ev) => { ev.stopPropagation(); try { await api('POST', '/api/console/escalations/' + e.escalationId + '/take'); await openConversation(e.conversationId); } catch (err) { alert('Could not take it: ' + err.message); } await refreshLists(); });
      row.appendChild(take);
      row.addEventListener('click', () => openConversation(e.conversationId));
      queue.appendChild(row);
    }
    const list = $('conversations'); list.textContent = '';
    for (const c of conversations) {
      const row = el('div', 'row' + (c.conversationId === selected ? ' selected' : '')); row.dataset.conversation = c.conversationId;
      row.appendChild(el('span', 'badge ' + c.mode, c.mode)); row.appendChild(el('span', 'badge', c.channel));
      row.appendChild(el('small', '', (c.customerId || 'unverified') + ' · ' + new Date(c.updatedAt).toLocaleTimeString()));
      row.addEventListener('click', () => openConversation(c.conversationId));
      list.appendChild(row);
    }
  }
  async function openConversation(id) {
    selected = id;
    const data = await api('GET', '/api/console/conversations/' + encodeURIComponent(id));
    const t = $('transcript'); t.textContent = '';
    for (const m of data.transcript) {
      if (m.role === 'tool') continue;
      const box = el('div', 'msg ' + m.role);
      box.appendChild(el('span', 'who', (m.role === 'note' ? 'note by ' : m.role === 'staff' ? '' : m.role + ' · ') + (m.author || '') + ' ' + new Date(m.at).toLocaleTimeString()));
      box.appendChild(document.createTextNode(m.text));
      if (m.toolCalls && m.toolCalls.length) box.appendChild(el('span', 'who', 'tools: ' + m.toolCalls.join(', ')));
      t.appendChild(box);
    }
    t.scrollTop = t.scrollHeight;
    $('actions').hidden = false;
    $('status').textContent = 'Mode: ' + data.conversation.mode + (data.escalation && data.escalation.takenBy ? ' · taken by ' + data.escalation.takenBy : '');
    const side = $('customer'); side.textContent = '';
    side.appendChild(el('h2', '', 'Customer'));
    if (!data.customer) side.appendChild(el('p', '', 'Not verified.'));
    else {
      side.appendChild(el('p', '', data.customer.name + ' · ' + data.customer.email));
      const facts = Object.entries(data.customer.facts || {}).map(([k, v]) => k + ': ' + v).join(', ');
      if (facts) side.appendChild(el('p', '', facts));
      const table = el('table'); const head = el('tr'); head.appendChild(el('th', '', 'Order')); head.appendChild(el('th', '', 'Status')); table.appendChild(head);
      for (const o of data.customer.orders) { const r = el('tr'); r.appendChild(el('td', '', o.orderNumber)); r.appendChild(el('td', '', o.status)); table.appendChild(r); }
      side.appendChild(table);
    }
    if (data.conversation.summary) { side.appendChild(el('h2', '', 'Summary')); side.appendChild(el('p', '', data.conversation.summary)); }
    await refreshLists();
  }
  async function act(path, body) {
    if (!selected) return;
    try { await api('POST', '/api/console/conversations/' + encodeURIComponent(selected) + path, body); $('text').value = ''; await openConversation(selected); }
    catch (err) { $('status').textContent = 'Not done: ' + err.message; }
  }
  $('reply').addEventListener('click', () => act('/reply', { text: $('text').value }));
  $('note').addEventListener('click', () => act('/notes', { text: $('text').value }));
  $('handBack').addEventListener('click', () => act('/hand-back'));
  $('close').addEventListener('click', () => act('/close'));
  $('logout').addEventListener('click', async () => { await api('POST', '/api/console/logout').catch(() => {}); csrf = null; showLogin(); });
  $('auditButton').addEventListener('click', async () => {
    const { entries } = await api('GET', '/api/console/audit');
    const t = $('transcript'); t.textContent = ''; $('actions').hidden = true; selected = null;
    const table = el('table'); const head = el('tr'); for (const h of ['When', 'Who', 'What', 'Conversation']) head.appendChild(el('th', '', h)); table.appendChild(head);
    for (const e of entries) { const r = el('tr'); for (const v of [new Date(e.at).toLocaleString(), e.actor, e.action, e.conversationId || '']) r.appendChild(el('td', '', v)); table.appendChild(r); }
    t.appendChild(table);
  });
  $('login').addEventListener('submit', async (e) => {
    e.preventDefault(); $('loginError').textContent = '';
    const r = await fetch('/api/console/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: $('username').value, password: $('password').value }) });
    const data = await r.json().catch(() => ({}));
    if (!r.ok) { $('loginError').textContent = r.status === 429 ? 'Too many attempts; try again later.' : 'Wrong username or password.'; return; }
    $('password').value = ''; await showConsole(data);
  });
  fetch('/api/console/me').then(async (r) => { if (r.ok) await showConsole(await r.json()); else showLogin(); });
})();
</script>
</body>
</html>`;
}
