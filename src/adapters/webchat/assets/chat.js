// Everything customers or staff wrote is put on the page as text (textContent), never as HTML.
const log = document.getElementById('log');
const typing = document.getElementById('typing');
let session = localStorage.getItem('concierge.session');
const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};
function show(m) {
  const box = el('div', `msg ${m.role}`, m.text);
  if (m.cards?.length) {
    const cards = el('div', 'cards');
    for (const c of m.cards) {
      const card = el('div', 'card');
      const img = el('img');
      img.src = c.imageUrl;
      img.alt = c.name;
      card.appendChild(img);
      const body = el('div');
      body.appendChild(el('strong', '', c.name));
      body.appendChild(el('br'));
      body.appendChild(document.createTextNode(`${c.price} · `));
      body.appendChild(el('span', `stock-${c.stock}`, c.stock.replace(/_/g, ' ')));
      if (c.reason) {
        body.appendChild(el('br'));
        body.appendChild(el('em', '', c.reason));
      }
      card.appendChild(body);
      cards.appendChild(card);
    }
    box.appendChild(cards);
  }
  if (m.quickReplies?.length && m.live) {
    const row = el('div', 'replies');
    for (const q of m.quickReplies) {
      const b = el('button', '', q.label);
      b.type = 'button';
      b.addEventListener('click', () => {
        row.remove();
        send(q.text);
      });
      row.appendChild(b);
    }
    box.appendChild(row);
  }
  log.appendChild(box);
  log.scrollTop = log.scrollHeight;
}
async function start() {
  if (!session) {
    const r = await fetch('/api/chat/sessions', { method: 'POST' });
    session = (await r.json()).sessionId;
    localStorage.setItem('concierge.session', session);
  }
  const r = await fetch(`/api/chat/messages?sessionId=${encodeURIComponent(session)}`);
  log.textContent = '';
  const history = (await r.json()).messages;
  // Only the last message's buttons can still be pressed.
  for (const [i, m] of history.entries())
    show({ ...m, live: i === history.length - 1 && m.role === 'bot' });
  const events = new EventSource(`/api/chat/events?sessionId=${encodeURIComponent(session)}`);
  events.addEventListener('typing', () => {
    typing.textContent = 'Concierge is typing...';
  });
  events.addEventListener('draft', (e) => {
    typing.textContent = JSON.parse(e.data).text;
  });
  events.addEventListener('message', (e) => {
    typing.textContent = '';
    show({ ...JSON.parse(e.data), live: true });
  });
}
async function send(text) {
  if (!text.trim()) return;
  show({ role: 'customer', text });
  const id = (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random()).replace(
    /[^A-Za-z0-9_-]/g,
    '',
  );
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const r = await fetch('/api/chat/messages', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sessionId: session, text, clientMessageId: id }),
      });
      if (r.ok) return;
      if (r.status < 500) {
        show({ role: 'bot', text: 'Sorry, that message could not be sent.' });
        return;
      }
    } catch {}
    await new Promise((res) => setTimeout(res, 1000 * (attempt + 1)));
  }
  show({ role: 'bot', text: 'Sorry, the connection is down. Please try again.' });
}
document.getElementById('form').addEventListener('submit', (e) => {
  e.preventDefault();
  const i = document.getElementById('text');
  send(i.value);
  i.value = '';
});
for (const b of document.querySelectorAll('#quick button'))
  b.addEventListener('click', () => send(b.textContent));
start();
