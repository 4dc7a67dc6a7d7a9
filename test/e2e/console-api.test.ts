import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionKey } from '../../src/adapters/webchat/routes.js';
import type { RunningApp } from '../../src/app.js';
import { eventually } from '../fakes/loopback.js';
import { addStaff, staffSession, webVisitor } from '../helpers/app-clients.js';
import { orderPicker, startTestApp } from '../helpers/running-app.js';

let app: RunningApp;
const pickOrder = orderPicker(() => app);

beforeAll(async () => {
  app = await startTestApp('console_api', {});
  await addStaff(app, [
    ['ada', 'admin'],
    ['bob', 'agent'],
  ]);
}, 120_000);
afterAll(async () => {
  await app?.store.db.dropDatabase();
  await app?.stop();
});

interface Listed {
  conversationId: string;
  mode: string;
  channel: string;
  customerName: string | null;
  customerEmail: string | null;
  waitingSeconds: number | null;
  lastMessage: { role: string; text: string } | null;
}

async function list(call: (m: string, p: string) => Promise<Response>, query: string) {
  const response = await call('GET', `/api/console/conversations${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { conversations: Listed[] }).conversations;
}

describe('the console API for finding conversations and measuring the service', () => {
  it('lists conversations with the customer and wait time, filtered by mode and channel, searched by name, email or order', async () => {
    const { order, customer } = await pickOrder({ status: 'shipped' });
    const verified = await webVisitor(app);
    await verified.say(`I'm ${customer.email}, order ${order.orderNumber}`);
    await verified.say('I need a person please');
    const other = await webVisitor(app);
    await other.say('hello');
    const bob = await staffSession(app, 'bob');

    const queued = await eventually(async () => {
      const found = await list(bob.call, '?mode=queued');
      return found.find((c) => c.customerEmail === customer.email);
    }, 'the queued conversation');
    expect(queued).toMatchObject({ channel: 'webchat', customerName: customer.name });
    expect(queued.lastMessage?.role).toBe('bot');

    for (const q of [
      customer.email.toUpperCase(),
      customer.name.split(' ')[1] ?? '',
      order.orderNumber,
    ]) {
      const found = await list(bob.call, `?q=${encodeURIComponent(q)}`);
      expect(
        found.map((c) => c.conversationId),
        q,
      ).toContain(queued.conversationId);
      expect(
        found.every((c) => c.customerEmail === customer.email || c.customerName?.includes(q)),
      ).toBe(true);
    }
    expect(await list(bob.call, '?q=NW-000000')).toEqual([]);
    expect(await list(bob.call, '?q=.*')).toEqual([]);
    expect((await list(bob.call, '?channel=slack')).length).toBe(0);
    const inBot = await list(bob.call, '?mode=bot');
    expect(inBot.map((c) => c.conversationId)).not.toContain(queued.conversationId);
    expect(inBot.length).toBeGreaterThan(0);

    // The customer writes again while queued: the wait shows until someone answers.
    await verified.say('hello? still there?');
    const waiting = await eventually(async () => {
      const [c] = await list(bob.call, `?q=${encodeURIComponent(order.orderNumber)}`);
      return c?.waitingSeconds !== null ? c : null;
    }, 'a wait time');
    expect(waiting.waitingSeconds).toBeGreaterThanOrEqual(0);

    for (const bad of ['?mode=sleeping', '?channel=fax', `?q=${'x'.repeat(101)}`, '?q=ana%00'])
      expect((await bob.call('GET', `/api/console/conversations${bad}`)).status, bad).toBe(400);
  });

  it('reports conversations, escalations and their reasons, first responses and tool calls', async () => {
    const visitor = await webVisitor(app);
    await visitor.say('what is your warranty policy?');
    await visitor.say('This is ridiculous, I want a human now');
    const ada = await staffSession(app, 'ada');
    const metrics = await eventually(async () => {
      const response = await ada.call('GET', '/api/console/metrics?days=7');
      const body = (await response.json()) as {
        conversations: number;
        escalationRate: number;
        containmentRate: number;
        escalationReasons: { reason: string; count: number }[];
        medianFirstResponseSeconds: number;
        toolCalls: number;
        days: { day: string; conversations: number }[];
      };
      return body.escalationReasons.some((r) => r.reason === 'customer is frustrated')
        ? body
        : null;
    }, 'the frustrated escalation in the metrics');
    expect(metrics.conversations).toBeGreaterThanOrEqual(3);
    expect(metrics.escalationRate).toBeGreaterThan(0);
    expect(metrics.escalationRate).toBeLessThan(1);
    expect(metrics.containmentRate).toBe(1);
    expect(metrics.medianFirstResponseSeconds).toBeGreaterThan(0);
    expect(metrics.toolCalls).toBeGreaterThanOrEqual(3);
    expect(metrics.days).toHaveLength(7);
    expect(metrics.days.at(-1)?.day).toBe(new Date().toISOString().slice(0, 10));
    expect((await ada.call('GET', '/api/console/metrics?days=0')).status).toBe(400);
    expect((await fetch(`${app.url}/api/console/metrics`)).status).toBe(401);
  });
});

/** What the bot answered a new web chat visitor's question (read from the transcript). */
async function answerTo(question: string): Promise<string> {
  const visitor = await webVisitor(app);
  await visitor.say(question);
  return eventually(async () => {
    const conversation = await app.store.conversations.findByKey(
      'webchat',
      sessionKey(visitor.sessionId),
    );
    const messages = conversation
      ? await app.store.messages.recent(conversation.conversationId, 10)
      : [];
    return messages.find((m) => m.role === 'bot')?.text;
  }, "the bot's answer");
}

describe('knowledge gaps and article drafts in the console', () => {
  it('counts unanswered questions, keeps a staff answer as a draft until an admin publishes it, and then answers from it', async () => {
    const question = 'Do you offer engraving on water bottles?';
    for (let i = 0; i < 2; i++)
      expect(await answerTo(question)).toMatch(/couldn't find that|didn't quite get that/);
    const bob = await staffSession(app, 'bob');
    const gaps = (await (await bob.call('GET', '/api/console/knowledge/gaps')).json()) as {
      gaps: { question: string; count: number }[];
    };
    expect(gaps.gaps.find((g) => g.question === question)?.count).toBe(2);

    const created = await bob.call('POST', '/api/console/knowledge/drafts', {
      language: 'en',
      title: 'Engraving',
      body: 'We engrave bottles and flasks for free: add a line of up to 20 characters at checkout.',
      question,
    });
    expect(created.status).toBe(201);
    const { articleId } = (await created.json()) as { articleId: string };
    // A draft answers nobody, and only an admin reviews drafts.
    expect(await answerTo(question)).toMatch(/couldn't find that|didn't quite get that/);
    expect((await bob.call('GET', '/api/console/knowledge/drafts')).status).toBe(403);
    expect(
      (await bob.call('POST', `/api/console/knowledge/drafts/${articleId}/en/publish`)).status,
    ).toBe(403);

    const ada = await staffSession(app, 'ada');
    const drafts = (await (await ada.call('GET', '/api/console/knowledge/drafts')).json()) as {
      drafts: { articleId: string; question: string }[];
    };
    expect(drafts.drafts.find((d) => d.articleId === articleId)?.question).toBe(question);
    expect(
      (await ada.call('POST', `/api/console/knowledge/drafts/${articleId}/en/publish`)).status,
    ).toBe(200);
    expect(await answerTo(question)).toMatch(/"Engraving"[\s\S]*free/);
    const after = (await (await ada.call('GET', '/api/console/knowledge/gaps')).json()) as {
      gaps: { question: string }[];
    };
    expect(after.gaps.map((g) => g.question)).not.toContain(question);
  });
});

describe('the Insights view', () => {
  /** The web chat's transcript as its page reads it. */
  async function chatMessages(sessionId: string) {
    const response = await fetch(`${app.url}/api/chat/messages?sessionId=${sessionId}`);
    return (
      (await response.json()) as {
        messages: { role: string; text: string; quickReplies?: { id: string; text: string }[] }[];
      }
    ).messages;
  }
  async function botReply(sessionId: string, count: number) {
    return eventually(async () => {
      const bot = (await chatMessages(sessionId)).filter((m) => m.role === 'bot');
      return bot.length >= count ? bot[count - 1] : undefined;
    }, `bot reply ${count}`);
  }

  it('adds up ratings, outcomes and unmet demand from the daily counters, as JSON and CSV', async () => {
    const visitor = await webVisitor(app);
    await visitor.say('what is your return policy?');
    await botReply(visitor.sessionId, 1);
    await visitor.say('do you sell kayaks?');
    await botReply(visitor.sessionId, 2);
    const other = await webVisitor(app);
    await other.say('=HYPERLINK("http://evil.example","zzqx")');
    await botReply(other.sessionId, 1);
    await visitor.say('thanks, bye');
    const asked = await botReply(visitor.sessionId, 3);
    expect(asked?.quickReplies?.map((q) => q.id)).toContain('rate_5');
    await visitor.say('5');
    await botReply(visitor.sessionId, 4);

    const bob = await staffSession(app, 'bob');
    const today = new Date().toISOString().slice(0, 10);
    const response = await bob.call('GET', `/api/console/insights?from=${today}&to=${today}`);
    expect(response.status).toBe(200);
    const insights = (await response.json()) as {
      csat: { byChannel: Record<string, { responses: number; average: number }> };
      outcomes: Record<string, number>;
      demand: { not_sold: { term: string; count: number }[] };
      days: { day: string }[];
    };
    expect(insights.csat.byChannel.webchat).toEqual({ responses: 1, average: 5 });
    expect(insights.outcomes.resolved_by_bot).toBeGreaterThanOrEqual(1);
    expect(insights.demand.not_sold).toContainEqual({ term: 'kayak', count: 1 });
    expect(insights.days.map((d) => d.day)).toEqual([today]);

    const csv = await bob.call('GET', `/api/console/insights.csv?from=${today}&to=${today}`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await csv.text();
    expect(text).toContain(`${today},csat_average,webchat,5`);
    // What a customer typed never becomes a spreadsheet formula.
    expect(text).toContain(',demand_not_sold,kayak,1');
    expect(text).toContain(`,knowledge_gap,"'=hyperlink(""http://evil.example"",""zzqx"")",1`);

    // The transcript view shows the outcome and the rating.
    const conversations = await list(bob.call, '?channel=webchat');
    const details = await Promise.all(
      conversations.map(async (c) =>
        (await bob.call('GET', `/api/console/conversations/${c.conversationId}`)).json(),
      ),
    );
    expect(details).toContainEqual(
      expect.objectContaining({
        outcomes: [expect.objectContaining({ kind: 'resolved_by_bot', episode: 0 })],
        survey: expect.objectContaining({ rating: 5 }),
      }),
    );
  });

  it('refuses a bad period and anyone not signed in', async () => {
    const bob = await staffSession(app, 'bob');
    for (const query of [
      '?from=2026-13-01',
      '?from=2026-03-02&to=2026-03-01',
      '?from=2020-01-01&to=2026-01-01',
    ])
      expect((await bob.call('GET', `/api/console/insights${query}`)).status).toBe(400);
    expect((await fetch(`${app.url}/api/console/insights`)).status).toBe(401);
    expect((await fetch(`${app.url}/api/console/insights.csv`)).status).toBe(401);
  });
});

describe('product description drafts in the console', () => {
  it('are for admins: a draft, an edit, then an approval changes the catalog', async () => {
    const bob = await staffSession(app, 'bob');
    expect((await bob.call('GET', '/api/console/products/thin')).status).toBe(403);
    const ada = await staffSession(app, 'ada');
    const thin = (await (await ada.call('GET', '/api/console/products/thin')).json()) as {
      products: { productId: string; words: number }[];
    };
    const [product] = thin.products;
    if (!product) throw new Error('the demo shop has no thin description');
    expect(product.words).toBeLessThan(25);
    const created = await ada.call('POST', `/api/console/products/${product.productId}/drafts`);
    expect(created.status).toBe(201);
    const { draft } = (await created.json()) as { draft: { draftId: string; text: string } };
    const text = `${draft.text} Approved by a person.`;
    const products = app.store.db.collection<{ productId: string; description: string }>(
      'products',
    );
    const before = (await products.findOne({ productId: product.productId }))?.description;
    expect(
      (await ada.call('PUT', `/api/console/product-drafts/${draft.draftId}`, { text })).status,
    ).toBe(200);
    expect((await products.findOne({ productId: product.productId }))?.description).toBe(before);
    expect(
      (await ada.call('PUT', `/api/console/product-drafts/${draft.draftId}`, { text: 'short' }))
        .status,
    ).toBe(400);
    const approved = await ada.call(
      'POST',
      `/api/console/product-drafts/${draft.draftId}/approve`,
      {
        text,
      },
    );
    expect(approved.status).toBe(200);
    expect((await products.findOne({ productId: product.productId }))?.description).toBe(text);
    const again = await ada.call('POST', `/api/console/product-drafts/${draft.draftId}/approve`, {
      text,
    });
    expect(again.status).toBe(409);
  });
});
