import type { Retailer } from '../../domain/retailer.js';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * The customer's chat page: plain HTML, CSS and script in one response, nothing from a CDN.
 * Replies arrive over server-sent events; the history is loaded on every (re)connect.
 */
export function chatPage(retailer: Retailer): string {
  const store = escapeHtml(retailer.storeName);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${store} · Chat</title>
<style>
  :root { --brand: #2f6f4f; --bg: #f4f6f5; --bot: #fff; --me: #dff0e6; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.45 system-ui, sans-serif; background: var(--bg); color: #1d2521; }
  header { background: var(--brand); color: #fff; padding: 14px 18px; font-weight: 600; }
  main { max-width: 720px; margin: 0 auto; display: flex; flex-direction: column; height: calc(100vh - 50px); }
  #log { flex: 1; overflow-y: auto; padding: 16px; display: flex; flex-direction: column; gap: 10px; }
  .msg { max-width: 85%; padding: 9px 13px; border-radius: 14px; white-space: pre-wrap; box-shadow: 0 1px 2px #0001; }
  .customer { align-self: flex-end; background: var(--me); }
  .bot, .staff { align-self: flex-start; background: var(--bot); }
  .staff { border-left: 3px solid var(--brand); }
  .cards { display: flex; gap: 10px; flex-wrap: wrap; margin-top: 8px; }
  .card { width: 160px; background: #fff; border: 1px solid #dde3df; border-radius: 10px; overflow: hidden; font-size: 13px; }
  .card img { width: 100%; height: 100px; object-fit: cover; display: block; }
  .card div { padding: 6px 8px; }
  .stock-low { color: #a15c00; } .stock-out_of_stock { color: #b00020; } .stock-in_stock { color: #2f6f4f; }
  #typing { padding: 0 18px 6px; color: #66736c; font-style: italic; min-height: 22px; }
  #quick { display: flex; gap: 8px; padding: 0 16px 8px; flex-wrap: wrap; }
  .replies { display: flex; gap: 6px; margin-top: 8px; flex-wrap: wrap; }
  .replies button { border: 1px solid var(--brand); color: var(--brand); background: #fff; border-radius: 14px; padding: 4px 10px; cursor: pointer; }
  #quick button { border: 1px solid var(--brand); color: var(--brand); background: #fff; border-radius: 16px; padding: 5px 12px; cursor: pointer; }
  form { display: flex; gap: 8px; padding: 12px 16px 16px; }
  input { flex: 1; padding: 11px 13px; border: 1px solid #c7d0cb; border-radius: 10px; font: inherit; }
  form button { background: var(--brand); color: #fff; border: 0; border-radius: 10px; padding: 0 18px; font: inherit; cursor: pointer; }
</style>
</head>
<body>
<header>${store} · Customer service</header>
<main>
  <div id="log" aria-live="polite"></div>
  <div id="typing"></div>
  <div id="quick">
    <button type="button">Where is my order?</button>
    <button type="button">Recommend something for me</button>
    <button type="button">What is your return policy?</button>
    <button type="button">Talk to a person</button>
  </div>
  <form id="form"><input id="text" autocomplete="off" placeholder="Type a message..." maxlength="4000" aria-label="Message"><button>Send</button></form>
</main>
<script>
(() => {
  const log = document.getElementById('log');
  const typing = document.getElementById('typing');
  let session = localStorage.getItem('concierge.session');
  const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; };
  function show(m) {
    const box = el('div', 'msg ' + m.role, m.text);
    if (m.cards && m.cards.length) {
      const cards = el('div', 'cards');
      for (const c of m.cards) {
        const card = el('div', 'card');
        const img = el('img'); img.src = c.imageUrl; img.alt = c.name; card.appendChild(img);
        const body = el('div');
        body.appendChild(el('strong', '', c.name)); body.appendChild(el('br'));
        body.appendChild(document.createTextNode(c.price + ' · '));
        body.appendChild(el('span', 'stock-' + c.stock, c.stock.replace(/_/g, ' ')));
        if (c.reason) { body.appendChild(el('br')); body.appendChild(el('em', '', c.reason)); }
        card.appendChild(body); cards.appendChild(card);
      }
      box.appendChild(cards);
    }
    if (m.quickReplies && m.quickReplies.length && m.live) {
      const row = el('div', 'replies');
      for (const q of m.quickReplies) {
        const b = el('button', '', q.label); b.type = 'button';
        b.addEventListener('click', () => { row.remove(); send(q.text); });
        row.appendChild(b);
      }
      box.appendChild(row);
    }
    log.appendChild(box); log.scrollTop = log.scrollHeight;
  }
  async function start() {
    if (!session) {
      const r = await fetch('/api/chat/sessions', { method: 'POST' });
      session = (await r.json()).sessionId; localStorage.setItem('concierge.session', session);
    }
    const r = await fetch('/api/chat/messages?sessionId=' + encodeURIComponent(session));
    log.textContent = '';
    for (const m of (await r.json()).messages) show(m);
    const events = new EventSource('/api/chat/events?sessionId=' + encodeURIComponent(session));
    events.addEventListener('typing', () => { typing.textContent = 'Concierge is typing...'; });
    events.addEventListener('draft', (e) => { typing.textContent = JSON.parse(e.data).text; });
    events.addEventListener('message', (e) => { typing.textContent = ''; show({ ...JSON.parse(e.data), live: true }); });
  }
  async function send(text) {
    if (!text.trim()) return;
    show({ role: 'customer', text });
    const id = (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random()).replace(/[^A-Za-z0-9_-]/g, '');
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const r = await fetch('/api/chat/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sessionId: session, text, clientMessageId: id }) });
        if (r.ok) return;
        if (r.status < 500) { show({ role: 'bot', text: 'Sorry, that message could not be sent.' }); return; }
      } catch {}
      await new Promise((res) => setTimeout(res, 1000 * (attempt + 1)));
    }
    show({ role: 'bot', text: 'Sorry, the connection is down. Please try again.' });
  }
  document.getElementById('form').addEventListener('submit', (e) => { e.preventDefault(); const i = document.getElementById('text'); send(i.value); i.value = ''; });
  for (const b of document.querySelectorAll('#quick button')) b.addEventListener('click', () => send(b.textContent));
  start();
})();
</script>
</body>
</html>
`;
}
